// Package app wires gridd: the standard Cosmos SDK modules, IBC with the 07-tendermint
// light client and ICS-20, and gridledger's own modules. Wiring is explicit (no
// depinject) so every keeper's dependencies are visible in one place.
package app

import (
	"encoding/json"
	"fmt"
	"io"

	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/log"
	storetypes "cosmossdk.io/store/types"
	"cosmossdk.io/x/tx/signing"
	upgradekeeper "cosmossdk.io/x/upgrade/keeper"
	upgradetypes "cosmossdk.io/x/upgrade/types"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cast"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/server"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/std"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
	"github.com/cosmos/cosmos-sdk/version"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	"github.com/cosmos/cosmos-sdk/x/auth/posthandler"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	consensuskeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	ibctransferkeeper "github.com/cosmos/ibc-go/v10/modules/apps/transfer/keeper"
	ibctransfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	ibcexported "github.com/cosmos/ibc-go/v10/modules/core/exported"
	ibckeeper "github.com/cosmos/ibc-go/v10/modules/core/keeper"
	ibctm "github.com/cosmos/ibc-go/v10/modules/light-clients/07-tendermint"

	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	deliverykeeper "github.com/gridledger/gridledger/chain/x/delivery/keeper"
	deliverytypes "github.com/gridledger/gridledger/chain/x/delivery/types"
	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	fiatkeeper "github.com/gridledger/gridledger/chain/x/fiat/keeper"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	interchainkeeper "github.com/gridledger/gridledger/chain/x/interchain/keeper"
	interchaintypes "github.com/gridledger/gridledger/chain/x/interchain/types"
	settlementkeeper "github.com/gridledger/gridledger/chain/x/settlement/keeper"
	settlementtypes "github.com/gridledger/gridledger/chain/x/settlement/types"
)

var _ servertypes.Application = (*App)(nil)

// moduleAccountPermissions lists every module account and what it may do with coins.
var moduleAccountPermissions = map[string][]string{
	authtypes.FeeCollectorName:      nil,
	distrtypes.ModuleName:           nil,
	stakingtypes.BondedPoolName:     {authtypes.Burner, authtypes.Staking},
	stakingtypes.NotBondedPoolName:  {authtypes.Burner, authtypes.Staking},
	govtypes.ModuleName:             {authtypes.Burner},
	ibctransfertypes.ModuleName:     {authtypes.Minter, authtypes.Burner},
	fiattypes.ModuleName:            {authtypes.Minter, authtypes.Burner},
	fiattypes.SettlementAccountName: nil,
}

// App is the gridd application.
type App struct {
	*baseapp.BaseApp

	legacyAmino       *codec.LegacyAmino
	appCodec          codec.Codec
	txConfig          client.TxConfig
	interfaceRegistry types.InterfaceRegistry
	keys              map[string]*storetypes.KVStoreKey

	AccountKeeper    authkeeper.AccountKeeper
	BankKeeper       bankkeeper.BaseKeeper
	StakingKeeper    *stakingkeeper.Keeper
	SlashingKeeper   slashingkeeper.Keeper
	DistrKeeper      distrkeeper.Keeper
	GovKeeper        govkeeper.Keeper
	UpgradeKeeper    *upgradekeeper.Keeper
	ConsensusKeeper  consensuskeeper.Keeper
	IBCKeeper        *ibckeeper.Keeper
	TransferKeeper   ibctransferkeeper.Keeper
	BalancingKeeper  balancingkeeper.Keeper
	EnergyKeeper     energykeeper.Keeper
	DeliveryKeeper   deliverykeeper.Keeper
	SettlementKeeper settlementkeeper.Keeper
	FiatKeeper       fiatkeeper.Keeper
	InterchainKeeper interchainkeeper.Keeper

	ModuleManager      *module.Manager
	BasicModuleManager module.BasicManager
	configurator       module.Configurator
	tmLightClient      ibctm.LightClientModule
}

