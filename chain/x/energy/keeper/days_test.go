package keeper_test

import (
	"math/rand"
	"slices"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

func TestDayBuckets(t *testing.T) {
	day := uint64(keeper.DayPeriods)
	for _, tc := range []struct {
		name        string
		first, last uint64
		want        []uint64
	}{
		{"one period", 5*day + 3, 5*day + 3, []uint64{5}},
		{"a whole day", 5 * day, 6*day - 1, []uint64{5}},
		{"across midnight", 6*day - 1, 6 * day, []uint64{5, 6}},
		{"the most days indexed one by one", 5 * day, (5+keeper.MaxIndexedDays)*day - 1, nil},
		{"one day more: a long span", 5 * day, (5+keeper.MaxIndexedDays)*day + 1, []uint64{keeper.LongSpans}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if want == nil {
				for d := uint64(5); d < 5+keeper.MaxIndexedDays; d++ {
					want = append(want, d)
				}
			}
			require.Equal(t, want, keeper.DayBuckets(tc.first, tc.last))
		})
	}
}

// randomBook fills a market with random tokens: short, day-crossing, month-long and (with
// max_token_periods raised) longer than the per-day index holds, offered on random sides
// at random prices (ties and negative ones included), in two currencies and categories.
func randomBook(t *testing.T, m *market, ctx sdk.Context, rng *rand.Rand, n int) {
	t.Helper()
	k := m.c.App.EnergyKeeper
	params, err := k.Params.Get(ctx)
	require.NoError(t, err)
	params.MaxTokenPeriods = 5000
	require.NoError(t, k.Params.Set(ctx, params))
	for i := 0; i < n; i++ {
		issuer, category := m.trader, solar
		if rng.Intn(3) == 0 {
			category = wind
		}
		first := m.now + 4 + uint64(rng.Intn(40*keeper.DayPeriods))
		var span uint64
		switch rng.Intn(5) {
		case 0:
			span = 0
		case 1:
			span = uint64(rng.Intn(keeper.DayPeriods))
		case 2:
			span = uint64(rng.Intn(1000))
		case 3:
			span = 2900 + uint64(rng.Intn(76)) // up to max_token_periods' default: per-day entries
		default:
			span = 3100 + uint64(rng.Intn(1800)) // beyond it: a long span
		}
		id := m.issue(t, ctx, func(msg *types.MsgIssueToken) {
			msg.Issuer, msg.ProducerMeterId, msg.ConsumerMeterId = issuer.String(), m.virtual(issuer, category), ""
			msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = first, first+span, uint64(1+rng.Intn(5))
		})
		for _, s := range []types.Side{producerSide, consumerSide} {
			if rng.Intn(3) == 0 {
				continue
			}
			denom := chf
			if rng.Intn(4) == 0 {
				denom = eur
			}
			m.setAsk(t, ctx, issuer, id, s, int64(rng.Intn(40)-5)*1_000_000, denom)
		}
	}
}

// offersByScan is what an Offers request must return, found the slow way: every live
// token, filtered and sorted by (price, id).
func offersByScan(t *testing.T, m *market, ctx sdk.Context, req types.QueryOffersRequest) []uint64 {
	t.Helper()
	type offer struct {
		price int64
		id    uint64
	}
	var offers []offer
	require.NoError(t, m.c.App.EnergyKeeper.Tokens.Walk(ctx, nil, func(id uint64, tok types.Token) (bool, error) {
		side, _ := tok.SideOf(req.Side)
		ask := side.Ask
		switch {
		case tok.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE || tok.Category != req.Category || !ask.ForSale || ask.Denom != req.Denom,
			req.HasMinPrice && ask.PricePerMwh < req.MinPricePerMwh,
			req.HasMaxPrice && ask.PricePerMwh > req.MaxPricePerMwh,
			req.FromPeriod != 0 && tok.LastPeriod < req.FromPeriod,
			req.ToPeriod != 0 && tok.FirstPeriod > req.ToPeriod:
			return false, nil
		}
		offers = append(offers, offer{ask.PricePerMwh, id})
		return false, nil
	}))
	slices.SortFunc(offers, func(a, b offer) int {
		if a.price != b.price {
			return int(a.price - b.price)
		}
		return int(a.id) - int(b.id)
	})
	ids := make([]uint64, 0, len(offers))
	for _, o := range offers {
		ids = append(ids, o.id)
	}
	return ids
}

