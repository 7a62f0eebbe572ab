package keeper

import (
	"context"
	"errors"
	"sort"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	deliverytypes "github.com/gridledger/gridledger/chain/x/delivery/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// The combined statement (issue 14, item 6; spec/statements.md) joins per period what
// x/delivery recorded of a participant (measured energy, imbalance entries: read through
// DeliveryKeeper, one seek per period and one prefix walk) with what settlement charged and
// paid it (the owner's Lines and NetsByOwner prefixes). Its range is bounded like Statement's
// (MaxStatementPeriods), so one query reads at most that many consumption records plus the
// participant's own lines, nets and imbalance entries of the range.

// ParticipantStatement returns a participant's combined statement over a range of periods.
func (q queryServer) ParticipantStatement(ctx context.Context, req *types.QueryParticipantStatementRequest) (*types.QueryParticipantStatementResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "name a participant and a period range")
	}
	owner, err := q.k.parseAddress("participant", req.Participant)
	if err != nil {
		return nil, err
	}
	from, to := req.FromPeriod, req.ToPeriod
	if to < from {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "to_period %d is before from_period %d", to, from)
	}
	if to-from >= types.MaxStatementPeriods {
		return nil, errorsmod.Wrapf(types.ErrRangeTooLong, "%d periods asked; at most %d per statement (31 days of 15-minute periods): ask for several ranges",
			to-from+1, types.MaxStatementPeriods)
	}
	// A statement is whole or refused: one reaching into pruned periods would be short.
	if err := q.k.errIfPruned(ctx, from, "the participant statement"); err != nil {
		return nil, err
	}
	next, err := q.k.NextPeriod.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	b := newStatementBuilder(next)
	for p := from; ; p++ {
		c, err := q.k.delivery.ConsumptionOf(ctx, p, owner)
		if err != nil {
			return nil, err
		}
		if c.ConsumedWh != 0 || c.ProducedWh != 0 {
			r := b.row(p)
			r.measuredConsumed, r.measuredProduced = c.ConsumedWh, c.ProducedWh
		}
		if p == to {
			break
		}
	}
	err = q.k.delivery.ImbalanceEntries(ctx, owner, from, to, func(e deliverytypes.ImbalanceEntry) error {
		b.row(e.Period).addImbalance(e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := q.k.walkOwnerLines(ctx, owner, from, to, func(l types.StatementLine) error {
		b.row(l.Period).addLine(l)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := q.k.walkOwnerNets(ctx, owner, from, to, func(n types.NetPosition) error {
		b.row(n.Period).addNet(n)
		return nil
	}); err != nil {
		return nil, err
	}
	resp := b.response(req.Participant, from, to)
	if err := q.k.Debts.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, string](owner), func(_ collections.Pair[sdk.AccAddress, string], d types.Debt) (bool, error) {
		resp.Debts = append(resp.Debts, d)
		return false, nil
	}); err != nil {
		return nil, err
	}
	err = q.k.Claims.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, string](owner), func(_ collections.Pair[sdk.AccAddress, string], c types.Claim) (bool, error) {
		resp.Claims = append(resp.Claims, c)
		return false, nil
	})
	return resp, err
}

// walkOwnerLines visits owner's statement lines of the periods from to to, in (period,
// kind, denom) order.
func (k Keeper) walkOwnerLines(ctx context.Context, owner sdk.AccAddress, from, to uint64, visit func(types.StatementLine) error) error {
	type key = collections.Quad[sdk.AccAddress, uint64, int32, string]
	rng := new(collections.Range[key]).StartInclusive(collections.QuadSuperPrefix[sdk.AccAddress, uint64, int32, string](owner, from))
	if to < 1<<64-1 {
		rng = rng.EndExclusive(collections.QuadSuperPrefix[sdk.AccAddress, uint64, int32, string](owner, to+1))
	}
	return k.Lines.Walk(ctx, rng, func(key key, l types.StatementLine) (bool, error) {
		if !key.K1().Equals(owner) {
			return true, nil
		}
		return false, visit(l)
	})
}

// walkOwnerNets visits owner's net positions of the periods from to to, in (period, denom)
// order, through the by-owner index.
func (k Keeper) walkOwnerNets(ctx context.Context, owner sdk.AccAddress, from, to uint64, visit func(types.NetPosition) error) error {
	type key = collections.Triple[sdk.AccAddress, uint64, string]
	rng := new(collections.Range[key]).StartInclusive(collections.TripleSuperPrefix[sdk.AccAddress, uint64, string](owner, from))
	if to < 1<<64-1 {
		rng = rng.EndExclusive(collections.TripleSuperPrefix[sdk.AccAddress, uint64, string](owner, to+1))
	}
	return k.NetsByOwner.Walk(ctx, rng, func(key key) (bool, error) {
		if !key.K1().Equals(owner) {
			return true, nil
		}
		n, err := k.Nets.Get(ctx, collections.Join3(key.K2(), owner, key.K3()))
		if err != nil {
			return true, err
		}
		return false, visit(n)
	})
}

