package types

import errorsmod "cosmossdk.io/errors"

// DefaultMaxTokenPeriods is 31 days of 15-minute periods.
const DefaultMaxTokenPeriods = 2976

// DefaultParams uses 15-minute periods and tokens of at most 31 days.
func DefaultParams() Params {
	return Params{PeriodSeconds: DefaultPeriodSeconds, MaxTokenPeriods: DefaultMaxTokenPeriods}
}

// Validate checks that a period divides a day, so periods align with calendar days.
func (p Params) Validate() error {
	if p.PeriodSeconds == 0 || 86400%p.PeriodSeconds != 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "period_seconds %d must be positive and divide 86400", p.PeriodSeconds)
	}
	if p.MaxTokenPeriods == 0 || p.MaxTokenPeriods > 100_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_token_periods %d must be 1-100000", p.MaxTokenPeriods)
	}
	return nil
}

// PeriodAt is the index of the period containing Unix second t (DESIGN.md §3).
func (p Params) PeriodAt(unixSeconds int64) uint64 {
	if unixSeconds < 0 {
		return 0
	}
	return uint64(unixSeconds) / p.PeriodSeconds
}

// DefaultGenesis uses the default parameters and no tokens.
func DefaultGenesis() *GenesisState { return &GenesisState{Params: DefaultParams(), NextTokenId: 1} }

// Validate checks the genesis state.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	seen := make(map[uint64]bool, len(gs.Tokens))
	for _, t := range gs.Tokens {
		if t.Id == 0 || t.Id >= gs.NextTokenId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "token id %d outside 1..next_token_id-1", t.Id)
		}
		if seen[t.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "token %d listed twice", t.Id)
		}
		seen[t.Id] = true
		if t.Producer.Owner == "" || t.Consumer.Owner == "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "token %d must have both side owners", t.Id)
		}
	}
	return nil
}
