package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/internal/metrics/metricstest"
)

// TestFiatMetricsFollowIssuance: minting, redeeming and paying a redemption out add their
// amounts to the bank's denom, and outstanding follows what is in circulation.
func TestFiatMetricsFollowIssuance(t *testing.T) {
	rec := metricstest.Start()
	f := newFixture(t).withBanks(t)
	denom := "denom=" + alpine
	minted, redeemed, paid := rec.Counter("fiat.minted", denom), rec.Counter("fiat.redeemed", denom), rec.Counter("fiat.paid_out", denom)

	f.mint(t, alpine, f.alice, 1_000)
	id := f.redeem(t, f.alice, coin(alpine, 250))
	f.markPaid(t, alpine, id)

	require.Equal(t, 1_000.0, rec.Counter("fiat.minted", denom)-minted)
	require.Equal(t, 250.0, rec.Counter("fiat.redeemed", denom)-redeemed)
	require.Equal(t, 250.0, rec.Counter("fiat.paid_out", denom)-paid)
	outstanding, ok := rec.Gauge("fiat.outstanding", denom)
	require.True(t, ok)
	require.Equal(t, float32(f.bankOf(t, alpine).Outstanding().Int64()), outstanding)
	require.EqualValues(t, 750, outstanding)
	require.Zero(t, rec.Counter("fiat.minted", "denom="+lakeside), "the other bank minted nothing")
}
