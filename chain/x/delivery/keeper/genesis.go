package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// InitGenesis loads parameters, readings and totals. The totals are imported as they are,
// not recomputed: a pruned period has totals and no readings.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, r := range gs.Readings {
		if err := k.Readings.Set(ctx, collections.Join(r.Period, r.MeterId), r); err != nil {
			return err
		}
	}
	for _, t := range gs.PeriodTotals {
		if err := k.PeriodTotals.Set(ctx, t.Period, t); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis exports parameters, readings (by period, then meter) and totals (by period).
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	readings, err := k.Readings.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	if gs.Readings, err = readings.Values(); err != nil {
		return nil, err
	}
	totals, err := k.PeriodTotals.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	if gs.PeriodTotals, err = totals.Values(); err != nil {
		return nil, err
	}
	return gs, nil
}
