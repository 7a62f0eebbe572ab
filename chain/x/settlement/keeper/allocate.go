package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// Grid fees (seed §3.5.2) are allocated in a run's allocate stage, in two paged walks:
//
//  1. the period's consumption (x/delivery's records, in owner order): each consumer's
//     share of the period's declared transmission cost, pro rata of its net consumption,
//     split over the tokens it consumed through in the period (x/delivery's consumer
//     tokens, imbalance tokens included) pro rata of their Wh and attached to them as grid
//     fees of kind "transmission" (issue 14: the cost is "attached to their tokens"), and
//     its total consumption added to its usage of the current security-fee interval;
//  2. when the period is the last of a security-fee interval, the interval's usages (in
//     owner order): each participant's security-of-supply fee, charged in the run.
//
// A transmission fee on a token is charged with the token, to its consumer side's owner,
// in the gather stage of the run of the token's due period: that period is at or after
// every period the token delivers in, and runs go period by period, allocate before
// gather, so every fee is attached before its token is gathered. A participant with net
// consumption but no consumer token recorded (a chain restarted from an export between
// reconciliation and the run) is charged its share in the run, as a statement line.
//
// Every amount is shared with share() over cumulative sums kept in the cost's, the
// split's and the interval's records, so the fees add up to the amount exactly, whatever
// the pages: a period's token fees and direct charges add up to its cost. Every grid fee
// is paid to the grid operator.

// allocate charges the period's grid fees, at most budget items per block.
func (r *runner) allocate(ctx context.Context, budget int) (int, bool, error) {
	operator, err := r.gridOperator(ctx)
	if err != nil {
		return 0, false, err
	}
	l := newLedger(r)
	used := 0
	if !r.run.ConsumptionWalked {
		n, done, err := r.walkConsumption(ctx, l, operator, budget)
		used += n
		if err != nil {
			return used, false, err
		}
		if !done {
			return used, false, l.flush(ctx)
		}
		r.run.ConsumptionWalked, r.run.AfterOwner = true, ""
		if used >= budget {
			return used, false, l.flush(ctx)
		}
	}
	n, done, err := r.chargeSecurityFee(ctx, l, operator, budget-used)
	used += n
	if err != nil {
		return used, false, err
	}
	return used, done, l.flush(ctx)
}

// gridOperator is the payee of every grid fee; nil when no grid operator is appointed
// (no grid fee is then charged).
func (r *runner) gridOperator(ctx context.Context) (sdk.AccAddress, error) {
	op, err := r.k.registry.GridOperator(ctx)
	if err != nil || op == "" {
		return nil, err
	}
	return sdk.AccAddressFromBech32(op)
}

// walkConsumption walks the period's consumption: transmission shares and usages.
func (r *runner) walkConsumption(ctx context.Context, l *ledger, operator sdk.AccAddress, budget int) (int, bool, error) {
	period := r.run.Period
	cost, hasCost, err := r.k.transmissionCost(ctx, period)
	if err != nil {
		return 0, false, err
	}
	si, hasUsage, err := r.k.currentInterval(ctx, period)
	if err != nil {
		return 0, false, err
	}
	if hasCost && (cost.Allocated || cost.UnallocatedNote != "") {
		hasCost = false // shared in an earlier block of this run
	}
	if !hasCost && !hasUsage {
		return 0, true, nil
	}
	if hasCost && r.run.AfterOwner == "" && cost.Splitting == nil {
		// The period is reconciled: its total is final, and the walk adds up to it.
		if cost.ConsumptionWh, err = r.k.delivery.ConsumptionTotal(ctx, period); err != nil {
			return 0, false, err
		}
		cost.AllocatedWalked, cost.Consumers, cost.Tokens = 0, 0, 0
		cost.ToTokens, cost.ChargedDirect = math.ZeroInt(), math.ZeroInt()
	}
	sharing := hasCost && cost.ConsumptionWh > 0 && operator != nil
	used, done := 0, false
	for used < budget {
		if cost.Splitting != nil {
			n, split, err := r.splitShare(ctx, l, &cost, operator, budget-used)
			used += n
			if err != nil {
				return used, false, err
			}
			if !split {
				break
			}
			cost.Splitting = nil
			continue
		}
		if done {
			break
		}
		var after sdk.AccAddress
		if r.run.AfterOwner != "" {
			if after, err = sdk.AccAddressFromBech32(r.run.AfterOwner); err != nil {
				return used, false, err
			}
		}
		// One owner at a time: its share's split over its tokens reads x/delivery too.
		n, stepDone, err := r.k.delivery.ConsumptionStep(ctx, period, after, 1, func(owner sdk.AccAddress, netWh, consumedWh uint64) error {
			r.run.AfterOwner = owner.String()
			if sharing && netWh > 0 {
				fee := share(cost.Amount, math.NewIntFromUint64(cost.ConsumptionWh), math.NewIntFromUint64(cost.AllocatedWalked), math.NewIntFromUint64(netWh))
				cost.AllocatedWalked += netWh
				cost.Consumers++
				if fee.IsPositive() {
					cost.Splitting = &types.TransmissionSplit{Owner: owner.String(), Share: fee, NetWh: netWh}
				}
			}
			if hasUsage && consumedWh > 0 {
				return r.k.addUsage(ctx, &si, owner, consumedWh, netWh)
			}
			return nil
		})
		used += n
		if err != nil {
			return used, false, err
		}
		done = stepDone
	}
	done = done && cost.Splitting == nil
	if hasUsage {
		if err := r.k.SecurityIntervals.Set(ctx, si.Interval, si); err != nil {
			return used, false, err
		}
	}
	if !hasCost {
		return used, done, nil
	}
	if done {
		if err := r.closeCost(ctx, &cost, sharing, operator); err != nil {
			return used, false, err
		}
	}
	return used, done, r.k.TransmissionCosts.Set(ctx, period, cost)
}

