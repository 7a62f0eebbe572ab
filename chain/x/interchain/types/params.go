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
	// MaxParamPeriods bounds purchase_keep_periods and trueup_delay_periods (about 28 years of
	// 15-minute periods).
	MaxParamPeriods uint64 = 1_000_000
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
	if p.MaxPurchasePrunePerBlock > maxPerBlock {
		return errorsmod.Wrapf(ErrInvalidParams, "max_purchase_prune_per_block %d is more than %d", p.MaxPurchasePrunePerBlock, maxPerBlock)
	}
	if p.MaxTrueupsPerBlock > maxPerBlock {
		return errorsmod.Wrapf(ErrInvalidParams, "max_trueups_per_block %d is more than %d", p.MaxTrueupsPerBlock, maxPerBlock)
	}
	if p.PurchaseKeepPeriods > MaxParamPeriods {
		return errorsmod.Wrapf(ErrInvalidParams, "purchase_keep_periods %d is more than %d", p.PurchaseKeepPeriods, MaxParamPeriods)
	}
	if p.TrueupDelayPeriods > MaxParamPeriods {
		return errorsmod.Wrapf(ErrInvalidParams, "trueup_delay_periods %d is more than %d", p.TrueupDelayPeriods, MaxParamPeriods)
	}
	// A record must outlive its true-up: the true-up reads it trueup_delay_periods after the
	// last delivery period, and a record still due is never pruned, but keeping it shorter
	// than the delay would only hold every record until its true-up anyway.
	if p.KeepPeriods() < p.TrueUpDelay() {
		return errorsmod.Wrapf(ErrInvalidParams, "purchase_keep_periods %d (0: %d) is shorter than trueup_delay_periods %d (0: %d): a record is kept at least until its fees are trued up",
			p.PurchaseKeepPeriods, DefaultPurchaseKeepPeriods, p.TrueupDelayPeriods, DefaultTrueUpDelayPeriods)
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