// New builds the application over db.
func New(logger log.Logger, db dbm.DB, traceStore io.Writer, loadLatest bool, appOpts servertypes.AppOptions, baseAppOptions ...func(*baseapp.BaseApp)) *App {
	// The merged registry, not proto.HybridResolver: through the hybrid resolver a
	// message type from a file registered after its importer (types.proto after
	// tx.proto) resolves to an empty placeholder, and amino JSON signing then drops
	// its fields (MsgRegisterMeter.location), so Ledger/Keplr signatures fail.
	protoFiles, err := proto.MergedRegistry()
	if err != nil {
		panic(err)
	}
	interfaceRegistry, err := types.NewInterfaceRegistryWithOptions(types.InterfaceRegistryOptions{
		ProtoFiles: protoFiles,
		SigningOptions: signing.Options{
			AddressCodec:          address.Bech32Codec{Bech32Prefix: sdk.GetConfig().GetBech32AccountAddrPrefix()},
			ValidatorAddressCodec: address.Bech32Codec{Bech32Prefix: sdk.GetConfig().GetBech32ValidatorAddrPrefix()},
		},
	})
	if err != nil {
		panic(err)
	}
	appCodec := codec.NewProtoCodec(interfaceRegistry)
	legacyAmino := codec.NewLegacyAmino()
	txConfig := authtx.NewTxConfig(appCodec, authtx.DefaultSignModes)
	std.RegisterLegacyAminoCodec(legacyAmino)
	std.RegisterInterfaces(interfaceRegistry)

	bApp := baseapp.NewBaseApp(AppName, logger, db, txConfig.TxDecoder(), baseAppOptions...)
	bApp.SetCommitMultiStoreTracer(traceStore)
	bApp.SetVersion(version.Version)
	bApp.SetInterfaceRegistry(interfaceRegistry)
	bApp.SetTxEncoder(txConfig.TxEncoder())

	keys := storetypes.NewKVStoreKeys(
		authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, distrtypes.StoreKey,
		slashingtypes.StoreKey, govtypes.StoreKey, upgradetypes.StoreKey, consensustypes.StoreKey,
		ibcexported.StoreKey, ibctransfertypes.StoreKey,
		balancingtypes.StoreKey, fiattypes.StoreKey, energytypes.StoreKey, deliverytypes.StoreKey,
		settlementtypes.StoreKey, interchaintypes.StoreKey,
	)
	if err := bApp.RegisterStreamingServices(appOpts, keys); err != nil {
		panic(err)
	}

	app := &App{
		BaseApp:           bApp,
		legacyAmino:       legacyAmino,
		appCodec:          appCodec,
		txConfig:          txConfig,
		interfaceRegistry: interfaceRegistry,
		keys:              keys,
	}
	app.initKeepers(appOpts, logger)
	app.initModules()

	app.MountKVStores(keys)
	app.SetInitChainer(app.InitChainer)
	app.SetPreBlocker(app.PreBlocker)
	app.SetBeginBlocker(app.BeginBlocker)
	app.SetEndBlocker(app.EndBlocker)
	app.setAnteHandler()
	app.setPostHandler()
	app.setUpgrades()

	// Fail loudly at start-up if a Msg lacks its signer annotation: such a message
	// could never be signed by a client.
	if err := msgservice.ValidateProtoAnnotations(protoFiles); err != nil {
		logger.Error("proto annotations", "err", err)
	}

	if loadLatest {
		if err := app.LoadLatestVersion(); err != nil {
			panic(fmt.Errorf("error loading last version: %w", err))
		}
	}
	return app
}

// govAuthority is the x/gov module account: the authority of every module's params.
func govAuthority() string { return authtypes.NewModuleAddress(govtypes.ModuleName).String() }

