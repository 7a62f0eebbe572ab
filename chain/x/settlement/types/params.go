package types

import errorsmod "cosmossdk.io/errors"

// Defaults of the zero-means-default parameters.
const (
	DefaultFeeWindowPeriods    = 4
	DefaultMaxSettlePerBlock   = 2000
	DefaultPostponementPeriods = 4
	DefaultLateFeeBps          = 100
	DefaultMaxPostponements    = 3
	DefaultExclusionPeriods    = 96
	// DefaultKeepPeriods keeps 35 days of 15-minute periods of settlement records (ADR 019):
	// more than a statement query's 31 days, so a month's statement is always whole.
	DefaultKeepPeriods = 35 * 96
	// DefaultMaxPrunePerBlock is pruning's budget per block, apart from the runs'.
	DefaultMaxPrunePerBlock = 300
	// MaxPrunePerBlock bounds the pruning budget governance may set.
	MaxPrunePerBlock = 10_000
	// MaxSettlePerBlock bounds the budget governance may set, so a block stays short.
	MaxSettlePerBlock = 100_000
	// MaxStatementPeriods bounds a statement query's range: 31 days of 15-minute periods.
	MaxStatementPeriods = 2976
)

// DefaultParams are the parameters of a new chain.
func DefaultParams() Params {
	return Params{
		FeeWindowPeriods: DefaultFeeWindowPeriods, MaxSettlePerBlock: DefaultMaxSettlePerBlock,
		PostponementPeriods: DefaultPostponementPeriods, LateFeeBps: DefaultLateFeeBps,
		MaxPostponements: DefaultMaxPostponements, ExclusionPeriods: DefaultExclusionPeriods,
		KeepPeriods: DefaultKeepPeriods, MaxPrunePerBlock: DefaultMaxPrunePerBlock,
	}
}

// Validate checks the parameters.
func (p Params) Validate() error {
	if p.LateFeeBps > 10_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "late_fee_bps is %d; at most 10000 (100 %%)", p.LateFeeBps)
	}
	if p.MaxSettlePerBlock > MaxSettlePerBlock {
		return errorsmod.Wrapf(ErrInvalidParams, "max_settle_per_block is %d; at most %d", p.MaxSettlePerBlock, MaxSettlePerBlock)
	}
	if p.MaxPrunePerBlock > MaxPrunePerBlock {
		return errorsmod.Wrapf(ErrInvalidParams, "max_prune_per_block is %d; at most %d", p.MaxPrunePerBlock, MaxPrunePerBlock)
	}
	if p.FeeWindowPeriods > 96*31 {
		return errorsmod.Wrapf(ErrInvalidParams, "fee_window_periods is %d; at most %d (31 days)", p.FeeWindowPeriods, 96*31)
	}
	return nil
}

func orDefault(v, d uint64) uint64 {
	if v == 0 {
		return d
	}
	return v
}

// FeeWindow is fee_window_periods with its default applied.
func (p Params) FeeWindow() uint64 { return orDefault(p.FeeWindowPeriods, DefaultFeeWindowPeriods) }

// Budget is max_settle_per_block with its default applied.
func (p Params) Budget() int { return int(orDefault(p.MaxSettlePerBlock, DefaultMaxSettlePerBlock)) }

// Postponement is postponement_periods with its default applied.
func (p Params) Postponement() uint64 {
	return orDefault(p.PostponementPeriods, DefaultPostponementPeriods)
}

// MaxTries is max_postponements with its default applied.
func (p Params) MaxTries() uint32 {
	return uint32(orDefault(uint64(p.MaxPostponements), DefaultMaxPostponements))
}

// Exclusion is exclusion_periods with its default applied.
func (p Params) Exclusion() uint64 { return orDefault(p.ExclusionPeriods, DefaultExclusionPeriods) }

// Keep is keep_periods with its default applied.
func (p Params) Keep() uint64 { return orDefault(p.KeepPeriods, DefaultKeepPeriods) }

// PruneBudget is max_prune_per_block with its default applied.
func (p Params) PruneBudget() int {
	return int(orDefault(uint64(p.MaxPrunePerBlock), DefaultMaxPrunePerBlock))
}
