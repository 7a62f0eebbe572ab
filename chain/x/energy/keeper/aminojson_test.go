package keeper_test

import (
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cosmossdk.io/math"
	"cosmossdk.io/x/tx/signing/aminojson"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// tsGoldenSpec holds the TypeScript converters' golden cases. Every string pinned below must
// appear in it verbatim, so the client cannot keep checking itself against stale output.
const tsGoldenSpec = "../../../../ts-client/src/modules/energy/aminojson.golden.spec.ts"

// aminoCase is a message and the amino JSON gridd signs for it.
type aminoCase struct {
	name string
	msg  sdk.Msg
	want string
}

// requireAminoJSON encodes each message as gridd's LEGACY_AMINO_JSON sign mode does (x/tx's
// aminojson encoder over the app's registry, from the protobuf bytes a transaction carries)
// and compares it with the golden string, which ts-client's aminojson.golden.spec.ts holds too.
func requireAminoJSON(t *testing.T, cases []aminoCase) {
	t.Helper()
	requireAminoJSONIn(t, tsGoldenSpec, cases)
}

// requireAminoJSONIn is requireAminoJSON against the golden spec at path.
func requireAminoJSONIn(t *testing.T, tsGoldenSpec string, cases []aminoCase) {
	t.Helper()
	op, staker := apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, op, staker, op)
	enc := aminojson.NewEncoder(aminojson.EncoderOptions{FileResolver: c.App.InterfaceRegistry()})
	spec, err := os.ReadFile(filepath.FromSlash(tsGoldenSpec))
	require.NoError(t, err, "ts-client's golden spec is read to check it holds these strings")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, ok := tc.msg.(interface{ Marshal() ([]byte, error) })
			require.True(t, ok)
			bz, err := m.Marshal()
			require.NoError(t, err)
			out, err := enc.Marshal(&anypb.Any{TypeUrl: sdk.MsgTypeURL(tc.msg), Value: bz})
			require.NoError(t, err)
			require.Equal(t, tc.want, string(out))
			require.True(t, strings.Contains(string(spec), tc.want), "%s lacks this string: copy it there", tsGoldenSpec)
		})
	}
}

const (
	bob   = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"
	carol = "grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5"
	max64 = ^uint64(0)
)

func money(amount int64) types.Money { return types.Money{Amount: math.NewInt(amount), Denom: chf} }

// zeroTerms are the terms ts-client's builders send when none are given: every fee "0".
func zeroTerms() types.ContractTerms {
	return types.ContractTerms{CancellationFee: math.ZeroInt(), ProducerDefaultFee: math.ZeroInt(), ConsumerDefaultFee: math.ZeroInt()}
}

// TestSetPriceBandAminoJSON: zero bounds are omitted, int64s are strings.
func TestSetPriceBandAminoJSON(t *testing.T) {
	requireAminoJSON(t, []aminoCase{
		{"both bounds", &types.MsgSetPriceBand{Operator: bob, Denom: chf, MinPerMwh: -500_000_000, MaxPerMwh: 3_000_000_000},
			`{"type":"gridledger/MsgSetPriceBand","value":{"denom":"uchf.alpine","max_per_mwh":"3000000000","min_per_mwh":"-500000000","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`},
		{"zero max omitted", &types.MsgSetPriceBand{Operator: bob, Denom: chf, MinPerMwh: -9223372036854775808},
			`{"type":"gridledger/MsgSetPriceBand","value":{"denom":"uchf.alpine","min_per_mwh":"-9223372036854775808","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`},
	})
}

