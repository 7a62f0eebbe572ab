package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// Settlement (seed §3.6.1, docs/adr/013) runs at the end of blocks, one period after the
// other, once the period has been reconciled and its operator's fee window has passed.
// A period's run goes through five paged stages, at most max_settle_per_block items per
// block in all:
//
//  1. allocate: the period's declared transmission cost is shared among its consumers;
//  2. gather: every token due in the period becomes charges (face value, grid fees, CO2),
//     added up per participant, kind and denom (statement lines) and per participant and
//     denom (net positions);
//  3. collect: every net payer makes one payment into the clearing account, or is
//     postponed; postponed debts due again are asked for, and default after a limit;
//  4. disburse: every net receiver gets one payment out of the clearing account, its own
//     debt deducted first; what the collection lacked becomes its claim;
//  5. claims: what debtors paid back is shared among the unpaid claims.
//
// The clearing account is empty again when a run ends: netting creates and destroys no
// money, and the claims left add up to the debts left (DESIGN.md §6, item 4).

// emptyPeriodCost is what a period without anything to settle costs out of a block's
// budget, so a chain that was down for a month catches up over several blocks.
const emptyPeriodCost = 1

// EndBlock does the block's share of settlement.
func (k Keeper) EndBlock(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	reconciledBefore, err := k.delivery.ReconciledBefore(ctx)
	if err != nil {
		return err
	}
	next, err := k.NextPeriod.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		// A chain settles from the first period reconciliation has not reached: no token
		// was delivered before it.
		return k.NextPeriod.Set(ctx, reconciledBefore)
	}
	if err != nil {
		return err
	}
	left := params.Budget()
	// Defaulters' open sides are handed over (handover.go) with up to a quarter of the
	// budget before the runs, so that a run per period cannot starve them while their
	// gates close, and with whatever the runs leave after them.
	used, err := k.handOverStep(ctx, max(left/4, 1))
	if err != nil {
		return fmt.Errorf("handing over defaulters' open sides: %w", err)
	}
	left -= used
	for left > 0 {
		run, found, err := k.runOf(ctx, next)
		if err != nil {
			return err
		}
		if !found {
			if !ready(params, next, reconciledBefore) {
				break
			}
			busy, err := k.hasWork(ctx, next)
			if err != nil {
				return err
			}
			if !busy {
				next++
				left -= emptyPeriodCost
				continue
			}
			run = types.SettlementRun{Period: next, Stage: types.RunStage_RUN_STAGE_ALLOCATE, StartedHeight: sdk.UnwrapSDKContext(ctx).BlockHeight()}
		}
		r := &runner{k: k, params: params, run: &run}
		if !found {
			if err := r.takePending(ctx); err != nil {
				return err
			}
		}
		before := countsOf(ctx, run)
		used, done, err := r.step(ctx, left)
		if err != nil {
			return fmt.Errorf("settling period %d at stage %s: %w", next, run.Stage, err)
		}
		countStep(ctx, before, run, done)
		run.Items += uint64(used)
		left -= max(used, emptyPeriodCost)
		if done {
			if err := r.finish(ctx); err != nil {
				return err
			}
			next++
		}
		if err := k.Runs.Set(ctx, run.Period, run); err != nil {
			return err
		}
		if !done {
			break
		}
	}
	if left > 0 {
		if _, err := k.handOverStep(ctx, left); err != nil {
			return fmt.Errorf("handing over defaulters' open sides: %w", err)
		}
	}
	if err := k.NextPeriod.Set(ctx, next); err != nil {
		return err
	}
	reportProgress(ctx, next, reconciledBefore)
	return k.prune(ctx, params, next)
}

// ready says whether period may be settled: reconciled, and its fee window passed (the
// operator declares its transmission cost within fee_window_periods of reconciliation).
func ready(p types.Params, period, reconciledBefore uint64) bool {
	return period < reconciledBefore && reconciledBefore-period > p.FeeWindow()
}

