package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

const (
	dayPeriods = 96
	sShaky     = "S-LOAD-SHAKY" // the connection of a consumer that cannot pay
	dayCost    = 1_001          // each period's transmission cost, base units
)

// TestSettleADay plays a day of a small grid — a producer, a consumer, a retailer, a
// trader with balanced positions, and a consumer who buys energy it cannot pay for — with
// a deviation every fifth period (imbalance tokens against the operator). After every
// settlement run it checks that money is conserved, every charge has a payer and a payee,
// the statements add up to the net positions and the net positions to the payments, and
// that what the debtors owe equals what the others are owed and were not paid. The shaky
// consumer is postponed, defaults with its collateral seized, and is excluded.
func TestSettleADay(t *testing.T) {
	g := newGrid(t)
	shaky := apptest.NewAccount()
	ctx := g.c.Ctx()
	g.c.Admit(ctx, g.operator, shaky, apptest.Admission{LegalID: "12X-SSHAKY-0001", PositionLimitWh: 1_000_000_000, Roles: []bt.Role{bt.Role_ROLE_CONSUMER}})
	g.meter(t, sShaky, shaky, bt.MeterKind_METER_KIND_CONSUMPTION, 0)
	// Enough for its asks and 5 CHF of collateral, far from the face values it will owe.
	g.c.Fund(ctx, g.bank, sChf, shaky, sdkmath.NewInt(20_000_000), sdkmath.NewInt(20_000_000))
	g.c.Fund(ctx, g.bank, sChf, g.operator, sdkmath.NewInt(funds), sdkmath.NewInt(funds))
	for _, who := range []sdk.AccAddress{g.consumer, g.retailer} { // a day's energy: 96 × 80 CHF
		g.c.Fund(ctx, g.bank, sChf, who, sdkmath.NewInt(10*funds), sdkmath.NewInt(10*funds))
	}
	g.lock(t, shaky, 5_000_000)
	// The CO2 authority, appointed by governance, charges 2 base units per gram consumed.
	authority := apptest.NewAccount()
	g.c.Admit(ctx, g.operator, authority, apptest.Admission{LegalID: "12X-SCO2AUTH-001", Roles: []bt.Role{bt.Role_ROLE_CO2_AUTHORITY}})
	_, err := balancingkeeper.NewMsgServerImpl(g.c.App.BalancingKeeper).AppointCo2Authority(ctx, &bt.MsgAppointCo2Authority{
		Authority: apptest.GovAuthority(), Co2Authority: authority.String()})
	require.NoError(t, err)
	_, err = g.energy.SetCo2Rate(ctx, &et.MsgSetCo2Rate{Authority: authority.String(), Denom: sChf, RatePerGram: sdkmath.NewInt(2)})
	require.NoError(t, err)
	params := types.DefaultParams()
	params.ExclusionPeriods = 8
	params.MaxSettlePerBlock = 7 // runs span several blocks: paging is part of the day
	require.NoError(t, g.c.App.SettlementKeeper.Params.Set(ctx, params))

	virtual := bt.VirtualMeterID(g.trader.String(), solar)
	d0 := g.now() + 3
	conserved := g.money(t)
	checked, issued, read := map[uint64]bool{}, map[uint64]bool{}, map[uint64]bool{}
	for g.settledBefore(t) < d0+dayPeriods+30 {
		cur := g.now()
		if p := cur + 3; p < d0+dayPeriods && !issued[p] {
			issued[p] = true
			t1 := g.issueCO2(t, p, mwh, 80_000_000, 0, 40_000) // 40 g/kWh: solar's life cycle
			g.sell(t, g.producer, g.consumer, t1, et.Side_SIDE_CONSUMER, 1_000_000, sLoad)
			t2 := g.issue(t, p, mwh/2, 75_000_000, 1)
			g.sell(t, g.producer, g.retailer, t2, et.Side_SIDE_CONSUMER, 1_000_000, sAgg)
			g.sell(t, g.producer, g.trader, t2, et.Side_SIDE_PRODUCER, 500_000, virtual)
			t3 := g.issue(t, p, mwh/2, 60_000_000, 2)
			g.sell(t, g.producer, g.trader, t3, et.Side_SIDE_CONSUMER, 500_000, virtual)
			if p < d0+3 {
				t4 := g.issue(t, p, mwh, 90_000_000, 0)
				g.sell(t, g.producer, shaky, t4, et.Side_SIDE_CONSUMER, 0, sShaky)
			}
		}
		if r := cur - 1; r >= d0 && r < d0+dayPeriods && !read[r] {
			read[r] = true
			solarWh, shakyWh := uint64(2*mwh), uint64(0)
			if r < d0+3 {
				solarWh, shakyWh = 3*mwh, mwh
			}
			loadWh := uint64(mwh)
			if (r-d0)%5 == 0 {
				loadWh = mwh + mwh/10 // the consumer takes 10 % more: balancing energy
			}
			g.read(t, sSolar, r, solarWh)
			g.read(t, sLoad, r, loadWh)
			g.read(t, sAgg, r, mwh/2)
			if shakyWh > 0 {
				g.read(t, sShaky, r, shakyWh)
			}
			// The operator declares each period's transmission cost once it is delivered.
			_, err := g.msgs.DeclareTransmissionCost(g.c.Ctx(), &types.MsgDeclareTransmissionCost{
				Operator: g.operator.String(), Period: r, Amount: sdkmath.NewInt(dayCost), Denom: sChf, Description: "Joule losses"})
			require.NoError(t, err)
		}
		dt := time.Duration(et.DefaultPeriodSeconds) * time.Second
		if cur >= d0+dayPeriods && g.settlementBehind(t) {
			dt = 5 * time.Second // after the day, let settlement catch up before time moves on
		}
		g.c.NextBlock(dt)
		g.invariants(t)
		require.Equal(t, conserved, g.money(t), "settlement and trading move money between accounts only")
		g.checkRuns(t, checked)
	}

	// A day of tokens was settled, the shaky consumer defaulted and was excluded.
	require.GreaterOrEqual(t, len(checked), dayPeriods)
	part, _, err := g.c.App.BalancingKeeper.GetParticipant(g.c.Ctx(), shaky)
	require.NoError(t, err)
	require.Equal(t, bt.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED, part.Status)
	debt, err := g.c.App.SettlementKeeper.Debts.Get(g.c.Ctx(), collections.Join(shaky, sChf))
	require.NoError(t, err)
	require.NotZero(t, debt.DefaultedPeriod)
	claims, err := g.q.Claims(g.c.Ctx(), &types.QueryClaimsRequest{})
	require.NoError(t, err)
	require.Len(t, claims.Totals, 1)
	require.Equal(t, debt.Amount.String(), claims.Totals[0].Receivable.String(),
		"the defaulter's shortfall is what the others are owed and were not paid")
	// The consumer consumed every t1's CO2 and paid for it; the authority received it all.
	consumed, paid, received := uint64(0), sdkmath.ZeroInt(), sdkmath.ZeroInt()
	require.NoError(t, g.c.App.SettlementKeeper.Lines.Walk(g.c.Ctx(), nil, func(_ collections.Quad[sdk.AccAddress, uint64, int32, string], l types.StatementLine) (bool, error) {
		if l.Kind == types.ChargeKind_CHARGE_KIND_CO2 && l.Owner == g.consumer.String() {
			consumed += l.Co2Grams
			paid = paid.Add(l.Amounts.Payable)
		}
		if l.Kind == types.ChargeKind_CHARGE_KIND_CO2 && l.Owner == authority.String() {
			received = received.Add(l.Amounts.Receivable)
		}
		return false, nil
	}))
	require.EqualValues(t, dayPeriods*40_000, consumed)
	require.Equal(t, sdkmath.NewIntFromUint64(2*consumed).String(), paid.String())
	require.Equal(t, paid.String(), received.String())
	// Every period's transmission cost went onto the tokens consumed through in it (the
	// consumer's, the retailer's, the shaky consumer's and the imbalance tokens supplying
	// extra consumption, never the trader's position at its virtual meter) and was charged
	// with them, t2's and t3's one and two periods later, to the grid operator: exactly.
	toTokens, onTokens, toOperator, charged := sdkmath.ZeroInt(), sdkmath.ZeroInt(), sdkmath.ZeroInt(), sdkmath.ZeroInt()
	require.NoError(t, g.c.App.SettlementKeeper.TransmissionCosts.Walk(g.c.Ctx(), nil, func(p uint64, c types.TransmissionCost) (bool, error) {
		require.True(t, c.Allocated, "period %d: %s", p, c.UnallocatedNote)
		require.True(t, c.ChargedDirect.IsZero(), "period %d: every consumer had its tokens recorded", p)
		toTokens = toTokens.Add(c.ToTokens)
		return false, nil
	}))
	require.NoError(t, g.c.App.EnergyKeeper.Tokens.Walk(g.c.Ctx(), nil, func(_ uint64, tok et.Token) (bool, error) {
		for _, f := range tok.GridFees {
			require.Equal(t, et.GridFeeKindTransmission, f.Kind)
			require.Equal(t, g.operator.String(), f.Recipient)
			require.NotEqual(t, g.trader.String(), tok.Consumer.Owner, "a position at a virtual meter is not consumption")
			onTokens = onTokens.Add(f.Amount.Amount)
		}
		return false, nil
	}))
	require.NoError(t, g.c.App.SettlementKeeper.Lines.Walk(g.c.Ctx(), nil, func(_ collections.Quad[sdk.AccAddress, uint64, int32, string], l types.StatementLine) (bool, error) {
		if l.Kind == types.ChargeKind_CHARGE_KIND_TRANSMISSION {
			charged = charged.Add(l.Amounts.Payable)
			toOperator = toOperator.Add(l.Amounts.Receivable)
		}
		return false, nil
	}))
	day := sdkmath.NewInt(dayPeriods * dayCost).String()
	require.Equal(t, day, toTokens.String(), "the costs were attached in full")
	require.Equal(t, day, onTokens.String(), "the tokens carry them")
	require.Equal(t, day, charged.String(), "their consumers were charged them")
	require.Equal(t, day, toOperator.String(), "the grid operator receives them")
	locked, err := g.c.App.FiatKeeper.LockedCollateral(g.c.Ctx(), shaky, sChf)
	require.NoError(t, err)
	require.True(t, locked.IsZero(), "its collateral was seized")

	// Everyone's combined statement of the day adds up (g.statement checks each), the charges
	// between them cancel out, the consumer's CO2 is the day's, and the defaulter's debt shows.
	net := sdkmath.ZeroInt()
	for _, who := range []sdk.AccAddress{g.producer, g.consumer, g.retailer, g.trader, shaky, g.operator, authority} {
		for _, tot := range g.statement(t, who, d0, d0+dayPeriods+30).Totals {
			net = net.Add(tot.Net)
		}
	}
	require.True(t, net.IsZero(), "every charge is one participant's payable and another's receivable: nets sum to %s", net)
	require.EqualValues(t, consumed, g.statement(t, g.consumer, d0, d0+dayPeriods+30).Energy.Co2Grams)
	require.NotEmpty(t, g.statement(t, shaky, d0, d0+dayPeriods+30).Debts)
}

