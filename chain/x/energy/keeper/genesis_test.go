package keeper_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/log"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// buildHistory gives the market every kind of state: offers in two currencies and two
// categories, market trades at positive, zero and negative prices, a hand-over, a
// split, a merge and a cancellation.
func (m *market) buildHistory(t testing.TB, ctx sdk.Context) {
	t.Helper()
	p := m.producer.String()
	m.setBand(t, ctx, eur, -1_000_000_000, 1_000_000_000)
	a := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, a, consumerSide, 80_000_000, chf)
	m.buy(t, ctx, m.consumer, a, consumerSide, 80_000_000, chf, consumerLoad)
	m.setAsk(t, ctx, m.producer, a, producerSide, -20_000_000, chf)
	m.buy(t, ctx, m.trader, a, producerSide, 0, chf, "")

	b := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.ProducerMeterId, msg.WhPerPeriod = windMeter, 3000 })
	m.setAsk(t, ctx, m.producer, b, consumerSide, 0, eur)
	m.buy(t, ctx, m.trader, b, consumerSide, 0, eur, "")
	m.setAsk(t, ctx, m.producer, b, producerSide, 55_000_000, eur)

	c := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.LastPeriod = m.now+8, m.now+11 })
	m.handOver(t, ctx, m.producer, m.consumer, c, consumerSide, consumerLoad)
	split, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: m.consumer.String(), TokenId: c, SplitAfterPeriod: m.now + 9})
	require.NoError(t, err)
	m.setAsk(t, ctx, m.producer, split.TokenIds[1], producerSide, 45_000_000, chf)

	d, e := m.issue(t, ctx, nil), m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.WhPerPeriod = 500 })
	_, err = m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: p, ConsumerOwner: p, TokenIds: []uint64{d, e}})
	require.NoError(t, err)

	f := m.issue(t, ctx, nil)
	m.handOver(t, ctx, m.producer, m.trader, f, consumerSide, "")
	_, err = m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: m.trader.String(), TokenId: f})
	require.NoError(t, err)
	m.setAsk(t, ctx, m.trader, a, producerSide, 70_000_000, chf)
}

// queryAll runs every query over the market and returns the answers as JSON, so two
// chains can be compared answer by answer.
func (m *market) queryAll(t testing.TB, ctx sdk.Context, k keeper.Keeper) map[string]string {
	t.Helper()
	q := keeper.NewQueryServerImpl(k)
	cdc := m.c.App.AppCodec()
	out := map[string]string{}
	put := func(name string, res proto.Message, err error) {
		require.NoError(t, err, name)
		out[name] = string(cdc.MustMarshalJSON(res))
	}
	next, err := k.TokenSeq.Peek(ctx)
	require.NoError(t, err)
	for id := uint64(1); id < next; id++ {
		res, err := q.Token(ctx, &types.QueryTokenRequest{Id: id})
		put(fmt.Sprint("token/", id), res, err)
		trades, err := q.Trades(ctx, &types.QueryTradesRequest{TokenId: id})
		put(fmt.Sprint("trades/", id), trades, err)
	}
	for _, who := range []sdk.AccAddress{m.producer, m.consumer, m.trader} {
		res, err := q.TokensByOwner(ctx, &types.QueryTokensByOwnerRequest{Owner: who.String()})
		put("owner/"+who.String(), res, err)
		pos, err := q.Position(ctx, &types.QueryPositionRequest{Owner: who.String(), FromPeriod: m.now, ToPeriod: m.now + 12})
		put("position/"+who.String(), pos, err)
	}
	for _, side := range []types.Side{producerSide, consumerSide} {
		for _, denom := range []string{chf, eur} {
			for _, cat := range []balancingtypes.EnergyCategory{solar, wind} {
				res, err := q.Offers(ctx, &types.QueryOffersRequest{Side: side, Denom: denom, Category: cat})
				put(fmt.Sprint("offers/", side, "/", denom, "/", cat), res, err)
			}
		}
	}
	for period := m.now; period <= m.now+12; period++ {
		for _, denom := range []string{chf, eur} {
			for _, cat := range []balancingtypes.EnergyCategory{solar, wind} {
				res, err := q.AveragePrice(ctx, &types.QueryAveragePriceRequest{Period: period, Category: cat, Denom: denom})
				put(fmt.Sprint("average/", period-m.now, "/", denom, "/", cat), res, err)
			}
		}
	}
	params, err := q.Params(ctx, &types.QueryParamsRequest{})
	put("params", params, err)
	return out
}

