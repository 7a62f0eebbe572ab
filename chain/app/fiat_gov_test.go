package app_test

import (
	"testing"

	"cosmossdk.io/math"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	fiatkeeper "github.com/gridledger/gridledger/chain/x/fiat/keeper"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

// TestGovernanceApprovesBank approves a bank entity through a real proposal: submitted,
// voted, executed by x/gov's end blocker through the message router. The bank can then
// attest and mint; before the vote it could not.
func TestGovernanceApprovesBank(t *testing.T) {
	staker, operator, bank, alice := apptest.NewAccount(), apptest.NewAccount(), apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, operator, staker, operator)
	c.AdmitParticipant(operator, alice, "10X-ALICE-0001")
	msgs := fiatkeeper.NewMsgServerImpl(c.App.FiatKeeper)

	approve := &fiattypes.MsgApproveBank{
		Authority: apptest.GovAuthority(), Address: bank.String(), Denom: "uchf.alpine", DisplayDenom: "chf.alpine",
		Currency: "CHF", Exponent: 6,
		FeeModel: fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: 25, FixedAmount: math.ZeroInt()},
	}
	_, err := msgs.AttestReserve(c.Ctx(), &fiattypes.MsgAttestReserve{Bank: bank.String(), Denom: "uchf.alpine", Reserve: math.NewInt(1), StatementHash: make([]byte, 32)})
	require.ErrorIs(t, err, fiattypes.ErrUnknownBank, "not a bank before the vote")

	proposal := c.PassProposal(staker, "Approve Alpine Bank", approve)
	require.Equal(t, govv1.StatusPassed, proposal.Status, "proposal should pass: %s", proposal.FailedReason)

	b, err := c.App.FiatKeeper.GetBank(c.Ctx(), "uchf.alpine")
	require.NoError(t, err)
	require.Equal(t, bank.String(), b.Address)
	require.Equal(t, fiattypes.BankEntityStatus_BANK_ENTITY_STATUS_ACTIVE, b.Status)
	md, ok := c.App.BankKeeper.GetDenomMetaData(c.Ctx(), "uchf.alpine")
	require.True(t, ok)
	require.Equal(t, "chf.alpine", md.Display)
	require.NoError(t, md.Validate())

	_, err = msgs.AttestReserve(c.Ctx(), &fiattypes.MsgAttestReserve{Bank: bank.String(), Denom: "uchf.alpine", Reserve: math.NewInt(1_000), StatementHash: make([]byte, 32)})
	require.NoError(t, err)
	_, err = msgs.Mint(c.Ctx(), &fiattypes.MsgMint{Bank: bank.String(), Denom: "uchf.alpine", Recipient: alice.String(), Amount: math.NewInt(1_000), DepositReference: "DEP-1"})
	require.NoError(t, err)
	require.Equal(t, "1000", c.App.BankKeeper.GetBalance(c.Ctx(), alice, "uchf.alpine").Amount.String())
	require.NoError(t, c.App.FiatKeeper.CheckInvariants(c.Ctx()))

	// The same message again: the denom now exists, so the proposal fails in execution.
	again := c.PassProposal(staker, "Approve Alpine Bank twice", approve)
	require.Equal(t, govv1.StatusFailed, again.Status)
	require.Contains(t, again.FailedReason, "denom already exists")
}
