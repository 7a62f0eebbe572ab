package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// Pruning (DESIGN.md §4, issue 12 items 6 and 8) deletes a period's readings once nothing
// can need them any more, and keeps its PeriodTotals, reconciliation record and statements,
// so the readings in state are bounded by the reading and dispute windows, not by the
// chain's age. A period is prunable when
//
//   - reconciliation has passed it (it is before ReconciliationProgress.next_period:
//     reconciled, or before the chain began reconciling, which it never will be), and
//   - its dispute window has passed: the current period is more than
//     reading_window_periods + dispute_window_periods after it, so participants had
//     dispute_window_periods after the last reading could arrive to contest the result.
//
// Settlement does not exist yet; when it does, "reconciled" becomes "settled" here.
//
// The end of a block walks Readings in key order from PruneProgress.next_period, one seek
// past any run of periods without readings, and deletes at most its budget of readings.
// A period is finished when its prefix is empty; next_period then moves to the next
// period with readings, or to the first period not yet prunable. So every period before
// next_period has no reading left, which the Reading query and ingestion rely on.

// pruneShareDivisor gives pruning at least a tenth of the block's budget, even while a
// reconciliation backlog takes all of it, so pruning can never starve.
const pruneShareDivisor = 10

// pruneBudget is pruning's share of a block's budget: what reconciliation left, and at
// least budget/10 (at least one). A block's end therefore handles at most 1.1 ×
// max_reconcile_per_block items; a pruned reading is one delete, several times cheaper
// than a reconciliation item (BenchmarkReconcile: about 15 µs against 25-100 µs), and
// reconciliation is never slowed by pruning.
func pruneBudget(budget, spent int) int {
	return max(budget-spent, budget/pruneShareDivisor, 1)
}

// prunableBefore is the first period that may not be pruned yet at current: every period
// before it is past reconciliation and its dispute window. ok is false before
// reconciliation has started.
func (k Keeper) prunableBefore(ctx context.Context, params types.Params, current uint64) (uint64, bool, error) {
	prog, err := k.Progress.Get(ctx)
	if isNotFound(err) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	keep := params.ReadingWindowPeriods + params.DisputeWindow()
	if current <= keep {
		return 0, true, nil
	}
	// p is past its dispute window when current > p + keep, that is p < current − keep.
	return min(prog.NextPeriod, current-keep), true, nil
}

// pruneProgress returns the progress record, the zero record when pruning never moved.
func (k Keeper) pruneProgress(ctx context.Context) (types.PruneProgress, error) {
	pp, err := k.PruneProgress.Get(ctx)
	if isNotFound(err) {
		return types.PruneProgress{}, nil
	}
	return pp, err
}

// prune deletes up to budget readings of prunable periods, oldest first, and writes its
// progress only when it moved.
func (k Keeper) prune(ctx context.Context, params types.Params, current uint64, budget int) error {
	before, ok, err := k.prunableBefore(ctx, params, current)
	if err != nil || !ok {
		return err
	}
	pp, err := k.pruneProgress(ctx)
	if err != nil || pp.NextPeriod >= before {
		return err
	}
	it, err := k.Readings.Iterate(ctx, prunableRange(pp.NextPeriod, before))
	if err != nil {
		return err
	}
	var keys []readingKey
	for ; it.Valid() && len(keys) < budget; it.Next() {
		key, err := it.Key()
		if err != nil {
			it.Close()
			return err
		}
		keys = append(keys, key)
	}
	// The walk ends in the period of its last key unless the next key (or none) shows that
	// period is finished too.
	exhausted, nextKey := !it.Valid(), readingKey{}
	if !exhausted {
		if nextKey, err = it.Key(); err != nil {
			it.Close()
			return err
		}
	}
	it.Close()

	sdkCtx := sdk.UnwrapSDKContext(ctx)
	finish := func() error {
		if pp.PeriodReadings == 0 {
			return nil
		}
		return sdkCtx.EventManager().EmitTypedEvent(&types.EventPeriodPruned{Period: pp.NextPeriod, Readings: pp.PeriodReadings})
	}
	before0 := pp
	for _, key := range keys {
		if key.K1() != pp.NextPeriod {
			if err := finish(); err != nil {
				return err
			}
			pp.NextPeriod, pp.PeriodReadings = key.K1(), 0
		}
		if err := k.Readings.Remove(ctx, key); err != nil {
			return err
		}
		pp.PeriodReadings++
		pp.PrunedReadings++
		pp.LastHeight = sdkCtx.BlockHeight()
	}
	switch {
	case exhausted:
		if err := finish(); err != nil {
			return err
		}
		pp.NextPeriod, pp.PeriodReadings = before, 0
	case nextKey.K1() != pp.NextPeriod:
		if err := finish(); err != nil {
			return err
		}
		pp.NextPeriod, pp.PeriodReadings = nextKey.K1(), 0
	}
	if pp == before0 {
		return nil
	}
	return k.PruneProgress.Set(ctx, pp)
}

// prunableRange is the readings of periods from through before − 1.
func prunableRange(from, before uint64) *collections.Range[readingKey] {
	return new(collections.Range[readingKey]).
		StartInclusive(collections.Join(from, "")).
		EndExclusive(collections.Join(before, ""))
}

// pruned says whether period's readings are pruned: it is before the pruning progress.
func (k Keeper) pruned(ctx context.Context, period uint64) (bool, uint64, error) {
	pp, err := k.pruneProgress(ctx)
	if err != nil {
		return false, 0, err
	}
	return period < pp.NextPeriod, pp.NextPeriod, nil
}
