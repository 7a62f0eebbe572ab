package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	deliverykeeper "github.com/gridledger/gridledger/chain/x/delivery/keeper"
	dt "github.com/gridledger/gridledger/chain/x/delivery/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// overConsumingMarket is market's three tokens, but the consumer's connection measures
// 1.25 MWh where 1 MWh was scheduled: reconciliation supplies it 0.25 MWh.
func overConsumingMarket(t *testing.T, g *grid) uint64 {
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
	g.read(t, sLoad, p, mwh+mwh/4)
	g.read(t, sAgg, p, mwh)
	return p
}

func (g *grid) statement(t *testing.T, who sdk.AccAddress, from, to uint64) *types.QueryParticipantStatementResponse {
	t.Helper()
	res, err := g.q.ParticipantStatement(g.c.Ctx(), &types.QueryParticipantStatementRequest{Participant: who.String(), FromPeriod: from, ToPeriod: to})
	require.NoError(t, err)
	requireAddsUp(t, res)
	return res
}

func rowOf(t *testing.T, res *types.QueryParticipantStatementResponse, period uint64) types.ParticipantPeriod {
	t.Helper()
	for _, p := range res.Periods {
		if p.Period == period {
			return p
		}
	}
	t.Fatalf("no row for period %d in %v", period, res.Periods)
	return types.ParticipantPeriod{}
}

func moneyOf(t *testing.T, row types.ParticipantPeriod, denom string) types.PeriodMoney {
	t.Helper()
	for _, m := range row.Money {
		if m.Denom == denom {
			return m
		}
	}
	t.Fatalf("period %d has no money in %s", row.Period, denom)
	return types.PeriodMoney{}
}

// requireAddsUp checks a statement's arithmetic: each row's gross is the sum of its charges
// and its net their difference; a settled row's payments account for its net; the totals
// are the sums of the rows.
func requireAddsUp(t *testing.T, res *types.QueryParticipantStatementResponse) {
	t.Helper()
	var energy types.PeriodEnergy
	totals := map[string]types.PeriodMoney{}
	add := func(a, b sdkmath.Int) sdkmath.Int { return a.Add(b) }
	last := uint64(0)
	for i, row := range res.Periods {
		require.True(t, i == 0 || row.Period > last, "rows in period order")
		require.True(t, row.Period >= res.FromPeriod && row.Period <= res.ToPeriod, "row %d inside the range", row.Period)
		require.Equal(t, row.Period < res.SettledBefore, row.Settled, "period %d settled", row.Period)
		last = row.Period
		e := row.Energy
		require.Equal(t, e.MeasuredProducedWh+e.ScheduledConsumedWh+e.SuppliedWh,
			e.ScheduledProducedWh+e.MeasuredConsumedWh+e.TakenWh, "period %d: measured net production - scheduled = taken - supplied", row.Period)
		energy.ScheduledConsumedWh += e.ScheduledConsumedWh
		energy.ScheduledProducedWh += e.ScheduledProducedWh
		energy.MeasuredConsumedWh += e.MeasuredConsumedWh
		energy.MeasuredProducedWh += e.MeasuredProducedWh
		energy.SuppliedWh += e.SuppliedWh
		energy.TakenWh += e.TakenWh
		energy.Co2Grams += e.Co2Grams
		for _, m := range row.Money {
			pay, rec := sdkmath.ZeroInt(), sdkmath.ZeroInt()
			for _, c := range m.Charges {
				pay, rec = pay.Add(c.Payable), rec.Add(c.Receivable)
			}
			require.Equal(t, pay.String(), m.Gross.Payable.String(), "period %d %s: gross payable = sum of charges", row.Period, m.Denom)
			require.Equal(t, rec.String(), m.Gross.Receivable.String(), "period %d %s: gross receivable = sum of charges", row.Period, m.Denom)
			require.Equal(t, rec.Sub(pay).String(), m.Net.String(), "period %d %s: net = receivable - payable", row.Period, m.Denom)
			if row.Settled {
				accounted := m.Received.Sub(m.Paid).Sub(m.Postponed).Add(m.Unpaid).Add(m.Offset)
				require.Equal(t, m.Net.String(), accounted.String(), "period %d %s: net = received - paid - postponed + unpaid + offset", row.Period, m.Denom)
			}
			tot, ok := totals[m.Denom]
			if !ok {
				z := sdkmath.ZeroInt()
				tot = types.PeriodMoney{Denom: m.Denom, Gross: types.Amounts{Denom: m.Denom, Payable: z, Receivable: z}, Net: z, Paid: z,
					BankFee: z, Received: z, Postponed: z, Unpaid: z, Offset: z, ImbalanceValue: z}
			}
			tot.Gross.Payable, tot.Gross.Receivable = add(tot.Gross.Payable, m.Gross.Payable), add(tot.Gross.Receivable, m.Gross.Receivable)
			tot.Net, tot.Paid, tot.BankFee, tot.Received = add(tot.Net, m.Net), add(tot.Paid, m.Paid), add(tot.BankFee, m.BankFee), add(tot.Received, m.Received)
			tot.Postponed, tot.Unpaid, tot.Offset = add(tot.Postponed, m.Postponed), add(tot.Unpaid, m.Unpaid), add(tot.Offset, m.Offset)
			tot.ImbalanceValue = add(tot.ImbalanceValue, m.ImbalanceValue)
			totals[m.Denom] = tot
		}
	}
	require.Equal(t, energy, res.Energy, "energy totals = sum of the rows")
	require.Len(t, res.Totals, len(totals))
	for _, got := range res.Totals {
		want := totals[got.Denom]
		for _, pair := range [][2]sdkmath.Int{
			{want.Gross.Payable, got.Gross.Payable}, {want.Gross.Receivable, got.Gross.Receivable}, {want.Net, got.Net},
			{want.Paid, got.Paid}, {want.BankFee, got.BankFee}, {want.Received, got.Received}, {want.Postponed, got.Postponed},
			{want.Unpaid, got.Unpaid}, {want.Offset, got.Offset}, {want.ImbalanceValue, got.ImbalanceValue},
		} {
			require.Equal(t, pair[0].String(), pair[1].String(), "%s totals = sum of the rows", got.Denom)
		}
		pay := sdkmath.ZeroInt()
		for _, c := range got.Charges {
			pay = pay.Add(c.Payable)
		}
		require.Equal(t, got.Gross.Payable.String(), pay.String(), "%s total charges add up to the total gross", got.Denom)
	}
}

