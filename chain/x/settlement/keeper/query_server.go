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
		return nil, errorsmod.Wrapf(types.ErrNotFound, "no transmission cost declared for period %d", req.Period)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryTransmissionCostResponse{Cost: c}, nil
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
			Required:    math.ZeroInt(), Locked: math.ZeroInt(),
		}, nil
	}
	if err != nil {
		return nil, err
	}
	locked, err := q.k.fiat.LockedCollateral(ctx, owner, r.Denom)
	if err != nil {
		return nil, err
	}
	return &types.QueryCollateralRequirementResponse{Requirement: r, Required: r.Fixed, Locked: locked}, nil
}
