package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// Netted settlement (x/settlement, docs/adr/013) pays through a clearing account: every
// net payer makes one payment into it, every net receiver gets one payment out of it. The
// clearing account is a settlement account of the settlement module's address, so the
// money never leaves the fiat escrow and the supply invariants hold as for Pay. The bank's
// fee is charged on the payment in, once per payer and run (§2.7: a fee per settlement
// payment); the payment out is free.

// Collect moves amount plus the bank's fee from payer's available settlement balance into
// the clearing account. It changes nothing and returns ErrInsufficientFunds when the payer
// cannot pay it all.
func (k Keeper) Collect(ctx context.Context, payer, clearing sdk.AccAddress, amount sdk.Coin, reason string) (fee math.Int, err error) {
	bank, err := k.requireSettlementDenom(ctx, "amount", amount)
	if err != nil {
		return fee, err
	}
	fee = bank.FeeModel.Fee(amount.Amount)
	from, err := k.GetSettlementAccount(ctx, payer, amount.Denom)
	if err != nil {
		return fee, err
	}
	total := amount.Amount.Add(fee)
	if Available(from).LT(total) {
		return fee, errorsmod.Wrapf(types.ErrInsufficientFunds, "%s has %s%s available in its settlement account, needs %s%s (fee %s included)",
			payer, Available(from), amount.Denom, total, amount.Denom, fee)
	}
	from.Balance = from.Balance.Sub(total)
	if err := k.setSettlementAccount(ctx, payer, from); err != nil {
		return fee, err
	}
	if err := k.creditClearing(ctx, clearing, amount); err != nil {
		return fee, err
	}
	if fee.IsPositive() {
		if err := k.payFee(ctx, bank, fee); err != nil {
			return fee, err
		}
	}
	k.emitPayment(ctx, payer, clearing, amount, fee, reason)
	return fee, nil
}

// Disburse pays amount out of the clearing account to payee's settlement account, free of
// fee. Settlement only disburses what it collected, so a shortfall is a bug, not a refusal.
func (k Keeper) Disburse(ctx context.Context, clearing, payee sdk.AccAddress, amount sdk.Coin, reason string) error {
	if err := types.ValidateCoin("amount", amount); err != nil {
		return err
	}
	from, err := k.GetSettlementAccount(ctx, clearing, amount.Denom)
	if err != nil {
		return err
	}
	if from.Balance.LT(amount.Amount) {
		return errorsmod.Wrapf(types.ErrInsufficientFunds, "clearing holds %s%s, cannot disburse %s", from.Balance, amount.Denom, amount)
	}
	from.Balance = from.Balance.Sub(amount.Amount)
	if err := k.setSettlementAccount(ctx, clearing, from); err != nil {
		return err
	}
	to, err := k.GetSettlementAccount(ctx, payee, amount.Denom)
	if err != nil {
		return err
	}
	to.Balance = to.Balance.Add(amount.Amount)
	if err := k.setSettlementAccount(ctx, payee, to); err != nil {
		return err
	}
	k.emitPayment(ctx, clearing, payee, amount, math.ZeroInt(), reason)
	return nil
}

// SeizeCollateral moves up to max of owner's locked collateral in denom into the clearing
// account (seed §3.6.2) and returns what it moved. No bank fee: it is not a payment the
// owner makes.
func (k Keeper) SeizeCollateral(ctx context.Context, owner, clearing sdk.AccAddress, denom string, max math.Int) (math.Int, error) {
	acc, err := k.GetSettlementAccount(ctx, owner, denom)
	if err != nil {
		return math.ZeroInt(), err
	}
	seized := math.MinInt(acc.Locked, max)
	if !seized.IsPositive() {
		return math.ZeroInt(), nil
	}
	acc.Locked = acc.Locked.Sub(seized)
	acc.Balance = acc.Balance.Sub(seized)
	if err := k.setSettlementAccount(ctx, owner, acc); err != nil {
		return math.ZeroInt(), err
	}
	coin := sdk.NewCoin(denom, seized)
	if err := k.creditClearing(ctx, clearing, coin); err != nil {
		return math.ZeroInt(), err
	}
	k.emitPayment(ctx, owner, clearing, coin, math.ZeroInt(), "collateral seized")
	return seized, nil
}

// LockedCollateral is owner's locked collateral in denom.
func (k Keeper) LockedCollateral(ctx context.Context, owner sdk.AccAddress, denom string) (math.Int, error) {
	acc, err := k.GetSettlementAccount(ctx, owner, denom)
	return acc.Locked, err
}

// AvailableBalance is what owner may spend from its settlement account in denom.
func (k Keeper) AvailableBalance(ctx context.Context, owner sdk.AccAddress, denom string) (math.Int, error) {
	acc, err := k.GetSettlementAccount(ctx, owner, denom)
	return Available(acc), err
}

func (k Keeper) creditClearing(ctx context.Context, clearing sdk.AccAddress, amount sdk.Coin) error {
	to, err := k.GetSettlementAccount(ctx, clearing, amount.Denom)
	if err != nil {
		return err
	}
	to.Balance = to.Balance.Add(amount.Amount)
	return k.setSettlementAccount(ctx, clearing, to)
}

func (k Keeper) emitPayment(ctx context.Context, from, to sdk.AccAddress, amount sdk.Coin, fee math.Int, reason string) {
	ev := types.EventPayment{
		From: from.String(), To: to.String(), Denom: amount.Denom,
		Amount: amount.Amount.String(), Fee: fee.String(), Reason: reason,
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(ev.ToEvent())
}

// CheckSettlementDenom fails unless denom is an approved bank's: settlement charges and
// fee rules are in tokenised fiat only.
func (k Keeper) CheckSettlementDenom(ctx context.Context, denom string) error {
	_, err := k.GetBank(ctx, denom)
	return err
}

// FeeFor is what the bank of amount's denom charges on top of a payment of amount (x/fiat
// Pay): a cross-grid purchase's quote includes it for the ask and the prepaid face value.
func (k Keeper) FeeFor(ctx context.Context, amount sdk.Coin) (math.Int, error) {
	bank, err := k.GetBank(ctx, amount.Denom)
	if err != nil {
		return math.Int{}, err
	}
	return bank.FeeModel.Fee(amount.Amount), nil
}
