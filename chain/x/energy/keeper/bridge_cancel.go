package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// CancelBoughtToken cancels, on the token's chain, the token a cross-grid purchase bought,
// when a grid operator on the purchase's route redispatches its whole chain of tokens (seed
// §4.2, docs/adr/027); x/interchain calls it, no message reaches it. Its consumer side must
// be holder's (the purchase's inbound interface account). The checks are the operator's
// (an active token, open or frozen, not a bridge token) and a cancel's (not committed, both
// owners within their positions); by names who asked. A refusal changes nothing. With
// dryRun it only checks.
func (k Keeper) CancelBoughtToken(ctx context.Context, tokenID uint64, holder, by string, dryRun bool) error {
	m := msgServer{Keeper: k}
	t, err := m.beforeDelivery(ctx, tokenID)
	if err != nil {
		return err
	}
	if t.Consumer.Owner != holder {
		return errorsmod.Wrapf(types.ErrNotSideOwner, "the consumer side of token %d is %s's, not the purchase's interface account %s",
			t.Id, t.Consumer.Owner, holder)
	}
	if err := checkUncommitted(t, types.Side_SIDE_UNSPECIFIED, "cancel it"); err != nil {
		return err
	}
	if err := m.checkCancel(ctx, t); err != nil {
		return err
	}
	if dryRun {
		return nil
	}
	return m.cancel(ctx, t, by, math.ZeroInt())
}
