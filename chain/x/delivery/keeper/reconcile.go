package keeper

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
)

// Reconciliation (seed §3.5.1, ADR 011) runs at the end of blocks, one period after the
// other, once the period's reading window has closed. Per period it goes through four
// paged stages, at most max_reconcile_per_block items per block in all:
//
//  1. schedule: the token sides delivering in the period (x/energy's sweep, ScheduleStep)
//     are added up per metering point and category into MeterBalances;
//  2. measure: the period's readings are added to the same records;
//  3. net (single pricing only): the system's imbalance per category is added up;
//  4. settle: each record's deviation, measured minus scheduled, becomes imbalance tokens
//     against the balancing authority and lines of its owner's statement; the record goes.
//
// The balancing authority (the grid operator) is the counterparty of every imbalance, so
// its own sides and meters are never reconciled against itself.

// reconcilePeriodCost is what an empty period costs out of a block's budget, so a chain
// that was down for a month catches up over several blocks, not in one.
const reconcilePeriodCost = 1

// EndBlock does the end of a block's share of reconciliation, then of pruning, out of one
// budget of max_reconcile_per_block items (pruneBudget says how they share it).
func (k Keeper) EndBlock(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	current, err := k.energy.CurrentPeriod(ctx)
	if err != nil {
		return err
	}
	budget := int(params.ReconcileBudget())
	spent, err := k.reconcile(ctx, params, current, budget)
	if err != nil {
		return err
	}
	return k.prune(ctx, params, current, pruneBudget(budget, spent))
}

// reconcile does the block's share of reconciliation, at most budget items, and returns
// the items it spent.
func (k Keeper) reconcile(ctx context.Context, params types.Params, current uint64, budget int) (int, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	prog, err := k.Progress.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		// A chain reconciles from the period it starts in: no token delivers before it.
		return 0, k.Progress.Set(ctx, types.ReconciliationProgress{NextPeriod: current, Stage: types.ReconciliationStage_RECONCILIATION_STAGE_SCHEDULE})
	}
	if err != nil {
		return 0, err
	}
	if !windowClosed(params, prog.NextPeriod, current) {
		reportLag(ctx, current, prog.NextPeriod)
		return 0, nil // nothing due: no registry read, no write
	}
	operator, err := k.registry.GridOperator(ctx)
	if err != nil {
		return 0, err
	}
	left := budget
	for left > 0 && windowClosed(params, prog.NextPeriod, current) {
		if prog.StartedHeight == 0 {
			prog.StartedHeight = sdkCtx.BlockHeight()
		}
		r := &run{k: k, params: params, operator: operator, prog: &prog}
		used, done, err := r.step(ctx, left)
		if err != nil {
			return budget - left, fmt.Errorf("reconciling period %d at stage %s: %w", prog.NextPeriod, prog.Stage, err)
		}
		prog.Items += uint64(used)
		left -= max(used, reconcilePeriodCost)
		if !done {
			break
		}
		if err := r.finish(ctx); err != nil {
			return budget - left, err
		}
		prog = types.ReconciliationProgress{NextPeriod: prog.NextPeriod + 1, Stage: types.ReconciliationStage_RECONCILIATION_STAGE_SCHEDULE}
	}
	reportLag(ctx, current, prog.NextPeriod)
	return budget - max(left, 0), k.Progress.Set(ctx, prog)
}

// windowClosed says whether period's reading window has closed in the current period: a
// reading is accepted until reading_window_periods periods after its period (batch.go).
func windowClosed(p types.Params, period, current uint64) bool {
	closes := period + p.ReadingWindowPeriods
	return closes >= period && current > closes // a window past the end of time never closes
}

// run is one block's work on the period prog.NextPeriod.
type run struct {
	k        Keeper
	params   types.Params
	operator string
	prog     *types.ReconciliationProgress
}

