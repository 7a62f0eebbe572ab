package keeper_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

const bernSolar = "CH-P-SOLAR-BE" // the producer's third solar plant, in another area

// registerBern registers the producer's solar plant in Bern (area CH-BE, with a grid
// node and coordinates the query must never show).
func (m *market) registerBern(t *testing.T, ctx sdk.Context) {
	t.Helper()
	_, err := balancingkeeper.NewMsgServerImpl(m.c.App.BalancingKeeper).RegisterMeter(ctx, &balancingtypes.MsgRegisterMeter{
		Operator: m.operator.String(), Id: bernSolar, Owner: m.producer.String(),
		Kind: balancingtypes.MeterKind_METER_KIND_PRODUCTION, Category: solar,
		PointKind:    balancingtypes.MeteringPointKind_METERING_POINT_KIND_COMPANY,
		Location:     balancingtypes.Location{GridNode: "BE-3", Area: "CH-BE", HasCoordinates: true, LatCenti: 4695, LonCenti: 744},
		KeyAlgorithm: balancingtypes.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: make([]byte, 32),
	})
	require.NoError(t, err)
}

// traceChain builds producer -> trader (split, merge) -> retailer (aggregate, then
// disaggregate) -> consumer, plus a wind token the consumer buys from the producer and an
// over-consumption imbalance token the balancing authority supplies. It returns the
// retailer's part the consumer bought.
//
//	a (ZH, 1000 Wh, 120 g) --split--> 700 | a' (300, 36 g)
//	a' + c (ZH, 400 Wh, 48 g) --merge--> m (700 Wh, 84 g)         trader
//	m + b (BE, 600 Wh, 90 g) --aggregate--> e (1300 Wh, 174 g)      retailer (trader2)
//	e --disaggregate--> d (1000 Wh, 133 g) + 300 Wh                  retailer
//	d's consumer side -> consumer
func (m *market) traceChain(t *testing.T, ctx sdk.Context) (d uint64) {
	t.Helper()
	m.registerBern(t, ctx)
	a := m.boughtConsumerSide(t, ctx, nil)
	c := m.boughtConsumerSide(t, ctx, func(msg *types.MsgIssueToken) { msg.WhPerPeriod, msg.Co2Grams = 400, 48 })
	split, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: m.producer.String(), ConsumerOwner: m.trader.String(),
		TokenId: a, WhParts: []uint64{700, 300}})
	require.NoError(t, err)
	merged, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.trader.String(),
		TokenIds: []uint64{split.TokenIds[1], c}})
	require.NoError(t, err)
	require.Equal(t, uint64(84), m.token(t, ctx, merged.TokenId).Co2Grams)

	m.setAsk(t, ctx, m.trader, merged.TokenId, consumerSide, 0, chf)
	m.buy(t, ctx, m.trader2, merged.TokenId, consumerSide, 0, chf, m.virtual(m.trader2, solar))
	b := m.issue(t, ctx, func(msg *types.MsgIssueToken) {
		msg.ProducerMeterId, msg.WhPerPeriod, msg.Co2Grams = bernSolar, 600, 90
	})
	m.setAsk(t, ctx, m.producer, b, consumerSide, 0, chf)
	m.buy(t, ctx, m.trader2, b, consumerSide, 0, chf, m.virtual(m.trader2, solar))

	agg := m.aggregateMsg(consumerSide, merged.TokenId, b)
	agg.Owner = m.trader2.String()
	e := m.aggregate(t, ctx, agg)
	require.Equal(t, uint64(174), m.token(t, ctx, e).Co2Grams)
	dis := m.disaggregateMsg(e)
	dis.Owner, dis.WhParts = m.trader2.String(), []uint64{1000, 300}
	parts, err := m.msgs.DisaggregateSide(ctx, dis)
	require.NoError(t, err)
	d = parts.TokenIds[0]
	require.Equal(t, uint64(133), m.token(t, ctx, d).Co2Grams)
	m.setAsk(t, ctx, m.trader2, d, consumerSide, 0, chf)
	m.buy(t, ctx, m.consumer, d, consumerSide, 0, chf, consumerLoad)

	w := m.issue(t, ctx, func(msg *types.MsgIssueToken) {
		msg.ProducerMeterId, msg.WhPerPeriod, msg.Co2Grams, msg.LastPeriod = windMeter, 500, 20, m.now+5
	})
	m.setAsk(t, ctx, m.producer, w, consumerSide, 0, chf)
	m.buy(t, ctx, m.consumer, w, consumerSide, 0, chf, consumerLoad)

	other := balancingtypes.EnergyCategory_ENERGY_CATEGORY_OTHER
	_, err = m.c.App.EnergyKeeper.CreateImbalanceToken(ctx, keeper.ImbalanceToken{
		Period: m.now + 6, Wh: 250, Category: other, Case: types.ImbalanceCase_IMBALANCE_CASE_OVER_CONSUMPTION,
		Producer:    types.TokenSide{Owner: m.operator.String(), MeterId: balancingtypes.VirtualMeterID(m.operator.String(), other)},
		Consumer:    types.TokenSide{Owner: m.consumer.String(), MeterId: consumerLoad},
		PricePerMwh: 90_000_000, Denom: chf, Issuer: m.operator.String(),
	})
	require.NoError(t, err)
	return d
}

