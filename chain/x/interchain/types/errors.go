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

	// Cross-grid purchases (docs/adr/024) use 30-49.
	ErrNotConsumer      = errorsmod.Register(ModuleName, 30, "only an active participant with a consuming role buys from another grid")
	ErrInvalidRoute     = errorsmod.RegisterWithGRPCCode(ModuleName, 31, codes.InvalidArgument, "invalid route")
	ErrQuoteMismatch    = errorsmod.Register(ModuleName, 32, "the purchase's quote no longer holds")
	ErrAboveMaxTotal    = errorsmod.Register(ModuleName, 33, "the purchase costs more than max_total")
	ErrNoLinkFee        = errorsmod.Register(ModuleName, 34, "the link has no grid-fee estimate for the purchase's currency")
	ErrWrongValue       = errorsmod.Register(ModuleName, 35, "the value carried does not match the quote")
	ErrPurchaseNotFound = errorsmod.RegisterWithGRPCCode(ModuleName, 36, codes.NotFound, "purchase not found")
	ErrPurchaseState    = errorsmod.Register(ModuleName, 37, "the purchase is not pending")
	ErrTimeoutTooShort  = errorsmod.Register(ModuleName, 38, "too little time left to carry the purchase further")
	ErrRefusedAhead     = errorsmod.Register(ModuleName, 39, "a chain further on the route refused the purchase or it timed out there")

	// Cancelling a purchase's chain of tokens (docs/adr/027) uses 50-59.
	ErrPurchaseNotDone     = errorsmod.Register(ModuleName, 50, "the purchase is not done on this chain: only a done purchase's chain of tokens is cancelled")
	ErrNoRedispatch        = errorsmod.Register(ModuleName, 51, "the purchase's tokens offer no redispatch at a price, so their chain cannot be cancelled")
	ErrCompensationUnpaid  = errorsmod.Register(ModuleName, 52, "the grid operator cannot pay the compensation the tokens' redispatch price sets")
	ErrCancelRefusedAhead  = errorsmod.Register(ModuleName, 53, "a chain further on the route refused the cancel or it timed out there")
	ErrTokenNotCancellable = errorsmod.Register(ModuleName, 54, "this chain's token of the purchase can no longer be cancelled")

	ErrNotParentSide    = errorsmod.Register(ModuleName, 15, "bridge capacities are kept by the parent's side of a link")
	ErrInvalidCapacity  = errorsmod.Register(ModuleName, 16, "invalid bridge capacity")
	ErrBridgeFull       = errorsmod.Register(ModuleName, 17, "bridge capacity exhausted")
	ErrReleaseTooLarge  = errorsmod.Register(ModuleName, 18, "release exceeds the flow reserved")
	ErrInterfaceAccount = errorsmod.Register(ModuleName, 19, "interface account cannot be registered")
	ErrInvariantBroken  = errorsmod.Register(ModuleName, 20, "interchain invariant broken")
)

// Purchase retention and the fee true-up (docs/adr/029) use 55-59; redispatch took 50-54.
var (
	ErrPurchasePruned = errorsmod.RegisterWithGRPCCode(ModuleName, 55, codes.NotFound, "the purchase's record is pruned")
	ErrFeeRefund      = errorsmod.Register(ModuleName, 56, "invalid fee refund")
	// ErrInvalidAuthority refuses a MsgUpdateParams not sent by x/gov.
	ErrInvalidAuthority = errorsmod.Register(ModuleName, 57, "signer is not the governance authority")
	// ErrInvalidParams refuses parameters out of their bounds.
	ErrInvalidParams = errorsmod.RegisterWithGRPCCode(ModuleName, 58, codes.InvalidArgument, "invalid interchain parameters")
)
