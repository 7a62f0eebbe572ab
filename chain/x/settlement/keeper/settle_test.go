package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	fiatkeeper "github.com/gridledger/gridledger/chain/x/fiat/keeper"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

const mwh = 1_000_000 // Wh

// market trades three one-MWh tokens of one period, all due in it:
//
//	t1: producer → consumer at 80 CHF/MWh face value
//	t2: trader (producer side, bought) → retailer at 80
//	t3: producer → trader (consumer side, bought) at 50
//
// so the consumer and the retailer owe 80 each, the trader is owed 80 and owes 50 (net
// +30), the producer is owed 130. Meters read what was scheduled: no imbalance.
func market(t *testing.T, g *grid) uint64 {
	t.Helper()
	p := g.now() + 3
	virtual := bt.VirtualMeterID(g.trader.String(), solar)
	t1 := g.issue(t, p, mwh, 80_000_000, 0)
	g.sell(t, g.producer, g.consumer, t1, et.Side_SIDE_CONSUMER, 1_000_000, sLoad)
	t2 := g.issue(t, p, mwh, 80_000_000, 0)
	g.sell(t, g.producer, g.retailer, t2, et.Side_SIDE_CONSUMER, 1_000_000, sAgg)
	g.sell(t, g.producer, g.trader, t2, et.Side_SIDE_PRODUCER, 1_000_000, virtual)
	t3 := g.issue(t, p, mwh, 50_000_000, 0)
	g.sell(t, g.producer, g.trader, t3, et.Side_SIDE_CONSUMER, 1_000_000, virtual)
	g.advanceTo(t, p+1)
	g.read(t, sSolar, p, 2*mwh)
	g.read(t, sLoad, p, mwh)
	g.read(t, sAgg, p, mwh)
	return p
}

func balances(t *testing.T, g *grid) map[string]sdkmath.Int {
	out := map[string]sdkmath.Int{}
	for _, who := range []sdk.AccAddress{g.producer, g.consumer, g.retailer, g.trader, g.operator} {
		out[who.String()] = g.balance(t, who)
	}
	return out
}

func requireMoved(t *testing.T, g *grid, before map[string]sdkmath.Int, want map[string]int64) {
	t.Helper()
	for who, delta := range want {
		got := g.balance(t, sdk.MustAccAddressFromBech32(who)).Sub(before[who])
		require.Equal(t, sdkmath.NewInt(delta).String(), got.String(), "balance change of %s", who)
	}
}

func TestSettlementPaysFaceValueNettedOncePerParticipant(t *testing.T) {
	g := newGrid(t)
	p := market(t, g)
	before := balances(t, g)
	run := g.settle(t, p)

	// 1 bp bank fee on each payment in: 8,000 on 80 CHF.
	requireMoved(t, g, before, map[string]int64{
		g.consumer.String(): -80_008_000, g.retailer.String(): -80_008_000,
		g.trader.String(): 30_000_000, g.producer.String(): 130_000_000,
	})
	require.EqualValues(t, 3, run.Tokens)
	require.EqualValues(t, 3, run.Charges)
	require.EqualValues(t, 4, run.Participants)
	require.Len(t, run.Denoms, 1)
	d := run.Denoms[0]
	require.Equal(t, "210000000", d.Gross.String())
	require.Equal(t, "160000000", d.NetPayable.String())
	require.Equal(t, "160000000", d.Collected.String())
	require.Equal(t, "160000000", d.Disbursed.String())
	require.EqualValues(t, 4, d.Payments, "one payment per participant: two in, two out, for six gross obligations")

	st, err := g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: g.trader.String(), FromPeriod: p, ToPeriod: p})
	require.NoError(t, err)
	require.Len(t, st.Lines, 1)
	require.Equal(t, types.ChargeKind_CHARGE_KIND_ENERGY, st.Lines[0].Kind)
	require.Equal(t, "50000000", st.Lines[0].Amounts.Payable.String())
	require.Equal(t, "80000000", st.Lines[0].Amounts.Receivable.String())
	require.EqualValues(t, 2, st.Lines[0].Charges)
	require.EqualValues(t, 2*mwh, st.Lines[0].Wh)
	require.Len(t, st.Nets, 1)
	require.Equal(t, "30000000", st.Nets[0].Received.String())
	require.True(t, st.Nets[0].Paid.IsZero())

	// A token is settled once: later runs do not pay it again.
	after := balances(t, g)
	g.advanceTo(t, p+12)
	requireMoved(t, g, after, map[string]int64{g.consumer.String(): 0, g.producer.String(): 0})
	g.invariants(t)
}

