package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of x/balancing. Codes start at 2 (1 is reserved for internal errors)
// and never change once released: clients match on codespace and code.
var (
	ErrUnauthorized       = errorsmod.Register(ModuleName, 2, "signer is not the grid operator")
	ErrInvalidAddress     = errorsmod.Register(ModuleName, 3, "invalid address")
	ErrInvalidLegalID     = errorsmod.Register(ModuleName, 4, "invalid legal identifier")
	ErrInvalidDisplayName = errorsmod.Register(ModuleName, 5, "invalid display name")
	ErrInvalidRole        = errorsmod.Register(ModuleName, 6, "invalid role")
	ErrInvalidCategory    = errorsmod.Register(ModuleName, 7, "invalid energy category")
	ErrParticipantExists  = errorsmod.Register(ModuleName, 8, "participant already admitted")
	ErrLegalIDTaken       = errorsmod.Register(ModuleName, 9, "legal identifier already admitted")
	ErrParticipantUnknown = errorsmod.Register(ModuleName, 10, "participant not admitted")
	ErrInvalidStatus      = errorsmod.Register(ModuleName, 11, "invalid status transition")
	ErrInvalidMeterID     = errorsmod.Register(ModuleName, 12, "invalid meter identifier")
	ErrMeterExists        = errorsmod.Register(ModuleName, 13, "meter already registered")
	ErrMeterUnknown       = errorsmod.Register(ModuleName, 14, "meter not registered")
	ErrInvalidMeterKind   = errorsmod.Register(ModuleName, 15, "invalid meter kind")
	ErrInvalidPublicKey   = errorsmod.Register(ModuleName, 16, "invalid meter public key")
	ErrInvalidLocation    = errorsmod.Register(ModuleName, 17, "invalid location")
	ErrInvalidReasonCode  = errorsmod.Register(ModuleName, 18, "invalid reason code")
	ErrInvalidAuthority   = errorsmod.Register(ModuleName, 19, "signer is not the governance authority")
	ErrInvalidGenesis     = errorsmod.Register(ModuleName, 20, "invalid genesis state")
	ErrInvalidRequest     = errorsmod.Register(ModuleName, 21, "invalid request")
)
