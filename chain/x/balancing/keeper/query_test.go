package keeper_test

import (
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	keepertest "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// participantsFixture admits traders t1 and t2, producer p1 and consumer c1, then
// suspends t2 and excludes c1.
func participantsFixture(t *testing.T) *keepertest.BalancingFixture {
	t.Helper()
	f := keepertest.Balancing(t)
	f.Admit(t, admitMsg("t1", "12X-T1-000000001", roles(trader), solar))
	f.Admit(t, admitMsg("t2", "12X-T2-000000001", roles(trader)))
	f.Admit(t, admitMsg("p1", "12X-P1-000000001", roles(producer)))
	f.Admit(t, admitMsg("c1", "12X-C1-000000001", roles(consumer)))
	f.Suspend(t, testutil.Addr("t2"))
	f.Exclude(t, testutil.Addr("c1"))
	return f
}

// metersFixture registers, besides t1's virtual solar meter:
//
//	p1 (producer): M-P1-SOLAR solar CH-ZH, M-P1-WIND wind CH-BE
//	p2 (prosumer): M-P2-SOLAR solar CH-ZH, M-P2-LOAD consumption CH-ZH, M-P2-ZH2 solar CH-ZH2
//	c1 (consumer): M-C1-LOAD consumption, grid node only
func metersFixture(t *testing.T) *keepertest.BalancingFixture {
	t.Helper()
	f := keepertest.Balancing(t)
	f.Admit(t, admitMsg("t1", "12X-T1-000000001", roles(trader), solar))
	f.Admit(t, admitMsg("p1", "12X-P1-000000001", roles(producer)))
	f.Admit(t, admitMsg("p2", "12X-P2-000000001", roles(prosumer)))
	f.Admit(t, admitMsg("c1", "12X-C1-000000001", roles(consumer)))
	none := types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED
	for _, m := range []struct {
		id, owner string
		kind      types.MeterKind
		cat       types.EnergyCategory
		loc       types.Location
	}{
		{"M-P1-SOLAR", "p1", production, solar, types.Location{Area: "CH-ZH"}},
		{"M-P1-WIND", "p1", production, wind, types.Location{Area: "CH-BE"}},
		{"M-P2-SOLAR", "p2", production, solar, types.Location{Area: "CH-ZH", GridNode: "ZH-SUB-7"}},
		{"M-P2-LOAD", "p2", consumption, none, types.Location{Area: "CH-ZH"}},
		{"M-P2-ZH2", "p2", production, solar, types.Location{Area: "CH-ZH2"}},
		{"M-C1-LOAD", "c1", consumption, none, types.Location{GridNode: "ZH-SUB-9"}},
	} {
		f.RegisterMeter(t, types.MsgRegisterMeter{
			Id: m.id, Owner: testutil.Addr(m.owner), Kind: m.kind, Category: m.cat, Location: m.loc,
			KeyAlgorithm: algEd25519, PublicKey: edKey(m.id),
		})
	}
	return f
}

func TestQueryParams(t *testing.T) {
	f := keepertest.Balancing(t)
	res, err := f.Queries.Params(f.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.Params{GridOperator: testutil.Addr("operator"), TxLimits: types.DefaultTxLimits()}, res.Params)
}

func TestQueryParticipant(t *testing.T) {
	f := participantsFixture(t)
	t1 := testutil.Addr("t1")
	cases := []struct {
		name    string
		req     *types.QueryParticipantRequest
		want    string
		wantErr error
	}{
		{"admitted participant", &types.QueryParticipantRequest{Address: t1}, t1, nil},
		{"upper-case address finds the same participant", &types.QueryParticipantRequest{Address: strings.ToUpper(t1)}, t1, nil},
		{"excluded participant is still readable", &types.QueryParticipantRequest{Address: testutil.Addr("c1")}, testutil.Addr("c1"), nil},
		{"unknown participant", &types.QueryParticipantRequest{Address: testutil.Addr("nobody")}, "", types.ErrParticipantUnknown},
		{"empty address", &types.QueryParticipantRequest{}, "", types.ErrInvalidAddress},
		{"malformed address", &types.QueryParticipantRequest{Address: badChecksumAddr("t1")}, "", types.ErrInvalidAddress},
		{"nil request", nil, "", types.ErrInvalidRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := f.Queries.Participant(f.Ctx, tc.req)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, res.Participant.Address)
		})
	}
}

