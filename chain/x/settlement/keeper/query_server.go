package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/gridledger/gridledger/chain/x/settlement/types"
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

// Progress says where settlement stands.
func (q queryServer) Progress(ctx context.Context, _ *types.QueryProgressRequest) (*types.QueryProgressResponse, error) {
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	next, err := q.k.NextPeriod.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	reconciled, err := q.k.delivery.ReconciledBefore(ctx)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryProgressResponse{NextPeriod: next, ReconciledBefore: reconciled}
	if resp.Prune, err = q.k.pruneProgress(ctx); err != nil {
		return nil, err
	}
	resp.PrunedBefore = resp.Prune.PrunedBefore
	run, running, err := q.k.runOf(ctx, next)
	if err != nil {
		return nil, err
	}
	if running {
		resp.Running = &run
	}
	if reconciled > next+params.FeeWindow() {
		resp.Waiting = reconciled - params.FeeWindow() - next
		if running {
			resp.Waiting--
		}
	}
	return resp, nil
}

// Run returns one period's run.
func (q queryServer) Run(ctx context.Context, req *types.QueryRunRequest) (*types.QueryRunResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "name a period")
	}
	run, err := q.k.Runs.Get(ctx, req.Period)
	if errors.Is(err, collections.ErrNotFound) {
		if err := q.k.errIfPruned(ctx, req.Period, "the settlement run"); err != nil {
			return nil, err
		}
		return nil, errorsmod.Wrapf(types.ErrNotFound, "period %d has no settlement run: it had nothing to settle or is not settled yet (query progress)", req.Period)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryRunResponse{Run: run}, nil
}

// Runs pages through the runs.
func (q queryServer) Runs(ctx context.Context, req *types.QueryRunsRequest) (*types.QueryRunsResponse, error) {
	if req == nil {
		req = &types.QueryRunsRequest{}
	}
	runs, page, err := query.CollectionPaginate(ctx, q.k.Runs, req.Pagination,
		func(_ uint64, r types.SettlementRun) (types.SettlementRun, error) { return r, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryRunsResponse{Runs: runs, Pagination: page}, nil
}

// Statement returns a participant's lines, net positions, debts and claims.
func (q queryServer) Statement(ctx context.Context, req *types.QueryStatementRequest) (*types.QueryStatementResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "name an owner and a period range")
	}
	owner, err := q.k.parseAddress("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	if req.ToPeriod < req.FromPeriod {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "to_period %d is before from_period %d", req.ToPeriod, req.FromPeriod)
	}
	if req.ToPeriod-req.FromPeriod >= types.MaxStatementPeriods {
		return nil, errorsmod.Wrapf(types.ErrRangeTooLong, "%d periods asked; at most %d per statement (31 days): ask for several ranges",
			req.ToPeriod-req.FromPeriod+1, types.MaxStatementPeriods)
	}
	if err := q.k.errIfPruned(ctx, req.FromPeriod, "the statement lines and net positions"); err != nil {
		return nil, err
	}
	resp := &types.QueryStatementResponse{Lines: []types.StatementLine{}, Nets: []types.NetPosition{}, Debts: []types.Debt{}, Claims: []types.Claim{}}
	lines := new(collections.Range[collections.Quad[sdk.AccAddress, uint64, int32, string]]).
		StartInclusive(collections.QuadSuperPrefix[sdk.AccAddress, uint64, int32, string](owner, req.FromPeriod)).
		EndExclusive(collections.QuadSuperPrefix[sdk.AccAddress, uint64, int32, string](owner, req.ToPeriod+1))
	if req.ToPeriod == 1<<64-1 {
		lines = new(collections.Range[collections.Quad[sdk.AccAddress, uint64, int32, string]]).
			StartInclusive(collections.QuadSuperPrefix[sdk.AccAddress, uint64, int32, string](owner, req.FromPeriod))
	}
	err = q.k.Lines.Walk(ctx, lines, func(key collections.Quad[sdk.AccAddress, uint64, int32, string], l types.StatementLine) (bool, error) {
		if !key.K1().Equals(owner) {
			return true, nil
		}
		resp.Lines = append(resp.Lines, l)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	it, err := q.k.NetsByOwner.Iterate(ctx, collections.NewPrefixedTripleRange[sdk.AccAddress, uint64, string](owner))
	if err != nil {
		return nil, err
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, err
		}
		if key.K2() < req.FromPeriod {
			continue
		}
		if key.K2() > req.ToPeriod {
			break
		}
		net, err := q.k.Nets.Get(ctx, collections.Join3(key.K2(), owner, key.K3()))
		if err != nil {
			return nil, err
		}
		resp.Nets = append(resp.Nets, net)
	}
	resp.Defaults, err = q.k.ownerDefaults(ctx, owner)
	if err != nil {
		return nil, err
	}
	err = q.k.Debts.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, string](owner), func(_ collections.Pair[sdk.AccAddress, string], d types.Debt) (bool, error) {
		resp.Debts = append(resp.Debts, d)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = q.k.Claims.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, string](owner), func(_ collections.Pair[sdk.AccAddress, string], c types.Claim) (bool, error) {
		resp.Claims = append(resp.Claims, c)
		return false, nil
	})
	return resp, err
}

