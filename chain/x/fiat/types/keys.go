package types

import (
	"cosmossdk.io/collections"
)

const (
	// ModuleName is the module's name, store key, and the module account that mints and burns.
	ModuleName = "fiat"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
	// SettlementAccountName is the module account escrowing every settlement account;
	// its balance per denom equals the sum of the settlement accounts (DESIGN.md §6).
	SettlementAccountName = "fiat_settlement"
)

// Store prefixes; never reuse a retired one.
var (
	BanksKey                    = collections.NewPrefix(0)
	AuditEntriesKey             = collections.NewPrefix(1)
	AuditSeqKey                 = collections.NewPrefix(2)
	RedemptionsKey              = collections.NewPrefix(3)
	RedemptionsByDenomStatusKey = collections.NewPrefix(4)
	RedemptionSeqKey            = collections.NewPrefix(5)
	SettlementAccountsKey       = collections.NewPrefix(6)
	FeesPaidKey                 = collections.NewPrefix(7)
	FeesDueKey                  = collections.NewPrefix(8)
)
