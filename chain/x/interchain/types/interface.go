package types

import (
	"fmt"
	"strings"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"
)

// InterfaceAccount is the address of the interface account of the link over this chain's
// energy channel channelID (seed §4.1): derived, like a module account's, from the module
// name and the purpose "interface/<channel>", so no key holds it and no user chooses it.
// Channel ids are never reused on a chain, so neither is the address.
func InterfaceAccount(channelID string) sdk.AccAddress {
	return address.Module(ModuleName, []byte("interface/"+channelID))
}

// InterfaceLegalID is the registry's legal id of a link's interface account, e.g.
// "IFACE-CHANNEL-1": derived from the channel, unique on the chain, no personal data.
func InterfaceLegalID(channelID string) string {
	return "IFACE-" + strings.ToUpper(channelID)
}

// InterfaceDisplayName is the registry's display name of a link's interface account, at
// most 64 bytes.
func InterfaceDisplayName(n Neighbour, chainID string) string {
	side := "child"
	if n == Neighbour_NEIGHBOUR_PARENT {
		side = "parent"
	}
	name := fmt.Sprintf("Interface to %s %s", side, chainID)
	if len(name) > 64 {
		name = name[:64]
	}
	return name
}

// Validate checks a direction is up or down.
func (d BridgeDirection) Validate() error {
	if d != BridgeDirection_BRIDGE_DIRECTION_UP && d != BridgeDirection_BRIDGE_DIRECTION_DOWN {
		return fmt.Errorf("direction must be BRIDGE_DIRECTION_UP or BRIDGE_DIRECTION_DOWN, got %d", d)
	}
	return nil
}

// Short is "up" or "down", for sentences.
func (d BridgeDirection) Short() string {
	switch d {
	case BridgeDirection_BRIDGE_DIRECTION_UP:
		return "up"
	case BridgeDirection_BRIDGE_DIRECTION_DOWN:
		return "down"
	}
	return d.String()
}
