package keeper_test

import (
	"math"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

func ids(tokens []types.Token) []uint64 {
	out := make([]uint64, len(tokens))
	for i, t := range tokens {
		out[i] = t.Id
	}
	return out
}

func TestOffersCheapestFirstWithFiltersAndPages(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	offer := func(first, last uint64, price int64, edit func(*types.MsgIssueToken)) uint64 {
		id := m.issue(t, ctx, func(msg *types.MsgIssueToken) {
			msg.FirstPeriod, msg.LastPeriod = m.now+first, m.now+last
			if edit != nil {
				edit(msg)
			}
		})
		m.setAsk(t, ctx, m.producer, id, consumerSide, price, chf)
		return id
	}
	t1 := offer(4, 7, 80, nil)
	t2 := offer(8, 11, -10, nil)
	t3 := offer(4, 4, 0, nil)
	t4 := offer(12, 15, 25, nil)
	t5 := offer(6, 9, -200, nil)
	t6 := offer(10, 10, 25, nil)
	// Offers in other markets: another side, another currency, another category.
	other := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, other, producerSide, -500, chf)
	m.setAsk(t, ctx, m.producer, other, consumerSide, -1000, eur)
	windy := offer(4, 7, -300, func(msg *types.MsgIssueToken) { msg.ProducerMeterId = windMeter })
	// A trader's offer sits in the same market as the producer's.
	traders := m.issue(t, ctx, func(msg *types.MsgIssueToken) { *msg = *m.traderIssueMsg() })
	m.setAsk(t, ctx, m.trader, traders, consumerSide, 30, chf)

	list := func(req types.QueryOffersRequest) []uint64 {
		t.Helper()
		if req.Side == 0 {
			req.Side = consumerSide
		}
		if req.Denom == "" {
			req.Denom = chf
		}
		if req.Category == 0 {
			req.Category = solar
		}
		res, err := m.q.Offers(ctx, &req)
		require.NoError(t, err)
		return ids(res.Tokens)
	}
	for _, tc := range []struct {
		name string
		req  types.QueryOffersRequest
		want []uint64
	}{
		{"all, cheapest first, negative prices first, ties by id", types.QueryOffersRequest{}, []uint64{t5, t2, t3, t4, t6, traders, t1}},
		{"producer sides", types.QueryOffersRequest{Side: producerSide}, []uint64{other}},
		{"another currency", types.QueryOffersRequest{Denom: eur}, []uint64{other}},
		{"another category", types.QueryOffersRequest{Category: wind}, []uint64{windy}},
		{"a category nobody offers", types.QueryOffersRequest{Category: hydro}, []uint64{}},
		{"at or above zero", types.QueryOffersRequest{MinPricePerMwh: 0, HasMinPrice: true}, []uint64{t3, t4, t6, traders, t1}},
		{"at or below -10", types.QueryOffersRequest{MaxPricePerMwh: -10, HasMaxPrice: true}, []uint64{t5, t2}},
		{"between -10 and 25", types.QueryOffersRequest{MinPricePerMwh: -10, HasMinPrice: true, MaxPricePerMwh: 25, HasMaxPrice: true}, []uint64{t2, t3, t4, t6}},
		{"bounds ignored unless flagged", types.QueryOffersRequest{MinPricePerMwh: 1000, MaxPricePerMwh: -1000}, []uint64{t5, t2, t3, t4, t6, traders, t1}},
		{"delivering from period 10", types.QueryOffersRequest{FromPeriod: m.now + 10}, []uint64{t2, t4, t6}},
		{"delivering up to period 5", types.QueryOffersRequest{ToPeriod: m.now + 5}, []uint64{t3, traders, t1}},
		{"delivering in periods 6-8", types.QueryOffersRequest{FromPeriod: m.now + 6, ToPeriod: m.now + 8}, []uint64{t5, t2, traders, t1}},
		{"periods 6-8 at or below zero", types.QueryOffersRequest{FromPeriod: m.now + 6, ToPeriod: m.now + 8, MaxPricePerMwh: 0, HasMaxPrice: true}, []uint64{t5, t2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := list(tc.req)
			if len(tc.want) == 0 {
				require.Empty(t, got)
				return
			}
			require.Equal(t, tc.want, got)
		})
	}

	t.Run("pages by key, with and without a filter", func(t *testing.T) {
		for _, filter := range []types.QueryOffersRequest{{}, {MinPricePerMwh: 0, HasMinPrice: true}, {FromPeriod: m.now + 6, ToPeriod: m.now + 8}} {
			want := list(filter)
			var got []uint64
			var key []byte
			for pages := 0; ; pages++ {
				require.Less(t, pages, 10)
				req := filter
				req.Side, req.Denom, req.Category = consumerSide, chf, solar
				req.Pagination = &query.PageRequest{Key: key, Limit: 2}
				res, err := m.q.Offers(ctx, &req)
				require.NoError(t, err)
				require.LessOrEqual(t, len(res.Tokens), 2)
				got = append(got, ids(res.Tokens)...)
				if key = res.Pagination.NextKey; key == nil {
					break
				}
			}
			require.Equal(t, want, got)
		}
	})
	t.Run("pages by offset, counting the total", func(t *testing.T) {
		res, err := m.q.Offers(ctx, &types.QueryOffersRequest{Side: consumerSide, Denom: chf, Category: solar,
			Pagination: &query.PageRequest{Offset: 2, Limit: 3, CountTotal: true}})
		require.NoError(t, err)
		require.Equal(t, []uint64{t3, t4, t6}, ids(res.Tokens))
		require.Equal(t, uint64(7), res.Pagination.Total)
	})
	t.Run("most expensive first when reversed", func(t *testing.T) {
		res, err := m.q.Offers(ctx, &types.QueryOffersRequest{Side: consumerSide, Denom: chf, Category: solar,
			Pagination: &query.PageRequest{Limit: 2, Reverse: true}})
		require.NoError(t, err)
		require.Equal(t, []uint64{t1, traders}, ids(res.Tokens))
	})
	t.Run("a bought side leaves the offers", func(t *testing.T) {
		ctx, _ := ctx.CacheContext()
		m.buy(t, ctx, m.consumer, t5, consumerSide, 0, chf, consumerLoad)
		res, err := m.q.Offers(ctx, &types.QueryOffersRequest{Side: consumerSide, Denom: chf, Category: solar, Pagination: &query.PageRequest{Limit: 1}})
		require.NoError(t, err)
		require.Equal(t, []uint64{t2}, ids(res.Tokens))
		m.checkInvariants(t, ctx)
	})
}

