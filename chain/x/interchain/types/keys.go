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

	// Cross-grid purchases (docs/adr/024) take 10-19.
	PurchasesKey   = collections.NewPrefix(10)
	OutPacketsKey  = collections.NewPrefix(11)
	PurchaseSeqKey = collections.NewPrefix(12)
	LinkFeesKey    = collections.NewPrefix(13)
)

const (
	// DefaultPurchaseTimeoutSeconds is a cross-grid purchase's timeout when the buyer names none.
	DefaultPurchaseTimeoutSeconds = 600
	// MaxRouteChains bounds a route: the tree has few levels, a route visits each at most twice.
	MaxRouteChains = 8
	// HopTimeoutMarginSeconds is how much earlier each hop's packet times out than the one
	// that brought the purchase, so a refund always travels back before the buyer gives up.
	HopTimeoutMarginSeconds = 30
)
