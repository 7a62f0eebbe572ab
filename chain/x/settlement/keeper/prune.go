package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// Retention (ADR 019). A run leaves statement lines and net positions per participant and
// period, a run record and maybe a transmission cost per period, security-fee usages per
// participant and interval, and x/delivery keeps each participant's consumption per period
// for the run to share costs by. They would grow with participants × periods forever, so
// the end of a block prunes the records of the periods that are
//
//   - settled: before NextPeriod, so their run is done (runs go in period order, at most
//     the one at NextPeriod is in progress) or they had nothing to settle, and
//   - older than keep_periods: before the current period minus keep_periods.
//
// Debts, claims, their totals, defaults and hand-overs are kept whatever their age: they
// are open obligations, keyed by owner, not by period, and the invariants add them up.
// The invariants need nothing of a finished run's records but its own check that the run
// disbursed what it collected, which a pruned run no longer needs.
//
// A pass fixes its bound (pruned_before) when it starts and deletes, oldest first, from
// one collection after the other (PRUNE_STAGE_*), at most max_prune_per_block records a
// block, apart from the runs' budget, and resumes in the next block. Every walk deletes
// from the front of its collection up to the bound, so it needs no cursor, and periods
// without records cost nothing. The next pass starts when the pass is done and the bound
// can move. Queries of a period before pruned_before say it is pruned.

// linesPerNet bounds the statement lines of one net position: one per charge kind.
var linesPerNet = len(types.ChargeKind_name)

// pruneProgress returns the progress record, the zero record before the first pass.
func (k Keeper) pruneProgress(ctx context.Context) (types.PruneProgress, error) {
	pp, err := k.PruneProgress.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return types.PruneProgress{}, nil
	}
	return pp, err
}

// prunableBefore is the first period whose records are kept: settled periods more than
// keep_periods before the current period are prunable.
func (k Keeper) prunableBefore(ctx context.Context, params types.Params, next uint64) (uint64, error) {
	current, err := k.energy.CurrentPeriod(ctx)
	if err != nil {
		return 0, err
	}
	keep := params.Keep()
	if current <= keep {
		return 0, nil
	}
	return min(next, current-keep), nil
}

// prune deletes up to the pruning budget of records of the periods before the pass's
// bound, starting a pass when none is in progress and the bound can move, and writes its
// progress only when it moved.
func (k Keeper) prune(ctx context.Context, params types.Params, next uint64) error {
	pp, err := k.pruneProgress(ctx)
	if err != nil {
		return err
	}
	before0 := pp
	if pp.Stage == types.PruneStage_PRUNE_STAGE_UNSPECIFIED {
		before, err := k.prunableBefore(ctx, params, next)
		if err != nil || before <= pp.PrunedBefore {
			return err
		}
		pp.PrunedBefore, pp.Stage = before, types.PruneStage_PRUNE_STAGE_NETS
	}
	budget, used := params.PruneBudget(), 0
	for used < budget && pp.Stage != types.PruneStage_PRUNE_STAGE_UNSPECIFIED {
		var n int
		var done bool
		switch pp.Stage {
		case types.PruneStage_PRUNE_STAGE_NETS:
			n, done, err = k.pruneNets(ctx, pp.PrunedBefore, budget-used)
		case types.PruneStage_PRUNE_STAGE_USAGES:
			n, done, err = k.pruneUsages(ctx, pp.PrunedBefore, budget-used)
		case types.PruneStage_PRUNE_STAGE_CONSUMPTIONS:
			n, done, err = k.delivery.PruneConsumptions(ctx, pp.PrunedBefore, budget-used)
		case types.PruneStage_PRUNE_STAGE_RUNS:
			n, done, err = k.pruneRuns(ctx, pp.PrunedBefore, budget-used)
		default:
			return fmt.Errorf("unknown prune stage %s", pp.Stage)
		}
		used += n
		if err != nil {
			return fmt.Errorf("pruning settlement records before period %d at stage %s: %w", pp.PrunedBefore, pp.Stage, err)
		}
		if !done {
			break
		}
		if pp.Stage == types.PruneStage_PRUNE_STAGE_RUNS {
			pp.Stage = types.PruneStage_PRUNE_STAGE_UNSPECIFIED
			if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRecordsPruned{
				PrunedBefore: pp.PrunedBefore, Records: pp.Records + uint64(used),
			}); err != nil {
				return err
			}
		} else {
			pp.Stage++
		}
	}
	if used > 0 {
		pp.Records += uint64(used)
		pp.LastHeight = sdk.UnwrapSDKContext(ctx).BlockHeight()
	}
	if pp == before0 {
		return nil
	}
	return k.PruneProgress.Set(ctx, pp)
}

