package types

import (
	"strings"

	errorsmod "cosmossdk.io/errors"
	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
)

// MaxCancelReasonBytes bounds a cancel's reason.
const MaxCancelReasonBytes = 256

// NewCancelPacket wraps a cancel as packet data.
func NewCancelPacket(p CancelPacket) EnergyPacketData {
	return EnergyPacketData{Packet: &EnergyPacketData_Cancel{Cancel: &p}}
}

// Validate checks what a cancel packet says about itself; each chain checks the rest
// against its record of the purchase.
func (p CancelPacket) Validate() error {
	if err := ValidateRoute(p.Route); err != nil {
		return errorsmod.Wrap(ErrInvalidPacket, err.Error())
	}
	if int(p.Hop) >= len(p.Route) {
		return errorsmod.Wrapf(ErrInvalidPacket, "hop %d is outside the route of %d chains", p.Hop, len(p.Route))
	}
	if id := strings.SplitN(p.PurchaseId, "/", 2); len(id) != 2 || id[0] != p.Route[0] {
		return errorsmod.Wrapf(ErrInvalidPacket, "purchase id %q does not start with the route's first chain", p.PurchaseId)
	}
	switch p.Stage {
	case CancelStage_CANCEL_STAGE_REQUEST:
		// A request travels towards the token's chain: it never arrives on the buyer's.
		if p.Hop == 0 || !p.ValueAmount.IsNil() && !p.ValueAmount.IsZero() || p.ValueDenom != "" {
			return errorsmod.Wrap(ErrInvalidPacket, "a cancel request goes towards the token's chain and carries no value")
		}
	case CancelStage_CANCEL_STAGE_SWEEP:
		// A sweep travels from the token's chain towards the buyer's: it never arrives on the token's.
		if int(p.Hop) == len(p.Route)-1 {
			return errorsmod.Wrap(ErrInvalidPacket, "a cancel sweep goes towards the buyer's chain")
		}
		if err := checkAmount("value_amount", p.ValueAmount); err != nil {
			return err
		}
		if p.ValueAmount.IsPositive() {
			if err := transfertypes.ExtractDenomFromPath(p.ValueDenom).Validate(); err != nil {
				return errorsmod.Wrapf(ErrInvalidPacket, "value denom %q is not valid", p.ValueDenom)
			}
		}
	default:
		return errorsmod.Wrapf(ErrInvalidPacket, "cancel stage %s is unknown", p.Stage)
	}
	found := false
	for _, c := range p.Route {
		found = found || c == p.InitiatorChainId
	}
	if !found || p.RequestedBy == "" || len(p.RequestedBy) > 128 || len(p.Reason) > MaxCancelReasonBytes || p.TimeoutTimestamp == 0 {
		return errorsmod.Wrap(ErrInvalidPacket, "a cancel names a chain of its route, the operator who asked there, a short reason and its timeout")
	}
	return nil
}
