package keeper

import (
	"context"
	"encoding/hex"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// AttestReserve records the bank's reserve. A reserve below what is outstanding is
// refused: the invariant outstanding <= reserve must hold at every height.
func (m msgServer) AttestReserve(ctx context.Context, msg *types.MsgAttestReserve) (*types.MsgAttestReserveResponse, error) {
	b, err := m.requireBank(ctx, msg.Bank, msg.Denom)
	if err != nil {
		return nil, err
	}
	if msg.Reserve.IsNil() || msg.Reserve.IsNegative() || msg.Reserve.GT(types.MaxAmount) {
		return nil, errorsmod.Wrap(types.ErrInvalidAmount, "reserve must be between 0 and 2^128 base units")
	}
	if len(msg.StatementHash) != types.StatementHashLen {
		return nil, errorsmod.Wrapf(types.ErrInvalidHash, "statement_hash must be a 32-byte SHA-256, got %d bytes", len(msg.StatementHash))
	}
	if msg.Reserve.LT(b.Outstanding()) {
		return nil, errorsmod.Wrapf(types.ErrExceedsReserve, "reserve %s is below the outstanding %s of %s", msg.Reserve, b.Outstanding(), b.Denom)
	}
	b.Reserve, b.ReserveStatementHash = msg.Reserve, msg.StatementHash
	if err := m.Banks.Set(ctx, b.Denom, b); err != nil {
		return nil, err
	}
	hash := hex.EncodeToString(msg.StatementHash)
	if _, err := m.appendAudit(ctx, b.Denom, types.AuditKind_AUDIT_KIND_ATTESTATION, "", msg.Reserve, hash, 0); err != nil {
		return nil, err
	}
	if err := m.emit(ctx, &types.EventReserveAttested{Denom: b.Denom, Reserve: msg.Reserve.String(), StatementHash: hash}); err != nil {
		return nil, err
	}
	return &types.MsgAttestReserveResponse{}, nil
}

// Mint issues fiat 1:1 against a deposit, never beyond the attested reserve.
func (m msgServer) Mint(ctx context.Context, msg *types.MsgMint) (*types.MsgMintResponse, error) {
	b, err := m.requireBank(ctx, msg.Bank, msg.Denom)
	if err != nil {
		return nil, err
	}
	if b.Status != types.BankEntityStatus_BANK_ENTITY_STATUS_ACTIVE {
		return nil, errorsmod.Wrapf(types.ErrBankRevoked, "bank of %s may no longer mint", b.Denom)
	}
	recipient, err := m.parseAddress("recipient", msg.Recipient)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateAmount("amount", msg.Amount); err != nil {
		return nil, err
	}
	if err := types.ValidateReference("deposit_reference", msg.DepositReference); err != nil {
		return nil, err
	}
	if err := m.requireParticipant(ctx, "recipient", recipient); err != nil {
		return nil, err
	}
	if after := b.Outstanding().Add(msg.Amount); after.GT(b.Reserve) {
		return nil, errorsmod.Wrapf(types.ErrExceedsReserve, "minting %s would take %s outstanding to %s, above the attested reserve %s",
			msg.Amount, b.Denom, after, b.Reserve)
	}
	coins := sdk.NewCoins(sdk.NewCoin(b.Denom, msg.Amount))
	if err := m.bank.MintCoins(ctx, types.ModuleName, coins); err != nil {
		return nil, err
	}
	if err := m.bank.SendCoinsFromModuleToAccount(ctx, types.ModuleName, recipient, coins); err != nil {
		return nil, err
	}
	b.Minted = b.Minted.Add(msg.Amount)
	if err := m.Banks.Set(ctx, b.Denom, b); err != nil {
		return nil, err
	}
	id, err := m.appendAudit(ctx, b.Denom, types.AuditKind_AUDIT_KIND_MINT, recipient.String(), msg.Amount, msg.DepositReference, 0)
	if err != nil {
		return nil, err
	}
	if err := m.emit(ctx, &types.EventMinted{Denom: b.Denom, Recipient: recipient.String(), Amount: msg.Amount.String(), DepositReference: msg.DepositReference}); err != nil {
		return nil, err
	}
	countIssuance(ctx, metricMinted, b, msg.Amount)
	return &types.MsgMintResponse{AuditId: id}, nil
}

// Redeem burns the holder's fiat at once and records a payout request for the bank.
// Vouchers (ibc/...) are refused: they must travel home and redeem at their origin.
func (m msgServer) Redeem(ctx context.Context, msg *types.MsgRedeem) (*types.MsgRedeemResponse, error) {
	holder, err := m.parseAddress("holder", msg.Holder)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateCoin("amount", msg.Amount); err != nil {
		return nil, err
	}
	if types.IsVoucher(msg.Amount.Denom) {
		return nil, errorsmod.Wrapf(types.ErrRedeemAtOrigin, "%s is an IBC voucher: transfer it back to its origin chain and redeem it there", msg.Amount.Denom)
	}
	if err := types.ValidateReference("payout_reference", msg.PayoutReference); err != nil {
		return nil, err
	}
	b, err := m.GetBank(ctx, msg.Amount.Denom)
	if err != nil {
		return nil, err
	}
	if spendable := m.bank.SpendableCoin(ctx, holder, b.Denom); spendable.Amount.LT(msg.Amount.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientFunds, "holder has %s spendable, cannot redeem %s", spendable, msg.Amount)
	}
	coins := sdk.NewCoins(msg.Amount)
	if err := m.bank.SendCoinsFromAccountToModule(ctx, holder, types.ModuleName, coins); err != nil {
		return nil, err
	}
	if err := m.bank.BurnCoins(ctx, types.ModuleName, coins); err != nil {
		return nil, err
	}
	b.Burned = b.Burned.Add(msg.Amount.Amount)
	if err := m.Banks.Set(ctx, b.Denom, b); err != nil {
		return nil, err
	}
	id, err := m.RedemptionSeq.Next(ctx)
	if err != nil {
		return nil, err
	}
	r := types.Redemption{
		Id: id, Denom: b.Denom, Holder: holder.String(), Amount: msg.Amount.Amount, PayoutReference: msg.PayoutReference,
		Status: types.RedemptionStatus_REDEMPTION_STATUS_PENDING, RequestedHeight: sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}
	if err := m.setRedemption(ctx, nil, r); err != nil {
		return nil, err
	}
	if _, err := m.appendAudit(ctx, b.Denom, types.AuditKind_AUDIT_KIND_REDEMPTION, r.Holder, r.Amount, r.PayoutReference, id); err != nil {
		return nil, err
	}
	if err := m.emit(ctx, &types.EventRedemptionRequested{RedemptionId: id, Denom: b.Denom, Holder: r.Holder, Amount: r.Amount.String()}); err != nil {
		return nil, err
	}
	countIssuance(ctx, metricRedeemed, b, r.Amount)
	return &types.MsgRedeemResponse{RedemptionId: id}, nil
}

