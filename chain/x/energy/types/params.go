package types

import (
	"math"
	"math/bits"

	errorsmod "cosmossdk.io/errors"
)

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
	// DefaultGateClosureSeconds freezes a period's tokens 15 minutes before it starts:
	// European intraday markets close between 5 and 60 minutes before delivery.
	DefaultGateClosureSeconds = 900
	// MaxGateClosureSeconds bounds gate_closure_seconds in Validate: a week.
	MaxGateClosureSeconds = 7 * 86400
	// DefaultMaxFreezesPerBlock is how many offers of newly frozen tokens one block's end
	// closes; each costs a token write and its offer entries' removal.
	DefaultMaxFreezesPerBlock = 1000
	// maxFreezesPerBlockLimit bounds max_freezes_per_block in Validate.
	maxFreezesPerBlockLimit = 100_000
)

// DefaultParams uses 15-minute periods, tokens of at most 31 days, and splits and merges
// of at most 64 tokens.
func DefaultParams() Params {
	return Params{
		PeriodSeconds: DefaultPeriodSeconds, MaxTokenPeriods: DefaultMaxTokenPeriods,
		MaxSplitParts: DefaultMaxSplitParts, MaxMergeInputs: DefaultMaxMergeInputs,
		GateClosureSeconds: DefaultGateClosureSeconds, MaxFreezesPerBlock: DefaultMaxFreezesPerBlock,
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
	if p.GateClosureSeconds > MaxGateClosureSeconds {
		return errorsmod.Wrapf(ErrInvalidParams, "gate_closure_seconds %d is more than a week (%d)", p.GateClosureSeconds, MaxGateClosureSeconds)
	}
	if p.MaxFreezesPerBlock > maxFreezesPerBlockLimit {
		return errorsmod.Wrapf(ErrInvalidParams, "max_freezes_per_block %d is more than %d", p.MaxFreezesPerBlock, maxFreezesPerBlockLimit)
	}
	return nil
}

// FreezesPerBlock is max_freezes_per_block, with 0 (a genesis written before the
// parameter existed) meaning the default.
func (p Params) FreezesPerBlock() uint64 {
	if p.MaxFreezesPerBlock == 0 {
		return DefaultMaxFreezesPerBlock
	}
	return p.MaxFreezesPerBlock
}

// StartOf is the Unix second period n starts, saturating at the largest int64 for
// periods no clock reaches.
func (p Params) StartOf(n uint64) int64 {
	hi, lo := bits.Mul64(n, p.PeriodSeconds)
	if hi != 0 || lo > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(lo)
}

// GateClosesAt is the Unix second the tokens delivering from period n on freeze.
func (p Params) GateClosesAt(n uint64) int64 {
	start := p.StartOf(n)
	if start == math.MaxInt64 {
		return start
	}
	return start - int64(p.GateClosureSeconds) // both bounded: no overflow
}

// PhaseAt is where delivery over periods [first, last] stands at Unix second now.
func (p Params) PhaseAt(now int64, first, last uint64) TokenPhase {
	switch {
	case last < math.MaxUint64 && now >= p.StartOf(last+1):
		return TokenPhase_TOKEN_PHASE_DELIVERED
	case now >= p.StartOf(first):
		return TokenPhase_TOKEN_PHASE_IN_DELIVERY
	case now >= p.GateClosesAt(first):
		return TokenPhase_TOKEN_PHASE_FROZEN
	default:
		return TokenPhase_TOKEN_PHASE_OPEN
	}
}

// FirstOpenPeriod is the earliest period whose gate is still open at Unix second now:
// the first period a new token may start in.
func (p Params) FirstOpenPeriod(now int64) uint64 {
	if now < 0 {
		now = 0
	}
	// Open ⇔ now < n·P − gate ⇔ n·P > now + gate ⇔ n > (now + gate) / P.
	return (uint64(now)+p.GateClosureSeconds)/p.PeriodSeconds + 1
}

// PeriodAt is the index of the period containing Unix second t (DESIGN.md §3).
func (p Params) PeriodAt(unixSeconds int64) uint64 {
	if unixSeconds < 0 {
		return 0
	}
	return uint64(unixSeconds) / p.PeriodSeconds
}