// splitShare attaches the share of cost.Splitting's owner to the tokens it consumed
// through, in two passes over them (x/delivery's consumer tokens, in id order): the
// first adds up their Wh, the second gives each its part of the share pro rata of its
// Wh, exactly, and removes the entries (they served their one purpose). split says the
// share is attached in full.
func (r *runner) splitShare(ctx context.Context, l *ledger, cost *types.TransmissionCost, operator sdk.AccAddress, budget int) (int, bool, error) {
	sp := cost.Splitting
	owner, err := sdk.AccAddressFromBech32(sp.Owner)
	if err != nil {
		return 0, false, err
	}
	used := 0
	if !sp.Summed {
		n, done, err := r.k.delivery.ConsumerTokensStep(ctx, cost.Period, owner, sp.AfterToken, budget, false, func(id, wh uint64) error {
			sp.TokenWh = addSaturating(sp.TokenWh, wh)
			sp.AfterToken = id
			return nil
		})
		used += n
		if err != nil || !done {
			return used, false, err
		}
		sp.Summed, sp.AfterToken = true, 0
	}
	if sp.TokenWh == 0 {
		if err := l.charge(ctx, owner, operator, cost.Denom, sp.Share, types.ChargeKind_CHARGE_KIND_TRANSMISSION, sp.NetWh, 0); err != nil {
			return used, false, err
		}
		cost.ChargedDirect = cost.ChargedDirect.Add(sp.Share)
		return max(used, 1), true, nil
	}
	whole := math.NewIntFromUint64(sp.TokenWh)
	n, done, err := r.k.delivery.ConsumerTokensStep(ctx, cost.Period, owner, 0, budget-used, true, func(id, wh uint64) error {
		fee := share(sp.Share, whole, math.NewIntFromUint64(sp.WalkedWh), math.NewIntFromUint64(wh))
		sp.WalkedWh = addSaturating(sp.WalkedWh, wh)
		if !fee.IsPositive() {
			return nil
		}
		cost.Tokens++
		cost.ToTokens = cost.ToTokens.Add(fee)
		return r.k.energy.AttachGridFee(ctx, id, energytypes.GridFee{
			Kind: energytypes.GridFeeKindTransmission, Recipient: operator.String(),
			Amount: energytypes.Money{Amount: fee, Denom: cost.Denom},
		})
	})
	used += n
	if err != nil || !done {
		return used, false, err
	}
	if sp.WalkedWh != sp.TokenWh {
		return used, false, fmt.Errorf("transmission share of %s in period %d: walked %d Wh of its tokens' %d Wh", sp.Owner, cost.Period, sp.WalkedWh, sp.TokenWh)
	}
	return used, true, nil
}

