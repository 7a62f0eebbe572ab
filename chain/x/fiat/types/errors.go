package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// Registered errors of x/fiat; codes never change once released.
var (
	ErrInvalidAuthority     = errorsmod.Register(ModuleName, 2, "signer is not the governance authority")
	ErrInvalidAddress       = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "invalid address")
	ErrInvalidDenom         = errorsmod.Register(ModuleName, 4, "invalid denom")
	ErrDenomTaken           = errorsmod.Register(ModuleName, 5, "denom already exists")
	ErrUnknownBank          = errorsmod.RegisterWithGRPCCode(ModuleName, 6, codes.NotFound, "no approved bank issues this denom")
	ErrInvalidCurrency      = errorsmod.Register(ModuleName, 7, "invalid currency")
	ErrInvalidFeeModel      = errorsmod.Register(ModuleName, 8, "invalid fee model")
	ErrNotTheBank           = errorsmod.Register(ModuleName, 9, "signer is not the denom's bank")
	ErrBankRevoked          = errorsmod.Register(ModuleName, 10, "bank entity is revoked")
	ErrInvalidAmount        = errorsmod.Register(ModuleName, 11, "invalid amount")
	ErrExceedsReserve       = errorsmod.Register(ModuleName, 12, "issuance would exceed the attested reserve")
	ErrInvalidHash          = errorsmod.Register(ModuleName, 13, "invalid statement hash")
	ErrInvalidReference     = errorsmod.Register(ModuleName, 14, "invalid reference")
	ErrRecipientNotAdmitted = errorsmod.Register(ModuleName, 15, "recipient is not an admitted participant")
	ErrInsufficientFunds    = errorsmod.Register(ModuleName, 16, "insufficient funds")
	ErrRedeemAtOrigin       = errorsmod.Register(ModuleName, 17, "fiat redeems only on the chain of its bank")
	ErrUnknownRedemption    = errorsmod.RegisterWithGRPCCode(ModuleName, 18, codes.NotFound, "unknown redemption")
	ErrAlreadyPaid          = errorsmod.Register(ModuleName, 19, "redemption already marked paid")
	ErrLockedFunds          = errorsmod.Register(ModuleName, 20, "funds are locked as collateral")
	ErrUnauthorized         = errorsmod.Register(ModuleName, 21, "signer is not the grid operator")
	ErrInvalidGenesis       = errorsmod.Register(ModuleName, 22, "invalid genesis state")
	ErrInvalidRequest       = errorsmod.RegisterWithGRPCCode(ModuleName, 23, codes.InvalidArgument, "invalid request")
	ErrInvalidStatus        = errorsmod.Register(ModuleName, 24, "invalid bank status")
)
