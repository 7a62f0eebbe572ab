package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// setLineageToken stores a token that a split or merge retires (old set) or creates (old
// nil) like setToken does, except that it leaves the owners' position records alone.
//
// Why that is right: the tokens a split or merge retires and those it creates have the
// same producer-side owner and the same consumer-side owner (ownedToken), and their
// Wh add up period by period (volume parts sum to the parent's Wh per period; time parts
// cover the parent's periods exactly once). So every owner's position is the same after
// the message as before it, and the invariants (CheckInvariants) prove it after each
// test. Why it matters: a position record is rewritten for every day of every token
// otherwise, ~2.8 M gas per child of a month-long token, which would cap a split at a
// handful of parts under the per-transaction gas ceiling; without it a child costs a
// token record and two owner-index entries (see gas_test.go).
func (k Keeper) setLineageToken(ctx context.Context, old *types.Token, t types.Token) error {
	for _, s := range sides {
		if old != nil {
			if _, _, err := k.indexOwner(ctx, *old, s, false); err != nil {
				return err
			}
			if err := k.indexOffer(ctx, *old, s, false); err != nil {
				return err
			}
		}
		if _, _, err := k.indexOwner(ctx, t, s, true); err != nil {
			return err
		}
		if err := k.indexOffer(ctx, t, s, true); err != nil {
			return err
		}
	}
	if old == nil && t.Status == types.TokenStatus_TOKEN_STATUS_ACTIVE {
		// A new child waits for reconciliation like any new token (setToken): the parent's
		// queue entry is skipped once it is retired, so without this the child's energy would
		// never be reconciled or counted.
		if err := k.DeliveryQueue.Set(ctx, collections.Join(t.FirstPeriod, t.Id)); err != nil {
			return err
		}
	}
	return k.Tokens.Set(ctx, t.Id, t)
}
