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
				{RpcMethod: "Relayers", Use: "relayers", Short: "List the accounts registered to relay IBC messages"},
				{RpcMethod: "Co2Authority", Use: "co2-authority", Short: "Show the CO2 authority governance appointed (empty when none)"},
				{
					RpcMethod: "Admission", Use: "admission [address]",
					Short:          "Show how the registry knows an account: grid operator, participant (and status), relayer",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.balancing.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "UpdateParams", Use: "update-params --params '<json>'", GovProposal: true,
					Short: "Propose to governance new balancing parameters, all of them (submits a proposal; --deposit, --title, --summary; see the current ones with: gridd query balancing params)",
				},
				{
					RpcMethod: "AppointCo2Authority", Use: "appoint-co2-authority [co2-authority]", GovProposal: true,
					Short:          "Propose to governance that an admitted participant become the CO2 authority (submits a proposal; --deposit, --title, --summary)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "co2_authority"}},
				},
				{
					RpcMethod: "AdmitParticipant",
					Use:       "admit-participant [address] [legal-id] [display-name]",
					Short:     "Admit an account as a market participant (grid operator only)",
					Example:   "gridd tx balancing admit-participant grid1... 12X-ALPHA-TRADE-1 \"Alpha Trading\" --roles trader --traded-categories solar --traded-categories wind --position-limit-wh 1000000 --from operator",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "address"}, {ProtoField: "legal_id"}, {ProtoField: "display_name"},
					},
				},
				{
					RpcMethod: "UpdateParticipant",
					Use:       "update-participant [address] [display-name]",
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
					Use:       "register-meter [id] [owner]",
					Example:   "gridd tx balancing register-meter CH1012301234500000000000000001234 grid1... --kind production --category solar --point-kind company --location '{\"grid_node\":\"ZH-SUB-7\",\"area\":\"CH-ZH\"}' --key-algorithm secp256k1 --public-key <hex or base64> --from operator",
					Short:     "Register a physical metering point of an admitted participant (grid operator only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "id"}, {ProtoField: "owner"},
					},
				},
				{
					RpcMethod: "RotateMeterKey", Use: "rotate-meter-key [id]",
					Example:        "gridd tx balancing rotate-meter-key CH1012301234500000000000000001234 --key-algorithm ed25519 --public-key <hex or base64> --from operator",
					Short:          "Replace a physical meter's public key; later readings must be signed with the new key (grid operator only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}},
				},
				{
					RpcMethod: "RetireMeter", Use: "retire-meter [id]",
					Short:          "Retire a physical meter for good: no reading of it is accepted afterwards (grid operator only; --reason-code replaced)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}},
				},
				{
					RpcMethod: "RegisterRelayer", Use: "register-relayer [address]",
					Short:          "Let an account relay IBC messages, and nothing else (grid operator only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod: "RemoveRelayer", Use: "remove-relayer [address]",
					Short:          "Withdraw a relayer registration (grid operator only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
			},
		},
	}
}
