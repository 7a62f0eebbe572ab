package keeper

import (
	"context"
	"strings"

	"github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/internal/metrics"
)

// The module's metrics (docs/operations/metrics.md): counters of what the market did.
var (
	metricTokensIssued = []string{types.ModuleName, "tokens_issued"}
	metricOffers       = []string{types.ModuleName, "offers"}
	metricTrades       = []string{types.ModuleName, "trades"}
	metricTradedWh     = []string{types.ModuleName, "traded_wh"}
)

// tradeKindLabels are the kind label of each trade kind, made once: "reserve_primary", ...
// A participant's trade is "buy" with a price and "handover" without one.
var tradeKindLabels = func() map[types.TradeKind]string {
	m := make(map[types.TradeKind]string, len(types.TradeKind_name))
	for k, name := range types.TradeKind_name {
		m[types.TradeKind(k)] = strings.ToLower(strings.TrimPrefix(name, "TRADE_KIND_"))
	}
	return m
}()

func tradeKindLabel(trade types.Trade) string {
	if trade.Kind == types.TradeKind_TRADE_KIND_UNSPECIFIED {
		if trade.Denom == "" {
			return "handover"
		}
		return "buy"
	}
	if l, ok := tradeKindLabels[trade.Kind]; ok {
		return l
	}
	return "other"
}

// countTrade counts a side changing hands and the energy it carries.
func countTrade(ctx context.Context, t types.Token, trade types.Trade) {
	if !metrics.Enabled(ctx) {
		return
	}
	kind := metrics.L("kind", tradeKindLabel(trade))
	metrics.Incr(ctx, metricTrades, kind)
	metrics.Add(ctx, metricTradedWh, float32(t.TotalWh()), kind)
}

// countOffer counts a side put up for sale (an ask set at issue or later).
func countOffer(ctx context.Context, s types.Side) {
	metrics.Incr(ctx, metricOffers, metrics.L("side", sideLabel(s)))
}

func sideLabel(s types.Side) string {
	switch s {
	case types.Side_SIDE_PRODUCER:
		return "producer"
	case types.Side_SIDE_CONSUMER:
		return "consumer"
	default:
		return "other"
	}
}

// countIssued counts a token issued.
func countIssued(ctx context.Context) { metrics.Incr(ctx, metricTokensIssued) }
