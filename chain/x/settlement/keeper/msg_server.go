package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{Keeper: k} }

// maxDescriptionLength bounds a cost's description: a label, not a document (no personal data).
const maxDescriptionLength = 140

// UpdateParams replaces the parameters (governance only).
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", m.authority, msg.Authority)
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, m.Params.Set(ctx, msg.Params)
}

// requireOperator fails unless signer is the grid operator.
func (k Keeper) requireOperator(ctx context.Context, signer, what string) error {
	op, err := k.registry.GridOperator(ctx)
	if err != nil {
		return err
	}
	if op == "" || signer != op {
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s is not the grid operator: only the grid operator %s", signer, what)
	}
	return nil
}

// checkAmount checks a non-negative amount in an approved bank's denom.
func (k Keeper) checkAmount(ctx context.Context, field string, amount math.Int, denom string) error {
	if amount.IsNil() || amount.IsNegative() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "%s must be zero or more, got %v", field, amount)
	}
	if amount.BigInt().BitLen() > 128 {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "%s %s is above 2^128", field, amount)
	}
	if err := k.fiat.CheckSettlementDenom(ctx, denom); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "denom %q is not an approved bank's fiat denom: %v", denom, err)
	}
	return nil
}

// DeclareTransmissionCost records a delivered period's transmission cost until its run
// starts (seed §3.5.2: "upon delivery, the grid operator accounts and establishes the
// transmission costs incurred during the elementary period").
func (m msgServer) DeclareTransmissionCost(ctx context.Context, msg *types.MsgDeclareTransmissionCost) (*types.MsgDeclareTransmissionCostResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator, "declares transmission costs"); err != nil {
		return nil, err
	}
	if err := m.checkAmount(ctx, "amount", msg.Amount, msg.Denom); err != nil {
		return nil, err
	}
	if len(msg.Description) > maxDescriptionLength {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "description is %d characters; at most %d", len(msg.Description), maxDescriptionLength)
	}
	current, err := m.energy.CurrentPeriod(ctx)
	if err != nil {
		return nil, err
	}
	if msg.Period >= current {
		return nil, errorsmod.Wrapf(types.ErrPeriodNotDelivered, "period %d has not ended (the current period is %d): declare a delivered period's cost", msg.Period, current)
	}
	if started, err := m.runStarted(ctx, msg.Period); err != nil {
		return nil, err
	} else if started {
		return nil, errorsmod.Wrapf(types.ErrPeriodSettled, "period %d is settled or settling: its cost can no longer change", msg.Period)
	}
	cost := types.TransmissionCost{
		Period: msg.Period, Amount: msg.Amount, Denom: msg.Denom, LossesWh: msg.LossesWh, Description: msg.Description,
		Height: sdk.UnwrapSDKContext(ctx).BlockHeight(), ToTokens: math.ZeroInt(), ChargedDirect: math.ZeroInt(),
	}
	if err := m.TransmissionCosts.Set(ctx, msg.Period, cost); err != nil {
		return nil, err
	}
	return &types.MsgDeclareTransmissionCostResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventTransmissionCostDeclared{
		Period: msg.Period, Amount: msg.Amount.String(), Denom: msg.Denom,
	})
}

// runStarted says whether period's run has started (or the period was passed over).
func (k Keeper) runStarted(ctx context.Context, period uint64) (bool, error) {
	next, err := k.NextPeriod.Get(ctx)
	if err != nil {
		return false, nil // before the first block: nothing has started
	}
	if period < next {
		return true, nil
	}
	return k.Runs.Has(ctx, period)
}

// SetSecurityFeeRule replaces the security-of-supply fee rule.
func (m msgServer) SetSecurityFeeRule(ctx context.Context, msg *types.MsgSetSecurityFeeRule) (*types.MsgSetSecurityFeeRuleResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator, "sets the security-of-supply fee rule"); err != nil {
		return nil, err
	}
	rule := msg.Rule
	if _, ok := types.SecurityFeeMethod_name[int32(rule.Method)]; !ok || rule.Method == types.SecurityFeeMethod_SECURITY_FEE_METHOD_UNSPECIFIED {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "method %d is not fixed, consumption or peak", rule.Method)
	}
	if rule.IntervalPeriods == 0 || rule.IntervalPeriods > 96*366 {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "interval_periods is %d; between 1 and %d (a year)", rule.IntervalPeriods, 96*366)
	}
	if err := m.checkAmount(ctx, "amount", rule.Amount, rule.Denom); err != nil {
		return nil, err
	}
	// A run reads the rule in each of its blocks: a change in the middle of one would
	// count a period's usage into two intervals, or charge half an interval.
	if next, err := m.NextPeriod.Get(ctx); err == nil {
		if _, running, err := m.runOf(ctx, next); err != nil {
			return nil, err
		} else if running {
			return nil, errorsmod.Wrapf(types.ErrPeriodSettled, "period %d is being settled: change the security-fee rule once its run has finished (a block or a few)", next)
		}
	}
	return &types.MsgSetSecurityFeeRuleResponse{}, m.SecurityFeeRule.Set(ctx, rule)
}

// SetCollateralRequirement sets a participant's collateral requirement; zero amounts
// remove it.
func (m msgServer) SetCollateralRequirement(ctx context.Context, msg *types.MsgSetCollateralRequirement) (*types.MsgSetCollateralRequirementResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator, "sets collateral requirements"); err != nil {
		return nil, err
	}
	req := msg.Requirement
	owner, err := m.parseAddress("requirement.owner", req.Owner)
	if err != nil {
		return nil, err
	}
	if _, admitted, err := m.registry.GetParticipant(ctx, owner); err != nil {
		return nil, err
	} else if !admitted {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%s is not an admitted participant", req.Owner)
	}
	if err := m.checkAmount(ctx, "requirement.fixed", req.Fixed, req.Denom); err != nil {
		return nil, err
	}
	if req.OpenPositionBps > 100_000 {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "open_position_bps is %d; at most 100000 (10 times the open position)", req.OpenPositionBps)
	}
	if req.Fixed.IsZero() && req.OpenPositionBps == 0 {
		return &types.MsgSetCollateralRequirementResponse{}, m.CollateralRequirements.Remove(ctx, owner)
	}
	return &types.MsgSetCollateralRequirementResponse{}, m.CollateralRequirements.Set(ctx, owner, req)
}

// SeizeCollateral applies a debtor's locked collateral to its debt.
func (m msgServer) SeizeCollateral(ctx context.Context, msg *types.MsgSeizeCollateral) (*types.MsgSeizeCollateralResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator, "seizes collateral"); err != nil {
		return nil, err
	}
	owner, err := m.parseAddress("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	debt, err := m.getDebt(ctx, owner, msg.Denom)
	if err != nil {
		return nil, err
	}
	if !debt.Amount.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrNoDebt, "%s owes nothing in %q: there is nothing to seize collateral for", msg.Owner, msg.Denom)
	}
	seized, err := m.fiat.SeizeCollateral(ctx, owner, m.clearing, msg.Denom, debt.Amount)
	if err != nil {
		return nil, err
	}
	if seized.IsPositive() {
		// Seized between runs, the money waits in the clearing account for the next run,
		// whose claims stage shares it among the claims.
		if err := m.repay(ctx, debt, seized); err != nil {
			return nil, err
		}
		if err := addTotal(ctx, m.PendingRecovered, msg.Denom, seized); err != nil {
			return nil, err
		}
	}
	return &types.MsgSeizeCollateralResponse{Seized: seized}, nil
}
