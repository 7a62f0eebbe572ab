package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultParams has no grid operator: a chain must name one in genesis.
func DefaultParams() Params { return Params{} }

// Validate checks the parameters. An empty operator is allowed only so that
// a default genesis validates; such a chain admits no one until governance names one.
func (p Params) Validate() error {
	if p.GridOperator == "" {
		return nil
	}
	if _, err := sdk.AccAddressFromBech32(p.GridOperator); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "grid_operator %q: %v", p.GridOperator, err)
	}
	return nil
}
