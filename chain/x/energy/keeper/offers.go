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
		w.buckets = append(dayBuckets(w.from, w.to), longSpans) // under maxIndexedDays: one per day
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

// offerHead is one bucket's iterator and the entry it stands at (decoded once).
type offerHead struct {
	it    collections.Iterator[offerKey, []byte]
	at    offerPosition
	first uint64 // delivery window of the entry
	last  uint64
	day   uint64
}

// load decodes the entry the iterator stands at; false when the bucket is exhausted.
func (h *offerHead) load() (bool, error) {
	if !h.it.Valid() {
		return false, nil
	}
	kv, err := h.it.KeyValue()
	if err != nil {
		return false, err
	}
	h.at, h.day = offerPosition{kv.Key.K3(), kv.Key.K4()}, kv.Key.K2()
	h.first, h.last, err = decodeWindow(kv.Value)
	return true, err
}

// walkOffers calls fn with each offer in the walk's price order, once per token, until
// fn stops it. It merges the buckets' price-ordered iterators: at most maxWindowDays+1,
// so picking the next one by a linear scan costs less than a heap would.
func (k Keeper) walkOffers(ctx context.Context, w offerWalk, fn func(at offerPosition) (stop bool, err error)) error {
	if w.hi.less(w.lo) {
		return nil
	}
	var heads []*offerHead
	defer func() {
		for _, h := range heads {
			h.it.Close()
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
		h := &offerHead{it: it}
		heads = append(heads, h)
		if ok, err := h.load(); err != nil {
			return err
		} else if !ok {
			heads = heads[:len(heads)-1]
			it.Close()
		}
	}
	for len(heads) > 0 {
		best := 0
		for i, h := range heads[1:] {
			if (!w.reverse && h.at.less(heads[best].at)) || (w.reverse && heads[best].at.less(h.at)) {
				best = i + 1
			}
		}
		h := heads[best]
		at, counts := h.at, countsIn(h.day, h.first, h.last, w.from, w.to)
		h.it.Next()
		if ok, err := h.load(); err != nil {
			return err
		} else if !ok {
			h.it.Close()
			heads = append(heads[:best], heads[best+1:]...)
		}
		if !counts {
			continue
		}
		if stop, err := fn(at); stop || err != nil {
			return err
		}
	}
	return nil
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
