package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// collect asks every net payer of the run for its one payment, then every postponed debt
// due again (seed §3.6.1: "postpone the settlement date while adding a fee").
func (r *runner) collect(ctx context.Context, budget int) (int, bool, error) {
	used := 0
	if !r.run.DebtsWalked {
		n, done, err := r.walkNets(ctx, budget, r.collectNet)
		used += n
		if err != nil || !done {
			return used, false, err
		}
		r.run.DebtsWalked = true
		r.run.AfterOwner, r.run.AfterDenom = "", ""
	}
	n, done, err := r.walkDebts(ctx, budget-used)
	return used + n, done, err
}

// walkNets visits the run's net positions after the cursor, at most budget.
func (r *runner) walkNets(ctx context.Context, budget int, visit func(context.Context, *types.NetPosition) error) (int, bool, error) {
	var rng collections.Ranger[collections.Triple[uint64, sdk.AccAddress, string]] = collections.NewPrefixedTripleRange[uint64, sdk.AccAddress, string](r.run.Period)
	if r.run.AfterOwner != "" {
		rng = rangeAfterNet(r.run.Period, sdk.MustAccAddressFromBech32(r.run.AfterOwner), r.run.AfterDenom)
	}
	page, done, err := readPage(ctx, r.k.Nets, rng, budget)
	if err != nil {
		return 0, false, err
	}
	nets := make([]types.NetPosition, len(page))
	for i, kv := range page {
		nets[i] = kv.Value
	}
	for i := range nets {
		if err := visit(ctx, &nets[i]); err != nil {
			return i, false, err
		}
		if err := r.k.updateNet(ctx, page[i].Key.K2(), nets[i]); err != nil {
			return i, false, err
		}
		r.run.AfterOwner, r.run.AfterDenom = nets[i].Owner, nets[i].Gross.Denom
	}
	return len(nets), done, nil
}

// rangeAfterNet is the run's net positions after (owner, denom).
func rangeAfterNet(period uint64, owner sdk.AccAddress, denom string) collections.Ranger[collections.Triple[uint64, sdk.AccAddress, string]] {
	return new(collections.Range[collections.Triple[uint64, sdk.AccAddress, string]]).
		StartExclusive(collections.Join3(period, owner, denom)).
		EndExclusive(collections.Join3(period+1, sdk.AccAddress{}, ""))
}

// netPayable is what a position owes net: gross payable minus receivable, when positive.
func netPayable(net *types.NetPosition) math.Int {
	return math.MaxInt(net.Gross.Payable.Sub(net.Gross.Receivable), math.ZeroInt())
}

// netReceivable is what a position is owed net, when positive.
func netReceivable(net *types.NetPosition) math.Int {
	return math.MaxInt(net.Gross.Receivable.Sub(net.Gross.Payable), math.ZeroInt())
}

// collectNet takes a net payer's one payment, or postpones it.
func (r *runner) collectNet(ctx context.Context, net *types.NetPosition) error {
	owed := netPayable(net)
	if !owed.IsPositive() {
		return nil
	}
	owner := sdk.MustAccAddressFromBech32(net.Owner)
	d := r.denom(net.Gross.Denom)
	d.NetPayable = d.NetPayable.Add(owed)
	fee, err := r.k.fiat.Collect(ctx, owner, r.k.clearing, sdk.NewCoin(net.Gross.Denom, owed), "settlement")
	if errors.Is(err, fiattypes.ErrInsufficientFunds) {
		net.Postponed = owed
		r.run.Postponed++
		return r.postpone(ctx, owner, net.Gross.Denom, owed)
	}
	if err != nil {
		return err
	}
	net.Paid, net.BankFee = owed, fee
	d.Collected = d.Collected.Add(owed)
	d.Payments++
	return nil
}

