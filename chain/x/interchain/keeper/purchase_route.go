package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// interfaceMeter is the synthetic meter an interface account's side sits at.
func interfaceMeter(channelID string) string { return balancingtypes.InterfaceMeterID(channelID) }

// links are this chain's links: the parent's first, if any, then the children's. A chain has
// few neighbours.
func (k Keeper) links(ctx context.Context) ([]types.Link, error) {
	var all []types.Link
	if parent, err := k.Parent.Get(ctx); err == nil {
		all = append(all, parent)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	children, err := moduleutil.Values(ctx, k.Children)
	return append(all, children...), err
}

// linkTo finds this chain's link to a neighbour by its chain-id.
func (k Keeper) linkTo(ctx context.Context, chainID string) (types.Link, error) {
	all, err := k.links(ctx)
	if err != nil {
		return types.Link{}, err
	}
	for _, l := range all {
		if l.CounterpartyChainId == chainID {
			return l, nil
		}
	}
	return types.Link{}, errorsmod.Wrapf(types.ErrInvalidRoute, "%s is not linked to %s: a route goes from neighbour to neighbour",
		sdk.UnwrapSDKContext(ctx).ChainID(), chainID)
}

// linkOn finds the link whose energy channel on this chain is channelID.
func (k Keeper) linkOn(ctx context.Context, channelID string) (types.Link, error) {
	if l, err := k.Children.Get(ctx, channelID); err == nil {
		return l, nil
	} else if !errors.Is(err, collections.ErrNotFound) {
		return types.Link{}, err
	}
	if parent, err := k.Parent.Get(ctx); err == nil && parent.EnergyChannelId == channelID {
		return parent, nil
	}
	return types.Link{}, errorsmod.Wrapf(types.ErrUnknownChannel, "energy channel %s is not a link of this chain", channelID)
}

// counterpartyTransferChannel is the other chain's end of a link's transfer channel, which
// ICS-20's rules need to tell a returning voucher from a new one.
func (k Keeper) counterpartyTransferChannel(ctx sdk.Context, l types.Link) (string, error) {
	ch, ok := k.channels.GetChannel(ctx, types.TransferPortID, l.TransferChannelId)
	if !ok {
		return "", errorsmod.Wrapf(types.ErrUnknownChannel, "transfer channel %s of the link to %s", l.TransferChannelId, l.CounterpartyChainId)
	}
	return ch.Counterparty.ChannelId, nil
}

// isParentOf says whether this chain is the parent on a link: the parent charges the
// link's fee estimate and holds its capacity (seed §4.2).
func isParentOf(l types.Link) bool { return l.Neighbour == types.Neighbour_NEIGHBOUR_CHILD }