// Debts pages through the debts, with their totals.
func (q queryServer) Debts(ctx context.Context, req *types.QueryDebtsRequest) (*types.QueryDebtsResponse, error) {
	if req == nil {
		req = &types.QueryDebtsRequest{}
	}
	debts, page, err := query.CollectionPaginate(ctx, q.k.Debts, req.Pagination,
		func(_ collections.Pair[sdk.AccAddress, string], d types.Debt) (types.Debt, error) { return d, nil })
	if err != nil {
		return nil, err
	}
	totals, err := totalsOf(ctx, q.k.DebtTotals, true)
	return &types.QueryDebtsResponse{Debts: debts, Totals: totals, Pagination: page}, err
}

// Claims pages through the unpaid claims, with their totals.
func (q queryServer) Claims(ctx context.Context, req *types.QueryClaimsRequest) (*types.QueryClaimsResponse, error) {
	if req == nil {
		req = &types.QueryClaimsRequest{}
	}
	claims, page, err := query.CollectionPaginate(ctx, q.k.Claims, req.Pagination,
		func(_ collections.Pair[sdk.AccAddress, string], c types.Claim) (types.Claim, error) { return c, nil })
	if err != nil {
		return nil, err
	}
	totals, err := totalsOf(ctx, q.k.ClaimTotals, false)
	return &types.QueryClaimsResponse{Claims: claims, Totals: totals, Pagination: page}, err
}

// totalsOf lists per-denom totals as payable (debts) or receivable (claims).
func totalsOf(ctx context.Context, m collections.Map[string, math.Int], payable bool) ([]types.Amounts, error) {
	out := []types.Amounts{}
	err := m.Walk(ctx, nil, func(denom string, v math.Int) (bool, error) {
		a := zeroAmounts(denom)
		if payable {
			a.Payable = v
		} else {
			a.Receivable = v
		}
		out = append(out, a)
		return false, nil
	})
	return out, err
}

// TransmissionCost returns a period's declared cost.
func (q queryServer) TransmissionCost(ctx context.Context, req *types.QueryTransmissionCostRequest) (*types.QueryTransmissionCostResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "name a period")
	}
	c, err := q.k.TransmissionCosts.Get(ctx, req.Period)
	if errors.Is(err, collections.ErrNotFound) {
		if err := q.k.errIfPruned(ctx, req.Period, "the transmission cost"); err != nil {
			return nil, err
		}
		return nil, errorsmod.Wrapf(types.ErrNotFound, "no transmission cost declared for period %d", req.Period)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryTransmissionCostResponse{Cost: c}, nil
}

// SecurityInterval returns an interval's record and a page of its usages.
func (q queryServer) SecurityInterval(ctx context.Context, req *types.QuerySecurityIntervalRequest) (*types.QuerySecurityIntervalResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "name an interval by its first period")
	}
	si, err := q.k.SecurityIntervals.Get(ctx, req.Interval)
	if errors.Is(err, collections.ErrNotFound) {
		if err := q.k.errIfPruned(ctx, req.Interval, "the security-fee interval"); err != nil {
			return nil, err
		}
		return nil, errorsmod.Wrapf(types.ErrNotFound, "no security-fee interval starts at period %d (none recorded usage yet, or it is not an interval's first period)", req.Interval)
	}
	if err != nil {
		return nil, err
	}
	usages, page, err := query.CollectionPaginate(ctx, q.k.Usages, req.Pagination,
		func(_ collections.Pair[uint64, sdk.AccAddress], u types.Usage) (types.Usage, error) { return u, nil },
		query.WithCollectionPaginationPairPrefix[uint64, sdk.AccAddress](req.Interval))
	if err != nil {
		return nil, err
	}
	return &types.QuerySecurityIntervalResponse{Interval: si, Usages: usages, Pagination: page}, nil
}

