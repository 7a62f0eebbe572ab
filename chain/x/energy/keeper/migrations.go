package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/internal/storemigrate"
)

// Migrator holds the module's store migrations, one per consensus version.
type Migrator struct{ keeper Keeper }

// NewMigrator returns the migrator of k's store.
func NewMigrator(k Keeper) Migrator { return Migrator{keeper: k} }

// Migrate1to2 deletes the entries under the retired store prefixes (types.RetiredPrefixes):
// offers by price, trades by global id with their per-token index, and trades by market, which
// a chain that ran those layouts may still hold. Nothing reads them; on a chain that never wrote
// them the migration deletes nothing.
func (m Migrator) Migrate1to2(ctx sdk.Context) error {
	n, err := storemigrate.DeletePrefixes(ctx, m.keeper.storeService, types.RetiredPrefixes...)
	if err != nil {
		return err
	}
	ctx.Logger().Info("energy store migrated to version 2", "retired_entries_deleted", n)
	return nil
}
