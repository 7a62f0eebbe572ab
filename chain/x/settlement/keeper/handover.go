package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// At default, a participant's open sides go to the balancing authority "at the terms the
// tokens state" (seed §3.6.2, issue 14). A defaulter may hold thousands of sides, so
// declareDefault only queues a Handover; the end of each block walks the queue with what
// is left of max_settle_per_block, side by side in x/energy's owner index:
//
//   - a side of a token whose gate has closed stays: it is delivering or delivered, and
//     reconciliation and settlement deal with it;
//   - a side whose first period is less than the contract's default delay
//     (producer_/consumer_default_delay_periods) after the period of the default stays
//     too: the contract says how late a default may come and still be accepted, so the
//     counterparty keeps the delivery it was promised within that delay, and the side
//     delivers and settles normally;
//   - every other side goes to the grid operator (x/energy HandOverToOperator), and the
//     contract's default fee for that side (producer_/consumer_default_fee per MWh, in
//     the face value's denom) is added to the defaulter's debt, with the same amount as
//     the operator's claim: debts and claims stay equal, and the fee is paid when and as
//     far as the defaulter pays (the claims stage shares what it pays back).

// queueHandover starts the hand-over of owner's open sides, once per owner: a second
// default (another denom) finds its sides handed over already.
func (r *runner) queueHandover(ctx context.Context, owner sdk.AccAddress) error {
	if has, err := r.k.Handovers.Has(ctx, owner); err != nil || has {
		return err
	}
	operator, err := r.operator(ctx)
	if err != nil {
		return err
	}
	current, err := r.k.energy.CurrentPeriod(ctx)
	if err != nil {
		return err
	}
	h := types.Handover{Owner: owner.String(), Operator: operator.String(), Period: r.run.Period, FromPeriod: current,
		StartedHeight: sdk.UnwrapSDKContext(ctx).BlockHeight()}
	if err := r.k.Handovers.Set(ctx, owner, h); err != nil {
		return err
	}
	return r.k.HandoverQueue.Set(ctx, owner)
}

// handOverStep walks the queued hand-overs with at most budget sides and returns how
// many it used.
func (k Keeper) handOverStep(ctx context.Context, budget int) (int, error) {
	used := 0
	for used < budget {
		it, err := k.HandoverQueue.Iterate(ctx, nil)
		if err != nil {
			return used, err
		}
		if !it.Valid() {
			it.Close()
			return used, nil
		}
		owner, err := it.Key()
		it.Close()
		if err != nil {
			return used, err
		}
		h, err := k.Handovers.Get(ctx, owner)
		if err != nil {
			return used, err
		}
		n, done, err := k.energy.OwnerSidesStep(ctx, owner, h.AfterSide, h.AfterToken, budget-used,
			func(t energytypes.Token, s energytypes.Side) error { return k.handOverSide(ctx, &h, t, s) })
		used += max(n, 1)
		if err != nil {
			return used, err
		}
		if done {
			h.Done, h.FinishedHeight = true, sdk.UnwrapSDKContext(ctx).BlockHeight()
			if err := k.HandoverQueue.Remove(ctx, owner); err != nil {
				return used, err
			}
		}
		if err := k.Handovers.Set(ctx, owner, h); err != nil {
			return used, err
		}
	}
	return used, nil
}

// handOverSide hands side s of t to the operator, or keeps it with the defaulter, and
// moves the cursor past it.
func (k Keeper) handOverSide(ctx context.Context, h *types.Handover, t energytypes.Token, s energytypes.Side) error {
	h.AfterSide, h.AfterToken = int32(s), t.Id
	h.Walked++
	delay, fee := t.Terms.ProducerDefaultDelayPeriods, t.Terms.ProducerDefaultFee
	if s == energytypes.Side_SIDE_CONSUMER {
		delay, fee = t.Terms.ConsumerDefaultDelayPeriods, t.Terms.ConsumerDefaultFee
	}
	open, err := k.energy.GateOpen(ctx, t.FirstPeriod)
	if err != nil {
		return err
	}
	if !open || t.FirstPeriod < h.FromPeriod || t.FirstPeriod-h.FromPeriod < delay {
		h.Kept++
		return nil
	}
	if err := k.energy.HandOverToOperator(ctx, t.Id, s, h.Operator); err != nil {
		return err
	}
	h.HandedOver++
	amount := math.ZeroInt()
	if !fee.IsNil() && fee.IsPositive() {
		amount = fee.Mul(math.NewIntFromUint64(t.TotalWh())).QuoRaw(1_000_000)
	}
	denom := t.FaceValuePerMwh.Denom
	if amount.IsPositive() && h.Owner != h.Operator {
		if err := k.chargeDefaultFee(ctx, h, denom, amount); err != nil {
			return err
		}
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventSideHandedOver{
		Owner: h.Owner, Operator: h.Operator, TokenId: t.Id, Side: s.String(), DefaultFee: amount.String(), Denom: denom,
	})
}

// chargeDefaultFee adds a side's default fee to the defaulter's debt in denom, as a debt
// of its default (asked every run, written into its default record), and to the
// operator's claim.
func (k Keeper) chargeDefaultFee(ctx context.Context, h *types.Handover, denom string, amount math.Int) error {
	owner := sdk.MustAccAddressFromBech32(h.Owner)
	debt, err := k.getDebt(ctx, owner, denom)
	if err != nil {
		return err
	}
	if debt.DefaultedPeriod == 0 {
		debt.DefaultedPeriod = h.Period
	}
	if debt.SincePeriod == 0 {
		debt.SincePeriod = h.Period
	}
	debt.Amount = debt.Amount.Add(amount)
	if err := k.setDebt(ctx, debt, amount); err != nil {
		return err
	}
	if err := k.addClaim(ctx, sdk.MustAccAddressFromBech32(h.Operator), denom, amount); err != nil {
		return err
	}
	rec, err := k.Defaults.Get(ctx, collections.Join(owner, denom))
	if errors.Is(err, collections.ErrNotFound) {
		rec, err = types.DefaultRecord{Owner: h.Owner, Denom: denom, Period: h.Period, Height: sdk.UnwrapSDKContext(ctx).BlockHeight(),
			Debt: math.ZeroInt(), CollateralSeized: math.ZeroInt(), Shortfall: math.ZeroInt(), DefaultFees: math.ZeroInt(), Outstanding: math.ZeroInt()}, nil
	}
	if err != nil {
		return err
	}
	rec.DefaultFees = rec.DefaultFees.Add(amount)
	return k.Defaults.Set(ctx, collections.Join(owner, denom), rec)
}
