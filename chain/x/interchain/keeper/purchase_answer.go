package keeper

import (
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"

	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// pendingHop finds the pending purchase a packet this chain sent belongs to.
func (k Keeper) pendingHop(ctx sdk.Context, channelID string, sequence uint64) (types.PurchaseHop, error) {
	id, err := k.OutPackets.Get(ctx, collections.Join(channelID, sequence))
	if errors.Is(err, collections.ErrNotFound) {
		return types.PurchaseHop{}, errorsmod.Wrapf(types.ErrPurchaseNotFound, "no purchase left by packet %d on %s", sequence, channelID)
	} else if err != nil {
		return types.PurchaseHop{}, err
	}
	hop, err := k.Purchases.Get(ctx, id)
	if err != nil {
		return types.PurchaseHop{}, err
	}
	if hop.State != types.PurchaseState_PURCHASE_STATE_PENDING {
		return types.PurchaseHop{}, errorsmod.Wrapf(types.ErrPurchaseState, "purchase %s is %s", id, hop.State)
	}
	return hop, nil
}

// OnPurchaseAcknowledged completes the purchase on this chain after every chain ahead made its
// token: this chain makes its own, pays its held fees and, between, acknowledges the packet
// that brought it.
func (k Keeper) OnPurchaseAcknowledged(ctx sdk.Context, packet channeltypes.Packet, ack types.PurchaseAck) error {
	hop, err := k.pendingHop(ctx, packet.SourceChannel, packet.Sequence)
	if err != nil {
		return err
	}
	p := hop.Packet
	if want := len(p.Route) - int(p.Hop) - 1; len(ack.TokenIds) != want {
		return errorsmod.Wrapf(types.ErrInvalidPacket, "the acknowledgement lists %d tokens, the route ahead has %d chains", len(ack.TokenIds), want)
	}
	consumer, consumerMeter := hop.Sender, hop.MeterId
	if hop.InChannel != "" {
		consumer, consumerMeter = types.InterfaceAccount(hop.InChannel).String(), interfaceMeter(hop.InChannel)
	}
	bridge := energytypes.BridgeRef{PurchaseId: hop.PurchaseId, OriginChainId: p.Route[0],
		TokenChainId: p.Route[len(p.Route)-1], TokenId: p.TokenId}
	// The chains ahead have sold and made their tokens: this chain's token is made in a cache,
	// and if it cannot be (the buyer was suspended meanwhile, say) the purchase is done without
	// it and says why, rather than refusing the acknowledgement for ever.
	var tokenID uint64
	cache, write := ctx.CacheContext()
	if id, err := k.energy.IssueBridgeToken(cache, ack.Token, bridge,
		types.InterfaceAccount(hop.OutChannel).String(), interfaceMeter(hop.OutChannel), consumer, consumerMeter); err != nil {
		hop.Failure = "bridge token not made: " + err.Error()
	} else {
		tokenID = id
		write()
	}
	if err := k.payFees(ctx, hop.FeeHolder(), sdk.NewCoin(hop.Value.Denom, hop.FeesHeld)); err != nil {
		return err
	}
	hop.TokenIds = append([]uint64{tokenID}, ack.TokenIds...)
	hop.State, hop.ClosedHeight = types.PurchaseState_PURCHASE_STATE_DONE, ctx.BlockHeight()
	if err := k.Purchases.Set(ctx, hop.PurchaseId, hop); err != nil {
		return err
	}
	if hop.InChannel != "" {
		result := types.EnergyAck{Result: &types.EnergyAck_Purchase{Purchase: &types.PurchaseAck{TokenIds: hop.TokenIds, Token: ack.Token}}}
		bz, err := result.Marshal()
		if err != nil {
			return err
		}
		if err := k.writeInboundAck(ctx, hop, channeltypes.NewResultAcknowledgement(bz)); err != nil {
			return err
		}
	}
	return emit(ctx, &types.EventPurchaseDone{PurchaseId: hop.PurchaseId, TokenIds: hop.TokenIds, FeesPaid: hop.FeesHeld.String()})
}

// OnPurchaseFailed is the one refund path, for an error acknowledgement and a timeout alike:
// this chain takes back what it sent, releases its capacity, returns its held fees to the
// value, and gives the value back where it came from (the buyer on the origin; between, the
// exact inverse of its receipt) before passing the refusal on.
func (k Keeper) OnPurchaseFailed(ctx sdk.Context, packet channeltypes.Packet, failure string) error {
	hop, err := k.pendingHop(ctx, packet.SourceChannel, packet.Sequence)
	if err != nil {
		return err
	}
	p := hop.Packet
	out, err := k.linkOn(ctx, hop.OutChannel)
	if err != nil {
		return err
	}
	sender, err := sdk.AccAddressFromBech32(hop.Sender)
	if err != nil {
		return err
	}
	sent := sdk.NewCoin(hop.Value.Denom, hop.Value.Amount.Sub(hop.FeesHeld))
	if err := k.unsendValue(ctx, out, sender, sent); err != nil {
		return err
	}
	var in *types.Link
	if hop.InChannel != "" {
		l, err := k.linkOn(ctx, hop.InChannel)
		if err != nil {
			return err
		}
		in = &l
	}
	if err := k.releaseLinks(ctx, p, in, &out); err != nil {
		return err
	}
	if in == nil { // the origin: the held fee goes back to the buyer with the rest
		if hop.FeesHeld.IsPositive() {
			if err := k.bank.SendCoins(ctx, hop.FeeHolder(), sender, sdk.NewCoins(sdk.NewCoin(hop.Value.Denom, hop.FeesHeld))); err != nil {
				return err
			}
		}
	} else if err := k.unreceiveValue(ctx, *in, sender, hop.Value); err != nil {
		return err
	}
	hop.State, hop.ClosedHeight, hop.Failure = types.PurchaseState_PURCHASE_STATE_REFUNDED, ctx.BlockHeight(), failure
	if err := k.Purchases.Set(ctx, hop.PurchaseId, hop); err != nil {
		return err
	}
	if in != nil {
		refusal := errorsmod.Wrap(types.ErrRefusedAhead, failure)
		if err := k.writeInboundAck(ctx, hop, channeltypes.NewErrorAcknowledgement(refusal)); err != nil {
			return err
		}
	}
	return emit(ctx, &types.EventPurchaseRefunded{PurchaseId: hop.PurchaseId, Failure: failure})
}

// writeInboundAck answers the packet that brought the purchase, now that the chains ahead did.
func (k Keeper) writeInboundAck(ctx sdk.Context, hop types.PurchaseHop, ack channeltypes.Acknowledgement) error {
	var inbound channeltypes.Packet
	if err := inbound.Unmarshal(hop.InPacket); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidPacket, "purchase %s kept an unreadable inbound packet: %v", hop.PurchaseId, err)
	}
	return k.ics4.WriteAcknowledgement(ctx, inbound, ack)
}