// TestIssueTokenAminoJSON: the two asks are dont_omitempty and non-nullable, so they are
// always written, `{}` when void; a zero category is omitted, others are enum numbers.
func TestIssueTokenAminoJSON(t *testing.T) {
	amount := func(s string) math.Int {
		v, ok := new(big.Int).SetString(s, 10)
		require.True(t, ok)
		return math.NewIntFromBigInt(v)
	}
	requireAminoJSON(t, []aminoCase{
		{"full terms and capabilities", &types.MsgIssueToken{
			Issuer: bob, FirstPeriod: 2_000_000, LastPeriod: 2_000_095, WhPerPeriod: 250_000,
			ProducerMeterId: "bob-pv-1", ConsumerMeterId: "virtual:" + bob + ":solar", Co2Grams: 1_200_000,
			FaceValuePerMwh: money(80_000_000),
			Terms: types.ContractTerms{
				SettlementDelayPeriods: 96, CancellationFee: math.NewInt(5_000_000),
				ProducerDefaultDelayPeriods: 4, ProducerDefaultFee: math.NewInt(120_000_000),
				ConsumerDefaultDelayPeriods: 8, ConsumerDefaultFee: math.NewInt(90_000_000), LegalFramework: "EFET-2007-CH",
			},
			Capabilities: types.BalancingCapabilities{
				Redispatch: types.Capability{Offered: true, MobilisationSeconds: 900, PricePerMwh: -15_000_000},
				Tertiary:   types.Capability{Offered: true},
			},
		}, `{"type":"gridledger/MsgIssueToken","value":{"capabilities":{"primary":{},"redispatch":{"mobilisation_seconds":"900","offered":true,"price_per_mwh":"-15000000"},"secondary":{},"tertiary":{"offered":true}},"co2_grams":"1200000","consumer_ask":{},"consumer_meter_id":"virtual:grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w:solar","face_value_per_mwh":{"amount":"80000000","denom":"uchf.alpine"},"first_period":"2000000","issuer":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","last_period":"2000095","producer_ask":{},"producer_meter_id":"bob-pv-1","terms":{"cancellation_fee":"5000000","consumer_default_delay_periods":"8","consumer_default_fee":"90000000","legal_framework":"EFET-2007-CH","producer_default_delay_periods":"4","producer_default_fee":"120000000","settlement_delay_periods":"96"},"wh_per_period":"250000"}}`},
		{"defaults", &types.MsgIssueToken{Issuer: bob, FirstPeriod: 1, LastPeriod: 1, WhPerPeriod: 1, ProducerMeterId: "m", FaceValuePerMwh: money(0), Terms: zeroTerms()},
			`{"type":"gridledger/MsgIssueToken","value":{"capabilities":{"primary":{},"redispatch":{},"secondary":{},"tertiary":{}},"consumer_ask":{},"face_value_per_mwh":{"amount":"0","denom":"uchf.alpine"},"first_period":"1","issuer":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","last_period":"1","producer_ask":{},"producer_meter_id":"m","terms":{"cancellation_fee":"0","consumer_default_fee":"0","producer_default_fee":"0"},"wh_per_period":"1"}}`},
		{"nested messages unset", &types.MsgIssueToken{Issuer: bob, FirstPeriod: 7},
			`{"type":"gridledger/MsgIssueToken","value":{"capabilities":{"primary":{},"redispatch":{},"secondary":{},"tertiary":{}},"consumer_ask":{},"face_value_per_mwh":{"amount":"0"},"first_period":"7","issuer":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","producer_ask":{},"terms":{"cancellation_fee":"0","consumer_default_fee":"0","producer_default_fee":"0"}}}`},
		{"max uint64 and amounts above 2^64", &types.MsgIssueToken{
			Issuer: bob, FirstPeriod: max64, LastPeriod: max64, WhPerPeriod: max64, ProducerMeterId: "<m&1>", Co2Grams: max64,
			FaceValuePerMwh: types.Money{Amount: amount("1267650600228229401496703205376"), Denom: chf},
			Terms:           types.ContractTerms{CancellationFee: amount("1180591620717411303424"), ProducerDefaultFee: math.ZeroInt(), ConsumerDefaultFee: math.ZeroInt()},
		}, `{"type":"gridledger/MsgIssueToken","value":{"capabilities":{"primary":{},"redispatch":{},"secondary":{},"tertiary":{}},"co2_grams":"18446744073709551615","consumer_ask":{},"face_value_per_mwh":{"amount":"1267650600228229401496703205376","denom":"uchf.alpine"},"first_period":"18446744073709551615","issuer":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","last_period":"18446744073709551615","producer_ask":{},"producer_meter_id":"\u003cm\u00261\u003e","terms":{"cancellation_fee":"1180591620717411303424","consumer_default_fee":"0","producer_default_fee":"0"},"wh_per_period":"18446744073709551615"}}`},
		{"a consumer's bid: category stated, producer side offered", &types.MsgIssueToken{
			Issuer: carol, FirstPeriod: 2_000_000, LastPeriod: 2_000_003, WhPerPeriod: 40_000,
			ProducerMeterId: "carol-home", ConsumerMeterId: "carol-home", FaceValuePerMwh: money(90_000_000), Terms: zeroTerms(),
			Category:    balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR,
			ProducerAsk: types.Ask{ForSale: true, PricePerMwh: -2_000_000, Denom: chf},
		}, `{"type":"gridledger/MsgIssueToken","value":{"capabilities":{"primary":{},"redispatch":{},"secondary":{},"tertiary":{}},"category":1,"consumer_ask":{},"consumer_meter_id":"carol-home","face_value_per_mwh":{"amount":"90000000","denom":"uchf.alpine"},"first_period":"2000000","issuer":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5","last_period":"2000003","producer_ask":{"denom":"uchf.alpine","for_sale":true,"price_per_mwh":"-2000000"},"producer_meter_id":"carol-home","terms":{"cancellation_fee":"0","consumer_default_fee":"0","producer_default_fee":"0"},"wh_per_period":"40000"}}`},
		{"both sides offered at issue, one at a zero price", &types.MsgIssueToken{
			Issuer: bob, FirstPeriod: 5, LastPeriod: 6, WhPerPeriod: 10, FaceValuePerMwh: money(1), Terms: zeroTerms(),
			Category:    balancingtypes.EnergyCategory_ENERGY_CATEGORY_OTHER,
			ProducerAsk: types.Ask{ForSale: true, Denom: chf},
			ConsumerAsk: types.Ask{ForSale: true, PricePerMwh: 85_000_000, Denom: chf},
		}, `{"type":"gridledger/MsgIssueToken","value":{"capabilities":{"primary":{},"redispatch":{},"secondary":{},"tertiary":{}},"category":8,"consumer_ask":{"denom":"uchf.alpine","for_sale":true,"price_per_mwh":"85000000"},"face_value_per_mwh":{"amount":"1","denom":"uchf.alpine"},"first_period":"5","issuer":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","last_period":"6","producer_ask":{"denom":"uchf.alpine","for_sale":true},"terms":{"cancellation_fee":"0","consumer_default_fee":"0","producer_default_fee":"0"},"wh_per_period":"10"}}`},
	})
}

