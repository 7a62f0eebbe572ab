package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// StandardCo2Intensity returns the standard intensity of one category in a period.
func (q queryServer) StandardCo2Intensity(ctx context.Context, req *types.QueryStandardCo2IntensityRequest) (*types.QueryStandardCo2IntensityResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if _, known := balancingtypes.EnergyCategory_name[int32(req.Category)]; !known || req.Category == balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED {
		return nil, errorsmod.Wrapf(types.ErrInvalidCategory, "category %d is not an energy category", req.Category)
	}
	s, err := q.k.StandardCo2Intensity(ctx, req.Category, req.Period)
	if err != nil {
		return nil, err
	}
	return &types.QueryStandardCo2IntensityResponse{Standard: s}, nil
}

// Co2Standards returns the standard intensity of every category in a period, in
// category order: at most two seeks per category.
func (q queryServer) Co2Standards(ctx context.Context, req *types.QueryCo2StandardsRequest) (*types.QueryCo2StandardsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	resp := &types.QueryCo2StandardsResponse{}
	for c := balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR; c <= balancingtypes.EnergyCategory_ENERGY_CATEGORY_OTHER; c++ {
		s, err := q.k.StandardCo2Intensity(ctx, c, req.Period)
		if err != nil {
			return nil, err
		}
		resp.Standards = append(resp.Standards, s)
	}
	return resp, nil
}

// Co2Rate returns the rate per gram in a denom, zero when none was set.
func (q queryServer) Co2Rate(ctx context.Context, req *types.QueryCo2RateRequest) (*types.QueryCo2RateResponse, error) {
	if req == nil || req.Denom == "" {
		return nil, errorsmod.Wrap(types.ErrUnknownCurrency, "denom is required")
	}
	rate, err := q.k.Co2Rates.Get(ctx, req.Denom)
	if errors.Is(err, collections.ErrNotFound) {
		return &types.QueryCo2RateResponse{Rate: types.Co2Rate{Denom: req.Denom, RatePerGram: math.ZeroInt()}}, nil
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryCo2RateResponse{Rate: types.Co2Rate{Denom: req.Denom, RatePerGram: rate}, IsSet: true}, nil
}

// Co2Rates pages through the rates set, by denom.
func (q queryServer) Co2Rates(ctx context.Context, req *types.QueryCo2RatesRequest) (*types.QueryCo2RatesResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	rates, page, err := query.CollectionPaginate(ctx, q.k.Co2Rates, req.Pagination,
		func(denom string, rate math.Int) (types.Co2Rate, error) {
			return types.Co2Rate{Denom: denom, RatePerGram: rate}, nil
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryCo2RatesResponse{Rates: rates, Pagination: page}, nil
}

// Co2Token returns one CO2 token.
func (q queryServer) Co2Token(ctx context.Context, req *types.QueryCo2TokenRequest) (*types.QueryCo2TokenResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	c, err := q.k.GetCo2Token(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return &types.QueryCo2TokenResponse{Co2Token: c}, nil
}

// Co2TokensByOwner pages through the live CO2 tokens an account holds, by id.
func (q queryServer) Co2TokensByOwner(ctx context.Context, req *types.QueryCo2TokensByOwnerRequest) (*types.QueryCo2TokensByOwnerResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	owner, err := q.k.parseAddress("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	prefix := collections.PairPrefix[sdk.AccAddress, uint64](owner)
	tokens, page, err := query.CollectionPaginate(ctx, q.k.Co2TokensByOwner, req.Pagination,
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.Co2Token, error) {
			return q.k.Co2Tokens.Get(ctx, key.K2())
		},
		func(o *query.CollectionsPaginateOptions[collections.Pair[sdk.AccAddress, uint64]]) {
			o.Prefix = &prefix
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryCo2TokensByOwnerResponse{Co2Tokens: tokens, Pagination: page}, nil
}

// Co2Offers pages through the CO2 tokens offered in a denom, cheapest per tonne first.
func (q queryServer) Co2Offers(ctx context.Context, req *types.QueryCo2OffersRequest) (*types.QueryCo2OffersResponse, error) {
	if req == nil || req.Denom == "" {
		return nil, errorsmod.Wrap(types.ErrUnknownCurrency, "denom is required: CO2 offers are listed per currency")
	}
	prefix := collections.TriplePrefix[string, int64, uint64](req.Denom)
	tokens, page, err := query.CollectionPaginate(ctx, q.k.Co2Offers, req.Pagination,
		func(key collections.Triple[string, int64, uint64], _ collections.NoValue) (types.Co2Token, error) {
			return q.k.Co2Tokens.Get(ctx, key.K3())
		},
		func(o *query.CollectionsPaginateOptions[collections.Triple[string, int64, uint64]]) {
			o.Prefix = &prefix
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryCo2OffersResponse{Co2Tokens: tokens, Pagination: page}, nil
}
