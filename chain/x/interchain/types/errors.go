package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// Registered errors of x/interchain. Codes start at 2 and never change once released:
// clients match on codespace and code, and an error acknowledgement carries only the code.
var (
	ErrUnauthorized        = errorsmod.Register(ModuleName, 2, "signer is not the grid operator")
	ErrInvalidRequest      = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "invalid request")
	ErrUnknownChannel      = errorsmod.RegisterWithGRPCCode(ModuleName, 4, codes.NotFound, "channel not found")
	ErrChannelNotUsable    = errorsmod.Register(ModuleName, 5, "channel is not an open energy or transfer channel of this link")
	ErrAlreadyLinked       = errorsmod.Register(ModuleName, 6, "link already recorded")
	ErrPeerUnknown         = errorsmod.Register(ModuleName, 7, "counterparty facts unknown: no Hello was exchanged on the energy channel")
	ErrPeriodMismatch      = errorsmod.Register(ModuleName, 8, "counterparty period length differs from this chain's")
	ErrCurrencyMismatch    = errorsmod.Register(ModuleName, 9, "settlement currencies differ and no denom mapping covers them")
	ErrInvalidVersion      = errorsmod.Register(ModuleName, 10, "invalid energy channel version")
	ErrInvalidOrdering     = errorsmod.Register(ModuleName, 11, "energy channels are unordered")
	ErrInvalidPacket       = errorsmod.Register(ModuleName, 12, "invalid energy packet")
	ErrInvalidGenesis      = errorsmod.Register(ModuleName, 13, "invalid genesis state")
	ErrChannelCloseRefused = errorsmod.Register(ModuleName, 14, "energy channels may not be closed")
	ErrNotParentSide       = errorsmod.Register(ModuleName, 15, "bridge capacities are kept by the parent's side of a link")
	ErrInvalidCapacity     = errorsmod.Register(ModuleName, 16, "invalid bridge capacity")
	ErrBridgeFull          = errorsmod.Register(ModuleName, 17, "bridge capacity exhausted")
	ErrReleaseTooLarge     = errorsmod.Register(ModuleName, 18, "release exceeds the flow reserved")
	ErrInterfaceAccount    = errorsmod.Register(ModuleName, 19, "interface account cannot be registered")
	ErrInvariantBroken     = errorsmod.Register(ModuleName, 20, "interchain invariant broken")
)
