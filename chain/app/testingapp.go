package app

import (
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	ibckeeper "github.com/cosmos/ibc-go/v10/modules/core/keeper"
)

// The accessors below are what ibc-go's in-process testing package (ibctesting.TestingApp)
// asks of an application beyond ABCI, so tests can run several gridd chains in one process
// and relay between them (chain/testutil/ibcnet). They only expose what the App already
// holds; the package that asserts the interface (and imports ibc-go's testing code) is
// test-only, so the gridd binary does not link it.

// GetBaseApp returns the BaseApp, through which the testing package builds contexts and
// delivers blocks.
func (app *App) GetBaseApp() *baseapp.BaseApp { return app.BaseApp }

// GetIBCKeeper returns IBC core's keeper (clients, connections, channels, packets).
func (app *App) GetIBCKeeper() *ibckeeper.Keeper { return app.IBCKeeper }

// GetTxConfig returns the transaction configuration the testing package signs with.
func (app *App) GetTxConfig() client.TxConfig { return app.txConfig }
