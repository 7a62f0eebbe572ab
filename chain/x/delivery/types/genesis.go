package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// DefaultGenesis holds no readings and the default parameters.
func DefaultGenesis() *GenesisState { return &GenesisState{Params: DefaultParams()} }

// Validate checks the parameters, every reading's form, one reading per meter and period,
// none in a pruned period, one totals record per period, and that a period's totals count
// at least its readings (pruning removes readings and keeps totals, so totals may count more).
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	type key struct {
		period uint64
		meter  string
	}
	seen := make(map[key]bool, len(gs.Readings))
	counted := map[uint64]*PeriodTotals{}
	prunedBefore := uint64(0)
	if gs.PruneProgress != nil {
		prunedBefore = gs.PruneProgress.NextPeriod
	}
	for i, r := range gs.Readings {
		if r.Period < prunedBefore {
			return errorsmod.Wrapf(ErrInvalidGenesis, "reading %d: period %d is pruned (prune_progress.next_period is %d)", i, r.Period, prunedBefore)
		}
		if err := ValidateSignedReading(SignedReading{MeterId: r.MeterId, Period: r.Period, Wh: r.Wh, Commitment: r.Commitment, Signature: r.Signature}, true); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "reading %d: %v", i, err)
		}
		if seen[key{r.Period, r.MeterId}] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "meter %s has two readings for period %d", r.MeterId, r.Period)
		}
		seen[key{r.Period, r.MeterId}] = true
		t := counted[r.Period]
		if t == nil {
			t = &PeriodTotals{Period: r.Period}
			counted[r.Period] = t
		}
		if err := t.Add(r); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "reading %d: %v", i, err)
		}
	}
	periods := make(map[uint64]bool, len(gs.PeriodTotals))
	for _, t := range gs.PeriodTotals {
		if periods[t.Period] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "period %d has two totals", t.Period)
		}
		periods[t.Period] = true
		if t.Readings != t.ProductionReadings+t.ConsumptionReadings {
			return errorsmod.Wrapf(ErrInvalidGenesis, "period %d: readings %d is not production %d + consumption %d",
				t.Period, t.Readings, t.ProductionReadings, t.ConsumptionReadings)
		}
		if c := counted[t.Period]; c != nil {
			if t.ProductionReadings < c.ProductionReadings || t.ConsumptionReadings < c.ConsumptionReadings ||
				t.ProductionWh < c.ProductionWh || t.ConsumptionWh < c.ConsumptionWh {
				return errorsmod.Wrapf(ErrInvalidGenesis, "period %d: totals count less than its readings", t.Period)
			}
		}
	}
	for p := range counted {
		if !periods[p] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "period %d has readings but no totals", p)
		}
	}
	return gs.validateReconciliation()
}

// validateReconciliation checks reconciliation's state: known categories and stages, one
// entry per key, and owners that are addresses (InitGenesis decodes them).
func (gs GenesisState) validateReconciliation() error {
	knownCategory := func(c balancingtypes.EnergyCategory) bool {
		_, ok := balancingtypes.EnergyCategory_name[int32(c)]
		return ok
	}
	prices := map[string]bool{}
	for _, p := range gs.ReferencePrices {
		if !knownCategory(p.Category) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "reference price: category %d is not an energy category", p.Category)
		}
		if err := sdk.ValidateDenom(p.Denom); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "reference price of %s from %d: %v", p.Category, p.FromPeriod, err)
		}
		key := fmt.Sprintf("%d/%d", p.Category, p.FromPeriod)
		if prices[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "two reference prices of %s from period %d", p.Category, p.FromPeriod)
		}
		prices[key] = true
	}
	if p := gs.Progress; p != nil {
		if _, ok := ReconciliationStage_name[int32(p.Stage)]; !ok || p.Stage == ReconciliationStage_RECONCILIATION_STAGE_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "progress: stage %d is not a reconciliation stage", p.Stage)
		}
	} else if len(gs.MeterBalances) > 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "meter balances without reconciliation progress")
	}
	meters := map[string]bool{}
	for _, b := range gs.MeterBalances {
		if b.MeterId == "" || meters[b.MeterId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "meter balance %q is empty or repeated", b.MeterId)
		}
		meters[b.MeterId] = true
		for _, c := range b.Scheduled {
			if !knownCategory(c.Category) {
				return errorsmod.Wrapf(ErrInvalidGenesis, "meter balance %s: category %d", b.MeterId, c.Category)
			}
		}
	}
	recs := map[uint64]bool{}
	for _, r := range gs.Reconciliations {
		if recs[r.Period] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "period %d has two reconciliation records", r.Period)
		}
		recs[r.Period] = true
	}
	lines := map[string]bool{}
	for _, e := range gs.Statements {
		if _, err := sdk.AccAddressFromBech32(e.Owner); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "statement of token %d: owner: %v", e.TokenId, err)
		}
		if !knownCategory(e.Category) || e.Wh == 0 || e.Receivable.IsNil() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "statement of token %d: category, Wh or receivable missing", e.TokenId)
		}
		key := fmt.Sprintf("%s/%d/%d", e.Owner, e.Period, e.TokenId)
		if lines[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "statement of %s lists token %d twice in period %d", e.Owner, e.TokenId, e.Period)
		}
		lines[key] = true
	}
	consumptions := map[string]bool{}
	for _, c := range gs.Consumptions {
		if _, err := sdk.AccAddressFromBech32(c.Owner); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "consumption of period %d: owner: %v", c.Period, err)
		}
		key := fmt.Sprintf("%d/%s", c.Period, c.Owner)
		if consumptions[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "two consumption records of %s in period %d", c.Owner, c.Period)
		}
		consumptions[key] = true
	}
	return nil
}

// Add counts reading r into the totals. Only production and consumption meters read.
func (t *PeriodTotals) Add(r Reading) error {
	switch r.Kind {
	case balancingtypes.MeterKind_METER_KIND_PRODUCTION:
		if t.ProductionWh+r.Wh < t.ProductionWh {
			return fmt.Errorf("period %d: production Wh overflow", t.Period)
		}
		t.ProductionReadings++
		t.ProductionWh += r.Wh
	case balancingtypes.MeterKind_METER_KIND_CONSUMPTION:
		if t.ConsumptionWh+r.Wh < t.ConsumptionWh {
			return fmt.Errorf("period %d: consumption Wh overflow", t.Period)
		}
		t.ConsumptionReadings++
		t.ConsumptionWh += r.Wh
	default:
		return fmt.Errorf("meter %s: readings come from production or consumption meters, not %s", r.MeterId, r.Kind)
	}
	t.Readings++
	return nil
}
