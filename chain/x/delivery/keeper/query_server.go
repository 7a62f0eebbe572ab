package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

type queryServer struct{ k Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k: k} }

// isNotFound reports whether err is a collections miss rather than a store failure.
func isNotFound(err error) bool { return errors.Is(err, collections.ErrNotFound) }

// Params returns the parameters.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// Reading returns one meter's reading of one period.
func (q queryServer) Reading(ctx context.Context, req *types.QueryReadingRequest) (*types.QueryReadingResponse, error) {
	if req == nil || req.MeterId == "" {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "name a meter_id and a period")
	}
	r, err := q.k.Readings.Get(ctx, collections.Join(req.Period, req.MeterId))
	if isNotFound(err) {
		pruned, before, perr := q.k.pruned(ctx, req.Period)
		if perr != nil {
			return nil, perr
		}
		if pruned {
			return nil, errorsmod.Wrapf(types.ErrReadingNotFound,
				"period %d's readings were pruned after its dispute window (every period before %d is); its totals remain: query period-totals %d",
				req.Period, before, req.Period)
		}
		return nil, errorsmod.Wrapf(types.ErrReadingNotFound, "meter %s has no reading for period %d", req.MeterId, req.Period)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryReadingResponse{Reading: r}, nil
}

// PeriodReadings pages through one period's readings by meter id: one prefix of the store.
func (q queryServer) PeriodReadings(ctx context.Context, req *types.QueryPeriodReadingsRequest) (*types.QueryPeriodReadingsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	prefix := collections.PairPrefix[uint64, string](req.Period)
	readings, page, err := query.CollectionPaginate(ctx, q.k.Readings, req.Pagination,
		func(_ readingKey, r types.Reading) (types.Reading, error) { return r, nil },
		func(o *query.CollectionsPaginateOptions[readingKey]) { o.Prefix = &prefix })
	if err != nil {
		return nil, err
	}
	pruned, _, err := q.k.pruned(ctx, req.Period)
	if err != nil {
		return nil, err
	}
	return &types.QueryPeriodReadingsResponse{Readings: readings, Pagination: page, Pruned: pruned}, nil
}

// PeriodTotals returns a period's totals, zero when it has no readings.
func (q queryServer) PeriodTotals(ctx context.Context, req *types.QueryPeriodTotalsRequest) (*types.QueryPeriodTotalsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	t, err := q.k.PeriodTotals.Get(ctx, req.Period)
	if isNotFound(err) {
		t, err = types.PeriodTotals{Period: req.Period}, nil
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryPeriodTotalsResponse{Totals: t}, nil
}
