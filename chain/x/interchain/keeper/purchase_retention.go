package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// Retention of cross-grid purchase records (docs/adr/029 §1). Every chain a purchase passed
// keeps a PurchaseHop; a finished one (done or refunded) is needed while its tokens deliver,
// while its fees wait for their true-up and while a fee refund passes through it. After that
// it is history, so the end of a block deletes the records of finished purchases whose last
// delivery period is more than purchase_keep_periods before the current period, oldest first,
// at most max_purchase_prune_per_block records a block, walking the PurchasesByEnd index from
// its front (no cursor: deleted entries are gone, kept ones are few and short-lived). Per
// origin chain the highest pruned origin sequence is kept, so a query of a pruned purchase
// answers ErrPurchasePruned rather than "not found".

// params returns the module's parameters, the defaults before any were set.
func (k Keeper) params(ctx context.Context) (types.Params, error) {
	p, err := k.Params.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Params{}, nil
	}
	return p, err
}

// indexPurchase files a purchase record in the retention index, on its origin in the buyer
// index and, when this chain holds fees of it, in the true-up queue.
func (k Keeper) indexPurchase(ctx context.Context, hop types.PurchaseHop) error {
	key := collections.Join(hop.Packet.LastPeriod, hop.PurchaseId)
	if err := k.PurchasesByEnd.Set(ctx, key); err != nil {
		return err
	}
	if err := k.indexBuyer(ctx, hop); err != nil {
		return err
	}
	if hop.FeesHeld.IsPositive() && hop.Trueup == nil && hop.State != types.PurchaseState_PURCHASE_STATE_REFUNDED {
		return k.TrueUpDue.Set(ctx, key)
	}
	return nil
}

// prunable says whether a purchase record is no longer needed: finished (done, refunded or
// cancelled), trued up (or never to be), and no fee refund travelling through it.
func (k Keeper) prunable(ctx context.Context, hop types.PurchaseHop) (bool, error) {
	switch hop.State {
	case types.PurchaseState_PURCHASE_STATE_DONE, types.PurchaseState_PURCHASE_STATE_REFUNDED, types.PurchaseState_PURCHASE_STATE_CANCELLED:
	default:
		return false, nil // pending, or a cancel passing
	}
	if due, err := k.TrueUpDue.Has(ctx, collections.Join(hop.Packet.LastPeriod, hop.PurchaseId)); err != nil || due {
		return false, err
	}
	if hop.Trueup != nil && hop.Trueup.State == types.TrueUpState_TRUE_UP_STATE_SENDING {
		return false, nil
	}
	for _, c := range hop.Refunds {
		if c.State == types.TrueUpState_TRUE_UP_STATE_SENDING {
			return false, nil
		}
	}
	return true, nil
}

// PrunePurchases deletes, at most the block's budget of them, the records of finished
// purchases whose last delivery period is more than purchase_keep_periods behind the
// current period, and returns how many it deleted.
func (k Keeper) PrunePurchases(ctx context.Context) (int, error) {
	params, err := k.params(ctx)
	if err != nil {
		return 0, err
	}
	current, err := k.energy.CurrentPeriod(ctx)
	if err != nil {
		return 0, err
	}
	keep := params.KeepPeriods()
	if current <= keep {
		return 0, nil
	}
	rng := new(collections.Range[collections.Pair[uint64, string]]).EndExclusive(collections.Join(current-keep, ""))
	var keys []collections.Pair[uint64, string]
	err = k.PurchasesByEnd.Walk(ctx, rng, func(key collections.Pair[uint64, string]) (bool, error) {
		keys = append(keys, key)
		return len(keys) >= params.PruneBudget(), nil
	})
	if err != nil {
		return 0, err
	}
	var pruned []string
	for _, key := range keys {
		hop, err := k.Purchases.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) { // an index entry left behind: drop it
			if err := k.PurchasesByEnd.Remove(ctx, key); err != nil {
				return len(pruned), err
			}
			continue
		} else if err != nil {
			return len(pruned), err
		}
		if ok, err := k.prunable(ctx, hop); err != nil {
			return len(pruned), err
		} else if !ok {
			continue
		}
		if err := k.prunePurchase(ctx, hop); err != nil {
			return len(pruned), err
		}
		pruned = append(pruned, hop.PurchaseId)
	}
	if len(pruned) == 0 {
		return 0, nil
	}
	return len(pruned), emit(ctx, &types.EventPurchasesPruned{PurchaseIds: pruned})
}