func TestPostponedPayerLeavesClaimsThatItsLaterPaymentPays(t *testing.T) {
	g := newGrid(t)
	p := market(t, g)
	g.withdrawAll(t, g.retailer, 0)
	before := balances(t, g)
	run := g.settle(t, p)

	// The consumer's 80 is all that came in: the trader and the producer share it pro rata
	// of what they are owed (30 and 130 of 160), exactly.
	requireMoved(t, g, before, map[string]int64{
		g.consumer.String(): -80_008_000, g.retailer.String(): 0,
		g.trader.String(): 15_000_000, g.producer.String(): 65_000_000,
	})
	require.EqualValues(t, 1, run.Postponed)
	debts, err := g.q.Debts(g.c.Ctx(), &types.QueryDebtsRequest{})
	require.NoError(t, err)
	require.Len(t, debts.Debts, 1)
	debt := debts.Debts[0]
	require.Equal(t, g.retailer.String(), debt.Owner)
	require.Equal(t, "80800000", debt.Amount.String(), "80 CHF and a 1 % late fee")
	require.Equal(t, "800000", debt.LateFees.String())
	require.EqualValues(t, 1, debt.Postponements)
	claims, err := g.q.Claims(g.c.Ctx(), &types.QueryClaimsRequest{})
	require.NoError(t, err)
	owed := map[string]string{}
	for _, c := range claims.Claims {
		owed[c.Owner] = c.Amount.String()
	}
	require.Equal(t, map[string]string{
		g.trader.String(): "15000000", g.producer.String(): "65000000", g.operator.String(): "800000",
	}, owed, "the unpaid receivables and the operator's late fee")
	require.Equal(t, "80800000", claims.Totals[0].Receivable.String())

	// The retailer refills its account; when its debt is due again it pays it all, and
	// the claims are paid in full.
	g.c.Fund(g.c.Ctx(), g.bank, sChf, g.retailer, sdkmath.NewInt(funds), sdkmath.NewInt(funds))
	before = balances(t, g)
	g.settle(t, debt.RetryPeriod)
	requireMoved(t, g, before, map[string]int64{
		g.retailer.String(): -80_808_080, g.trader.String(): 15_000_000, g.producer.String(): 65_000_000,
		g.operator.String(): 800_000,
	})
	debts, err = g.q.Debts(g.c.Ctx(), &types.QueryDebtsRequest{})
	require.NoError(t, err)
	require.Empty(t, debts.Debts)
	claims, err = g.q.Claims(g.c.Ctx(), &types.QueryClaimsRequest{})
	require.NoError(t, err)
	require.Empty(t, claims.Claims)
	g.invariants(t)
}

func TestDebtorWhoNeverPaysDefaultsLosesCollateralAndIsExcluded(t *testing.T) {
	g := newGrid(t)
	params := types.DefaultParams()
	params.ExclusionPeriods = 8
	require.NoError(t, g.c.App.SettlementKeeper.Params.Set(g.c.Ctx(), params))
	p := market(t, g)
	g.withdrawAll(t, g.retailer, 10_000_000)
	_, err := fiatkeeper.NewMsgServerImpl(g.c.App.FiatKeeper).LockCollateral(g.c.Ctx(), &fiattypes.MsgLockCollateral{
		Operator: g.operator.String(), Owner: g.retailer.String(), Amount: sdk.NewCoin(sChf, sdkmath.NewInt(10_000_000))})
	require.NoError(t, err)
	g.settle(t, p)

	// Postponed at p, p+4 and p+8, each time with 1 % on the whole debt; it defaults at p+12.
	want := sdkmath.NewInt(80_000_000)
	for i := 0; i < 3; i++ {
		want = want.Add(want.MulRaw(100).QuoRaw(10_000))
	}
	before := balances(t, g)
	g.settle(t, p+12)
	debt, err := g.c.App.SettlementKeeper.Debts.Get(g.c.Ctx(), collections.Join(g.retailer, sChf))
	require.NoError(t, err)
	require.EqualValues(t, p+12, debt.DefaultedPeriod)
	require.EqualValues(t, 3, debt.Postponements)
	require.Equal(t, want.SubRaw(10_000_000).String(), debt.Amount.String(), "the collateral paid 10 CHF of the debt")
	part, _, err := g.c.App.BalancingKeeper.GetParticipant(g.c.Ctx(), g.retailer)
	require.NoError(t, err)
	require.Equal(t, bt.ParticipantStatus_PARTICIPANT_STATUS_SUSPENDED, part.Status)
	locked, err := g.c.App.FiatKeeper.LockedCollateral(g.c.Ctx(), g.retailer, sChf)
	require.NoError(t, err)
	require.True(t, locked.IsZero())
	gained := sdkmath.ZeroInt()
	for _, who := range []sdk.AccAddress{g.trader, g.producer, g.operator} {
		gained = gained.Add(g.balance(t, who).Sub(before[who.String()]))
	}
	require.Equal(t, "10000000", gained.String(), "the seized collateral went to the claims, all of it")

	// The shortfall stays visible: the claims still add up to the debt.
	claims, err := g.q.Claims(g.c.Ctx(), &types.QueryClaimsRequest{})
	require.NoError(t, err)
	require.Equal(t, debt.Amount.String(), claims.Totals[0].Receivable.String())

	g.settle(t, p+20)
	part, _, err = g.c.App.BalancingKeeper.GetParticipant(g.c.Ctx(), g.retailer)
	require.NoError(t, err)
	require.Equal(t, bt.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED, part.Status)
	g.invariants(t)
}

