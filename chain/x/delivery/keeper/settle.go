package keeper

import (
	"context"
	"errors"
	"iter"
	"math/big"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
)

// imbalancePart is one imbalance token to create at a meter: wh of category, a surplus
// (the balancing authority takes it) or a shortfall (it supplies it).
type imbalancePart struct {
	category balancingtypes.EnergyCategory
	imbCase  energytypes.ImbalanceCase
	wh       uint64
	surplus  bool
}

// deviations turns a meter's record into imbalance parts. The deviation is measured net
// minus scheduled net (production positive): a reading counts +Wh at a production meter,
// −Wh at a consumption meter, nothing at a virtual meter; a missing reading counts zero.
//
//   - A production or virtual meter has one category, and its whole deviation is of it.
//   - A consumption meter measures one total for every category it bought: a shortfall in
//     consumption returns energy pro rata of the consumption scheduled per category
//     (largest remainder, so the parts add up exactly); extra consumption is supplied by
//     the balancing authority as category other, energy of no declared origin.
func deviations(meter balancingtypes.Meter, b types.MeterBalance) []imbalancePart {
	measured := math.ZeroInt()
	switch meter.Kind {
	case balancingtypes.MeterKind_METER_KIND_PRODUCTION:
		measured = math.NewIntFromUint64(b.MeasuredWh)
	case balancingtypes.MeterKind_METER_KIND_CONSUMPTION:
		measured = math.NewIntFromUint64(b.MeasuredWh).Neg()
	}
	scheduled := math.ZeroInt()
	for _, s := range b.Scheduled {
		scheduled = scheduled.Add(math.NewInt(s.Wh))
	}
	d := measured.Sub(scheduled)
	if d.IsZero() {
		return nil
	}
	surplus := d.IsPositive()
	wh := d.Abs() // may exceed what one token carries: settleMeter cuts it (tokensOf)
	if !wh.IsInt64() {
		wh = math.NewInt(1<<63 - 1) // only from schedules saturated at the int64 bounds (addCategoryWh)
	}
	switch meter.Kind {
	case balancingtypes.MeterKind_METER_KIND_CONSUMPTION:
		if !surplus {
			return []imbalancePart{{category: balancingtypes.EnergyCategory_ENERGY_CATEGORY_OTHER, imbCase: energytypes.ImbalanceCase_IMBALANCE_CASE_OVER_CONSUMPTION, wh: wh.Uint64()}}
		}
		return proRata(b.Scheduled, wh.Uint64())
	case balancingtypes.MeterKind_METER_KIND_VIRTUAL:
		c := energytypes.ImbalanceCase_IMBALANCE_CASE_UNDER_PRODUCTION
		if surplus {
			c = energytypes.ImbalanceCase_IMBALANCE_CASE_UNDER_CONSUMPTION
		}
		return []imbalancePart{{category: meter.Category, imbCase: c, wh: wh.Uint64(), surplus: surplus}}
	default:
		c := energytypes.ImbalanceCase_IMBALANCE_CASE_UNDER_PRODUCTION
		if surplus {
			c = energytypes.ImbalanceCase_IMBALANCE_CASE_OVER_PRODUCTION
		}
		return []imbalancePart{{category: meter.Category, imbCase: c, wh: wh.Uint64(), surplus: surplus}}
	}
}

// proRata splits an under-consumption of wh over the categories scheduled for
// consumption (negative nets), largest remainder first, ties to the lower category.
func proRata(scheduled []types.CategoryWh, wh uint64) []imbalancePart {
	under := energytypes.ImbalanceCase_IMBALANCE_CASE_UNDER_CONSUMPTION
	total := math.ZeroInt()
	for _, s := range scheduled {
		if s.Wh < 0 {
			total = total.Add(math.NewInt(s.Wh).Neg())
		}
	}
	if total.IsZero() {
		return []imbalancePart{{category: balancingtypes.EnergyCategory_ENERGY_CATEGORY_OTHER, imbCase: under, wh: wh, surplus: true}}
	}
	type share struct {
		part imbalancePart
		rem  math.Int
	}
	var shares []share
	given := uint64(0)
	for _, s := range scheduled {
		if s.Wh >= 0 {
			continue
		}
		num := math.NewIntFromUint64(wh).Mul(math.NewInt(s.Wh).Neg())
		q, rem := num.Quo(total), num.Mod(total)
		shares = append(shares, share{imbalancePart{category: s.Category, imbCase: under, wh: q.Uint64(), surplus: true}, rem})
		given += q.Uint64()
	}
	order := make([]int, len(shares))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return shares[order[a]].rem.GT(shares[order[b]].rem) })
	for i := 0; given < wh; i++ {
		shares[order[i%len(order)]].part.wh++
		given++
	}
	out := make([]imbalancePart, 0, len(shares))
	for _, s := range shares {
		if s.part.wh > 0 {
			out = append(out, s.part)
		}
	}
	return out
}

