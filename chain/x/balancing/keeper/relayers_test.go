package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	keepertest "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

func TestRelayerRegistry(t *testing.T) {
	f := keepertest.Balancing(t)
	op, hermes, stranger := testutil.Addr("operator"), testutil.Addr("hermes"), testutil.Addr("stranger")
	register := func(signer, addr string) error {
		_, err := f.Msgs.RegisterRelayer(f.Ctx, &types.MsgRegisterRelayer{Operator: signer, Address: addr})
		return err
	}
	remove := func(signer, addr string) error {
		_, err := f.Msgs.RemoveRelayer(f.Ctx, &types.MsgRemoveRelayer{Operator: signer, Address: addr})
		return err
	}
	admission := func(addr string) *types.QueryAdmissionResponse {
		res, err := f.Queries.Admission(f.Ctx, &types.QueryAdmissionRequest{Address: addr})
		require.NoError(t, err)
		return res
	}

	requireRejected(t, f, types.ErrUnauthorized, func() error { return register(stranger, hermes) })
	requireRejected(t, f, types.ErrInvalidAddress, func() error { return register(op, "cosmos1notours") })
	require.False(t, admission(hermes).Relayer)

	require.NoError(t, register(op, hermes))
	require.True(t, admission(hermes).Relayer)
	require.Nil(t, admission(hermes).Participant, "a relayer is not a participant")
	require.True(t, admission(op).GridOperator)
	requireRejected(t, f, types.ErrRelayerExists, func() error { return register(op, hermes) })

	page, err := f.Queries.Relayers(f.Ctx, &types.QueryRelayersRequest{})
	require.NoError(t, err)
	require.Equal(t, []string{hermes}, page.Relayers)
	exported := f.Export(t)
	require.Equal(t, []string{hermes}, exported.Relayers)
	require.NoError(t, exported.Validate())
	reimported := keepertest.BalancingWithGenesis(t, *exported)
	require.Equal(t, exported, reimported.Export(t), "import then export is identical")

	requireRejected(t, f, types.ErrUnauthorized, func() error { return remove(stranger, hermes) })
	require.NoError(t, remove(op, hermes))
	require.False(t, admission(hermes).Relayer)
	requireRejected(t, f, types.ErrRelayerUnknown, func() error { return remove(op, hermes) })
}

func TestGenesisRefusesBadRelayers(t *testing.T) {
	gs := types.DefaultGenesis()
	gs.Relayers = []string{testutil.Addr("hermes"), testutil.Addr("hermes")}
	require.ErrorIs(t, gs.Validate(), types.ErrInvalidGenesis)
	gs.Relayers = []string{"not-an-address"}
	require.Error(t, gs.Validate())
}