// TestOffersAgreeWithAScan: random filters over a random book, paged by key in both
// directions and by offset with the total, give exactly what a scan of every token
// gives, however the delivery window falls on the index's days.
func TestOffersAgreeWithAScan(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	rng := rand.New(rand.NewSource(7))
	randomBook(t, m, ctx, rng, 300)
	day := uint64(keeper.DayPeriods)
	windows := []func() (uint64, uint64){
		func() (uint64, uint64) { return 0, 0 },
		func() (uint64, uint64) { p := m.now + uint64(rng.Intn(45*int(day))); return p, p },              // one period
		func() (uint64, uint64) { p := m.now + uint64(rng.Intn(45*int(day))); return p, p + day - 1 },    // a day, mostly across midnight
		func() (uint64, uint64) { p := (m.now/day + uint64(rng.Intn(45))) * day; return p, p + day - 1 }, // one calendar day
		func() (uint64, uint64) {
			p := m.now + uint64(rng.Intn(45*int(day)))
			return p, p + uint64(rng.Intn(10*int(day)))
		},
		func() (uint64, uint64) { // the widest merged window, and one day wider
			p := m.now + uint64(rng.Intn(10*int(day)))
			return p, p + uint64(keeper.MaxWindowDays-1+rng.Intn(2))*day
		},
		func() (uint64, uint64) { return m.now + uint64(rng.Intn(45*int(day))), 0 }, // from only
		func() (uint64, uint64) { return 0, m.now + uint64(rng.Intn(45*int(day))) }, // up to only
	}
	found := 0
	for i := 0; i < 200; i++ {
		req := types.QueryOffersRequest{Side: producerSide, Denom: chf, Category: solar}
		if rng.Intn(2) == 0 {
			req.Side = consumerSide
		}
		if rng.Intn(5) == 0 {
			req.Denom = eur
		}
		if rng.Intn(4) == 0 {
			req.Category = wind
		}
		if rng.Intn(3) == 0 {
			req.MinPricePerMwh, req.HasMinPrice = int64(rng.Intn(30)-8)*1_000_000, true
		}
		if rng.Intn(3) == 0 {
			req.MaxPricePerMwh, req.HasMaxPrice = int64(rng.Intn(30)-2)*1_000_000, true
		}
		req.FromPeriod, req.ToPeriod = windows[rng.Intn(len(windows))]()
		want := offersByScan(t, m, ctx, req)
		found += len(want)

		reverse := rng.Intn(3) == 0
		limit := uint64(1 + rng.Intn(7))
		got := []uint64{}
		var key []byte
		for pages := 0; ; pages++ {
			require.Less(t, pages, len(want)+2, "paging does not end")
			paged := req
			paged.Pagination = &query.PageRequest{Key: key, Limit: limit, Reverse: reverse}
			res, err := m.q.Offers(ctx, &paged)
			require.NoError(t, err)
			require.LessOrEqual(t, uint64(len(res.Tokens)), limit)
			got = append(got, ids(res.Tokens)...)
			if key = res.Pagination.NextKey; key == nil {
				break
			}
		}
		if reverse {
			slices.Reverse(got)
		}
		require.Equal(t, want, got, "query %d: %+v", i, req)

		offset := uint64(rng.Intn(len(want) + 2))
		paged := req
		paged.Pagination = &query.PageRequest{Offset: offset, Limit: limit, CountTotal: true}
		res, err := m.q.Offers(ctx, &paged)
		require.NoError(t, err)
		require.Equal(t, uint64(len(want)), res.Pagination.Total)
		end := min(offset+limit, uint64(len(want)))
		require.Equal(t, want[min(offset, end):end], ids(res.Tokens), "offset page of query %d", i)
	}
	require.Greater(t, found, 1000, "the random queries should mostly find offers")
}

