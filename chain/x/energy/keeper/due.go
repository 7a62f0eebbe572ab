package keeper

import (
	"context"

	"cosmossdk.io/collections"

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

// dueToken is what settlement needs of t.
func dueToken(t types.Token) types.DueToken {
	return types.DueToken{
		TokenId: t.Id, ProducerOwner: t.Producer.Owner, ConsumerOwner: t.Consumer.Owner,
		Wh: t.WhPerPeriod * (t.LastPeriod - t.FirstPeriod + 1), FaceValuePerMwh: t.FaceValuePerMwh,
		GridFees: t.GridFees, Co2Grams: t.Co2Grams, Imbalance: t.Imbalance,
		NegativePricePerMwh: t.NegativePricePerMwh,
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
	if limit <= 0 {
		return 0, false, nil
	}
	it, err := k.SettlementDue.Iterate(ctx, dueRange(period))
	if err != nil {
		return 0, false, err
	}
	var keys []collections.Pair[uint64, uint64]
	var due []types.DueToken
	for ; it.Valid() && len(due) < limit; it.Next() {
		kv, err := it.KeyValue()
		if err != nil {
			it.Close()
			return 0, false, err
		}
		keys, due = append(keys, kv.Key), append(due, kv.Value)
	}
	done = !it.Valid()
	it.Close()
	for i := range due {
		if err := k.SettlementDue.Remove(ctx, keys[i]); err != nil {
			return used, false, err
		}
		used++
		if err := visit(due[i]); err != nil {
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
