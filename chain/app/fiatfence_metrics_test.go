package app_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/telemetry"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/hashicorp/go-metrics"
	"github.com/stretchr/testify/require"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// TestFenceCountsRefusalsInBlocks: fiat refused at the fence in a block being executed adds to
// fiat.fenced{denom} (an incoming IBC transfer refused this way is refunded by its sender's
// chain); a send inside the admitted set and a refusal outside block execution add nothing.
func TestFenceCountsRefusalsInBlocks(t *testing.T) {
	sink := metrics.NewInmemSink(time.Hour, 24*time.Hour)
	conf := metrics.DefaultConfig("")
	conf.EnableHostname, conf.EnableRuntimeMetrics = false, false
	_, err := metrics.NewGlobal(conf, sink)
	require.NoError(t, err)
	telemetry.EnableTelemetry()
	fenced := func() float64 {
		total := 0.0
		for _, iv := range sink.Data() {
			iv.RLock()
			for _, c := range iv.Counters {
				if c.Name == "fiat.fenced" && len(c.Labels) == 1 && c.Labels[0] == (metrics.Label{Name: "denom", Value: fiatDenom}) {
					total += c.Sum
				}
			}
			iv.RUnlock()
		}
		return total
	}

	g := newGrid(t)
	trader := g.participants[balancingtypes.Role_ROLE_TRADER]
	consumer := g.participants[balancingtypes.Role_ROLE_CONSUMER]
	g.c.Fund(g.c.Ctx(), g.bank.Addr, fiatDenom, trader.Addr, sdkmath.NewInt(1_000_000), sdkmath.ZeroInt())
	coins := sdk.NewCoins(sdk.NewInt64Coin(fiatDenom, 10))
	before := fenced()

	block := g.c.Ctx().WithExecMode(sdk.ExecModeFinalize)
	require.ErrorIs(t, g.c.App.BankKeeper.SendCoins(block, trader.Addr, g.stranger.Addr, coins), balancingtypes.ErrFiatFenced)
	require.NoError(t, g.c.App.BankKeeper.SendCoins(block, trader.Addr, consumer.Addr, coins))
	require.ErrorIs(t, g.c.App.BankKeeper.SendCoins(g.c.Ctx().WithExecMode(sdk.ExecModeCheck), trader.Addr, g.stranger.Addr, coins), balancingtypes.ErrFiatFenced)
	require.Equal(t, 1.0, fenced()-before)
}