func (m *market) trace(t *testing.T, ctx sdk.Context, who sdk.AccAddress, from, to uint64) *types.QueryTraceabilityResponse {
	t.Helper()
	res, err := m.q.Traceability(ctx, &types.QueryTraceabilityRequest{Consumer: who.String(), FromPeriod: from, ToPeriod: to})
	require.NoError(t, err)
	return res
}

// requireAddsUp checks that the buckets add up to the totals exactly.
func requireAddsUp(t *testing.T, res *types.QueryTraceabilityResponse) {
	t.Helper()
	var wh, co2 uint64
	for _, o := range res.Origins {
		wh += o.Wh
		co2 += o.Co2Grams
	}
	require.Equal(t, res.ConsumedWh, wh, "origins' Wh add up to the consumed Wh")
	require.Equal(t, res.Co2Grams, co2, "origins' CO2 adds up to the consumed CO2")
}

// TestTraceabilityFollowsEveryIntermediary traces the consumer's energy back through the
// retailer's disaggregation and aggregation and the trader's merge and split to the two
// solar plants, with exact shares and largest-remainder rounding.
func TestTraceabilityFollowsEveryIntermediary(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	m.traceChain(t, ctx)
	shard := apptest.ChainID
	other := balancingtypes.EnergyCategory_ENERGY_CATEGORY_OTHER
	intermediaries := []types.TraceIntermediary{
		{Address: m.trader.String(), SplitOrMerged: true, Resold: true},
		{Address: m.trader2.String(), Emitted: true, Resold: true},
	}
	if intermediaries[1].Address < intermediaries[0].Address {
		intermediaries[0], intermediaries[1] = intermediaries[1], intermediaries[0]
	}

	// Periods now+5 and now+6: d gives 2 x 1000 Wh, 133 g x 2000/4000 = 66.5 g, shared
	// 600:700 between Bern and Zurich (923.08 and 1076.92 Wh; 30.69 and 35.81 g); the
	// wind token one period of 500 Wh and 20 g x 500/1000 = 10 g; the imbalance 250 Wh, 0 g.
	// Totals 2750 Wh and 76.5 g, rounded half up to 77. Largest remainder gives Zurich's
	// .92 Wh the unit left, and Zurich's and Bern's .81 and .69 g the two grams left.
	res := m.trace(t, ctx, m.consumer, m.now+5, m.now+6)
	require.Equal(t, &types.QueryTraceabilityResponse{
		ConsumedWh: 2750, Co2Grams: 77, ConsumedTokens: 3, TokensRead: res.TokensRead,
		Origins: []types.OriginBucket{
			{Category: solar, OriginShard: shard, Area: "CH-BE", Wh: 923, Co2Grams: 31},
			{Category: solar, OriginShard: shard, Area: "CH-ZH", Wh: 1077, Co2Grams: 36},
			{Category: wind, OriginShard: shard, Area: "CH-ZH", Wh: 500, Co2Grams: 10},
			{Category: other, OriginShard: shard, Balancing: true, Wh: 250},
		},
		Intermediaries: intermediaries,
	}, res)
	requireAddsUp(t, res)
	require.LessOrEqual(t, res.TokensRead, uint64(types.MaxTraceReads))

	// The whole delivery: d's 4000 Wh and 133 g, the wind token's 1000 Wh and 20 g.
	whole := m.trace(t, ctx, m.consumer, m.now, m.now+100)
	require.Equal(t, uint64(5250), whole.ConsumedWh)
	require.Equal(t, uint64(153), whole.Co2Grams)
	requireAddsUp(t, whole)

	// Delivered periods trace the same: tokens are never pruned after delivery.
	later := ctx.WithBlockTime(ctx.BlockTime().Add(time.Duration(types.DefaultPeriodSeconds*200) * time.Second))
	require.Equal(t, whole, m.trace(t, later, m.consumer, m.now, m.now+100))

	// The retailer consumed nothing of what it passed on: its kept sides back the parts
	// and the part it kept has both sides at its own meter. The trader still holds the
	// consumer side of the 700 Wh part of the split: that energy is its own.
	require.Zero(t, m.trace(t, ctx, m.trader2, m.now, m.now+100).ConsumedWh)
	traderRes := m.trace(t, ctx, m.trader, m.now, m.now+100)
	require.Equal(t, []types.OriginBucket{{Category: solar, OriginShard: shard, Area: "CH-ZH", Wh: 2800, Co2Grams: 84}}, traderRes.Origins)
	require.Empty(t, traderRes.Intermediaries, "the trader split the token itself")
	// Outside the delivery, nothing.
	require.Zero(t, m.trace(t, ctx, m.consumer, m.now+8, m.now+20).ConsumedWh)
}

