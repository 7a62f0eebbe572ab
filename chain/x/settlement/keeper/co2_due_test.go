package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// appointCo2Authority has governance appoint a CO2 authority that charges rate base units
// per gram in sChf, as the day scenario does.
func appointCo2Authority(t *testing.T, g *grid, rate int64) sdk.AccAddress {
	t.Helper()
	ctx := g.c.Ctx()
	authority := apptest.NewAccount()
	g.c.Admit(ctx, g.operator, authority, apptest.Admission{LegalID: "12X-SCO2AUTH-001", Roles: []bt.Role{bt.Role_ROLE_CO2_AUTHORITY}})
	_, err := balancingkeeper.NewMsgServerImpl(g.c.App.BalancingKeeper).AppointCo2Authority(ctx, &bt.MsgAppointCo2Authority{
		Authority: apptest.GovAuthority(), Co2Authority: authority.String()})
	require.NoError(t, err)
	_, err = g.energy.SetCo2Rate(ctx, &et.MsgSetCo2Rate{Authority: authority.String(), Denom: sChf, RatePerGram: sdkmath.NewInt(rate)})
	require.NoError(t, err)
	return authority
}

// co2Line is owner's CO2 statement line of period in sChf; zero when it has none.
func co2Line(t *testing.T, g *grid, owner sdk.AccAddress, period uint64) types.StatementLine {
	t.Helper()
	l, err := g.c.App.SettlementKeeper.Lines.Get(g.c.Ctx(), collections.Join4(owner, period, int32(types.ChargeKind_CHARGE_KIND_CO2), sChf))
	if err != nil {
		require.ErrorIs(t, err, collections.ErrNotFound)
		return types.StatementLine{Amounts: zero()}
	}
	return l
}

// TestHeldCo2TokenIsChargedToItsHolderAtSettlement: the producer splits 15 kg of a
// token's 40 kg of CO2 into a CO2 token and sells it to the trader, who never merges it,
// and sells the token (25 kg left) to the consumer. A second token's 4 kg are split off
// and merged back before its consumer side goes to the retailer. At settlement the trader
// pays 15 kg × 2 to the CO2 authority, the consumer 25 kg, the retailer 10 kg: the CO2
// charged is the 50 kg the two tokens were issued with, the merged-back 4 kg once. The
// consumed CO2 token can no longer be merged, offered or bought.
func TestHeldCo2TokenIsChargedToItsHolderAtSettlement(t *testing.T) {
	t.Run("default budget", func(t *testing.T) { heldCo2Token(t, 0) })
	// One item per block: the gather stage ends its energy tokens with the budget spent and
	// takes the CO2 token in the next block.
	t.Run("one item per block", func(t *testing.T) { heldCo2Token(t, 1) })
}

