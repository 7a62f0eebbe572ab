package apptest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	fiatkeeper "github.com/gridledger/gridledger/chain/x/fiat/keeper"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

// Admission describes a participant for Admit.
type Admission struct {
	LegalID          string
	Roles            []balancingtypes.Role
	PositionLimitWh  uint64
	TradedCategories []balancingtypes.EnergyCategory
}

// Admit has the grid operator admit who; traded categories give it virtual meters.
func (c *Chain) Admit(ctx sdk.Context, operator, who sdk.AccAddress, a Admission) {
	c.t.Helper()
	_, err := balancingkeeper.NewMsgServerImpl(c.App.BalancingKeeper).AdmitParticipant(ctx, &balancingtypes.MsgAdmitParticipant{
		Operator: operator.String(), Address: who.String(), LegalId: a.LegalID, DisplayName: "Participant " + a.LegalID,
		Roles: a.Roles, PositionLimitWh: a.PositionLimitWh, TradedCategories: a.TradedCategories,
	})
	require.NoError(c.t, err)
}

// Suspend has the grid operator suspend who.
func (c *Chain) Suspend(ctx sdk.Context, operator, who sdk.AccAddress) {
	c.t.Helper()
	_, err := balancingkeeper.NewMsgServerImpl(c.App.BalancingKeeper).SuspendParticipant(ctx, &balancingtypes.MsgSuspendParticipant{
		Operator: operator.String(), Address: who.String(), ReasonCode: "test",
	})
	require.NoError(c.t, err)
}

// RegisterMeter has the grid operator register a physical meter of owner.
func (c *Chain) RegisterMeter(ctx sdk.Context, operator sdk.AccAddress, id string, owner sdk.AccAddress,
	kind balancingtypes.MeterKind, category balancingtypes.EnergyCategory,
) {
	c.t.Helper()
	_, err := balancingkeeper.NewMsgServerImpl(c.App.BalancingKeeper).RegisterMeter(ctx, &balancingtypes.MsgRegisterMeter{
		PointKind: balancingtypes.MeteringPointKind_METERING_POINT_KIND_COMPANY,
		Operator:  operator.String(), Id: id, Owner: owner.String(), Kind: kind, Category: category,
		Location:     balancingtypes.Location{GridNode: "ZH-7", Area: "CH-ZH"},
		KeyAlgorithm: balancingtypes.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: make([]byte, 32),
	})
	require.NoError(c.t, err)
}

// ApproveBank approves bank as the issuer of denom (as governance would) and attests a
// reserve, so the bank can mint up to it.
func (c *Chain) ApproveBank(ctx sdk.Context, bank sdk.AccAddress, denom, displayDenom, currency string, fee fiattypes.FeeModel, reserve sdkmath.Int) {
	c.t.Helper()
	msgs := fiatkeeper.NewMsgServerImpl(c.App.FiatKeeper)
	_, err := msgs.ApproveBank(ctx, &fiattypes.MsgApproveBank{
		Authority: GovAuthority(), Address: bank.String(), Denom: denom, Currency: currency, Exponent: 6,
		FeeModel: fee, DisplayDenom: displayDenom,
	})
	require.NoError(c.t, err)
	hash := sha256.Sum256([]byte("reserve statement " + denom))
	_, err = msgs.AttestReserve(ctx, &fiattypes.MsgAttestReserve{Bank: bank.String(), Denom: denom, Reserve: reserve, StatementHash: hash[:]})
	require.NoError(c.t, err)
}

// Fund mints minted of denom to an admitted participant and deposits deposited of it
// into its settlement account.
func (c *Chain) Fund(ctx sdk.Context, bank sdk.AccAddress, denom string, to sdk.AccAddress, minted, deposited sdkmath.Int) {
	c.t.Helper()
	msgs := fiatkeeper.NewMsgServerImpl(c.App.FiatKeeper)
	_, err := msgs.Mint(ctx, &fiattypes.MsgMint{
		Bank: bank.String(), Denom: denom, Recipient: to.String(), Amount: minted,
		DepositReference: fmt.Sprintf("dep-%x", to.Bytes()[:8]),
	})
	require.NoError(c.t, err)
	if deposited.IsPositive() {
		_, err = msgs.Deposit(ctx, &fiattypes.MsgDeposit{Owner: to.String(), Amount: sdk.NewCoin(denom, deposited)})
		require.NoError(c.t, err)
	}
}

// Settlement is owner's settlement-account balance in denom. It takes its own t (as
// StoreDump does) so that a fuzz target can call it with the target's *testing.T.
func (c *Chain) Settlement(t testing.TB, ctx sdk.Context, owner sdk.AccAddress, denom string) sdkmath.Int {
	t.Helper()
	acc, err := c.App.FiatKeeper.GetSettlementAccount(ctx, owner, denom)
	require.NoError(t, err)
	return acc.Balance
}

// StoreDump returns every key and value of the named module stores, hex encoded and
// keyed "store/key". Tests compare dumps to prove that a refused message wrote nothing,
// sequences and indexes included.
func (c *Chain) StoreDump(t testing.TB, ctx sdk.Context, stores ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range stores {
		key := c.App.GetKey(name)
		require.NotNil(t, key, "no store %s", name)
		for _, kv := range DumpStore(ctx, key) {
			out[name+"/"+hex.EncodeToString(kv.Key)] = hex.EncodeToString(kv.Value)
		}
	}
	return out
}
