package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and message route.
	ModuleName = "settlement"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Store prefixes. Each collection owns one; never reuse a retired prefix.
var (
	ParamsKey                 = collections.NewPrefix(0)
	NextPeriodKey             = collections.NewPrefix(1)
	RunsKey                   = collections.NewPrefix(2)
	LinesKey                  = collections.NewPrefix(3)
	NetsKey                   = collections.NewPrefix(4)
	NetsByOwnerKey            = collections.NewPrefix(5)
	DebtsKey                  = collections.NewPrefix(6)
	ClaimsKey                 = collections.NewPrefix(7)
	TransmissionCostsKey      = collections.NewPrefix(8)
	SecurityFeeRuleKey        = collections.NewPrefix(9)
	UsagesKey                 = collections.NewPrefix(10)
	CollateralRequirementsKey = collections.NewPrefix(11)
)

// Totals of debts and claims per denom (kept equal, DESIGN.md §6 item 4).
var (
	DebtTotalsKey  = collections.NewPrefix(12)
	ClaimTotalsKey = collections.NewPrefix(13)
	// PendingRecoveredKey holds debt paid back between runs, per denom.
	PendingRecoveredKey = collections.NewPrefix(14)
	// SecurityIntervalsKey holds the security-fee intervals' totals and charging records.
	SecurityIntervalsKey = collections.NewPrefix(15)
	// PruneProgressKey holds where the pruning of settlement records stands (ADR 019).
	PruneProgressKey = collections.NewPrefix(19)
)

// Default rules (seed §3.6.2): from 20 on, so that other additions can take 15-19.
var (
	// DefaultsKey holds the default records by (owner, denom).
	DefaultsKey = collections.NewPrefix(20)
	// HandoversKey holds the hand-overs of defaulters' open sides by owner.
	HandoversKey = collections.NewPrefix(21)
	// HandoverQueueKey lists the owners whose hand-over is not done.
	HandoverQueueKey = collections.NewPrefix(22)
)
