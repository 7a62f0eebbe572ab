package settlement

import (
	"context"
	"encoding/json"
	"fmt"

	"cosmossdk.io/core/appmodule"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"

	"github.com/gridledger/gridledger/chain/x/settlement/client/cli"
	"github.com/gridledger/gridledger/chain/x/settlement/keeper"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

var (
	_ module.AppModuleBasic   = AppModule{}
	_ module.HasGenesis       = AppModule{}
	_ appmodule.HasServices   = AppModule{}
	_ appmodule.HasEndBlocker = AppModule{}
)

// AppModule is settlement: grid fees, netted payment, postponement and default (seed
// §3.5.2, §3.6, docs/adr/013). It is its own module because it needs every other one:
// x/energy's due tokens, x/delivery's reconciliation, x/fiat's accounts and the registry.
type AppModule struct{ keeper keeper.Keeper }

// NewAppModule wires the module.
func NewAppModule(k keeper.Keeper) AppModule { return AppModule{keeper: k} }

// IsOnePerModuleType marks a one-per-type module.
func (AppModule) IsOnePerModuleType() {}

// IsAppModule marks an app module.
func (AppModule) IsAppModule() {}

// Name returns the module name.
func (AppModule) Name() string { return types.ModuleName }

// ConsensusVersion returns the state version.
func (AppModule) ConsensusVersion() uint64 { return 1 }

// RegisterLegacyAminoCodec registers amino names for Ledger and Keplr signing.
func (AppModule) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	types.RegisterLegacyAminoCodec(cdc)
}

// RegisterInterfaces registers the messages.
func (AppModule) RegisterInterfaces(r codectypes.InterfaceRegistry) { types.RegisterInterfaces(r) }

// RegisterGRPCGatewayRoutes serves the queries over REST.
func (AppModule) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *runtime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		panic(err)
	}
}

// GetQueryCmd is `gridd query settlement`, with statement-csv; autocli adds the generated
// queries to it (autocli.go, EnhanceCustomCommand).
func (AppModule) GetQueryCmd() *cobra.Command { return cli.QueryCommand() }

// RegisterServices registers the Msg and Query services.
func (am AppModule) RegisterServices(registrar grpc.ServiceRegistrar) error {
	types.RegisterMsgServer(registrar, keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(registrar, keeper.NewQueryServerImpl(am.keeper))
	return nil
}

// DefaultGenesis is a chain that has settled nothing.
func (AppModule) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(types.DefaultGenesis())
}

// ValidateGenesis checks the genesis state.
func (AppModule) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(bz, &gs); err != nil {
		return fmt.Errorf("failed to unmarshal %s genesis state: %w", types.ModuleName, err)
	}
	return gs.Validate()
}

// InitGenesis loads the state.
func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	var gs types.GenesisState
	cdc.MustUnmarshalJSON(bz, &gs)
	if err := am.keeper.InitGenesis(ctx, gs); err != nil {
		panic(fmt.Errorf("%s genesis: %w", types.ModuleName, err))
	}
}

// ExportGenesis exports the state.
func (am AppModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := am.keeper.ExportGenesis(ctx)
	if err != nil {
		panic(fmt.Errorf("%s export: %w", types.ModuleName, err))
	}
	return cdc.MustMarshalJSON(gs)
}

// EndBlock settles the periods that are reconciled and past their fee window, a bounded
// amount of work per block (Keeper.EndBlock).
func (am AppModule) EndBlock(ctx context.Context) error { return am.keeper.EndBlock(ctx) }
