package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/internal/metrics/metricstest"
)

// TestSettlementMetricsFollowARun: a run that postpones a consumer's payment counts the
// postponement and the run; the next one, the debt paid back, counts the payments (the debt's
// and the two claims paid out of it) and the money recovered; progress gauges move on.
func TestSettlementMetricsFollowARun(t *testing.T) {
	rec := metricstest.Start()
	d := newDflt(t)
	p := d.firstOpen(1)
	d.issueTo(t, d.defaulter, dLoad, d.issueMsg(p, p, 0, 0))
	d.deliver(t, p, mwh, map[string]uint64{dLoad: mwh})

	type counts struct{ runs, postponements, defaults, payments, collected, disbursed, recovered float64 }
	read := func() counts {
		return counts{
			runs:          rec.Counter("settlement.runs_finished"),
			postponements: rec.Counter("settlement.postponements"),
			defaults:      rec.Counter("settlement.defaults"),
			payments:      rec.Counter("settlement.payments", "denom="+dChf),
			collected:     rec.Counter("settlement.collected", "denom="+dChf),
			disbursed:     rec.Counter("settlement.disbursed", "denom="+dChf),
			recovered:     rec.Counter("settlement.recovered", "denom="+dChf),
		}
	}
	sub := func(a, b counts) counts {
		return counts{a.runs - b.runs, a.postponements - b.postponements, a.defaults - b.defaults,
			a.payments - b.payments, a.collected - b.collected, a.disbursed - b.disbursed, a.recovered - b.recovered}
	}

	before := read()
	d.settleThrough(t, p)
	require.Equal(t, counts{runs: 1, postponements: 1}, sub(read(), before), "nothing paid: the consumer's payment is postponed")
	next, ok := rec.Gauge("settlement.next_period")
	require.True(t, ok)
	require.Greater(t, uint64(next), p)
	stage, ok := rec.Gauge("settlement.run_stage")
	require.True(t, ok)
	require.Zero(t, stage, "no run in progress")

	d.c.Fund(d.c.Ctx(), d.bank, dChf, d.defaulter, sdkmath.NewInt(100_000_000), sdkmath.NewInt(100_000_000))
	mid := read()
	run, _ := d.settleThrough(t, p+1)
	var payments uint64
	for _, den := range run.Denoms {
		payments += den.Payments
	}
	// The debtor pays its debt back; the producer's and the operator's claims are paid out of it.
	require.EqualValues(t, 3, payments)
	require.Equal(t, counts{runs: 1, payments: 3, recovered: debtAfterFirst}, sub(read(), mid))
}