// money is every settlement balance plus every bank fee ever paid: trading and
// settlement only move it around.
func (g *grid) money(t testing.TB) sdkmath.Int {
	t.Helper()
	ctx := g.c.Ctx()
	sum := sdkmath.ZeroInt()
	err := g.c.App.FiatKeeper.SettlementAccounts.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, string], a fiattypes.SettlementAccount) (bool, error) {
		if a.Denom == sChf {
			sum = sum.Add(a.Balance)
		}
		return false, nil
	})
	require.NoError(t, err)
	paid, err := g.c.App.FiatKeeper.FeesPaid.Get(ctx, sChf)
	if err == nil {
		sum = sum.Add(paid)
	}
	return sum
}

// checkRuns checks every run finished since the last call: the charges balance, the
// statement lines add up to the net positions, the net positions to the run's payments.
func (g *grid) checkRuns(t testing.TB, checked map[uint64]bool) {
	t.Helper()
	ctx := g.c.Ctx()
	err := g.c.App.SettlementKeeper.Runs.Walk(ctx, nil, func(period uint64, run types.SettlementRun) (bool, error) {
		if !run.Done || checked[period] {
			return false, nil
		}
		checked[period] = true
		lines := map[string]types.Amounts{}
		payable, receivable := sdkmath.ZeroInt(), sdkmath.ZeroInt()
		paid, received := sdkmath.ZeroInt(), sdkmath.ZeroInt()
		require.NoError(t, g.c.App.SettlementKeeper.Lines.Walk(ctx, nil, func(_ collections.Quad[sdk.AccAddress, uint64, int32, string], l types.StatementLine) (bool, error) {
			if l.Period != period {
				return false, nil
			}
			require.NotEmpty(t, l.Owner)
			require.NotEqual(t, types.ChargeKind_CHARGE_KIND_UNSPECIFIED, l.Kind)
			a, ok := lines[l.Owner]
			if !ok {
				a = zero()
			}
			a.Payable, a.Receivable = a.Payable.Add(l.Amounts.Payable), a.Receivable.Add(l.Amounts.Receivable)
			lines[l.Owner] = a
			return false, nil
		}))
		nets := 0
		require.NoError(t, g.c.App.SettlementKeeper.Nets.Walk(ctx, collections.NewPrefixedTripleRange[uint64, sdk.AccAddress, string](period),
			func(_ collections.Triple[uint64, sdk.AccAddress, string], n types.NetPosition) (bool, error) {
				nets++
				require.Equal(t, lines[n.Owner].Payable.String(), n.Gross.Payable.String(), "run %d: %s's lines add up to its gross payable", period, n.Owner)
				require.Equal(t, lines[n.Owner].Receivable.String(), n.Gross.Receivable.String(), "run %d: %s's lines add up to its gross receivable", period, n.Owner)
				owes := sdkmath.MaxInt(n.Gross.Payable.Sub(n.Gross.Receivable), sdkmath.ZeroInt())
				owed := sdkmath.MaxInt(n.Gross.Receivable.Sub(n.Gross.Payable), sdkmath.ZeroInt())
				require.Equal(t, owes.String(), n.Paid.Add(n.Postponed).String(), "run %d: %s paid or was postponed", period, n.Owner)
				require.Equal(t, owed.String(), n.Received.Add(n.Unpaid).Add(n.Offset).String(), "run %d: %s was paid, or holds a claim", period, n.Owner)
				payable, receivable = payable.Add(n.Gross.Payable), receivable.Add(n.Gross.Receivable)
				paid, received = paid.Add(n.Paid), received.Add(n.Received).Add(n.Offset)
				return false, nil
			}))
		require.EqualValues(t, run.Participants, nets)
		require.Equal(t, payable.String(), receivable.String(), "run %d: every charge has a payer and a payee", period)
		for _, d := range run.Denoms {
			require.Equal(t, payable.String(), d.Gross.MulRaw(1).String(), "run %d: gross", period)
			require.Equal(t, paid.String(), d.Collected.String(), "run %d: collected", period)
			require.Equal(t, received.String(), d.Disbursed.String(), "run %d: disbursed", period)
		}
		return false, nil
	})
	require.NoError(t, err)
}

func zero() types.Amounts {
	return types.Amounts{Payable: sdkmath.ZeroInt(), Receivable: sdkmath.ZeroInt()}
}

// lock has the operator lock amount of owner's settlement balance as collateral.
func (g *grid) lock(t testing.TB, owner sdk.AccAddress, amount int64) {
	t.Helper()
	_, err := fiatkeeperMsgs(g).LockCollateral(g.c.Ctx(), &fiattypes.MsgLockCollateral{
		Operator: g.operator.String(), Owner: owner.String(), Amount: sdk.NewCoin(sChf, sdkmath.NewInt(amount))})
	require.NoError(t, err)
}

// settledBefore is the first period settlement has not finished.
func (g *grid) settledBefore(t testing.TB) uint64 {
	t.Helper()
	res, err := g.q.Progress(g.c.Ctx(), &types.QueryProgressRequest{})
	require.NoError(t, err)
	return res.NextPeriod
}

// settlementBehind says whether a run is going on or periods wait for one.
func (g *grid) settlementBehind(t testing.TB) bool {
	t.Helper()
	res, err := g.q.Progress(g.c.Ctx(), &types.QueryProgressRequest{})
	require.NoError(t, err)
	return res.Running != nil || res.Waiting > 0
}
