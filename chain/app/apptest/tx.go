package apptest

import (
	"math/rand"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"
)

// Key is an account a test can sign real transactions with.
type Key struct {
	Priv cryptotypes.PrivKey
	Addr sdk.AccAddress
	// Seq is the sequence the next transaction signs with; CheckTx and Deliver advance it.
	Seq uint64
}

// NewKey returns a fresh key; pass its Addr to Setup to give it a funded account.
func NewKey() *Key {
	priv := secp256k1.GenPrivKey()
	return &Key{Priv: priv, Addr: sdk.AccAddress(priv.PubKey().Address())}
}

// SignTx signs msgs by k with the given gas limit and fee, at k's account number and
// sequence, the way a wallet would (SIGN_MODE_DIRECT).
func (c *Chain) SignTx(k *Key, gas uint64, fee sdk.Coins, msgs ...sdk.Msg) []byte {
	c.t.Helper()
	acc := c.App.AccountKeeper.GetAccount(c.Ctx(), k.Addr)
	var accNum uint64
	if acc != nil {
		accNum = acc.GetAccountNumber()
	}
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(1)), c.App.TxConfig(), msgs, fee, gas, ChainID,
		[]uint64{accNum}, []uint64{k.Seq}, k.Priv)
	require.NoError(c.t, err)
	bz, err := c.App.TxConfig().TxEncoder()(tx)
	require.NoError(c.t, err)
	return bz
}

// CheckTx offers msgs signed by k to the mempool, as a node does with a broadcast; on
// acceptance k's sequence advances, as the node's check state does.
func (c *Chain) CheckTx(k *Key, gas uint64, msgs ...sdk.Msg) *abci.ResponseCheckTx {
	c.t.Helper()
	res, err := c.App.CheckTx(&abci.RequestCheckTx{Tx: c.SignTx(k, gas, nil, msgs...), Type: abci.CheckTxType_New})
	require.NoError(c.t, err)
	if res.Code == 0 {
		k.Seq++
	}
	return res
}

// Deliver puts msgs signed by k in the next block, commits it and returns the result.
// k's sequence advances whenever the transaction got past the ante handler.
func (c *Chain) Deliver(k *Key, gas uint64, msgs ...sdk.Msg) *abci.ExecTxResult {
	c.t.Helper()
	res := c.DeliverTxs(c.SignTx(k, gas, nil, msgs...))[0]
	if acc := c.App.AccountKeeper.GetAccount(c.Ctx(), k.Addr); acc != nil {
		k.Seq = acc.GetSequence()
	}
	return res
}

// DeliverTxs puts raw transactions in the next block and commits it.
func (c *Chain) DeliverTxs(txs ...[]byte) []*abci.ExecTxResult {
	c.t.Helper()
	return c.finalize(time.Second, txs...)
}
