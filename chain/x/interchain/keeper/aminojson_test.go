package keeper_test

import (
	"testing"

	"cosmossdk.io/x/tx/signing/aminojson"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// TestAminoJSON pins the amino JSON gridd signs for x/interchain's messages (x/tx's encoder
// over the app's registry, as LEGACY_AMINO_JSON does); ts-client's
// modules/interchain/aminojson.golden.spec.ts holds the same strings.
func TestAminoJSON(t *testing.T) {
	op, staker := apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, op, staker, op)
	enc := aminojson.NewEncoder(aminojson.EncoderOptions{FileResolver: c.App.InterfaceRegistry()})
	const hub = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"
	for _, tc := range []struct {
		url  string
		msg  gogoproto.Message
		want string
	}{
		{"/gridledger.interchain.v1.MsgLink", &types.MsgLink{Operator: hub, Neighbour: types.Neighbour_NEIGHBOUR_CHILD, EnergyChannelId: "channel-1", TransferChannelId: "channel-0"},
			`{"type":"gridledger/interchain/MsgLink","value":{"energy_channel_id":"channel-1","neighbour":2,"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","transfer_channel_id":"channel-0"}}`},
		{"/gridledger.interchain.v1.MsgLink", &types.MsgLink{Operator: hub, Neighbour: types.Neighbour_NEIGHBOUR_PARENT, EnergyChannelId: "channel-1", TransferChannelId: "channel-0",
			DenomMap: []types.DenomPair{{Local: "ueur.leman", Remote: "uchf.alpine"}}},
			`{"type":"gridledger/interchain/MsgLink","value":{"denom_map":[{"local":"ueur.leman","remote":"uchf.alpine"}],"energy_channel_id":"channel-1","neighbour":1,"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","transfer_channel_id":"channel-0"}}`},
		{"/gridledger.interchain.v1.MsgSendHello", &types.MsgSendHello{Operator: hub, ChannelId: "channel-3", TimeoutSeconds: 600},
			`{"type":"gridledger/interchain/MsgSendHello","value":{"channel_id":"channel-3","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","timeout_seconds":"600"}}`},
		{"/gridledger.interchain.v1.MsgSendHello", &types.MsgSendHello{Operator: hub, ChannelId: "channel-3"},
			`{"type":"gridledger/interchain/MsgSendHello","value":{"channel_id":"channel-3","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`},
		{"/gridledger.interchain.v1.MsgSetBridgeCapacity", &types.MsgSetBridgeCapacity{Operator: hub, ChannelId: "channel-1", Direction: types.BridgeDirection_BRIDGE_DIRECTION_UP, WhPerPeriod: 50_000_000},
			`{"type":"gridledger/MsgSetBridgeCapacity","value":{"channel_id":"channel-1","direction":1,"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","wh_per_period":"50000000"}}`},
	} {
		bz, err := gogoproto.Marshal(tc.msg)
		require.NoError(t, err)
		out, err := enc.Marshal(&anypb.Any{TypeUrl: tc.url, Value: bz})
		require.NoError(t, err)
		require.Equal(t, tc.want, string(out))
	}
}