func TestQueryParticipants(t *testing.T) {
	f := participantsFixture(t)
	t1, t2, p1, c1 := testutil.Addr("t1"), testutil.Addr("t2"), testutil.Addr("p1"), testutil.Addr("c1")
	cases := []struct {
		name   string
		role   types.Role
		status types.ParticipantStatus
		want   []string
	}{
		{"no filter returns everyone", 0, 0, []string{t1, t2, p1, c1}},
		{"role trader", trader, 0, []string{t1, t2}},
		{"role producer", producer, 0, []string{p1}},
		{"role without participants", bank, 0, []string{}},
		{"status active", 0, active, []string{t1, p1}},
		{"status suspended", 0, suspended, []string{t2}},
		{"status excluded", 0, excluded, []string{c1}},
		{"role trader and status active leaves out the suspended trader", trader, active, []string{t1}},
		{"role trader and status suspended", trader, suspended, []string{t2}},
		{"role consumer and status excluded", consumer, excluded, []string{c1}},
		{"role producer and status suspended matches nobody", producer, suspended, []string{}},
		{"role consumer and status active matches nobody", consumer, active, []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{Role: tc.role, Status: tc.status})
			require.NoError(t, err)
			got := []string{}
			for _, p := range res.Participants {
				got = append(got, p.Address)
				if tc.role != 0 {
					require.True(t, types.HasRole(p.Roles, tc.role))
				}
				if tc.status != 0 {
					require.Equal(t, tc.status, p.Status)
				}
			}
			require.ElementsMatch(t, tc.want, got)
			require.Nil(t, res.Pagination.NextKey)
		})
	}

	t.Run("nil request", func(t *testing.T) {
		_, err := f.Queries.Participants(f.Ctx, nil)
		require.ErrorIs(t, err, types.ErrInvalidRequest)
	})
}

func TestQueryParticipantsPagination(t *testing.T) {
	f := participantsFixture(t)

	t.Run("role trader with limit 1 returns next_key and then the second page", func(t *testing.T) {
		page1, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{Role: trader, Pagination: &query.PageRequest{Limit: 1}})
		require.NoError(t, err)
		require.Len(t, page1.Participants, 1)
		require.NotEmpty(t, page1.Pagination.NextKey)

		page2, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{
			Role: trader, Pagination: &query.PageRequest{Limit: 1, Key: page1.Pagination.NextKey},
		})
		require.NoError(t, err)
		require.Len(t, page2.Participants, 1)
		require.Empty(t, page2.Pagination.NextKey)
		require.ElementsMatch(t, []string{testutil.Addr("t1"), testutil.Addr("t2")},
			[]string{page1.Participants[0].Address, page2.Participants[0].Address})
	})

	filters := []struct {
		name   string
		role   types.Role
		status types.ParticipantStatus
		n      int
	}{
		{"no filter", 0, 0, 4},
		{"role", trader, 0, 2},
		{"status", 0, active, 2},
		{"role and status", trader, active, 1},
	}
	for _, fl := range filters {
		t.Run(fl.name+": pages of one add up to the unpaged result", func(t *testing.T) {
			all, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{Role: fl.role, Status: fl.status})
			require.NoError(t, err)
			require.Len(t, all.Participants, fl.n)

			var paged []types.Participant
			var key []byte
			for i := 0; ; i++ {
				require.Less(t, i, fl.n+1, "pagination does not end")
				res, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{
					Role: fl.role, Status: fl.status, Pagination: &query.PageRequest{Limit: 1, Key: key},
				})
				require.NoError(t, err)
				require.Len(t, res.Participants, 1)
				paged = append(paged, res.Participants...)
				if key = res.Pagination.NextKey; key == nil {
					break
				}
			}
			require.Equal(t, all.Participants, paged)
		})
		t.Run(fl.name+": count_total and offset", func(t *testing.T) {
			res, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{
				Role: fl.role, Status: fl.status, Pagination: &query.PageRequest{Limit: 1, CountTotal: true},
			})
			require.NoError(t, err)
			require.Equal(t, uint64(fl.n), res.Pagination.Total)

			all, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{Role: fl.role, Status: fl.status})
			require.NoError(t, err)
			last, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{
				Role: fl.role, Status: fl.status, Pagination: &query.PageRequest{Limit: 1, Offset: uint64(fl.n - 1)},
			})
			require.NoError(t, err)
			require.Equal(t, all.Participants[fl.n-1:], last.Participants)
		})
	}
}

