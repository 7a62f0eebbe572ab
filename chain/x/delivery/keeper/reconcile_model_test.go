package keeper_test

import (
	"math/big"
	"sort"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
)

// model is a test's own account of what it scheduled, traded, read and published on the
// recon grid, kept apart from the chain's records. expect computes from it, and from the
// rules of seed §3.5.1 as the x/delivery spec states them, what reconciling a period must
// give, so the day scenario and the fuzz target compare the chain with an outcome it did
// not produce itself.
type model struct {
	operator string
	meters   map[string]mMeter
	tokens   map[uint64]*mToken
	trades   []mTrade
	readings map[uint64]map[string]uint64           // period → meter → Wh
	refs     map[bt.EnergyCategory]map[uint64]int64 // category (0: all) → from period → price per MWh
}

type mMeter struct {
	owner string
	kind  bt.MeterKind
	cat   bt.EnergyCategory
}

type mSide struct{ owner, meter string }

type mToken struct {
	first, last, wh    uint64
	cat                bt.EnergyCategory
	producer, consumer mSide
}

// mTrade is one market trade (a purchase or a procurement at an ask), in the fixture's
// only currency.
type mTrade struct {
	cat             bt.EnergyCategory
	first, last, wh uint64
	pricePerMwh     int64
}

func newModel(operator sdk.AccAddress) *model {
	return &model{
		operator: operator.String(), meters: map[string]mMeter{}, tokens: map[uint64]*mToken{},
		readings: map[uint64]map[string]uint64{}, refs: map[bt.EnergyCategory]map[uint64]int64{},
	}
}

func (m *model) meter(id string, owner sdk.AccAddress, kind bt.MeterKind, c bt.EnergyCategory) {
	m.meters[id] = mMeter{owner: owner.String(), kind: kind, cat: c}
}

// virtual adds owner's virtual meters of categories, as admission creates them.
func (m *model) virtual(owner sdk.AccAddress, cats ...bt.EnergyCategory) {
	for _, c := range cats {
		m.meter(bt.VirtualMeterID(owner.String(), c), owner, bt.MeterKind_METER_KIND_VIRTUAL, c)
	}
}

// landing is the meter a side lands at: the named one, else the owner's virtual meter.
func landing(owner string, c bt.EnergyCategory, meter string) string {
	if meter == "" {
		return bt.VirtualMeterID(owner, c)
	}
	return meter
}

func (m *model) issued(id uint64, issuer sdk.AccAddress, producerMeter, consumerMeter string, c bt.EnergyCategory, first, last, wh uint64) {
	o := issuer.String()
	m.tokens[id] = &mToken{first: first, last: last, wh: wh, cat: c,
		producer: mSide{o, landing(o, c, producerMeter)}, consumer: mSide{o, landing(o, c, consumerMeter)}}
}

func (t *mToken) side(s et.Side) *mSide {
	if s == et.Side_SIDE_PRODUCER {
		return &t.producer
	}
	return &t.consumer
}

// moved records a side changing hands: a market trade when price is set.
func (m *model) moved(id uint64, s et.Side, to, meter string, price *int64) {
	t := m.tokens[id]
	*t.side(s) = mSide{to, landing(to, t.cat, meter)}
	if price != nil {
		m.trades = append(m.trades, mTrade{cat: t.cat, first: t.first, last: t.last, wh: t.wh, pricePerMwh: *price})
	}
}

func (m *model) read(meter string, period, wh uint64) {
	if m.readings[period] == nil {
		m.readings[period] = map[string]uint64{}
	}
	m.readings[period][meter] = wh
}

func (m *model) published(c bt.EnergyCategory, from uint64, price int64) {
	if m.refs[c] == nil {
		m.refs[c] = map[uint64]int64{}
	}
	m.refs[c][from] = price
}

// scheduledAt is meter's net schedule in period per category, production positive, over
// the tokens whose two sides are at different meters, leaving out the operator's sides;
// touched says whether any side was counted there.
func (m *model) scheduledAt(meter string, period uint64) (byCat map[bt.EnergyCategory]int64, touched bool) {
	byCat = map[bt.EnergyCategory]int64{}
	for _, t := range m.tokens {
		if period < t.first || period > t.last || t.producer.meter == t.consumer.meter {
			continue
		}
		if t.producer.meter == meter && t.producer.owner != m.operator {
			byCat[t.cat] += int64(t.wh)
			touched = true
		}
		if t.consumer.meter == meter && t.consumer.owner != m.operator {
			byCat[t.cat] -= int64(t.wh)
			touched = true
		}
	}
	return byCat, touched
}

