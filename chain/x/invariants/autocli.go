package invariants

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// AutoCLIOptions generates `gridd query invariants ...`.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.invariants.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Invariants", Use: "list", Short: "List the invariants of DESIGN.md §6 this node checks live"},
				{
					RpcMethod: "Check", Use: "check [name]",
					Short:          "Check one page of an invariant (--limit records from --cursor, the next_cursor of the previous page)",
					Example:        "gridd query invariants check energy-tokens --limit 500",
					PositionalArgs: moduleutil.Positional("name"),
				},
			},
		},
	}
}
