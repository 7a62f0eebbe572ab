package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and message route.
	ModuleName = "delivery"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Store prefixes. Each collection owns one; never reuse a retired prefix.
var (
	ParamsKey       = collections.NewPrefix(0)
	ReadingsKey     = collections.NewPrefix(1)
	PeriodTotalsKey = collections.NewPrefix(2)
	// Reconciliation (seed §3.5.1).
	ReferencePricesKey = collections.NewPrefix(3)
	ProgressKey        = collections.NewPrefix(4)
	MeterBalancesKey   = collections.NewPrefix(5)
	ReconciliationsKey = collections.NewPrefix(6)
	StatementsKey      = collections.NewPrefix(7)
	// Pruning (keeper/prune.go).
	PruneProgressKey = collections.NewPrefix(8)
	// Net consumption for grid fees (keeper/consumption.go).
	ConsumptionsKey      = collections.NewPrefix(9)
	ConsumptionTotalsKey = collections.NewPrefix(10)
	// Consumer tokens for transmission fees (keeper/consumer_tokens.go).
	ConsumerTokensKey = collections.NewPrefix(11)
)