// TestAggregationAminoJSON: repeated uint64s are lists of strings, omitted when empty; the
// face value and terms are always written.
func TestAggregationAminoJSON(t *testing.T) {
	requireAminoJSON(t, []aminoCase{
		{"aggregate consumer sides", &types.MsgAggregateSides{
			Owner: bob, Side: types.Side_SIDE_CONSUMER, SourceTokenIds: []uint64{3, 5, max64},
			ProducerMeterId: "virtual:" + bob + ":solar", FaceValuePerMwh: money(95_000_000),
			Terms: types.ContractTerms{CancellationFee: math.NewInt(1_000_000), ProducerDefaultFee: math.ZeroInt(), ConsumerDefaultFee: math.ZeroInt(), SettlementDelayPeriods: 96},
		}, `{"type":"gridledger/MsgAggregateSides","value":{"face_value_per_mwh":{"amount":"95000000","denom":"uchf.alpine"},"owner":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","producer_meter_id":"virtual:grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w:solar","side":2,"source_token_ids":["3","5","18446744073709551615"],"terms":{"cancellation_fee":"1000000","consumer_default_fee":"0","producer_default_fee":"0","settlement_delay_periods":"96"}}}`},
		{"aggregate, nested messages unset", &types.MsgAggregateSides{Owner: bob},
			`{"type":"gridledger/MsgAggregateSides","value":{"face_value_per_mwh":{"amount":"0"},"owner":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","terms":{"cancellation_fee":"0","consumer_default_fee":"0","producer_default_fee":"0"}}}`},
		{"disaggregate by volume", &types.MsgDisaggregateSide{
			Owner: bob, Side: types.Side_SIDE_PRODUCER, SourceTokenId: 9, WhParts: []uint64{100_000, 150_000},
			ProducerMeterId: "bob-pv-1", ConsumerMeterId: "bob-home", FaceValuePerMwh: money(-1), Terms: zeroTerms(),
		}, `{"type":"gridledger/MsgDisaggregateSide","value":{"consumer_meter_id":"bob-home","face_value_per_mwh":{"amount":"-1","denom":"uchf.alpine"},"owner":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","producer_meter_id":"bob-pv-1","side":1,"source_token_id":"9","terms":{"cancellation_fee":"0","consumer_default_fee":"0","producer_default_fee":"0"},"wh_parts":["100000","150000"]}}`},
		{"disaggregate at a period", &types.MsgDisaggregateSide{
			Owner: bob, Side: types.Side_SIDE_CONSUMER, SourceTokenId: max64, SplitAfterPeriod: 2_000_047, FaceValuePerMwh: money(0), Terms: zeroTerms(),
		}, `{"type":"gridledger/MsgDisaggregateSide","value":{"face_value_per_mwh":{"amount":"0","denom":"uchf.alpine"},"owner":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","side":2,"source_token_id":"18446744073709551615","split_after_period":"2000047","terms":{"cancellation_fee":"0","consumer_default_fee":"0","producer_default_fee":"0"}}}`},
	})
}

