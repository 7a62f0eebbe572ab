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
	if _, ok := PruneStage_name[int32(gs.PruneProgress.Stage)]; !ok {
		return errorsmod.Wrapf(ErrInvalidGenesis, "prune_progress.stage %d is not a prune stage", gs.PruneProgress.Stage)
	}
	if gs.NextPeriod != 0 && gs.PruneProgress.PrunedBefore > gs.NextPeriod {
		return errorsmod.Wrapf(ErrInvalidGenesis, "prune_progress.pruned_before %d is after next_period %d: only settled periods are pruned",
			gs.PruneProgress.PrunedBefore, gs.NextPeriod)
	}
	for _, d := range gs.Debts {
		if d.Amount.IsNil() || !d.Amount.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "debt of %s in %s is not positive", d.Owner, d.Denom)
		}
	}
	intervals := map[uint64]bool{}
	for _, si := range gs.SecurityIntervals {
		if intervals[si.Interval] || si.Amount.IsNil() || si.LastPeriod < si.Interval {
			return errorsmod.Wrapf(ErrInvalidGenesis, "security-fee interval from period %d is repeated, or its amount or last period is missing", si.Interval)
		}
		intervals[si.Interval] = true
	}
	for _, c := range gs.Claims {
		if c.Amount.IsNil() || !c.Amount.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim of %s in %s is not positive", c.Owner, c.Denom)
		}
	}
	return nil
}
