package delivery

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// AutoCLIOptions generates `gridd tx delivery ...` and `gridd query delivery ...` from proto.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.delivery.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the reading window, the batch limit and the signature gas"},
				{RpcMethod: "Reading", Use: "reading [meter-id] [period]", Short: "Show a meter's reading for a period", PositionalArgs: moduleutil.Positional("meter_id", "period")},
				{RpcMethod: "PeriodReadings", Use: "period-readings [period]", Short: "List a period's readings by meter id", PositionalArgs: moduleutil.Positional("period")},
				{RpcMethod: "PeriodTotals", Use: "period-totals [period]", Short: "Show a period's reading count and Wh per meter kind", PositionalArgs: moduleutil.Positional("period")},
				{RpcMethod: "Pruning", Use: "pruning", Short: "Show how far readings are pruned (periods before next_period keep only their totals) and the periods due"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.delivery.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "UpdateParams", Skip: true}, // governance only: submit it in a proposal
				{
					RpcMethod: "SubmitReadings", Use: "submit-readings --readings '{\"meter_id\":\"CH-1\",\"period\":\"1999\",\"wh\":\"1200\",\"signature\":\"<base64>\"}' ...",
					Short: "Submit signed meter readings as a data hub or aggregator; each reading is accepted or refused on its own (see the response's outcomes)",
				},
			},
		},
	}
}
