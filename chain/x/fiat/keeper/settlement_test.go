package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// TestSettlementMoves starts every case with alice holding 1000 uchf.alpine in her
// wallet, 600 of it deposited and 200 of that locked, and checks wallet, account,
// escrow and event after one move.
func TestSettlementMoves(t *testing.T) {
	for _, tc := range []struct {
		name   string
		setup  func(*testing.T, *fixture)
		move   func(*fixture, sdk.Context) error
		action string
		amount int64
		// wallet, balance and locked are alice's afterwards; the escrow holds balance.
		wallet, balance, locked int64
	}{
		{
			name: "deposit part of the wallet", action: "deposit", amount: 150, wallet: 250, balance: 750, locked: 200,
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.Deposit(ctx, &types.MsgDeposit{Owner: f.alice.String(), Amount: coin(alpine, 150)})
				return err
			},
		},
		{
			name: "deposit all of the wallet", action: "deposit", amount: 400, wallet: 0, balance: 1000, locked: 200,
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.Deposit(ctx, &types.MsgDeposit{Owner: f.alice.String(), Amount: coin(alpine, 400)})
				return err
			},
		},
		{
			name: "deposit by a suspended participant", action: "deposit", amount: 1, wallet: 399, balance: 601, locked: 200,
			setup: func(t *testing.T, f *fixture) { f.c.SuspendParticipant(f.operator, f.alice) },
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.Deposit(ctx, &types.MsgDeposit{Owner: f.alice.String(), Amount: coin(alpine, 1)})
				return err
			},
		},
		{
			name: "withdraw part of the unlocked balance", action: "withdraw", amount: 100, wallet: 500, balance: 500, locked: 200,
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.Withdraw(ctx, &types.MsgWithdraw{Owner: f.alice.String(), Amount: coin(alpine, 100)})
				return err
			},
		},
		{
			name: "withdraw exactly the unlocked balance: collateral stays", action: "withdraw", amount: 400, wallet: 800, balance: 200, locked: 200,
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.Withdraw(ctx, &types.MsgWithdraw{Owner: f.alice.String(), Amount: coin(alpine, 400)})
				return err
			},
		},
		{
			name: "withdraw everything once unlocked: the account is deleted", action: "withdraw", amount: 600, wallet: 1000, balance: 0, locked: 0,
			setup: func(t *testing.T, f *fixture) {
				_, err := f.msgs.UnlockCollateral(f.ctx(), &types.MsgUnlockCollateral{Operator: f.operator.String(), Owner: f.alice.String(), Amount: coin(alpine, 200)})
				require.NoError(t, err)
			},
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.Withdraw(ctx, &types.MsgWithdraw{Owner: f.alice.String(), Amount: coin(alpine, 600)})
				return err
			},
		},
		{
			name: "withdraw by an excluded participant: what is theirs stays theirs", action: "withdraw", amount: 400, wallet: 800, balance: 200, locked: 200,
			setup: func(t *testing.T, f *fixture) { f.c.ExcludeParticipant(f.operator, f.alice) },
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.Withdraw(ctx, &types.MsgWithdraw{Owner: f.alice.String(), Amount: coin(alpine, 400)})
				return err
			},
		},
		{
			name: "lock part of the unlocked balance", action: "lock", amount: 300, wallet: 400, balance: 600, locked: 500,
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.LockCollateral(ctx, &types.MsgLockCollateral{Operator: f.operator.String(), Owner: f.alice.String(), Amount: coin(alpine, 300)})
				return err
			},
		},
		{
			name: "lock all of the balance", action: "lock", amount: 400, wallet: 400, balance: 600, locked: 600,
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.LockCollateral(ctx, &types.MsgLockCollateral{Operator: f.operator.String(), Owner: f.alice.String(), Amount: coin(alpine, 400)})
				return err
			},
		},
		{
			name: "unlock part of the collateral", action: "unlock", amount: 50, wallet: 400, balance: 600, locked: 150,
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.UnlockCollateral(ctx, &types.MsgUnlockCollateral{Operator: f.operator.String(), Owner: f.alice.String(), Amount: coin(alpine, 50)})
				return err
			},
		},
		{
			name: "unlock all of the collateral", action: "unlock", amount: 200, wallet: 400, balance: 600, locked: 0,
			move: func(f *fixture, ctx sdk.Context) error {
				_, err := f.msgs.UnlockCollateral(ctx, &types.MsgUnlockCollateral{Operator: f.operator.String(), Owner: f.alice.String(), Amount: coin(alpine, 200)})
				return err
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t).withBanks(t)
			f.fund(t, f.alice, alpine, 1000, 600)
			f.lock(t, f.alice, coin(alpine, 200))
			if tc.setup != nil {
				tc.setup(t, f)
			}
			supply := f.supply(alpine)

			ctx := f.ctx()
			require.NoError(t, tc.move(f, ctx))

			requireIntEq(t, tc.wallet, f.balance(f.alice, alpine), "wallet")
			f.requireAccount(t, f.alice, alpine, tc.balance, tc.locked)
			requireIntEq(t, tc.balance, f.balance(f.escrow, alpine), "escrow")
			require.Equal(t, supply.String(), f.supply(alpine).String(), "settlement moves create and destroy nothing")
			apptest.RequireEvent(t, ctx, &types.EventSettlementMoved{Owner: f.alice.String(), Denom: alpine, Action: tc.action, Amount: math.NewInt(tc.amount).String()})

			stored, err := f.k.SettlementAccounts.Has(f.ctx(), accountKey(f.alice, alpine))
			require.NoError(t, err)
			require.Equal(t, tc.balance > 0, stored, "only non-empty accounts are stored")
		})
	}
}

