package keeper

import (
	"context"

	"cosmossdk.io/math"

	"github.com/gridledger/gridledger/chain/x/internal/metrics"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// The module's metrics (docs/operations/metrics.md): how far settlement has come and what
// its runs paid, postponed and declared in default.
var (
	metricNextPeriod    = []string{types.ModuleName, "next_period"}
	metricPeriodsBehind = []string{types.ModuleName, "periods_behind"}
	metricRunStage      = []string{types.ModuleName, "run_stage"}
	metricRunsFinished  = []string{types.ModuleName, "runs_finished"}
	metricCharges       = []string{types.ModuleName, "charges"}
	metricPayments      = []string{types.ModuleName, "payments"}
	metricCollected     = []string{types.ModuleName, "collected"}
	metricDisbursed     = []string{types.ModuleName, "disbursed"}
	metricRecovered     = []string{types.ModuleName, "recovered"}
	metricPostponements = []string{types.ModuleName, "postponements"}
	metricDefaults      = []string{types.ModuleName, "defaults"}
)

// runCounts is what a run has counted so far, to report a block's step as the difference.
type runCounts struct {
	charges, postponed, defaults uint64
	denoms                       map[string]denomCounts
}

type denomCounts struct {
	payments                        uint64
	collected, disbursed, recovered math.Int
}

// countsOf copies a run's counters (nil when no metric would be recorded).
func countsOf(ctx context.Context, run types.SettlementRun) *runCounts {
	if !metrics.Enabled(ctx) {
		return nil
	}
	c := &runCounts{charges: run.Charges, postponed: run.Postponed, defaults: run.Defaults, denoms: make(map[string]denomCounts, len(run.Denoms))}
	for _, d := range run.Denoms {
		c.denoms[d.Denom] = denomCounts{payments: d.Payments, collected: d.Collected, disbursed: d.Disbursed, recovered: d.Recovered}
	}
	return c
}

// countStep reports what a block's step of run did since before, and the run's stage
// (0 once it is done).
func countStep(ctx context.Context, before *runCounts, run types.SettlementRun, done bool) {
	if before == nil {
		return
	}
	metrics.Add(ctx, metricCharges, float32(run.Charges-before.charges))
	metrics.Add(ctx, metricPostponements, float32(run.Postponed-before.postponed))
	metrics.Add(ctx, metricDefaults, float32(run.Defaults-before.defaults))
	for _, d := range run.Denoms {
		was, ok := before.denoms[d.Denom]
		if !ok {
			was = denomCounts{collected: math.ZeroInt(), disbursed: math.ZeroInt(), recovered: math.ZeroInt()}
		}
		denom := metrics.L("denom", d.Denom)
		if n := d.Payments - was.payments; n > 0 {
			metrics.Add(ctx, metricPayments, float32(n), denom)
		}
		if a := d.Collected.Sub(was.collected); a.IsPositive() {
			metrics.Add(ctx, metricCollected, metrics.Amount(a), denom)
		}
		if a := d.Disbursed.Sub(was.disbursed); a.IsPositive() {
			metrics.Add(ctx, metricDisbursed, metrics.Amount(a), denom)
		}
		if a := d.Recovered.Sub(was.recovered); a.IsPositive() {
			metrics.Add(ctx, metricRecovered, metrics.Amount(a), denom)
		}
	}
	stage := float32(run.Stage)
	if done {
		stage = 0
		metrics.Incr(ctx, metricRunsFinished)
	}
	metrics.Set(ctx, metricRunStage, stage)
}

// reportProgress sets the next period to settle and how many reconciled periods wait for
// it (the fee window's periods always do).
func reportProgress(ctx context.Context, next, reconciledBefore uint64) {
	if !metrics.Enabled(ctx) {
		return
	}
	behind := uint64(0)
	if reconciledBefore > next {
		behind = reconciledBefore - next
	}
	metrics.Set(ctx, metricNextPeriod, float32(next))
	metrics.Set(ctx, metricPeriodsBehind, float32(behind))
}