func sum(byCat map[bt.EnergyCategory]int64) int64 {
	s := int64(0)
	for _, v := range byCat {
		s += v
	}
	return s
}

// mLine is one expected statement line.
type mLine struct {
	owner, meter string
	cat          bt.EnergyCategory
	kase         et.ImbalanceCase
	wh           uint64
	price        int64
	recv         int64
	source       types.PriceSource
}

// mCategory is what the period's record must say about a category.
type mCategory struct {
	surplusWh, deficitWh            uint64
	source                          types.PriceSource
	avg, surplusPrice, deficitPrice int64
	marketWh                        uint64
}

// mOutcome is the expected outcome of reconciling one period.
type mOutcome struct {
	lines           []mLine
	meters, missing uint64
	categories      map[bt.EnergyCategory]mCategory
	surplusByCase   map[et.ImbalanceCase]uint64 // Wh per case, for the scenario's coverage
}

type mPart struct {
	owner, meter string
	cat          bt.EnergyCategory
	kase         et.ImbalanceCase
	wh           uint64
	surplus      bool
}

// expect is the outcome of reconciling period under params.
func (m *model) expect(period uint64, params types.Params) mOutcome {
	out := mOutcome{categories: map[bt.EnergyCategory]mCategory{}}
	ids := map[string]bool{}
	for _, t := range m.tokens {
		ids[t.producer.meter], ids[t.consumer.meter] = true, true
	}
	for id := range m.readings[period] {
		ids[id] = true
	}
	var parts []mPart
	for id := range ids {
		meter, known := m.meters[id]
		if !known || meter.owner == m.operator {
			continue
		}
		sched, touched := m.scheduledAt(id, period)
		reading, read := m.readings[period][id]
		if !touched && !read {
			continue // no record
		}
		out.meters++
		if meter.kind != bt.MeterKind_METER_KIND_VIRTUAL && !read && touched {
			out.missing++
		}
		measured := int64(0)
		switch meter.kind {
		case bt.MeterKind_METER_KIND_PRODUCTION:
			measured = int64(reading)
		case bt.MeterKind_METER_KIND_CONSUMPTION:
			measured = -int64(reading)
		}
		d := measured - sum(sched)
		if d == 0 {
			continue
		}
		abs := uint64(d)
		if d < 0 {
			abs = uint64(-d)
		}
		p := mPart{owner: meter.owner, meter: id, cat: meter.cat, wh: abs, surplus: d > 0}
		switch meter.kind {
		case bt.MeterKind_METER_KIND_PRODUCTION:
			p.kase = et.ImbalanceCase_IMBALANCE_CASE_UNDER_PRODUCTION
			if d > 0 {
				p.kase = et.ImbalanceCase_IMBALANCE_CASE_OVER_PRODUCTION
			}
			parts = append(parts, p)
		case bt.MeterKind_METER_KIND_VIRTUAL:
			p.kase = et.ImbalanceCase_IMBALANCE_CASE_UNDER_PRODUCTION
			if d > 0 {
				p.kase = et.ImbalanceCase_IMBALANCE_CASE_UNDER_CONSUMPTION
			}
			parts = append(parts, p)
		default:
			if d < 0 {
				p.cat, p.kase = bt.EnergyCategory_ENERGY_CATEGORY_OTHER, et.ImbalanceCase_IMBALANCE_CASE_OVER_CONSUMPTION
				parts = append(parts, p)
				continue
			}
			for c, wh := range shareOut(sched, abs) {
				q := p
				q.cat, q.wh, q.kase = c, wh, et.ImbalanceCase_IMBALANCE_CASE_UNDER_CONSUMPTION
				parts = append(parts, q)
			}
		}
	}
	system := map[bt.EnergyCategory]int64{}
	for _, p := range parts {
		if p.surplus {
			system[p.cat] += int64(p.wh)
		} else {
			system[p.cat] -= int64(p.wh)
		}
	}
	for _, p := range parts {
		c, ok := out.categories[p.cat]
		if !ok {
			c = m.priceOf(p.cat, period, params, system[p.cat])
		}
		price := c.deficitPrice
		if p.surplus {
			price = c.surplusPrice
			c.surplusWh += p.wh
		} else {
			c.deficitWh += p.wh
		}
		out.categories[p.cat] = c
		// One token carries at most MaxWhPerPeriod: a larger deviation takes several.
		for rest := p.wh; rest > 0; {
			wh := min(rest, et.MaxWhPerPeriod)
			rest -= wh
			recv := new(big.Int).Quo(new(big.Int).Mul(new(big.Int).SetUint64(wh), big.NewInt(price)), big.NewInt(1_000_000))
			if !p.surplus {
				recv.Neg(recv)
			}
			out.lines = append(out.lines, mLine{owner: p.owner, meter: p.meter, cat: p.cat, kase: p.kase, wh: wh, price: price, recv: recv.Int64(), source: c.source})
		}
	}
	return out
}