// MarkRedemptionPaid records the bank's payout of a pending redemption.
func (m msgServer) MarkRedemptionPaid(ctx context.Context, msg *types.MsgMarkRedemptionPaid) (*types.MsgMarkRedemptionPaidResponse, error) {
	if _, err := m.parseAddress("bank", msg.Bank); err != nil {
		return nil, err
	}
	r, err := m.Redemptions.Get(ctx, msg.RedemptionId)
	if isNotFound(err) {
		return nil, errorsmod.Wrapf(types.ErrUnknownRedemption, "redemption_id %d", msg.RedemptionId)
	}
	if err != nil {
		return nil, err
	}
	if _, err := m.requireBank(ctx, msg.Bank, r.Denom); err != nil {
		return nil, err
	}
	if r.Status != types.RedemptionStatus_REDEMPTION_STATUS_PENDING {
		return nil, errorsmod.Wrapf(types.ErrAlreadyPaid, "redemption %d was marked paid at height %d", r.Id, r.PaidHeight)
	}
	old := r
	r.Status, r.PaidHeight = types.RedemptionStatus_REDEMPTION_STATUS_PAID, sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := m.setRedemption(ctx, &old, r); err != nil {
		return nil, err
	}
	if _, err := m.appendAudit(ctx, r.Denom, types.AuditKind_AUDIT_KIND_PAYOUT, r.Holder, r.Amount, r.PayoutReference, r.Id); err != nil {
		return nil, err
	}
	if err := m.emit(ctx, &types.EventRedemptionPaid{RedemptionId: r.Id, Denom: r.Denom}); err != nil {
		return nil, err
	}
	countPaidOut(ctx, r)
	return &types.MsgMarkRedemptionPaidResponse{}, nil
}
