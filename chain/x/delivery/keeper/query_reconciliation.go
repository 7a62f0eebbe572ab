package keeper

import (
	"context"
	"encoding/binary"
	"math"
	"math/bits"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// Reconciliation says where a period stands and returns its record once reconciled.
func (q queryServer) Reconciliation(ctx context.Context, req *types.QueryReconciliationRequest) (*types.QueryReconciliationResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	ps, err := q.k.energy.PeriodSeconds(ctx)
	if err != nil {
		return nil, err
	}
	current, err := q.k.energy.CurrentPeriod(ctx)
	if err != nil {
		return nil, err
	}
	closes, ok := windowClosesAt(req.Period, params.ReadingWindowPeriods, ps)
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "period %d is beyond the chain's calendar", req.Period)
	}
	res := &types.QueryReconciliationResponse{WindowClosesAt: closes}
	rec, err := q.k.Reconciliations.Get(ctx, req.Period)
	switch {
	case err == nil && rec.ReconciledHeight > 0:
		res.Phase, res.Record = types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILED, rec
		return res, nil
	case err != nil && !isNotFound(err):
		return nil, err
	}
	prog, err := q.k.Progress.Get(ctx)
	started := err == nil
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	switch {
	case started && req.Period < prog.NextPeriod:
		res.Phase = types.ReconciliationPhase_RECONCILIATION_PHASE_BEFORE_START
	case req.Period >= current:
		res.Phase = types.ReconciliationPhase_RECONCILIATION_PHASE_PENDING
	case !windowClosed(params, req.Period, current):
		res.Phase = types.ReconciliationPhase_RECONCILIATION_PHASE_READING_WINDOW
	case started && req.Period == prog.NextPeriod && prog.StartedHeight > 0:
		res.Phase = types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILING
	default:
		res.Phase = types.ReconciliationPhase_RECONCILIATION_PHASE_DUE
	}
	return res, nil
}

// ReconciliationProgress returns the progress record and the number of periods due.
func (q queryServer) ReconciliationProgress(ctx context.Context, _ *types.QueryReconciliationProgressRequest) (*types.QueryReconciliationProgressResponse, error) {
	prog, err := q.k.Progress.Get(ctx)
	if isNotFound(err) {
		return &types.QueryReconciliationProgressResponse{}, nil
	}
	if err != nil {
		return nil, err
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	current, err := q.k.energy.CurrentPeriod(ctx)
	if err != nil {
		return nil, err
	}
	res := &types.QueryReconciliationProgressResponse{Progress: prog, Started: true}
	if windowClosed(params, prog.NextPeriod, current) {
		res.DuePeriods = current - params.ReadingWindowPeriods - prog.NextPeriod
	}
	return res, nil
}

// Pruning returns the pruning progress, the first period not yet prunable and the backlog.
func (q queryServer) Pruning(ctx context.Context, _ *types.QueryPruningRequest) (*types.QueryPruningResponse, error) {
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	current, err := q.k.energy.CurrentPeriod(ctx)
	if err != nil {
		return nil, err
	}
	pp, err := q.k.pruneProgress(ctx)
	if err != nil {
		return nil, err
	}
	before, _, err := q.k.prunableBefore(ctx, params, current)
	if err != nil {
		return nil, err
	}
	res := &types.QueryPruningResponse{Progress: pp, PrunableBefore: before, DisputeWindowPeriods: params.DisputeWindow()}
	if before > pp.NextPeriod {
		// The oldest prunable reading, one seek: empty periods are no backlog.
		it, err := q.k.Readings.Iterate(ctx, prunableRange(pp.NextPeriod, before))
		if err != nil {
			return nil, err
		}
		defer it.Close()
		if it.Valid() {
			key, err := it.Key()
			if err != nil {
				return nil, err
			}
			res.DuePeriods = before - key.K1()
		}
	}
	return res, nil
}

// maxStatementPage bounds one page of a statement.
const maxStatementPage = 1000

// Statement pages through a participant's imbalance entries from from_period to
// to_period, in (period, token) order; the page key is the next entry's (period, token).
func (q queryServer) Statement(ctx context.Context, req *types.QueryStatementRequest) (*types.QueryStatementResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	owner, err := q.k.parseAddress("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	to := req.ToPeriod
	if to == 0 {
		to = 1<<64 - 1
	}
	if to < req.FromPeriod {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "to_period %d is before from_period %d", req.ToPeriod, req.FromPeriod)
	}
	limit := uint64(100)
	var start collections.Triple[sdk.AccAddress, uint64, uint64]
	start = collections.Join3(owner, req.FromPeriod, uint64(0))
	if p := req.Pagination; p != nil {
		if p.Offset != 0 || p.Reverse {
			return nil, errorsmod.Wrap(types.ErrInvalidRequest, "statements page by key only, oldest first")
		}
		if p.Limit > 0 {
			limit = min(p.Limit, maxStatementPage)
		}
		if len(p.Key) > 0 {
			if len(p.Key) != 16 {
				return nil, errorsmod.Wrap(types.ErrInvalidRequest, "pagination.key is not a statement page key")
			}
			start = collections.Join3(owner, binary.BigEndian.Uint64(p.Key), binary.BigEndian.Uint64(p.Key[8:]))
		}
	}
	rng := new(collections.Range[collections.Triple[sdk.AccAddress, uint64, uint64]]).
		StartInclusive(start).EndInclusive(collections.Join3(owner, to, uint64(1<<64-1)))
	it, err := q.k.Statements.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	res := &types.QueryStatementResponse{Pagination: &query.PageResponse{}}
	for ; it.Valid(); it.Next() {
		kv, err := it.KeyValue()
		if err != nil {
			return nil, err
		}
		if uint64(len(res.Entries)) == limit {
			res.Pagination.NextKey = binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, kv.Key.K2()), kv.Key.K3())
			break
		}
		res.Entries = append(res.Entries, kv.Value)
	}
	return res, nil
}

// ReferencePrices pages through the published reference prices.
func (q queryServer) ReferencePrices(ctx context.Context, req *types.QueryReferencePricesRequest) (*types.QueryReferencePricesResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	opts := []func(*query.CollectionsPaginateOptions[collections.Pair[int32, uint64]]){}
	if req.Category != 0 {
		prefix := collections.PairPrefix[int32, uint64](int32(req.Category))
		opts = append(opts, func(o *query.CollectionsPaginateOptions[collections.Pair[int32, uint64]]) { o.Prefix = &prefix })
	}
	prices, page, err := query.CollectionPaginate(ctx, q.k.ReferencePrices, req.Pagination,
		func(_ collections.Pair[int32, uint64], p types.ReferencePrice) (types.ReferencePrice, error) {
			return p, nil
		}, opts...)
	if err != nil {
		return nil, err
	}
	return &types.QueryReferencePricesResponse{Prices: prices, Pagination: page}, nil
}

// windowClosesAt is the Unix second period's reading window closes, unless it overflows.
func windowClosesAt(period, window, periodSeconds uint64) (int64, bool) {
	end := period + 1 + window
	if end <= period {
		return 0, false
	}
	hi, lo := bits.Mul64(end, periodSeconds)
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	return int64(lo), true
}
