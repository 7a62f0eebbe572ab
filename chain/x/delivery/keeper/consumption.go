package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// A participant's net consumption in a period (seed §3.5.2: transmission costs are shared
// "pro rata of net consumption") is what its consumption meters measured minus what its
// production meters measured, floored at zero. Reconciliation settles meters one at a
// time, possibly over several blocks, so each settled meter adds its reading to the
// owner's record (read, add, write) and the net is taken only when the record is read.
// The period's total of the nets is kept in step with every addition (old net out, new
// net in), so the total is exactly the sum of the nets that x/settlement walks.

// recordConsumption adds a settled meter's reading to its owner's record. Virtual meters
// measure nothing; the balancing authority's meters never reach here (reconciledMeter).
func (k Keeper) recordConsumption(ctx context.Context, period uint64, owner sdk.AccAddress, meter balancingtypes.Meter, wh uint64) error {
	if wh == 0 {
		return nil
	}
	var consumed, produced uint64
	switch meter.Kind {
	case balancingtypes.MeterKind_METER_KIND_CONSUMPTION:
		consumed = wh
	case balancingtypes.MeterKind_METER_KIND_PRODUCTION:
		produced = wh
	default:
		return nil
	}
	key := collections.Join(period, owner)
	c, err := k.Consumptions.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		c, err = types.Consumption{Owner: meter.Owner, Period: period}, nil
	}
	if err != nil {
		return err
	}
	before := NetConsumption(c)
	c.ConsumedWh = saturatingAddU(c.ConsumedWh, consumed)
	c.ProducedWh = saturatingAddU(c.ProducedWh, produced)
	if err := k.Consumptions.Set(ctx, key, c); err != nil {
		return err
	}
	return k.addConsumptionTotal(ctx, period, before, NetConsumption(c))
}

// addConsumptionTotal replaces before by after in period's total.
func (k Keeper) addConsumptionTotal(ctx context.Context, period, before, after uint64) error {
	if before == after {
		return nil
	}
	total, err := k.ConsumptionTotal(ctx, period)
	if err != nil {
		return err
	}
	if total < before {
		return fmt.Errorf("consumption total of period %d (%d Wh) is below a participant's net %d Wh", period, total, before)
	}
	return k.ConsumptionTotals.Set(ctx, period, saturatingAddU(total-before, after))
}

// NetConsumption is a record's net consumption: consumed minus produced, at least zero.
func NetConsumption(c types.Consumption) uint64 {
	if c.ProducedWh >= c.ConsumedWh {
		return 0
	}
	return c.ConsumedWh - c.ProducedWh
}

// ConsumptionTotal is the sum of the participants' net consumption in period; zero for a
// period not reconciled or without consumption.
func (k Keeper) ConsumptionTotal(ctx context.Context, period uint64) (uint64, error) {
	total, err := k.ConsumptionTotals.Get(ctx, period)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return total, err
}

// ConsumptionStep visits up to limit of period's records after afterOwner (nil: from the
// first), in owner key order, with each owner's net consumption (zero included, so a
// cursor always moves) and what its consumption meters measured (consumedWh, its own
// production not deducted). It returns the records visited and whether the period is done.
func (k Keeper) ConsumptionStep(ctx context.Context, period uint64, afterOwner sdk.AccAddress, limit int,
	visit func(owner sdk.AccAddress, netWh, consumedWh uint64) error,
) (int, bool, error) {
	rng := collections.NewPrefixedPairRange[uint64, sdk.AccAddress](period)
	if afterOwner != nil {
		rng = rng.StartExclusive(afterOwner)
	}
	it, err := k.Consumptions.Iterate(ctx, rng)
	if err != nil {
		return 0, false, err
	}
	defer it.Close()
	n := 0
	for ; it.Valid() && n < limit; it.Next() {
		kv, err := it.KeyValue()
		if err != nil {
			return n, false, err
		}
		if err := visit(kv.Key.K2(), NetConsumption(kv.Value), kv.Value.ConsumedWh); err != nil {
			return n, false, err
		}
		n++
	}
	return n, !it.Valid(), nil
}

func saturatingAddU(a, b uint64) uint64 {
	if a > ^uint64(0)-b {
		return ^uint64(0)
	}
	return a + b
}

// PruneConsumptions deletes up to limit consumption records of the periods before before,
// oldest first, then the consumer-token entries left there (the ones no transmission fee
// removed: no cost declared, no net consumption, a share rounded to zero), then those
// periods' totals, within limit in all, and says whether none is left. x/settlement calls it, within its own pruning budget, once those periods
// are settled and past its keep_periods (ADR 019): a settled period's consumption is read
// by nothing else. Deleting from the front needs no cursor: the next call starts at the
// first record left.
func (k Keeper) PruneConsumptions(ctx context.Context, before uint64, limit int) (int, bool, error) {
	if limit <= 0 {
		return 0, false, nil
	}
	var keys []collections.Pair[uint64, sdk.AccAddress]
	it, err := k.Consumptions.Iterate(ctx, nil)
	if err != nil {
		return 0, false, err
	}
	for ; it.Valid() && len(keys) < limit; it.Next() {
		key, err := it.Key()
		if err != nil {
			it.Close()
			return 0, false, err
		}
		if key.K1() >= before {
			break
		}
		keys = append(keys, key)
	}
	it.Close()
	for _, key := range keys {
		if err := k.Consumptions.Remove(ctx, key); err != nil {
			return 0, false, err
		}
	}
	used := len(keys)
	if used == limit {
		return used, false, nil
	}
	n, err := k.pruneConsumerTokens(ctx, before, limit-used)
	if used += n; err != nil || used == limit {
		return used, false, err
	}
	totals, err := k.ConsumptionTotals.Iterate(ctx, new(collections.Range[uint64]).EndExclusive(before))
	if err != nil {
		return used, false, err
	}
	var periods []uint64
	for ; totals.Valid() && used+len(periods) < limit; totals.Next() {
		period, err := totals.Key()
		if err != nil {
			totals.Close()
			return used, false, err
		}
		periods = append(periods, period)
	}
	done := !totals.Valid()
	totals.Close()
	for _, period := range periods {
		if err := k.ConsumptionTotals.Remove(ctx, period); err != nil {
			return used, false, err
		}
	}
	return used + len(periods), done, nil
}

// pruneConsumerTokens deletes up to limit ConsumerTokens entries of the periods before
// before, oldest first, and returns how many it deleted.
func (k Keeper) pruneConsumerTokens(ctx context.Context, before uint64, limit int) (int, error) {
	it, err := k.ConsumerTokens.Iterate(ctx, nil)
	if err != nil {
		return 0, err
	}
	var keys []collections.Triple[uint64, sdk.AccAddress, uint64]
	for ; it.Valid() && len(keys) < limit; it.Next() {
		key, err := it.Key()
		if err != nil {
			it.Close()
			return 0, err
		}
		if key.K1() >= before {
			break
		}
		keys = append(keys, key)
	}
	it.Close()
	for _, key := range keys {
		if err := k.ConsumerTokens.Remove(ctx, key); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}
