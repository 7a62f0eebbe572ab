package app_test

import (
	"testing"

	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	interchainkeeper "github.com/gridledger/gridledger/chain/x/interchain/keeper"
	interchaintypes "github.com/gridledger/gridledger/chain/x/interchain/types"
)

// TestGovernanceUpdatesInterchainParams changes the interchain parameters through a real
// proposal (the app gives the keeper the gov module account); the grid operator cannot, and
// a proposal with invalid parameters fails in execution and changes nothing.
func TestGovernanceUpdatesInterchainParams(t *testing.T) {
	staker, operator := apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, operator, staker, operator)
	q := interchainkeeper.NewQueryServerImpl(c.App.InterchainKeeper)
	require.Equal(t, apptest.GovAuthority(), c.App.InterchainKeeper.Authority())

	_, err := interchainkeeper.NewMsgServerImpl(c.App.InterchainKeeper).UpdateParams(c.Ctx(),
		&interchaintypes.MsgUpdateParams{Authority: operator.String(), Params: interchaintypes.Params{PurchaseKeepPeriods: 960}})
	require.ErrorIs(t, err, interchaintypes.ErrInvalidAuthority, "the grid operator does not change them")

	want := interchaintypes.Params{PurchaseKeepPeriods: 960, TrueupDelayPeriods: 96, MaxTrueupsPerBlock: 10}
	proposal := c.PassProposal(staker, "Keep cross-grid purchases ten days", &interchaintypes.MsgUpdateParams{Authority: apptest.GovAuthority(), Params: want})
	require.Equal(t, govv1.StatusPassed, proposal.Status, "proposal should pass: %s", proposal.FailedReason)
	res, err := q.Params(c.Ctx(), &interchaintypes.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, want, res.Params)

	failed := c.PassProposal(staker, "Keep them shorter than the true-up waits",
		&interchaintypes.MsgUpdateParams{Authority: apptest.GovAuthority(), Params: interchaintypes.Params{PurchaseKeepPeriods: 10, TrueupDelayPeriods: 20}})
	require.Equal(t, govv1.StatusFailed, failed.Status)
	res, err = q.Params(c.Ctx(), &interchaintypes.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, want, res.Params, "a failed proposal changes nothing")
}