func TestQueryRequestValidation(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	for _, tc := range []struct {
		name string
		run  func() error
		want error
	}{
		{"offers without a side", func() error {
			_, err := m.q.Offers(ctx, &types.QueryOffersRequest{Denom: chf, Category: solar})
			return err
		}, types.ErrInvalidSide},
		{"offers without a currency", func() error {
			_, err := m.q.Offers(ctx, &types.QueryOffersRequest{Side: consumerSide, Category: solar})
			return err
		}, types.ErrUnknownCurrency},
		{"offers without a request", func() error { _, err := m.q.Offers(ctx, nil); return err }, types.ErrInvalidRequest},
		{"unknown token", func() error { _, err := m.q.Token(ctx, &types.QueryTokenRequest{Id: 5}); return err }, types.ErrUnknownToken},
		{"token zero", func() error { _, err := m.q.Token(ctx, &types.QueryTokenRequest{}); return err }, types.ErrUnknownToken},
		{"trades of an unknown token", func() error { _, err := m.q.Trades(ctx, &types.QueryTradesRequest{TokenId: 5}); return err }, types.ErrUnknownToken},
		{"tokens of a malformed owner", func() error {
			_, err := m.q.TokensByOwner(ctx, &types.QueryTokensByOwnerRequest{Owner: "grid1nope"})
			return err
		}, types.ErrInvalidAddress},
		{"tokens of an undefined side", func() error {
			_, err := m.q.TokensByOwner(ctx, &types.QueryTokensByOwnerRequest{Owner: m.producer.String(), Side: 3})
			return err
		}, types.ErrInvalidSide},
		{"position of a malformed owner", func() error {
			_, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: "", FromPeriod: 1, ToPeriod: 1})
			return err
		}, types.ErrInvalidAddress},
		{"position over a reversed range", func() error {
			_, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: m.producer.String(), FromPeriod: 10, ToPeriod: 9})
			return err
		}, types.ErrInvalidPeriods},
		{"position over more than a week", func() error {
			_, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: m.producer.String(), FromPeriod: 1, ToPeriod: types.MaxPositionQueryPeriods + 1})
			return err
		}, types.ErrInvalidPeriods},
		{"position over every period there is", func() error {
			_, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: m.producer.String(), FromPeriod: 0, ToPeriod: math.MaxUint64})
			return err
		}, types.ErrInvalidPeriods},
		{"average price without a currency", func() error {
			_, err := m.q.AveragePrice(ctx, &types.QueryAveragePriceRequest{Period: m.now, Category: solar})
			return err
		}, types.ErrUnknownCurrency},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, tc.run(), tc.want)
		})
	}
	res, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: m.producer.String(), FromPeriod: 1, ToPeriod: types.MaxPositionQueryPeriods})
	require.NoError(t, err)
	require.Len(t, res.Periods, types.MaxPositionQueryPeriods, "exactly one week is allowed")
}

