package types

import errorsmod "cosmossdk.io/errors"

// DefaultGenesis is a chain that has settled nothing.
func DefaultGenesis() *GenesisState { return &GenesisState{Params: DefaultParams()} }

// Validate checks the genesis state.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	running := 0
	for _, r := range gs.Runs {
		if !r.Done {
			running++
		}
	}
	if running > 1 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%d runs in progress; at most one", running)
	}
	for _, d := range gs.Debts {
		if d.Amount.IsNil() || !d.Amount.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "debt of %s in %s is not positive", d.Owner, d.Denom)
		}
	}
	for _, c := range gs.Claims {
		if c.Amount.IsNil() || !c.Amount.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim of %s in %s is not positive", c.Owner, c.Denom)
		}
	}
	return nil
}
