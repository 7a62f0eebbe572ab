package keeper_test

import (
	"testing"

	"cosmossdk.io/x/tx/signing/aminojson"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/gridledger/gridledger/chain/app/apptest"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// TestAminoJSON pins the amino JSON gridd signs (x/tx's aminojson encoder over the app's
// registry, as its LEGACY_AMINO_JSON sign mode does) for the messages of ADR 010;
// ts-client's modules/delivery/aminojson.golden.spec.ts and modules/balancing's hold the
// same strings, so a Ledger signature made by @gridledger/client verifies.
func TestAminoJSON(t *testing.T) {
	op, staker := apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, op, staker, op)
	enc := aminojson.NewEncoder(aminojson.EncoderOptions{FileResolver: c.App.InterfaceRegistry()})
	const hub = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"
	b32 := func(v byte) []byte {
		out := make([]byte, 32)
		for i := range out {
			out[i] = v
		}
		return out
	}
	for _, tc := range []struct {
		url  string
		msg  gogoproto.Message
		want string
	}{
		{"/gridledger.delivery.v1.MsgSubmitReadings", &types.MsgSubmitReadings{Submitter: hub, Readings: []types.SignedReading{
			{MeterId: "CH-AGG-1", Period: 1966080, Wh: 18446744073709551615, Commitment: b32(1), Signature: append(b32(2), b32(3)...)},
			{MeterId: "CH-1", Period: 0, Wh: 0, Signature: append(b32(4), b32(5)...)},
		}}, `{"type":"gridledger/MsgSubmitReadings","value":{"readings":[{"commitment":"AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=","meter_id":"CH-AGG-1","period":"1966080","signature":"AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw==","wh":"18446744073709551615"},{"meter_id":"CH-1","signature":"BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQ=="}],"submitter":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`},
		{"/gridledger.delivery.v1.MsgSubmitReadings", &types.MsgSubmitReadings{Submitter: hub},
			`{"type":"gridledger/MsgSubmitReadings","value":{"readings":null,"submitter":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`},
		{"/gridledger.delivery.v1.MsgUpdateParams", &types.MsgUpdateParams{Authority: hub, Params: types.DefaultParams()},
			`{"type":"gridledger/delivery/MsgUpdateParams","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","params":{"dispute_window_periods":"2880","imbalance_margin_bps":1000,"imbalance_pricing":1,"max_readings_per_tx":"1000","max_reconcile_per_block":"2000","min_market_wh":"1000000","reading_window_periods":"96","verify_gas_ed25519":"590","verify_gas_secp256k1":"1000"}}}`},
		{"/gridledger.delivery.v1.MsgPublishReferencePrice", &types.MsgPublishReferencePrice{Operator: hub, Category: bt.EnergyCategory_ENERGY_CATEGORY_WIND, FromPeriod: 1966080, PricePerMwh: -5_000_000, Denom: "uchf"},
			`{"type":"gridledger/MsgPublishReferencePrice","value":{"category":2,"denom":"uchf","from_period":"1966080","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","price_per_mwh":"-5000000"}}`},
		{"/gridledger.balancing.v1.MsgRotateMeterKey", &bt.MsgRotateMeterKey{Operator: hub, Id: "CH-1", KeyAlgorithm: bt.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: b32(7)},
			`{"type":"gridledger/MsgRotateMeterKey","value":{"id":"CH-1","key_algorithm":2,"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","public_key":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc="}}`},
		{"/gridledger.balancing.v1.MsgRetireMeter", &bt.MsgRetireMeter{Operator: hub, Id: "CH-1", ReasonCode: "replaced"},
			`{"type":"gridledger/MsgRetireMeter","value":{"id":"CH-1","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","reason_code":"replaced"}}`},
		{"/gridledger.balancing.v1.MsgRegisterMeter", &bt.MsgRegisterMeter{Operator: hub, Id: "CH-HH-1", Owner: hub, Kind: bt.MeterKind_METER_KIND_CONSUMPTION,
			Location: bt.Location{Area: "CH-ZH"}, KeyAlgorithm: bt.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: b32(7),
			PointKind: bt.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN, ConsentHash: b32(9)},
			`{"type":"gridledger/MsgRegisterMeter","value":{"consent_hash":"CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=","id":"CH-HH-1","key_algorithm":2,"kind":2,"location":{"area":"CH-ZH"},"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","owner":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","point_kind":3,"public_key":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc="}}`},
	} {
		bz, err := gogoproto.Marshal(tc.msg)
		require.NoError(t, err)
		out, err := enc.Marshal(&anypb.Any{TypeUrl: tc.url, Value: bz})
		require.NoError(t, err)
		require.Equal(t, tc.want, string(out))
	}
}
