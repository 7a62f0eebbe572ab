package types

import (
	errorsmod "cosmossdk.io/errors"
	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
)

// NewFeeRefundPacket wraps a fee refund as packet data.
func NewFeeRefundPacket(r FeeRefundPacket) EnergyPacketData {
	return EnergyPacketData{Packet: &EnergyPacketData_FeeRefund{FeeRefund: &r}}
}

// Validate checks what a fee refund says about itself; the receiver checks it against its
// record of the purchase.
func (r FeeRefundPacket) Validate() error {
	if _, _, ok := SplitPurchaseID(r.PurchaseId); !ok || len(r.PurchaseId) > 128 {
		return errorsmod.Wrapf(ErrInvalidPacket, "fee refund names no purchase id (%q)", r.PurchaseId)
	}
	if r.FromHop == 0 || r.FromHop >= MaxRouteChains {
		return errorsmod.Wrapf(ErrInvalidPacket, "fee refund from hop %d is outside a route", r.FromHop)
	}
	if err := checkAmount("value_amount", r.ValueAmount); err != nil {
		return err
	}
	if !r.ValueAmount.IsPositive() {
		return errorsmod.Wrap(ErrInvalidPacket, "a fee refund carries a positive amount")
	}
	if err := transfertypes.ExtractDenomFromPath(r.ValueDenom).Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidPacket, "fee refund denom %q is not valid", r.ValueDenom)
	}
	if r.TimeoutTimestamp == 0 {
		return errorsmod.Wrap(ErrInvalidPacket, "a fee refund names its timeout")
	}
	return nil
}
