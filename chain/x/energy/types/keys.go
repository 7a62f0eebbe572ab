package types

import (
	"cosmossdk.io/collections"
)

const (
	// ModuleName is the module's name and store key.
	ModuleName = "energy"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
	// DefaultPeriodSeconds is the EU 15-minute imbalance settlement period.
	DefaultPeriodSeconds = 900
	// WhPerMWh converts prices per MWh into amounts for Wh.
	WhPerMWh = 1_000_000
	// MaxPositionQueryPeriods bounds one Position query (one week of 15-minute periods).
	MaxPositionQueryPeriods = 672
)

// Store prefixes; never reuse a retired one. Retired: 4 (the offers by price, before
// they were indexed per delivery day); 5, 7 and 8 (trades by global id with a per-token
// index, before trades were keyed by token); 12 (trades by market, before the market's
// totals were kept per day).
var (
	ParamsKey            = collections.NewPrefix(0)
	TokensKey            = collections.NewPrefix(1)
	TokenSeqKey          = collections.NewPrefix(2)
	TokensByOwnerKey     = collections.NewPrefix(3)
	TradeSeqKey          = collections.NewPrefix(6)
	OffersKey            = collections.NewPrefix(9)
	PositionsKey         = collections.NewPrefix(10)
	TradesKey            = collections.NewPrefix(11)
	MarketDaysKey        = collections.NewPrefix(13)
	PriceBandsKey        = collections.NewPrefix(14)
	OfferGatesKey        = collections.NewPrefix(15)
	OperatorActsKey      = collections.NewPrefix(16)
	ProcurementTotalsKey = collections.NewPrefix(17)
	DayHoldersKey        = collections.NewPrefix(18)
	DeliveryQueueKey     = collections.NewPrefix(19)
	DeliveringKey        = collections.NewPrefix(20)

	// CO2 (seed §2.4), from 40 on so that other additions can take the numbers after 20.
	Co2TokensKey        = collections.NewPrefix(40)
	Co2TokenSeqKey      = collections.NewPrefix(41)
	Co2TokensByOwnerKey = collections.NewPrefix(42)
	Co2OffersKey        = collections.NewPrefix(43)
	Co2IntensitiesKey   = collections.NewPrefix(44)
	Co2RatesKey         = collections.NewPrefix(45)
	Co2TotalsKey        = collections.NewPrefix(46)
	// Co2DueKey holds (due period, CO2 token id) of the live CO2 tokens: settlement
	// charges their holders at their due period (co2_due.go).
	Co2DueKey = collections.NewPrefix(47)
	// SettlementDueKey holds (due period, token id) of delivered tokens settlement has
	// yet to settle (keeper/due.go). 30: prefixes 21-29 are left to the market's indexes.
	SettlementDueKey = collections.NewPrefix(30)
	// OpenFaceValuesKey holds the face value of each owner's live consumer sides by
	// (owner, denom, day of the token's last period) (keeper/open.go).
	OpenFaceValuesKey = collections.NewPrefix(31)
)

// RetiredPrefixes are the prefixes named retired above. Consensus version 2's migration
// (keeper.Migrator.Migrate1to2) deletes whatever a chain that ran an older layout left under them.
var RetiredPrefixes = []collections.Prefix{
	collections.NewPrefix(4), collections.NewPrefix(5), collections.NewPrefix(7), collections.NewPrefix(8), collections.NewPrefix(12),
}