// shareOut splits an under-consumption of wh over the categories the meter was scheduled
// to consume, in proportion, the Wh left by rounding down going one each to the largest
// remainders (ties to the lower category); with nothing scheduled to consume, it is
// energy of category other.
func shareOut(sched map[bt.EnergyCategory]int64, wh uint64) map[bt.EnergyCategory]uint64 {
	var cats []bt.EnergyCategory
	total := new(big.Int)
	for c, v := range sched {
		if v < 0 {
			cats = append(cats, c)
			total.Add(total, big.NewInt(-v))
		}
	}
	if len(cats) == 0 {
		return map[bt.EnergyCategory]uint64{bt.EnergyCategory_ENERGY_CATEGORY_OTHER: wh}
	}
	sort.Slice(cats, func(i, j int) bool { return cats[i] < cats[j] })
	out := map[bt.EnergyCategory]uint64{}
	rems := map[bt.EnergyCategory]*big.Int{}
	given := uint64(0)
	for _, c := range cats {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(new(big.Int).SetUint64(wh), big.NewInt(-sched[c])), total, new(big.Int))
		out[c], rems[c] = q.Uint64(), r
		given += q.Uint64()
	}
	order := append([]bt.EnergyCategory(nil), cats...)
	sort.SliceStable(order, func(i, j int) bool { return rems[order[i]].Cmp(rems[order[j]]) > 0 })
	for i := 0; given < wh; i++ {
		out[order[i%len(order)]]++
		given++
	}
	for c, v := range out {
		if v == 0 {
			delete(out, c)
		}
	}
	return out
}

// priceOf prices category c in period: the reference price in force (the category's
// latest from a period at or before it, else the all-categories one), replaced by the
// market's volume-weighted average when the market traded at least min_market_wh; n % off
// a surplus and on a shortfall (dual), or one price by the system's direction (single).
func (m *model) priceOf(c bt.EnergyCategory, period uint64, params types.Params, system int64) mCategory {
	out := mCategory{source: types.PriceSource_PRICE_SOURCE_UNPRICED}
	ref, found := int64(0), false
	for _, rc := range []bt.EnergyCategory{c, 0} {
		best := uint64(0)
		for from, price := range m.refs[rc] {
			if from <= period && (!found || from >= best) {
				ref, best, found = price, from, true
			}
		}
		if found {
			break
		}
	}
	if !found {
		return out
	}
	out.source, out.avg = types.PriceSource_PRICE_SOURCE_REFERENCE, ref
	wh, value := new(big.Int), new(big.Int)
	for _, tr := range m.trades {
		if tr.cat == c && tr.first <= period && period <= tr.last {
			w := new(big.Int).SetUint64(tr.wh)
			wh.Add(wh, w)
			value.Add(value, w.Mul(w, big.NewInt(tr.pricePerMwh)))
		}
	}
	out.marketWh = wh.Uint64()
	if wh.Sign() > 0 && wh.Cmp(new(big.Int).SetUint64(params.MinMarketWh)) >= 0 {
		out.source, out.avg = types.PriceSource_PRICE_SOURCE_MARKET, new(big.Int).Quo(value, wh).Int64()
	}
	abs := out.avg
	if abs < 0 {
		abs = -abs
	}
	margin := int64(new(big.Int).Quo(new(big.Int).Mul(big.NewInt(abs), big.NewInt(int64(params.ImbalanceMarginBps))), big.NewInt(10_000)).Int64())
	out.surplusPrice, out.deficitPrice = out.avg-margin, out.avg+margin
	if params.Pricing() == types.ImbalancePricing_IMBALANCE_PRICING_SINGLE {
		one := out.avg
		switch {
		case system > 0:
			one = out.surplusPrice
		case system < 0:
			one = out.deficitPrice
		}
		out.surplusPrice, out.deficitPrice = one, one
	}
	return out
}

