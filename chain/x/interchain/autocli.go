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
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.interchain.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
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
			},
		},
	}
}
