package cmd

import (
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	serverconfig "github.com/cosmos/cosmos-sdk/server/config"

	"github.com/gridledger/gridledger/chain/app"
)

// appConfigDefaults are the app.toml defaults of a new home. Fees are zero by default:
// a grid chain is permissioned and its operators may raise the price in app.toml. The
// application state lives in PebbleDB, not goleveldb (ADR 006): its compactions cost a
// trade a sixth less CPU. CometBFT's own stores stay on goleveldb.
func appConfigDefaults() (string, interface{}) {
	cfg := serverconfig.DefaultConfig()
	cfg.MinGasPrices = "0" + app.BondDenom
	cfg.AppDBBackend = "pebbledb"
	cfg.API.Address = "tcp://127.0.0.1:1317"
	cfg.GRPC.Address = "127.0.0.1:9090"
	cfg.Telemetry.Enabled = true
	cfg.Telemetry.PrometheusRetentionTime = 60
	return serverconfig.DefaultConfigTemplate, cfg
}

// cometConfigDefaults listen on loopback and produce one-second blocks, the pace
// local grids and tests want; production homes override them in config.toml.
func cometConfigDefaults() *cmtcfg.Config {
	cfg := cmtcfg.DefaultConfig()
	cfg.RPC.ListenAddress = "tcp://127.0.0.1:26657"
	cfg.P2P.ListenAddress = "tcp://127.0.0.1:26656"
	cfg.Consensus.TimeoutCommit = time.Second
	return cfg
}