func TestParticipantStatementJoinsDeliveryAndSettlement(t *testing.T) {
	g := newGrid(t)
	p := overConsumingMarket(t, g)
	g.withdrawAll(t, g.retailer, 0)

	// Reconciled, not yet settled: the row is there, with its energy, marked unsettled.
	for i := 0; i < 20; i++ {
		before, err := g.c.App.DeliveryKeeper.ReconciledBefore(g.c.Ctx())
		require.NoError(t, err)
		if before > p {
			break
		}
		g.c.NextBlock(time.Duration(et.DefaultPeriodSeconds) * time.Second)
	}
	early := g.statement(t, g.consumer, p, p)
	require.LessOrEqual(t, early.SettledBefore, p)
	require.Len(t, early.Periods, 1)
	require.False(t, early.Periods[0].Settled)
	require.EqualValues(t, mwh+mwh/4, early.Periods[0].Energy.MeasuredConsumedWh)

	g.settle(t, p)
	from, to := p-2, p+2

	// The consumer: 1 MWh scheduled, 1.25 measured, 0.25 supplied; paid 80 CHF and the
	// bank's 1 bp for its energy.
	c := g.statement(t, g.consumer, from, to)
	row := rowOf(t, c, p)
	require.True(t, row.Settled)
	require.Equal(t, types.PeriodEnergy{ScheduledConsumedWh: mwh, MeasuredConsumedWh: mwh + mwh/4, SuppliedWh: mwh / 4}, row.Energy)
	m := moneyOf(t, row, sChf)
	require.Equal(t, []types.ChargeAmounts{{Kind: types.ChargeKind_CHARGE_KIND_ENERGY, Payable: sdkmath.NewInt(80_000_000),
		Receivable: sdkmath.ZeroInt(), Wh: mwh}}, m.Charges)
	require.Equal(t, "-80000000", m.Net.String())
	require.Equal(t, "80000000", m.Paid.String())
	require.Equal(t, "8000", m.BankFee.String())
	require.Empty(t, c.Debts)

	// Its imbalance entry is the delivery statement's: same value, counted once.
	ds, err := deliverykeeper.NewQueryServerImpl(g.c.App.DeliveryKeeper).Statement(g.c.Ctx(),
		&dt.QueryStatementRequest{Owner: g.consumer.String(), FromPeriod: from, ToPeriod: to})
	require.NoError(t, err)
	require.NotEmpty(t, ds.Entries)
	imbalance := map[string]sdkmath.Int{}
	var supplied uint64
	for _, e := range ds.Entries {
		supplied += e.Wh
		if e.Denom != "" {
			imbalance[e.Denom] = imbalance[e.Denom].Add(e.Receivable)
		}
	}
	require.Equal(t, supplied, c.Energy.SuppliedWh)
	for _, tot := range c.Totals {
		want, ok := imbalance[tot.Denom]
		if !ok {
			want = sdkmath.ZeroInt()
		}
		require.Equal(t, want.String(), tot.ImbalanceValue.String())
	}

	// The producer: 2 MWh scheduled and measured; owed 130, of which the consumer's 80
	// paid 65 and 65 became its claim.
	pr := g.statement(t, g.producer, from, to)
	row = rowOf(t, pr, p)
	require.Equal(t, types.PeriodEnergy{ScheduledProducedWh: 2 * mwh, MeasuredProducedWh: 2 * mwh}, row.Energy)
	m = moneyOf(t, row, sChf)
	require.Equal(t, "130000000", m.Gross.Receivable.String())
	require.Equal(t, "65000000", m.Received.String())
	require.Equal(t, "65000000", m.Unpaid.String())
	require.Len(t, pr.Claims, 1)
	require.Equal(t, "65000000", pr.Claims[0].Amount.String())

	// The retailer could not pay: postponed, and it owes the debt with its late fee.
	rt := g.statement(t, g.retailer, from, to)
	m = moneyOf(t, rowOf(t, rt, p), sChf)
	require.Equal(t, "80000000", m.Postponed.String())
	require.True(t, m.Paid.IsZero())
	require.Len(t, rt.Debts, 1)
	require.Equal(t, "80800000", rt.Debts[0].Amount.String())

	// The settlement statement's lines are the combined statement's charges.
	st, err := g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: g.trader.String(), FromPeriod: from, ToPeriod: to})
	require.NoError(t, err)
	tr := g.statement(t, g.trader, from, to)
	var lines int
	for _, row := range tr.Periods {
		for _, m := range row.Money {
			lines += len(m.Charges)
		}
	}
	require.Len(t, st.Lines, lines)
	for _, l := range st.Lines {
		got := moneyOf(t, rowOf(t, tr, l.Period), l.Amounts.Denom)
		require.Contains(t, got.Charges, types.ChargeAmounts{Kind: l.Kind, Payable: l.Amounts.Payable, Receivable: l.Amounts.Receivable, Wh: l.Wh, Co2Grams: l.Co2Grams})
	}

	// A range with nothing in it has no rows and no totals.
	empty := g.statement(t, g.consumer, p+100, p+110)
	require.Empty(t, empty.Periods)
	require.Empty(t, empty.Totals)
}

