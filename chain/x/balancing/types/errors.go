package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// Registered errors of x/balancing. Codes start at 2 (1 is reserved for internal errors)
// and never change once released: clients match on codespace and code.
var (
	ErrUnauthorized       = errorsmod.Register(ModuleName, 2, "signer is not the grid operator")
	ErrInvalidAddress     = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "invalid address")
	ErrInvalidLegalID     = errorsmod.Register(ModuleName, 4, "invalid legal identifier")
	ErrInvalidDisplayName = errorsmod.Register(ModuleName, 5, "invalid display name")
	ErrInvalidRole        = errorsmod.Register(ModuleName, 6, "invalid role")
	ErrInvalidCategory    = errorsmod.Register(ModuleName, 7, "invalid energy category")
	ErrParticipantExists  = errorsmod.Register(ModuleName, 8, "participant already admitted")
	ErrLegalIDTaken       = errorsmod.Register(ModuleName, 9, "legal identifier already admitted")
	ErrParticipantUnknown = errorsmod.RegisterWithGRPCCode(ModuleName, 10, codes.NotFound, "participant not admitted")
	ErrInvalidStatus      = errorsmod.Register(ModuleName, 11, "invalid status transition")
	ErrInvalidMeterID     = errorsmod.Register(ModuleName, 12, "invalid meter identifier")
	ErrMeterExists        = errorsmod.Register(ModuleName, 13, "meter already registered")
	ErrMeterUnknown       = errorsmod.RegisterWithGRPCCode(ModuleName, 14, codes.NotFound, "meter not registered")
	ErrInvalidMeterKind   = errorsmod.Register(ModuleName, 15, "invalid meter kind")
	ErrInvalidPublicKey   = errorsmod.Register(ModuleName, 16, "invalid meter public key")
	ErrInvalidLocation    = errorsmod.Register(ModuleName, 17, "invalid location")
	ErrInvalidReasonCode  = errorsmod.Register(ModuleName, 18, "invalid reason code")
	ErrInvalidAuthority   = errorsmod.Register(ModuleName, 19, "signer is not the governance authority")
	ErrInvalidGenesis     = errorsmod.Register(ModuleName, 20, "invalid genesis state")
	ErrInvalidRequest     = errorsmod.RegisterWithGRPCCode(ModuleName, 21, codes.InvalidArgument, "invalid request")
	ErrRelayerExists      = errorsmod.Register(ModuleName, 22, "relayer already registered")
	ErrRelayerUnknown     = errorsmod.RegisterWithGRPCCode(ModuleName, 23, codes.NotFound, "relayer not registered")
	ErrNotAdmitted        = errorsmod.Register(ModuleName, 24, "account not admitted on this chain")
	ErrNotInGoodStanding  = errorsmod.Register(ModuleName, 25, "participant is suspended or excluded")
	ErrMessageNotAllowed  = errorsmod.Register(ModuleName, 26, "message not allowed for this account")
	ErrTxTooLarge         = errorsmod.Register(ModuleName, 27, "transaction exceeds the chain's limits")
	ErrSenderQuota        = errorsmod.Register(ModuleName, 28, "sender has too much gas pending in the mempool")
	ErrFiatFenced         = errorsmod.Register(ModuleName, 29, "fiat may not move this way")
	ErrInvalidParams      = errorsmod.RegisterWithGRPCCode(ModuleName, 30, codes.InvalidArgument, "invalid parameters")
	ErrInvalidPointKind   = errorsmod.Register(ModuleName, 31, "invalid metering point kind")
	ErrMeterRetired       = errorsmod.Register(ModuleName, 32, "meter is retired")
	ErrNoCo2Authority     = errorsmod.Register(ModuleName, 33, "no CO2 authority has been appointed")
)
