package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// TestCheckInvariantsDetectsCorruption proves the check can fail: each case corrupts a
// branch of a healthy chain's state (directly through a collection or x/bank, never
// through x/fiat's messages) and expects CheckInvariants to name the broken rule. The
// branch is dropped, so the fixture's own final check still sees the healthy state.
func TestCheckInvariantsDetectsCorruption(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.fund(t, f.alice, alpine, 10_000, 6_000)
	f.lock(t, f.alice, coin(alpine, 1_000))
	_, err := f.k.Pay(f.ctx(), f.alice, f.bob, coin(alpine, 4_000), "trade:1") // fee 10
	require.NoError(t, err)
	require.NoError(t, f.k.CheckInvariants(f.ctx()), "the healthy state passes")

	bankKeeper := f.c.App.BankKeeper
	updateAccount := func(ctx sdk.Context, edit func(*types.SettlementAccount)) {
		acc := f.account(t, f.alice, alpine)
		edit(&acc)
		require.NoError(t, f.k.SettlementAccounts.Set(ctx, accountKey(f.alice, alpine), acc))
	}
	updateBank := func(ctx sdk.Context, edit func(*types.BankEntity)) {
		b := f.bankOf(t, alpine)
		edit(&b)
		require.NoError(t, f.k.Banks.Set(ctx, alpine, b))
	}
	for _, tc := range []struct {
		name    string
		corrupt func(ctx sdk.Context)
		want    string
	}{
		{"a settlement account credited without coins in escrow", func(ctx sdk.Context) {
			updateAccount(ctx, func(a *types.SettlementAccount) { a.Balance = a.Balance.AddRaw(1) })
		}, "settlement escrow holds"},
		{"a settlement account deleted while its coins stay in escrow", func(ctx sdk.Context) {
			require.NoError(t, f.k.SettlementAccounts.Remove(ctx, accountKey(f.alice, alpine)))
		}, "settlement escrow holds"},
		{"more locked than held", func(ctx sdk.Context) {
			updateAccount(ctx, func(a *types.SettlementAccount) { a.Locked = a.Balance.AddRaw(1) })
		}, "locked"},
		{"negative collateral", func(ctx sdk.Context) {
			updateAccount(ctx, func(a *types.SettlementAccount) { a.Locked = a.Locked.Neg() })
		}, "locked"},
		{"escrow drained by a module send that bypasses x/fiat", func(ctx sdk.Context) {
			require.NoError(t, bankKeeper.SendCoinsFromModuleToAccount(ctx, types.SettlementAccountName, f.bob, sdk.NewCoins(coin(alpine, 1))))
		}, "settlement escrow holds"},
		{"minted total that x/bank's supply does not match", func(ctx sdk.Context) {
			updateBank(ctx, func(b *types.BankEntity) { b.Minted = b.Minted.AddRaw(1) })
		}, "supply"},
		{"fiat minted through x/bank behind x/fiat's back", func(ctx sdk.Context) {
			require.NoError(t, bankKeeper.MintCoins(ctx, types.ModuleName, sdk.NewCoins(coin(alpine, 1))))
		}, "supply"},
		{"fiat burned behind x/fiat's back", func(ctx sdk.Context) {
			require.NoError(t, bankKeeper.SendCoinsFromAccountToModule(ctx, f.alice, types.ModuleName, sdk.NewCoins(coin(alpine, 1))))
			require.NoError(t, bankKeeper.BurnCoins(ctx, types.ModuleName, sdk.NewCoins(coin(alpine, 1))))
		}, "supply"},
		{"reserve below outstanding", func(ctx sdk.Context) {
			updateBank(ctx, func(b *types.BankEntity) { b.Reserve = b.Outstanding().SubRaw(1) })
		}, "above reserve"},
		{"fees received that no payer paid", func(ctx sdk.Context) {
			updateBank(ctx, func(b *types.BankEntity) { b.FeesReceived = b.FeesReceived.AddRaw(1) })
		}, "fees paid"},
		{"fees paid that no bank received", func(ctx sdk.Context) {
			require.NoError(t, f.k.FeesPaid.Set(ctx, alpine, f.bankOf(t, alpine).FeesReceived.AddRaw(1)))
		}, "fees paid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := f.ctx().CacheContext()
			tc.corrupt(ctx)
			err := f.k.CheckInvariants(ctx)
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
			require.NoError(t, f.k.CheckInvariants(f.ctx()), "the corruption stayed in its branch")
		})
	}
}
