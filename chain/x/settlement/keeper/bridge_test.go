package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// TestBridgeTokensBookNothing: a cross-grid purchase's bridge tokens (ADR 024 §5), on the
// buyer's chain and on a chain between, are settled with the period's other tokens but book
// nothing: face value zero, no grid fee, and no CO2 (their energy, CO2 and fees are paid on
// the bought token's chain). The buyer's local token settles as before.
func TestBridgeTokensBookNothing(t *testing.T) {
	g := newGrid(t)
	appointCo2Authority(t, g, 2)
	ctx := g.c.Ctx()
	k := g.c.App.EnergyKeeper
	p := g.now() + 3
	local := g.issue(t, p, mwh, 80_000_000, 0)
	g.sell(t, g.producer, g.consumer, local, et.Side_SIDE_CONSUMER, 1_000_000, sLoad)
	// The bought token as its own chain holds it: 1 MWh carrying 400 g of CO2.
	template, err := k.GetToken(ctx, g.issueCO2(t, p, mwh, 80_000_000, 0, 400))
	require.NoError(t, err)
	up, down := apptest.NewAccount(), apptest.NewAccount()
	ref := et.BridgeRef{PurchaseId: "valley/3", OriginChainId: ctx.ChainID(), TokenChainId: "regional-west", TokenId: 5}
	bought, err := k.IssueBridgeToken(ctx, template, ref, up.String(), bt.InterfaceMeterID("channel-0"), g.consumer.String(), sLoad)
	require.NoError(t, err)
	ref.OriginChainId = "local-valley"
	passing, err := k.IssueBridgeToken(ctx, template, ref, up.String(), bt.InterfaceMeterID("channel-0"), down.String(), bt.InterfaceMeterID("channel-1"))
	require.NoError(t, err)

	g.advanceTo(t, p+1)
	g.read(t, sSolar, p, mwh)
	g.read(t, sLoad, p, 2*mwh) // the local token and the bridged energy, as scheduled
	before := balances(t, g)
	run := g.settle(t, p)

	require.EqualValues(t, 4, run.Tokens, "the bridge tokens are settled (taken off the due set) with the others")
	requireMoved(t, g, before, map[string]int64{g.consumer.String(): -80_008_000, g.producer.String(): 80_000_000 - 2*400})
	st, err := g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: g.consumer.String(), FromPeriod: p, ToPeriod: p})
	require.NoError(t, err)
	require.Len(t, st.Lines, 1, "the local token's energy only: no CO2 for the bridged 400 g")
	require.Equal(t, types.ChargeKind_CHARGE_KIND_ENERGY, st.Lines[0].Kind)
	require.Equal(t, "80000000", st.Lines[0].Amounts.Payable.String())
	require.True(t, co2Line(t, g, g.consumer, p).Amounts.Payable.IsZero())
	for _, who := range []sdk.AccAddress{up, down} {
		st, err := g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: who.String(), FromPeriod: p, ToPeriod: p})
		require.NoError(t, err)
		require.Empty(t, st.Lines, "an interface account is charged nothing for a bridge token")
	}
	for _, id := range []uint64{bought, passing} {
		tok, err := k.GetToken(g.c.Ctx(), id)
		require.NoError(t, err)
		require.Empty(t, tok.GridFees)
	}
}
