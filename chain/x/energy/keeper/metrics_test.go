package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/internal/metrics/metricstest"
)

// TestMarketMetricsCountWhatTheMarketDid: an issue, an offer, a purchase and a hand-over
// each add to their counter once, with the bounded labels the guide lists; a refused
// purchase and a simulated one add nothing.
func TestMarketMetricsCountWhatTheMarketDid(t *testing.T) {
	rec := metricstest.Start()
	m := newMarket(t)
	ctx := m.branch(t)
	type counts struct{ issued, offers, buys, handovers, boughtWh, handedWh float64 }
	read := func() counts {
		return counts{
			issued:    rec.Counter("energy.tokens_issued"),
			offers:    rec.Counter("energy.offers", "side=producer"),
			buys:      rec.Counter("energy.trades", "kind=buy"),
			handovers: rec.Counter("energy.trades", "kind=handover"),
			boughtWh:  rec.Counter("energy.traded_wh", "kind=buy"),
			handedWh:  rec.Counter("energy.traded_wh", "kind=handover"),
		}
	}

	before := read()
	id := m.issue(t, ctx, nil) // 4 periods of 1000 Wh
	m.setAsk(t, ctx, m.producer, id, producerSide, 249_750, chf)
	m.buy(t, ctx, m.trader2, id, producerSide, 250_000, chf, "")
	m.handOver(t, ctx, m.producer, m.consumer, id, consumerSide, consumerLoad)
	after := read()
	require.Equal(t, counts{issued: 1, offers: 1, buys: 1, handovers: 1, boughtWh: 4000, handedWh: 4000}, counts{
		after.issued - before.issued, after.offers - before.offers, after.buys - before.buys,
		after.handovers - before.handovers, after.boughtWh - before.boughtWh, after.handedWh - before.handedWh,
	})

	// A refusal and a gas simulation count nothing.
	id2 := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, id2, producerSide, 249_750, chf)
	before = read()
	m.refused(t, ctx, types.ErrUnknownToken, func(ctx sdk.Context) error {
		_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.trader2.String(), TokenId: 999, Side: producerSide, MaxPricePerMwh: 250_000, Denom: chf})
		return err
	})
	m.buy(t, ctx.WithExecMode(sdk.ExecModeSimulate), m.trader, id2, producerSide, 250_000, chf, "")
	require.Equal(t, before, read())
}
