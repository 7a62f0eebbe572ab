package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

type queryServer struct{ k Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k: k} }

// Params returns the parameters.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// Token returns one token.
func (q queryServer) Token(ctx context.Context, req *types.QueryTokenRequest) (*types.QueryTokenResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	t, err := q.k.GetToken(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	phase := params.PhaseAt(sdk.UnwrapSDKContext(ctx).BlockTime().Unix(), t.FirstPeriod, t.LastPeriod)
	return &types.QueryTokenResponse{Token: t, Phase: phase}, nil
}

// TokensByOwner walks the owner index, optionally one side only.
func (q queryServer) TokensByOwner(ctx context.Context, req *types.QueryTokensByOwnerRequest) (*types.QueryTokensByOwnerResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	owner, err := q.k.parseAddress("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	prefix := collections.TriplePrefix[sdk.AccAddress, int32, uint64](owner)
	if req.Side != types.Side_SIDE_UNSPECIFIED {
		if _, err := (&types.Token{}).SideOf(req.Side); err != nil {
			return nil, err
		}
		prefix = collections.TripleSuperPrefix[sdk.AccAddress, int32, uint64](owner, int32(req.Side))
	}
	tokens, page, err := query.CollectionPaginate(ctx, q.k.TokensByOwner, req.Pagination,
		func(key collections.Triple[sdk.AccAddress, int32, uint64], _ []byte) (types.Token, error) {
			return q.k.Tokens.Get(ctx, key.K3())
		},
		func(o *query.CollectionsPaginateOptions[collections.Triple[sdk.AccAddress, int32, uint64]]) {
			o.Prefix = &prefix
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryTokensByOwnerResponse{Tokens: tokens, Pagination: page}, nil
}

// Offers pages through one market's offers (side, category, denom), cheapest first,
// within the price bounds and delivery window, from the per-day offer index (offers.go).
func (q queryServer) Offers(ctx context.Context, req *types.QueryOffersRequest) (*types.QueryOffersResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if _, err := (&types.Token{}).SideOf(req.Side); err != nil {
		return nil, err
	}
	if req.Denom == "" {
		return nil, errorsmod.Wrap(types.ErrUnknownCurrency, "denom is required: offers are listed per currency")
	}
	if req.FromPeriod != 0 && req.ToPeriod != 0 && req.ToPeriod < req.FromPeriod {
		return nil, errorsmod.Wrapf(types.ErrInvalidPeriods, "to_period %d is before from_period %d", req.ToPeriod, req.FromPeriod)
	}
	ids, page, err := q.k.offersPage(ctx, req)
	if err != nil {
		return nil, err
	}
	tokens := make([]types.Token, 0, len(ids))
	for _, id := range ids {
		t, err := q.k.Tokens.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		tokens = append(tokens, t)
	}
	return &types.QueryOffersResponse{Tokens: tokens, Pagination: page}, nil
}

// Trades lists one token's trades, oldest first: the token's prefix of Trades.
func (q queryServer) Trades(ctx context.Context, req *types.QueryTradesRequest) (*types.QueryTradesResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if _, err := q.k.GetToken(ctx, req.TokenId); err != nil {
		return nil, err
	}
	trades, page, err := query.CollectionPaginate(ctx, q.k.Trades, req.Pagination,
		func(_ tradeKey, trade types.Trade) (types.Trade, error) { return trade, nil },
		query.WithCollectionPaginationPairPrefix[uint64, uint64](req.TokenId))
	if err != nil {
		return nil, err
	}
	return &types.QueryTradesResponse{Trades: trades, Pagination: page}, nil
}

// Position returns the owner's energy per period over a range of at most one week.
func (q queryServer) Position(ctx context.Context, req *types.QueryPositionRequest) (*types.QueryPositionResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	owner, err := q.k.parseAddress("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	periods, err := q.k.Position(ctx, owner, req.FromPeriod, req.ToPeriod)
	if err != nil {
		return nil, err
	}
	return &types.QueryPositionResponse{Periods: periods}, nil
}

// AveragePrice is the volume-weighted average price of the market trades whose token
// covers the period: the sum of price x Wh over the sum of Wh, rounded toward zero. The
// market's totals are kept per period as trades happen (market.go), so this reads one record.
func (q queryServer) AveragePrice(ctx context.Context, req *types.QueryAveragePriceRequest) (*types.QueryAveragePriceResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if req.Denom == "" {
		return nil, errorsmod.Wrap(types.ErrUnknownCurrency, "denom is required")
	}
	p, err := q.k.periodTradesOf(ctx, int32(req.Category), req.Denom, req.Period)
	if err != nil {
		return nil, err
	}
	return p.average()
}

// Traceability is the pro-rata origin of a consumer's energy (trace.go), at most
// types.MaxTraceReads store reads per call.
func (q queryServer) Traceability(ctx context.Context, req *types.QueryTraceabilityRequest) (*types.QueryTraceabilityResponse, error) {
	return q.k.Traceability(ctx, req, types.MaxTraceReads)
}
