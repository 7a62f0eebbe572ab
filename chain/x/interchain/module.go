package interchain

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
	"google.golang.org/grpc"

	"github.com/gridledger/gridledger/chain/x/interchain/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

var (
	_ module.AppModuleBasic   = AppModule{}
	_ module.HasGenesis       = AppModule{}
	_ appmodule.HasServices   = AppModule{}
	_ appmodule.HasEndBlocker = AppModule{}
)

// AppModule is interchain: this chain's place in the tree of grids (seed §2.6) and the
// energy IBC application that links it to its parent and children (docs/adr/020).
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
// Version 2 adds the buyer index (keeper.Migrator.Migrate1to2).
func (AppModule) ConsensusVersion() uint64 { return 2 }

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

// RegisterServices registers the Msg and Query services.
func (am AppModule) RegisterServices(registrar grpc.ServiceRegistrar) error {
	types.RegisterMsgServer(registrar, keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(registrar, keeper.NewQueryServerImpl(am.keeper))
	// The module manager registers services through its Configurator, which also takes the
	// store migrations that ModuleManager.RunMigrations runs in an upgrade.
	if cfg, ok := registrar.(module.Configurator); ok {
		m := keeper.NewMigrator(am.keeper)
		if err := cfg.RegisterMigration(types.ModuleName, 1, m.Migrate1to2); err != nil {
			return fmt.Errorf("registering the %s migration from version 1: %w", types.ModuleName, err)
		}
	}
	return nil
}

// DefaultGenesis is a chain with no link yet.
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

// EndBlock prunes bridge usage of periods more than a week behind the current one, trues up
// the link fees of purchases whose delivery is long enough past, and prunes finished purchase
// records past their retention, each a bounded number of records per block.
func (am AppModule) EndBlock(ctx context.Context) error {
	if _, err := am.keeper.PruneBridgeUsage(ctx); err != nil {
		return err
	}
	if _, err := am.keeper.TrueUpFees(ctx); err != nil {
		return err
	}
	_, err := am.keeper.PrunePurchases(ctx)
	return err
}
