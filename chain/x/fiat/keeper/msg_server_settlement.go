package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// Deposit escrows fiat in the owner's settlement account, where the market and
// settlement draw from it (seed §3.6.1: funds must be there before trading).
func (m msgServer) Deposit(ctx context.Context, msg *types.MsgDeposit) (*types.MsgDepositResponse, error) {
	owner, err := m.parseAddress("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	if _, err := m.requireSettlementDenom(ctx, "amount", msg.Amount); err != nil {
		return nil, err
	}
	if err := m.requireParticipant(ctx, "owner", owner); err != nil {
		return nil, err
	}
	if err := m.DepositFor(ctx, owner, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgDepositResponse{}, nil
}

// DepositFor escrows an owner's fiat coins in its settlement account. MsgDeposit calls it
// after checking the owner; x/interchain calls it for an interface account, whose value
// must be in its settlement account to pay a cross-grid purchase's ask (docs/adr/024).
func (k Keeper) DepositFor(ctx context.Context, owner sdk.AccAddress, amount sdk.Coin) error {
	if _, err := k.requireSettlementDenom(ctx, "amount", amount); err != nil {
		return err
	}
	if spendable := k.bank.SpendableCoin(ctx, owner, amount.Denom); spendable.Amount.LT(amount.Amount) {
		return errorsmod.Wrapf(types.ErrInsufficientFunds, "owner has %s spendable, cannot deposit %s", spendable, amount)
	}
	acc, err := k.GetSettlementAccount(ctx, owner, amount.Denom)
	if err != nil {
		return err
	}
	if err := k.bank.SendCoinsFromAccountToModule(ctx, owner, types.SettlementAccountName, sdk.NewCoins(amount)); err != nil {
		return err
	}
	acc.Balance = acc.Balance.Add(amount.Amount)
	return k.moveSettlement(ctx, owner, acc, "deposit", amount.Amount)
}

// Withdraw returns unlocked fiat to the owner. Excluded participants may still withdraw
// what is theirs; collateral stays until the grid operator unlocks it.
func (m msgServer) Withdraw(ctx context.Context, msg *types.MsgWithdraw) (*types.MsgWithdrawResponse, error) {
	owner, err := m.parseAddress("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	if _, err := m.requireSettlementDenom(ctx, "amount", msg.Amount); err != nil {
		return nil, err
	}
	if err := m.WithdrawFor(ctx, owner, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgWithdrawResponse{}, nil
}

// LockCollateral locks part of a participant's settlement account (grid operator only).
func (m msgServer) LockCollateral(ctx context.Context, msg *types.MsgLockCollateral) (*types.MsgLockCollateralResponse, error) {
	owner, acc, err := m.collateralAccount(ctx, msg.Operator, msg.Owner, msg.Amount)
	if err != nil {
		return nil, err
	}
	if Available(acc).LT(msg.Amount.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientFunds, "only %s%s is unlocked, cannot lock %s", Available(acc), acc.Denom, msg.Amount)
	}
	acc.Locked = acc.Locked.Add(msg.Amount.Amount)
	if err := m.moveSettlement(ctx, owner, acc, "lock", msg.Amount.Amount); err != nil {
		return nil, err
	}
	return &types.MsgLockCollateralResponse{}, nil
}

// UnlockCollateral releases locked collateral (grid operator only).
func (m msgServer) UnlockCollateral(ctx context.Context, msg *types.MsgUnlockCollateral) (*types.MsgUnlockCollateralResponse, error) {
	owner, acc, err := m.collateralAccount(ctx, msg.Operator, msg.Owner, msg.Amount)
	if err != nil {
		return nil, err
	}
	if acc.Locked.LT(msg.Amount.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientFunds, "only %s%s is locked, cannot unlock %s", acc.Locked, acc.Denom, msg.Amount)
	}
	acc.Locked = acc.Locked.Sub(msg.Amount.Amount)
	if err := m.moveSettlement(ctx, owner, acc, "unlock", msg.Amount.Amount); err != nil {
		return nil, err
	}
	return &types.MsgUnlockCollateralResponse{}, nil
}

// collateralAccount checks the operator, the owner and the coin of a lock or unlock.
func (m msgServer) collateralAccount(ctx context.Context, operator, ownerAddr string, amount sdk.Coin) (sdk.AccAddress, types.SettlementAccount, error) {
	var acc types.SettlementAccount
	op, err := m.registry.GridOperator(ctx)
	if err != nil {
		return nil, acc, err
	}
	if op == "" || operator != op {
		return nil, acc, errorsmod.Wrapf(types.ErrUnauthorized, "%s may not lock or unlock collateral", operator)
	}
	owner, err := m.parseAddress("owner", ownerAddr)
	if err != nil {
		return nil, acc, err
	}
	if _, err := m.requireSettlementDenom(ctx, "amount", amount); err != nil {
		return nil, acc, err
	}
	acc, err = m.GetSettlementAccount(ctx, owner, amount.Denom)
	return owner, acc, err
}

// WithdrawFor returns unlocked fiat from an owner's settlement account to its bank balance.
// MsgWithdraw calls it after checking the amount's denom; x/interchain calls it for an
// interface account when a cross-grid purchase's chain of tokens is cancelled and the
// prepaid face value goes back to the buyer (docs/adr/027).
func (k Keeper) WithdrawFor(ctx context.Context, owner sdk.AccAddress, amount sdk.Coin) error {
	acc, err := k.GetSettlementAccount(ctx, owner, amount.Denom)
	if err != nil {
		return err
	}
	if acc.Balance.LT(amount.Amount) {
		return errorsmod.Wrapf(types.ErrInsufficientFunds, "settlement account holds %s%s, cannot withdraw %s", acc.Balance, acc.Denom, amount)
	}
	if Available(acc).LT(amount.Amount) {
		return errorsmod.Wrapf(types.ErrLockedFunds, "%s%s of %s%s is locked as collateral; at most %s%s can be withdrawn",
			acc.Locked, acc.Denom, acc.Balance, acc.Denom, Available(acc), acc.Denom)
	}
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.SettlementAccountName, owner, sdk.NewCoins(amount)); err != nil {
		return err
	}
	acc.Balance = acc.Balance.Sub(amount.Amount)
	return k.moveSettlement(ctx, owner, acc, "withdraw", amount.Amount)
}
