package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	keepertest "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// TestCo2AuthorityGenesis: the appointment survives an export and import (with the role it
// gave), and a genesis naming a CO2 authority that is no participant is refused.
func TestCo2AuthorityGenesis(t *testing.T) {
	f := populatedFixture(t)
	p1 := testutil.Addr("p1")
	_, err := f.Msgs.AppointCo2Authority(f.Ctx, &types.MsgAppointCo2Authority{Authority: f.Authority, Co2Authority: p1})
	require.NoError(t, err)
	require.Contains(t, participant(t, f, p1).Roles, types.Role_ROLE_CO2_AUTHORITY)
	f.RequireIndexesConsistent(t)

	exported := f.Export(t)
	require.Equal(t, p1, exported.Co2Authority)
	require.NoError(t, exported.Validate())
	g := keepertest.BalancingWithGenesis(t, *exported)
	res, err := g.Queries.Co2Authority(g.Ctx, &types.QueryCo2AuthorityRequest{})
	require.NoError(t, err)
	require.Equal(t, p1, res.Address)
	require.Equal(t, f.StoreDump(t), g.StoreDump(t))

	bad := *exported
	bad.Co2Authority = testutil.Addr("nobody")
	require.ErrorIs(t, bad.Validate(), types.ErrInvalidGenesis)
}
