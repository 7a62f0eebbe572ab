package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestReconcileDeliversInterfaceSidesAsScheduled: the sides of a cross-grid purchase's
// tokens owned at interface meters are delivered exactly as scheduled (seed §4.3): no meter
// record, no imbalance, no consumption for the interface accounts, on a chain between as on
// the buyer's chain. The buyer's side at its own meter is reconciled there as any side,
// but is no consumer token: no transmission fee is attached to a bridge token.
func TestReconcileDeliversInterfaceSidesAsScheduled(t *testing.T) {
	r := newRecon(t, 1)
	p := r.now() + 3
	ctx := r.c.Ctx()
	k := r.c.App.EnergyKeeper
	up, down := apptest.NewAccount(), apptest.NewAccount()
	upMeter, downMeter := bt.InterfaceMeterID("channel-0"), bt.InterfaceMeterID("channel-1")
	// The template only lends its shape: its two sides at one meter cancel.
	template, err := k.GetToken(ctx, r.issue(t, r.producer, rSolar, rSolar, rSolarCat, p, p, 1_000))
	require.NoError(t, err)
	ref := et.BridgeRef{PurchaseId: "valley/1", OriginChainId: ctx.ChainID(), TokenChainId: "regional-west", TokenId: 9}
	bought, err := k.IssueBridgeToken(ctx, template, ref, up.String(), upMeter, r.consumer.String(), rLoad)
	require.NoError(t, err)
	ref.OriginChainId = "local-valley"
	passing, err := k.IssueBridgeToken(ctx, template, ref, up.String(), upMeter, down.String(), downMeter)
	require.NoError(t, err)

	r.advanceTo(t, p+1)
	r.read(t, rSolar, p, 0)
	r.read(t, rLoad, p, 1_200) // bridged 1000 + 200 more
	rec := r.reconcile(t, p)

	require.EqualValues(t, 1, rec.Tokens, "only the buyer's over-consumption is an imbalance")
	require.Equal(t, []line{{meter: rLoad, cat: bt.EnergyCategory_ENERGY_CATEGORY_OTHER, kase: et.ImbalanceCase_IMBALANCE_CASE_OVER_CONSUMPTION, wh: 200}},
		zeroPrices(linesOf(r.statement(t, r.consumer, p))))
	for _, who := range []struct {
		name string
		addr sdk.AccAddress
	}{{"uplink", up}, {"downlink", down}} {
		require.Empty(t, r.statement(t, who.addr, p), "%s interface account", who.name)
		has, err := r.c.App.DeliveryKeeper.Consumptions.Has(r.c.Ctx(), collections.Join(p, who.addr))
		require.NoError(t, err)
		require.False(t, has, "the %s interface account consumes and produces nothing here", who.name)
	}
	var consumerTokens []uint64
	_, _, err = r.c.App.DeliveryKeeper.ConsumerTokensStep(r.c.Ctx(), p, r.consumer, 0, 10, false, func(id, wh uint64) error {
		consumerTokens = append(consumerTokens, id)
		return nil
	})
	require.NoError(t, err)
	require.NotContains(t, consumerTokens, bought, "no transmission fee is attached to a bridge token")
	require.NotContains(t, consumerTokens, passing)
	require.Len(t, consumerTokens, 1, "the imbalance token only")
}

// zeroPrices drops the prices of lines: the test is about which lines there are.
func zeroPrices(ls []line) []line {
	for i := range ls {
		ls[i].price, ls[i].recv = 0, 0
	}
	return ls
}