// settledTokenCost is what creating one imbalance token costs out of the block's budget,
// besides the meter's own item: a token and its indexes, a statement line and an event
// are several times the writes of a schedule or reading item (the bench measures blocks).
const settledTokenCost = 3

// settle turns meter records into imbalance tokens and statement lines, deleting each,
// until the budget is spent: a meter costs one item plus settledTokenCost per token.
func (r *run) settle(ctx context.Context, budget int) (int, bool, error) {
	rec, err := r.record(ctx)
	if err != nil {
		return 0, false, err
	}
	used := 0
	for used < budget {
		// Records are deleted as they are settled, so each chunk starts at the first one.
		batch, more, err := r.firstBalances(ctx, min(budget-used, 64))
		if err != nil {
			return used, false, err
		}
		for _, b := range batch {
			before := rec.Tokens
			if err := r.settleMeter(ctx, &rec, b); err != nil {
				return used, false, err
			}
			if err := r.k.MeterBalances.Remove(ctx, b.MeterId); err != nil {
				return used, false, err
			}
			used += 1 + settledTokenCost*int(rec.Tokens-before)
			if used >= budget {
				more = more || b.MeterId != batch[len(batch)-1].MeterId
				break
			}
		}
		if !more {
			return used, true, r.k.Reconciliations.Set(ctx, rec.Period, rec)
		}
	}
	return used, false, r.k.Reconciliations.Set(ctx, rec.Period, rec)
}

// firstBalances returns up to n meter records from the first, and whether more follow.
func (r *run) firstBalances(ctx context.Context, n int) ([]types.MeterBalance, bool, error) {
	it, err := r.k.MeterBalances.Iterate(ctx, nil)
	if err != nil {
		return nil, false, err
	}
	defer it.Close()
	var batch []types.MeterBalance
	for ; it.Valid() && len(batch) < n; it.Next() {
		b, err := it.Value()
		if err != nil {
			return nil, false, err
		}
		batch = append(batch, b)
	}
	return batch, it.Valid(), nil
}

// record is the period's record, created at the first settle step.
func (r *run) record(ctx context.Context) (types.PeriodReconciliation, error) {
	rec, err := r.k.Reconciliations.Get(ctx, r.prog.NextPeriod)
	if errors.Is(err, collections.ErrNotFound) {
		return types.PeriodReconciliation{Period: r.prog.NextPeriod, StartedHeight: r.prog.StartedHeight}, nil
	}
	return rec, err
}

// tokensOf cuts imbalance parts into tokens of at most a token's largest volume
// (MaxWhPerPeriod): a meter scheduled with several large tokens can deviate by more, and
// its whole deviation is settled, so it nets to its measurement (invariant 3). A meter
// gets at most one token per part more than the sides scheduled at it, which
// reconciliation has already counted as work.
func tokensOf(parts []imbalancePart) iter.Seq[imbalancePart] {
	return func(yield func(imbalancePart) bool) {
		for _, p := range parts {
			for rest := p.wh; rest > 0; {
				one := p
				one.wh = min(rest, energytypes.MaxWhPerPeriod)
				rest -= one.wh
				if !yield(one) {
					return
				}
			}
		}
	}
}