// step runs the current stage with at most budget items; done says the period is complete.
func (r *run) step(ctx context.Context, budget int) (used int, done bool, err error) {
	for budget-used > 0 {
		var n int
		var stageDone bool
		switch r.prog.Stage {
		case types.ReconciliationStage_RECONCILIATION_STAGE_SCHEDULE:
			n, stageDone, err = r.schedule(ctx, budget-used)
		case types.ReconciliationStage_RECONCILIATION_STAGE_MEASURE:
			n, stageDone, err = r.measure(ctx, budget-used)
		case types.ReconciliationStage_RECONCILIATION_STAGE_NET:
			n, stageDone, err = r.net(ctx, budget-used)
		case types.ReconciliationStage_RECONCILIATION_STAGE_SETTLE:
			n, stageDone, err = r.settle(ctx, budget-used)
		default:
			return used, false, fmt.Errorf("unknown stage %s", r.prog.Stage)
		}
		used += n
		if err != nil || !stageDone {
			return used, false, err
		}
		r.prog.AfterMeter = ""
		switch r.prog.Stage {
		case types.ReconciliationStage_RECONCILIATION_STAGE_SCHEDULE:
			r.prog.Stage = types.ReconciliationStage_RECONCILIATION_STAGE_MEASURE
		case types.ReconciliationStage_RECONCILIATION_STAGE_MEASURE:
			r.prog.Stage = types.ReconciliationStage_RECONCILIATION_STAGE_SETTLE
			if r.params.Pricing() == types.ImbalancePricing_IMBALANCE_PRICING_SINGLE {
				r.prog.Stage = types.ReconciliationStage_RECONCILIATION_STAGE_NET
			}
		case types.ReconciliationStage_RECONCILIATION_STAGE_NET:
			r.prog.Stage = types.ReconciliationStage_RECONCILIATION_STAGE_SETTLE
		default:
			return used, true, nil
		}
	}
	return used, false, nil
}

// schedule adds the delivering token sides to their meters' records.
func (r *run) schedule(ctx context.Context, budget int) (int, bool, error) {
	balances := newBalanceCache(r.k)
	owners := newAddressCache(r.k)
	cursor := energykeeper.ScheduleCursor{Draining: r.prog.ScheduleDraining, AfterLast: r.prog.ScheduleAfterLast, AfterID: r.prog.ScheduleAfterId}
	next, used, done, err := r.k.energy.ScheduleStep(ctx, r.prog.NextPeriod, cursor, budget, func(s energykeeper.ScheduledSide) error {
		if s.Owner == r.operator {
			return nil // the balancing authority's own sides: it is every imbalance's counterparty
		}
		if balancingtypes.IsInterfaceMeter(s.MeterID) {
			// An interface account's side (a cross-grid purchase, ADR 024 §6): delivered
			// exactly as scheduled (seed §4.3), so no record, no imbalance, no consumption.
			return nil
		}
		b, err := balances.get(ctx, s.MeterID)
		if err != nil {
			return err
		}
		b.Scheduled = addCategoryWh(b.Scheduled, s.Category, s.NetWh)
		// A bridge token's consumer side is the buyer's, at its own meter, and reconciled
		// there; but it is no consumer token: the link's fee estimate paid at purchase stands
		// in for local transmission fees (ADR 024 §5), so none is attached to it.
		if s.NetWh < 0 && !s.Bridge && atConsumptionMeter(s.MeterID) {
			owner, err := owners.get(s.Owner)
			if err != nil {
				return err
			}
			return r.k.recordConsumerToken(ctx, r.prog.NextPeriod, owner, s.TokenID, uint64(-s.NetWh))
		}
		return nil
	})
	if err != nil {
		return used, false, err
	}
	r.prog.ScheduleDraining, r.prog.ScheduleAfterLast, r.prog.ScheduleAfterId = next.Draining, next.AfterLast, next.AfterID
	return used, done, balances.flush(ctx)
}

// measure adds the period's readings to their meters' records.
func (r *run) measure(ctx context.Context, budget int) (int, bool, error) {
	rng := collections.NewPrefixedPairRange[uint64, string](r.prog.NextPeriod)
	if r.prog.AfterMeter != "" {
		rng = rng.StartExclusive(r.prog.AfterMeter)
	}
	it, err := r.k.Readings.Iterate(ctx, rng)
	if err != nil {
		return 0, false, err
	}
	defer it.Close()
	balances := newBalanceCache(r.k)
	used := 0
	for ; it.Valid() && used < budget; it.Next() {
		reading, err := it.Value()
		if err != nil {
			return used, false, err
		}
		used++
		b, err := balances.get(ctx, reading.MeterId)
		if err != nil {
			return used, false, err
		}
		b.MeasuredWh, b.HasReading = reading.Wh, true
		r.prog.AfterMeter = reading.MeterId
	}
	return used, !it.Valid(), balances.flush(ctx)
}

