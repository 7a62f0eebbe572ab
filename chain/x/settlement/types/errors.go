package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of x/settlement. Codes start at 2 and never change once released:
// clients match on codespace and code.
var (
	ErrInvalidParams      = errorsmod.Register(ModuleName, 2, "invalid parameters")
	ErrInvalidAddress     = errorsmod.Register(ModuleName, 3, "invalid address")
	ErrInvalidAuthority   = errorsmod.Register(ModuleName, 4, "signer is not the governance authority")
	ErrUnauthorized       = errorsmod.Register(ModuleName, 5, "only the grid operator may do this")
	ErrInvalidGenesis     = errorsmod.Register(ModuleName, 6, "invalid genesis state")
	ErrInvalidRequest     = errorsmod.Register(ModuleName, 7, "invalid request")
	ErrInvalidAmount      = errorsmod.Register(ModuleName, 8, "invalid amount")
	ErrPeriodSettled      = errorsmod.Register(ModuleName, 9, "the period's settlement run has started")
	ErrPeriodNotDelivered = errorsmod.Register(ModuleName, 10, "the period has not been delivered yet")
	ErrNoDebt             = errorsmod.Register(ModuleName, 11, "the participant has no debt in that denom")
	ErrNotFound           = errorsmod.Register(ModuleName, 12, "not found")
	ErrRangeTooLong       = errorsmod.Register(ModuleName, 13, "period range too long")
	ErrCollateralRequired = errorsmod.Register(ModuleName, 14, "collateral requirement not met")
	ErrPeriodPruned       = errorsmod.Register(ModuleName, 40, "the period's settlement records are pruned")
)
