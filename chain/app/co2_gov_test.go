package app_test

import (
	"testing"

	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// TestGovernanceAppointsCo2Authority appoints the CO2 authority through a real proposal;
// the participant gains the CO2 authority role and the query names it. A proposal naming
// a stranger fails in execution and leaves the appointment as it was; the message signed
// by anyone but x/gov is refused.
func TestGovernanceAppointsCo2Authority(t *testing.T) {
	staker, operator, alice, stranger := apptest.NewAccount(), apptest.NewAccount(), apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, operator, staker, operator)
	c.AdmitParticipant(operator, alice, "10X-ALICE-0001")
	q := balancingkeeper.NewQueryServerImpl(c.App.BalancingKeeper)

	none, err := q.Co2Authority(c.Ctx(), &balancingtypes.QueryCo2AuthorityRequest{})
	require.NoError(t, err)
	require.Empty(t, none.Address)

	_, err = balancingkeeper.NewMsgServerImpl(c.App.BalancingKeeper).AppointCo2Authority(c.Ctx(),
		&balancingtypes.MsgAppointCo2Authority{Authority: operator.String(), Co2Authority: alice.String()})
	require.ErrorIs(t, err, balancingtypes.ErrInvalidAuthority, "the grid operator does not appoint it")

	proposal := c.PassProposal(staker, "Appoint the CO2 authority",
		&balancingtypes.MsgAppointCo2Authority{Authority: apptest.GovAuthority(), Co2Authority: alice.String()})
	require.Equal(t, govv1.StatusPassed, proposal.Status, "proposal should pass: %s", proposal.FailedReason)

	res, err := q.Co2Authority(c.Ctx(), &balancingtypes.QueryCo2AuthorityRequest{})
	require.NoError(t, err)
	require.Equal(t, alice.String(), res.Address)
	require.Contains(t, res.Participant.Roles, balancingtypes.Role_ROLE_CO2_AUTHORITY)

	failed := c.PassProposal(staker, "Appoint a stranger",
		&balancingtypes.MsgAppointCo2Authority{Authority: apptest.GovAuthority(), Co2Authority: stranger.String()})
	require.Equal(t, govv1.StatusFailed, failed.Status)
	addr, ok, err := c.App.BalancingKeeper.Co2Authority(c.Ctx())
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, alice, addr, "a failed appointment changes nothing")
}
