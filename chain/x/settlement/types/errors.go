package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// Registered errors of x/settlement. Codes start at 2 and never change once released:
// clients match on codespace and code. The errors a query returns carry a gRPC code, so the
// REST gateway answers bad input with 400 and a missing record with 404, not 500.
var (
	ErrInvalidParams      = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.InvalidArgument, "invalid parameters")
	ErrInvalidAddress     = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "invalid address")
	ErrInvalidAuthority   = errorsmod.Register(ModuleName, 4, "signer is not the governance authority")
	ErrUnauthorized       = errorsmod.Register(ModuleName, 5, "only the grid operator may do this")
	ErrInvalidGenesis     = errorsmod.Register(ModuleName, 6, "invalid genesis state")
	ErrInvalidRequest     = errorsmod.RegisterWithGRPCCode(ModuleName, 7, codes.InvalidArgument, "invalid request")
	ErrInvalidAmount      = errorsmod.Register(ModuleName, 8, "invalid amount")
	ErrPeriodSettled      = errorsmod.Register(ModuleName, 9, "the period's settlement run has started")
	ErrPeriodNotDelivered = errorsmod.Register(ModuleName, 10, "the period has not been delivered yet")
	ErrNoDebt             = errorsmod.Register(ModuleName, 11, "the participant has no debt in that denom")
	ErrNotFound           = errorsmod.RegisterWithGRPCCode(ModuleName, 12, codes.NotFound, "not found")
	ErrRangeTooLong       = errorsmod.RegisterWithGRPCCode(ModuleName, 13, codes.InvalidArgument, "period range too long")
	ErrCollateralRequired = errorsmod.Register(ModuleName, 14, "collateral requirement not met")
	ErrPeriodPruned       = errorsmod.Register(ModuleName, 40, "the period's settlement records are pruned")
)
