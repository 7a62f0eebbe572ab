package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// A participant's delivery per period is two records reconciliation writes as it settles
// the participant's meters: its Consumption (what its meters measured, per kind of meter)
// and its imbalance entries (the Statements prefix (owner, period)). x/settlement's
// combined statement reads both through the two methods below, one seek per period and one
// prefix walk per range, so neither module walks the other's tables.

// ConsumptionOf is what owner's meters measured in period; a zero record when reconciliation
// recorded nothing for it (no reading, or only virtual meters).
func (k Keeper) ConsumptionOf(ctx context.Context, period uint64, owner sdk.AccAddress) (types.Consumption, error) {
	c, err := k.Consumptions.Get(ctx, collections.Join(period, owner))
	if errors.Is(err, collections.ErrNotFound) {
		return types.Consumption{Owner: owner.String(), Period: period}, nil
	}
	return c, err
}

// ImbalanceEntries visits owner's imbalance entries of the periods from to to (inclusive),
// in (period, token) order: the lines of its reconciliation statement (query Statement).
// The caller bounds the range.
func (k Keeper) ImbalanceEntries(ctx context.Context, owner sdk.AccAddress, from, to uint64, visit func(types.ImbalanceEntry) error) error {
	if to < from {
		return nil
	}
	rng := new(collections.Range[collections.Triple[sdk.AccAddress, uint64, uint64]]).
		StartInclusive(collections.Join3(owner, from, uint64(0))).
		EndInclusive(collections.Join3(owner, to, uint64(1<<64-1)))
	return k.Statements.Walk(ctx, rng, func(_ collections.Triple[sdk.AccAddress, uint64, uint64], e types.ImbalanceEntry) (bool, error) {
		return false, visit(e)
	})
}
