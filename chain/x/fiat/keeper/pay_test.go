package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// TestPay pays from alice's settlement account to bob's in uchf.summit under each fee
// model. The fee comes on top of the amount, rounded down, and goes to the bank's own
// account (not a settlement account).
func TestPay(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fee      types.FeeModel
		deposit  int64 // alice's settlement balance before paying
		amount   int64
		wantFee  int64
		bobFirst int64 // bob's settlement balance before
	}{
		{name: "no fee", fee: feeNone, deposit: 20_000, amount: 10_000, wantFee: 0},
		{name: "25 bp of 333 rounds down to nothing", fee: fee25bp, deposit: 20_000, amount: 333, wantFee: 0},
		{name: "25 bp of 10000 is 25", fee: fee25bp, deposit: 20_000, amount: 10_000, wantFee: 25},
		{name: "25 bp of 10399 rounds down to 25", fee: fee25bp, deposit: 20_000, amount: 10_399, wantFee: 25},
		{name: "25 bp of 10400 is 26", fee: fee25bp, deposit: 20_000, amount: 10_400, wantFee: 26},
		{name: "1000 bp of 1 is nothing", fee: bp(1000), deposit: 20_000, amount: 1, wantFee: 0},
		{name: "1000 bp of 10 is 1", fee: bp(1000), deposit: 20_000, amount: 10, wantFee: 1},
		{name: "fixed fee on a payment of 1", fee: fee7, deposit: 20_000, amount: 1, wantFee: 7},
		{name: "fixed fee on a large payment", fee: fee7, deposit: 20_000, amount: 19_993, wantFee: 7},
		{name: "amount and fee take the whole balance", fee: fee25bp, deposit: 10_025, amount: 10_000, wantFee: 25},
		{name: "payee with an existing account", fee: fee25bp, deposit: 20_000, amount: 10_000, wantFee: 25, bobFirst: 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.approve(t, summit, f.summitBank, tc.fee)
			f.attest(t, summit, reserve)
			f.fund(t, f.alice, summit, 50_000, tc.deposit)
			if tc.bobFirst > 0 {
				f.fund(t, f.bob, summit, tc.bobFirst, tc.bobFirst)
			}
			supply, escrow := f.supply(summit), f.balance(f.escrow, summit)

			ctx := f.ctx()
			fee, err := f.k.Pay(ctx, f.alice, f.bob, coin(summit, tc.amount), "trade:42")
			require.NoError(t, err)

			requireIntEq(t, tc.wantFee, fee, "fee")
			requireIntEq(t, tc.wantFee, f.feesDue(t, summit), "the fee waits in the escrow until the block ends")
			requireIntEq(t, 0, f.balance(f.summitBank, summit), "nothing reaches the bank before")
			require.NoError(t, f.k.SettleFees(ctx))
			requireIntEq(t, 0, f.feesDue(t, summit), "the end of the block settles every fee due")
			f.requireAccount(t, f.alice, summit, tc.deposit-tc.amount-tc.wantFee, 0)
			f.requireAccount(t, f.bob, summit, tc.bobFirst+tc.amount, 0)
			requireIntEq(t, tc.wantFee, f.balance(f.summitBank, summit), "fee credited to the bank's account")
			requireIntEq(t, tc.wantFee, f.bankOf(t, summit).FeesReceived, "bank.fees_received")
			require.Equal(t, escrow.SubRaw(tc.wantFee).String(), f.balance(f.escrow, summit).String(), "only the fee leaves the escrow")
			require.Equal(t, supply.String(), f.supply(summit).String(), "payments create and destroy no money")
			apptest.RequireEvent(t, ctx, &types.EventPayment{
				From: f.alice.String(), To: f.bob.String(), Denom: summit,
				Amount: math.NewInt(tc.amount).String(), Fee: math.NewInt(tc.wantFee).String(), Reason: "trade:42",
			})
			if tc.wantFee > 0 {
				apptest.RequireEvent(t, ctx, &types.EventFeesSettled{Bank: f.summitBank.String(), Denom: summit, Amount: math.NewInt(tc.wantFee).String()})
			}
		})
	}
}

