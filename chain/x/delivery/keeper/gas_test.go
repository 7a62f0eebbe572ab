package keeper_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// maxTxGas is x/balancing's default tx_limits.max_gas: the per-transaction gas ceiling.
const maxTxGas = 50_000_000

// TestLargestBatchFitsTheGasCeiling delivers, as a real transaction, the costliest batch the
// parameters allow: max_readings_per_tx readings of distinct aggregation points with
// 128-character ids, secp256k1 keys (the dearer check) and commitments, each for its own
// period (one totals record each). It must fit the per-transaction ceiling at the default
// max_readings_per_tx and at MaxReadingsPerTxLimit, the most governance may set.
func TestLargestBatchFitsTheGasCeiling(t *testing.T) {
	if testing.Short() {
		t.Skip("registers 2,500 meters")
	}
	for _, n := range []int{types.DefaultMaxReadingsPerTx, types.MaxReadingsPerTxLimit} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			g := newGrid(t)
			ctx := g.c.Ctx()
			params := types.DefaultParams()
			params.MaxReadingsPerTx = uint64(n)
			params.ReadingWindowPeriods = types.MaxReadingWindowPeriods
			require.NoError(t, g.c.App.DeliveryKeeper.Params.Set(ctx, params))
			ids := make([]string, n)
			for i := range ids {
				ids[i] = fmt.Sprintf("%s%06d", strings.Repeat("A", types.MaxMeterIDLen-6), i)
				g.keys[ids[i]] = secpMeterKey(ids[i])
				g.registerMeter(t, ids[i], g.retailer, bt.MeterKind_METER_KIND_CONSUMPTION, 0, bt.MeteringPointKind_METERING_POINT_KIND_AGGREGATION_POINT, nil)
			}
			g.c.NextBlock(0)
			batch := make([]types.SignedReading, n)
			for i, id := range ids {
				r := types.SignedReading{MeterId: id, Period: g.current() - 1 - uint64(i), Wh: types.MaxReadingWh, Commitment: make([]byte, 32)}
				for j := range r.Commitment {
					r.Commitment[j] = 0xff
				}
				batch[i] = g.keys[id].sign(t, "gridledger-test-1", r)
			}
			g.hubKey.Seq = g.c.App.AccountKeeper.GetAccount(g.c.Ctx(), g.hub).GetSequence()
			res := g.c.Deliver(g.hubKey, maxTxGas, &types.MsgSubmitReadings{Submitter: g.hub.String(), Readings: batch})
			require.Equal(t, uint32(0), res.Code, res.Log)
			require.Less(t, res.GasUsed, int64(maxTxGas))
			t.Logf("%d readings: %d gas (%d per reading), %d bytes of readings", n, res.GasUsed, res.GasUsed/int64(n), n*(types.MaxMeterIDLen+64+32+24))
			totals, err := g.q.PeriodTotals(g.c.Ctx(), &types.QueryPeriodTotalsRequest{Period: g.current() - 2})
			require.NoError(t, err)
			require.Equal(t, uint64(1), totals.Totals.Readings)
		})
	}
}
