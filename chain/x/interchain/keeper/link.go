package keeper

import (
	"context"
	"errors"
	"slices"
	"strings"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"
	host "github.com/cosmos/ibc-go/v10/modules/core/24-host"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// energyChannel returns an open, unordered energy channel end of the right version.
func (k Keeper) energyChannel(ctx sdk.Context, channelID string) (channeltypes.Channel, error) {
	if err := host.ChannelIdentifierValidator(channelID); err != nil {
		return channeltypes.Channel{}, errorsmod.Wrapf(types.ErrInvalidRequest, "energy channel %q: %v", channelID, err)
	}
	ch, found := k.channels.GetChannel(ctx, types.PortID, channelID)
	if !found {
		return ch, errorsmod.Wrapf(types.ErrUnknownChannel, "there is no channel %s on port %s", channelID, types.PortID)
	}
	if ch.State != channeltypes.OPEN || ch.Ordering != channeltypes.UNORDERED || ch.Version != types.Version {
		return ch, errorsmod.Wrapf(types.ErrChannelNotUsable, "%s/%s is %s, %s, version %q; want open, unordered, %q",
			types.PortID, channelID, ch.State, ch.Ordering, ch.Version, types.Version)
	}
	return ch, nil
}

// Link checks and records one link of this chain (see MsgLink). The caller checked the signer.
func (k Keeper) Link(ctx context.Context, msg *types.MsgLink) (types.Link, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if msg.Neighbour != types.Neighbour_NEIGHBOUR_PARENT && msg.Neighbour != types.Neighbour_NEIGHBOUR_CHILD {
		return types.Link{}, errorsmod.Wrap(types.ErrInvalidRequest, "neighbour must be parent or child")
	}
	if err := host.ChannelIdentifierValidator(msg.TransferChannelId); err != nil {
		return types.Link{}, errorsmod.Wrapf(types.ErrInvalidRequest, "transfer channel %q: %v", msg.TransferChannelId, err)
	}
	energy, err := k.energyChannel(sdkCtx, msg.EnergyChannelId)
	if err != nil {
		return types.Link{}, err
	}
	transfer, found := k.channels.GetChannel(sdkCtx, types.TransferPortID, msg.TransferChannelId)
	if !found {
		return types.Link{}, errorsmod.Wrapf(types.ErrUnknownChannel, "there is no channel %s on port %s", msg.TransferChannelId, types.TransferPortID)
	}
	if transfer.State != channeltypes.OPEN {
		return types.Link{}, errorsmod.Wrapf(types.ErrChannelNotUsable, "%s/%s is %s, not open", types.TransferPortID, msg.TransferChannelId, transfer.State)
	}
	if !slices.Equal(transfer.ConnectionHops, energy.ConnectionHops) {
		return types.Link{}, errorsmod.Wrapf(types.ErrChannelNotUsable, "transfer channel %s runs over %v, the energy channel %s over %v: a link's channels share one connection",
			msg.TransferChannelId, transfer.ConnectionHops, msg.EnergyChannelId, energy.ConnectionHops)
	}
	clientID, clientState, err := k.channels.GetChannelClientState(sdkCtx, types.PortID, msg.EnergyChannelId)
	if err != nil {
		return types.Link{}, err
	}
	chainID := ""
	if c, ok := clientState.(interface{ GetChainID() string }); ok {
		chainID = c.GetChainID()
	}
	if err := k.checkNotLinked(ctx, msg, chainID); err != nil {
		return types.Link{}, err
	}

	peer, err := k.peer(ctx, msg.EnergyChannelId)
	if err != nil {
		return types.Link{}, err
	}
	if !peer.Known {
		return types.Link{}, errorsmod.Wrapf(types.ErrPeerUnknown, "send a Hello on %s (or wait for the counterparty's) and let it be relayed before linking", msg.EnergyChannelId)
	}
	own, err := k.OwnFacts(ctx)
	if err != nil {
		return types.Link{}, err
	}
	if peer.PeriodSeconds != own.PeriodSeconds {
		return types.Link{}, errorsmod.Wrapf(types.ErrPeriodMismatch, "%s has %d-second periods, this chain %d-second ones", chainID, peer.PeriodSeconds, own.PeriodSeconds)
	}
	if err := checkCurrency(own.SettlementDenoms, peer.SettlementDenoms, msg.DenomMap); err != nil {
		return types.Link{}, err
	}

	iface := types.InterfaceAccount(msg.EnergyChannelId)
	if err := k.balancing.RegisterInterfaceAccount(ctx, iface, types.InterfaceLegalID(msg.EnergyChannelId),
		types.InterfaceDisplayName(msg.Neighbour, chainID)); err != nil {
		return types.Link{}, errorsmod.Wrapf(types.ErrInterfaceAccount,
			"the link's interface account %s (legal id %s) cannot be registered: %v", iface, types.InterfaceLegalID(msg.EnergyChannelId), err)
	}
	link := types.Link{
		Neighbour:                   msg.Neighbour,
		CounterpartyChainId:         chainID,
		ClientId:                    clientID,
		ConnectionId:                energy.ConnectionHops[0],
		TransferChannelId:           msg.TransferChannelId,
		EnergyChannelId:             msg.EnergyChannelId,
		CounterpartyEnergyChannelId: energy.Counterparty.ChannelId,
		PeriodSeconds:               own.PeriodSeconds,
		DenomMap:                    msg.DenomMap,
		LinkedHeight:                sdkCtx.BlockHeight(),
		InterfaceAccount:            iface.String(),
	}
	if msg.Neighbour == types.Neighbour_NEIGHBOUR_PARENT {
		err = k.Parent.Set(ctx, link)
	} else {
		err = k.Children.Set(ctx, link.EnergyChannelId, link)
	}
	if err != nil {
		return types.Link{}, err
	}
	if err := emit(ctx, &types.EventInterfaceAccountRegistered{ChannelId: link.EnergyChannelId,
		Address: link.InterfaceAccount, LegalId: types.InterfaceLegalID(link.EnergyChannelId)}); err != nil {
		return types.Link{}, err
	}
	return link, emit(ctx, &types.EventLinked{Neighbour: link.Neighbour, CounterpartyChainId: chainID,
		EnergyChannelId: link.EnergyChannelId, TransferChannelId: link.TransferChannelId})
}

// checkNotLinked refuses a second parent, a channel already linked and a chain already a
// neighbour: the tree has one edge per pair of chains.
func (k Keeper) checkNotLinked(ctx context.Context, msg *types.MsgLink, chainID string) error {
	parent, err := k.Parent.Get(ctx)
	hasParent := err == nil
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if hasParent && msg.Neighbour == types.Neighbour_NEIGHBOUR_PARENT {
		return errorsmod.Wrapf(types.ErrAlreadyLinked, "this chain already has its parent %s over %s", parent.CounterpartyChainId, parent.EnergyChannelId)
	}
	links := []types.Link{}
	if hasParent {
		links = append(links, parent)
	}
	err = k.Children.Walk(ctx, nil, func(_ string, l types.Link) (bool, error) {
		links = append(links, l)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, l := range links {
		switch {
		case l.EnergyChannelId == msg.EnergyChannelId:
			return errorsmod.Wrapf(types.ErrAlreadyLinked, "energy channel %s already links %s", l.EnergyChannelId, l.CounterpartyChainId)
		case l.TransferChannelId == msg.TransferChannelId:
			return errorsmod.Wrapf(types.ErrAlreadyLinked, "transfer channel %s already serves the link to %s", l.TransferChannelId, l.CounterpartyChainId)
		case chainID != "" && l.CounterpartyChainId == chainID:
			return errorsmod.Wrapf(types.ErrAlreadyLinked, "%s is already linked over %s", chainID, l.EnergyChannelId)
		}
	}
	return nil
}

// checkCurrency accepts a link when both chains share a settlement denom, when one of them
// issues no currency of its own (it settles in the other's ICS-20 vouchers), or when the
// operator maps denoms explicitly; every pair of a mapping must name real denoms.
func checkCurrency(ours, theirs []string, mapping []types.DenomPair) error {
	locals := map[string]bool{}
	for _, p := range mapping {
		if !slices.Contains(ours, p.Local) {
			return errorsmod.Wrapf(types.ErrCurrencyMismatch, "denom_map names %q, which no approved bank of this chain issues (%s)", p.Local, list(ours))
		}
		if !slices.Contains(theirs, p.Remote) {
			return errorsmod.Wrapf(types.ErrCurrencyMismatch, "denom_map names %q, which the counterparty does not settle in (%s)", p.Remote, list(theirs))
		}
		if locals[p.Local] {
			return errorsmod.Wrapf(types.ErrInvalidRequest, "denom_map maps %q twice", p.Local)
		}
		locals[p.Local] = true
	}
	if len(mapping) > 0 || len(ours) == 0 || len(theirs) == 0 {
		return nil
	}
	for _, d := range ours {
		if slices.Contains(theirs, d) {
			return nil
		}
	}
	return errorsmod.Wrapf(types.ErrCurrencyMismatch, "this chain settles in %s, the counterparty in %s: give a denom_map", list(ours), list(theirs))
}

func list(denoms []string) string {
	if len(denoms) == 0 {
		return "no denom of its own"
	}
	return strings.Join(denoms, ", ")
}
