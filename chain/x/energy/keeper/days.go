package keeper

import (
	"math"

	"cosmossdk.io/collections"
)

// Offers and positions are indexed per delivery day, so that a query or a position
// check about a few days reads the entries of those days only, however many tokens the
// market or the owner holds over the rest of the horizon.
//
// A "day" is dayPeriods periods (a day at the default 15-minute period). An offer is
// indexed once in every day it delivers in, up to maxIndexedDays days (every token of
// the default max_token_periods); a longer one goes into the longSpans bucket instead,
// which every windowed walk reads as well. Offers are also indexed once under anyDay,
// in price order, for queries without a delivery window. Positions keep one record per
// owner and day (position.go).
const (
	dayPeriods     = 96
	maxIndexedDays = 32
	longSpans      = math.MaxUint64 - 1
	anyDay         = math.MaxUint64
)

// dayOf is the index day of a period. Days of real periods stay far below longSpans.
func dayOf(period uint64) uint64 { return period / dayPeriods }

// dayBuckets lists the day buckets an offer delivering over [first, last] is indexed in.
func dayBuckets(first, last uint64) []uint64 {
	from, to := dayOf(first), dayOf(last)
	if to-from >= maxIndexedDays {
		return []uint64{longSpans}
	}
	out := make([]uint64, 0, to-from+1)
	for d := from; d <= to; d++ {
		out = append(out, d)
	}
	return out
}

// countsIn says whether an entry of an offer delivering over [first, last], found in
// bucket by a walk over the window [from, to], is the one to count: an offer is indexed
// in each of its days, and a walk over several days must see it once, in the first day
// both share. Entries of longSpans and anyDay are single.
func countsIn(bucket, first, last, from, to uint64) bool {
	if last < from || first > to {
		return false
	}
	return bucket >= longSpans || bucket == max(dayOf(first), dayOf(from))
}

// keyRange is a collections.Ranger with any bounds, e.g. the end of a key prefix, which
// collections.Range cannot combine with a start.
type keyRange[K any] struct {
	start, end *collections.RangeKey[K]
	order      collections.Order
}

func (r keyRange[K]) RangeValues() (start, end *collections.RangeKey[K], order collections.Order, err error) {
	return r.start, r.end, r.order, nil
}
