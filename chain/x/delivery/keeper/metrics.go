package keeper

import (
	"context"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
	"github.com/gridledger/gridledger/chain/x/internal/metrics"
)

// The module's metrics (docs/operations/metrics.md): readings taken in and how far
// reconciliation has come.
var (
	metricReadings          = []string{types.ModuleName, "readings"}
	metricPeriodsReconciled = []string{types.ModuleName, "periods_reconciled"}
	metricReconciledPeriod  = []string{types.ModuleName, "reconciled_period"}
	metricReconcileLag      = []string{types.ModuleName, "reconcile_lag_periods"}
	metricImbalanceWh       = []string{types.ModuleName, "imbalance_wh"}
	metricMissingReadings   = []string{types.ModuleName, "missing_readings"}
	metricImbalanceTokens   = []string{types.ModuleName, "imbalance_tokens"}
	labelAccepted           = metrics.L("outcome", "accepted")
	labelRefused            = metrics.L("outcome", "refused")
	labelSurplus            = metrics.L("direction", "surplus")
	labelDeficit            = metrics.L("direction", "deficit")
)

// countReadings counts a batch's readings by outcome.
func countReadings(ctx context.Context, accepted, refused uint32) {
	if accepted > 0 {
		metrics.Add(ctx, metricReadings, float32(accepted), labelAccepted)
	}
	if refused > 0 {
		metrics.Add(ctx, metricReadings, float32(refused), labelRefused)
	}
}

// countReconciled counts a period's reconciliation when it finishes: the period, its
// imbalances (Wh the balancing authority took or supplied), missing readings and tokens.
func countReconciled(ctx context.Context, rec types.PeriodReconciliation) {
	if !metrics.Enabled(ctx) {
		return
	}
	var surplus, deficit uint64
	for _, c := range rec.Categories {
		surplus += c.SurplusWh
		deficit += c.DeficitWh
	}
	metrics.Incr(ctx, metricPeriodsReconciled)
	metrics.Set(ctx, metricReconciledPeriod, float32(rec.Period))
	metrics.Add(ctx, metricImbalanceWh, float32(surplus), labelSurplus)
	metrics.Add(ctx, metricImbalanceWh, float32(deficit), labelDeficit)
	metrics.Add(ctx, metricMissingReadings, float32(rec.MissingReadings))
	metrics.Add(ctx, metricImbalanceTokens, float32(rec.Tokens))
}

// reportLag sets how many periods the next period to reconcile is behind the current one:
// reading_window_periods once reconciliation has caught up (a period waits for its reading
// window to close), more while it is behind.
func reportLag(ctx context.Context, current, next uint64) {
	lag := uint64(0)
	if current > next {
		lag = current - next
	}
	metrics.Set(ctx, metricReconcileLag, float32(lag))
}
