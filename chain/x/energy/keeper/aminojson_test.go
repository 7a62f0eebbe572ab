package keeper_test

import (
	"testing"

	"cosmossdk.io/x/tx/signing/aminojson"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestSetPriceBandAminoJSON pins the amino JSON gridd signs for MsgSetPriceBand (x/tx's
// aminojson encoder over the app's registry, as its LEGACY_AMINO_JSON sign mode does);
// ts-client's aminojson.golden.spec.ts holds the same strings, so a Ledger signature made
// by @gridledger/client verifies. Zero bounds are omitted, int64s are strings.
func TestSetPriceBandAminoJSON(t *testing.T) {
	op, staker := apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, op, staker, op)
	enc := aminojson.NewEncoder(aminojson.EncoderOptions{FileResolver: c.App.InterfaceRegistry()})
	const bob = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"
	for _, tc := range []struct {
		msg  types.MsgSetPriceBand
		want string
	}{
		{types.MsgSetPriceBand{Operator: bob, Denom: "uchf.alpine", MinPerMwh: -500_000_000, MaxPerMwh: 3_000_000_000},
			`{"type":"gridledger/MsgSetPriceBand","value":{"denom":"uchf.alpine","max_per_mwh":"3000000000","min_per_mwh":"-500000000","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`},
		{types.MsgSetPriceBand{Operator: bob, Denom: "uchf.alpine", MinPerMwh: -9223372036854775808},
			`{"type":"gridledger/MsgSetPriceBand","value":{"denom":"uchf.alpine","min_per_mwh":"-9223372036854775808","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`},
	} {
		bz, err := tc.msg.Marshal()
		require.NoError(t, err)
		out, err := enc.Marshal(&anypb.Any{TypeUrl: "/gridledger.energy.v1.MsgSetPriceBand", Value: bz})
		require.NoError(t, err)
		require.Equal(t, tc.want, string(out))
	}
}
