package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// A CO2 token's holder bears its grams (seed §2.4, issue 14): CO2 split off an energy token
// and never merged back must be paid for, or it escapes the fee. Every live CO2 token is
// filed in Co2Due under its due period, the period the token it was split from would have
// been settled in (that token's last period plus its settlement delay, DuePeriod): so the
// CO2 leaving a token is charged in the same settlement run as the CO2 staying in it. The
// entry is written when the split creates the CO2 token and removed when a merge retires it
// (setCo2Token keeps it with the owner index); x/settlement consumes the due CO2 tokens in
// its gather stage with Co2DueStep, one ordered pass, and charges each holder its grams at
// the CO2 authority's rate in the token's denom (the face value denom of the token it was
// split from, recorded at the split). A consumed CO2 token is RETIRED with consumed set: it
// can no longer be merged, offered or bought (ErrCo2TokenConsumed).

// Co2DueStep visits, in (due period, id) order, up to limit CO2 tokens due in period or
// before. Each is consumed before it is visited: removed from the due, owner and offer
// indexes, RETIRED with consumed set and consumed_period period; visit sees it so, with
// the holder that bears its grams. done says none is left. Settlement is the only caller,
// inside its own paged stage.
func (k Keeper) Co2DueStep(ctx context.Context, period uint64, limit int, visit func(types.Co2Token) error) (used int, done bool, err error) {
	return dueStep(limit,
		func() (collections.KeySetIterator[dueKey], error) {
			return k.Co2Due.Iterate(ctx, dueRange(period))
		},
		func(it collections.KeySetIterator[dueKey]) (dueKey, error) {
			return it.Key()
		},
		func(key dueKey) (types.Co2Token, error) {
			c, err := k.Co2Tokens.Get(ctx, key.K2())
			if err != nil {
				return c, err
			}
			old := c
			c.Status, c.Consumed, c.ConsumedPeriod, c.Ask = types.TokenStatus_TOKEN_STATUS_RETIRED, true, period, types.Co2Ask{}
			return c, k.setCo2Token(ctx, &old, c)
		},
		visit)
}

// HasCo2Due says whether any CO2 token is due in period or before.
func (k Keeper) HasCo2Due(ctx context.Context, period uint64) (bool, error) {
	it, err := k.Co2Due.Iterate(ctx, dueRange(period))
	if err != nil {
		return false, err
	}
	defer it.Close()
	return it.Valid(), nil
}

// co2DueKey is a CO2 token's entry in Co2Due.
func co2DueKey(c types.Co2Token) collections.Pair[uint64, uint64] {
	return collections.Join(c.DuePeriod, c.Id)
}
