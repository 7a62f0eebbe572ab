package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"

	"cosmossdk.io/x/tx/signing/aminojson"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/gridledger/gridledger/chain/app/apptest"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
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
		{"/gridledger.interchain.v1.MsgSetLinkFee", &types.MsgSetLinkFee{Operator: hub, ChannelId: "channel-1", BaseDenom: "ueur.leman", FeePerMwh: sdkmath.NewInt(2_000_000)},
			`{"type":"gridledger/interchain/MsgSetLinkFee","value":{"base_denom":"ueur.leman","channel_id":"channel-1","fee_per_mwh":"2000000","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`},
		{"/gridledger.interchain.v1.MsgBuyRemote", &types.MsgBuyRemote{Buyer: hub, Route: []string{"gridledger-regional-east-1", "gridledger-transmission-1"},
			TokenId: 7, Side: energytypes.Side_SIDE_CONSUMER, MeterId: "valley-load-1", AskDenom: "uchf.alpine", PricePerMwh: 80_000_000,
			FaceValuePerMwh: sdkmath.ZeroInt(), FirstPeriod: 100, LastPeriod: 103, WhPerPeriod: 250_000,
			LinkFees: []string{"500000", "0"}, BankFees: sdkmath.NewInt(40_000), PayDenom: "ibc/ABC",
			MaxTotal: sdkmath.NewInt(80_540_000)},
			`{"type":"gridledger/interchain/MsgBuyRemote","value":{"ask_denom":"uchf.alpine","bank_fees":"40000","buyer":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","face_value_per_mwh":"0","first_period":"100","last_period":"103","link_fees":["500000","0"],"max_total":"80540000","meter_id":"valley-load-1","pay_denom":"ibc/ABC","price_per_mwh":"80000000","route":["gridledger-regional-east-1","gridledger-transmission-1"],"side":2,"token_id":"7","wh_per_period":"250000"}}`},
		{"/gridledger.interchain.v1.MsgCancelRemote", &types.MsgCancelRemote{Operator: hub, PurchaseId: "gridledger-local-valley-1/3", Reason: "congestion", TimeoutSeconds: 600},
			`{"type":"gridledger/interchain/MsgCancelRemote","value":{"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","purchase_id":"gridledger-local-valley-1/3","reason":"congestion","timeout_seconds":"600"}}`},
		{"/gridledger.interchain.v1.MsgUpdateParams", &types.MsgUpdateParams{Authority: hub, Params: types.Params{PurchaseKeepPeriods: 960, MaxTrueupsPerBlock: 10}},
			`{"type":"gridledger/interchain/MsgUpdateParams","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","params":{"max_trueups_per_block":10,"purchase_keep_periods":"960"}}}`},
		{"/gridledger.interchain.v1.MsgUpdateParams", &types.MsgUpdateParams{Authority: hub},
			`{"type":"gridledger/interchain/MsgUpdateParams","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","params":{}}}`},
		{"/gridledger.interchain.v1.MsgCancelRemote", &types.MsgCancelRemote{Operator: hub, PurchaseId: "gridledger-local-valley-1/3"},
			`{"type":"gridledger/interchain/MsgCancelRemote","value":{"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","purchase_id":"gridledger-local-valley-1/3"}}`},
	} {
		bz, err := gogoproto.Marshal(tc.msg)
		require.NoError(t, err)
		out, err := enc.Marshal(&anypb.Any{TypeUrl: tc.url, Value: bz})
		require.NoError(t, err)
		require.Equal(t, tc.want, string(out))
	}
}