// statementBuilder gathers a statement's rows by period and adds up its totals.
type statementBuilder struct {
	settledBefore uint64
	rows          map[uint64]*statementRow
}

// statementRow is one period being gathered: imbalance by case, money by denom.
type statementRow struct {
	measuredConsumed, measuredProduced uint64
	byCase                             map[energytypes.ImbalanceCase]uint64
	co2Grams                           uint64
	money                              map[string]*types.PeriodMoney
}

func newStatementBuilder(settledBefore uint64) *statementBuilder {
	return &statementBuilder{settledBefore: settledBefore, rows: map[uint64]*statementRow{}}
}

func (b *statementBuilder) row(p uint64) *statementRow {
	r, ok := b.rows[p]
	if !ok {
		r = &statementRow{byCase: map[energytypes.ImbalanceCase]uint64{}, money: map[string]*types.PeriodMoney{}}
		b.rows[p] = r
	}
	return r
}

// zeroMoney is a money record of denom with every amount zero.
func zeroMoney(denom string) *types.PeriodMoney {
	z := math.ZeroInt()
	return &types.PeriodMoney{Denom: denom, Charges: []types.ChargeAmounts{}, Gross: zeroAmounts(denom), Net: z, Paid: z, BankFee: z,
		Received: z, Postponed: z, Unpaid: z, Offset: z, ImbalanceValue: z}
}

func (r *statementRow) denom(d string) *types.PeriodMoney {
	m, ok := r.money[d]
	if !ok {
		m = zeroMoney(d)
		r.money[d] = m
	}
	return m
}

func (r *statementRow) addImbalance(e deliverytypes.ImbalanceEntry) {
	r.byCase[e.ImbalanceCase] = satAdd(r.byCase[e.ImbalanceCase], e.Wh)
	if e.Denom != "" {
		m := r.denom(e.Denom)
		m.ImbalanceValue = m.ImbalanceValue.Add(e.Receivable)
	}
}

func (r *statementRow) addLine(l types.StatementLine) {
	m := r.denom(l.Amounts.Denom)
	m.Charges = addCharge(m.Charges, types.ChargeAmounts{Kind: l.Kind, Payable: l.Amounts.Payable, Receivable: l.Amounts.Receivable, Wh: l.Wh, Co2Grams: l.Co2Grams})
	m.Gross.Payable = m.Gross.Payable.Add(l.Amounts.Payable)
	m.Gross.Receivable = m.Gross.Receivable.Add(l.Amounts.Receivable)
	if l.Kind == types.ChargeKind_CHARGE_KIND_CO2 && l.Amounts.Payable.IsPositive() {
		r.co2Grams = satAdd(r.co2Grams, l.Co2Grams)
	}
}

// addNet takes the payments that settled the period's position; the gross sums come from
// the lines, which add up to the net position's gross by construction (ledger.charge).
func (r *statementRow) addNet(n types.NetPosition) {
	m := r.denom(n.Gross.Denom)
	m.Paid, m.BankFee, m.Received = m.Paid.Add(n.Paid), m.BankFee.Add(n.BankFee), m.Received.Add(n.Received)
	m.Postponed, m.Unpaid, m.Offset = m.Postponed.Add(n.Postponed), m.Unpaid.Add(n.Unpaid), m.Offset.Add(n.Offset)
}

// addCharge adds c to the list's entry of its kind, keeping the list in kind order.
func addCharge(list []types.ChargeAmounts, c types.ChargeAmounts) []types.ChargeAmounts {
	i := sort.Search(len(list), func(i int) bool { return list[i].Kind >= c.Kind })
	if i < len(list) && list[i].Kind == c.Kind {
		e := &list[i]
		e.Payable, e.Receivable = e.Payable.Add(c.Payable), e.Receivable.Add(c.Receivable)
		e.Wh, e.Co2Grams = satAdd(e.Wh, c.Wh), satAdd(e.Co2Grams, c.Co2Grams)
		return list
	}
	list = append(list, types.ChargeAmounts{})
	copy(list[i+1:], list[i:])
	list[i] = c
	return list
}

