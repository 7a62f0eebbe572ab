package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

func TestUpdateParams(t *testing.T) {
	g := newGrid(t)
	wider := types.DefaultParams()
	wider.ReadingWindowPeriods = 2976
	cases := []struct {
		name      string
		authority string
		params    types.Params
		want      error
	}{
		{"governance widens the window", apptest.GovAuthority(), wider, nil},
		{"the grid operator is not governance", g.operator.String(), wider, types.ErrInvalidAuthority},
		{"a window beyond 93 days", apptest.GovAuthority(), func() types.Params { p := wider; p.ReadingWindowPeriods = types.MaxReadingWindowPeriods + 1; return p }(), types.ErrInvalidParams},
		{"batches beyond the gas-proven limit", apptest.GovAuthority(), func() types.Params { p := wider; p.MaxReadingsPerTx = types.MaxReadingsPerTxLimit + 1; return p }(), types.ErrInvalidParams},
		{"free secp256k1 checks", apptest.GovAuthority(), func() types.Params { p := wider; p.VerifyGasSecp256K1 = 0; return p }(), types.ErrInvalidParams},
		{"governance shortens the dispute window to a day", apptest.GovAuthority(), func() types.Params { p := wider; p.DisputeWindowPeriods = 96; return p }(), nil},
		{"the default dispute window (0)", apptest.GovAuthority(), func() types.Params { p := wider; p.DisputeWindowPeriods = 0; return p }(), nil},
		{"a dispute window beyond a year", apptest.GovAuthority(), func() types.Params { p := wider; p.DisputeWindowPeriods = types.MaxDisputeWindowPeriods + 1; return p }(), types.ErrInvalidParams},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := g.c.Ctx().CacheContext()
			_, err := g.msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: tc.authority, Params: tc.params})
			got, qerr := g.q.Params(ctx, &types.QueryParamsRequest{})
			require.NoError(t, qerr)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				require.Equal(t, types.DefaultParams(), got.Params)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.params, got.Params)
		})
	}
}