func TestOffersRefuseBadPaging(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	base := types.QueryOffersRequest{Side: consumerSide, Denom: chf, Category: solar}
	for _, tc := range []struct {
		name string
		edit func(*types.QueryOffersRequest)
		want error
	}{
		{"a key and an offset", func(r *types.QueryOffersRequest) {
			r.Pagination = &query.PageRequest{Key: make([]byte, 16), Offset: 1}
		}, types.ErrInvalidRequest},
		{"a key that is no next_key", func(r *types.QueryOffersRequest) { r.Pagination = &query.PageRequest{Key: []byte{1, 2, 3}} }, types.ErrInvalidRequest},
		{"a window that ends before it starts", func(r *types.QueryOffersRequest) { r.FromPeriod, r.ToPeriod = m.now+10, m.now+9 }, types.ErrInvalidPeriods},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := base
			tc.edit(&req)
			_, err := m.q.Offers(ctx, &req)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// TestPositionLimitAgreesWithAScan hands random sides of random tokens to a trader with
// a position limit: each hand-over must be refused exactly when the trader's net position
// would exceed the limit in some period, computed over every token the trader holds;
// and Position must report per period what those tokens add up to.
func TestPositionLimitAgreesWithAScan(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	rng := rand.New(rand.NewSource(11))
	randomBookOf := func(n int) []uint64 {
		var out []uint64
		k := m.c.App.EnergyKeeper
		params, err := k.Params.Get(ctx)
		require.NoError(t, err)
		params.MaxTokenPeriods = 5000
		require.NoError(t, k.Params.Set(ctx, params))
		for i := 0; i < n; i++ {
			first := m.now + 4 + uint64(rng.Intn(20*keeper.DayPeriods))
			span := []uint64{0, uint64(rng.Intn(200)), uint64(rng.Intn(3000)), 3500}[rng.Intn(4)]
			out = append(out, m.issue(t, ctx, func(msg *types.MsgIssueToken) {
				msg.Issuer, msg.ProducerMeterId, msg.ConsumerMeterId = m.trader2.String(), m.virtual(m.trader2, solar), ""
				msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = first, first+span, uint64(500+rng.Intn(3000))
			}))
		}
		return out
	}
	tokens := randomBookOf(120)
	// net returns the trader's net position per period, found by a scan of every token.
	net := func() func(p uint64) int64 {
		var held []types.Token
		require.NoError(t, m.c.App.EnergyKeeper.Tokens.Walk(ctx, nil, func(_ uint64, tok types.Token) (bool, error) {
			if tok.Status == types.TokenStatus_TOKEN_STATUS_ACTIVE {
				held = append(held, tok)
			}
			return false, nil
		}))
		return func(p uint64) int64 {
			var sum int64
			for _, tok := range held {
				if p < tok.FirstPeriod || p > tok.LastPeriod {
					continue
				}
				if tok.Consumer.Owner == m.trader.String() {
					sum += int64(tok.WhPerPeriod)
				}
				if tok.Producer.Owner == m.trader.String() {
					sum -= int64(tok.WhPerPeriod)
				}
			}
			return sum
		}
	}
	accepted, refused := 0, 0
	for _, id := range tokens {
		tok := m.token(t, ctx, id)
		s := []types.Side{producerSide, consumerSide}[rng.Intn(2)]
		signed := int64(tok.WhPerPeriod)
		if s == producerSide {
			signed = -signed
		}
		worst, netAt := int64(0), net()
		for p := tok.FirstPeriod; p <= tok.LastPeriod; p++ {
			worst = max(worst, abs(netAt(p)+signed))
		}
		msg := &types.MsgHandOverSide{From: m.trader2.String(), To: m.trader.String(), TokenId: id, Side: s}
		if worst > traderLimit {
			m.refused(t, ctx, types.ErrPositionLimit, func(ctx sdk.Context) error { _, err := m.msgs.HandOverSide(ctx, msg); return err })
			refused++
			continue
		}
		_, err := m.msgs.HandOverSide(ctx, msg)
		require.NoError(t, err, "token %d %s side: worst net %d Wh is within the limit", id, s, worst)
		accepted++
	}
	require.Greater(t, accepted, 10)
	require.Greater(t, refused, 10)

	netAt := net()
	for i := 0; i < 30; i++ {
		from := m.now + uint64(rng.Intn(25*keeper.DayPeriods))
		to := from + uint64(rng.Intn(types.MaxPositionQueryPeriods))
		res, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: m.trader.String(), FromPeriod: from, ToPeriod: to})
		require.NoError(t, err)
		require.Len(t, res.Periods, int(to-from+1))
		for _, pos := range res.Periods {
			require.Equal(t, netAt(pos.Period), pos.NetWh, "period %d", pos.Period)
		}
	}
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
