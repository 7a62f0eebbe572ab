// Package upgrades holds gridd's named software upgrades, one per release that changes the
// state machine: the name a governance MsgSoftwareUpgrade plan carries, the stores the release
// adds, renames or deletes, and the handler that runs the modules' store migrations
// (ModuleManager.RunMigrations, from the consensus versions recorded on chain to the ones the
// new binary's modules carry). The app registers every one of them (app.setUpgrades); operators
// stage the new binary for Cosmovisor under upgrades/<Name>/bin (docs/operations/upgrades.md).
//
// Adding a release: copy v0_2_0.go, name it after the release, list its store upgrades and any
// step beyond the module migrations, and append it to All. Never change or remove a release
// that a chain has run: a node syncing from an old height replays its upgrade.
package upgrades

import (
	"context"

	storetypes "cosmossdk.io/store/types"
	upgradetypes "cosmossdk.io/x/upgrade/types"
	"github.com/cosmos/cosmos-sdk/types/module"
)

// Upgrade is one named software upgrade.
type Upgrade struct {
	// Name is the plan's name in the governance proposal, and Cosmovisor's upgrades/<Name> folder.
	Name string
	// StoreUpgrades are the KV stores the release adds, renames or deletes, applied when the new
	// binary loads the store at the upgrade height.
	StoreUpgrades storetypes.StoreUpgrades
	// CreateHandler builds the handler the upgrade module runs at the plan's height.
	CreateHandler func(mm *module.Manager, cfg module.Configurator) upgradetypes.UpgradeHandler
}

// All lists every release's upgrade, oldest first.
var All = []Upgrade{V0_2_0}

// Latest is the upgrade of the current code: what a proposal to run this binary names.
func Latest() Upgrade { return All[len(All)-1] }

// RunModuleMigrations is the handler of a release that needs nothing beyond its modules' store
// migrations: every module whose consensus version grew migrates, one version at a time; a
// module new to the chain runs its InitGenesis with default genesis.
func RunModuleMigrations(mm *module.Manager, cfg module.Configurator) upgradetypes.UpgradeHandler {
	return func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
		return mm.RunMigrations(ctx, cfg, fromVM)
	}
}
