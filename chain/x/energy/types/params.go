package types

import errorsmod "cosmossdk.io/errors"

const (
	// DefaultMaxTokenPeriods is 31 days of 15-minute periods.
	DefaultMaxTokenPeriods = 2976
	// DefaultMaxSplitParts lets a producer cut a token into 64 offers of different sizes
	// in one transaction; the worst split it allows is measured against the
	// per-transaction gas ceiling in keeper/gas_test.go.
	DefaultMaxSplitParts = 64
	// DefaultMaxMergeInputs is as many tokens as a split can make, so a split is always
	// undone by one merge; measured the same way.
	DefaultMaxMergeInputs = 64
	// maxSplitMergeCap bounds both caps in Validate: a governance proposal cannot lift
	// them to where one transaction's writes approach the per-transaction gas ceiling.
	maxSplitMergeCap = 256
	// MaxTokenPeriodsLimit bounds max_token_periods in Validate: 93 days of 15-minute
	// periods (a calendar quarter), or a year of hourly ones. Issuing, buying, handing
	// over or cancelling a token rewrites its owners' position records, one per day of
	// its span, about 1,000 gas per period; at this limit the heaviest of them takes
	// ~11 M gas, well under the 30 M per-transaction ceiling (keeper/gas_test.go). The
	// former limit, 100,000 periods, let one purchase take ~100 M gas.
	MaxTokenPeriodsLimit = 8928
)

// DefaultParams uses 15-minute periods, tokens of at most 31 days, and splits and merges
// of at most 64 tokens.
func DefaultParams() Params {
	return Params{
		PeriodSeconds: DefaultPeriodSeconds, MaxTokenPeriods: DefaultMaxTokenPeriods,
		MaxSplitParts: DefaultMaxSplitParts, MaxMergeInputs: DefaultMaxMergeInputs,
	}
}

// Validate checks that a period divides a day, so periods align with calendar days, and
// that the work caps allow the smallest split and merge (two tokens) and no more than
// maxSplitMergeCap.
func (p Params) Validate() error {
	if p.PeriodSeconds == 0 || 86400%p.PeriodSeconds != 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "period_seconds %d must be positive and divide 86400", p.PeriodSeconds)
	}
	if p.MaxTokenPeriods == 0 || p.MaxTokenPeriods > MaxTokenPeriodsLimit {
		return errorsmod.Wrapf(ErrInvalidParams, "max_token_periods %d must be 1-%d", p.MaxTokenPeriods, MaxTokenPeriodsLimit)
	}
	if p.MaxSplitParts < 2 || p.MaxSplitParts > maxSplitMergeCap {
		return errorsmod.Wrapf(ErrInvalidParams, "max_split_parts %d must be 2-%d", p.MaxSplitParts, maxSplitMergeCap)
	}
	if p.MaxMergeInputs < 2 || p.MaxMergeInputs > maxSplitMergeCap {
		return errorsmod.Wrapf(ErrInvalidParams, "max_merge_inputs %d must be 2-%d", p.MaxMergeInputs, maxSplitMergeCap)
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
