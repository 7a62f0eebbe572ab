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
// then, and settlement takes it from there: no scan of the market, one write per token.

// DuePeriod is the period a token is settled in: its last period plus its contract's
// settlement delay, saturating at the end of time.
func DuePeriod(t types.Token) uint64 {
	due := t.LastPeriod + t.Terms.SettlementDelayPeriods
	if due < t.LastPeriod {
		return 1<<64 - 1
	}
	return due
}

// markDue files a delivered token for settlement. Tokens that moved no energy and no
// money (cancelled, retired) are never filed.
func (k Keeper) markDue(ctx context.Context, t types.Token) error {
	if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
		return nil
	}
	return k.SettlementDue.Set(ctx, collections.Join(DuePeriod(t), t.Id))
}

// DueStep visits, in id order, up to limit tokens due in period or before, removing each
// from the due set as it is visited; done says none is left. Settlement is the only
// caller, inside its own paged stage.
func (k Keeper) DueStep(ctx context.Context, period uint64, limit int, visit func(types.Token) error) (used int, done bool, err error) {
	if limit <= 0 {
		return 0, false, nil
	}
	rng := new(collections.Range[collections.Pair[uint64, uint64]]).EndInclusive(collections.Join(period, uint64(1<<64-1)))
	keys, err := collectKeys(ctx, k.SettlementDue, rng, limit+1)
	if err != nil {
		return 0, false, err
	}
	done = len(keys) <= limit
	if !done {
		keys = keys[:limit]
	}
	for _, key := range keys {
		if err := k.SettlementDue.Remove(ctx, key); err != nil {
			return used, false, err
		}
		used++
		t, err := k.Tokens.Get(ctx, key.K2())
		if err != nil {
			return used, false, err
		}
		if err := visit(t); err != nil {
			return used, false, err
		}
	}
	return used, done, nil
}

// HasDue says whether any token is due in period or before.
func (k Keeper) HasDue(ctx context.Context, period uint64) (bool, error) {
	rng := new(collections.Range[collections.Pair[uint64, uint64]]).EndInclusive(collections.Join(period, uint64(1<<64-1)))
	keys, err := collectKeys(ctx, k.SettlementDue, rng, 1)
	return len(keys) > 0, err
}
