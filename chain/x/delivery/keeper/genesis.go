package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
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
	for _, p := range gs.ReferencePrices {
		if err := k.ReferencePrices.Set(ctx, collections.Join(int32(p.Category), p.FromPeriod), p); err != nil {
			return err
		}
	}
	if gs.Progress != nil {
		if err := k.Progress.Set(ctx, *gs.Progress); err != nil {
			return err
		}
	}
	for _, b := range gs.MeterBalances {
		if err := k.MeterBalances.Set(ctx, b.MeterId, b); err != nil {
			return err
		}
	}
	for _, r := range gs.Reconciliations {
		if err := k.Reconciliations.Set(ctx, r.Period, r); err != nil {
			return err
		}
	}
	for _, e := range gs.Statements {
		owner, err := k.parseAddress("statements.owner", e.Owner)
		if err != nil {
			return err
		}
		if err := k.Statements.Set(ctx, collections.Join3(owner, e.Period, e.TokenId), e); err != nil {
			return err
		}
	}
	if gs.PruneProgress != nil {
		if err := k.PruneProgress.Set(ctx, *gs.PruneProgress); err != nil {
			return err
		}
	}
	for _, c := range gs.Consumptions {
		owner, err := k.parseAddress("consumptions.owner", c.Owner)
		if err != nil {
			return err
		}
		if err := k.Consumptions.Set(ctx, collections.Join(c.Period, owner), c); err != nil {
			return err
		}
		// The totals are rebuilt, not imported: they are the sum of the nets by definition.
		if err := k.addConsumptionTotal(ctx, c.Period, 0, NetConsumption(c)); err != nil {
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
	if gs.ReferencePrices, err = moduleutil.Values(ctx, k.ReferencePrices); err != nil {
		return nil, err
	}
	if prog, err := k.Progress.Get(ctx); err == nil {
		gs.Progress = &prog
	} else if !isNotFound(err) {
		return nil, err
	}
	if gs.MeterBalances, err = moduleutil.Values(ctx, k.MeterBalances); err != nil {
		return nil, err
	}
	if gs.Reconciliations, err = moduleutil.Values(ctx, k.Reconciliations); err != nil {
		return nil, err
	}
	if gs.Statements, err = moduleutil.Values(ctx, k.Statements); err != nil {
		return nil, err
	}
	if pp, err := k.PruneProgress.Get(ctx); err == nil {
		gs.PruneProgress = &pp
	} else if !isNotFound(err) {
		return nil, err
	}
	if gs.Consumptions, err = moduleutil.Values(ctx, k.Consumptions); err != nil {
		return nil, err
	}
	return gs, nil
}
