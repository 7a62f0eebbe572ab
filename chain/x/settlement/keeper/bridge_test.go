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

// TestBridgeTokenCo2CountsOnTheBuyersChain: a cross-grid purchase's bridge tokens (ADR 024
// §5) are settled with the period's other tokens and book no energy and no fee (those are
// paid on the bought token's chain), but the CO2 the buyer consumes counts on the buyer's
// chain like a local token's: a CO2 line at this chain's rate, grams included. A chain
// between books nothing for its bridge token, and on the token's chain the bought token,
// whose consumer side is an interface account's at an interface meter, books no CO2 either:
// the grams count once in the tree, where they are consumed.
func TestBridgeTokenCo2CountsOnTheBuyersChain(t *testing.T) {
	g := newGrid(t)
	authority := appointCo2Authority(t, g, 2)
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
	// This chain as the token's chain of another purchase: an interface account buys the
	// consumer side of a 300 g token (face value zero: only the CO2 is looked at).
	iface := apptest.NewAccount()
	require.NoError(t, g.c.App.BalancingKeeper.RegisterInterfaceAccount(ctx, iface, "IFACE-CHANNEL-7", "Link over channel-7"))
	sold := g.issueCO2(t, p, mwh, 0, 0, 300)
	_, err = g.energy.SetAsk(ctx, &et.MsgSetAsk{Owner: g.producer.String(), TokenId: sold, Side: et.Side_SIDE_CONSUMER, Ask: et.Ask{ForSale: true, PricePerMwh: 0, Denom: sChf}})
	require.NoError(t, err)
	_, err = k.BuySideForBridge(ctx, iface, sold, et.Side_SIDE_CONSUMER, sChf, 0, bt.InterfaceMeterID("channel-7"))
	require.NoError(t, err)

	g.advanceTo(t, p+1)
	g.read(t, sSolar, p, 2*mwh)
	g.read(t, sLoad, p, 2*mwh) // the local token and the bridged energy, as scheduled
	before := balances(t, g)
	run := g.settle(t, p)

	require.EqualValues(t, 5, run.Tokens, "the bridge tokens are settled (taken off the due set) with the others")
	// The consumer pays the local token's energy and, at 2 per gram, the bridged 400 g; the
	// producer the 400 g of the template it consumed itself, and nothing for the 300 g the
	// interface account took.
	requireMoved(t, g, before, map[string]int64{g.consumer.String(): -80_008_000 - 2*400, g.producer.String(): 80_000_000 - 2*400})
	st, err := g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: g.consumer.String(), FromPeriod: p, ToPeriod: p})
	require.NoError(t, err)
	kinds := map[types.ChargeKind]types.StatementLine{}
	for _, line := range st.Lines {
		kinds[line.Kind] = line
	}
	require.Len(t, st.Lines, 2, "the local token's energy and the bridged CO2: %v", st.Lines)
	require.Equal(t, "80000000", kinds[types.ChargeKind_CHARGE_KIND_ENERGY].Amounts.Payable.String())
	co2 := co2Line(t, g, g.consumer, p)
	require.Equal(t, "800", co2.Amounts.Payable.String(), "the bridged 400 g at 2 per gram, as a local token's")
	require.EqualValues(t, 400, co2.Co2Grams)
	require.Equal(t, "1600", co2Line(t, g, authority, p).Amounts.Receivable.String(), "the CO2 authority receives the template's 400 g and the bridged 400 g, not the interface account's 300 g")
	for _, who := range []sdk.AccAddress{up, down, iface} {
		st, err := g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: who.String(), FromPeriod: p, ToPeriod: p})
		require.NoError(t, err)
		require.Empty(t, st.Lines, "an interface account is charged nothing for a purchase's CO2")
	}
	for _, id := range []uint64{bought, passing} {
		tok, err := k.GetToken(g.c.Ctx(), id)
		require.NoError(t, err)
		require.Empty(t, tok.GridFees)
	}
}
