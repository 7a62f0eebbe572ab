package settlement

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// AutoCLIOptions generates `gridd tx settlement ...` and `gridd query settlement ...`.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.settlement.v1.Query",
			// gridd query settlement is client/cli's command (statement-csv); autocli adds these.
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the fee window, the block budget and the postponement and default rules"},
				{RpcMethod: "Progress", Use: "progress", Short: "The next period to settle, the run in progress (stage, items) and the periods waiting"},
				{RpcMethod: "Run", Use: "run [period]", Short: "A period's settlement run: tokens, charges, net positions, and per denom gross, net, collected, disbursed, recovered and payments", PositionalArgs: moduleutil.Positional("period")},
				{RpcMethod: "Runs", Use: "runs", Short: "List settlement runs by period (--reverse for the latest first)"},
				{
					RpcMethod: "Statement", Use: "statement [owner] [from-period] [to-period]",
					Short:          "A participant's settlement statement: gross charges by kind and denom, its net payment or receipt per run, its debts and unpaid claims (at most 2976 periods)",
					PositionalArgs: moduleutil.Positional("owner", "from_period", "to_period"),
				},
				{
					RpcMethod: "ParticipantStatement", Use: "participant-statement [participant] [from-period] [to-period]",
					Short:          "A participant's combined statement per period: scheduled, measured and reconciled energy, CO2, charges by kind, gross, net, paid, received, postponed, unpaid, with totals and what it owes and is owed now (at most 2976 periods; statement-csv prints it as CSV)",
					PositionalArgs: moduleutil.Positional("participant", "from_period", "to_period"),
				},
				{RpcMethod: "Debts", Use: "debts", Short: "List postponed and defaulted debts with their totals per denom"},
				{RpcMethod: "Claims", Use: "claims", Short: "List unpaid claims with their totals per denom (they add up to the debts)"},
				{RpcMethod: "TransmissionCost", Use: "transmission-cost [period]", Short: "Show a period's declared transmission cost and how it was allocated", PositionalArgs: moduleutil.Positional("period")},
				{RpcMethod: "SecurityFeeRule", Use: "security-fee-rule", Short: "Show the security-of-supply fee rule"},
				{RpcMethod: "SecurityInterval", Use: "security-interval [interval]", Short: "Show a security-of-supply interval (by its first period): its totals, whether it was charged, and its participants' usages", PositionalArgs: moduleutil.Positional("interval")},
				{RpcMethod: "CollateralRequirement", Use: "collateral [owner]", Short: "Show a participant's collateral requirement, what it comes to for its open consumer sides, and its locked collateral", PositionalArgs: moduleutil.Positional("owner")},
				{RpcMethod: "Defaults", Use: "defaults", Short: "List defaults: debt at default, collateral seized, shortfall, default fees and what is still owed"},
				{RpcMethod: "Handover", Use: "handover [owner]", Short: "Progress of the hand-over of a defaulter's open sides to the balancing authority", PositionalArgs: moduleutil.Positional("owner")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.settlement.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "UpdateParams", Use: "update-params --params '<json>'", GovProposal: true,
					Short: "Propose to governance new settlement parameters, all of them (submits a proposal; --deposit, --title, --summary; see the current ones with: gridd query settlement params)",
				},
				{
					RpcMethod: "DeclareTransmissionCost", Use: "declare-transmission-cost [period] [amount] [denom]",
					Short:          "Grid operator: declare a delivered period's transmission cost (Joule losses, redispatch), shared among its consumers pro rata of net consumption (--losses-wh, --description)",
					PositionalArgs: moduleutil.Positional("period", "amount", "denom"),
				},
				{
					RpcMethod: "SetSecurityFeeRule", Use: "set-security-fee-rule --rule '{\"method\":\"SECURITY_FEE_METHOD_PEAK\",\"interval_periods\":\"2880\",\"amount\":\"1000000\",\"denom\":\"uchf.alpine\",\"from_period\":\"0\"}'",
					Short: "Grid operator: set how the security-of-supply fee is charged (fixed per participant, pro rata of consumption or of peak)",
				},
				{
					RpcMethod: "SetCollateralRequirement", Use: "set-collateral-requirement --requirement '{\"owner\":\"grid1...\",\"denom\":\"uchf.alpine\",\"fixed\":\"1000000\",\"open_position_bps\":1000}'",
					Short: "Grid operator: require a participant to hold collateral locked before it trades (fixed and/or a share of its open position); zero amounts remove it",
				},
				{
					RpcMethod: "SeizeCollateral", Use: "seize-collateral [owner] [denom]",
					Short:          "Grid operator: apply a debtor's locked collateral to its debt",
					PositionalArgs: moduleutil.Positional("owner", "denom"),
				},
			},
		},
	}
}