func heldCo2Token(t *testing.T, perBlock uint64) {
	g := newGrid(t)
	authority := appointCo2Authority(t, g, 2)
	ctx := g.c.Ctx()
	if perBlock > 0 {
		params := types.DefaultParams()
		params.MaxSettlePerBlock = perBlock
		require.NoError(t, g.c.App.SettlementKeeper.Params.Set(ctx, params))
	}
	p := g.now() + 3
	t1 := g.issueCO2(t, p, mwh, 80_000_000, 0, 40_000)
	split, err := g.energy.SplitCo2(ctx, &et.MsgSplitCo2{Owner: g.producer.String(), TokenId: t1, Grams: 15_000})
	require.NoError(t, err)
	c1 := split.Co2TokenId
	held, err := g.c.App.EnergyKeeper.GetCo2Token(ctx, c1)
	require.NoError(t, err)
	require.Equal(t, sChf, held.Denom, "the CO2 token records the face value denom of its token")
	require.Equal(t, p, held.DuePeriod, "due with the token it was split from (no settlement delay)")
	due, err := g.c.App.EnergyKeeper.HasCo2Due(ctx, p)
	require.NoError(t, err)
	require.True(t, due)
	due, err = g.c.App.EnergyKeeper.HasCo2Due(ctx, p-1)
	require.NoError(t, err)
	require.False(t, due, "not due before its due period")
	_, err = g.energy.SetCo2Ask(ctx, &et.MsgSetCo2Ask{Owner: g.producer.String(), Co2TokenId: c1, Ask: et.Co2Ask{ForSale: true, PricePerTonne: -10_000_000, Denom: sChf}})
	require.NoError(t, err)
	_, err = g.energy.BuyCo2Token(ctx, &et.MsgBuyCo2Token{Buyer: g.trader.String(), Co2TokenId: c1, Denom: sChf, MaxPricePerTonne: -10_000_000})
	require.NoError(t, err)
	g.sell(t, g.producer, g.consumer, split.TokenId, et.Side_SIDE_CONSUMER, 1_000_000, sLoad)

	t2 := g.issueCO2(t, p, mwh/2, 80_000_000, 0, 10_000)
	split2, err := g.energy.SplitCo2(ctx, &et.MsgSplitCo2{Owner: g.producer.String(), TokenId: t2, Grams: 4_000})
	require.NoError(t, err)
	merged, err := g.energy.MergeCo2(ctx, &et.MsgMergeCo2{Owner: g.producer.String(), TokenId: split2.TokenId, Co2TokenIds: []uint64{split2.Co2TokenId}})
	require.NoError(t, err)
	g.sell(t, g.producer, g.retailer, merged.TokenId, et.Side_SIDE_CONSUMER, 1_000_000, sAgg)
	g.invariants(t)

	g.advanceTo(t, p+1)
	g.read(t, sSolar, p, mwh+mwh/2)
	g.read(t, sLoad, p, mwh)
	g.read(t, sAgg, p, mwh/2)
	run := g.settle(t, p)
	require.EqualValues(t, 2, run.Tokens)
	require.EqualValues(t, 1, run.Co2Tokens, "the merged-back CO2 token is not due on its own")
	require.Equal(t, c1, run.AfterCo2Token)

	trader, consumer, retailer, auth := co2Line(t, g, g.trader, p), co2Line(t, g, g.consumer, p), co2Line(t, g, g.retailer, p), co2Line(t, g, authority, p)
	require.EqualValues(t, 15_000, trader.Co2Grams)
	require.Equal(t, "30000", trader.Amounts.Payable.String(), "the trader holds 15 kg at 2 per gram")
	require.EqualValues(t, 25_000, consumer.Co2Grams)
	require.Equal(t, "50000", consumer.Amounts.Payable.String(), "the consumer pays for the token's remaining 25 kg only")
	require.EqualValues(t, 10_000, retailer.Co2Grams)
	require.Equal(t, "20000", retailer.Amounts.Payable.String(), "the merged-back 4 kg are paid once, with the token")
	require.EqualValues(t, 50_000, auth.Co2Grams, "every gram issued is charged once: 40 kg + 10 kg")
	require.Equal(t, "100000", auth.Amounts.Receivable.String())
	require.True(t, auth.Amounts.Payable.IsZero())
	lines := co2Line(t, g, g.producer, p)
	require.True(t, lines.Amounts.Payable.IsZero(), "the producer sold its CO2 token: it pays nothing for it")

	c, err := g.c.App.EnergyKeeper.GetCo2Token(g.c.Ctx(), c1)
	require.NoError(t, err)
	require.True(t, c.Consumed)
	require.Equal(t, et.TokenStatus_TOKEN_STATUS_RETIRED, c.Status)
	require.Equal(t, p, c.ConsumedPeriod)
	require.Equal(t, g.trader.String(), c.Owner, "it stays with the holder that paid for it")
	back, err := g.c.App.EnergyKeeper.GetCo2Token(g.c.Ctx(), split2.Co2TokenId)
	require.NoError(t, err)
	require.False(t, back.Consumed)
	require.Equal(t, merged.TokenId, back.MergedInto)
	due, err = g.c.App.EnergyKeeper.HasCo2Due(g.c.Ctx(), p+1_000)
	require.NoError(t, err)
	require.False(t, due, "nothing is left due")

	// The consumed CO2 token can no longer be merged, offered or bought; nothing changes.
	p3 := g.now() + 3
	virtual := bt.VirtualMeterID(g.trader.String(), solar)
	t3 := g.issue(t, p3, mwh, 80_000_000, 0)
	g.sell(t, g.producer, g.trader, t3, et.Side_SIDE_CONSUMER, 1_000_000, virtual)
	g.sell(t, g.producer, g.trader, t3, et.Side_SIDE_PRODUCER, 1_000_000, virtual)
	ctx = g.c.Ctx()
	tokenBefore, err := g.c.App.EnergyKeeper.Tokens.Get(ctx, t3)
	require.NoError(t, err)
	moneyBefore := g.money(t)
	traderBefore, producerBefore := g.balance(t, g.trader), g.balance(t, g.producer)
	_, err = g.energy.MergeCo2(ctx, &et.MsgMergeCo2{Owner: g.trader.String(), TokenId: t3, Co2TokenIds: []uint64{c1}})
	require.ErrorIs(t, err, et.ErrCo2TokenConsumed)
	_, err = g.energy.SetCo2Ask(ctx, &et.MsgSetCo2Ask{Owner: g.trader.String(), Co2TokenId: c1, Ask: et.Co2Ask{ForSale: true, PricePerTonne: -1, Denom: sChf}})
	require.ErrorIs(t, err, et.ErrCo2TokenConsumed)
	_, err = g.energy.BuyCo2Token(ctx, &et.MsgBuyCo2Token{Buyer: g.producer.String(), Co2TokenId: c1, Denom: sChf, MaxPricePerTonne: 0})
	require.ErrorIs(t, err, et.ErrCo2TokenConsumed)
	after, err := g.c.App.EnergyKeeper.GetCo2Token(ctx, c1)
	require.NoError(t, err)
	require.Equal(t, c, after)
	tokenAfter, err := g.c.App.EnergyKeeper.Tokens.Get(ctx, t3)
	require.NoError(t, err)
	require.Equal(t, tokenBefore, tokenAfter)
	require.Equal(t, moneyBefore, g.money(t))
	require.Equal(t, traderBefore, g.balance(t, g.trader))
	require.Equal(t, producerBefore, g.balance(t, g.producer))
	g.invariants(t)
}