// pruneNets deletes the net positions of periods before before, each with its owner index
// entry and the statement lines of its owner, period and denom (a charge books both), as
// long as the next one fits in budget.
func (k Keeper) pruneNets(ctx context.Context, before uint64, budget int) (int, bool, error) {
	rng := new(collections.Range[collections.Triple[uint64, sdk.AccAddress, string]]).
		EndExclusive(collections.Join3(before, sdk.AccAddress{}, ""))
	page, done, err := readPage(ctx, k.Nets, rng, max(budget/2, 1))
	if err != nil {
		return 0, false, err
	}
	used := 0
	for i, kv := range page {
		period, owner, denom := kv.Key.K1(), kv.Key.K2(), kv.Key.K3()
		var lines []collections.Quad[sdk.AccAddress, uint64, int32, string]
		err := k.Lines.Walk(ctx, collections.NewSuperPrefixedQuadRange[sdk.AccAddress, uint64, int32, string](owner, period),
			func(key collections.Quad[sdk.AccAddress, uint64, int32, string], _ types.StatementLine) (bool, error) {
				if key.K4() == denom {
					lines = append(lines, key)
				}
				return len(lines) > linesPerNet, nil
			})
		if err != nil {
			return used, false, err
		}
		cost := 2 + len(lines)
		if used > 0 && used+cost > budget {
			return used, false, nil
		}
		for _, key := range lines {
			if err := k.Lines.Remove(ctx, key); err != nil {
				return used, false, err
			}
		}
		if err := k.NetsByOwner.Remove(ctx, collections.Join3(owner, period, denom)); err != nil {
			return used, false, err
		}
		if err := k.Nets.Remove(ctx, kv.Key); err != nil {
			return used, false, err
		}
		used += cost
		if used >= budget && (i < len(page)-1 || !done) {
			return used, false, nil
		}
	}
	return used, done, nil
}

// pruneUsages deletes the security-fee intervals that ended before before, oldest first,
// each after its usages.
func (k Keeper) pruneUsages(ctx context.Context, before uint64, budget int) (int, bool, error) {
	used := 0
	for used < budget {
		page, _, err := readPage(ctx, k.SecurityIntervals, nil, 1)
		if err != nil {
			return used, false, err
		}
		if len(page) == 0 || page[0].Value.LastPeriod >= before {
			return used, true, nil
		}
		si := page[0].Value
		usages, usagesDone, err := readPage(ctx, k.Usages, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](si.Interval), budget-used)
		if err != nil {
			return used, false, err
		}
		for _, u := range usages {
			if err := k.Usages.Remove(ctx, u.Key); err != nil {
				return used, false, err
			}
		}
		used += len(usages)
		if !usagesDone || used >= budget {
			return used, false, nil
		}
		if err := k.SecurityIntervals.Remove(ctx, si.Interval); err != nil {
			return used, false, err
		}
		used++
	}
	return used, false, nil
}

// pruneRuns deletes the runs and the transmission costs of periods before before.
func (k Keeper) pruneRuns(ctx context.Context, before uint64, budget int) (int, bool, error) {
	rng := new(collections.Range[uint64]).EndExclusive(before)
	runs, runsDone, err := readPage(ctx, k.Runs, rng, budget)
	if err != nil {
		return 0, false, err
	}
	for _, kv := range runs {
		if !kv.Value.Done {
			return 0, false, fmt.Errorf("run of period %d is not done, before settlement's next period", kv.Key)
		}
		if err := k.Runs.Remove(ctx, kv.Key); err != nil {
			return 0, false, err
		}
	}
	used := len(runs)
	if !runsDone || used >= budget {
		return used, false, nil
	}
	costs, costsDone, err := readPage(ctx, k.TransmissionCosts, rng, budget-used)
	if err != nil {
		return used, false, err
	}
	for _, kv := range costs {
		if err := k.TransmissionCosts.Remove(ctx, kv.Key); err != nil {
			return used, false, err
		}
	}
	return used + len(costs), costsDone, nil
}

// prunedBefore is the first period whose records are kept.
func (k Keeper) prunedBefore(ctx context.Context) (uint64, error) {
	pp, err := k.pruneProgress(ctx)
	return pp.PrunedBefore, err
}

// errIfPruned says that period's records are pruned, when they are; what names them.
func (k Keeper) errIfPruned(ctx context.Context, period uint64, what string) error {
	before, err := k.prunedBefore(ctx)
	if err != nil || period >= before {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	return errorsmod.Wrapf(types.ErrPeriodPruned, "%s of period %d: settlement keeps the records of the last %d periods (keep_periods), and periods before %d are pruned",
		what, period, params.Keep(), before)
}
