package app

import (
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/ibc-go/v10/modules/apps/transfer"
	ibctransferkeeper "github.com/cosmos/ibc-go/v10/modules/apps/transfer/keeper"
	ibctransfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	transferv2 "github.com/cosmos/ibc-go/v10/modules/apps/transfer/v2"
	porttypes "github.com/cosmos/ibc-go/v10/modules/core/05-port/types"
	ibcapi "github.com/cosmos/ibc-go/v10/modules/core/api"
	ibcexported "github.com/cosmos/ibc-go/v10/modules/core/exported"
	ibckeeper "github.com/cosmos/ibc-go/v10/modules/core/keeper"
	ibctm "github.com/cosmos/ibc-go/v10/modules/light-clients/07-tendermint"

	"github.com/gridledger/gridledger/chain/x/interchain"
	interchainkeeper "github.com/gridledger/gridledger/chain/x/interchain/keeper"
	interchaintypes "github.com/gridledger/gridledger/chain/x/interchain/types"
)

// initIBC wires IBC core with the 07-tendermint light client, ICS-20 transfer (the channel
// fiat travels between parent and child grids) and the energy application on port "energy"
// (x/interchain: the tree of grids and, later, cross-grid purchases). The legacy x/params subspaces
// are nil: they only serve migrations from chains that never existed here.
func (app *App) initIBC() {
	app.IBCKeeper = ibckeeper.NewKeeper(app.appCodec, runtime.NewKVStoreService(app.keys[ibcexported.StoreKey]),
		nil, app.UpgradeKeeper, govAuthority())

	app.TransferKeeper = ibctransferkeeper.NewKeeper(app.appCodec,
		runtime.NewKVStoreService(app.keys[ibctransfertypes.StoreKey]), nil,
		app.IBCKeeper.ChannelKeeper, app.IBCKeeper.ChannelKeeper, app.MsgServiceRouter(),
		app.AccountKeeper, app.BankKeeper, govAuthority())

	app.InterchainKeeper = interchainkeeper.NewKeeper(app.appCodec,
		runtime.NewKVStoreService(app.keys[interchaintypes.StoreKey]), govAuthority(), app.BalancingKeeper,
		app.EnergyKeeper, app.FiatKeeper, app.BankKeeper, app.IBCKeeper.ChannelKeeper, app.IBCKeeper.ChannelKeeper)
	app.InterchainKeeper.SetTransferKeeper(app.TransferKeeper)

	router := porttypes.NewRouter()
	router.AddRoute(ibctransfertypes.ModuleName, transfer.NewIBCModule(app.TransferKeeper))
	router.AddRoute(interchaintypes.PortID, interchain.NewIBCModule(app.InterchainKeeper))
	app.IBCKeeper.SetRouter(router)

	routerV2 := ibcapi.NewRouter()
	routerV2.AddRoute(ibctransfertypes.PortID, transferv2.NewIBCModule(app.TransferKeeper))
	app.IBCKeeper.SetRouterV2(routerV2)

	tmLightClient := ibctm.NewLightClientModule(app.appCodec, app.IBCKeeper.ClientKeeper.GetStoreProvider())
	app.IBCKeeper.ClientKeeper.AddRoute(ibctm.ModuleName, &tmLightClient)
	app.tmLightClient = tmLightClient
}
