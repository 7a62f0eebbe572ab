package app_test

import (
	"testing"
	"time"

	upgradetypes "cosmossdk.io/x/upgrade/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/app/upgrades"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
)

// A chain whose x/energy store is at consensus version 1 and still holds entries under retired
// prefixes passes a software-upgrade proposal naming the current release: at the plan's height
// the upgrade module runs the release's handler, x/energy migrates to version 2, the retired
// entries are gone and every other entry of the store is untouched.
func TestSoftwareUpgradeProposalRunsTheReleaseMigrations(t *testing.T) {
	operator, staker := apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, operator, staker, operator)
	energyKey := c.StoreKey(energytypes.StoreKey)

	// The state a v0.1.0 chain with an older energy layout would have.
	ctx := c.Ctx()
	vm, err := c.App.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(2), vm[energytypes.ModuleName], "genesis records the binary's version")
	vm[energytypes.ModuleName] = 1
	require.NoError(t, c.App.UpgradeKeeper.SetModuleVersionMap(ctx, vm))
	live := apptest.DumpStore(ctx, energyKey)
	require.NotEmpty(t, live, "genesis writes the energy params")
	store := ctx.KVStore(energyKey)
	for _, p := range energytypes.RetiredPrefixes {
		store.Set(append(p.Bytes(), 0, 0, 0, 0, 0, 0, 0, 1), []byte("stale"))
		store.Set(append(p.Bytes(), 0xff), []byte("stale"))
	}
	c.NextBlock(time.Second)
	require.Len(t, apptest.DumpStore(c.Ctx(), energyKey), len(live)+2*len(energytypes.RetiredPrefixes))

	release := upgrades.Latest()
	require.True(t, c.App.UpgradeKeeper.HasHandler(release.Name), "the app registers the %s handler", release.Name)
	// A binary that has the handler refuses to run a block while the plan waits for its height
	// ("BINARY UPDATED BEFORE TRIGGER"): only the old binary runs until then. This one app plays
	// both, so the plan's height is the block right after the one whose tally schedules it
	// (PassProposal: submit, vote and tally take three blocks, and it makes one more).
	planHeight := c.Height + 4
	proposal := c.PassProposal(staker, "Upgrade to "+release.Name, &upgradetypes.MsgSoftwareUpgrade{
		Authority: apptest.GovAuthority(),
		Plan:      upgradetypes.Plan{Name: release.Name, Height: planHeight, Info: "gridd " + release.Name},
	})
	require.Equal(t, govv1.StatusPassed, proposal.Status, "proposal should pass: %s", proposal.FailedReason)
	require.Equal(t, planHeight, c.Height)

	done, err := c.App.UpgradeKeeper.GetDoneHeight(c.Ctx(), release.Name)
	require.NoError(t, err)
	require.Equal(t, planHeight, done)
	_, err = c.App.UpgradeKeeper.GetUpgradePlan(c.Ctx())
	require.ErrorIs(t, err, upgradetypes.ErrNoUpgradePlanFound, "the plan is cleared once applied")
	vm, err = c.App.UpgradeKeeper.GetModuleVersionMap(c.Ctx())
	require.NoError(t, err)
	require.Equal(t, uint64(2), vm[energytypes.ModuleName])
	require.Equal(t, live, apptest.DumpStore(c.Ctx(), energyKey), "only the retired entries were deleted")
}

// Every release's upgrade has a distinct name.
func TestUpgradeNamesAreDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, u := range upgrades.All {
		require.NotEmpty(t, u.Name)
		require.False(t, seen[u.Name], "upgrade %s listed twice", u.Name)
		seen[u.Name] = true
	}
}
