package keeper

// Index internals for the external tests (package keeper_test).
var (
	DayOf       = dayOf
	DayBuckets  = dayBuckets
	OfferMarket = offerMarket
)

const (
	AnyDay         = anyDay
	LongSpans      = longSpans
	DayPeriods     = dayPeriods
	MaxIndexedDays = maxIndexedDays
	MaxWindowDays  = maxWindowDays
)
