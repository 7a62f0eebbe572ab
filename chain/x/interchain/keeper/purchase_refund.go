package keeper

import (
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// OnRecvFeeRefund takes a fee refund arriving from further along a purchase's path. On the
// buyer's chain it pays the buyer and answers at once; between, it passes the refund on over
// the link the purchase came by and answers when the buyer's chain did (a nil ack). A refund
// this chain cannot vouch for is an error ack: ibc-go drops the receipt's changes and the
// sender takes the value back.
func (k Keeper) OnRecvFeeRefund(ctx sdk.Context, packet channeltypes.Packet, r types.FeeRefundPacket) (*types.FeeRefundAck, error) {
	hop, err := k.Purchases.Get(ctx, r.PurchaseId)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrFeeRefund, "purchase %s is not recorded on %s", r.PurchaseId, ctx.ChainID())
	} else if err != nil {
		return nil, err
	}
	if hop.State != types.PurchaseState_PURCHASE_STATE_DONE || hop.OutChannel != packet.DestinationChannel {
		return nil, errorsmod.Wrapf(types.ErrFeeRefund, "purchase %s is %s here and left by %q: a refund comes back the way a done purchase went",
			r.PurchaseId, hop.State, hop.OutChannel)
	}
	if int(r.FromHop) <= int(hop.Packet.Hop) || int(r.FromHop) >= len(hop.Packet.Route) {
		return nil, errorsmod.Wrapf(types.ErrFeeRefund, "a refund from hop %d cannot reach hop %d", r.FromHop, hop.Packet.Hop)
	}
	for _, c := range hop.Refunds {
		if c.FromHop == r.FromHop {
			return nil, errorsmod.Wrapf(types.ErrFeeRefund, "the refund of hop %d for purchase %s passed already", r.FromHop, r.PurchaseId)
		}
	}
	out, err := k.linkOn(ctx, hop.OutChannel)
	if err != nil {
		return nil, err
	}
	holder := types.InterfaceAccount(hop.OutChannel)
	value, err := k.receiveValue(ctx, out, holder, r.ValueDenom, r.ValueAmount)
	if err != nil {
		return nil, err
	}
	carry := types.FeeRefundCarry{FromHop: r.FromHop, Value: value, State: types.TrueUpState_TRUE_UP_STATE_SETTLED}
	if hop.InChannel == "" { // the buyer's chain
		buyer, err := sdk.AccAddressFromBech32(hop.Sender)
		if err != nil {
			return nil, err
		}
		if err := k.bank.SendCoins(ctx, holder, buyer, sdk.NewCoins(value)); err != nil {
			return nil, err
		}
		hop.Refunds = append(hop.Refunds, carry)
		if err := k.Purchases.Set(ctx, hop.PurchaseId, hop); err != nil {
			return nil, err
		}
		return &types.FeeRefundAck{}, emit(ctx, &types.EventFeeRefundSettled{PurchaseId: hop.PurchaseId, FromHop: r.FromHop,
			Amount: value.Amount.String(), Denom: value.Denom, Delivered: true})
	}
	in, err := k.linkOn(ctx, hop.InChannel)
	if err != nil {
		return nil, err
	}
	margin := uint64(types.HopTimeoutMarginSeconds * time.Second)
	if r.TimeoutTimestamp < uint64(ctx.BlockTime().UnixNano())+2*margin {
		return nil, errorsmod.Wrapf(types.ErrTimeoutTooShort, "the refund times out in less than %d s", 2*types.HopTimeoutMarginSeconds)
	}
	next := r
	next.TimeoutTimestamp = r.TimeoutTimestamp - margin
	if next.ValueDenom, err = k.sendValue(ctx, in, holder, value); err != nil {
		return nil, err
	}
	if carry.OutSequence, err = k.sendRefundPacket(ctx, in.EnergyChannelId, next); err != nil {
		return nil, err
	}
	if carry.InPacket, err = packet.Marshal(); err != nil {
		return nil, err
	}
	carry.State = types.TrueUpState_TRUE_UP_STATE_SENDING
	hop.Refunds = append(hop.Refunds, carry)
	return nil, k.Purchases.Set(ctx, hop.PurchaseId, hop)
}

