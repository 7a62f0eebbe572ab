package keeper_test

import (
	"math/big"
	"math/rand"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// averageByScan is what AveragePrice must return, found the slow way: every recorded
// market trade whose token covers the period.
func averageByScan(t *testing.T, m *market, ctx sdk.Context, req types.QueryAveragePriceRequest) types.QueryAveragePriceResponse {
	t.Helper()
	k := m.c.App.EnergyKeeper
	sumWh, sumValue := new(big.Int), new(big.Int)
	var res types.QueryAveragePriceResponse
	trades, err := k.Trades.Iterate(ctx, nil)
	require.NoError(t, err)
	all, err := trades.Values()
	require.NoError(t, err)
	for _, tr := range all {
		tok, err := k.Tokens.Get(ctx, tr.TokenId)
		require.NoError(t, err)
		if tr.Denom != req.Denom || tok.Category != req.Category || tok.FirstPeriod > req.Period || tok.LastPeriod < req.Period {
			continue
		}
		wh := new(big.Int).SetUint64(tok.WhPerPeriod)
		sumWh.Add(sumWh, wh)
		sumValue.Add(sumValue, wh.Mul(wh, big.NewInt(tr.PricePerMwh)))
		res.Trades++
	}
	res.TradedWh = sumWh.Uint64()
	if sumWh.Sign() > 0 {
		res.PricePerMwh = sumValue.Quo(sumValue, sumWh).Int64()
	}
	return res
}

// TestAveragePriceAgreesWithAScan: after random buys and hand-overs of a random book
// (short, day-crossing and long tokens, both currencies and categories, negative prices),
// the per-day market totals give for every period what a scan of all trades gives.
func TestAveragePriceAgreesWithAScan(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	rng := rand.New(rand.NewSource(11))
	randomBook(t, m, ctx, rng, 200)
	m.c.Fund(ctx, m.bank, chf, m.trader2, sdkmath.NewInt(2*deposit), sdkmath.NewInt(deposit))
	m.c.Fund(ctx, m.bank2, eur, m.trader2, sdkmath.NewInt(2*deposit), sdkmath.NewInt(deposit))
	k := m.c.App.EnergyKeeper
	bought, handedOver := 0, 0
	tokens, err := k.Tokens.Iterate(ctx, nil)
	require.NoError(t, err)
	book, err := tokens.Values() // read first: buying writes the store a walk would read
	require.NoError(t, err)
	for _, tok := range book {
		for _, s := range []types.Side{producerSide, consumerSide} {
			side, _ := tok.SideOf(s)
			switch {
			case side.Ask.ForSale && rng.Intn(4) > 0:
				m.buy(t, ctx, m.trader2, tok.Id, s, side.Ask.PricePerMwh, side.Ask.Denom, "")
				bought++
			case rng.Intn(8) == 0:
				m.handOver(t, ctx, m.trader, m.trader2, tok.Id, s, "")
				handedOver++
			}
		}
	}
	require.Greater(t, bought, 100)
	require.Greater(t, handedOver, 10)
	m.checkInvariants(t, ctx)

	counted := uint64(0)
	for i := 0; i < 400; i++ {
		req := types.QueryAveragePriceRequest{Period: m.now + uint64(rng.Intn(50*keeper.DayPeriods)), Denom: chf, Category: solar}
		if rng.Intn(4) == 0 {
			req.Denom = eur
		}
		if rng.Intn(3) == 0 {
			req.Category = wind
		}
		res, err := m.q.AveragePrice(ctx, &req)
		require.NoError(t, err)
		require.Equal(t, averageByScan(t, m, ctx, req), *res, "period %d, %+v", i, req)
		counted += res.Trades
	}
	require.Greater(t, counted, uint64(1000), "the random periods should mostly have trades")
}
