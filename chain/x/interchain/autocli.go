package interchain

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// AutoCLIOptions generates `gridd tx interchain ...` and `gridd query interchain ...`.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.interchain.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Neighbourhood", Use: "neighbourhood", Short: "Show this chain's parent and children with their energy and transfer channels"},
				{
					RpcMethod: "Peer", Use: "peer [channel-id]", Short: "Show what the Hello exchange on an energy channel taught",
					PositionalArgs: moduleutil.Positional("channel_id"),
				},
				{
					RpcMethod: "Purchase", Use: "purchase [purchase-id]", Short: "Show this chain's record of a cross-grid purchase: pending, done or refunded, and the tokens it made",
					PositionalArgs: moduleutil.Positional("purchase_id"),
				},
				{
					RpcMethod: "PurchasesByBuyer", Use: "purchases-by-buyer [buyer]",
					Short:          "List the cross-grid purchases a buyer started on this chain, oldest first (--reverse: newest first; at most 100 a page)",
					Example:        "gridd query interchain purchases-by-buyer grid1… --reverse --limit 20",
					PositionalArgs: moduleutil.Positional("buyer"),
				},
				{RpcMethod: "Params", Use: "params", Short: "Show the interchain parameters: purchase retention and fee true-up (0 means the default)"},
				{RpcMethod: "LinkFees", Use: "link-fees", Short: "List the grid-fee estimates this chain charges cross-grid purchases per child link and currency"},
				{RpcMethod: "BridgeCapacities", Use: "bridge-capacities", Short: "List the capacities set on this chain's child links, in Wh per period and direction"},
				{
					RpcMethod: "BridgeUsage", Use: "bridge-usage [channel-id] [first-period] [last-period]",
					Short:          "Show a child link's capacity, reserved and free flow per period and direction (at most 96 periods)",
					Example:        "gridd query interchain bridge-usage channel-1 1964000 1964003",
					PositionalArgs: moduleutil.Positional("channel_id", "first_period", "last_period"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.interchain.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "UpdateParams", Use: "update-params --params '<json>'", GovProposal: true,
					Short: "Propose to governance new interchain parameters, all of them: purchase retention and fee true-up (submits a proposal; --deposit, --title, --summary; see the current ones with: gridd query interchain params)",
				},
				{
					RpcMethod: "Link", Use: "link [neighbour] [energy-channel-id] [transfer-channel-id]",
					Short:          "Record the link to the parent or a child over an open energy channel and the ICS-20 channel on its connection (grid operator only; --denom-map when currencies differ)",
					Example:        "gridd tx interchain link NEIGHBOUR_CHILD channel-1 channel-0 --from operator",
					PositionalArgs: moduleutil.Positional("neighbour", "energy_channel_id", "transfer_channel_id"),
				},
				{
					RpcMethod: "SendHello", Use: "send-hello [channel-id]",
					Short:          "Send this chain's period length and settlement denoms on an energy channel (grid operator only)",
					PositionalArgs: moduleutil.Positional("channel_id"),
				},
				{
					RpcMethod: "SetLinkFee", Use: "set-link-fee [channel-id] [base-denom] [fee-per-mwh]",
					Short:          "Set the grid-fee estimate a cross-grid purchase pays per MWh for crossing a child link, in one currency; 0 removes it (grid operator of the parent only)",
					Example:        "gridd tx interchain set-link-fee channel-1 ueur.leman 2000000 --from operator",
					PositionalArgs: moduleutil.Positional("channel_id", "base_denom", "fee_per_mwh"),
				},
				{
					RpcMethod: "BuyRemote", Use: "buy-remote [token-id]",
					Short: "Buy the consumer side of a token on another chain of the tree at a quote, all or nothing (consumers only; @gridledger/client quoteRemotePurchase fills every flag)",
					Example: "gridd tx interchain buy-remote 7 --route gridledger-regional-east-1,gridledger-transmission-1,gridledger-regional-west-1 " +
						"--side SIDE_CONSUMER --meter-id valley-school-1 --ask-denom ueur.leman --price-per-mwh 80000000 --face-value-per-mwh 0 " +
						"--first-period 100 --last-period 103 --wh-per-period 250000 --link-fees 0,2000000,2000000 --bank-fees 10000 " +
						"--pay-denom ibc/… --max-total 90000000 --from valley-school",
					PositionalArgs: moduleutil.Positional("token_id"),
				},
				{
					RpcMethod: "SetBridgeCapacity", Use: "set-bridge-capacity [channel-id] [direction] [wh-per-period]",
					Short:          "Set a child link's capacity in one direction (BRIDGE_DIRECTION_UP: child to parent, BRIDGE_DIRECTION_DOWN: parent to child), in Wh per period (parent's grid operator only)",
					Example:        "gridd tx interchain set-bridge-capacity channel-1 BRIDGE_DIRECTION_UP 50000000 --from operator",
					PositionalArgs: moduleutil.Positional("channel_id", "direction", "wh_per_period"),
				},
				{
					RpcMethod: "CancelRemote", Use: "cancel-remote [purchase-id] [reason]",
					Short:          "Cancel a done cross-grid purchase's whole chain of tokens on every chain of its route, for redispatch, paying the tokens' redispatch price to the buyer (grid operator of a chain on the route only)",
					Example:        "gridd tx interchain cancel-remote gridledger-local-valley-1/3 \"congestion on the transmission level\" --from operator",
					PositionalArgs: moduleutil.Positional("purchase_id", "reason"),
				},
			},
		},
	}
}