// TestTraceabilityFollowsKeptProducerSides: a trader sold the consumer a token it has yet
// to buy energy for; it keeps the producer side, disaggregates it into two lots and sells
// their producer sides to the producer's plants in Zurich and Bern. The consumer's energy
// comes from those plants, in proportion to the lots.
func TestTraceabilityFollowsKeptProducerSides(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	m.registerBern(t, ctx)
	res, err := m.msgs.IssueToken(ctx, m.traderIssueMsg()) // 1000 Wh x 4 periods, 120 g
	require.NoError(t, err)
	sold := res.TokenId
	m.setAsk(t, ctx, m.trader, sold, consumerSide, 0, chf)
	m.buy(t, ctx, m.consumer, sold, consumerSide, 0, chf, consumerLoad)

	dis := m.disaggregateMsg(sold)
	dis.Side, dis.WhParts = producerSide, []uint64{600, 400}
	lots, err := m.msgs.DisaggregateSide(ctx, dis)
	require.NoError(t, err)
	for i, plant := range []string{solarMeter, bernSolar} {
		m.setAsk(t, ctx, m.trader, lots.TokenIds[i], producerSide, 0, chf)
		m.buy(t, ctx, m.producer, lots.TokenIds[i], producerSide, 0, chf, plant)
	}
	require.Equal(t, types.Backing{Side: producerSide, TokenIds: lots.TokenIds}, m.token(t, ctx, sold).Backs)

	got := m.trace(t, ctx, m.consumer, m.now+4, m.now+7)
	require.Equal(t, &types.QueryTraceabilityResponse{
		ConsumedWh: 4000, Co2Grams: 120, ConsumedTokens: 1, TokensRead: got.TokensRead,
		Origins: []types.OriginBucket{
			{Category: solar, OriginShard: apptest.ChainID, Area: "CH-BE", Wh: 1600, Co2Grams: 48},
			{Category: solar, OriginShard: apptest.ChainID, Area: "CH-ZH", Wh: 2400, Co2Grams: 72},
		},
		Intermediaries: []types.TraceIntermediary{{Address: m.trader.String(), Emitted: true, Resold: true}},
	}, got)
	// The trader's consumer sides of the lots pass the energy on to its kept producer side:
	// it consumed nothing.
	require.Zero(t, m.trace(t, ctx, m.trader, m.now+4, m.now+7).ConsumedWh)
}

func TestTraceabilityOfAConsumerWithNothing(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	m.traceChain(t, ctx)
	require.Equal(t, &types.QueryTraceabilityResponse{}, m.trace(t, ctx, m.stranger, m.now, m.now+100))
}