// postpone adds amount and a late fee to owner's debt and asks for it again
// postponement_periods later. The late fee is the grid operator's claim; the receivers the
// amount would have paid get claims for it when the run disburses.
func (r *runner) postpone(ctx context.Context, owner sdk.AccAddress, denom string, amount math.Int) error {
	debt, err := r.k.getDebt(ctx, owner, denom)
	if err != nil {
		return err
	}
	if debt.SincePeriod == 0 {
		debt.SincePeriod = r.run.Period
	}
	lateFee := amount.Add(debt.Amount).MulRaw(int64(r.params.LateFeeBps)).QuoRaw(10_000)
	debt.Amount = debt.Amount.Add(amount).Add(lateFee)
	debt.LateFees = debt.LateFees.Add(lateFee)
	debt.Postponements++
	debt.RetryPeriod = r.run.Period + r.params.Postponement()
	if err := r.k.setDebt(ctx, debt, amount.Add(lateFee)); err != nil {
		return err
	}
	if lateFee.IsPositive() {
		operator, err := r.operator(ctx)
		if err != nil {
			return err
		}
		if err := r.k.addClaim(ctx, operator, denom, lateFee); err != nil {
			return err
		}
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPostponed{
		Owner: owner.String(), Denom: denom, Amount: debt.Amount.String(), LateFee: lateFee.String(),
		Postponements: debt.Postponements, RetryPeriod: debt.RetryPeriod,
	})
}

// walkDebts asks every debt due again for payment, after the cursor, at most budget.
func (r *runner) walkDebts(ctx context.Context, budget int) (int, bool, error) {
	page, done, err := readPage(ctx, r.k.Debts, r.afterOwnerDenom(), budget)
	if err != nil {
		return 0, false, err
	}
	for i, kv := range page {
		debt := kv.Value
		r.run.AfterOwner, r.run.AfterDenom = debt.Owner, debt.Denom
		if debt.RetryPeriod > r.run.Period {
			continue
		}
		if err := r.askDebt(ctx, debt); err != nil {
			return i, false, err
		}
	}
	return len(page), done, nil
}

// askDebt asks a debtor for its whole debt. Paid, the money waits in the clearing account
// for the claims stage. Unpaid, the debt is postponed again, and past max_postponements
// the debtor defaults; a defaulted debtor is asked again every run and excluded after
// exclusion_periods.
func (r *runner) askDebt(ctx context.Context, debt types.Debt) error {
	owner := sdk.MustAccAddressFromBech32(debt.Owner)
	_, err := r.k.fiat.Collect(ctx, owner, r.k.clearing, sdk.NewCoin(debt.Denom, debt.Amount), "settlement debt")
	switch {
	case err == nil:
		r.denom(debt.Denom).Payments++
		return r.recover(ctx, debt, debt.Amount)
	case !errors.Is(err, fiattypes.ErrInsufficientFunds):
		return err
	case debt.DefaultedPeriod != 0:
		if r.run.Period >= debt.DefaultedPeriod+r.params.Exclusion() {
			return r.k.registry.SetStatusBySettlement(ctx, owner, balancingtypes.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED)
		}
		return nil
	case debt.Postponements >= r.params.MaxTries():
		return r.declareDefault(ctx, debt)
	default:
		r.run.Postponed++
		return r.postpone(ctx, owner, debt.Denom, math.ZeroInt())
	}
}

// declareDefault applies the default rules (seed §3.6.2): the debtor's locked collateral
// pays what it can of the debt, the debtor is suspended, what is left is recorded as its
// shortfall (Defaults), which the unpaid claims add up to, and its open sides are queued
// for the balancing authority (handover.go).
func (r *runner) declareDefault(ctx context.Context, debt types.Debt) error {
	owner := sdk.MustAccAddressFromBech32(debt.Owner)
	seized, err := r.k.fiat.SeizeCollateral(ctx, owner, r.k.clearing, debt.Denom, debt.Amount)
	if err != nil {
		return err
	}
	debt.DefaultedPeriod = r.run.Period
	r.run.Defaults++
	if err := r.k.Debts.Set(ctx, collections.Join(owner, debt.Denom), debt); err != nil {
		return err
	}
	if seized.IsPositive() {
		if err := r.recover(ctx, debt, seized); err != nil {
			return err
		}
	}
	if err := r.k.registry.SetStatusBySettlement(ctx, owner, balancingtypes.ParticipantStatus_PARTICIPANT_STATUS_SUSPENDED); err != nil {
		return err
	}
	if err := r.recordDefault(ctx, debt, seized); err != nil {
		return err
	}
	if err := r.queueHandover(ctx, owner); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventDefaulted{
		Owner: debt.Owner, Denom: debt.Denom, Shortfall: debt.Amount.Sub(seized).String(), CollateralSeized: seized.String(),
	})
}