// TestPayFeesAccumulate pays several times under a changing fee model and checks that
// the bank's fees_received sums them all.
func TestPayFeesAccumulate(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.fund(t, f.alice, alpine, 100_000, 100_000)
	for _, amount := range []int64{10_000, 333, 4_000} { // fees 25, 0, 10
		_, err := f.k.Pay(f.ctx(), f.alice, f.bob, coin(alpine, amount), "trade")
		require.NoError(t, err)
	}
	_, err := f.msgs.UpdateBank(f.ctx(), &types.MsgUpdateBank{Authority: f.gov, Denom: alpine, FeeModel: fixedFee(100), Status: active})
	require.NoError(t, err)
	_, err = f.k.Pay(f.ctx(), f.bob, f.carol, coin(alpine, 1), "trade")
	require.NoError(t, err)

	requireIntEq(t, 135, f.bankOf(t, alpine).FeesReceived)
	requireIntEq(t, 135, f.feesDue(t, alpine), "in the escrow until the block ends")
	f.c.NextBlock(time.Second)
	requireIntEq(t, 0, f.feesDue(t, alpine))
	requireIntEq(t, 135, f.balance(f.alpineBank, alpine), "one send at the end of the block")
	f.requireAccount(t, f.alice, alpine, 100_000-14_333-35, 0)
	f.requireAccount(t, f.bob, alpine, 14_333-101, 0)
	f.requireAccount(t, f.carol, alpine, 1, 0)
}

func TestPayRejections(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.fund(t, f.alice, alpine, 1000, 1000)
	f.lock(t, f.alice, coin(alpine, 500))  // alice: alpine balance 1000, available 500
	f.fund(t, f.alice, lakeside, 100, 100) // alice: lakeside 100, fee 7 per payment
	f.mint(t, alpine, f.bob, 1)            // bob: 1 in the wallet, no settlement account

	pay := func(payer, payee sdk.AccAddress, amount sdk.Coin) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.k.Pay(ctx, payer, payee, amount, "trade:1")
			return err
		}
	}
	for _, tc := range []struct {
		name string
		call func(sdk.Context) error
		want error
	}{
		{"locked funds do not count", pay(f.alice, f.bob, coin(alpine, 600)), types.ErrInsufficientFunds},
		{"more than the whole balance", pay(f.alice, f.bob, coin(alpine, 1001)), types.ErrInsufficientFunds},
		{"the available amount, but not the basis-point fee on top", pay(f.alice, f.bob, coin(alpine, 500)), types.ErrInsufficientFunds},
		{"the balance, but not the fixed fee on top", pay(f.alice, f.bob, coin(lakeside, 94)), types.ErrInsufficientFunds},
		{"from an account never used", pay(f.carol, f.bob, coin(alpine, 1)), types.ErrInsufficientFunds},
		{"fiat held in the wallet, not the settlement account", pay(f.bob, f.alice, coin(alpine, 1)), types.ErrInsufficientFunds},
		{"in the staking denom", pay(f.alice, f.bob, coin(app.BondDenom, 1)), types.ErrUnknownBank},
		{"in an IBC voucher", pay(f.alice, f.bob, coin(voucher, 1)), types.ErrUnknownBank},
		{"in a denom no bank issues", pay(f.alice, f.bob, coin(summit, 1)), types.ErrUnknownBank},
		{"zero", pay(f.alice, f.bob, coin(alpine, 0)), types.ErrInvalidAmount},
		{"negative", pay(f.alice, f.bob, sdk.Coin{Denom: alpine, Amount: math.NewInt(-3)}), types.ErrInvalidAmount},
		{"above 2^128", pay(f.alice, f.bob, sdk.Coin{Denom: alpine, Amount: tooMuch}), types.ErrInvalidAmount},
		{"no denom", pay(f.alice, f.bob, sdk.Coin{Amount: math.NewInt(1)}), types.ErrInvalidDenom},
		{"to oneself", pay(f.alice, f.alice, coin(alpine, 1)), types.ErrInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.requireRejected(t, tc.want, tc.call)
		})
	}
}

// TestSettleFeesKeepsWhatItCannotSend: a send the escrow cannot make (here it holds less
// than the fees due claim) leaves the fees due, changes nothing else and does not fail the
// block: a bank's account must never halt the chain.
func TestSettleFeesKeepsWhatItCannotSend(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.fund(t, f.alice, alpine, 10_000, 10_000)
	_, err := f.k.Pay(f.ctx(), f.alice, f.bob, coin(alpine, 10_000-25), "trade") // fee 24
	require.NoError(t, err)
	ctx, _ := f.ctx().CacheContext() // a corrupt branch: the fixture's invariants would fail on it
	held := f.c.App.BankKeeper.GetBalance(ctx, f.escrow, alpine).Amount
	require.NoError(t, f.k.FeesDue.Set(ctx, alpine, held.AddRaw(1))) // one more than the escrow holds
	wallet := f.c.App.BankKeeper.GetBalance(ctx, f.alpineBank, alpine).Amount

	require.NoError(t, f.k.SettleFees(ctx))
	due, err := f.k.FeesDue.Get(ctx, alpine)
	require.NoError(t, err)
	requireIntEq(t, held.AddRaw(1).Int64(), due, "the fees stay due")
	requireIntEq(t, wallet.Int64(), f.c.App.BankKeeper.GetBalance(ctx, f.alpineBank, alpine).Amount, "nothing reached the bank")
}
