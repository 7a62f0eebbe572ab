package types

import (
	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
)

const (
	// ModuleName is the module's name and store key.
	ModuleName = "energy"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
	// DefaultPeriodSeconds is the EU 15-minute imbalance settlement period.
	DefaultPeriodSeconds = 900
)

// ParamsKey holds the parameters.
var ParamsKey = collections.NewPrefix(0)

// ErrInvalidParams is returned for parameters that cannot be used.
var ErrInvalidParams = errorsmod.Register(ModuleName, 2, "invalid parameters")

// DefaultParams uses 15-minute periods.
func DefaultParams() Params { return Params{PeriodSeconds: DefaultPeriodSeconds} }

// Validate checks that a period divides a day, so periods align with calendar days.
func (p Params) Validate() error {
	if p.PeriodSeconds == 0 || 86400%p.PeriodSeconds != 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "period_seconds %d must be positive and divide 86400", p.PeriodSeconds)
	}
	return nil
}

// DefaultGenesis uses the default parameters.
func DefaultGenesis() *GenesisState { return &GenesisState{Params: DefaultParams()} }

// Validate checks the genesis state.
func (gs GenesisState) Validate() error { return gs.Params.Validate() }
