package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Migrator holds the module's store migrations, one per consensus version.
type Migrator struct{ keeper Keeper }

// NewMigrator returns the migrator of k's store.
func NewMigrator(k Keeper) Migrator { return Migrator{keeper: k} }

// Migrate1to2 fills the buyer index (PurchasesByBuyer) from the purchase records this chain
// originated before it existed. Retention bounds the records, so one pass is short.
func (m Migrator) Migrate1to2(ctx sdk.Context) error {
	n, err := m.keeper.IndexBuyers(ctx)
	if err != nil {
		return err
	}
	ctx.Logger().Info("interchain store migrated to version 2", "purchases_indexed_by_buyer", n)
	return nil
}
