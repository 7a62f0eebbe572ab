package types

import (
	"strconv"
	"strings"

	errorsmod "cosmossdk.io/errors"
)

// Defaults of the parameters whose zero value means "the default" (docs/adr/029).
const (
	DefaultPurchaseKeepPeriods      uint64 = 3360
	DefaultMaxPurchasePrunePerBlock uint32 = 100
	DefaultTrueUpDelayPeriods       uint64 = 192
	DefaultMaxTrueUpsPerBlock       uint32 = 50
	// maxPerBlock bounds both per-block budgets.
	maxPerBlock uint32 = 10_000
)

// KeepPeriods is purchase_keep_periods or its default.
func (p Params) KeepPeriods() uint64 {
	if p.PurchaseKeepPeriods == 0 {
		return DefaultPurchaseKeepPeriods
	}
	return p.PurchaseKeepPeriods
}

// PruneBudget is max_purchase_prune_per_block or its default.
func (p Params) PruneBudget() int {
	if p.MaxPurchasePrunePerBlock == 0 {
		return int(DefaultMaxPurchasePrunePerBlock)
	}
	return int(p.MaxPurchasePrunePerBlock)
}

// TrueUpDelay is trueup_delay_periods or its default.
func (p Params) TrueUpDelay() uint64 {
	if p.TrueupDelayPeriods == 0 {
		return DefaultTrueUpDelayPeriods
	}
	return p.TrueupDelayPeriods
}

// TrueUpBudget is max_trueups_per_block or its default.
func (p Params) TrueUpBudget() int {
	if p.MaxTrueupsPerBlock == 0 {
		return int(DefaultMaxTrueUpsPerBlock)
	}
	return int(p.MaxTrueupsPerBlock)
}

// Validate bounds the parameters.
func (p Params) Validate() error {
	if p.MaxPurchasePrunePerBlock > maxPerBlock || p.MaxTrueupsPerBlock > maxPerBlock {
		return errorsmod.Wrapf(ErrInvalidGenesis, "max_purchase_prune_per_block and max_trueups_per_block are at most %d", maxPerBlock)
	}
	if p.PurchaseKeepPeriods > 1_000_000 || p.TrueupDelayPeriods > 1_000_000 {
		return errorsmod.Wrap(ErrInvalidGenesis, "purchase_keep_periods and trueup_delay_periods are at most 1,000,000")
	}
	return nil
}

// SplitPurchaseID splits a purchase id into its origin chain and sequence; ok is false for
// an id no chain makes.
func SplitPurchaseID(id string) (origin string, seq uint64, ok bool) {
	i := strings.LastIndex(id, "/")
	if i <= 0 {
		return "", 0, false
	}
	seq, err := strconv.ParseUint(id[i+1:], 10, 64)
	return id[:i], seq, err == nil
}
