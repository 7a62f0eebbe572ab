// Package metrics emits the gridledger modules' own telemetry through the Cosmos SDK's
// telemetry package (hashicorp/go-metrics). With app.toml's [telemetry] enabled and a
// prometheus-retention-time, the node's API server serves them at
// /metrics?format=prometheus, next to the SDK's own, as <service-name>_<module>_<name>
// (gridnet sets service-name "gridd": gridd_energy_trades{kind="buy"}). The operator guide,
// docs/operations/metrics.md, lists every metric with what it means.
//
// Metrics are observations, not state: they never touch the store, never fail a
// transaction and cost a boolean check when telemetry is off. Labels take only values from
// bounded sets (a kind, a side, a denom), never an address, token or meter id, so the
// number of series stays small however much the chain trades. Messages run again under
// gas simulation (the SDK's Simulate, a client's gas estimate): nothing is counted then,
// so only what a block executed is.
package metrics

import (
	"context"
	"math/big"

	"cosmossdk.io/math"
	gometrics "github.com/hashicorp/go-metrics"

	"github.com/cosmos/cosmos-sdk/telemetry"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Label is a metric label; build it with L.
type Label = gometrics.Label

// L returns the label name=value.
func L(name, value string) Label { return Label{Name: name, Value: value} }

// Add adds val to the counter key (module first: {"energy", "trades"}).
func Add(ctx context.Context, key []string, val float32, labels ...Label) {
	if !enabled(ctx) {
		return
	}
	telemetry.IncrCounterWithLabels(key, val, labels)
}

// Incr adds one to the counter key.
func Incr(ctx context.Context, key []string, labels ...Label) {
	Add(ctx, key, 1, labels...)
}

// Set sets the gauge key to val.
func Set(ctx context.Context, key []string, val float32, labels ...Label) {
	if !enabled(ctx) {
		return
	}
	telemetry.SetGaugeWithLabels(key, val, labels)
}

// Enabled says whether a metric emitted in ctx would be recorded: callers that must read
// something to compute a metric check it first.
func Enabled(ctx context.Context) bool { return enabled(ctx) }

// Amount converts an amount of base units (or Wh) to a metric value; float32 keeps about
// seven significant digits, which is what a dashboard needs.
func Amount(a math.Int) float32 {
	if a.IsNil() {
		return 0
	}
	if a.IsInt64() {
		return float32(a.Int64())
	}
	f, _ := new(big.Float).SetInt(a.BigInt()).Float32()
	return f
}

func enabled(ctx context.Context) bool {
	if !telemetry.IsTelemetryEnabled() {
		return false
	}
	sdkCtx, ok := ctx.Value(sdk.SdkContextKey).(sdk.Context)
	return !ok || sdkCtx.ExecMode() != sdk.ExecModeSimulate
}
