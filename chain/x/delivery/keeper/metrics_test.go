package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	"github.com/gridledger/gridledger/chain/x/internal/metrics/metricstest"
)

// TestDeliveryMetricsCountReadingsAndReconciliation: every reading taken in adds to
// readings{outcome="accepted"}, a replayed one to "refused"; reconciling the four cases
// adds their imbalances, missing reading and tokens, and moves the reconciled period.
func TestDeliveryMetricsCountReadingsAndReconciliation(t *testing.T) {
	rec := metricstest.Start()
	r := newRecon(t, 2)
	type counts struct{ accepted, refused, surplusWh, deficitWh, missing, tokens float64 }
	read := func() counts {
		return counts{
			accepted:  rec.Counter("delivery.readings", "outcome=accepted"),
			refused:   rec.Counter("delivery.readings", "outcome=refused"),
			surplusWh: rec.Counter("delivery.imbalance_wh", "direction=surplus"),
			deficitWh: rec.Counter("delivery.imbalance_wh", "direction=deficit"),
			missing:   rec.Counter("delivery.missing_readings"),
			tokens:    rec.Counter("delivery.imbalance_tokens"),
		}
	}
	sub := func(a, b counts) counts {
		return counts{a.accepted - b.accepted, a.refused - b.refused, a.surplusWh - b.surplusWh, a.deficitWh - b.deficitWh, a.missing - b.missing, a.tokens - b.tokens}
	}

	before, periodsBefore := read(), rec.Counter("delivery.periods_reconciled")
	p := fourCases(t, r) // three readings
	replay := r.keys[rSolar].sign(t, apptest.ChainID, types.SignedReading{MeterId: rSolar, Period: p, Wh: 3_500})
	res, err := r.msgs.SubmitReadings(r.c.Ctx(), &types.MsgSubmitReadings{Submitter: r.operator.String(), Readings: []types.SignedReading{replay}})
	require.NoError(t, err)
	require.Zero(t, res.Accepted)
	require.Equal(t, counts{accepted: 3, refused: 1}, sub(read(), before))

	mid := read()
	r.reconcile(t, p)
	// Solar: 500 Wh over-production and 2,000 Wh under-consumption taken; wind: 500 Wh
	// taken, 100 Wh supplied; other: 300 Wh supplied (TestReconcileSettlesTheFourCasesAtDualPrices).
	require.Equal(t, counts{surplusWh: 3_000, deficitWh: 400, missing: 1, tokens: 5}, sub(read(), mid))
	reconciled, ok := rec.Gauge("delivery.reconciled_period")
	require.True(t, ok)
	require.EqualValues(t, p, reconciled)
	require.GreaterOrEqual(t, rec.Counter("delivery.periods_reconciled")-periodsBefore, 1.0)
	lag, ok := rec.Gauge("delivery.reconcile_lag_periods")
	require.True(t, ok)
	require.EqualValues(t, 2, lag, "caught up: the next period waits for its two-period reading window")
}
