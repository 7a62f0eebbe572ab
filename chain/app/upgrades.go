package app

import (
	"fmt"

	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/gridledger/gridledger/chain/app/upgrades"
)

// setUpgrades registers the handler of every named upgrade (app/upgrades) with the upgrade
// module, and, when this binary starts at the height of an upgrade it handles (the old binary
// halted there and wrote upgrade-info.json), loads the store with that release's store upgrades.
// It runs before the store is loaded.
func (app *App) setUpgrades() {
	for _, u := range upgrades.All {
		app.UpgradeKeeper.SetUpgradeHandler(u.Name, u.CreateHandler(app.ModuleManager, app.configurator))
	}
	info, err := app.UpgradeKeeper.ReadUpgradeInfoFromDisk()
	if err != nil {
		panic(fmt.Errorf("reading upgrade-info.json: %w", err))
	}
	if info.Name == "" || app.UpgradeKeeper.IsSkipHeight(info.Height) {
		return
	}
	for _, u := range upgrades.All {
		if u.Name == info.Name {
			storeUpgrades := u.StoreUpgrades
			app.SetStoreLoader(upgradetypes.UpgradeStoreLoader(info.Height, &storeUpgrades))
			return
		}
	}
}