// prunePurchase deletes one purchase record with its index entries (retention, buyer,
// packets) and raises its origin's
// pruned mark.
func (k Keeper) prunePurchase(ctx context.Context, hop types.PurchaseHop) error {
	if err := k.Purchases.Remove(ctx, hop.PurchaseId); err != nil {
		return err
	}
	if err := k.PurchasesByEnd.Remove(ctx, collections.Join(hop.Packet.LastPeriod, hop.PurchaseId)); err != nil {
		return err
	}
	if err := k.unindexBuyer(ctx, hop); err != nil {
		return err
	}
	if hop.OutChannel != "" {
		if err := k.OutPackets.Remove(ctx, collections.Join(hop.OutChannel, hop.OutSequence)); err != nil {
			return err
		}
	}
	if hop.Trueup != nil && hop.Trueup.OutChannel != "" {
		if err := k.RefundPackets.Remove(ctx, collections.Join(hop.Trueup.OutChannel, hop.Trueup.OutSequence)); err != nil {
			return err
		}
	}
	for _, c := range hop.Refunds {
		if c.OutSequence != 0 {
			if err := k.RefundPackets.Remove(ctx, collections.Join(hop.InChannel, c.OutSequence)); err != nil {
				return err
			}
		}
	}
	origin, seq, ok := types.SplitPurchaseID(hop.PurchaseId)
	if !ok {
		return nil
	}
	mark, err := k.PrunedPurchases.Get(ctx, origin)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if seq <= mark {
		return nil
	}
	return k.PrunedPurchases.Set(ctx, origin, seq)
}

// errIfPurchasePruned says a purchase not found here was pruned, when its origin's pruned
// mark covers it (it may then also never have passed this chain: a purchase refused further
// on leaves no record there, so the answer says "pruned or never here").
func (k Keeper) errIfPurchasePruned(ctx context.Context, id string) error {
	origin, seq, ok := types.SplitPurchaseID(id)
	if !ok {
		return nil
	}
	mark, err := k.PrunedPurchases.Get(ctx, origin)
	if errors.Is(err, collections.ErrNotFound) || (err == nil && seq > mark) {
		return nil
	} else if err != nil {
		return err
	}
	params, err := k.params(ctx)
	if err != nil {
		return err
	}
	return errorsmod.Wrapf(types.ErrPurchasePruned,
		"purchase %s is not kept on %s: finished purchases are pruned %d periods after their last delivery period (purchase_keep_periods), and %s's purchases up to %d may be pruned here",
		id, sdk.UnwrapSDKContext(ctx).ChainID(), params.KeepPeriods(), origin, mark)
}

// indexPurchaseGenesis rebuilds an imported purchase's index entries: retention, the
// true-up queue and the fee refund packets in flight.
func (k Keeper) indexPurchaseGenesis(ctx context.Context, hop types.PurchaseHop) error {
	if err := k.indexPurchase(ctx, hop); err != nil {
		return err
	}
	if t := hop.Trueup; t != nil && t.State == types.TrueUpState_TRUE_UP_STATE_SENDING && t.OutChannel != "" {
		if err := k.RefundPackets.Set(ctx, collections.Join(t.OutChannel, t.OutSequence), hop.PurchaseId); err != nil {
			return err
		}
	}
	for _, c := range hop.Refunds {
		if c.State == types.TrueUpState_TRUE_UP_STATE_SENDING && c.OutSequence != 0 {
			if err := k.RefundPackets.Set(ctx, collections.Join(hop.InChannel, c.OutSequence), hop.PurchaseId); err != nil {
				return err
			}
		}
	}
	return nil
}

// initRetentionGenesis loads the parameters and the pruned marks.
func (k Keeper) initRetentionGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, p := range gs.Pruned {
		if err := k.PrunedPurchases.Set(ctx, p.OriginChainId, p.UpToSequence); err != nil {
			return err
		}
	}
	return nil
}

// exportRetentionGenesis exports the parameters and the pruned marks.
func (k Keeper) exportRetentionGenesis(ctx context.Context, gs *types.GenesisState) error {
	params, err := k.params(ctx)
	if err != nil {
		return err
	}
	gs.Params = params
	return k.PrunedPurchases.Walk(ctx, nil, func(origin string, seq uint64) (bool, error) {
		gs.Pruned = append(gs.Pruned, types.PrunedPurchases{OriginChainId: origin, UpToSequence: seq})
		return false, nil
	})
}
