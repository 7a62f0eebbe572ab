package types

import errorsmod "cosmossdk.io/errors"

const (
	// DefaultReadingWindowPeriods is one day of 15-minute periods: data hubs deliver D+1.
	DefaultReadingWindowPeriods = 96
	// MaxReadingWindowPeriods bounds the window in Validate: 93 days of 15-minute periods,
	// as x/energy's longest token, so reconciliation never waits longer than a quarter.
	MaxReadingWindowPeriods = 8928
	// DefaultMaxReadingsPerTx is 1,000 readings, one period of 1,000 meters; the worst such
	// batch takes 22.9M gas, under half the 50M per-transaction ceiling (keeper/gas_test.go).
	DefaultMaxReadingsPerTx = 1000
	// MaxReadingsPerTxLimit bounds max_readings_per_tx in Validate: the worst batch this
	// many readings make (about 23,000 gas each) still fits the 50M per-transaction gas
	// ceiling with a margin (keeper/gas_test.go); 2,500 did not.
	MaxReadingsPerTxLimit = 1800
	// DefaultVerifyGasEd25519 is x/auth's sig_verify_cost_ed25519.
	DefaultVerifyGasEd25519 = 590
	// DefaultVerifyGasSecp256k1 is x/auth's sig_verify_cost_secp256k1.
	DefaultVerifyGasSecp256k1 = 1000
)

// DefaultParams accept readings for a day after their period, 1,000 at a time, and charge
// x/auth's signature costs per reading.
func DefaultParams() Params {
	return Params{
		ReadingWindowPeriods: DefaultReadingWindowPeriods, MaxReadingsPerTx: DefaultMaxReadingsPerTx,
		VerifyGasEd25519: DefaultVerifyGasEd25519, VerifyGasSecp256K1: DefaultVerifyGasSecp256k1,
		ImbalanceMarginBps: DefaultImbalanceMarginBps, ImbalancePricing: ImbalancePricing_IMBALANCE_PRICING_DUAL,
		MinMarketWh: DefaultMinMarketWh, MaxReconcilePerBlock: DefaultMaxReconcilePerBlock,
		DisputeWindowPeriods: DefaultDisputeWindowPeriods,
	}
}

// Validate checks every parameter against its range.
func (p Params) Validate() error {
	if p.ReadingWindowPeriods == 0 || p.ReadingWindowPeriods > MaxReadingWindowPeriods {
		return errorsmod.Wrapf(ErrInvalidParams, "reading_window_periods %d must be 1-%d", p.ReadingWindowPeriods, MaxReadingWindowPeriods)
	}
	if p.MaxReadingsPerTx == 0 || p.MaxReadingsPerTx > MaxReadingsPerTxLimit {
		return errorsmod.Wrapf(ErrInvalidParams, "max_readings_per_tx %d must be 1-%d", p.MaxReadingsPerTx, MaxReadingsPerTxLimit)
	}
	// A signature check that costs no gas would let a batch make the chain verify for free.
	if p.VerifyGasEd25519 == 0 || p.VerifyGasSecp256K1 == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "verify_gas_ed25519 and verify_gas_secp256k1 must be positive")
	}
	if p.VerifyGasEd25519 > 1_000_000 || p.VerifyGasSecp256K1 > 1_000_000 {
		return errorsmod.Wrap(ErrInvalidParams, "verify_gas_ed25519 and verify_gas_secp256k1 must be at most 1,000,000")
	}
	if p.ImbalanceMarginBps > MaxImbalanceMarginBps {
		return errorsmod.Wrapf(ErrInvalidParams, "imbalance_margin_bps %d must be at most %d (100 %%)", p.ImbalanceMarginBps, MaxImbalanceMarginBps)
	}
	if _, known := ImbalancePricing_name[int32(p.ImbalancePricing)]; !known {
		return errorsmod.Wrapf(ErrInvalidParams, "imbalance_pricing %d is neither dual (1) nor single (2)", p.ImbalancePricing)
	}
	if p.MaxReconcilePerBlock > MaxReconcilePerBlockLimit {
		return errorsmod.Wrapf(ErrInvalidParams, "max_reconcile_per_block %d must be at most %d", p.MaxReconcilePerBlock, MaxReconcilePerBlockLimit)
	}
	if p.DisputeWindowPeriods > MaxDisputeWindowPeriods {
		return errorsmod.Wrapf(ErrInvalidParams, "dispute_window_periods %d must be at most %d (a year of 15-minute periods); 0 means the default %d",
			p.DisputeWindowPeriods, MaxDisputeWindowPeriods, DefaultDisputeWindowPeriods)
	}
	return nil
}

// Reconciliation's defaults and bounds (seed §3.5.1).
const (
	// DefaultImbalanceMarginBps is n = 10 %.
	DefaultImbalanceMarginBps = 1000
	// MaxImbalanceMarginBps is 100 %.
	MaxImbalanceMarginBps = 10_000
	// DefaultMinMarketWh is 1 MWh traded in the period and category.
	DefaultMinMarketWh = 1_000_000
	// MaxReconcilePerBlockLimit keeps the end of a block well inside its time even with
	// every item creating a token (keeper/reconcile_test.go measures the gas).
	MaxReconcilePerBlockLimit = 20_000
)

// DefaultMaxReconcilePerBlock is the reconciliation items (token sides, readings, meters)
// one block handles when max_reconcile_per_block is 0.
const DefaultMaxReconcilePerBlock = 2000

// ReconcileBudget is max_reconcile_per_block, or its default when 0.
func (p Params) ReconcileBudget() uint64 {
	if p.MaxReconcilePerBlock == 0 {
		return DefaultMaxReconcilePerBlock
	}
	return p.MaxReconcilePerBlock
}

// Pruning's defaults and bounds (DESIGN.md §4: readings pruned to totals).
const (
	// DefaultDisputeWindowPeriods is 30 days of 15-minute periods.
	DefaultDisputeWindowPeriods = 2880
	// MaxDisputeWindowPeriods is a year of 15-minute periods: readings are never kept for
	// longer than that plus the reading window, so state stays bounded.
	MaxDisputeWindowPeriods = 35_040
)

// DisputeWindow is dispute_window_periods, or its default when 0.
func (p Params) DisputeWindow() uint64 {
	if p.DisputeWindowPeriods == 0 {
		return DefaultDisputeWindowPeriods
	}
	return p.DisputeWindowPeriods
}

// Pricing is the imbalance pricing, dual when unspecified.
func (p Params) Pricing() ImbalancePricing {
	if p.ImbalancePricing == ImbalancePricing_IMBALANCE_PRICING_UNSPECIFIED {
		return ImbalancePricing_IMBALANCE_PRICING_DUAL
	}
	return p.ImbalancePricing
}