// closeCost records the end of a cost's allocation: shared out, or left unallocated with
// the reason (nothing is charged to anyone when nobody consumed net).
func (r *runner) closeCost(ctx context.Context, cost *types.TransmissionCost, shared bool, operator sdk.AccAddress) error {
	switch {
	case shared:
		if cost.AllocatedWalked != cost.ConsumptionWh {
			return fmt.Errorf("transmission cost of period %d: walked %d Wh of a total of %d Wh", cost.Period, cost.AllocatedWalked, cost.ConsumptionWh)
		}
		if !cost.ToTokens.Add(cost.ChargedDirect).Equal(cost.Amount) {
			return fmt.Errorf("transmission cost of period %d: %s attached to tokens and %s charged of %s", cost.Period, cost.ToTokens, cost.ChargedDirect, cost.Amount)
		}
		cost.Allocated = true
	case operator == nil:
		cost.UnallocatedNote = "not allocated: no grid operator is appointed to receive it"
	default:
		cost.UnallocatedNote = fmt.Sprintf("not allocated: period %d had no net consumption to share it over; nobody was charged", cost.Period)
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventTransmissionCostAllocated{
		Period: cost.Period, Amount: cost.Amount.String(), Denom: cost.Denom, ConsumptionWh: cost.ConsumptionWh,
		Consumers: cost.Consumers, Allocated: cost.Allocated,
	})
}

// checkTransmissionCosts checks that every allocated cost's token fees and direct
// charges add up to it, and that no cost is left half split.
func (k Keeper) checkTransmissionCosts(ctx context.Context) error {
	return k.TransmissionCosts.Walk(ctx, nil, func(period uint64, c types.TransmissionCost) (bool, error) {
		if !c.Allocated || (c.ToTokens.IsNil() && c.ChargedDirect.IsNil()) {
			return false, nil // not allocated, or allocated as run lines before token fees
		}
		if c.Splitting != nil || c.ToTokens.IsNil() || c.ChargedDirect.IsNil() || !c.ToTokens.Add(c.ChargedDirect).Equal(c.Amount) {
			return true, fmt.Errorf("transmission cost of period %d: %v attached to tokens and %v charged in the run do not add up to %s", period, c.ToTokens, c.ChargedDirect, c.Amount)
		}
		return false, nil
	})
}

// transmissionCost reads a period's declared cost, if any.
func (k Keeper) transmissionCost(ctx context.Context, period uint64) (types.TransmissionCost, bool, error) {
	cost, err := k.TransmissionCosts.Get(ctx, period)
	if errors.Is(err, collections.ErrNotFound) {
		return cost, false, nil
	}
	return cost, err == nil, err
}

// securityFeeRule reads the operator's security-fee rule, if set.
func (k Keeper) securityFeeRule(ctx context.Context) (types.SecurityFeeRule, bool, error) {
	rule, err := k.SecurityFeeRule.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return rule, false, nil
	}
	return rule, err == nil, err
}

// intervalOf is the first period of the rule's interval holding period; ok is false
// before the rule's first interval.
func intervalOf(rule types.SecurityFeeRule, period uint64) (uint64, bool) {
	if rule.IntervalPeriods == 0 || period < rule.FromPeriod {
		return 0, false
	}
	return period - (period-rule.FromPeriod)%rule.IntervalPeriods, true
}

// endsInterval says whether period is the last of one of the rule's intervals.
func endsInterval(rule types.SecurityFeeRule, period uint64) bool {
	start, ok := intervalOf(rule, period)
	return ok && period == start+rule.IntervalPeriods-1
}

// currentInterval is the record of the security-fee interval period counts towards; ok is
// false when no rule is set or the period is before its first interval.
func (k Keeper) currentInterval(ctx context.Context, period uint64) (types.SecurityInterval, bool, error) {
	rule, found, err := k.securityFeeRule(ctx)
	if err != nil || !found {
		return types.SecurityInterval{}, false, err
	}
	start, ok := intervalOf(rule, period)
	if !ok {
		return types.SecurityInterval{}, false, nil
	}
	si, err := k.SecurityIntervals.Get(ctx, start)
	if errors.Is(err, collections.ErrNotFound) {
		return types.SecurityInterval{Interval: start, LastPeriod: start + rule.IntervalPeriods - 1, Amount: math.ZeroInt()}, true, nil
	}
	return si, err == nil && !si.Charged, err
}

// addUsage adds a period's total consumption (wh, own production not deducted: seed
// §3.5.2 "counted both locally and non-locally") to owner's usage of the interval and to
// the interval's totals; its peak follows its net consumption (netWh), the load it put on
// the grid (the sum of the peaks follows each owner's peak).
func (k Keeper) addUsage(ctx context.Context, si *types.SecurityInterval, owner sdk.AccAddress, wh, netWh uint64) error {
	key := collections.Join(si.Interval, owner)
	u, err := k.Usages.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		u, err = types.Usage{Owner: owner.String(), Interval: si.Interval}, nil
		si.Participants++
	}
	if err != nil {
		return err
	}
	u.Wh = addSaturating(u.Wh, wh)
	si.Wh = addSaturating(si.Wh, wh)
	if netWh > u.PeakWh {
		si.PeakWh = addSaturating(si.PeakWh, netWh-u.PeakWh)
		u.PeakWh = netWh
	}
	return k.Usages.Set(ctx, key, u)
}

