package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	tk "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

func TestGovernanceUpdatesTheParams(t *testing.T) {
	f := tk.Interchain(t)
	params := types.Params{PurchaseKeepPeriods: 960, MaxPurchasePrunePerBlock: 20, TrueupDelayPeriods: 96, MaxTrueupsPerBlock: 10}
	_, err := f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: tk.InterchainAuthority, Params: params})
	require.NoError(t, err)
	res, err := f.Queries.Params(f.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, params, res.Params)
	require.Equal(t, tk.InterchainAuthority, f.Keeper.Authority())

	// Back to the defaults: all zero.
	_, err = f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: tk.InterchainAuthority, Params: types.Params{}})
	require.NoError(t, err)
	res, err = f.Queries.Params(f.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.Params{}, res.Params)
	require.Equal(t, types.DefaultPurchaseKeepPeriods, res.Params.KeepPeriods())
}

func TestOnlyGovernanceUpdatesTheParams(t *testing.T) {
	f := tk.Interchain(t)
	before := types.Params{PurchaseKeepPeriods: 500}
	require.NoError(t, f.Keeper.Params.Set(f.Ctx, before))
	for _, signer := range []string{f.Operator, "", "grid1notanaddress"} {
		_, err := f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: signer, Params: types.Params{PurchaseKeepPeriods: 400}})
		require.ErrorIs(t, err, types.ErrInvalidAuthority, "signer %q", signer)
		require.Contains(t, err.Error(), "only governance")
	}
	got, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, before, got, "a refused update changes nothing")
}

func TestInvalidParamsChangeNothing(t *testing.T) {
	f := tk.Interchain(t)
	before := types.Params{PurchaseKeepPeriods: 500, TrueupDelayPeriods: 100}
	require.NoError(t, f.Keeper.Params.Set(f.Ctx, before))
	for name, bad := range map[string]struct {
		params types.Params
		says   string
	}{
		"prune budget":          {types.Params{MaxPurchasePrunePerBlock: 10_001}, "max_purchase_prune_per_block 10001 is more than 10000"},
		"true-up budget":        {types.Params{MaxTrueupsPerBlock: 10_001}, "max_trueups_per_block 10001 is more than 10000"},
		"keep periods":          {types.Params{PurchaseKeepPeriods: 1_000_001}, "purchase_keep_periods 1000001 is more than 1000000"},
		"true-up delay":         {types.Params{PurchaseKeepPeriods: 1_000_000, TrueupDelayPeriods: 1_000_001}, "trueup_delay_periods 1000001 is more than 1000000"},
		"kept shorter than due": {types.Params{PurchaseKeepPeriods: 10, TrueupDelayPeriods: 20}, "shorter than trueup_delay_periods 20"},
		"default delay":         {types.Params{PurchaseKeepPeriods: 100}, "trueup_delay_periods 0 (0: 192)"},
	} {
		_, err := f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: tk.InterchainAuthority, Params: bad.params})
		require.ErrorIs(t, err, types.ErrInvalidParams, name)
		require.Contains(t, err.Error(), bad.says, name)
		got, err := f.Keeper.Params.Get(f.Ctx)
		require.NoError(t, err)
		require.Equal(t, before, got, "%s: invalid params change nothing", name)
	}
	// In a genesis file the same parameters are an invalid genesis.
	gs := types.DefaultGenesis()
	gs.Params = types.Params{MaxTrueupsPerBlock: 10_001}
	require.ErrorIs(t, gs.Validate(), types.ErrInvalidGenesis)
}
