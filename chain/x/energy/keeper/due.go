package keeper

import (
	"context"

	"cosmossdk.io/collections"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// Settlement (x/settlement, seed §3.6.1, docs/adr/013) pays each delivered token once, at
// its settlement date: the period after its last one given by its contract's settlement
// delay. The delivery sweep knows the moment a token has delivered its last period (its
// last period is reconciled), so it files the token under its due period in SettlementDue
// then, with a copy of what settlement needs (DueToken): settlement reads its tokens in one
// ordered pass of the due set, never the token table, so its cost per token does not grow
// with the market (ADR 013). One write per token, no scan.

// DuePeriod is the period a token is settled in: its last period plus its contract's
// settlement delay, saturating at the end of time.
func DuePeriod(t types.Token) uint64 {
	due := t.LastPeriod + t.Terms.SettlementDelayPeriods
	if due < t.LastPeriod {
		return 1<<64 - 1
	}
	return due
}

// dueToken is what settlement needs of t. A token whose consumer side is at a link's
// interface meter (bought for a cross-grid purchase on the token's chain) hands its CO2 on
// with its energy: the buyer bears it on the buyer's chain, where the bridge token carries
// it (ADR 024 §5), so its CO2 is filed as zero here and counts once in the tree.
func dueToken(t types.Token) types.DueToken {
	co2 := t.Co2Grams
	if t.Bridge == nil && balancingtypes.IsInterfaceMeter(t.Consumer.MeterId) {
		co2 = 0
	}
	return types.DueToken{
		TokenId: t.Id, ProducerOwner: t.Producer.Owner, ConsumerOwner: t.Consumer.Owner,
		Wh: t.WhPerPeriod * (t.LastPeriod - t.FirstPeriod + 1), FaceValuePerMwh: t.FaceValuePerMwh,
		GridFees: t.GridFees, Co2Grams: co2, Imbalance: t.Imbalance,
		NegativePricePerMwh: t.NegativePricePerMwh, Bridge: t.Bridge,
	}
}

// markDue files a delivered token for settlement. Tokens that moved no energy and no
// money (cancelled, retired) are never filed.
func (k Keeper) markDue(ctx context.Context, t types.Token) error {
	if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
		return nil
	}
	return k.SettlementDue.Set(ctx, collections.Join(DuePeriod(t), t.Id), dueToken(t))
}

// DueStep visits, in id order, up to limit tokens due in period or before, removing each
// from the due set as it is visited; done says none is left. Settlement is the only
// caller, inside its own paged stage.
func (k Keeper) DueStep(ctx context.Context, period uint64, limit int, visit func(types.DueToken) error) (used int, done bool, err error) {
	return dueStep(limit,
		func() (collections.Iterator[dueKey, types.DueToken], error) {
			return k.SettlementDue.Iterate(ctx, dueRange(period))
		},
		func(it collections.Iterator[dueKey, types.DueToken]) (collections.KeyValue[dueKey, types.DueToken], error) {
			return it.KeyValue()
		},
		func(kv collections.KeyValue[dueKey, types.DueToken]) (types.DueToken, error) {
			return kv.Value, k.SettlementDue.Remove(ctx, kv.Key)
		},
		visit)
}

// dueKey is a due set's key: (due period, token id).
type dueKey = collections.Pair[uint64, uint64]

// dueIterator is what dueStep needs of a collections iterator over a due set.
type dueIterator interface {
	Valid() bool
	Next()
	Close() error
}

// dueStep is the bounded pass of a due set (SettlementDue, Co2Due): it reads up to limit
// entries in key order with read and closes the iterator before anything is written, then
// takes each entry off the set with take (which may write) and visits what take returns;
// done says no entry was left beyond the page.
func dueStep[I dueIterator, E, V any](limit int, open func() (I, error), read func(I) (E, error), take func(E) (V, error), visit func(V) error) (used int, done bool, err error) {
	if limit <= 0 {
		return 0, false, nil
	}
	it, err := open()
	if err != nil {
		return 0, false, err
	}
	var page []E
	for ; it.Valid() && len(page) < limit; it.Next() {
		e, err := read(it)
		if err != nil {
			it.Close()
			return 0, false, err
		}
		page = append(page, e)
	}
	done = !it.Valid()
	it.Close()
	for _, e := range page {
		v, err := take(e)
		if err != nil {
			return used, false, err
		}
		used++
		if err := visit(v); err != nil {
			return used, false, err
		}
	}
	return used, done, nil
}

// HasDue says whether any token is due in period or before.
func (k Keeper) HasDue(ctx context.Context, period uint64) (bool, error) {
	it, err := k.SettlementDue.Iterate(ctx, dueRange(period))
	if err != nil {
		return false, err
	}
	defer it.Close()
	return it.Valid(), nil
}

func dueRange(period uint64) *collections.Range[collections.Pair[uint64, uint64]] {
	return new(collections.Range[collections.Pair[uint64, uint64]]).EndInclusive(collections.Join(period, uint64(1<<64-1)))
}