// settleMeter creates one meter's imbalance tokens.
func (r *run) settleMeter(ctx context.Context, rec *types.PeriodReconciliation, b types.MeterBalance) error {
	meter, ok, err := r.reconciledMeter(ctx, b.MeterId)
	if err != nil || !ok {
		return err
	}
	rec.Meters++
	owner, err := r.k.addressCodec.StringToBytes(meter.Owner)
	if err != nil {
		return err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	period := r.prog.NextPeriod
	if err := r.k.recordConsumption(ctx, period, owner, meter, b.MeasuredWh); err != nil {
		return err
	}
	if meter.Kind != balancingtypes.MeterKind_METER_KIND_VIRTUAL && !b.HasReading && len(b.Scheduled) > 0 {
		rec.MissingReadings++
		if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventReadingMissing{Period: period, MeterId: meter.Id, Owner: meter.Owner}); err != nil {
			return err
		}
	}
	for part := range tokensOf(deviations(meter, b)) {
		cat, err := r.categoryPrice(ctx, rec, part.category)
		if err != nil {
			return err
		}
		price := cat.DeficitPricePerMwh
		participant := energytypes.TokenSide{Owner: meter.Owner, MeterId: meter.Id}
		authority := energytypes.TokenSide{Owner: r.operator, MeterId: balancingtypes.VirtualMeterID(r.operator, part.category)}
		producer, consumer := authority, participant
		if part.surplus {
			price, producer, consumer = cat.SurplusPricePerMwh, participant, authority
			cat.SurplusWh += part.wh
		} else {
			cat.DeficitWh += part.wh
		}
		id, err := r.k.energy.CreateImbalanceToken(ctx, energykeeper.ImbalanceToken{
			Period: period, Wh: part.wh, Category: part.category, Case: part.imbCase,
			Producer: producer, Consumer: consumer, PricePerMwh: price, Denom: cat.Denom, Issuer: r.operator,
		})
		if err != nil {
			return err
		}
		rec.Tokens++
		if !part.surplus && meter.Kind == balancingtypes.MeterKind_METER_KIND_CONSUMPTION {
			// The balancing authority supplied the meter's extra consumption: a consumer token.
			if err := r.k.recordConsumerToken(ctx, period, owner, id, part.wh); err != nil {
				return err
			}
		}
		receivable := math.NewIntFromUint64(part.wh).Mul(math.NewInt(price)).Quo(math.NewInt(energytypes.WhPerMWh))
		if !part.surplus {
			receivable = receivable.Neg()
		}
		entry := types.ImbalanceEntry{
			Owner: meter.Owner, Period: period, MeterId: meter.Id, Category: part.category, ImbalanceCase: part.imbCase,
			Wh: part.wh, PricePerMwh: price, Denom: cat.Denom, Source: cat.Source, TokenId: id, Receivable: receivable,
		}
		if err := r.k.Statements.Set(ctx, collections.Join3(sdk.AccAddress(owner), period, id), entry); err != nil {
			return err
		}
		if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventImbalanceSettled{
			Period: period, MeterId: meter.Id, Owner: meter.Owner, Category: part.category, ImbalanceCase: part.imbCase,
			Wh: part.wh, PricePerMwh: price, Denom: cat.Denom, TokenId: id,
		}); err != nil {
			return err
		}
	}
	return nil
}

