package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	keepertest "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

func TestRegisterInterfaceAccount(t *testing.T) {
	f := keepertest.Balancing(t)
	iface := testutil.AccAddress("iface")
	require.NoError(t, f.Keeper.RegisterInterfaceAccount(f.Ctx, iface, "IFACE-CHANNEL-1", "Interface to child gridledger-regional-east-1"))

	p, ok, err := f.Keeper.GetParticipant(f.Ctx, iface)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, types.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE, p.Status)
	require.Equal(t, []types.Role{types.Role_ROLE_TRADER}, p.Roles)
	require.Len(t, p.TradedCategories, 8, "a virtual meter in every category, to hold either side of any token")
	require.Zero(t, p.PositionLimitWh)
	for _, c := range p.TradedCategories {
		m, ok, err := f.Keeper.GetMeter(f.Ctx, types.VirtualMeterID(p.Address, c))
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, types.MeterKind_METER_KIND_VIRTUAL, m.Kind)
	}
	require.Contains(t, f.EventTypes(), "gridledger.balancing.v1.EventParticipantAdmitted")

	before := f.StoreDump(t)
	require.ErrorIs(t, f.Keeper.RegisterInterfaceAccount(f.Ctx, iface, "IFACE-CHANNEL-2", "x"), types.ErrParticipantExists)
	require.ErrorIs(t, f.Keeper.RegisterInterfaceAccount(f.Ctx, testutil.AccAddress("other"), "IFACE-CHANNEL-1", "x"), types.ErrLegalIDTaken)
	require.ErrorIs(t, f.Keeper.RegisterInterfaceAccount(f.Ctx, testutil.AccAddress("other"), "iface", "x"), types.ErrInvalidLegalID)
	require.ErrorIs(t, f.Keeper.RegisterInterfaceAccount(f.Ctx, testutil.AccAddress("other"), "IFACE-CHANNEL-3", ""), types.ErrInvalidDisplayName)
	require.Equal(t, before, f.StoreDump(t), "a refused registration changes no state")
}
