package balancing

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions generates `gridd tx balancing ...` and `gridd query balancing ...`
// from the proto services; positional arguments follow what an operator types most.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.balancing.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the grid operator and other parameters"},
				{
					RpcMethod: "Participant", Use: "participant [address]", Short: "Show one participant",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod: "Participants", Use: "participants", Short: "List participants, optionally by --role and --status",
				},
				{
					RpcMethod: "Meter", Use: "meter [id]", Short: "Show one metering point",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}},
				},
				{
					RpcMethod: "Meters", Use: "meters", Short: "List metering points, optionally by --owner, --category and --area",
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.balancing.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "UpdateParams", Skip: true}, // governance only: submit it in a proposal
				{
					RpcMethod: "AdmitParticipant",
					Use:       "admit-participant [address] [legal-id] [display-name] --roles ROLE_TRADER,... --from operator",
					Short:     "Admit an account as a market participant (grid operator only)",
					Example:   "gridd tx balancing admit-participant grid1... 12X-ALPHA-TRADE-1 \"Alpha Trading\" --roles ROLE_TRADER --traded-categories ENERGY_CATEGORY_SOLAR --position-limit-wh 1000000 --from operator",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "address"}, {ProtoField: "legal_id"}, {ProtoField: "display_name"},
					},
				},
				{
					RpcMethod: "UpdateParticipant",
					Use:       "update-participant [address] [display-name] --roles ... --from operator",
					Short:     "Replace a participant's roles, name, position limit and traded categories (grid operator only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "address"}, {ProtoField: "display_name"},
					},
				},
				{
					RpcMethod: "SuspendParticipant", Use: "suspend-participant [address]",
					Short:          "Suspend an active participant (grid operator only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod: "ReinstateParticipant", Use: "reinstate-participant [address]",
					Short:          "Lift a suspension (grid operator only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod: "ExcludeParticipant", Use: "exclude-participant [address]",
					Short:          "Exclude a participant for good (grid operator only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod: "RegisterMeter",
					Use:       "register-meter [id] [owner] --kind METER_KIND_PRODUCTION --category ENERGY_CATEGORY_SOLAR --location '{\"area\":\"CH-ZH\"}' --key-algorithm KEY_ALGORITHM_SECP256K1 --public-key HEX",
					Short:     "Register a physical metering point of an admitted participant (grid operator only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "id"}, {ProtoField: "owner"},
					},
				},
			},
		},
	}
}
