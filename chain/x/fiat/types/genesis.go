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
	for _, e := range gs.AuditEntries {
		if _, ok := banks[e.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "audit entry %d: unknown denom %s", e.Id, e.Denom)
		}
		if e.Id == 0 || e.Id >= gs.NextAuditId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "audit entry id %d outside 1..next_audit_id-1", e.Id)
		}
	}
	for _, r := range gs.Redemptions {
		if _, ok := banks[r.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "redemption %d: unknown denom %s", r.Id, r.Denom)
		}
		if r.Id == 0 || r.Id >= gs.NextRedemptionId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "redemption id %d outside 1..next_redemption_id-1", r.Id)
		}
	}
	seen := map[string]bool{}
	for _, a := range gs.SettlementAccounts {
		if _, err := sdk.AccAddressFromBech32(a.Owner); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "settlement account owner %q: %v", a.Owner, err)
		}
		if a.Balance.IsNil() || a.Locked.IsNil() || a.Balance.IsNegative() || a.Locked.IsNegative() || a.Locked.GT(a.Balance) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "settlement account %s/%s: need 0 <= locked <= balance", a.Owner, a.Denom)
		}
		key := a.Owner + "/" + a.Denom
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "settlement account %s listed twice", key)
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
	if err := ValidateCurrency(b.Currency); err != nil {
		return err
	}
	if err := b.FeeModel.Validate(); err != nil {
		return err
	}
	if b.Reserve.IsNil() || b.Minted.IsNil() || b.Burned.IsNil() || b.FeesReceived.IsNil() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "bank %s: reserve, minted, burned and fees_received must be set", b.Denom)
	}
	if b.Burned.GT(b.Minted) || b.Outstanding().GT(b.Reserve) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "bank %s: need burned <= minted and outstanding <= reserve", b.Denom)
	}
	return nil
}
