package ibcnet

import (
	"fmt"

	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v10/modules/core/02-client/types"
	ibctesting "github.com/cosmos/ibc-go/v10/testing"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	interchainkeeper "github.com/gridledger/gridledger/chain/x/interchain/keeper"
	interchaintypes "github.com/gridledger/gridledger/chain/x/interchain/types"
)

// Chain is one gridd chain of the network: ibc-go's TestChain with the gridd App and the
// accounts its genesis gave standing (see the slots in genesis.go).
type Chain struct {
	*ibctesting.TestChain
	Name string
	Spec ChainSpec
	App  *app.App
	net  *Network
}

// Relayer is the account the testing package relays with (TestChain.SenderAccount).
func (c *Chain) Relayer() ibctesting.SenderAccount { return c.SenderAccounts[RelayerSlot] }

// Operator is the grid operator's account.
func (c *Chain) Operator() ibctesting.SenderAccount { return c.SenderAccounts[OperatorSlot] }

// OperatorAddress is the grid operator's address.
func (c *Chain) OperatorAddress() sdk.AccAddress { return SenderOf(c.Operator()) }

// Bank is the account of the chain's approved bank; the test fails if the chain has none.
func (c *Chain) Bank() ibctesting.SenderAccount {
	require.NotNil(c.TB, c.Spec.Bank, "%s has no bank", c.Name)
	return c.SenderAccounts[BankSlot]
}

// Denom is the chain's own fiat denom, or "" when it has no bank.
func (c *Chain) Denom() string {
	if c.Spec.Bank == nil {
		return ""
	}
	return c.Spec.Bank.Denom
}

// Participant is the i-th admitted participant (0 <= i < Participants).
func (c *Chain) Participant(i int) ibctesting.SenderAccount {
	require.Less(c.TB, i, Participants, "chains admit %d participants at genesis", Participants)
	return c.SenderAccounts[FirstParticipantSlot+i]
}

// Ctx is a context on the chain's latest state (writes go straight to the store: use it to
// read, or to prepare state the next block commits).
func (c *Chain) Ctx() sdk.Context { return c.GetContext() }

// Deliver signs msgs as sender and runs them in a block of their own through the whole ante
// chain (gridd's admission door included). Packets the transaction sends and
// acknowledgements it writes are queued for Relay. A transaction the chain refuses returns its
// result and an error; the sender's sequence is re-read either way, since a refusal at the
// door leaves it unchanged while the testing package counts it as used.
func (c *Chain) Deliver(sender ibctesting.SenderAccount, msgs ...sdk.Msg) (*abci.ExecTxResult, error) {
	c.TB.Helper()
	res, err := c.SendMsgsWithSender(sender, msgs...)
	acc := c.App.AccountKeeper.GetAccount(c.GetContext(), sender.SenderAccount.GetAddress())
	require.NotNil(c.TB, acc, "sender %s has no account on %s", sender.SenderAccount.GetAddress(), c.Name)
	require.NoError(c.TB, sender.SenderAccount.SetSequence(acc.GetSequence()))
	if err != nil {
		// SendMsgsWithSender advances the clock only on success; keep block times increasing.
		c.net.Coord.IncrementTime()
		return res, err
	}
	c.net.collect(c, res, false)
	return res, nil
}

// DeliverAsOperator is Deliver signed by the grid operator.
func (c *Chain) DeliverAsOperator(msgs ...sdk.Msg) (*abci.ExecTxResult, error) {
	c.TB.Helper()
	return c.Deliver(c.Operator(), msgs...)
}

// DeliverAsParticipant is Deliver signed by the i-th participant.
func (c *Chain) DeliverAsParticipant(i int, msgs ...sdk.Msg) (*abci.ExecTxResult, error) {
	c.TB.Helper()
	return c.Deliver(c.Participant(i), msgs...)
}

// Mint has the chain's bank mint amount of its fiat to an admitted participant.
func (c *Chain) Mint(to sdk.AccAddress, amount sdkmath.Int) {
	c.TB.Helper()
	_, err := c.Deliver(c.Bank(), &fiattypes.MsgMint{
		Bank: SenderOf(c.Bank()).String(), Denom: c.Denom(), Recipient: to.String(), Amount: amount,
		DepositReference: fmt.Sprintf("ibcnet-%d", c.App.LastBlockHeight()),
	})
	require.NoError(c.TB, err)
}

// Transfer sends amount over an ICS-20 channel from sender on this chain to receiver, with a
// timeout an hour after the chain's time. The packet is queued for Relay.
func (c *Chain) Transfer(from *ibctesting.Endpoint, sender ibctesting.SenderAccount, receiver sdk.AccAddress, amount sdk.Coin) (*abci.ExecTxResult, error) {
	c.TB.Helper()
	require.Same(c.TB, c.TestChain, from.Chain, "endpoint is on %s, not %s", from.Chain.ChainID, c.ChainID)
	return c.Deliver(sender, ibctransfertypes.NewMsgTransfer(from.ChannelConfig.PortID, from.ChannelID, amount,
		SenderOf(sender).String(), receiver.String(), clienttypes.ZeroHeight(), c.GetTimeoutTimestamp(), ""))
}

// Balance is addr's bank balance of denom.
func (c *Chain) Balance(addr sdk.AccAddress, denom string) sdkmath.Int {
	return c.App.BankKeeper.GetBalance(c.GetContext(), addr, denom).Amount
}

// Neighbourhood is x/interchain's Neighbourhood query on the chain.
func (c *Chain) Neighbourhood() *interchaintypes.QueryNeighbourhoodResponse {
	c.TB.Helper()
	res, err := interchainkeeper.NewQueryServerImpl(c.App.InterchainKeeper).Neighbourhood(c.GetContext(), &interchaintypes.QueryNeighbourhoodRequest{})
	require.NoError(c.TB, err)
	return res
}

// Peer is x/interchain's record of what the counterparty on an energy channel told this chain.
func (c *Chain) Peer(energyChannel string) interchaintypes.Peer {
	c.TB.Helper()
	res, err := interchainkeeper.NewQueryServerImpl(c.App.InterchainKeeper).Peer(c.GetContext(), &interchaintypes.QueryPeerRequest{ChannelId: energyChannel})
	require.NoError(c.TB, err)
	return res.Peer
}
