package app_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// replaceOperatorByVote submits a proposal to make newOperator the grid operator, votes
// it with the only staker, and runs blocks past the voting period.
func replaceOperatorByVote(t *testing.T, c *apptest.Chain, staker sdk.AccAddress, newOperator sdk.AccAddress, option govv1.VoteOption) uint64 {
	t.Helper()
	govAddr := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	params, err := c.App.GovKeeper.Params.Get(c.Ctx())
	require.NoError(t, err)
	update := &balancingtypes.MsgUpdateParams{Authority: govAddr, Params: balancingtypes.Params{GridOperator: newOperator.String()}}
	proposal, err := govv1.NewMsgSubmitProposal([]sdk.Msg{update}, params.MinDeposit, staker.String(), "", "Replace the grid operator", "The operator changes hands", false)
	require.NoError(t, err)

	govMsgs := govkeeper.NewMsgServerImpl(&c.App.GovKeeper)
	res, err := govMsgs.SubmitProposal(c.Ctx(), proposal)
	require.NoError(t, err)
	c.NextBlock(time.Second)
	_, err = govMsgs.Vote(c.Ctx(), govv1.NewMsgVote(staker, res.ProposalId, option, ""))
	require.NoError(t, err)
	c.NextBlock(time.Second)
	c.NextBlock(*params.VotingPeriod + time.Second)
	c.NextBlock(time.Second)
	return res.ProposalId
}

func admit(c *apptest.Chain, operator, who sdk.AccAddress, legalID string) error {
	_, err := balancingkeeper.NewMsgServerImpl(c.App.BalancingKeeper).AdmitParticipant(c.Ctx(), &balancingtypes.MsgAdmitParticipant{
		Operator: operator.String(), Address: who.String(), LegalId: legalID, DisplayName: "Test Co",
		Roles: []balancingtypes.Role{balancingtypes.Role_ROLE_CONSUMER},
	})
	return err
}

func TestGovernanceReplacesGridOperator(t *testing.T) {
	staker, oldOp, newOp := apptest.NewAccount(), apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, oldOp, staker, oldOp, newOp)

	// The old operator cannot replace itself: only x/gov signs MsgUpdateParams.
	_, err := balancingkeeper.NewMsgServerImpl(c.App.BalancingKeeper).UpdateParams(c.Ctx(), &balancingtypes.MsgUpdateParams{
		Authority: oldOp.String(), Params: balancingtypes.Params{GridOperator: newOp.String()},
	})
	require.ErrorIs(t, err, balancingtypes.ErrInvalidAuthority)

	id := replaceOperatorByVote(t, c, staker, newOp, govv1.OptionYes)

	proposal, err := c.App.GovKeeper.Proposals.Get(c.Ctx(), id)
	require.NoError(t, err)
	require.Equal(t, govv1.StatusPassed, proposal.Status, "proposal should pass: %s", proposal.FailedReason)
	op, err := c.App.BalancingKeeper.GridOperator(c.Ctx())
	require.NoError(t, err)
	require.Equal(t, newOp.String(), op)

	// The old operator has lost its power; the new one has it.
	require.ErrorIs(t, admit(c, oldOp, apptest.NewAccount(), "10X-OLD-OP-TRY"), balancingtypes.ErrUnauthorized)
	require.NoError(t, admit(c, newOp, apptest.NewAccount(), "10X-NEW-OP-OK"))
}

func TestRejectedProposalKeepsGridOperator(t *testing.T) {
	staker, oldOp, newOp := apptest.NewAccount(), apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, oldOp, staker, oldOp, newOp)

	id := replaceOperatorByVote(t, c, staker, newOp, govv1.OptionNo)

	proposal, err := c.App.GovKeeper.Proposals.Get(c.Ctx(), id)
	require.NoError(t, err)
	require.Equal(t, govv1.StatusRejected, proposal.Status)
	op, err := c.App.BalancingKeeper.GridOperator(c.Ctx())
	require.NoError(t, err)
	require.Equal(t, oldOp.String(), op)
	require.ErrorIs(t, admit(c, newOp, apptest.NewAccount(), "10X-NEW-OP-TRY"), balancingtypes.ErrUnauthorized)
	require.NoError(t, admit(c, oldOp, apptest.NewAccount(), "10X-OLD-OP-OK"))
}

var _ = sdkmath.ZeroInt
var _ = app.BondDenom