func TestSettlementRejections(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.fund(t, f.alice, alpine, 1000, 600)
	f.lock(t, f.alice, coin(alpine, 200)) // alice: wallet 400, balance 600, locked 200, available 400
	f.fund(t, f.bob, lakeside, 100, 0)    // bob: wallet 100, no account
	excluded := apptest.NewAccount()
	f.c.AdmitParticipant(f.operator, excluded, "10X-EXCLUDED-01")
	f.fund(t, excluded, alpine, 50, 0)
	f.c.ExcludeParticipant(f.operator, excluded)
	op := f.operator.String()

	deposit := func(owner string, amount sdk.Coin) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.msgs.Deposit(ctx, &types.MsgDeposit{Owner: owner, Amount: amount})
			return err
		}
	}
	withdraw := func(owner string, amount sdk.Coin) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.msgs.Withdraw(ctx, &types.MsgWithdraw{Owner: owner, Amount: amount})
			return err
		}
	}
	lock := func(operator, owner string, amount sdk.Coin) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.msgs.LockCollateral(ctx, &types.MsgLockCollateral{Operator: operator, Owner: owner, Amount: amount})
			return err
		}
	}
	unlock := func(operator, owner string, amount sdk.Coin) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.msgs.UnlockCollateral(ctx, &types.MsgUnlockCollateral{Operator: operator, Owner: owner, Amount: amount})
			return err
		}
	}
	alice, bob := f.alice.String(), f.bob.String()
	negative := sdk.Coin{Denom: alpine, Amount: math.NewInt(-1)}
	huge := sdk.Coin{Denom: alpine, Amount: tooMuch}

	for _, tc := range []struct {
		name string
		call func(sdk.Context) error
		want error
	}{
		{"deposit more than the wallet holds", deposit(alice, coin(alpine, 401)), types.ErrInsufficientFunds},
		{"deposit fiat not held at all", deposit(bob, coin(alpine, 1)), types.ErrInsufficientFunds},
		{"deposit the staking denom", deposit(op, coin(app.BondDenom, 1)), types.ErrUnknownBank},
		{"deposit a denom no bank issues", deposit(alice, coin(summit, 1)), types.ErrUnknownBank},
		{"deposit an IBC voucher", deposit(alice, coin(voucher, 1)), types.ErrUnknownBank},
		{"deposit zero", deposit(alice, coin(alpine, 0)), types.ErrInvalidAmount},
		{"deposit a negative amount", deposit(alice, negative), types.ErrInvalidAmount},
		{"deposit above 2^128", deposit(alice, huge), types.ErrInvalidAmount},
		{"deposit without denom", deposit(alice, sdk.Coin{Amount: math.NewInt(1)}), types.ErrInvalidDenom},
		{"deposit by an account never admitted", deposit(f.outsider.String(), coin(alpine, 1)), types.ErrRecipientNotAdmitted},
		{"deposit by an excluded participant", deposit(excluded.String(), coin(alpine, 1)), types.ErrRecipientNotAdmitted},
		{"deposit by a malformed owner", deposit("grid1bad", coin(alpine, 1)), types.ErrInvalidAddress},

		{"withdraw locked funds", withdraw(alice, coin(alpine, 401)), types.ErrLockedFunds},
		{"withdraw the whole balance while part is locked", withdraw(alice, coin(alpine, 600)), types.ErrLockedFunds},
		{"withdraw more than the balance", withdraw(alice, coin(alpine, 601)), types.ErrInsufficientFunds},
		{"withdraw from an account never used", withdraw(bob, coin(lakeside, 1)), types.ErrInsufficientFunds},
		{"withdraw the staking denom", withdraw(alice, coin(app.BondDenom, 1)), types.ErrUnknownBank},
		{"withdraw zero", withdraw(alice, coin(alpine, 0)), types.ErrInvalidAmount},
		{"withdraw above 2^128", withdraw(alice, huge), types.ErrInvalidAmount},
		{"withdraw by a malformed owner", withdraw("", coin(alpine, 1)), types.ErrInvalidAddress},

		{"lock by the owner", lock(alice, alice, coin(alpine, 1)), types.ErrUnauthorized},
		{"lock by a bank", lock(f.alpineBank.String(), alice, coin(alpine, 1)), types.ErrUnauthorized},
		{"lock by x/gov", lock(f.gov, alice, coin(alpine, 1)), types.ErrUnauthorized},
		{"lock with no signer", lock("", alice, coin(alpine, 1)), types.ErrUnauthorized},
		{"lock more than is unlocked", lock(op, alice, coin(alpine, 401)), types.ErrInsufficientFunds},
		{"lock in an account never used", lock(op, bob, coin(lakeside, 1)), types.ErrInsufficientFunds},
		{"lock the staking denom", lock(op, alice, coin(app.BondDenom, 1)), types.ErrUnknownBank},
		{"lock zero", lock(op, alice, coin(alpine, 0)), types.ErrInvalidAmount},
		{"lock a negative amount", lock(op, alice, negative), types.ErrInvalidAmount},
		{"lock for a malformed owner", lock(op, "grid1bad", coin(alpine, 1)), types.ErrInvalidAddress},

		{"unlock by the owner", unlock(alice, alice, coin(alpine, 1)), types.ErrUnauthorized},
		{"unlock by a bank", unlock(f.alpineBank.String(), alice, coin(alpine, 1)), types.ErrUnauthorized},
		{"unlock more than is locked", unlock(op, alice, coin(alpine, 201)), types.ErrInsufficientFunds},
		{"unlock where nothing is locked", unlock(op, bob, coin(lakeside, 1)), types.ErrInsufficientFunds},
		{"unlock the staking denom", unlock(op, alice, coin(app.BondDenom, 1)), types.ErrUnknownBank},
		{"unlock zero", unlock(op, alice, coin(alpine, 0)), types.ErrInvalidAmount},
		{"unlock above 2^128", unlock(op, alice, huge), types.ErrInvalidAmount},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.requireRejected(t, tc.want, tc.call)
		})
	}
}
