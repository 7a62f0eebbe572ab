package keeper

import (
	"context"
	"math"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// offerKey is (market, day, price per MWh, token id); see Keeper.Offers.
type offerKey = collections.Quad[collections.Pair[int32, string], uint64, int64, uint64]

// offerMarket is the first key part of a market's offers: side×category and denom.
func offerMarket(s types.Side, category int32, denom string) collections.Pair[int32, string] {
	return collections.Join(types.OfferKey(s, category), denom)
}

// maxWindowDays is the widest delivery window served by merging its days' buckets; a
// wider one walks the anyDay bucket and filters by window, since most offers then match.
const maxWindowDays = 31

// offerPosition is where a walk is in price order: (price, token id).
type offerPosition struct {
	price int64
	id    uint64
}

func (a offerPosition) less(b offerPosition) bool {
	return a.price < b.price || (a.price == b.price && a.id < b.id)
}

// offerCursorCodec encodes the next_key of an Offers page: the position to resume at.
var offerCursorCodec = collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key)

// offerWalk is one Offers request resolved against the index: the buckets to merge, the
// price bounds (inclusive) and the delivery window (inclusive; 0 to MaxUint64 when open).
type offerWalk struct {
	market   collections.Pair[int32, string]
	buckets  []uint64
	lo, hi   offerPosition
	from, to uint64
	reverse  bool
}

func newOfferWalk(req *types.QueryOffersRequest) offerWalk {
	w := offerWalk{
		market: offerMarket(req.Side, int32(req.Category), req.Denom),
		lo:     offerPosition{math.MinInt64, 0},
		hi:     offerPosition{math.MaxInt64, math.MaxUint64},
		from:   req.FromPeriod, to: math.MaxUint64,
		reverse: req.Pagination != nil && req.Pagination.Reverse,
	}
	if req.HasMinPrice {
		w.lo.price = req.MinPricePerMwh
	}
	if req.HasMaxPrice {
		w.hi.price = req.MaxPricePerMwh
	}
	if req.ToPeriod != 0 {
		w.to = req.ToPeriod
	}
	windowed := req.FromPeriod != 0 && req.ToPeriod != 0 && req.ToPeriod >= req.FromPeriod
	if windowed && dayOf(w.to)-dayOf(w.from) < maxWindowDays {
		for d := dayOf(w.from); d <= dayOf(w.to); d++ {
			w.buckets = append(w.buckets, d)
		}
		w.buckets = append(w.buckets, longSpans)
	} else {
		w.buckets = []uint64{anyDay}
	}
	return w
}

// resumeAt narrows the walk to start at a page cursor (inclusive).
func (w *offerWalk) resumeAt(cursor []byte) error {
	_, c, err := offerCursorCodec.Decode(cursor)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "pagination key is not an offers next_key: %v", err)
	}
	at := offerPosition{c.K1(), c.K2()}
	if w.reverse && at.less(w.hi) {
		w.hi = at
	} else if !w.reverse && w.lo.less(at) {
		w.lo = at
	}
	return nil
}

// walk calls fn with each offer in the walk's price order, once per token, until fn
// stops it. It merges the buckets' price-ordered iterators.
func (k Keeper) walkOffers(ctx context.Context, w offerWalk, fn func(at offerPosition) (stop bool, err error)) error {
	if w.hi.less(w.lo) {
		return nil
	}
	var its []collections.Iterator[offerKey, []byte]
	defer func() {
		for _, it := range its {
			it.Close()
		}
	}()
	for _, b := range w.buckets {
		r := keyRange[offerKey]{
			start: collections.RangeKeyExact(collections.Join4(w.market, b, w.lo.price, w.lo.id)),
			end:   collections.RangeKeyNext(collections.Join4(w.market, b, w.hi.price, w.hi.id)),
		}
		if w.reverse {
			r.order = collections.OrderDescending
		}
		it, err := k.Offers.Iterate(ctx, r)
		if err != nil {
			return err
		}
		its = append(its, it)
	}
	for {
		best := -1
		var bestKey offerKey
		for i, it := range its {
			if !it.Valid() {
				continue
			}
			key, err := it.Key()
			if err != nil {
				return err
			}
			at, bestAt := offerPosition{key.K3(), key.K4()}, offerPosition{bestKey.K3(), bestKey.K4()}
			if best < 0 || (!w.reverse && at.less(bestAt)) || (w.reverse && bestAt.less(at)) {
				best, bestKey = i, key
			}
		}
		if best < 0 {
			return nil
		}
		window, err := its[best].Value()
		if err != nil {
			return err
		}
		its[best].Next()
		first, last, err := decodeWindow(window)
		if err != nil {
			return err
		}
		if !countsIn(bestKey.K2(), first, last, w.from, w.to) {
			continue
		}
		if stop, err := fn(offerPosition{bestKey.K3(), bestKey.K4()}); stop || err != nil {
			return err
		}
	}
}

// offersPage pages through a walk the way query.Paginate does: by key (next_key) or by
// offset, with the total counted on request (offset pages only).
func (k Keeper) offersPage(ctx context.Context, req *types.QueryOffersRequest) ([]uint64, *query.PageResponse, error) {
	page := req.Pagination
	if page == nil {
		page = &query.PageRequest{}
	}
	if len(page.Key) > 0 && page.Offset > 0 {
		return nil, nil, errorsmod.Wrap(types.ErrInvalidRequest, "pagination takes a key or an offset, not both")
	}
	limit := page.Limit
	if limit == 0 {
		limit = query.DefaultLimit
	}
	w := newOfferWalk(req)
	if len(page.Key) > 0 {
		if err := w.resumeAt(page.Key); err != nil {
			return nil, nil, err
		}
	}
	countTotal := page.CountTotal && len(page.Key) == 0
	var ids []uint64
	res := &query.PageResponse{}
	var seen uint64
	err := k.walkOffers(ctx, w, func(at offerPosition) (bool, error) {
		seen++
		switch {
		case seen <= page.Offset:
		case uint64(len(ids)) < limit:
			ids = append(ids, at.id)
		case res.NextKey == nil:
			next, err := collections.EncodeKeyWithPrefix(nil, offerCursorCodec, collections.Join(at.price, at.id))
			if err != nil {
				return true, err
			}
			res.NextKey = next
			return !countTotal, nil
		}
		return false, nil
	})
	if err != nil {
		return nil, nil, err
	}
	if countTotal {
		res.Total = seen
	}
	return ids, res, nil
}
