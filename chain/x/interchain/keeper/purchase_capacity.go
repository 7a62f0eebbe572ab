package keeper

import (
	"context"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// eachParentLink calls f for each adjacent link this chain is the parent of (seed §4.2: the
// superordinate operator owns a bridge's capacity), with the direction energy crosses it.
// Energy flows from the token's chain towards the buyer: over the inbound link from this
// chain down to the previous one, over the outbound link from the next one up to this chain.
func eachParentLink(in, out *types.Link, f func(channelID string, dir types.BridgeDirection) error) error {
	if in != nil && isParentOf(*in) {
		if err := f(in.EnergyChannelId, types.BridgeDirection_BRIDGE_DIRECTION_DOWN); err != nil {
			return err
		}
	}
	if out != nil && isParentOf(*out) {
		return f(out.EnergyChannelId, types.BridgeDirection_BRIDGE_DIRECTION_UP)
	}
	return nil
}

// reserveLinks reserves the purchase's energy on each adjacent link this chain is the parent of.
func (k Keeper) reserveLinks(ctx context.Context, p types.PurchasePacket, in, out *types.Link) error {
	return eachParentLink(in, out, func(channelID string, dir types.BridgeDirection) error {
		return k.ReserveBridge(ctx, channelID, dir, p.FirstPeriod, p.LastPeriod, p.WhPerPeriod)
	})
}

// releaseLinks undoes reserveLinks exactly.
func (k Keeper) releaseLinks(ctx context.Context, p types.PurchasePacket, in, out *types.Link) error {
	return eachParentLink(in, out, func(channelID string, dir types.BridgeDirection) error {
		return k.ReleaseBridge(ctx, channelID, dir, p.FirstPeriod, p.LastPeriod, p.WhPerPeriod)
	})
}
