package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and message route.
	ModuleName = "interchain"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
	// PortID is the IBC port of the energy application, bound beside ICS-20's "transfer".
	PortID = "energy"
	// Version is the only channel version the energy application speaks.
	Version = "gridledger-energy-1"
	// TransferPortID is ICS-20's port: a link's fiat channel.
	TransferPortID = "transfer"
	// DefaultHelloTimeoutSeconds is a Hello's timeout when the message names none.
	DefaultHelloTimeoutSeconds = 600
)

// Store prefixes. Each collection owns one; never reuse a retired prefix.
var (
	ParentKey   = collections.NewPrefix(0)
	ChildrenKey = collections.NewPrefix(1)
	PeersKey    = collections.NewPrefix(2)
)