// checkOutcome compares period's reconciliation on the chain with the model's: the
// record, every participant's statement lines, and the imbalance tokens behind them
// (Wh per owner, case and category), after invariant 3 and the modules' invariants.
func checkOutcome(t testing.TB, r *recon, m *model, ctx sdk.Context, period uint64, want mOutcome) {
	t.Helper()
	require.NoError(t, r.c.App.DeliveryKeeper.CheckReconciled(ctx, period), "invariant 3, period %d", period)
	res, err := r.q.Reconciliation(ctx, &types.QueryReconciliationRequest{Period: period})
	require.NoError(t, err)
	require.Equal(t, types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILED, res.Phase)
	rec := res.Record
	require.EqualValues(t, len(want.lines), rec.Tokens, "period %d: imbalance tokens", period)
	require.Equal(t, want.missing, rec.MissingReadings, "period %d: missing readings", period)
	require.Equal(t, want.meters, rec.Meters, "period %d: meters reconciled", period)
	got := map[bt.EnergyCategory]mCategory{}
	for _, c := range rec.Categories {
		got[c.Category] = mCategory{surplusWh: c.SurplusWh, deficitWh: c.DeficitWh, source: c.Source, avg: c.AveragePricePerMwh,
			surplusPrice: c.SurplusPricePerMwh, deficitPrice: c.DeficitPricePerMwh, marketWh: c.MarketWh}
	}
	require.Equal(t, want.categories, got, "period %d: categories", period)

	owners := map[string]bool{}
	for _, mm := range m.meters {
		owners[mm.owner] = true
	}
	owners[r.operator.String()] = true
	var lines []mLine
	stated := map[string]uint64{} // owner/case/category → Wh on the statement
	for owner := range owners {
		entries, err := r.q.Statement(ctx, &types.QueryStatementRequest{Owner: owner, FromPeriod: period, ToPeriod: period})
		require.NoError(t, err)
		require.Empty(t, entries.Pagination.NextKey)
		for _, e := range entries.Entries {
			require.Equal(t, owner, e.Owner)
			lines = append(lines, mLine{owner: e.Owner, meter: e.MeterId, cat: e.Category, kase: e.ImbalanceCase, wh: e.Wh, price: e.PricePerMwh,
				recv: e.Receivable.Int64(), source: e.Source})
			stated[owner+"/"+e.ImbalanceCase.String()+"/"+e.Category.String()] += e.Wh
			// The receivable is Wh × price / 10^6, truncated toward zero, negative for a shortfall.
			recv := new(big.Int).Quo(new(big.Int).Mul(new(big.Int).SetUint64(e.Wh), big.NewInt(e.PricePerMwh)), big.NewInt(1_000_000))
			if e.ImbalanceCase == et.ImbalanceCase_IMBALANCE_CASE_UNDER_PRODUCTION || e.ImbalanceCase == et.ImbalanceCase_IMBALANCE_CASE_OVER_CONSUMPTION {
				recv.Neg(recv)
			}
			require.Equal(t, recv.String(), e.Receivable.String(), "period %d: receivable of token %d", period, e.TokenId)
		}
	}
	require.ElementsMatch(t, want.lines, lines, "period %d: statement lines", period)

	// The statements add up to the imbalance tokens, per owner, case and category.
	minted := map[string]uint64{}
	err = r.c.App.EnergyKeeper.WalkTokensDelivering(ctx, period, func(tok et.Token) error {
		if tok.Imbalance == et.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED {
			return nil
		}
		participant := tok.Producer
		if participant.Owner == r.operator.String() {
			participant = tok.Consumer
		}
		minted[participant.Owner+"/"+tok.Imbalance.String()+"/"+tok.Category.String()] += tok.WhPerPeriod
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, minted, stated, "period %d: statement Wh against imbalance tokens", period)
}
