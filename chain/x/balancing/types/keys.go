package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and message route.
	ModuleName = "balancing"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Store prefixes. Each collection owns one; never reuse a retired prefix.
var (
	ParamsKey                = collections.NewPrefix(0)
	ParticipantsKey          = collections.NewPrefix(1)
	ParticipantsByLegalIDKey = collections.NewPrefix(2)
	ParticipantsByStatusKey  = collections.NewPrefix(3)
	ParticipantsByRoleKey    = collections.NewPrefix(4)
	MetersKey                = collections.NewPrefix(5)
	MetersByOwnerKey         = collections.NewPrefix(6)
	MetersByCategoryKey      = collections.NewPrefix(7)
	MetersByAreaKey          = collections.NewPrefix(8)
	RelayersKey              = collections.NewPrefix(9)
	Co2AuthorityKey          = collections.NewPrefix(10)
)