// hasWork says whether a period's run would do anything: tokens due, a transmission cost
// to share, security-fee usage to record or an interval to charge, or debts to ask for.
func (k Keeper) hasWork(ctx context.Context, period uint64) (bool, error) {
	if due, err := k.energy.HasDue(ctx, period); err != nil || due {
		return due, err
	}
	if k.co2 != nil {
		if due, err := k.co2.HasCo2Due(ctx, period); err != nil || due {
			return due, err
		}
	}
	if has, err := k.TransmissionCosts.Has(ctx, period); err != nil || has {
		return has, err
	}
	if has, err := k.hasGridFeeWork(ctx, period); err != nil || has {
		return has, err
	}
	debts, err := k.Debts.Iterate(ctx, nil)
	if err != nil {
		return false, err
	}
	defer debts.Close()
	if debts.Valid() {
		return true, nil
	}
	pending, err := k.PendingRecovered.Iterate(ctx, nil)
	if err != nil {
		return false, err
	}
	defer pending.Close()
	return pending.Valid(), nil
}

// takePending moves the debt paid back between runs into the run's recovered money.
func (r *runner) takePending(ctx context.Context) error {
	var denoms []string
	err := r.k.PendingRecovered.Walk(ctx, nil, func(denom string, amount math.Int) (bool, error) {
		d := r.denom(denom)
		d.Recovered = d.Recovered.Add(amount)
		denoms = append(denoms, denom)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, denom := range denoms {
		if err := r.k.PendingRecovered.Remove(ctx, denom); err != nil {
			return err
		}
	}
	return nil
}

// runOf returns period's run if it has started and not finished.
func (k Keeper) runOf(ctx context.Context, period uint64) (types.SettlementRun, bool, error) {
	run, err := k.Runs.Get(ctx, period)
	if errors.Is(err, collections.ErrNotFound) {
		return run, false, nil
	}
	if err != nil {
		return run, false, err
	}
	return run, !run.Done, nil
}

// runner is one block's work on a run.
type runner struct {
	k      Keeper
	params types.Params
	run    *types.SettlementRun
	// co2Addr caches the CO2 authority for the block (co2Read says it was read).
	co2Addr string
	co2Read bool
}

// step runs the current stage with at most budget items; done says the run is complete.
func (r *runner) step(ctx context.Context, budget int) (used int, done bool, err error) {
	for budget-used > 0 {
		var n int
		var stageDone bool
		switch r.run.Stage {
		case types.RunStage_RUN_STAGE_ALLOCATE:
			n, stageDone, err = r.allocate(ctx, budget-used)
		case types.RunStage_RUN_STAGE_GATHER:
			n, stageDone, err = r.gather(ctx, budget-used)
		case types.RunStage_RUN_STAGE_COLLECT:
			n, stageDone, err = r.collect(ctx, budget-used)
		case types.RunStage_RUN_STAGE_DISBURSE:
			n, stageDone, err = r.disburse(ctx, budget-used)
		case types.RunStage_RUN_STAGE_CLAIMS:
			n, stageDone, err = r.payClaims(ctx, budget-used)
		default:
			return used, false, fmt.Errorf("unknown stage %s", r.run.Stage)
		}
		used += n
		if err != nil || !stageDone {
			return used, false, err
		}
		r.run.AfterOwner, r.run.AfterDenom, r.run.AfterToken = "", "", 0
		switch r.run.Stage {
		case types.RunStage_RUN_STAGE_ALLOCATE:
			r.run.Stage = types.RunStage_RUN_STAGE_GATHER
		case types.RunStage_RUN_STAGE_GATHER:
			r.run.Stage = types.RunStage_RUN_STAGE_COLLECT
		case types.RunStage_RUN_STAGE_COLLECT:
			r.run.Stage = types.RunStage_RUN_STAGE_DISBURSE
		case types.RunStage_RUN_STAGE_DISBURSE:
			r.run.Stage = types.RunStage_RUN_STAGE_CLAIMS
			if err := r.snapshotClaims(ctx); err != nil {
				return used, false, err
			}
		default:
			return used, true, nil
		}
	}
	return used, false, nil
}

// finish closes the run's record.
func (r *runner) finish(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	r.run.Done, r.run.FinishedHeight = true, sdkCtx.BlockHeight()
	payments := uint64(0)
	for _, d := range r.run.Denoms {
		payments += d.Payments
	}
	return sdkCtx.EventManager().EmitTypedEvent(&types.EventRunFinished{
		Period: r.run.Period, Tokens: r.run.Tokens, Charges: r.run.Charges, Participants: r.run.Participants,
		Payments: payments, Postponed: r.run.Postponed,
	})
}
