package types

import (
	"fmt"

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
	if err := gs.validatePurchases(); err != nil {
		return err
	}
	if err := gs.validateRetention(); err != nil {
		return err
	}
	return gs.validateBridges(seen)
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

// validateBridges checks that capacities and usages name a child link and a direction, that
// each appears once, and that no usage exceeds its capacity (invariant 6).
func (gs GenesisState) validateBridges(children map[string]bool) error {
	caps := map[string]uint64{}
	for _, c := range gs.BridgeCapacities {
		key := c.ChannelId + "/" + c.Direction.String()
		switch {
		case !children[c.ChannelId]:
			return errorsmod.Wrapf(ErrInvalidGenesis, "bridge capacity on %s, which links no child", c.ChannelId)
		case c.Direction.Validate() != nil:
			return errorsmod.Wrapf(ErrInvalidGenesis, "bridge capacity on %s: %v", c.ChannelId, c.Direction.Validate())
		case c.WhPerPeriod == 0 || c.WhPerPeriod > MaxBridgeCapacityWh:
			return errorsmod.Wrapf(ErrInvalidGenesis, "bridge capacity on %s is %d Wh, not 1 to %d", c.ChannelId, c.WhPerPeriod, MaxBridgeCapacityWh)
		}
		if _, dup := caps[key]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "bridge capacity %s appears twice", key)
		}
		caps[key] = c.WhPerPeriod
	}
	usages := map[string]bool{}
	for _, u := range gs.BridgeUsages {
		key := fmt.Sprintf("%s/%s/%d", u.ChannelId, u.Direction, u.Period)
		capacity := caps[u.ChannelId+"/"+u.Direction.String()]
		switch {
		case usages[key]:
			return errorsmod.Wrapf(ErrInvalidGenesis, "bridge usage %s appears twice", key)
		case u.ReservedWh == 0:
			return errorsmod.Wrapf(ErrInvalidGenesis, "bridge usage %s reserves nothing", key)
		case u.ReservedWh > capacity:
			return errorsmod.Wrapf(ErrInvalidGenesis, "bridge usage %s reserves %d Wh, more than the capacity %d Wh", key, u.ReservedWh, capacity)
		}
		usages[key] = true
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

// validateRetention checks the parameters and that each origin's pruned mark appears once.
func (gs GenesisState) validateRetention() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	origins := map[string]bool{}
	for _, p := range gs.Pruned {
		if p.OriginChainId == "" || origins[p.OriginChainId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pruned mark of origin %q is empty or appears twice", p.OriginChainId)
		}
		origins[p.OriginChainId] = true
	}
	return nil
}