func (app *App) initKeepers(appOpts servertypes.AppOptions, logger log.Logger) {
	keys, cdc := app.keys, app.appCodec
	store := func(name string) corestore.KVStoreService { return runtime.NewKVStoreService(keys[name]) }
	accCodec := address.Bech32Codec{Bech32Prefix: Bech32Prefix}

	app.ConsensusKeeper = consensuskeeper.NewKeeper(cdc, store(consensustypes.StoreKey), govAuthority(), runtime.EventService{})
	app.SetParamStore(app.ConsensusKeeper.ParamsStore)

	app.AccountKeeper = authkeeper.NewAccountKeeper(cdc, store(authtypes.StoreKey), authtypes.ProtoBaseAccount,
		moduleAccountPermissions, accCodec, Bech32Prefix, govAuthority())
	app.BankKeeper = bankkeeper.NewBaseKeeper(cdc, store(banktypes.StoreKey), app.AccountKeeper,
		blockedAddresses(), govAuthority(), logger)
	app.StakingKeeper = stakingkeeper.NewKeeper(cdc, store(stakingtypes.StoreKey), app.AccountKeeper, app.BankKeeper,
		govAuthority(), address.Bech32Codec{Bech32Prefix: sdk.GetConfig().GetBech32ValidatorAddrPrefix()},
		address.Bech32Codec{Bech32Prefix: sdk.GetConfig().GetBech32ConsensusAddrPrefix()})
	app.DistrKeeper = distrkeeper.NewKeeper(cdc, store(distrtypes.StoreKey), app.AccountKeeper, app.BankKeeper,
		app.StakingKeeper, authtypes.FeeCollectorName, govAuthority())
	app.SlashingKeeper = slashingkeeper.NewKeeper(cdc, app.legacyAmino, store(slashingtypes.StoreKey), app.StakingKeeper, govAuthority())
	app.StakingKeeper.SetHooks(stakingtypes.NewMultiStakingHooks(app.DistrKeeper.Hooks(), app.SlashingKeeper.Hooks()))

	skipUpgradeHeights := map[int64]bool{}
	for _, h := range cast.ToIntSlice(appOpts.Get(server.FlagUnsafeSkipUpgrades)) {
		skipUpgradeHeights[int64(h)] = true
	}
	app.UpgradeKeeper = upgradekeeper.NewKeeper(skipUpgradeHeights, store(upgradetypes.StoreKey), cdc,
		cast.ToString(appOpts.Get(flags.FlagHome)), app.BaseApp, govAuthority())

	app.GovKeeper = *govkeeper.NewKeeper(cdc, store(govtypes.StoreKey), app.AccountKeeper, app.BankKeeper,
		app.StakingKeeper, app.DistrKeeper, app.MsgServiceRouter(), govtypes.DefaultConfig(), govAuthority())

	app.BalancingKeeper = balancingkeeper.NewKeeper(cdc, store(balancingtypes.StoreKey), accCodec, govAuthority())
	app.FiatKeeper = fiatkeeper.NewKeeper(cdc, store(fiattypes.StoreKey), accCodec, govAuthority(),
		app.BankKeeper, app.AccountKeeper, app.BalancingKeeper)
	app.EnergyKeeper = energykeeper.NewKeeper(cdc, store(energytypes.StoreKey), accCodec, app.BalancingKeeper, app.FiatKeeper)
	app.DeliveryKeeper = deliverykeeper.NewKeeper(cdc, store(deliverytypes.StoreKey), accCodec, govAuthority(),
		app.BalancingKeeper, app.EnergyKeeper)
	app.SettlementKeeper = settlementkeeper.NewKeeper(cdc, store(settlementtypes.StoreKey), accCodec, govAuthority(),
		app.BalancingKeeper, app.EnergyKeeper, app.DeliveryKeeper, app.FiatKeeper, app.EnergyKeeper)
	// x/settlement depends on x/energy, so x/energy asks for collateral through a gate set
	// after both exist (seed §3.6.2); every copy of the energy keeper shares it.
	app.EnergyKeeper.SetCollateralGate(app.SettlementKeeper)

	app.initIBC()

	modules := make([]string, 0, len(moduleAccountPermissions))
	for name := range moduleAccountPermissions {
		modules = append(modules, name)
	}
	fence := NewFiatFence(app.BalancingKeeper, app.FiatKeeper, app.IBCKeeper.ChannelKeeper, modules)
	app.BankKeeper.AppendSendRestriction(fence.Restrict)
}

