package keeper

import (
	"context"

	"cosmossdk.io/math"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/internal/metrics"
)

// The module's metrics (docs/operations/metrics.md): fiat issued, redeemed and paid out
// per denom (one per approved bank), and what is outstanding.
var (
	metricMinted      = []string{types.ModuleName, "minted"}
	metricRedeemed    = []string{types.ModuleName, "redeemed"}
	metricPaidOut     = []string{types.ModuleName, "paid_out"}
	metricOutstanding = []string{types.ModuleName, "outstanding"}
)

// countIssuance reports an amount minted or redeemed (metric) and the bank's outstanding
// fiat after it.
func countIssuance(ctx context.Context, metric []string, b types.BankEntity, amount math.Int) {
	if !metrics.Enabled(ctx) {
		return
	}
	denom := metrics.L("denom", b.Denom)
	metrics.Add(ctx, metric, metrics.Amount(amount), denom)
	metrics.Set(ctx, metricOutstanding, metrics.Amount(b.Outstanding()), denom)
}

// countPaidOut reports a redemption the bank paid out.
func countPaidOut(ctx context.Context, r types.Redemption) {
	metrics.Add(ctx, metricPaidOut, metrics.Amount(r.Amount), metrics.L("denom", r.Denom))
}