func TestOnlyTheOperatorDeclaresCostsSetsRulesAndSeizes(t *testing.T) {
	g := newGrid(t)
	g.advanceTo(t, g.now()+2) // settlement starts with the chain: declare for a later period
	ctx := g.c.Ctx()
	past := g.now() - 1
	for _, who := range []sdk.AccAddress{g.stranger, g.producer} {
		_, err := g.msgs.DeclareTransmissionCost(ctx, &types.MsgDeclareTransmissionCost{Operator: who.String(), Period: past, Amount: sdkmath.NewInt(5), Denom: sChf})
		require.ErrorIs(t, err, types.ErrUnauthorized)
		_, err = g.msgs.SetSecurityFeeRule(ctx, &types.MsgSetSecurityFeeRule{Operator: who.String(), Rule: types.SecurityFeeRule{
			Method: types.SecurityFeeMethod_SECURITY_FEE_METHOD_FIXED, IntervalPeriods: 96, Amount: sdkmath.NewInt(5), Denom: sChf}})
		require.ErrorIs(t, err, types.ErrUnauthorized)
		_, err = g.msgs.SetCollateralRequirement(ctx, &types.MsgSetCollateralRequirement{Operator: who.String(), Requirement: types.CollateralRequirement{
			Owner: g.trader.String(), Denom: sChf, Fixed: sdkmath.NewInt(5)}})
		require.ErrorIs(t, err, types.ErrUnauthorized)
		_, err = g.msgs.SeizeCollateral(ctx, &types.MsgSeizeCollateral{Operator: who.String(), Owner: g.trader.String(), Denom: sChf})
		require.ErrorIs(t, err, types.ErrUnauthorized)
	}
	op := g.operator.String()
	_, err := g.msgs.DeclareTransmissionCost(ctx, &types.MsgDeclareTransmissionCost{Operator: op, Period: g.now(), Amount: sdkmath.NewInt(5), Denom: sChf})
	require.ErrorIs(t, err, types.ErrPeriodNotDelivered)
	_, err = g.msgs.DeclareTransmissionCost(ctx, &types.MsgDeclareTransmissionCost{Operator: op, Period: past, Amount: sdkmath.NewInt(-5), Denom: sChf})
	require.ErrorIs(t, err, types.ErrInvalidAmount)
	_, err = g.msgs.DeclareTransmissionCost(ctx, &types.MsgDeclareTransmissionCost{Operator: op, Period: past, Amount: sdkmath.NewInt(5), Denom: "ugrid"})
	require.ErrorIs(t, err, types.ErrInvalidAmount)
	_, err = g.msgs.SeizeCollateral(ctx, &types.MsgSeizeCollateral{Operator: op, Owner: g.trader.String(), Denom: sChf})
	require.ErrorIs(t, err, types.ErrNoDebt)
	_, err = g.msgs.SetSecurityFeeRule(ctx, &types.MsgSetSecurityFeeRule{Operator: op, Rule: types.SecurityFeeRule{
		Method: types.SecurityFeeMethod_SECURITY_FEE_METHOD_FIXED, IntervalPeriods: 0, Amount: sdkmath.NewInt(5), Denom: sChf}})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = g.msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: op, Params: types.DefaultParams()})
	require.ErrorIs(t, err, types.ErrInvalidAuthority)
	bad := types.DefaultParams()
	bad.LateFeeBps = 10_001
	_, err = g.msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: g.c.App.SettlementKeeper.Authority(), Params: bad})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	has, err := g.c.App.SettlementKeeper.TransmissionCosts.Has(ctx, past)
	require.NoError(t, err)
	require.False(t, has, "no refused declaration left a cost behind")

	_, err = g.msgs.DeclareTransmissionCost(ctx, &types.MsgDeclareTransmissionCost{Operator: op, Period: past, Amount: sdkmath.NewInt(5), Denom: sChf, Description: "Joule losses"})
	require.NoError(t, err)
	res, err := g.q.TransmissionCost(ctx, &types.QueryTransmissionCostRequest{Period: past})
	require.NoError(t, err)
	require.Equal(t, "5", res.Cost.Amount.String())
}

func TestStatementRefusesBadRanges(t *testing.T) {
	g := newGrid(t)
	_, err := g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: "nope", FromPeriod: 1, ToPeriod: 2})
	require.ErrorIs(t, err, types.ErrInvalidAddress)
	_, err = g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: g.trader.String(), FromPeriod: 5, ToPeriod: 2})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: g.trader.String(), FromPeriod: 0, ToPeriod: types.MaxStatementPeriods})
	require.ErrorIs(t, err, types.ErrRangeTooLong)
	_ = time.Second
}
