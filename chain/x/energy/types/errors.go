package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// Registered errors of x/energy; codes never change once released.
var (
	ErrInvalidParams     = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.InvalidArgument, "invalid parameters")
	ErrInvalidAddress    = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "invalid address")
	ErrNotAdmitted       = errorsmod.Register(ModuleName, 4, "not an admitted, active participant")
	ErrInvalidPeriods    = errorsmod.Register(ModuleName, 5, "invalid delivery periods")
	ErrInvalidVolume     = errorsmod.Register(ModuleName, 6, "invalid volume")
	ErrInvalidMeter      = errorsmod.Register(ModuleName, 7, "invalid meter")
	ErrUnknownCurrency   = errorsmod.Register(ModuleName, 8, "unknown currency")
	ErrInvalidTerms      = errorsmod.Register(ModuleName, 9, "invalid contract terms")
	ErrUnknownToken      = errorsmod.RegisterWithGRPCCode(ModuleName, 10, codes.NotFound, "unknown token")
	ErrTokenNotActive    = errorsmod.Register(ModuleName, 11, "token is not active")
	ErrNotSideOwner      = errorsmod.Register(ModuleName, 12, "signer does not own the side")
	ErrInvalidSide       = errorsmod.Register(ModuleName, 13, "invalid side")
	ErrInvalidAsk        = errorsmod.Register(ModuleName, 14, "invalid ask")
	ErrNotForSale        = errorsmod.Register(ModuleName, 15, "side is not for sale")
	ErrOwnSide           = errorsmod.Register(ModuleName, 16, "buyer already owns the side")
	ErrPriceAboveMax     = errorsmod.Register(ModuleName, 17, "ask is above the buyer's maximum price")
	ErrPositionLimit     = errorsmod.Register(ModuleName, 18, "position limit exceeded")
	ErrNoCancellationFee = errorsmod.Register(ModuleName, 19, "token has no cancellation fee: both owners must sign")
	ErrInvalidRole       = errorsmod.Register(ModuleName, 20, "participant's roles do not allow this")
	ErrInvalidGenesis    = errorsmod.Register(ModuleName, 21, "invalid genesis state")
	ErrInvalidRequest    = errorsmod.RegisterWithGRPCCode(ModuleName, 22, codes.InvalidArgument, "invalid request")
	ErrInvalidCO2        = errorsmod.Register(ModuleName, 23, "CO2 content differs from the producer meter's audited intensity")
	ErrUnauthorized      = errorsmod.Register(ModuleName, 24, "signer is not the grid operator")
	ErrPriceOutOfBand    = errorsmod.Register(ModuleName, 25, "price is outside the denom's price band")
	ErrAmountTooLarge    = errorsmod.Register(ModuleName, 26, "contract amount is above the maximum")
	ErrTooManyParts      = errorsmod.Register(ModuleName, 27, "split has more parts than max_split_parts")
	ErrTooManyInputs     = errorsmod.Register(ModuleName, 28, "merge has more tokens than max_merge_inputs")
	ErrSideCommitted     = errorsmod.Register(ModuleName, 29, "side backs an aggregation or disaggregation")
	ErrEmittedToken      = errorsmod.Register(ModuleName, 30, "token was emitted by an aggregation or disaggregation")
	ErrInvalidCategory   = errorsmod.Register(ModuleName, 31, "energy category missing or contradicted")
	ErrTokenFrozen       = errorsmod.Register(ModuleName, 32, "token is frozen: its gate has closed")
	// Cross-grid purchases (ADR 024 §5): only x/interchain's keeper calls reach 34-37; a
	// message reaches 33.
	ErrBridgeToken     = errorsmod.Register(ModuleName, 33, "token is a bridge token of a cross-grid purchase")
	ErrNotBridgeToken  = errorsmod.Register(ModuleName, 34, "token is no bridge token")
	ErrBridgeDelivered = errorsmod.Register(ModuleName, 35, "bridge token's delivery has begun")
	ErrAskChanged      = errorsmod.Register(ModuleName, 36, "ask differs from the price quoted for the purchase")
	ErrInvalidBridge   = errorsmod.Register(ModuleName, 37, "invalid bridge token")

	// CO2 (seed §2.4), from 60 on so that other additions can take the codes after 32.
	ErrNotCo2Authority   = errorsmod.Register(ModuleName, 60, "signer is not the CO2 authority")
	ErrInvalidCo2Amount  = errorsmod.Register(ModuleName, 61, "CO2 amount would not be conserved")
	ErrUnknownCo2Token   = errorsmod.RegisterWithGRPCCode(ModuleName, 62, codes.NotFound, "unknown CO2 token")
	ErrCo2TokenNotActive = errorsmod.Register(ModuleName, 63, "CO2 token was merged")
	ErrNotCo2Holder      = errorsmod.Register(ModuleName, 64, "signer does not hold the CO2 token")
	ErrInvalidCo2Rate    = errorsmod.Register(ModuleName, 65, "invalid CO2 rate")
	ErrCo2TokenConsumed  = errorsmod.Register(ModuleName, 66, "CO2 token was consumed at settlement")
	ErrCo2TokenOffered   = errorsmod.Register(ModuleName, 67, "CO2 token is offered for sale")
	ErrCo2TokenDivided   = errorsmod.Register(ModuleName, 68, "CO2 token was divided")
	// Traceability's refusals are numbered from 50 so that Msgs added beside it keep the
	// codes after 32 in order.
	ErrTraceRangeTooLong = errorsmod.RegisterWithGRPCCode(ModuleName, 50, codes.InvalidArgument, "period range is longer than a traceability query may cover")
	ErrTraceTooLarge     = errorsmod.Register(ModuleName, 51, "one consumed token's lineage is larger than a traceability query may read")
)
