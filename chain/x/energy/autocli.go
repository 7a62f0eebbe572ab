package energy

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// AutoCLIOptions generates `gridd tx energy ...` and `gridd query energy ...` from proto.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.energy.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the delivery period length"},
				{RpcMethod: "Token", Use: "token [id]", Short: "Show a token", PositionalArgs: moduleutil.Positional("id")},
				{RpcMethod: "TokensByOwner", Use: "tokens-by-owner [owner]", Short: "List tokens of which owner holds a side", PositionalArgs: moduleutil.Positional("owner")},
				{RpcMethod: "Offers", Use: "offers [side] [denom]", Short: "List offered sides, cheapest first (--category, --max-price-per-mwh with --has-max-price, --from-period, --to-period)", PositionalArgs: moduleutil.Positional("side", "denom")},
				{RpcMethod: "Trades", Use: "trades [token-id]", Short: "Show a token's trade history", PositionalArgs: moduleutil.Positional("token_id")},
				{RpcMethod: "PeriodPhase", Use: "period-phase [period]", Short: "Where a delivery period stands: open, frozen at gate closure, in delivery, delivered (0: the current one)", PositionalArgs: moduleutil.Positional("period")},
				{RpcMethod: "OpenPositions", Use: "open-positions [period]", Short: "The participants whose position in a period is not balanced, with the period's phase and time to gate closure (0: the current period)", PositionalArgs: moduleutil.Positional("period")},
				{RpcMethod: "OperatorStatement", Use: "operator-statement", Short: "The balancing authority's procurement totals and its procurements and redispatches, newest first (--kind to filter)"},
				{RpcMethod: "StandardCo2Intensity", Use: "standard-co2-intensity [category] [period]", Short: "The standard CO2 intensity (g/MWh) of a category in a period: the CO2 authority's publication, else the previous period's average", PositionalArgs: moduleutil.Positional("category", "period")},
				{RpcMethod: "Co2Standards", Use: "co2-standards [period]", Short: "The standard CO2 intensity of every category in a period", PositionalArgs: moduleutil.Positional("period")},
				{RpcMethod: "Co2Rate", Use: "co2-rate [denom]", Short: "The payment per gram of consumed CO2 in a denom (zero when unset)", PositionalArgs: moduleutil.Positional("denom")},
				{RpcMethod: "Co2Rates", Use: "co2-rates", Short: "List the CO2 rates the CO2 authority set"},
				{RpcMethod: "Co2Token", Use: "co2-token [id]", Short: "Show a CO2 token", PositionalArgs: moduleutil.Positional("id")},
				{RpcMethod: "Co2TokensByOwner", Use: "co2-tokens-by-owner [owner]", Short: "List the CO2 tokens an account holds", PositionalArgs: moduleutil.Positional("owner")},
				{RpcMethod: "Co2Offers", Use: "co2-offers [denom]", Short: "List offered CO2 tokens in a denom, cheapest per tonne first", PositionalArgs: moduleutil.Positional("denom")},
				{RpcMethod: "Traceability", Use: "traceability [consumer] [from-period] [to-period]", Short: "Where a consumer's energy came from in a period range: Wh and CO2 by category, origin shard and area, and the intermediaries it passed (at most 2976 periods; --start-token-id to continue when more is true)", PositionalArgs: moduleutil.Positional("consumer", "from_period", "to_period")},
				{RpcMethod: "PriceBand", Use: "price-band [denom]", Short: "Show the price band in force for a fiat denom (base units per MWh; is_default when the operator set none)", PositionalArgs: moduleutil.Positional("denom")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.energy.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "PublishCo2Intensity", Use: "publish-co2-intensity [category] [from-period] [grams-per-mwh]",
					Short:          "CO2 authority: publish a category's standard CO2 intensity (g/MWh) from a period on",
					PositionalArgs: moduleutil.Positional("category", "from_period", "grams_per_mwh"),
				},
				{
					RpcMethod: "SetCo2Rate", Use: "set-co2-rate [denom] [rate-per-gram]",
					Short: "CO2 authority: set the payment per gram of consumed CO2 in a denom (base units; zero allowed)", PositionalArgs: moduleutil.Positional("denom", "rate_per_gram"),
				},
				{
					RpcMethod: "SplitCo2", Use: "split-co2 [token-id] [grams]",
					Short: "Move grams of CO2 from a token whose two sides you hold into a new CO2 token", PositionalArgs: moduleutil.Positional("token_id", "grams"),
				},
				{
					RpcMethod: "MergeCo2", Use: "merge-co2 [token-id] [co2-token-id]...",
					Short:          "Add CO2 tokens you hold to a token whose two sides you hold",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "token_id"}, {ProtoField: "co2_token_ids", Varargs: true}},
				},
				{
					RpcMethod: "SetCo2Ask", Use: "set-co2-ask [co2-token-id] --ask '{\"for_sale\":true,\"price_per_tonne\":\"-80000000\",\"denom\":\"uchf.alpine\"}'",
					Short: "Offer a CO2 token you hold at a price per tonne (any sign), or void its price", PositionalArgs: moduleutil.Positional("co2_token_id"),
				},
				{
					RpcMethod: "BuyCo2Token", Use: "buy-co2-token [co2-token-id] [max-price-per-tonne] [denom]",
					Short: "Buy an offered CO2 token (you then bear its CO2)", PositionalArgs: moduleutil.Positional("co2_token_id", "max_price_per_tonne", "denom"),
				},
				{
					RpcMethod: "DivideCo2Token", Use: "divide-co2-token [co2-token-id] [grams]...",
					Short:          "Divide a CO2 token you hold (not offered) into parts of these grams, adding up to its grams (e.g. divide-co2-token 4 200 300)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "co2_token_id"}, {ProtoField: "grams_parts", Varargs: true}},
				},
				{
					RpcMethod: "IssueToken", Use: "issue-token [first-period] [last-period] [wh-per-period] [producer-meter-id] [consumer-meter-id]",
					Short:          "Issue an energy token whose two sides you own (--face-value-per-mwh '{\"amount\":\"80000000\",\"denom\":\"uchf.alpine\"}' --terms ... --co2-grams ...; --category when the producer meter implies none; --producer-ask/--consumer-ask to offer a side at once, a bid being a new token with its producer side offered)",
					PositionalArgs: moduleutil.Positional("first_period", "last_period", "wh_per_period", "producer_meter_id", "consumer_meter_id"),
				},
				{
					RpcMethod: "SetAsk", Use: "set-ask [token-id] [side] --ask '{\"for_sale\":true,\"price_per_mwh\":\"-5000000\",\"denom\":\"uchf.alpine\"}'",
					Short: "Offer a side you own at a price per MWh (any sign), or void its price", PositionalArgs: moduleutil.Positional("token_id", "side"),
				},
				{
					RpcMethod: "BuySide", Use: "buy-side [token-id] [side] [max-price-per-mwh] [denom]",
					Short: "Buy an offered side, paid from your settlement account", PositionalArgs: moduleutil.Positional("token_id", "side", "max_price_per_mwh", "denom"),
				},
				// Two signers (both owners): build with --generate-only, sign by each owner
				// (`gridd tx sign --sign-mode amino-json`, once each) and broadcast; see chain/README.md.
				{
					RpcMethod: "HandOverSide", Use: "hand-over-side [token-id] [side] [to] --from <current owner> --generate-only",
					Short:          "Hand a side over to another participant outside the market; both owners sign (--generate-only, then gridd tx sign by each, then gridd tx broadcast; --meter-id)",
					PositionalArgs: moduleutil.Positional("token_id", "side", "to"),
				},
				{
					RpcMethod: "SplitToken", Use: "split-token [token-id] [consumer-owner] (--wh-parts 300,700 | --split-after-period N) --from <producer owner>",
					Short:          "Split a token by volume or by time; both side owners sign (when they differ: --generate-only, then gridd tx sign by each, then gridd tx broadcast)",
					PositionalArgs: moduleutil.Positional("token_id", "consumer_owner"),
				},
				{
					RpcMethod: "MergeTokens", Use: "merge-tokens [consumer-owner] [token-id]... --from <producer owner>",
					Short:          "Merge tokens of the same owners, meters, terms and identical or adjacent periods; both side owners sign (when they differ: --generate-only, then gridd tx sign by each, then gridd tx broadcast)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "consumer_owner"}, {ProtoField: "token_ids", Varargs: true}},
				},
				{
					RpcMethod: "Procure", Use: "procure [token-id] [side] [kind] [max-price-per-mwh] [denom]",
					Short:          "Grid operator: buy an offered side as balancing authority (kind reserve-primary|reserve-secondary|reserve-tertiary|grid-losses; a reserve also pays the token's availability price)",
					PositionalArgs: moduleutil.Positional("token_id", "side", "kind", "max_price_per_mwh", "denom"),
				},
				{
					RpcMethod: "Redispatch", Use: "redispatch [token-id] [side] [to]",
					Short:          "Grid operator: move a side to another participant's meter before delivery (--meter-id), paying the token's redispatch price to its owner",
					PositionalArgs: moduleutil.Positional("token_id", "side", "to"),
				},
				{
					RpcMethod: "AggregateSides", Use: "aggregate-sides [side] [source-token-id]... --face-value-per-mwh '{\"amount\":\"82000000\",\"denom\":\"uchf.alpine\"}' --terms ...",
					Short:          "Keep one side of several tokens you hold and emit one token with their cumulative energy and CO2 (seed §3.2.2)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "side"}, {ProtoField: "source_token_ids", Varargs: true}},
				},
				{
					RpcMethod: "DisaggregateSide", Use: "disaggregate-side [side] [source-token-id] (--wh-parts 300,700 | --split-after-period N) --face-value-per-mwh ... --terms ...",
					Short:          "Keep one side of a token you hold and emit tokens with its split energy and CO2 (seed §3.2.2)",
					PositionalArgs: moduleutil.Positional("side", "source_token_id"),
				},
				{RpcMethod: "CancelToken", Use: "cancel-token [token-id]", Short: "Cancel a token, paying its cancellation fee to the other side", PositionalArgs: moduleutil.Positional("token_id")},
				{
					RpcMethod: "CancelTokenJointly", Use: "cancel-token-jointly [token-id] [consumer-owner] --from <producer owner> --generate-only",
					Short:          "Cancel a token without fee by agreement of both side owners (--generate-only, then gridd tx sign by each, then gridd tx broadcast)",
					PositionalArgs: moduleutil.Positional("token_id", "consumer_owner"),
				},
				{
					RpcMethod: "SetPriceBand", Use: "set-price-band [denom] [min-per-mwh] [max-per-mwh]",
					Short:          "Grid operator: set the band every price per MWh in a denom must lie in, in base units (flags first, then -- before a negative min: set-price-band --from operator -- uchf.alpine -500000000 3000000000)",
					PositionalArgs: moduleutil.Positional("denom", "min_per_mwh", "max_per_mwh"),
				},
			},
		},
	}
}