func TestParticipantStatementRefusesBadRequests(t *testing.T) {
	g := newGrid(t)
	ctx := g.c.Ctx()
	ask := func(who string, from, to uint64) error {
		_, err := g.q.ParticipantStatement(ctx, &types.QueryParticipantStatementRequest{Participant: who, FromPeriod: from, ToPeriod: to})
		return err
	}
	_, err := g.q.ParticipantStatement(ctx, nil)
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	require.ErrorIs(t, ask("grid1nope", 1, 2), types.ErrInvalidAddress)
	require.ErrorIs(t, ask("", 1, 2), types.ErrInvalidAddress)
	require.ErrorIs(t, ask(g.consumer.String(), 10, 9), types.ErrInvalidRequest)
	err = ask(g.consumer.String(), 1000, 1000+types.MaxStatementPeriods)
	require.ErrorIs(t, err, types.ErrRangeTooLong)
	require.Contains(t, err.Error(), "at most 2976")
	progress, err := g.q.Progress(ctx, &types.QueryProgressRequest{})
	require.NoError(t, err)
	kept := progress.PrunedBefore // the first period whose records are kept
	require.NoError(t, ask(g.consumer.String(), kept, kept+types.MaxStatementPeriods-1), "the longest range allowed")
	require.ErrorIs(t, ask(g.consumer.String(), kept-1, kept+1), types.ErrPeriodPruned, "a statement reaching into pruned periods is refused, not cut short")
	require.NoError(t, ask(g.consumer.String(), 1<<64-10, 1<<64-1), "the end of time does not overflow")
}
