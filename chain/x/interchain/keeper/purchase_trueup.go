package keeper

import (
	"context"
	"errors"
	"strings"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// The fee true-up (docs/adr/029). A purchase pays each link's fee estimate at the quote, to
// the link's parent. trueup_delay_periods after the purchase's last delivery period (its
// periods are settled by then, and the parent's operator has set the link's rate to what the
// grid fees came to), each chain that charged fees compares, link by link, what it charged
// with the fee at the rate in force then (LinkFeeFor, the quote's own formula). The
// difference is refunded to the buyer, once: from the grid operator who was paid the fee, as
// ICS-20 value on the transfer channels back along the purchase's path in a FeeRefund packet,
// each chain between passing it on and acknowledging when the buyer's chain did, exactly like
// a purchase (docs/adr/024 §4), with the same one refund path on an error or a timeout. A
// rate above the quote charges nothing more: the buyer agreed to the quote, and a chain has no
// authority to take more of the buyer's money later.

// TrueUpFees trues up, at most the block's budget of them, the purchases whose last delivery
// period is trueup_delay_periods behind the current period and whose fees this chain holds,
// and returns how many it trued up.
func (k Keeper) TrueUpFees(ctx context.Context) (int, error) {
	params, err := k.params(ctx)
	if err != nil {
		return 0, err
	}
	current, err := k.energy.CurrentPeriod(ctx)
	if err != nil {
		return 0, err
	}
	delay := params.TrueUpDelay()
	if current <= delay {
		return 0, nil
	}
	rng := new(collections.Range[collections.Pair[uint64, string]]).EndExclusive(collections.Join(current-delay, ""))
	var keys []collections.Pair[uint64, string]
	err = k.TrueUpDue.Walk(ctx, rng, func(key collections.Pair[uint64, string]) (bool, error) {
		keys = append(keys, key)
		return len(keys) >= params.TrueUpBudget(), nil
	})
	if err != nil {
		return 0, err
	}
	done := 0
	for _, key := range keys {
		hop, err := k.Purchases.Get(ctx, key.K2())
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return done, err
		}
		if err == nil && (hop.State == types.PurchaseState_PURCHASE_STATE_PENDING || hop.State == types.PurchaseState_PURCHASE_STATE_CANCELLING) {
			continue // answered within a day (a cancel may still fail and leave it done); trued up in a later block
		}
		if err := k.TrueUpDue.Remove(ctx, key); err != nil {
			return done, err
		}
		if err != nil || hop.State != types.PurchaseState_PURCHASE_STATE_DONE || hop.Trueup != nil {
			continue // gone, refunded with its fees, or cancelled (ADR 027: the operators keep the fees)
		}
		if err := k.trueUp(sdk.UnwrapSDKContext(ctx), hop); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}

// trueUp trues up one done purchase's fees on this chain and starts the refund.
func (k Keeper) trueUp(ctx sdk.Context, hop types.PurchaseHop) error {
	t, err := k.trueUpLinks(ctx, hop)
	if err != nil {
		return err
	}
	t.Denom, t.Height = hop.Value.Denom, ctx.BlockHeight()
	charged, actual := math.ZeroInt(), math.ZeroInt()
	for _, l := range t.Links {
		charged, actual = charged.Add(l.Charged), actual.Add(l.Actual)
	}
	t.Refund = charged.Sub(actual)
	t.State = types.TrueUpState_TRUE_UP_STATE_SETTLED
	if t.Refund.IsPositive() {
		// The refund leaves in a cache: if the grid operator cannot pay it, or the packet
		// cannot be sent, nothing moved and the true-up says so (the operator owes it).
		cache, write := ctx.CacheContext()
		if err := k.sendRefund(cache, &hop, &t); err != nil {
			t.State, t.Note = types.TrueUpState_TRUE_UP_STATE_UNDELIVERED, "refund not sent: "+err.Error()
			t.OutChannel, t.OutSequence = "", 0
		} else {
			write()
		}
	}
	hop.Trueup = &t
	if err := k.Purchases.Set(ctx, hop.PurchaseId, hop); err != nil {
		return err
	}
	if err := emit(ctx, &types.EventFeeTrueUp{PurchaseId: hop.PurchaseId, Charged: charged.String(), Actual: actual.String(),
		Refund: t.Refund.String(), Denom: t.Denom}); err != nil {
		return err
	}
	if t.State == types.TrueUpState_TRUE_UP_STATE_SENDING || !t.Refund.IsPositive() {
		return nil
	}
	return emit(ctx, &types.EventFeeRefundSettled{PurchaseId: hop.PurchaseId, FromHop: hop.Packet.Hop, Amount: t.Refund.String(),
		Denom: t.Denom, Delivered: t.State == types.TrueUpState_TRUE_UP_STATE_SETTLED, Note: t.Note})
}

// trueUpLinks compares, for each adjacent link this chain is the parent of, the fee charged
// with the fee at the rate in force now, at most the charge. A link no longer linked or with
// no rate in the currency keeps its quote, and the note says so.
func (k Keeper) trueUpLinks(ctx sdk.Context, hop types.PurchaseHop) (types.FeeTrueUp, error) {
	var t types.FeeTrueUp
	p := hop.Packet
	i := int(p.Hop)
	base, err := k.baseDenom(ctx, p.ValueDenom)
	if err != nil {
		return t, err
	}
	check := func(channelID string, linkIndex int) error {
		if linkIndex < 0 || linkIndex >= len(p.LinkFees) {
			return nil
		}
		l, err := k.linkOn(ctx, channelID)
		if errors.Is(err, types.ErrUnknownChannel) {
			return nil
		} else if err != nil {
			return err
		}
		if !isParentOf(l) {
			return nil
		}
		charged := p.LinkFees[linkIndex]
		actual := charged
		rate, err := k.LinkFeeRates.Get(ctx, collections.Join(l.EnergyChannelId, base))
		switch {
		case err == nil:
			actual = math.MinInt(types.LinkFeeFor(rate, p.TotalWh()), charged)
		case errors.Is(err, collections.ErrNotFound):
			t.Note = "no rate in " + base + " on the link to " + l.CounterpartyChainId + ": its quote stands"
		default:
			return err
		}
		t.Links = append(t.Links, types.LinkTrueUp{LinkIndex: uint32(linkIndex), Charged: charged, Actual: actual})
		return nil
	}
	if hop.InChannel != "" {
		if err := check(hop.InChannel, i-1); err != nil {
			return t, err
		}
	}
	if hop.OutChannel != "" {
		if err := check(hop.OutChannel, i); err != nil {
			return t, err
		}
	}
	return t, nil
}

// sendRefund takes the refund from the grid operator, who was paid the fees, and pays the
// buyer on the origin, or sends it towards the buyer over the link the purchase came by.
func (k Keeper) sendRefund(ctx sdk.Context, hop *types.PurchaseHop, t *types.FeeTrueUp) error {
	operator, err := k.operatorAddress(ctx)
	if err != nil {
		return err
	}
	coin := sdk.NewCoin(t.Denom, t.Refund)
	if hop.InChannel == "" { // the buyer's own chain
		buyer, err := sdk.AccAddressFromBech32(hop.Sender)
		if err != nil {
			return err
		}
		return k.bank.SendCoins(ctx, operator, buyer, sdk.NewCoins(coin))
	}
	in, err := k.linkOn(ctx, hop.InChannel)
	if err != nil {
		return err
	}
	path, err := k.sendValue(ctx, in, operator, coin)
	if err != nil {
		return err
	}
	r := types.FeeRefundPacket{PurchaseId: hop.PurchaseId, FromHop: hop.Packet.Hop, ValueDenom: path, ValueAmount: t.Refund,
		TimeoutTimestamp: uint64(ctx.BlockTime().Add(types.DefaultPurchaseTimeoutSeconds * time.Second).UnixNano())}
	seq, err := k.sendRefundPacket(ctx, in.EnergyChannelId, r)
	if err != nil {
		return err
	}
	t.State, t.OutChannel, t.OutSequence = types.TrueUpState_TRUE_UP_STATE_SENDING, in.EnergyChannelId, seq
	return nil
}

// sendRefundPacket sends a fee refund over an energy channel and indexes it.
func (k Keeper) sendRefundPacket(ctx sdk.Context, channelID string, r types.FeeRefundPacket) (uint64, error) {
	seq, err := k.sendEnergyPacket(ctx, channelID, types.NewFeeRefundPacket(r), r.TimeoutTimestamp)
	if err != nil {
		return 0, err
	}
	return seq, k.RefundPackets.Set(ctx, collections.Join(channelID, seq), r.PurchaseId)
}

// operatorAddress is this chain's grid operator, who is paid link fees and pays their refunds.
func (k Keeper) operatorAddress(ctx context.Context) (sdk.AccAddress, error) {
	op, err := k.balancing.GridOperator(ctx)
	if err != nil {
		return nil, err
	}
	addr, err := sdk.AccAddressFromBech32(op)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "this chain has no grid operator: %v", err)
	}
	return addr, nil
}