// TestOperatorAminoJSON: the balancing authority's acts; kind and side are enum numbers,
// omitted when unspecified like every zero value.
func TestOperatorAminoJSON(t *testing.T) {
	requireAminoJSON(t, []aminoCase{
		{"procure primary reserve at a named meter", &types.MsgProcure{
			Operator: bob, TokenId: 7, Side: types.Side_SIDE_CONSUMER, Kind: types.TradeKind_TRADE_KIND_RESERVE_PRIMARY,
			MaxPricePerMwh: 90_000_000, Denom: chf, MeterId: "op-grid-1",
		}, `{"type":"gridledger/MsgProcure","value":{"denom":"uchf.alpine","kind":1,"max_price_per_mwh":"90000000","meter_id":"op-grid-1","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","side":2,"token_id":"7"}}`},
		{"procure grid losses at a negative price, virtual meter omitted", &types.MsgProcure{
			Operator: bob, TokenId: max64, Side: types.Side_SIDE_CONSUMER, Kind: types.TradeKind_TRADE_KIND_GRID_LOSSES,
			MaxPricePerMwh: -9223372036854775808, Denom: chf,
		}, `{"type":"gridledger/MsgProcure","value":{"denom":"uchf.alpine","kind":4,"max_price_per_mwh":"-9223372036854775808","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","side":2,"token_id":"18446744073709551615"}}`},
		{"procure, zero max price and unspecified kind omitted", &types.MsgProcure{Operator: bob, TokenId: 1, Side: types.Side_SIDE_PRODUCER, Denom: chf},
			`{"type":"gridledger/MsgProcure","value":{"denom":"uchf.alpine","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","side":1,"token_id":"1"}}`},
		{"redispatch to a named meter", &types.MsgRedispatch{Operator: bob, TokenId: 3, Side: types.Side_SIDE_PRODUCER, To: carol, MeterId: "carol-pv-1"},
			`{"type":"gridledger/MsgRedispatch","value":{"meter_id":"carol-pv-1","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","side":1,"to":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5","token_id":"3"}}`},
		{"redispatch, virtual meter omitted", &types.MsgRedispatch{Operator: bob, TokenId: max64, Side: types.Side_SIDE_CONSUMER, To: carol},
			`{"type":"gridledger/MsgRedispatch","value":{"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","side":2,"to":"grid10gemlrjxcmyqwwxu00qjq7jz8ad9lnw7zvrkm5","token_id":"18446744073709551615"}}`},
	})
}