// net adds every record's deviation to the system's imbalance per category.
func (r *run) net(ctx context.Context, budget int) (int, bool, error) {
	var rng collections.Ranger[string] // nil: from the first record
	if r.prog.AfterMeter != "" {
		rng = new(collections.Range[string]).StartExclusive(r.prog.AfterMeter)
	}
	it, err := r.k.MeterBalances.Iterate(ctx, rng)
	if err != nil {
		return 0, false, err
	}
	defer it.Close()
	used := 0
	for ; it.Valid() && used < budget; it.Next() {
		b, err := it.Value()
		if err != nil {
			return used, false, err
		}
		used++
		r.prog.AfterMeter = b.MeterId
		meter, ok, err := r.reconciledMeter(ctx, b.MeterId)
		if err != nil {
			return used, false, err
		}
		if !ok {
			continue // skipped, as settleMeter skips it: not the end of the block's work
		}
		for _, part := range deviations(meter, b) {
			wh := int64(part.wh)
			if !part.surplus {
				wh = -wh
			}
			r.prog.SystemNet = addCategoryWh(r.prog.SystemNet, part.category, wh)
		}
	}
	return used, !it.Valid(), nil
}

// reconciledMeter returns the meter of a record, or ok false for one reconciliation skips:
// the balancing authority's own, or one the registry does not know (its virtual meters).
func (r *run) reconciledMeter(ctx context.Context, id string) (balancingtypes.Meter, bool, error) {
	meter, found, err := r.k.registry.GetMeter(ctx, id)
	if err != nil || !found || meter.Owner == r.operator {
		return meter, false, err
	}
	return meter, true, nil
}

// addCategoryWh adds wh to category's entry of list, kept in category order, saturating
// at the int64 bounds (position limits keep real sums far inside them).
func addCategoryWh(list []types.CategoryWh, c balancingtypes.EnergyCategory, wh int64) []types.CategoryWh {
	for i := range list {
		if list[i].Category == c {
			list[i].Wh = saturatingAdd(list[i].Wh, wh)
			return list
		}
		if list[i].Category > c {
			list = append(list[:i], append([]types.CategoryWh{{Category: c, Wh: wh}}, list[i:]...)...)
			return list
		}
	}
	return append(list, types.CategoryWh{Category: c, Wh: wh})
}

func saturatingAdd(a, b int64) int64 {
	s := new(big.Int).Add(big.NewInt(a), big.NewInt(b))
	if s.IsInt64() {
		return s.Int64()
	}
	if s.Sign() > 0 {
		return 1<<63 - 1
	}
	return -1 << 63
}

// addressCache decodes each side owner's bech32 address once per step.
type addressCache struct {
	k     Keeper
	bytes map[string]sdk.AccAddress
}

func newAddressCache(k Keeper) *addressCache {
	return &addressCache{k: k, bytes: map[string]sdk.AccAddress{}}
}

func (c *addressCache) get(owner string) (sdk.AccAddress, error) {
	if a, ok := c.bytes[owner]; ok {
		return a, nil
	}
	a, err := c.k.addressCodec.StringToBytes(owner)
	if err != nil {
		return nil, err
	}
	c.bytes[owner] = a
	return a, nil
}

// balanceCache holds the records a step touches, written once at its end.
type balanceCache struct {
	k     Keeper
	byID  map[string]*types.MeterBalance
	order []string
}

func newBalanceCache(k Keeper) *balanceCache {
	return &balanceCache{k: k, byID: map[string]*types.MeterBalance{}}
}

func (c *balanceCache) get(ctx context.Context, id string) (*types.MeterBalance, error) {
	if b, ok := c.byID[id]; ok {
		return b, nil
	}
	b, err := c.k.MeterBalances.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		b, err = types.MeterBalance{MeterId: id}, nil
	}
	if err != nil {
		return nil, err
	}
	c.byID[id] = &b
	c.order = append(c.order, id) // first-touch order: deterministic, as the walks are
	return &b, nil
}

func (c *balanceCache) flush(ctx context.Context) error {
	for _, id := range c.order {
		if err := c.k.MeterBalances.Set(ctx, id, *c.byID[id]); err != nil {
			return err
		}
	}
	return nil
}
