package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

func TestQueryBanks(t *testing.T) {
	f := newFixture(t).withBanks(t)
	ctx := f.ctx()

	res, err := f.q.Bank(ctx, &types.QueryBankRequest{Denom: lakeside})
	require.NoError(t, err)
	require.Equal(t, f.bankOf(t, lakeside), res.Bank)
	require.Equal(t, f.lakeBank.String(), res.Bank.Address)

	_, err = f.q.Bank(ctx, &types.QueryBankRequest{Denom: summit})
	require.ErrorIs(t, err, types.ErrUnknownBank)
	_, err = f.q.Bank(ctx, nil)
	require.ErrorIs(t, err, types.ErrInvalidRequest)

	all, err := f.q.Banks(ctx, &types.QueryBanksRequest{})
	require.NoError(t, err)
	require.Equal(t, []string{alpine, lakeside}, denoms(all.Banks), "key order")

	page1, err := f.q.Banks(ctx, &types.QueryBanksRequest{Pagination: &query.PageRequest{Limit: 1, CountTotal: true}})
	require.NoError(t, err)
	require.Equal(t, []string{alpine}, denoms(page1.Banks))
	require.EqualValues(t, 2, page1.Pagination.Total)
	page2, err := f.q.Banks(ctx, &types.QueryBanksRequest{Pagination: &query.PageRequest{Key: page1.Pagination.NextKey, Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, []string{lakeside}, denoms(page2.Banks))
	require.Empty(t, page2.Pagination.NextKey)

	_, err = f.q.Banks(ctx, nil)
	require.ErrorIs(t, err, types.ErrInvalidRequest)
}

func denoms(banks []types.BankEntity) []string {
	var out []string
	for _, b := range banks {
		out = append(out, b.Denom)
	}
	return out
}

// TestQueryAuditTrail interleaves two banks' activity and reads each trail back in order.
func TestQueryAuditTrail(t *testing.T) {
	f := newFixture(t)
	f.approve(t, alpine, f.alpineBank, fee25bp)
	f.approve(t, lakeside, f.lakeBank, fee7)
	f.attest(t, alpine, 5000)
	f.attest(t, lakeside, 5000)
	f.mint(t, alpine, f.alice, 1000)
	f.mint(t, lakeside, f.bob, 10)
	id := f.redeem(t, f.alice, coin(alpine, 400))
	f.markPaid(t, alpine, id)

	trail := f.auditTrail(t, alpine)
	var kinds []types.AuditKind
	for _, e := range trail {
		require.Equal(t, alpine, e.Denom)
		kinds = append(kinds, e.Kind)
	}
	require.Equal(t, []types.AuditKind{
		types.AuditKind_AUDIT_KIND_ATTESTATION, types.AuditKind_AUDIT_KIND_MINT,
		types.AuditKind_AUDIT_KIND_REDEMPTION, types.AuditKind_AUDIT_KIND_PAYOUT,
	}, kinds)
	for i := 1; i < len(trail); i++ {
		require.Less(t, trail[i-1].Id, trail[i].Id, "oldest first")
	}
	require.Equal(t, []uint64{0, 0, id, id}, []uint64{trail[0].RedemptionId, trail[1].RedemptionId, trail[2].RedemptionId, trail[3].RedemptionId})
	require.Equal(t, []string{"5000", "1000", "400", "400"}, []string{trail[0].Amount.String(), trail[1].Amount.String(), trail[2].Amount.String(), trail[3].Amount.String()})

	lake := f.auditTrail(t, lakeside)
	require.Len(t, lake, 2, "the other bank's trail holds only its own entries")

	page, err := f.q.AuditTrail(f.ctx(), &types.QueryAuditTrailRequest{Denom: alpine, Pagination: &query.PageRequest{Limit: 3}})
	require.NoError(t, err)
	require.Equal(t, trail[:3], page.Entries)
	next, err := f.q.AuditTrail(f.ctx(), &types.QueryAuditTrailRequest{Denom: alpine, Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, trail[3:], next.Entries)

	_, err = f.q.AuditTrail(f.ctx(), &types.QueryAuditTrailRequest{Denom: summit})
	require.ErrorIs(t, err, types.ErrUnknownBank)
	_, err = f.q.AuditTrail(f.ctx(), nil)
	require.ErrorIs(t, err, types.ErrInvalidRequest)
}

// TestQueryRedemptions checks that marking a redemption paid moves it from the pending
// to the paid index prefix, and that each bank sees only its own redemptions.
func TestQueryRedemptions(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.fund(t, f.alice, alpine, 1000, 0)
	f.fund(t, f.bob, lakeside, 1000, 0)
	r1 := f.redeem(t, f.alice, coin(alpine, 100))
	rLake := f.redeem(t, f.bob, coin(lakeside, 50))
	r2 := f.redeem(t, f.alice, coin(alpine, 200))
	r3 := f.redeem(t, f.alice, coin(alpine, 300))

	ids := func(status types.RedemptionStatus, denom string) []uint64 {
		t.Helper()
		res, err := f.q.Redemptions(f.ctx(), &types.QueryRedemptionsRequest{Denom: denom, Status: status})
		require.NoError(t, err)
		out := []uint64{}
		for _, r := range res.Redemptions {
			require.Equal(t, denom, r.Denom)
			if status != types.RedemptionStatus_REDEMPTION_STATUS_UNSPECIFIED {
				require.Equal(t, status, r.Status)
			}
			out = append(out, r.Id)
		}
		return out
	}
	all := types.RedemptionStatus_REDEMPTION_STATUS_UNSPECIFIED

	require.Equal(t, []uint64{r1, r2, r3}, ids(pending, alpine))
	require.Equal(t, []uint64{}, ids(paid, alpine))
	require.Equal(t, []uint64{rLake}, ids(pending, lakeside))

	f.markPaid(t, alpine, r2)
	require.Equal(t, []uint64{r1, r3}, ids(pending, alpine))
	require.Equal(t, []uint64{r2}, ids(paid, alpine))
	require.Equal(t, []uint64{r1, r3, r2}, ids(all, alpine), "no status: pending first, then paid, by id")
	require.Equal(t, []uint64{rLake}, ids(all, lakeside))

	f.markPaid(t, alpine, r1)
	f.markPaid(t, alpine, r3)
	require.Equal(t, []uint64{}, ids(pending, alpine))
	require.Equal(t, []uint64{r1, r2, r3}, ids(paid, alpine))

	one, err := f.q.Redemption(f.ctx(), &types.QueryRedemptionRequest{Id: rLake})
	require.NoError(t, err)
	require.Equal(t, lakeside, one.Redemption.Denom)
	require.Equal(t, pending, one.Redemption.Status)
	require.Equal(t, math.NewInt(50), one.Redemption.Amount)

	page, err := f.q.Redemptions(f.ctx(), &types.QueryRedemptionsRequest{Denom: alpine, Status: paid, Pagination: &query.PageRequest{Limit: 2}})
	require.NoError(t, err)
	require.Len(t, page.Redemptions, 2)
	require.NotEmpty(t, page.Pagination.NextKey)
	rest, err := f.q.Redemptions(f.ctx(), &types.QueryRedemptionsRequest{Denom: alpine, Status: paid, Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
	require.NoError(t, err)
	require.Len(t, rest.Redemptions, 1, "the next page stays within the (denom, status) prefix")
	require.Equal(t, r3, rest.Redemptions[0].Id)

	_, err = f.q.Redemption(f.ctx(), &types.QueryRedemptionRequest{Id: 42})
	require.ErrorIs(t, err, types.ErrUnknownRedemption)
	_, err = f.q.Redemptions(f.ctx(), &types.QueryRedemptionsRequest{Denom: summit})
	require.ErrorIs(t, err, types.ErrUnknownBank)
	_, err = f.q.Redemption(f.ctx(), nil)
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = f.q.Redemptions(f.ctx(), nil)
	require.ErrorIs(t, err, types.ErrInvalidRequest)
}

func TestQuerySettlementAccounts(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.fund(t, f.alice, alpine, 1000, 600)
	f.lock(t, f.alice, coin(alpine, 100))
	f.fund(t, f.alice, lakeside, 50, 50)
	f.fund(t, f.bob, alpine, 10, 10)

	res, err := f.q.SettlementAccount(f.ctx(), &types.QuerySettlementAccountRequest{Owner: f.alice.String(), Denom: alpine})
	require.NoError(t, err)
	require.Equal(t, types.SettlementAccount{Owner: f.alice.String(), Denom: alpine, Balance: math.NewInt(600), Locked: math.NewInt(100)}, res.Account)

	unused, err := f.q.SettlementAccount(f.ctx(), &types.QuerySettlementAccountRequest{Owner: f.carol.String(), Denom: alpine})
	require.NoError(t, err)
	require.Equal(t, types.SettlementAccount{Owner: f.carol.String(), Denom: alpine, Balance: math.ZeroInt(), Locked: math.ZeroInt()}, unused.Account,
		"an unused account reads as zero")

	list, err := f.q.SettlementAccounts(f.ctx(), &types.QuerySettlementAccountsRequest{Owner: f.alice.String()})
	require.NoError(t, err)
	require.Len(t, list.Accounts, 2, "alice's accounts only, not bob's")
	require.ElementsMatch(t, []string{alpine, lakeside}, []string{list.Accounts[0].Denom, list.Accounts[1].Denom})
	for _, a := range list.Accounts {
		require.Equal(t, f.alice.String(), a.Owner)
	}
	none, err := f.q.SettlementAccounts(f.ctx(), &types.QuerySettlementAccountsRequest{Owner: f.carol.String()})
	require.NoError(t, err)
	require.Empty(t, none.Accounts)

	_, err = f.q.SettlementAccount(f.ctx(), &types.QuerySettlementAccountRequest{Owner: "grid1bad", Denom: alpine})
	require.ErrorIs(t, err, types.ErrInvalidAddress)
	_, err = f.q.SettlementAccount(f.ctx(), &types.QuerySettlementAccountRequest{Owner: f.alice.String(), Denom: "!"})
	require.ErrorIs(t, err, types.ErrInvalidDenom)
	_, err = f.q.SettlementAccounts(f.ctx(), &types.QuerySettlementAccountsRequest{Owner: ""})
	require.ErrorIs(t, err, types.ErrInvalidAddress)
	_, err = f.q.SettlementAccount(f.ctx(), nil)
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = f.q.SettlementAccounts(f.ctx(), nil)
	require.ErrorIs(t, err, types.ErrInvalidRequest)
}
