package types

import (
	errorsmod "cosmossdk.io/errors"
)

// MaxPacketBytes bounds an energy packet's data; a Hello is a few hundred bytes.
const MaxPacketBytes = 4096

// maxDenoms bounds the settlement denoms a Hello may carry.
const maxDenoms = 32

// NewHelloPacket wraps a Hello as packet data.
func NewHelloPacket(h Hello) EnergyPacketData {
	return EnergyPacketData{Packet: &EnergyPacketData_Hello{Hello: &h}}
}

// DecodePacket reads and checks packet data; anything it cannot vouch for is ErrInvalidPacket.
func DecodePacket(bz []byte) (EnergyPacketData, error) {
	var data EnergyPacketData
	if len(bz) == 0 || len(bz) > MaxPacketBytes {
		return data, errorsmod.Wrapf(ErrInvalidPacket, "packet data is %d bytes, want 1 to %d", len(bz), MaxPacketBytes)
	}
	if err := data.Unmarshal(bz); err != nil {
		return data, errorsmod.Wrapf(ErrInvalidPacket, "packet data does not decode: %v", err)
	}
	switch p := data.Packet.(type) {
	case *EnergyPacketData_Hello:
		if err := p.Hello.Validate(); err != nil {
			return data, err
		}
	case *EnergyPacketData_Purchase:
		if p.Purchase == nil {
			return data, errorsmod.Wrap(ErrInvalidPacket, "purchase packet is empty")
		}
		if err := p.Purchase.Validate(); err != nil {
			return data, err
		}
	case *EnergyPacketData_Cancel:
		if p.Cancel == nil {
			return data, errorsmod.Wrap(ErrInvalidPacket, "cancel packet is empty")
		}
		if err := p.Cancel.Validate(); err != nil {
			return data, err
		}
	case *EnergyPacketData_FeeRefund:
		if p.FeeRefund == nil {
			return data, errorsmod.Wrap(ErrInvalidPacket, "fee refund packet is empty")
		}
		if err := p.FeeRefund.Validate(); err != nil {
			return data, err
		}
	default:
		return data, errorsmod.Wrap(ErrInvalidPacket, "packet carries no known kind")
	}
	return data, nil
}

// Validate checks a Hello's facts.
func (h Hello) Validate() error {
	if h.PeriodSeconds == 0 {
		return errorsmod.Wrap(ErrInvalidPacket, "hello names no period length")
	}
	if len(h.SettlementDenoms) > maxDenoms {
		return errorsmod.Wrapf(ErrInvalidPacket, "hello names %d settlement denoms, at most %d", len(h.SettlementDenoms), maxDenoms)
	}
	for i, d := range h.SettlementDenoms {
		if d == "" || len(d) > 128 {
			return errorsmod.Wrapf(ErrInvalidPacket, "hello settlement denom %d is empty or longer than 128 characters", i)
		}
		if i > 0 && h.SettlementDenoms[i-1] >= d {
			return errorsmod.Wrap(ErrInvalidPacket, "hello settlement denoms are not sorted and distinct")
		}
	}
	return nil
}

// DecodeAck reads a successful acknowledgement's result.
func DecodeAck(bz []byte) (EnergyAck, error) {
	var ack EnergyAck
	if len(bz) == 0 || len(bz) > MaxPacketBytes {
		return ack, errorsmod.Wrapf(ErrInvalidPacket, "ack result is %d bytes, want 1 to %d", len(bz), MaxPacketBytes)
	}
	if err := ack.Unmarshal(bz); err != nil {
		return ack, errorsmod.Wrapf(ErrInvalidPacket, "ack result does not decode: %v", err)
	}
	return ack, nil
}