// categoryPrice returns the record's entry of category, pricing it on first use: the
// market's volume-weighted average in the reference price's denom when the market traded
// at least min_market_wh, else the reference price; then n % off for a surplus and on for
// a shortfall (dual), or one price set by the system's direction (single).
func (r *run) categoryPrice(ctx context.Context, rec *types.PeriodReconciliation, c balancingtypes.EnergyCategory) (*types.CategoryImbalance, error) {
	i := sort.Search(len(rec.Categories), func(i int) bool { return rec.Categories[i].Category >= c })
	if i < len(rec.Categories) && rec.Categories[i].Category == c {
		return &rec.Categories[i], nil
	}
	cat := types.CategoryImbalance{Category: c, Source: types.PriceSource_PRICE_SOURCE_UNPRICED}
	ref, found, err := r.k.referencePriceAt(ctx, c, r.prog.NextPeriod)
	if err != nil {
		return nil, err
	}
	if found {
		cat.Denom, cat.Source, cat.AveragePricePerMwh = ref.Denom, types.PriceSource_PRICE_SOURCE_REFERENCE, ref.PricePerMwh
		marketWh, avg, err := r.k.energy.MarketPrice(ctx, c, ref.Denom, r.prog.NextPeriod)
		if err != nil {
			return nil, err
		}
		if marketWh.IsUint64() {
			cat.MarketWh = marketWh.Uint64()
		}
		if marketWh.Sign() > 0 && marketWh.Cmp(new(big.Int).SetUint64(r.params.MinMarketWh)) >= 0 {
			cat.Source, cat.AveragePricePerMwh = types.PriceSource_PRICE_SOURCE_MARKET, avg
		}
		margin := math.NewInt(cat.AveragePricePerMwh).Abs().MulRaw(int64(r.params.ImbalanceMarginBps)).QuoRaw(10_000).Int64()
		cat.SurplusPricePerMwh, cat.DeficitPricePerMwh = cat.AveragePricePerMwh-margin, cat.AveragePricePerMwh+margin
		if r.params.Pricing() == types.ImbalancePricing_IMBALANCE_PRICING_SINGLE {
			one := cat.AveragePricePerMwh
			switch sys := systemNet(r.prog.SystemNet, c); {
			case sys > 0:
				one = cat.SurplusPricePerMwh
			case sys < 0:
				one = cat.DeficitPricePerMwh
			}
			cat.SurplusPricePerMwh, cat.DeficitPricePerMwh = one, one
		}
	}
	rec.Categories = append(rec.Categories, types.CategoryImbalance{})
	copy(rec.Categories[i+1:], rec.Categories[i:])
	rec.Categories[i] = cat
	return &rec.Categories[i], nil
}

func systemNet(list []types.CategoryWh, c balancingtypes.EnergyCategory) int64 {
	for _, e := range list {
		if e.Category == c {
			return e.Wh
		}
	}
	return 0
}

// referencePriceAt is the reference price in force for period: the category's latest
// from a period at or before it, else the all-categories one.
func (k Keeper) referencePriceAt(ctx context.Context, c balancingtypes.EnergyCategory, period uint64) (types.ReferencePrice, bool, error) {
	for _, cat := range []balancingtypes.EnergyCategory{c, balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED} {
		rng := collections.NewPrefixedPairRange[int32, uint64](int32(cat)).EndInclusive(period).Descending()
		it, err := k.ReferencePrices.Iterate(ctx, rng)
		if err != nil {
			return types.ReferencePrice{}, false, err
		}
		if it.Valid() {
			p, err := it.Value()
			it.Close()
			return p, err == nil, err
		}
		it.Close()
	}
	return types.ReferencePrice{}, false, nil
}

// finish closes the period's record and announces it.
func (r *run) finish(ctx context.Context) error {
	rec, err := r.record(ctx)
	if err != nil {
		return err
	}
	for i := range rec.Categories {
		rec.Categories[i].BalancingFee = balancingFee(rec.Categories[i])
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	rec.Items, rec.ReconciledHeight = r.prog.Items, sdkCtx.BlockHeight()
	if err := r.k.Reconciliations.Set(ctx, rec.Period, rec); err != nil {
		return err
	}
	countReconciled(ctx, rec)
	return sdkCtx.EventManager().EmitTypedEvent(&types.EventPeriodReconciled{Period: rec.Period, Tokens: rec.Tokens, MissingReadings: rec.MissingReadings})
}

// balancingFee is what the balancing authority earns on a category's imbalances against
// the average price: it takes surpluses below it and supplies deficits above it (seed
// §3.5.2: the penalties remunerate the balancing service). Rounded down once.
func balancingFee(c types.CategoryImbalance) math.Int {
	avg := math.NewInt(c.AveragePricePerMwh)
	sum := math.NewIntFromUint64(c.SurplusWh).Mul(avg.SubRaw(c.SurplusPricePerMwh)).
		Add(math.NewIntFromUint64(c.DeficitWh).Mul(math.NewInt(c.DeficitPricePerMwh).Sub(avg)))
	return sum.Quo(math.NewInt(energytypes.WhPerMWh))
}