// chargeSecurityFee charges the security-of-supply fee of the interval the period ends,
// by the rule's method, to every participant with usage in it.
func (r *runner) chargeSecurityFee(ctx context.Context, l *ledger, operator sdk.AccAddress, budget int) (int, bool, error) {
	rule, found, err := r.k.securityFeeRule(ctx)
	if err != nil || !found || !endsInterval(rule, r.run.Period) || operator == nil {
		return 0, err == nil, err
	}
	start, _ := intervalOf(rule, r.run.Period)
	si, err := r.k.SecurityIntervals.Get(ctx, start)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, true, nil // nobody consumed in the interval: nobody pays
	}
	if err != nil || si.Charged {
		return 0, err == nil, err
	}
	if r.run.AfterOwner == "" && si.Walked == 0 {
		// The rule the interval is charged by, kept for every page of the walk.
		si.Method, si.Amount, si.Denom = rule.Method, rule.Amount, rule.Denom
	}
	rng := collections.NewPrefixedPairRange[uint64, sdk.AccAddress](start)
	if r.run.AfterOwner != "" {
		after, err := sdk.AccAddressFromBech32(r.run.AfterOwner)
		if err != nil {
			return 0, false, err
		}
		rng = rng.StartExclusive(after)
	}
	it, err := r.k.Usages.Iterate(ctx, rng)
	if err != nil {
		return 0, false, err
	}
	defer it.Close()
	used := 0
	for ; it.Valid() && used < budget; it.Next() {
		u, err := it.Value()
		if err != nil {
			return used, false, err
		}
		owner, err := sdk.AccAddressFromBech32(u.Owner)
		if err != nil {
			return used, false, err
		}
		fee, basis := si.Amount, u.Wh
		switch si.Method {
		case types.SecurityFeeMethod_SECURITY_FEE_METHOD_CONSUMPTION:
			fee = share(si.Amount, math.NewIntFromUint64(si.Wh), math.NewIntFromUint64(si.Walked), math.NewIntFromUint64(u.Wh))
			si.Walked += u.Wh
		case types.SecurityFeeMethod_SECURITY_FEE_METHOD_PEAK:
			fee = share(si.Amount, math.NewIntFromUint64(si.PeakWh), math.NewIntFromUint64(si.Walked), math.NewIntFromUint64(u.PeakWh))
			si.Walked += u.PeakWh
			basis = u.PeakWh
		}
		if err := l.charge(ctx, owner, operator, si.Denom, fee, types.ChargeKind_CHARGE_KIND_SECURITY_OF_SUPPLY, basis, 0); err != nil {
			return used, false, err
		}
		r.run.AfterOwner = u.Owner
		used++
	}
	done := !it.Valid()
	if done {
		si.Charged, si.ChargedPeriod = true, r.run.Period
		if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventSecurityFeeCharged{
			Interval: si.Interval, LastPeriod: si.LastPeriod, Method: si.Method, Amount: si.Amount.String(),
			Denom: si.Denom, Participants: si.Participants,
		}); err != nil {
			return used, false, err
		}
	}
	return used, done, r.k.SecurityIntervals.Set(ctx, si.Interval, si)
}

// hasGridFeeWork says whether a period's run has security-fee work: a usage to record or
// an interval to charge (transmission costs are checked by hasWork itself).
func (k Keeper) hasGridFeeWork(ctx context.Context, period uint64) (bool, error) {
	rule, found, err := k.securityFeeRule(ctx)
	if err != nil || !found {
		return false, err
	}
	if _, ok := intervalOf(rule, period); !ok {
		return false, nil
	}
	if endsInterval(rule, period) {
		return true, nil
	}
	total, err := k.delivery.ConsumptionTotal(ctx, period)
	if err != nil || total > 0 {
		return total > 0, err
	}
	// No net consumption, but maybe consumption prosumers covered themselves (usage is
	// gross): any record says so, or that someone produced (the walk then records nothing).
	n, _, err := k.delivery.ConsumptionStep(ctx, period, nil, 1, func(sdk.AccAddress, uint64, uint64) error { return nil })
	return n > 0, err
}

func addSaturating(a, b uint64) uint64 {
	if a > ^uint64(0)-b {
		return ^uint64(0)
	}
	return a + b
}