// baseDenom is the ICS-20 base denom of a purchase's value denom, in which link fees are set:
// a denom path's base, or, for a voucher named by its hash (the buyer's pay_denom on the
// origin), the base of the trace the transfer keeper knows for it.
func (k Keeper) baseDenom(ctx context.Context, denom string) (string, error) {
	if !strings.HasPrefix(denom, transfertypes.DenomPrefix+"/") {
		return transfertypes.ExtractDenomFromPath(denom).Base, nil
	}
	token, err := k.transfer.TokenFromCoin(sdk.UnwrapSDKContext(ctx), sdk.NewCoin(denom, math.OneInt()))
	if err != nil {
		return "", errorsmod.Wrapf(types.ErrWrongValue, "%s is no voucher this chain knows: %v", denom, err)
	}
	return token.Denom.Base, nil
}

// checkTrueUps checks every purchase record: its true-up's refund is the sum of its links'
// charged less actual, each actual at most its charge, the charges at most the fees held; and
// the record is in the retention index, so it is pruned one day.
func (k Keeper) checkTrueUps(ctx context.Context) error {
	return k.Purchases.Walk(ctx, nil, func(id string, hop types.PurchaseHop) (bool, error) {
		if has, err := k.PurchasesByEnd.Has(ctx, collections.Join(hop.Packet.LastPeriod, id)); err != nil || !has {
			return true, errorsmod.Wrapf(types.ErrInvariantBroken, "purchase %s is not in the retention index", id)
		}
		t := hop.Trueup
		if t == nil {
			return false, nil
		}
		charged, refund := math.ZeroInt(), math.ZeroInt()
		for _, l := range t.Links {
			if l.Actual.IsNegative() || l.Actual.GT(l.Charged) {
				return true, errorsmod.Wrapf(types.ErrInvariantBroken, "purchase %s: link %d's actual fee %s is outside 0..%s", id, l.LinkIndex, l.Actual, l.Charged)
			}
			charged, refund = charged.Add(l.Charged), refund.Add(l.Charged.Sub(l.Actual))
		}
		if !refund.Equal(t.Refund) || charged.GT(hop.FeesHeld) {
			return true, errorsmod.Wrapf(types.ErrInvariantBroken, "purchase %s: true-up refunds %s of %s charged over actual, with %s held",
				id, t.Refund, refund, hop.FeesHeld)
		}
		return false, nil
	})
}