// blockedAddresses are module accounts that may not receive coins by plain sends.
func blockedAddresses() map[string]bool {
	blocked := make(map[string]bool, len(moduleAccountPermissions))
	for name := range moduleAccountPermissions {
		blocked[authtypes.NewModuleAddress(name).String()] = true
	}
	// Governance deposits and distribution are allowed to receive funds.
	delete(blocked, authtypes.NewModuleAddress(govtypes.ModuleName).String())
	return blocked
}

func (app *App) setAnteHandler() {
	handler, err := NewAnteHandler(HandlerOptions{
		HandlerOptions: ante.HandlerOptions{
			AccountKeeper:   app.AccountKeeper,
			BankKeeper:      app.BankKeeper,
			SignModeHandler: app.txConfig.SignModeHandler(),
			SigGasConsumer:  ante.DefaultSigVerificationGasConsumer,
		},
		IBCKeeper:  app.IBCKeeper,
		Registry:   app.BalancingKeeper,
		Banks:      app.FiatKeeper,
		Validators: app.StakingKeeper,
	})
	if err != nil {
		panic(err)
	}
	app.SetAnteHandler(handler)
}

func (app *App) setPostHandler() {
	handler, err := posthandler.NewPostHandler(posthandler.HandlerOptions{})
	if err != nil {
		panic(err)
	}
	app.SetPostHandler(handler)
}

// PreBlocker runs the upgrade module before each block.
func (app *App) PreBlocker(ctx sdk.Context, _ *abci.RequestFinalizeBlock) (*sdk.ResponsePreBlock, error) {
	return app.ModuleManager.PreBlock(ctx)
}

// BeginBlocker runs the modules' begin-block logic.
func (app *App) BeginBlocker(ctx sdk.Context) (sdk.BeginBlock, error) {
	return app.ModuleManager.BeginBlock(ctx)
}

// EndBlocker runs the modules' end-block logic.
func (app *App) EndBlocker(ctx sdk.Context) (sdk.EndBlock, error) {
	return app.ModuleManager.EndBlock(ctx)
}

// InitChainer loads genesis into every module.
func (app *App) InitChainer(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var genesisState map[string]json.RawMessage
	if err := json.Unmarshal(req.AppStateBytes, &genesisState); err != nil {
		return nil, err
	}
	if err := app.UpgradeKeeper.SetModuleVersionMap(ctx, app.ModuleManager.GetVersionMap()); err != nil {
		return nil, err
	}
	return app.ModuleManager.InitGenesis(ctx, app.appCodec, genesisState)
}

// LoadHeight loads the state at a height.
func (app *App) LoadHeight(height int64) error { return app.LoadVersion(height) }

// LegacyAmino returns the amino codec.
func (app *App) LegacyAmino() *codec.LegacyAmino { return app.legacyAmino }

// AppCodec returns the protobuf codec.
func (app *App) AppCodec() codec.Codec { return app.appCodec }

// InterfaceRegistry returns the interface registry.
func (app *App) InterfaceRegistry() types.InterfaceRegistry { return app.interfaceRegistry }

// TxConfig returns the transaction configuration.
func (app *App) TxConfig() client.TxConfig { return app.txConfig }

// DefaultGenesis returns every module's default genesis.
func (app *App) DefaultGenesis() map[string]json.RawMessage {
	return app.BasicModuleManager.DefaultGenesis(app.appCodec)
}

// GetKey returns a store key by name (tests).
func (app *App) GetKey(name string) *storetypes.KVStoreKey { return app.keys[name] }
