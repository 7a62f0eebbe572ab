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
	// BridgeCapacitiesKey: (energy channel id, direction) → Wh per period.
	BridgeCapacitiesKey = collections.NewPrefix(3)
	// BridgeUsageKey: (energy channel id, direction, period) → Wh reserved.
	BridgeUsageKey = collections.NewPrefix(4)
	// BridgeUsageByPeriodKey: (period, energy channel id, direction), the pruning index.
	BridgeUsageByPeriodKey = collections.NewPrefix(5)

	// Cross-grid purchases (docs/adr/024) take 10-19.
	PurchasesKey   = collections.NewPrefix(10)
	OutPacketsKey  = collections.NewPrefix(11)
	PurchaseSeqKey = collections.NewPrefix(12)
	LinkFeesKey    = collections.NewPrefix(13)

	// Purchase retention and the fee true-up (docs/adr/029) take 20-29.
	ParamsKey = collections.NewPrefix(20)
	// PurchasesByEndKey: (last delivery period, purchase id), the retention index.
	PurchasesByEndKey = collections.NewPrefix(21)
	// TrueUpDueKey: (last delivery period, purchase id) of purchases whose fees this chain
	// charged and has not trued up yet.
	TrueUpDueKey = collections.NewPrefix(22)
	// PrunedPurchasesKey: origin chain-id → highest origin sequence pruned.
	PrunedPurchasesKey = collections.NewPrefix(23)
	// RefundPacketsKey: (energy channel, sequence) of a fee refund packet → purchase id.
	RefundPacketsKey = collections.NewPrefix(24)
	// PurchasesByBuyerKey: (buyer, origin sequence) of the purchases this chain originated.
	PurchasesByBuyerKey = collections.NewPrefix(25)
)

// MaxPurchasesPage bounds a page of the PurchasesByBuyer query.
const MaxPurchasesPage = 100

const (
	// DefaultPurchaseTimeoutSeconds is a cross-grid purchase's timeout when the buyer names none.
	DefaultPurchaseTimeoutSeconds = 600
	// MaxRouteChains bounds a route: the tree has few levels, a route visits each at most twice.
	MaxRouteChains = 8
	// HopTimeoutMarginSeconds is how much earlier each hop's packet times out than the one
	// that brought the purchase, so a refund always travels back before the buyer gives up.
	HopTimeoutMarginSeconds = 30
)

const (
	// MaxBridgeCapacityWh bounds a capacity: 10^15 Wh (1 TWh) per period is far beyond any
	// physical link, and sums of reservations up to it never overflow a uint64.
	MaxBridgeCapacityWh uint64 = 1_000_000_000_000_000
	// MaxBridgePeriods bounds one reservation or release: x/energy's default
	// max_token_periods, 31 days of 15-minute periods; a cross-grid token spans no more.
	MaxBridgePeriods uint64 = 2976
	// MaxBridgeUsageQueryPeriods bounds the period range of one BridgeUsage query.
	MaxBridgeUsageQueryPeriods uint64 = 96
	// BridgeUsageRetentionSeconds is how long usage is kept behind the current period: a
	// week, the longest timeout an energy packet may have, so a purchase's release (on an
	// error ack or a timeout) always finds the reservation it undoes.
	BridgeUsageRetentionSeconds uint64 = 7 * 24 * 3600
	// MaxBridgePrunePerBlock bounds the usage records EndBlock deletes in one block.
	MaxBridgePrunePerBlock = 200
)
