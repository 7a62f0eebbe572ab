package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/fiat/keeper"
	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// TestGenesisRoundTrip exports a chain with every kind of x/fiat state and starts a
// fresh chain from the export: the fiat export, the rebuilt redemption index and fee
// totals, and the bank metadata must come back, and the new chain must carry on.
func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.approve(t, summit, f.summitBank, feeNone)
	f.attest(t, summit, 1000)
	f.mint(t, summit, f.carol, 1000)
	_, err := f.msgs.UpdateBank(f.ctx(), &types.MsgUpdateBank{Authority: f.gov, Denom: summit, FeeModel: feeNone, Status: revoked})
	require.NoError(t, err)

	f.fund(t, f.alice, alpine, 100_000, 60_000)
	f.fund(t, f.bob, lakeside, 5_000, 5_000)
	f.fund(t, f.bob, alpine, 1_000, 0)
	f.lock(t, f.alice, coin(alpine, 20_000))
	_, err = f.k.Pay(f.ctx(), f.alice, f.bob, coin(alpine, 10_000), "trade:1")
	require.NoError(t, err)
	_, err = f.k.Pay(f.ctx(), f.bob, f.carol, coin(lakeside, 100), "trade:2")
	require.NoError(t, err)
	paidID := f.redeem(t, f.alice, coin(alpine, 30_000))
	f.markPaid(t, alpine, paidID)
	pendingID := f.redeem(t, f.bob, coin(alpine, 500))

	c2 := f.c.Reimport()
	t.Cleanup(func() { requireInvariantsAt(t, c2.App, c2.Ctx()) })
	k2 := c2.App.FiatKeeper

	before, err := f.k.ExportGenesis(f.ctx())
	require.NoError(t, err)
	after, err := k2.ExportGenesis(c2.Ctx())
	require.NoError(t, err)
	cdc := f.c.App.AppCodec()
	require.JSONEq(t, string(cdc.MustMarshalJSON(before)), string(cdc.MustMarshalJSON(after)))
	require.Len(t, after.Banks, 3)
	require.Len(t, after.Redemptions, 2)
	require.Len(t, after.SettlementAccounts, 4, "alice alpine, bob alpine and lakeside, carol lakeside")
	require.NoError(t, after.Validate())

	// What the export leaves out is rebuilt: the (denom, status) index and fee totals.
	require.Equal(t, redemptionIndex(t, f.k, f.ctx()), redemptionIndex(t, k2, c2.Ctx()))
	for _, denom := range []string{alpine, lakeside, summit} {
		require.Equal(t, feesPaid(t, f.k, f.ctx(), denom).String(), feesPaid(t, k2, c2.Ctx(), denom).String(), denom)
		md, ok := c2.App.BankKeeper.GetDenomMetaData(c2.Ctx(), denom)
		require.True(t, ok, "%s metadata", denom)
		require.NoError(t, md.Validate())
	}
	q2 := keeper.NewQueryServerImpl(k2)
	res, err := q2.Redemptions(c2.Ctx(), &types.QueryRedemptionsRequest{Denom: alpine, Status: pending})
	require.NoError(t, err)
	require.Len(t, res.Redemptions, 1)
	require.Equal(t, pendingID, res.Redemptions[0].Id)

	// The new chain carries on: ids continue, the escrow pays out, the bank confirms.
	msgs2 := keeper.NewMsgServerImpl(k2)
	red, err := msgs2.Redeem(c2.Ctx(), &types.MsgRedeem{Holder: f.bob.String(), Amount: coin(alpine, 1), PayoutReference: "PAY-9"})
	require.NoError(t, err)
	require.Equal(t, before.NextRedemptionId, red.RedemptionId)
	_, err = msgs2.MarkRedemptionPaid(c2.Ctx(), &types.MsgMarkRedemptionPaid{Bank: f.alpineBank.String(), RedemptionId: pendingID})
	require.NoError(t, err)
	_, err = msgs2.Withdraw(c2.Ctx(), &types.MsgWithdraw{Owner: f.alice.String(), Amount: coin(alpine, 1)})
	require.NoError(t, err)
	_, err = msgs2.Mint(c2.Ctx(), &types.MsgMint{Bank: f.summitBank.String(), Denom: summit, Recipient: f.alice.String(), Amount: math.NewInt(1), DepositReference: "D"})
	require.ErrorIs(t, err, types.ErrBankRevoked, "revocation survives the export")
}

// redemptionIndex lists the (denom, status, id) index in key order.
func redemptionIndex(t *testing.T, k keeper.Keeper, ctx sdk.Context) []string {
	t.Helper()
	var out []string
	require.NoError(t, k.RedemptionsByDenomStatus.Walk(ctx, nil, func(key collections.Triple[string, int32, uint64]) (bool, error) {
		out = append(out, key.K1()+"/"+types.RedemptionStatus(key.K2()).String()+"/"+math.NewIntFromUint64(key.K3()).String())
		return false, nil
	}))
	return out
}

// feesPaid is the fee total of denom, zero when never set.
func feesPaid(t *testing.T, k keeper.Keeper, ctx sdk.Context, denom string) math.Int {
	t.Helper()
	v, err := k.FeesPaid.Get(ctx, denom)
	if err != nil {
		require.ErrorIs(t, err, collections.ErrNotFound)
		return math.ZeroInt()
	}
	return v
}

// TestInitGenesisDefault starts from the default genesis: no banks, ids from 1.
func TestInitGenesisDefault(t *testing.T) {
	f := newFixture(t)
	gs, err := f.k.ExportGenesis(f.ctx())
	require.NoError(t, err)
	require.Equal(t, types.DefaultGenesis().NextAuditId, gs.NextAuditId)
	require.Equal(t, types.DefaultGenesis().NextRedemptionId, gs.NextRedemptionId)
	require.Empty(t, gs.Banks)
	require.NoError(t, gs.Validate())
}
