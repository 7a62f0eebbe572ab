package types

import (
	errorsmod "cosmossdk.io/errors"
	host "github.com/cosmos/ibc-go/v10/modules/core/24-host"
)

// DefaultGenesis is a chain with no link yet.
func DefaultGenesis() *GenesisState { return &GenesisState{} }

// Validate checks that every link names its channels and every child and peer appears once.
func (gs GenesisState) Validate() error {
	if gs.Parent != nil {
		if err := gs.Parent.validate(Neighbour_NEIGHBOUR_PARENT); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, l := range gs.Children {
		if err := l.validate(Neighbour_NEIGHBOUR_CHILD); err != nil {
			return err
		}
		if seen[l.EnergyChannelId] || (gs.Parent != nil && gs.Parent.EnergyChannelId == l.EnergyChannelId) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "energy channel %s is linked twice", l.EnergyChannelId)
		}
		seen[l.EnergyChannelId] = true
	}
	peers := map[string]bool{}
	for _, p := range gs.Peers {
		if err := host.ChannelIdentifierValidator(p.ChannelId); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "peer channel %q: %v", p.ChannelId, err)
		}
		if peers[p.ChannelId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "peer channel %s appears twice", p.ChannelId)
		}
		peers[p.ChannelId] = true
	}
	return gs.validatePurchases()
}

// validatePurchases checks that every purchase appears once with a known state, and every
// link fee once per link and currency.
func (gs GenesisState) validatePurchases() error {
	ids := map[string]bool{}
	for _, hop := range gs.Purchases {
		if hop.PurchaseId == "" || ids[hop.PurchaseId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "purchase %q is empty or appears twice", hop.PurchaseId)
		}
		ids[hop.PurchaseId] = true
		if _, ok := PurchaseState_name[int32(hop.State)]; !ok || hop.State == PurchaseState_PURCHASE_STATE_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "purchase %s has no state", hop.PurchaseId)
		}
	}
	fees := map[string]bool{}
	for _, f := range gs.LinkFees {
		key := f.ChannelId + "/" + f.BaseDenom
		if fees[key] || f.FeePerMwh.IsNil() || !f.FeePerMwh.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "link fee %s appears twice or is not positive", key)
		}
		fees[key] = true
	}
	return nil
}

func (l Link) validate(want Neighbour) error {
	if l.Neighbour != want {
		return errorsmod.Wrapf(ErrInvalidGenesis, "link over %s is recorded as %s, want %s", l.EnergyChannelId, l.Neighbour, want)
	}
	for _, id := range []string{l.EnergyChannelId, l.TransferChannelId} {
		if err := host.ChannelIdentifierValidator(id); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "link channel %q: %v", id, err)
		}
	}
	if l.PeriodSeconds == 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "link over %s has no period length", l.EnergyChannelId)
	}
	return nil
}
