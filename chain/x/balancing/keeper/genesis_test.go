package keeper_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	keepertest "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// populatedFixture is metersFixture plus a suspended trader with two categories, an
// excluded consumer and an updated prosumer: every status, both meter families.
func populatedFixture(t *testing.T) *keepertest.BalancingFixture {
	t.Helper()
	f := metersFixture(t)
	f.Admit(t, admitMsg("t2", "12X-T2-000000001", roles(trader, retailer), wind, hydro))
	f.Suspend(t, testutil.Addr("t2"))
	f.Exclude(t, testutil.Addr("c1"))
	_, err := f.Msgs.UpdateParticipant(f.Ctx, &types.MsgUpdateParticipant{
		Operator: f.Operator, Address: testutil.Addr("p2"), DisplayName: "P2 Solar & Load", Roles: roles(prosumer, producer), PositionLimitWh: 5,
	})
	require.NoError(t, err)
	return f
}

// queryAnswers runs every list and point query worth comparing and returns the answers.
func queryAnswers(t *testing.T, f *keepertest.BalancingFixture) []any {
	t.Helper()
	var out []any
	params, err := f.Queries.Params(f.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	out = append(out, params)
	for r := int32(0); r < int32(len(types.Role_name)); r++ {
		for s := int32(0); s < int32(len(types.ParticipantStatus_name)); s++ {
			res, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{Role: types.Role(r), Status: types.ParticipantStatus(s)})
			require.NoError(t, err)
			out = append(out, r, s, res)
		}
	}
	page, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{Role: trader, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	out = append(out, page)

	meters := []types.QueryMetersRequest{{}, {Area: "CH-ZH"}, {Area: "CH-BE"}, {Area: "CH-ZH", Category: solar}}
	for c := int32(1); c < int32(len(types.EnergyCategory_name)); c++ {
		meters = append(meters, types.QueryMetersRequest{Category: types.EnergyCategory(c)})
	}
	for _, seed := range []string{"t1", "t2", "p1", "p2", "c1"} {
		meters = append(meters, types.QueryMetersRequest{Owner: testutil.Addr(seed)})
		p := participant(t, f, testutil.Addr(seed))
		out = append(out, p)
	}
	for _, req := range meters {
		res, err := f.Queries.Meters(f.Ctx, &req)
		require.NoError(t, err)
		out = append(out, req, res)
		for _, m := range res.Meters {
			one, err := f.Queries.Meter(f.Ctx, &types.QueryMeterRequest{Id: m.Id})
			require.NoError(t, err)
			out = append(out, one)
		}
	}
	return out
}

func TestGenesisRoundTrip(t *testing.T) {
	f := populatedFixture(t)
	exported := f.Export(t)
	require.NoError(t, exported.Validate())
	require.Len(t, exported.Participants, 5)
	require.Len(t, exported.Meters, 9)

	// Through the wire format, as a genesis file would carry it.
	bz, err := exported.Marshal()
	require.NoError(t, err)
	var imported types.GenesisState
	require.NoError(t, imported.Unmarshal(bz))

	g := keepertest.BalancingWithGenesis(t, imported)
	require.Equal(t, exported, g.Export(t), "re-export differs")
	require.Equal(t, f.StoreDump(t), g.StoreDump(t), "rebuilt store (indexes included) differs")
	g.RequireIndexesConsistent(t)
	require.Equal(t, queryAnswers(t, f), queryAnswers(t, g), "queries answer differently after import")

	// The rebuilt indexes are live: uniqueness and transitions work on the new chain.
	t2 := testutil.Addr("t2")
	requireRejected(t, g, types.ErrLegalIDTaken, func() error {
		m := admitMsg("t9", "12X-T2-000000001", roles(trader))
		m.Operator = g.Operator
		_, err := g.Msgs.AdmitParticipant(g.Ctx, &m)
		return err
	})
	requireRejected(t, g, types.ErrMeterExists, func() error {
		_, err := g.Msgs.RegisterMeter(g.Ctx, &types.MsgRegisterMeter{
			PointKind: types.MeteringPointKind_METERING_POINT_KIND_COMPANY,
			Operator:  g.Operator, Id: "M-P1-SOLAR", Owner: testutil.Addr("p1"), Kind: production, Category: solar,
			Location: types.Location{Area: "CH-ZH"}, KeyAlgorithm: algEd25519, PublicKey: edKey("x"),
		})
		return err
	})
	_, err = g.Msgs.ReinstateParticipant(g.Ctx, &types.MsgReinstateParticipant{Operator: g.Operator, Address: t2})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{testutil.Addr("t1"), t2}, participantAddrs(t, g, trader, active))
	require.Empty(t, participantAddrs(t, g, 0, suspended))
	g.RequireIndexesConsistent(t)
}

func TestInitGenesis(t *testing.T) {
	t.Run("default genesis has no operator, so no one can be admitted", func(t *testing.T) {
		f := keepertest.BalancingWithGenesis(t, *types.DefaultGenesis())
		require.Equal(t, types.DefaultGenesis(), f.Export(t))
		for _, signer := range []string{"", f.Authority, testutil.Addr("operator")} {
			requireRejected(t, f, types.ErrUnauthorized, func() error {
				m := admitMsg("alpha", "12X-ALPHA-TRADE-1", roles(trader))
				m.Operator = signer
				_, err := f.Msgs.AdmitParticipant(f.Ctx, &m)
				return err
			})
		}
	})

	t.Run("participant address the codec cannot decode fails", func(t *testing.T) {
		gs := types.DefaultGenesis()
		gs.Participants = []types.Participant{{Address: otherPrefixAddr(t, "x"), LegalId: "ABC", DisplayName: "X", Roles: roles(producer), Status: active}}
		f := keepertest.Balancing(t)
		require.Error(t, f.Keeper.InitGenesis(f.Ctx, *gs))
	})
}
