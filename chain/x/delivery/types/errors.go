package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// Registered errors of x/delivery. Codes start at 2 and never change once released:
// clients match on codespace and code. Codes 10-18 are also the reasons a single reading
// of a batch is refused (ReadingOutcome.code), without failing the batch.
var (
	ErrInvalidParams    = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.InvalidArgument, "invalid parameters")
	ErrInvalidAddress   = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "invalid address")
	ErrNotAdmitted      = errorsmod.Register(ModuleName, 4, "submitter is not an active participant or the grid operator")
	ErrEmptyBatch       = errorsmod.Register(ModuleName, 5, "batch carries no readings")
	ErrBatchTooLarge    = errorsmod.Register(ModuleName, 6, "batch carries more readings than max_readings_per_tx")
	ErrInvalidAuthority = errorsmod.Register(ModuleName, 7, "signer is not the governance authority")
	ErrInvalidGenesis   = errorsmod.Register(ModuleName, 8, "invalid genesis state")
	ErrInvalidRequest   = errorsmod.RegisterWithGRPCCode(ModuleName, 9, codes.InvalidArgument, "invalid request")

	ErrBadSignature        = errorsmod.Register(ModuleName, 10, "reading signature does not verify with the meter's key")
	ErrUnknownMeter        = errorsmod.RegisterWithGRPCCode(ModuleName, 11, codes.NotFound, "meter not registered")
	ErrVirtualMeter        = errorsmod.Register(ModuleName, 12, "virtual meters measure nothing")
	ErrRetiredMeter        = errorsmod.Register(ModuleName, 13, "meter is retired")
	ErrPeriodNotEnded      = errorsmod.Register(ModuleName, 14, "period has not ended yet")
	ErrWindowClosed        = errorsmod.Register(ModuleName, 15, "reading window of the period is closed")
	ErrReplay              = errorsmod.Register(ModuleName, 16, "meter already has a reading for the period")
	ErrMalformedCommitment = errorsmod.Register(ModuleName, 17, "malformed household commitment")
	ErrMalformedReading    = errorsmod.Register(ModuleName, 18, "malformed reading")

	ErrReadingNotFound = errorsmod.Register(ModuleName, 19, "no reading for the meter and period")

	ErrUnauthorized          = errorsmod.Register(ModuleName, 20, "only the grid operator may do this")
	ErrInvalidReferencePrice = errorsmod.Register(ModuleName, 21, "invalid reference price")
)
