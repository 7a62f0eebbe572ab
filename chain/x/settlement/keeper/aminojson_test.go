package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"cosmossdk.io/x/tx/signing/aminojson"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// TestAminoJSON pins the amino JSON gridd signs (x/tx's aminojson encoder over the app's
// registry, as its LEGACY_AMINO_JSON sign mode does) for x/settlement's messages;
// ts-client's modules/settlement/aminojson.golden.spec.ts holds the same strings, so a Ledger
// signature made by @gridledger/client verifies.
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
		{"/gridledger.settlement.v1.MsgDeclareTransmissionCost", &types.MsgDeclareTransmissionCost{Operator: hub, Period: 1966080, Amount: math.NewInt(1230000), Denom: "uchf.alpine", LossesWh: 250, Description: "Joule losses"},
			`{"type":"gridledger/MsgDeclareTransmissionCost","value":{"amount":"1230000","denom":"uchf.alpine","description":"Joule losses","losses_wh":"250","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","period":"1966080"}}`},
		{"/gridledger.settlement.v1.MsgDeclareTransmissionCost", &types.MsgDeclareTransmissionCost{Operator: hub, Period: 7, Amount: math.ZeroInt(), Denom: "uchf"},
			`{"type":"gridledger/MsgDeclareTransmissionCost","value":{"amount":"0","denom":"uchf","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","period":"7"}}`},
		{"/gridledger.settlement.v1.MsgSetSecurityFeeRule", &types.MsgSetSecurityFeeRule{Operator: hub, Rule: types.SecurityFeeRule{Method: types.SecurityFeeMethod_SECURITY_FEE_METHOD_PEAK, IntervalPeriods: 2880, Amount: math.NewInt(1000000), Denom: "uchf.alpine"}},
			`{"type":"gridledger/MsgSetSecurityFeeRule","value":{"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","rule":{"amount":"1000000","denom":"uchf.alpine","interval_periods":"2880","method":3}}}`},
		{"/gridledger.settlement.v1.MsgSetCollateralRequirement", &types.MsgSetCollateralRequirement{Operator: hub, Requirement: types.CollateralRequirement{Owner: hub, Denom: "uchf.alpine", Fixed: math.ZeroInt(), OpenPositionBps: 1000}},
			`{"type":"gridledger/MsgSetCollateralRequirement","value":{"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","requirement":{"denom":"uchf.alpine","fixed":"0","open_position_bps":1000,"owner":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}}`},
		{"/gridledger.settlement.v1.MsgSeizeCollateral", &types.MsgSeizeCollateral{Operator: hub, Owner: hub, Denom: "uchf.alpine"},
			`{"type":"gridledger/MsgSeizeCollateral","value":{"denom":"uchf.alpine","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","owner":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`},
		{"/gridledger.settlement.v1.MsgUpdateParams", &types.MsgUpdateParams{Authority: hub, Params: types.Params{FeeWindowPeriods: 4, MaxSettlePerBlock: 2000, PostponementPeriods: 4, LateFeeBps: 100, MaxPostponements: 3, ExclusionPeriods: 96, KeepPeriods: 3360, MaxPrunePerBlock: 300}},
			`{"type":"gridledger/settlement/MsgUpdateParams","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","params":{"exclusion_periods":"96","fee_window_periods":"4","keep_periods":"3360","late_fee_bps":100,"max_postponements":3,"max_prune_per_block":300,"max_settle_per_block":"2000","postponement_periods":"4"}}}`},
	} {
		bz, err := gogoproto.Marshal(tc.msg)
		require.NoError(t, err)
		out, err := enc.Marshal(&anypb.Any{TypeUrl: tc.url, Value: bz})
		require.NoError(t, err)
		require.Equal(t, tc.want, string(out))
	}
}
