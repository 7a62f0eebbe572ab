package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// GetSettlementAccount returns owner's account in denom; a never-used account is zero.
func (k Keeper) GetSettlementAccount(ctx context.Context, owner sdk.AccAddress, denom string) (types.SettlementAccount, error) {
	acc, err := k.SettlementAccounts.Get(ctx, collections.Join(owner, denom))
	if isNotFound(err) {
		return types.SettlementAccount{Owner: owner.String(), Denom: denom, Balance: math.ZeroInt(), Locked: math.ZeroInt()}, nil
	}
	return acc, err
}

// Available is the part of an account that may be spent or withdrawn.
func Available(acc types.SettlementAccount) math.Int { return acc.Balance.Sub(acc.Locked) }

// setSettlementAccount stores acc, deleting it when empty so genesis stays small.
func (k Keeper) setSettlementAccount(ctx context.Context, owner sdk.AccAddress, acc types.SettlementAccount) error {
	key := collections.Join(owner, acc.Denom)
	if acc.Balance.IsZero() && acc.Locked.IsZero() {
		return k.SettlementAccounts.Remove(ctx, key)
	}
	return k.SettlementAccounts.Set(ctx, key, acc)
}

// requireSettlementDenom accepts only denoms of approved banks: settlement is in
// tokenised fiat, never in the staking token or unknown vouchers.
func (k Keeper) requireSettlementDenom(ctx context.Context, field string, coin sdk.Coin) (types.BankEntity, error) {
	if err := types.ValidateCoin(field, coin); err != nil {
		return types.BankEntity{}, err
	}
	return k.GetBank(ctx, coin.Denom)
}

// Pay moves amount from payer's settlement account to payee's and charges the payer the
// fee of the denom's bank on top, paid to the bank's account. The market and settlement
// call it for every payment, so fees, events and conservation live here. It either
// completes or changes nothing.
func (k Keeper) Pay(ctx context.Context, payer, payee sdk.AccAddress, amount sdk.Coin, reason string) (fee math.Int, err error) {
	bank, err := k.requireSettlementDenom(ctx, "amount", amount)
	if err != nil {
		return fee, err
	}
	if payer.Equals(payee) {
		return fee, errorsmod.Wrap(types.ErrInvalidRequest, "payer and payee are the same account")
	}
	// Fiat stays inside the admitted set (DESIGN.md §6, invariant 8): a settlement balance is
	// a claim on escrowed fiat. Suspended and excluded participants are still paid what they
	// are owed; so is the grid operator, the balancing authority.
	if _, admitted, err := k.registry.GetParticipant(ctx, payee); err != nil {
		return fee, err
	} else if !admitted {
		// Only a payee the registry does not know costs the operator look-up.
		if op, err := k.isGridOperator(ctx, payee); err != nil {
			return fee, err
		} else if !op {
			return fee, errorsmod.Wrapf(types.ErrRecipientNotAdmitted, "payee %s is not admitted by the grid operator", payee)
		}
	}
	fee = bank.FeeModel.Fee(amount.Amount)
	from, err := k.GetSettlementAccount(ctx, payer, amount.Denom)
	if err != nil {
		return fee, err
	}
	total := amount.Amount.Add(fee)
	if Available(from).LT(total) {
		return fee, errorsmod.Wrapf(types.ErrInsufficientFunds, "payer %s has %s%s available in its settlement account, needs %s%s (fee %s included)",
			payer, Available(from), amount.Denom, total, amount.Denom, fee)
	}
	to, err := k.GetSettlementAccount(ctx, payee, amount.Denom)
	if err != nil {
		return fee, err
	}
	from.Balance = from.Balance.Sub(total)
	to.Balance = to.Balance.Add(amount.Amount)
	if err := k.setSettlementAccount(ctx, payer, from); err != nil {
		return fee, err
	}
	if err := k.setSettlementAccount(ctx, payee, to); err != nil {
		return fee, err
	}
	if fee.IsPositive() {
		if err := k.payFee(ctx, bank, fee); err != nil {
			return fee, err
		}
	}
	ev := types.EventPayment{
		From: payer.String(), To: payee.String(), Denom: amount.Denom,
		Amount: amount.Amount.String(), Fee: fee.String(), Reason: reason,
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(ev.ToEvent())
	return fee, nil
}

// payFee books a fee to the bank (fees_received and, on the payers' side, FeesPaid) and
// leaves the coins in the settlement escrow as due: SettleFees moves a block's fees to the
// bank's account in one x/bank send per denom when the block ends, instead of one per
// payment (a market makes many payments per block).
func (k Keeper) payFee(ctx context.Context, bank types.BankEntity, fee math.Int) error {
	for _, total := range []collections.Map[string, math.Int]{k.FeesPaid, k.FeesDue} {
		if err := addTo(ctx, total, bank.Denom, fee); err != nil {
			return err
		}
	}
	bank.FeesReceived = bank.FeesReceived.Add(fee)
	return k.Banks.Set(ctx, bank.Denom, bank)
}

// addTo adds amount to a per-denom total.
func addTo(ctx context.Context, totals collections.Map[string, math.Int], denom string, amount math.Int) error {
	sum, err := totalOf(ctx, totals, denom)
	if err != nil {
		return err
	}
	return totals.Set(ctx, denom, sum.Add(amount))
}

// totalOf reads a per-denom total (FeesPaid, FeesDue); zero when none was booked.
func totalOf(ctx context.Context, totals collections.Map[string, math.Int], denom string) (math.Int, error) {
	sum, err := totals.Get(ctx, denom)
	if isNotFound(err) {
		return math.ZeroInt(), nil
	}
	return sum, err
}

// moveSettlement applies a deposit, withdrawal, lock or unlock after its checks passed.
func (k Keeper) moveSettlement(ctx context.Context, owner sdk.AccAddress, acc types.SettlementAccount, action string, amount math.Int) error {
	if err := k.setSettlementAccount(ctx, owner, acc); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventSettlementMoved{Owner: owner.String(), Denom: acc.Denom, Action: action, Amount: amount.String()})
}