// OnFeeRefundAnswered ends a fee refund this chain sent, on the buyer's chain's answer (ok) or
// on a refusal or a timeout ahead (the one refund path): the value comes back to whoever sent
// it here (the grid operator on the chain that trued up; between, the chain it came from, by
// the exact inverse of its receipt), and the answer is passed on.
func (k Keeper) OnFeeRefundAnswered(ctx sdk.Context, packet channeltypes.Packet, ok bool, failure string) error {
	key := collections.Join(packet.SourceChannel, packet.Sequence)
	id, err := k.RefundPackets.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return errorsmod.Wrapf(types.ErrFeeRefund, "no fee refund left by packet %d on %s", packet.Sequence, packet.SourceChannel)
	} else if err != nil {
		return err
	}
	hop, err := k.Purchases.Get(ctx, id)
	if err != nil {
		return err
	}
	if err := k.RefundPackets.Remove(ctx, key); err != nil {
		return err
	}
	in, err := k.linkOn(ctx, hop.InChannel)
	if err != nil {
		return err
	}
	if t := hop.Trueup; t != nil && t.State == types.TrueUpState_TRUE_UP_STATE_SENDING &&
		t.OutChannel == packet.SourceChannel && t.OutSequence == packet.Sequence {
		return k.ownRefundAnswered(ctx, &hop, in, ok, failure)
	}
	for i := range hop.Refunds {
		c := &hop.Refunds[i]
		if c.State != types.TrueUpState_TRUE_UP_STATE_SENDING || c.OutSequence != packet.Sequence || hop.InChannel != packet.SourceChannel {
			continue
		}
		var inbound channeltypes.Packet
		if err := inbound.Unmarshal(c.InPacket); err != nil {
			return errorsmod.Wrapf(types.ErrInvalidPacket, "purchase %s kept an unreadable refund packet: %v", id, err)
		}
		ack := channeltypes.NewResultAcknowledgement(mustMarshalRefundAck())
		c.State = types.TrueUpState_TRUE_UP_STATE_SETTLED
		if !ok {
			holder := types.InterfaceAccount(hop.OutChannel)
			if err := k.unsendValue(ctx, in, holder, c.Value); err != nil {
				return err
			}
			out, err := k.linkOn(ctx, hop.OutChannel)
			if err != nil {
				return err
			}
			if err := k.unreceiveValue(ctx, out, holder, c.Value); err != nil {
				return err
			}
			c.State = types.TrueUpState_TRUE_UP_STATE_UNDELIVERED
			ack = channeltypes.NewErrorAcknowledgement(errorsmod.Wrap(types.ErrRefusedAhead, failure))
		}
		c.InPacket = nil
		if err := k.Purchases.Set(ctx, id, hop); err != nil {
			return err
		}
		return k.ics4.WriteAcknowledgement(ctx, inbound, ack)
	}
	return errorsmod.Wrapf(types.ErrFeeRefund, "purchase %s has no refund in flight on packet %d", id, packet.Sequence)
}

// ownRefundAnswered ends this chain's own true-up refund: settled, or back with the grid
// operator, who owes it.
func (k Keeper) ownRefundAnswered(ctx sdk.Context, hop *types.PurchaseHop, in types.Link, ok bool, failure string) error {
	t := hop.Trueup
	t.State = types.TrueUpState_TRUE_UP_STATE_SETTLED
	if !ok {
		operator, err := k.operatorAddress(ctx)
		if err != nil {
			return err
		}
		if err := k.unsendValue(ctx, in, operator, sdk.NewCoin(t.Denom, t.Refund)); err != nil {
			return err
		}
		t.State, t.Note = types.TrueUpState_TRUE_UP_STATE_UNDELIVERED, "refund undelivered: "+failure
	}
	if err := k.Purchases.Set(ctx, hop.PurchaseId, *hop); err != nil {
		return err
	}
	return emit(ctx, &types.EventFeeRefundSettled{PurchaseId: hop.PurchaseId, FromHop: hop.Packet.Hop, Amount: t.Refund.String(),
		Denom: t.Denom, Delivered: ok, Note: t.Note})
}

func mustMarshalRefundAck() []byte {
	ack := types.EnergyAck{Result: &types.EnergyAck_FeeRefund{FeeRefund: &types.FeeRefundAck{}}}
	bz, err := ack.Marshal()
	if err != nil {
		panic(err)
	}
	return bz
}