// SecurityFeeRule returns the rule, if one is set.
func (q queryServer) SecurityFeeRule(ctx context.Context, _ *types.QuerySecurityFeeRuleRequest) (*types.QuerySecurityFeeRuleResponse, error) {
	rule, err := q.k.SecurityFeeRule.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return &types.QuerySecurityFeeRuleResponse{}, nil
	}
	if err != nil {
		return nil, err
	}
	return &types.QuerySecurityFeeRuleResponse{Rule: &rule}, nil
}

// CollateralRequirement returns a participant's requirement and its locked collateral.
func (q queryServer) CollateralRequirement(ctx context.Context, req *types.QueryCollateralRequirementRequest) (*types.QueryCollateralRequirementResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "name an owner")
	}
	owner, err := q.k.parseAddress("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	r, err := q.k.CollateralRequirements.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return &types.QueryCollateralRequirementResponse{
			Requirement: types.CollateralRequirement{Owner: req.Owner, Fixed: math.ZeroInt()},
			Required:    math.ZeroInt(), Locked: math.ZeroInt(), OpenFaceValue: math.ZeroInt(),
		}, nil
	}
	if err != nil {
		return nil, err
	}
	locked, err := q.k.fiat.LockedCollateral(ctx, owner, r.Denom)
	if err != nil {
		return nil, err
	}
	open, err := q.k.energy.OpenFaceValue(ctx, owner, r.Denom)
	if err != nil {
		return nil, err
	}
	return &types.QueryCollateralRequirementResponse{Requirement: r, Required: requiredCollateral(r, open), Locked: locked, OpenFaceValue: open}, nil
}

// withOutstanding fills a default record's outstanding amount from its owner's debt.
func (k Keeper) withOutstanding(ctx context.Context, rec types.DefaultRecord) (types.DefaultRecord, error) {
	debt, err := k.getDebt(ctx, sdk.MustAccAddressFromBech32(rec.Owner), rec.Denom)
	rec.Outstanding = debt.Amount
	return rec, err
}

// ownerDefaults lists owner's default records (one per denom it defaulted in).
func (k Keeper) ownerDefaults(ctx context.Context, owner sdk.AccAddress) ([]types.DefaultRecord, error) {
	out := []types.DefaultRecord{}
	err := k.Defaults.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, string](owner), func(_ collections.Pair[sdk.AccAddress, string], rec types.DefaultRecord) (bool, error) {
		rec, err := k.withOutstanding(ctx, rec)
		out = append(out, rec)
		return false, err
	})
	return out, err
}

// Defaults pages through the default records, each with what its owner still owes.
func (q queryServer) Defaults(ctx context.Context, req *types.QueryDefaultsRequest) (*types.QueryDefaultsResponse, error) {
	if req == nil {
		req = &types.QueryDefaultsRequest{}
	}
	recs, page, err := query.CollectionPaginate(ctx, q.k.Defaults, req.Pagination,
		func(_ collections.Pair[sdk.AccAddress, string], rec types.DefaultRecord) (types.DefaultRecord, error) {
			return q.k.withOutstanding(ctx, rec)
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryDefaultsResponse{Defaults: recs, Pagination: page}, nil
}

// Handover returns the progress of the hand-over of a defaulter's open sides.
func (q queryServer) Handover(ctx context.Context, req *types.QueryHandoverRequest) (*types.QueryHandoverResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "name an owner")
	}
	owner, err := q.k.parseAddress("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	h, err := q.k.Handovers.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrNotFound, "%s has not defaulted: it has no hand-over of open sides", req.Owner)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryHandoverResponse{Handover: h}, nil
}
