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
				{RpcMethod: "Params", Use: "params", Short: "Show the reading window, the batch limit, the signature gas and the reconciliation parameters"},
				{RpcMethod: "Reading", Use: "reading [meter-id] [period]", Short: "Show a meter's reading for a period", PositionalArgs: moduleutil.Positional("meter_id", "period")},
				{RpcMethod: "PeriodReadings", Use: "period-readings [period]", Short: "List a period's readings by meter id", PositionalArgs: moduleutil.Positional("period")},
				{RpcMethod: "PeriodTotals", Use: "period-totals [period]", Short: "Show a period's reading count and Wh per meter kind", PositionalArgs: moduleutil.Positional("period")},
				{
					RpcMethod: "Reconciliation", Use: "reconciliation [period]",
					Short:          "Where a period stands in reconciliation (pending, reading-window, due, reconciling, reconciled, before-start), when its reading window closes and, once reconciled, its imbalances per category",
					PositionalArgs: moduleutil.Positional("period"),
				},
				{RpcMethod: "ReconciliationProgress", Use: "reconciliation-progress", Short: "The period being reconciled, its stage and the number of periods due"},
				{
					RpcMethod: "Statement", Use: "statement [owner]",
					Short:          "A participant's imbalance tokens and what it receives or pays for each (--from-period, --to-period inclusive, 0 for no bound; pages by --page-key only)",
					PositionalArgs: moduleutil.Positional("owner"),
				},
				{RpcMethod: "ReferencePrices", Use: "reference-prices", Short: "List the grid operator's reference prices for imbalances, by category then first period (--category to narrow)"},
				{RpcMethod: "Pruning", Use: "pruning", Short: "Show how far readings are pruned (periods before next_period keep only their totals) and the periods due"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.delivery.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "UpdateParams", Use: "update-params --params '<json>'", GovProposal: true,
					Short: "Propose to governance new delivery parameters, all of them (submits a proposal; --deposit, --title, --summary; see the current ones with: gridd query delivery params)",
				},
				{
					RpcMethod: "SubmitReadings", Use: "submit-readings --readings '{\"meter_id\":\"CH-1\",\"period\":\"1999\",\"wh\":\"1200\",\"signature\":\"<base64>\"}' ...",
					Short: "Submit signed meter readings as a data hub or aggregator; each reading is accepted or refused on its own (see the response's outcomes)",
				},
				{
					RpcMethod: "PublishReferencePrice", Use: "publish-reference-price [category] [from-period] [price-per-mwh] [denom]",
					Short:          "Grid operator: publish the price per MWh (base units, any sign) imbalances of a category are priced at from a period on when its market traded too little (category unspecified: every category without its own; flags first, then -- before a negative price: publish-reference-price --from operator -- wind 1966080 -5000000 uchf.alpine)",
					PositionalArgs: moduleutil.Positional("category", "from_period", "price_per_mwh", "denom"),
				},
			},
		},
	}
}
