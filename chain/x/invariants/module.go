// Package invariants serves the live check of DESIGN.md §6's invariants: one page of one
// invariant per query, at a bounded cost (docs/adr/023). It has no state and no messages.
package invariants

import (
	"context"

	"cosmossdk.io/core/appmodule"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	"google.golang.org/grpc"

	"github.com/gridledger/gridledger/chain/x/invariants/keeper"
	"github.com/gridledger/gridledger/chain/x/invariants/types"
)

var (
	_ module.AppModuleBasic = AppModule{}
	_ appmodule.HasServices = AppModule{}
)

// AppModule is invariants: the live check of the other modules' invariants.
type AppModule struct{ keeper keeper.Keeper }

// NewAppModule wires the module.
func NewAppModule(k keeper.Keeper) AppModule { return AppModule{keeper: k} }

// IsOnePerModuleType marks a one-per-type module.
func (AppModule) IsOnePerModuleType() {}

// IsAppModule marks an app module.
func (AppModule) IsAppModule() {}

// Name returns the module name.
func (AppModule) Name() string { return types.ModuleName }

// ConsensusVersion returns the state version (the module has no state).
func (AppModule) ConsensusVersion() uint64 { return 1 }

// RegisterLegacyAminoCodec has nothing to register: the module has no messages.
func (AppModule) RegisterLegacyAminoCodec(*codec.LegacyAmino) {}

// RegisterInterfaces has nothing to register: the module has no messages.
func (AppModule) RegisterInterfaces(codectypes.InterfaceRegistry) {}

// RegisterGRPCGatewayRoutes serves the queries over REST.
func (AppModule) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *runtime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		panic(err)
	}
}

// RegisterServices registers the Query service.
func (am AppModule) RegisterServices(registrar grpc.ServiceRegistrar) error {
	types.RegisterQueryServer(registrar, keeper.NewQueryServerImpl(am.keeper))
	return nil
}
