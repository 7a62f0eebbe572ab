package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestCo2AminoJSON pins the amino JSON gridd signs for the CO2 messages (the x/balancing
// appointment included, which travels in a proposal); ts-client's
// co2aminojson.golden.spec.ts holds the same strings.
func TestCo2AminoJSON(t *testing.T) {
	requireAminoJSONIn(t, "../../../../ts-client/src/modules/energy/co2aminojson.golden.spec.ts", []aminoCase{
		{"MsgPublishCo2Intensity", &types.MsgPublishCo2Intensity{Authority: bob, Category: balancingtypes.EnergyCategory_ENERGY_CATEGORY_COAL, FromPeriod: 2_000_000, GramsPerMwh: 820_000},
			`{"type":"gridledger/MsgPublishCo2Intensity","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","category":5,"from_period":"2000000","grams_per_mwh":"820000"}}`},
		{"MsgPublishCo2Intensity, zero intensity", &types.MsgPublishCo2Intensity{Authority: bob, Category: balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR, FromPeriod: 7},
			`{"type":"gridledger/MsgPublishCo2Intensity","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","category":1,"from_period":"7"}}`},
		{"MsgSetCo2Rate", &types.MsgSetCo2Rate{Authority: bob, Denom: "uchf.alpine", RatePerGram: math.NewInt(100)},
			`{"type":"gridledger/MsgSetCo2Rate","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","denom":"uchf.alpine","rate_per_gram":"100"}}`},
		{"MsgSetCo2Rate, zero", &types.MsgSetCo2Rate{Authority: bob, Denom: "uchf.alpine", RatePerGram: math.ZeroInt()},
			`{"type":"gridledger/MsgSetCo2Rate","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","denom":"uchf.alpine","rate_per_gram":"0"}}`},
		{"MsgSplitCo2", &types.MsgSplitCo2{Owner: carol, TokenId: 42, Grams: max64},
			`{"type":"gridledger/MsgSplitCo2","value":{"grams":"18446744073709551615","owner":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5","token_id":"42"}}`},
		{"MsgMergeCo2", &types.MsgMergeCo2{Owner: carol, TokenId: 42, Co2TokenIds: []uint64{1, 9}},
			`{"type":"gridledger/MsgMergeCo2","value":{"co2_token_ids":["1","9"],"owner":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5","token_id":"42"}}`},
		{"MsgSetCo2Ask, negative price", &types.MsgSetCo2Ask{Owner: carol, Co2TokenId: 3, Ask: types.Co2Ask{ForSale: true, PricePerTonne: -80_000_000, Denom: "uchf.alpine"}},
			`{"type":"gridledger/MsgSetCo2Ask","value":{"ask":{"denom":"uchf.alpine","for_sale":true,"price_per_tonne":"-80000000"},"co2_token_id":"3","owner":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5"}}`},
		{"MsgSetCo2Ask, void", &types.MsgSetCo2Ask{Owner: carol, Co2TokenId: 3},
			`{"type":"gridledger/MsgSetCo2Ask","value":{"ask":{},"co2_token_id":"3","owner":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5"}}`},
		{"MsgBuyCo2Token", &types.MsgBuyCo2Token{Buyer: bob, Co2TokenId: 3, MaxPricePerTonne: -1, Denom: "uchf.alpine"},
			`{"type":"gridledger/MsgBuyCo2Token","value":{"buyer":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","co2_token_id":"3","denom":"uchf.alpine","max_price_per_tonne":"-1"}}`},
		{"MsgDivideCo2Token", &types.MsgDivideCo2Token{Owner: carol, Co2TokenId: 3, GramsParts: []uint64{200, 300}},
			`{"type":"gridledger/MsgDivideCo2Token","value":{"co2_token_id":"3","grams_parts":["200","300"],"owner":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5"}}`},
		{"MsgAppointCo2Authority", &balancingtypes.MsgAppointCo2Authority{Authority: bob, Co2Authority: carol},
			`{"type":"gridledger/MsgAppointCo2Authority","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","co2_authority":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5"}}`},
	})
}