func TestTokensByOwnerPerSide(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	a, b, c := m.issue(t, ctx, nil), m.issue(t, ctx, nil), m.issue(t, ctx, nil)
	m.handOver(t, ctx, m.producer, m.consumer, b, consumerSide, consumerLoad)
	m.handOver(t, ctx, m.producer, m.trader, c, producerSide, "")
	for _, tc := range []struct {
		owner sdk.AccAddress
		side  types.Side
		want  []uint64
	}{
		{m.producer, producerSide, []uint64{a, b}},
		{m.producer, consumerSide, []uint64{a, c}},
		{m.producer, types.Side_SIDE_UNSPECIFIED, []uint64{a, b, a, c}},
		{m.consumer, consumerSide, []uint64{b}},
		{m.consumer, producerSide, nil},
		{m.trader, types.Side_SIDE_UNSPECIFIED, []uint64{c}},
		{m.stranger, types.Side_SIDE_UNSPECIFIED, nil},
	} {
		res, err := m.q.TokensByOwner(ctx, &types.QueryTokensByOwnerRequest{Owner: tc.owner.String(), Side: tc.side})
		require.NoError(t, err)
		if tc.want == nil {
			require.Empty(t, res.Tokens)
			continue
		}
		require.Equal(t, tc.want, ids(res.Tokens), "%s %s", tc.owner, tc.side)
	}
	res, err := m.q.TokensByOwner(ctx, &types.QueryTokensByOwnerRequest{Owner: m.producer.String(), Pagination: &query.PageRequest{Limit: 3, CountTotal: true}})
	require.NoError(t, err)
	require.Equal(t, []uint64{a, b, a}, ids(res.Tokens))
	require.Equal(t, uint64(4), res.Pagination.Total)
	require.NotNil(t, res.Pagination.NextKey)
}