func TestQueryMeter(t *testing.T) {
	f := metersFixture(t)
	cases := []struct {
		name    string
		req     *types.QueryMeterRequest
		wantErr error
	}{
		{"physical meter", &types.QueryMeterRequest{Id: "M-P1-SOLAR"}, nil},
		{"virtual meter", &types.QueryMeterRequest{Id: types.VirtualMeterID(testutil.Addr("t1"), solar)}, nil},
		{"unknown meter", &types.QueryMeterRequest{Id: "M-NONE"}, types.ErrMeterUnknown},
		{"ids are case-sensitive", &types.QueryMeterRequest{Id: "m-p1-solar"}, types.ErrMeterUnknown},
		{"virtual meter of a category not traded", &types.QueryMeterRequest{Id: types.VirtualMeterID(testutil.Addr("t1"), wind)}, types.ErrMeterUnknown},
		{"empty id", &types.QueryMeterRequest{}, types.ErrInvalidMeterID},
		{"nil request", nil, types.ErrInvalidMeterID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := f.Queries.Meter(f.Ctx, tc.req)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.req.Id, res.Meter.Id)
		})
	}
}

func TestQueryMeters(t *testing.T) {
	f := metersFixture(t)
	p1, p2, c1 := testutil.Addr("p1"), testutil.Addr("p2"), testutil.Addr("c1")
	vSolar := types.VirtualMeterID(testutil.Addr("t1"), solar)
	cases := []struct {
		name string
		req  types.QueryMetersRequest
		want []string
	}{
		{"no filter returns every meter", types.QueryMetersRequest{}, []string{"M-P1-SOLAR", "M-P1-WIND", "M-P2-SOLAR", "M-P2-LOAD", "M-P2-ZH2", "M-C1-LOAD", vSolar}},
		{"owner", types.QueryMetersRequest{Owner: p1}, []string{"M-P1-SOLAR", "M-P1-WIND"}},
		{"owner of a consumption meter only", types.QueryMetersRequest{Owner: c1}, []string{"M-C1-LOAD"}},
		{"owner of a virtual meter", types.QueryMetersRequest{Owner: testutil.Addr("t1")}, []string{vSolar}},
		{"owner given in upper-case bech32", types.QueryMetersRequest{Owner: strings.ToUpper(p1)}, []string{"M-P1-SOLAR", "M-P1-WIND"}},
		{"owner not admitted", types.QueryMetersRequest{Owner: testutil.Addr("nobody")}, []string{}},
		{"category includes virtual meters", types.QueryMetersRequest{Category: solar}, []string{"M-P1-SOLAR", "M-P2-SOLAR", "M-P2-ZH2", vSolar}},
		{"category wind", types.QueryMetersRequest{Category: wind}, []string{"M-P1-WIND"}},
		{"category without meters", types.QueryMetersRequest{Category: hydro}, []string{}},
		{"area", types.QueryMetersRequest{Area: "CH-ZH"}, []string{"M-P1-SOLAR", "M-P2-SOLAR", "M-P2-LOAD"}},
		{"area is matched whole, not as a prefix", types.QueryMetersRequest{Area: "CH-Z"}, []string{}},
		{"area with one meter", types.QueryMetersRequest{Area: "CH-ZH2"}, []string{"M-P2-ZH2"}},
		{"owner and category", types.QueryMetersRequest{Owner: p2, Category: solar}, []string{"M-P2-SOLAR", "M-P2-ZH2"}},
		{"owner and area", types.QueryMetersRequest{Owner: p2, Area: "CH-ZH"}, []string{"M-P2-SOLAR", "M-P2-LOAD"}},
		{"area and category", types.QueryMetersRequest{Area: "CH-ZH", Category: solar}, []string{"M-P1-SOLAR", "M-P2-SOLAR"}},
		{"owner, area and category", types.QueryMetersRequest{Owner: p2, Area: "CH-ZH", Category: solar}, []string{"M-P2-SOLAR"}},
		{"owner, area and category matching nothing", types.QueryMetersRequest{Owner: p1, Area: "CH-ZH", Category: wind}, []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := f.Queries.Meters(f.Ctx, &tc.req)
			require.NoError(t, err)
			got := []string{}
			for _, m := range res.Meters {
				got = append(got, m.Id)
			}
			require.ElementsMatch(t, tc.want, got)
			require.Nil(t, res.Pagination.NextKey)
		})
	}

	rejections := []struct {
		name string
		req  *types.QueryMetersRequest
		want error
	}{
		{"malformed owner", &types.QueryMetersRequest{Owner: badChecksumAddr("p1")}, types.ErrInvalidAddress},
		{"owner with another chain's prefix", &types.QueryMetersRequest{Owner: otherPrefixAddr(t, "p1")}, types.ErrInvalidAddress},
		{"unknown category", &types.QueryMetersRequest{Category: types.EnergyCategory(42)}, types.ErrInvalidCategory},
		{"nil request", nil, types.ErrInvalidRequest},
	}
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Queries.Meters(f.Ctx, tc.req)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func TestQueryMetersPagination(t *testing.T) {
	f := metersFixture(t)
	p2 := testutil.Addr("p2")
	filters := []struct {
		name string
		req  types.QueryMetersRequest
		n    int
	}{
		{"no filter", types.QueryMetersRequest{}, 7},
		{"owner", types.QueryMetersRequest{Owner: p2}, 3},
		{"category", types.QueryMetersRequest{Category: solar}, 4},
		{"area", types.QueryMetersRequest{Area: "CH-ZH"}, 3},
		{"owner and category, filtered on the way", types.QueryMetersRequest{Owner: p2, Category: solar}, 2},
		{"area and category, filtered on the way", types.QueryMetersRequest{Area: "CH-ZH", Category: solar}, 2},
	}
	for _, fl := range filters {
		t.Run(fl.name+": limit 1 returns next_key and the pages add up", func(t *testing.T) {
			all, err := f.Queries.Meters(f.Ctx, &fl.req)
			require.NoError(t, err)
			require.Len(t, all.Meters, fl.n)

			var paged []types.Meter
			var key []byte
			for i := 0; ; i++ {
				require.Less(t, i, fl.n+1, "pagination does not end")
				req := fl.req
				req.Pagination = &query.PageRequest{Limit: 1, Key: key}
				res, err := f.Queries.Meters(f.Ctx, &req)
				require.NoError(t, err)
				require.LessOrEqual(t, len(res.Meters), 1)
				if i == 0 {
					require.NotEmpty(t, res.Pagination.NextKey, "first page of %d results has no next_key", fl.n)
				}
				paged = append(paged, res.Meters...)
				if key = res.Pagination.NextKey; key == nil {
					break
				}
			}
			require.Equal(t, all.Meters, paged)
		})
	}
}
