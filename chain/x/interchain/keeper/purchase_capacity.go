package keeper

import (
	"context"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// reserveLinks reserves the purchase's energy on each adjacent link this chain is the parent
// of (seed §4.2: the superordinate operator owns a bridge's capacity). Energy flows from the
// token's chain towards the buyer: over the inbound link from this chain to the previous one,
// over the outbound link from the next one to this chain.
func (k Keeper) reserveLinks(ctx context.Context, p types.PurchasePacket, in, out *types.Link) error {
	if in != nil && isParentOf(*in) { // this chain sends energy down to its child
		if err := k.ReserveBridge(ctx, in.EnergyChannelId, types.BridgeDirection_BRIDGE_DIRECTION_DOWN, p.FirstPeriod, p.LastPeriod, p.WhPerPeriod); err != nil {
			return err
		}
	}
	if out != nil && isParentOf(*out) { // the child sends energy up to this chain
		if err := k.ReserveBridge(ctx, out.EnergyChannelId, types.BridgeDirection_BRIDGE_DIRECTION_UP, p.FirstPeriod, p.LastPeriod, p.WhPerPeriod); err != nil {
			return err
		}
	}
	return nil
}

// releaseLinks undoes reserveLinks exactly.
func (k Keeper) releaseLinks(ctx context.Context, p types.PurchasePacket, in, out *types.Link) error {
	if in != nil && isParentOf(*in) {
		if err := k.ReleaseBridge(ctx, in.EnergyChannelId, types.BridgeDirection_BRIDGE_DIRECTION_DOWN, p.FirstPeriod, p.LastPeriod, p.WhPerPeriod); err != nil {
			return err
		}
	}
	if out != nil && isParentOf(*out) {
		if err := k.ReleaseBridge(ctx, out.EnergyChannelId, types.BridgeDirection_BRIDGE_DIRECTION_UP, p.FirstPeriod, p.LastPeriod, p.WhPerPeriod); err != nil {
			return err
		}
	}
	return nil
}