// TestPositionPerPeriod checks a hand-computed example: the producer sells the consumer
// side of A (1000 Wh, periods 4-7) and the producer side of B (2000 Wh, periods 6-9).
func TestPositionPerPeriod(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	a := m.issue(t, ctx, nil)
	b := m.issue(t, ctx, func(msg *types.MsgIssueToken) {
		msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = m.now+6, m.now+9, 2000
	})
	m.setAsk(t, ctx, m.producer, a, consumerSide, 70_000_000, chf)
	m.buy(t, ctx, m.consumer, a, consumerSide, 70_000_000, chf, consumerLoad)
	m.setAsk(t, ctx, m.producer, b, producerSide, 60_000_000, chf)
	m.buy(t, ctx, m.trader, b, producerSide, 60_000_000, chf, "")

	position := func(who sdk.AccAddress) []types.PeriodPosition {
		res, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: who.String(), FromPeriod: m.now + 3, ToPeriod: m.now + 10})
		require.NoError(t, err)
		return res.Periods
	}
	at := func(offset, producer, consumer uint64) types.PeriodPosition {
		return types.PeriodPosition{Period: m.now + offset, ProducerWh: producer, ConsumerWh: consumer, NetWh: int64(consumer) - int64(producer)}
	}
	require.Equal(t, []types.PeriodPosition{
		at(3, 0, 0), at(4, 1000, 0), at(5, 1000, 0), at(6, 1000, 2000), at(7, 1000, 2000), at(8, 0, 2000), at(9, 0, 2000), at(10, 0, 0),
	}, position(m.producer))
	require.Equal(t, []types.PeriodPosition{
		at(3, 0, 0), at(4, 0, 1000), at(5, 0, 1000), at(6, 0, 1000), at(7, 0, 1000), at(8, 0, 0), at(9, 0, 0), at(10, 0, 0),
	}, position(m.consumer))
	require.Equal(t, []types.PeriodPosition{
		at(3, 0, 0), at(4, 0, 0), at(5, 0, 0), at(6, 2000, 0), at(7, 2000, 0), at(8, 2000, 0), at(9, 2000, 0), at(10, 0, 0),
	}, position(m.trader))
}

func TestAveragePriceIsVolumeWeighted(t *testing.T) {
	m := newMarket(t)
	// sell issues a token over [first, last] and sells its consumer side at price.
	sell := func(ctx sdk.Context, buyer sdk.AccAddress, meter string, first, last, wh uint64, price int64, edit func(*types.MsgIssueToken)) {
		id := m.issue(t, ctx, func(msg *types.MsgIssueToken) {
			msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = m.now+first, m.now+last, wh
			if edit != nil {
				edit(msg)
			}
		})
		m.setAsk(t, ctx, m.producer, id, consumerSide, price, chf)
		m.buy(t, ctx, buyer, id, consumerSide, price, chf, meter)
	}
	average := func(ctx sdk.Context, offset uint64, category balancingtypes.EnergyCategory, denom string) types.QueryAveragePriceResponse {
		req := &types.QueryAveragePriceRequest{Period: m.now + offset, Category: category, Denom: denom}
		res, err := m.q.AveragePrice(ctx, req)
		require.NoError(t, err)
		return *res
	}

	t.Run("50 and 80 per MWh for 1000 and 3000 Wh average 72.5, rounded to 72", func(t *testing.T) {
		ctx := m.branch(t)
		sell(ctx, m.consumer, consumerLoad, 4, 7, 1000, 50, nil)
		sell(ctx, m.consumer, consumerLoad, 6, 9, 3000, 80, nil)
		require.Equal(t, types.QueryAveragePriceResponse{}, average(ctx, 3, solar, chf))
		require.Equal(t, types.QueryAveragePriceResponse{PricePerMwh: 50, TradedWh: 1000, Trades: 1}, average(ctx, 5, solar, chf))
		require.Equal(t, types.QueryAveragePriceResponse{PricePerMwh: 72, TradedWh: 4000, Trades: 2}, average(ctx, 6, solar, chf))
		require.Equal(t, types.QueryAveragePriceResponse{PricePerMwh: 72, TradedWh: 4000, Trades: 2}, average(ctx, 7, solar, chf))
		require.Equal(t, types.QueryAveragePriceResponse{PricePerMwh: 80, TradedWh: 3000, Trades: 1}, average(ctx, 9, solar, chf))
		require.Equal(t, types.QueryAveragePriceResponse{}, average(ctx, 10, solar, chf))
		require.Equal(t, types.QueryAveragePriceResponse{}, average(ctx, 6, wind, chf), "another category")
		require.Equal(t, types.QueryAveragePriceResponse{}, average(ctx, 6, solar, eur), "another currency")
	})
	t.Run("negative prices round toward zero too", func(t *testing.T) {
		ctx := m.branch(t)
		onWind := func(msg *types.MsgIssueToken) { msg.ProducerMeterId = windMeter }
		sell(ctx, m.trader, "", 4, 7, 1000, -50, onWind)
		sell(ctx, m.trader, "", 6, 9, 3000, -80, onWind)
		require.Equal(t, types.QueryAveragePriceResponse{PricePerMwh: -72, TradedWh: 4000, Trades: 2}, average(ctx, 6, wind, chf))
		require.Equal(t, types.QueryAveragePriceResponse{}, average(ctx, 6, solar, chf))
	})
	t.Run("both sides of a token count, each at its own price", func(t *testing.T) {
		ctx := m.branch(t)
		id := m.issue(t, ctx, nil)
		m.setAsk(t, ctx, m.producer, id, consumerSide, 90_000_000, chf)
		m.setAsk(t, ctx, m.producer, id, producerSide, 60_000_000, chf)
		m.buy(t, ctx, m.consumer, id, consumerSide, 90_000_000, chf, consumerLoad)
		m.buy(t, ctx, m.trader, id, producerSide, 60_000_000, chf, "")
		require.Equal(t, types.QueryAveragePriceResponse{PricePerMwh: 75_000_000, TradedWh: 2000, Trades: 2}, average(ctx, 4, solar, chf))
	})
}