// energy is the row's energy; scheduled follows from measured and reconciled: what the
// balancing authority took was measured but not scheduled, what it supplied the reverse.
func (r *statementRow) energy() types.PeriodEnergy {
	overP, underP := r.byCase[energytypes.ImbalanceCase_IMBALANCE_CASE_OVER_PRODUCTION], r.byCase[energytypes.ImbalanceCase_IMBALANCE_CASE_UNDER_PRODUCTION]
	underC, overC := r.byCase[energytypes.ImbalanceCase_IMBALANCE_CASE_UNDER_CONSUMPTION], r.byCase[energytypes.ImbalanceCase_IMBALANCE_CASE_OVER_CONSUMPTION]
	return types.PeriodEnergy{
		ScheduledConsumedWh: satAdd(satSub(r.measuredConsumed, overC), underC),
		ScheduledProducedWh: satAdd(satSub(r.measuredProduced, overP), underP),
		MeasuredConsumedWh:  r.measuredConsumed, MeasuredProducedWh: r.measuredProduced,
		SuppliedWh: satAdd(underP, overC), TakenWh: satAdd(overP, underC),
		Co2Grams: r.co2Grams,
	}
}

// response orders the rows, fills each denom's net and adds up the totals.
func (b *statementBuilder) response(participant string, from, to uint64) *types.QueryParticipantStatementResponse {
	resp := &types.QueryParticipantStatementResponse{Participant: participant, FromPeriod: from, ToPeriod: to, SettledBefore: b.settledBefore,
		Periods: []types.ParticipantPeriod{}, Totals: []types.PeriodMoney{}, Debts: []types.Debt{}, Claims: []types.Claim{}}
	periods := make([]uint64, 0, len(b.rows))
	for p := range b.rows {
		periods = append(periods, p)
	}
	sort.Slice(periods, func(i, j int) bool { return periods[i] < periods[j] })
	totals := map[string]*types.PeriodMoney{}
	for _, p := range periods {
		r := b.rows[p]
		row := types.ParticipantPeriod{Period: p, Settled: p < b.settledBefore, Energy: r.energy(), Money: []types.PeriodMoney{}}
		addEnergy(&resp.Energy, row.Energy)
		for _, d := range sortedKeys(r.money) {
			m := r.money[d]
			m.Net = m.Gross.Receivable.Sub(m.Gross.Payable)
			row.Money = append(row.Money, *m)
			t, ok := totals[d]
			if !ok {
				t = zeroMoney(d)
				totals[d] = t
			}
			addMoney(t, *m)
		}
		resp.Periods = append(resp.Periods, row)
	}
	for _, d := range sortedKeys(totals) {
		resp.Totals = append(resp.Totals, *totals[d])
	}
	return resp
}

func addEnergy(t *types.PeriodEnergy, e types.PeriodEnergy) {
	t.ScheduledConsumedWh, t.ScheduledProducedWh = satAdd(t.ScheduledConsumedWh, e.ScheduledConsumedWh), satAdd(t.ScheduledProducedWh, e.ScheduledProducedWh)
	t.MeasuredConsumedWh, t.MeasuredProducedWh = satAdd(t.MeasuredConsumedWh, e.MeasuredConsumedWh), satAdd(t.MeasuredProducedWh, e.MeasuredProducedWh)
	t.SuppliedWh, t.TakenWh, t.Co2Grams = satAdd(t.SuppliedWh, e.SuppliedWh), satAdd(t.TakenWh, e.TakenWh), satAdd(t.Co2Grams, e.Co2Grams)
}

func addMoney(t *types.PeriodMoney, m types.PeriodMoney) {
	for _, c := range m.Charges {
		t.Charges = addCharge(t.Charges, c)
	}
	t.Gross.Payable, t.Gross.Receivable = t.Gross.Payable.Add(m.Gross.Payable), t.Gross.Receivable.Add(m.Gross.Receivable)
	t.Net, t.Paid, t.BankFee, t.Received = t.Net.Add(m.Net), t.Paid.Add(m.Paid), t.BankFee.Add(m.BankFee), t.Received.Add(m.Received)
	t.Postponed, t.Unpaid, t.Offset = t.Postponed.Add(m.Postponed), t.Unpaid.Add(m.Unpaid), t.Offset.Add(m.Offset)
	t.ImbalanceValue = t.ImbalanceValue.Add(m.ImbalanceValue)
}

func sortedKeys(m map[string]*types.PeriodMoney) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func satAdd(a, b uint64) uint64 {
	if a > ^uint64(0)-b {
		return ^uint64(0)
	}
	return a + b
}

func satSub(a, b uint64) uint64 {
	if b > a {
		return 0
	}
	return a - b
}