func (m *market) exportJSON(t testing.TB, ctx sdk.Context, k keeper.Keeper) string {
	t.Helper()
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	return string(m.c.App.AppCodec().MustMarshalJSON(gs))
}

// TestGenesisExportImportRoundTrip exports a chain with a market history, starts a new
// chain from it, and finds the same export, the same answers to every query, and the
// same behaviour afterwards (serials continue, indexes were rebuilt).
func TestGenesisExportImportRoundTrip(t *testing.T) {
	m := newMarket(t)
	m.buildHistory(t, m.c.Ctx())
	m.c.NextBlock(time.Second)

	exported, err := m.c.App.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	var genesis map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &genesis))
	fresh := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()),
		baseapp.SetChainID(apptest.ChainID))
	c2 := apptest.InitChain(t, fresh, genesis)
	for c2.Height < m.c.Height { // same heights, so new records carry the same heights
		c2.NextBlock(time.Second)
	}
	ctx1, ctx2 := m.c.Ctx(), c2.Ctx()
	k1, k2 := m.c.App.EnergyKeeper, c2.App.EnergyKeeper

	require.NoError(t, k2.CheckInvariants(ctx2), "indexes rebuilt on import")
	require.NoError(t, c2.App.FiatKeeper.CheckInvariants(ctx2))
	require.Equal(t, m.exportJSON(t, ctx1, k1), m.exportJSON(t, ctx2, k2))
	require.Contains(t, m.exportJSON(t, ctx2, k2), `"price_bands":[{"denom":"ueur.nordic","min_per_mwh":"-1000000000","max_per_mwh":"1000000000"}]`,
		"the operator's band survives export and import")
	answers := m.queryAll(t, ctx1, k1)
	require.Equal(t, answers, m.queryAll(t, ctx2, k2))
	require.Contains(t, answers[fmt.Sprint("average/4/", chf, "/", solar)], "\"trades\":\"2\"", "the history holds market trades")

	// Both chains go on the same way: the same purchase and issue give the same state.
	for _, c := range []*apptest.Chain{m.c, c2} {
		ctx := c.Ctx()
		msgs := keeper.NewMsgServerImpl(c.App.EnergyKeeper)
		_, err := msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.consumer.String(), TokenId: 1, Side: producerSide,
			MaxPricePerMwh: 70_000_000, Denom: chf, MeterId: ""})
		require.ErrorIs(t, err, types.ErrInvalidMeter, "the consumer has no virtual meter")
		_, err = msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.producer.String(), TokenId: 1, Side: producerSide,
			MaxPricePerMwh: 70_000_000, Denom: chf, MeterId: solarMeter})
		require.NoError(t, err)
		res, err := msgs.IssueToken(ctx, m.issueMsg())
		require.NoError(t, err)
		require.Equal(t, uint64(10), res.TokenId, "serials continue after import")
		require.NoError(t, c.App.EnergyKeeper.CheckInvariants(ctx))
		require.NoError(t, c.App.FiatKeeper.CheckInvariants(ctx))
	}
	require.Equal(t, m.exportJSON(t, m.c.Ctx(), k1), m.exportJSON(t, c2.Ctx(), k2))
	require.Equal(t, m.queryAll(t, m.c.Ctx(), k1), m.queryAll(t, c2.Ctx(), k2))
}

func TestInitGenesisRebuildsIndexesFromTokens(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	m.buildHistory(t, ctx)
	k := m.c.App.EnergyKeeper
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	before := m.queryAll(t, ctx, k)

	// Wipe every index, then import: the indexes come back from the tokens and trades.
	for _, clear := range []func() error{
		func() error { return k.TokensByOwner.Clear(ctx, nil) },
		func() error { return k.Positions.Clear(ctx, nil) },
		func() error { return k.Offers.Clear(ctx, nil) },
		func() error { return k.MarketDays.Clear(ctx, nil) },
	} {
		require.NoError(t, clear())
	}
	require.Error(t, k.CheckInvariants(ctx))
	require.NoError(t, k.InitGenesis(ctx, *gs))
	require.Equal(t, before, m.queryAll(t, ctx, k))
}