func TestTradesHistoryOldestFirst(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	id := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, id, consumerSide, 80_000_000, chf)
	m.buy(t, ctx, m.trader, id, consumerSide, 80_000_000, chf, "")
	m.setAsk(t, ctx, m.trader, id, consumerSide, 90_000_000, chf)
	m.buy(t, ctx, m.consumer, id, consumerSide, 90_000_000, chf, consumerLoad)
	m.handOver(t, ctx, m.consumer, m.trader, id, consumerSide, "")
	other := m.issue(t, ctx, nil)
	m.handOver(t, ctx, m.producer, m.trader, other, consumerSide, "")

	type hop struct {
		seller, buyer sdk.AccAddress
		price         int64
		paid          string
	}
	want := []hop{{m.producer, m.trader, 80_000_000, "320000"}, {m.trader, m.consumer, 90_000_000, "360000"}, {m.consumer, m.trader, 0, "0"}}
	trades := m.tradesOf(t, ctx, id)
	require.Len(t, trades, len(want))
	for i, w := range want {
		require.Equal(t, w.seller.String(), trades[i].Seller, "trade %d", i)
		require.Equal(t, w.buyer.String(), trades[i].Buyer, "trade %d", i)
		require.Equal(t, w.price, trades[i].PricePerMwh, "trade %d", i)
		require.Equal(t, w.paid, trades[i].Paid.String(), "trade %d", i)
		require.Equal(t, id, trades[i].TokenId)
	}
	page, err := m.q.Trades(ctx, &types.QueryTradesRequest{TokenId: id, Pagination: &query.PageRequest{Limit: 2}})
	require.NoError(t, err)
	require.Len(t, page.Trades, 2)
	next, err := m.q.Trades(ctx, &types.QueryTradesRequest{TokenId: id, Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
	require.NoError(t, err)
	require.Len(t, next.Trades, 1)
	require.Equal(t, m.consumer.String(), next.Trades[0].Seller)
	require.Len(t, m.tradesOf(t, ctx, other), 1)
	require.Empty(t, m.tradesOf(t, ctx, m.issue(t, ctx, nil)))
}
