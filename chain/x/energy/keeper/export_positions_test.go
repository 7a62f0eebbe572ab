package keeper

import (
	"context"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// CheckPositionChange exposes the position-limit check to the external tests, so they
// can try changes no message makes today (a split child handed to someone else).
func (k Keeper) CheckPositionChange(ctx context.Context, what string, before, after []types.Token) error {
	return k.checkPositionChange(ctx, what, before, after)
}