func TestTraceabilityRefusesBadInput(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	for _, tc := range []struct {
		name string
		req  *types.QueryTraceabilityRequest
		want error
	}{
		{"no request", nil, types.ErrInvalidRequest},
		{"bad address", &types.QueryTraceabilityRequest{Consumer: "grid1nope", FromPeriod: 1, ToPeriod: 2}, types.ErrInvalidAddress},
		{"no address", &types.QueryTraceabilityRequest{FromPeriod: 1, ToPeriod: 2}, types.ErrInvalidAddress},
		{"from after to", &types.QueryTraceabilityRequest{Consumer: m.consumer.String(), FromPeriod: 10, ToPeriod: 9}, types.ErrInvalidPeriods},
		{"range too long", &types.QueryTraceabilityRequest{Consumer: m.consumer.String(), FromPeriod: 10, ToPeriod: 10 + types.MaxTracePeriods}, types.ErrTraceRangeTooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := m.q.Traceability(ctx, tc.req)
			require.ErrorIs(t, err, tc.want)
		})
	}
	// The longest range allowed is answered.
	_, err := m.q.Traceability(ctx, &types.QueryTraceabilityRequest{Consumer: m.consumer.String(), FromPeriod: 10, ToPeriod: 9 + types.MaxTracePeriods})
	require.NoError(t, err)
}

// TestTraceabilityIsBounded: a call never reads more than its budget. Under a smaller
// budget the trace comes in pages that add up to the whole; a single token whose lineage
// alone needs more is refused.
func TestTraceabilityIsBounded(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	m.traceChain(t, ctx)
	k := m.c.App.EnergyKeeper
	req := types.QueryTraceabilityRequest{Consumer: m.consumer.String(), FromPeriod: m.now, ToPeriod: m.now + 100}
	whole, err := k.Traceability(ctx, &req, types.MaxTraceReads)
	require.NoError(t, err)
	require.False(t, whole.More)

	budget := int(whole.TokensRead) - 1
	var wh, tokens uint64
	pages := 0
	for start, more := uint64(0), true; more; pages++ {
		require.Less(t, pages, 5, "paging does not end")
		page := req
		page.StartTokenId = start
		res, err := k.Traceability(ctx, &page, budget)
		require.NoError(t, err)
		require.LessOrEqual(t, res.TokensRead, uint64(budget))
		requireAddsUp(t, res)
		wh, tokens = wh+res.ConsumedWh, tokens+res.ConsumedTokens
		start, more = res.NextTokenId, res.More
	}
	require.Greater(t, pages, 1)
	require.Equal(t, whole.ConsumedWh, wh)
	require.Equal(t, whole.ConsumedTokens, tokens)

	_, err = k.Traceability(ctx, &req, 3)
	require.ErrorIs(t, err, types.ErrTraceTooLarge)
}

// TestTraceabilityPageStopsBeforeALargeToken: a page that has read other entries stops
// before a token the rest of its budget cannot trace, and the next page, which starts with
// that token, traces it; only a token that opens its page is refused as too large.
func TestTraceabilityPageStopsBeforeALargeToken(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	later := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.LastPeriod = m.now+10, m.now+11 })
	m.setAsk(t, ctx, m.producer, later, consumerSide, 0, chf)
	m.buy(t, ctx, m.consumer, later, consumerSide, 0, chf, consumerLoad)
	d := m.traceChain(t, ctx)
	k := m.c.App.EnergyKeeper
	req := types.QueryTraceabilityRequest{Consumer: m.consumer.String(), FromPeriod: m.now + 4, ToPeriod: m.now + 7}

	// The smallest budget that traces d on a page of its own.
	alone := req
	alone.StartTokenId = d
	budget := 1
	for ; ; budget++ {
		require.Less(t, budget, types.MaxTraceReads)
		res, err := k.Traceability(ctx, &alone, budget)
		if err == nil && res.ConsumedTokens > 0 {
			break
		}
		if err != nil {
			require.ErrorIs(t, err, types.ErrTraceTooLarge)
		}
	}
	// From the start, the later token's entry (outside the range) costs one read first.
	first, err := k.Traceability(ctx, &req, budget)
	require.NoError(t, err)
	require.Equal(t, []any{uint64(0), uint64(0), true, d}, []any{first.ConsumedWh, first.ConsumedTokens, first.More, first.NextTokenId})
	second := req
	second.StartTokenId = first.NextTokenId
	res, err := k.Traceability(ctx, &second, budget)
	require.NoError(t, err)
	require.Equal(t, uint64(4000), res.ConsumedWh, "d's 1000 Wh over four periods")
}
