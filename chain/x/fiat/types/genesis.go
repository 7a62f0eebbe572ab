package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis has no banks; governance approves them, or a chain's genesis lists them.
func DefaultGenesis() *GenesisState {
	return &GenesisState{NextAuditId: 1, NextRedemptionId: 1}
}

// Validate checks every record and the references between them.
func (gs GenesisState) Validate() error {
	banks := make(map[string]BankEntity, len(gs.Banks))
	for _, b := range gs.Banks {
		if err := b.Validate(); err != nil {
			return err
		}
		if _, dup := banks[b.Denom]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "bank %s listed twice", b.Denom)
		}
		banks[b.Denom] = b
	}
	due := make(map[string]bool, len(gs.FeesDue))
	for _, c := range gs.FeesDue {
		if _, ok := banks[c.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "fees due in %s, which no bank issues", c.Denom)
		}
		if c.Amount.IsNil() || !c.Amount.IsPositive() || c.Amount.GT(MaxAmount) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "fees due in %s must be positive and at most %s", c.Denom, MaxAmount)
		}
		if due[c.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "fees due in %s listed twice", c.Denom)
		}
		due[c.Denom] = true
	}
	auditIDs := map[uint64]bool{}
	for _, e := range gs.AuditEntries {
		if auditIDs[e.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "audit entry %d listed twice", e.Id)
		}
		auditIDs[e.Id] = true
		if _, ok := banks[e.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "audit entry %d: unknown denom %s", e.Id, e.Denom)
		}
		if e.Id == 0 || e.Id >= gs.NextAuditId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "audit entry id %d outside 1..next_audit_id-1", e.Id)
		}
	}
	// A repeated id or an unknown status would leave stray entries in the (denom, status)
	// index that InitGenesis rebuilds.
	redemptionIDs := map[uint64]bool{}
	for _, r := range gs.Redemptions {
		if redemptionIDs[r.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "redemption %d listed twice", r.Id)
		}
		redemptionIDs[r.Id] = true
		if _, ok := banks[r.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "redemption %d: unknown denom %s", r.Id, r.Denom)
		}
		if r.Status != RedemptionStatus_REDEMPTION_STATUS_PENDING && r.Status != RedemptionStatus_REDEMPTION_STATUS_PAID {
			return errorsmod.Wrapf(ErrInvalidGenesis, "redemption %d: status must be pending or paid, got %s", r.Id, r.Status)
		}
		if r.Id == 0 || r.Id >= gs.NextRedemptionId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "redemption id %d outside 1..next_redemption_id-1", r.Id)
		}
	}
	seen := map[string]bool{}
	for _, a := range gs.SettlementAccounts {
		owner, err := sdk.AccAddressFromBech32(a.Owner)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "settlement account owner %q: %v", a.Owner, err)
		}
		// Settlement is only in approved banks' fiat; an account in another denom would
		// escape the escrow invariant, which is checked per bank.
		if _, ok := banks[a.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "settlement account %s/%s: no bank issues the denom", a.Owner, a.Denom)
		}
		if a.Balance.IsNil() || a.Locked.IsNil() || a.Balance.IsNegative() || a.Locked.IsNegative() || a.Locked.GT(a.Balance) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "settlement account %s/%s: need 0 <= locked <= balance", a.Owner, a.Denom)
		}
		key := string(owner) + "/" + a.Denom
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "settlement account %s/%s listed twice", a.Owner, a.Denom)
		}
		seen[key] = true
	}
	return nil
}

// Validate checks a stored bank entity, including outstanding <= reserve.
func (b BankEntity) Validate() error {
	if err := ValidateDenom("denom", b.Denom); err != nil {
		return err
	}
	if _, err := sdk.AccAddressFromBech32(b.Address); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "bank %s address %q: %v", b.Denom, b.Address, err)
	}
	if err := ValidateDenom("display_denom", b.DisplayDenom); err != nil {
		return err
	}
	if b.DisplayDenom == b.Denom {
		return errorsmod.Wrapf(ErrInvalidDenom, "bank %s: display_denom must differ from denom", b.Denom)
	}
	if err := ValidateExponent(b.Exponent); err != nil {
		return err
	}
	if b.Status != BankEntityStatus_BANK_ENTITY_STATUS_ACTIVE && b.Status != BankEntityStatus_BANK_ENTITY_STATUS_REVOKED {
		return errorsmod.Wrapf(ErrInvalidStatus, "bank %s: status must be active or revoked, got %s", b.Denom, b.Status)
	}
	if err := ValidateCurrency(b.Currency); err != nil {
		return err
	}
	if err := b.FeeModel.Validate(); err != nil {
		return err
	}
	if b.Reserve.IsNil() || b.Minted.IsNil() || b.Burned.IsNil() || b.FeesReceived.IsNil() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "bank %s: reserve, minted, burned and fees_received must be set", b.Denom)
	}
	if b.Reserve.IsNegative() || b.Burned.IsNegative() || b.FeesReceived.IsNegative() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "bank %s: reserve, burned and fees_received may not be negative", b.Denom)
	}
	if b.Burned.GT(b.Minted) || b.Outstanding().GT(b.Reserve) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "bank %s: need burned <= minted and outstanding <= reserve", b.Denom)
	}
	return nil
}
