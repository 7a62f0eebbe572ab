package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// PeriodSeconds returns the length of the elementary period (DESIGN.md §3), which
// x/delivery needs to tell ended periods from current ones.
func (k Keeper) PeriodSeconds(ctx context.Context) (uint64, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	return p.PeriodSeconds, nil
}

// CurrentPeriod is the period the block time falls in (DESIGN.md §3), 0 before the first
// block: the one clock x/energy's gate, x/delivery's reconciliation and x/settlement read.
func (k Keeper) CurrentPeriod(ctx context.Context) (uint64, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	return p.PeriodAt(sdk.UnwrapSDKContext(ctx).BlockTime().Unix()), nil
}
