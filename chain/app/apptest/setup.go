// Package apptest starts a whole gridd App in memory for tests that need more than one
// module: governance, genesis export and import, and later settlement.
package apptest

import (
	"encoding/json"
	"testing"
	"time"

	"cosmossdk.io/log"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// ChainID is the chain-id of every in-memory test chain.
const ChainID = "gridledger-test-1"

// Chain is an in-memory gridd with one validator, driven block by block.
type Chain struct {
	t      testing.TB
	App    *app.App
	Height int64
	Time   time.Time
}

// NewAccount returns a fresh random account address.
func NewAccount() sdk.AccAddress {
	return sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address())
}

// Setup starts a chain whose grid operator is operator. accounts[0] holds all the
// staking power (it is the validator's delegator); every account gets funds. t may be a
// *testing.F, so a fuzz target can build one chain and branch it per input.
func Setup(t testing.TB, operator sdk.AccAddress, accounts ...sdk.AccAddress) *Chain {
	t.Helper()
	return SetupWithDB(t, dbm.NewMemDB(), operator, accounts...)
}

// SetupWithDB is Setup over db: a benchmark passes an on-disk database (PebbleDB, as gridd
// runs) so that the store's reads and commits cost what they cost on a node.
func SetupWithDB(t testing.TB, db dbm.DB, operator sdk.AccAddress, accounts ...sdk.AccAddress) *Chain {
	t.Helper()
	return SetupWithOptions(t, db, nil, operator, accounts...)
}

// SetupWithOptions is SetupWithDB with more baseapp options, such as gridd's IAVL cache
// size (baseapp.SetIAVLCacheSize), for a benchmark that must cost what a node does.
func SetupWithOptions(t testing.TB, db dbm.DB, opts []func(*baseapp.BaseApp), operator sdk.AccAddress, accounts ...sdk.AccAddress) *Chain {
	t.Helper()
	a := app.New(log.NewNopLogger(), db, nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()),
		append([]func(*baseapp.BaseApp){baseapp.SetChainID(ChainID)}, opts...)...)
	valSet, err := simtestutil.CreateRandomValidatorSet()
	require.NoError(t, err)

	genAccs := make([]authtypes.GenesisAccount, 0, len(accounts))
	balances := make([]banktypes.Balance, 0, len(accounts))
	for _, acc := range accounts {
		genAccs = append(genAccs, authtypes.NewBaseAccount(acc, nil, 0, 0))
		balances = append(balances, banktypes.Balance{
			Address: acc.String(),
			Coins:   sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(1_000_000_000_000))),
		})
	}
	genesis, err := simtestutil.GenesisStateWithValSet(a.AppCodec(), a.DefaultGenesis(), valSet, genAccs, balances...)
	require.NoError(t, err)
	var bal balancingtypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(genesis[balancingtypes.ModuleName], &bal)
	bal.Params.GridOperator = operator.String()
	genesis[balancingtypes.ModuleName] = a.AppCodec().MustMarshalJSON(&bal)
	return InitChain(t, a, genesis)
}

// InitChain starts a with the given genesis and commits the first block.
func InitChain(t testing.TB, a *app.App, genesis map[string]json.RawMessage) *Chain {
	t.Helper()
	state, err := json.Marshal(genesis)
	require.NoError(t, err)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err = a.InitChain(&abci.RequestInitChain{
		ChainId:         ChainID,
		Validators:      []abci.ValidatorUpdate{},
		ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes:   state,
		Time:            start,
	})
	require.NoError(t, err)
	c := &Chain{t: t, App: a, Time: start}
	c.NextBlock(time.Second)
	return c
}

// NextBlock finalizes and commits one empty block dt after the previous one, running
// every begin and end blocker (governance tallies happen here).
func (c *Chain) NextBlock(dt time.Duration) {
	c.t.Helper()
	c.finalize(dt)
}

// NextBlockEvents is NextBlock that returns the block's own events (begin and end
// blockers'), as a node's block results list them.
func (c *Chain) NextBlockEvents(dt time.Duration) []abci.Event {
	c.t.Helper()
	return c.finalizeBlock(dt).Events
}

// finalize runs and commits the next block, dt after the previous one, with txs in it.
func (c *Chain) finalize(dt time.Duration, txs ...[]byte) []*abci.ExecTxResult {
	c.t.Helper()
	return c.finalizeBlock(dt, txs...).TxResults
}

func (c *Chain) finalizeBlock(dt time.Duration, txs ...[]byte) *abci.ResponseFinalizeBlock {
	c.t.Helper()
	c.Height++
	c.Time = c.Time.Add(dt)
	res, err := c.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: c.Height, Time: c.Time, Txs: txs})
	require.NoError(c.t, err)
	_, err = c.App.Commit()
	require.NoError(c.t, err)
	return res
}

// Ctx is a context on the committed state; writes go straight to the store and are
// committed by the next NextBlock, as ibc-go's test chains do.
func (c *Chain) Ctx() sdk.Context {
	return c.App.NewUncachedContext(false, cmtproto.Header{ChainID: ChainID, Height: c.Height + 1, Time: c.Time})
}
