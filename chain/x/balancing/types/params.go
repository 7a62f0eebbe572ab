package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Default transaction limits (docs/adr/007-admission-at-the-door.md). The block gas limit
// that gridnet writes into genesis is DefaultBlockMaxGas; a transaction may ask for a tenth
// of it and one sender may keep a tenth of it pending, so a flooding sender leaves nine tenths
// of the next block to everyone else.
const (
	DefaultBlockMaxGas      uint64 = 500_000_000
	DefaultMaxTxGas         uint64 = DefaultBlockMaxGas / 10
	DefaultMaxMsgsPerTx     uint32 = 100
	DefaultSenderPendingGas uint64 = DefaultBlockMaxGas / 10
)

// DefaultParams has no grid operator (a chain must name one in genesis) and the default limits.
func DefaultParams() Params { return Params{TxLimits: DefaultTxLimits()} }

// DefaultTxLimits are the limits a chain starts with.
func DefaultTxLimits() TxLimits {
	return TxLimits{MaxGas: DefaultMaxTxGas, MaxMsgs: DefaultMaxMsgsPerTx, SenderPendingGas: DefaultSenderPendingGas}
}

// Effective fills every zero field with its default, so a genesis from before the limits
// existed (all zero) gets the defaults rather than no limit at all.
func (l TxLimits) Effective() TxLimits {
	d := DefaultTxLimits()
	if l.MaxGas == 0 {
		l.MaxGas = d.MaxGas
	}
	if l.MaxMsgs == 0 {
		l.MaxMsgs = d.MaxMsgs
	}
	if l.SenderPendingGas == 0 {
		l.SenderPendingGas = d.SenderPendingGas
	}
	return l
}

// Validate checks the parameters. An empty operator is allowed only so that
// a default genesis validates; such a chain admits no one until governance names one.
func (p Params) Validate() error {
	l := p.TxLimits.Effective()
	if l.SenderPendingGas < l.MaxGas {
		return errorsmod.Wrapf(ErrInvalidParams, "tx_limits.sender_pending_gas %d is below tx_limits.max_gas %d: a sender could not send its largest transaction",
			l.SenderPendingGas, l.MaxGas)
	}
	if p.GridOperator == "" {
		return nil
	}
	if _, err := sdk.AccAddressFromBech32(p.GridOperator); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "grid_operator %q: %v", p.GridOperator, err)
	}
	return nil
}
