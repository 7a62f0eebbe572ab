package upgrades

import storetypes "cosmossdk.io/store/types"

// V0_2_0 upgrades a chain running v0.1.0. It adds and deletes no store; x/energy goes from
// consensus version 1 to 2, deleting the entries under its retired store prefixes
// (x/energy/keeper.Migrator.Migrate1to2), and x/interchain from 1 to 2, filing the purchases
// it originated in the buyer index (x/interchain/keeper.Migrator.Migrate1to2).
var V0_2_0 = Upgrade{
	Name:          "v0.2.0",
	StoreUpgrades: storetypes.StoreUpgrades{},
	CreateHandler: RunModuleMigrations,
}