// recover books amount of a debt as paid back into the clearing account: the claims stage
// shares it among the unpaid claims.
func (r *runner) recover(ctx context.Context, debt types.Debt, amount math.Int) error {
	d := r.denom(debt.Denom)
	d.Recovered = d.Recovered.Add(amount)
	return r.k.repay(ctx, debt, amount)
}

// repay reduces a debt by amount (at most the debt), removing it when paid.
func (k Keeper) repay(ctx context.Context, debt types.Debt, amount math.Int) error {
	if amount.GT(debt.Amount) {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "repaying %s of a debt of %s", amount, debt.Amount)
	}
	owner := sdk.MustAccAddressFromBech32(debt.Owner)
	debt.Amount = debt.Amount.Sub(amount)
	if err := addTotal(ctx, k.DebtTotals, debt.Denom, amount.Neg()); err != nil {
		return err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventDebtRepaid{
		Owner: debt.Owner, Denom: debt.Denom, Amount: amount.String(), Remaining: debt.Amount.String(),
	}); err != nil {
		return err
	}
	if debt.Amount.IsZero() {
		return k.Debts.Remove(ctx, collections.Join(owner, debt.Denom))
	}
	return k.Debts.Set(ctx, collections.Join(owner, debt.Denom), debt)
}

// getDebt reads owner's debt in denom; none is zero.
func (k Keeper) getDebt(ctx context.Context, owner sdk.AccAddress, denom string) (types.Debt, error) {
	debt, err := k.Debts.Get(ctx, collections.Join(owner, denom))
	if errors.Is(err, collections.ErrNotFound) {
		return types.Debt{Owner: owner.String(), Denom: denom, Amount: math.ZeroInt(), LateFees: math.ZeroInt()}, nil
	}
	return debt, err
}

// setDebt stores a debt that grew by added.
func (k Keeper) setDebt(ctx context.Context, debt types.Debt, added math.Int) error {
	if err := addTotal(ctx, k.DebtTotals, debt.Denom, added); err != nil {
		return err
	}
	return k.Debts.Set(ctx, collections.Join(sdk.MustAccAddressFromBech32(debt.Owner), debt.Denom), debt)
}

// addClaim adds amount to owner's unpaid claim in denom.
func (k Keeper) addClaim(ctx context.Context, owner sdk.AccAddress, denom string, amount math.Int) error {
	if !amount.IsPositive() {
		return nil
	}
	c, err := k.Claims.Get(ctx, collections.Join(owner, denom))
	if errors.Is(err, collections.ErrNotFound) {
		c, err = types.Claim{Owner: owner.String(), Denom: denom, Amount: math.ZeroInt()}, nil
	}
	if err != nil {
		return err
	}
	c.Amount = c.Amount.Add(amount)
	if err := addTotal(ctx, k.ClaimTotals, denom, amount); err != nil {
		return err
	}
	return k.Claims.Set(ctx, collections.Join(owner, denom), c)
}

// operator is the grid operator's address.
func (r *runner) operator(ctx context.Context) (sdk.AccAddress, error) {
	op, err := r.k.registry.GridOperator(ctx)
	if err != nil {
		return nil, err
	}
	return sdk.AccAddressFromBech32(op)
}

// recordDefault writes the default record of debt's owner and denom: the debt when it
// defaulted, the collateral seized and the shortfall. A record left by default fees
// charged earlier in the denom keeps its fees.
func (r *runner) recordDefault(ctx context.Context, debt types.Debt, seized math.Int) error {
	owner := sdk.MustAccAddressFromBech32(debt.Owner)
	rec, err := r.k.Defaults.Get(ctx, collections.Join(owner, debt.Denom))
	if errors.Is(err, collections.ErrNotFound) {
		rec, err = types.DefaultRecord{DefaultFees: math.ZeroInt()}, nil
	}
	if err != nil {
		return err
	}
	rec.Owner, rec.Denom, rec.Period, rec.Height = debt.Owner, debt.Denom, r.run.Period, sdk.UnwrapSDKContext(ctx).BlockHeight()
	rec.Debt, rec.CollateralSeized, rec.Shortfall, rec.Outstanding = debt.Amount, seized, debt.Amount.Sub(seized), math.ZeroInt()
	return r.k.Defaults.Set(ctx, collections.Join(owner, debt.Denom), rec)
}
