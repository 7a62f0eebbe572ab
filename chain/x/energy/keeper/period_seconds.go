package keeper

import "context"

// PeriodSeconds returns the length of the elementary period (DESIGN.md §3), which
// x/delivery needs to tell ended periods from current ones.
func (k Keeper) PeriodSeconds(ctx context.Context) (uint64, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	return p.PeriodSeconds, nil
}
