package keeper

import (
	"context"
	"slices"

	errorsmod "cosmossdk.io/errors"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// Aggregation and disaggregation (seed §3.2.2) leave the sources' kept sides with their
// owner and emit new tokens against them. The kept side backs the emitted tokens
// (Token.backs, and Token.backed_by on each emitted token): were it sold, handed over,
// cancelled, split or merged, the energy and CO2 it stands for would be claimed twice.
// So it is committed until every token it backs is cancelled (release).

// checkUncommitted refuses a change of side s of t (SIDE_UNSPECIFIED: of the whole token:
// a cancel, split or merge) while that side backs emitted tokens.
func checkUncommitted(t types.Token, s types.Side, doing string) error {
	if len(t.Backs.TokenIds) == 0 || (s != types.Side_SIDE_UNSPECIFIED && s != t.Backs.Side) {
		return nil
	}
	return errorsmod.Wrapf(types.ErrSideCommitted,
		"cannot %s: the %s side of token %d backs token(s) %v emitted against it; it is released when those are cancelled",
		doing, t.Backs.Side, t.Id, t.Backs.TokenIds)
}

// checkNotEmitted refuses to split or merge an emitted token: its sources name it, so its
// lineage must stay one token. Its owner disaggregates or aggregates its sides instead.
func checkNotEmitted(t types.Token, doing string) error {
	if len(t.BackedBy.TokenIds) == 0 {
		return nil
	}
	return errorsmod.Wrapf(types.ErrEmittedToken,
		"cannot %s token %d: it was emitted against the %s sides of tokens %v; keep one of its sides and disaggregate or aggregate it instead",
		doing, t.Id, t.BackedBy.Side, t.BackedBy.TokenIds)
}

// release takes a cancelled emitted token off its sources' backs, so a source whose
// every emitted token is cancelled can be traded again.
func (k Keeper) release(ctx context.Context, emitted types.Token) error {
	for _, id := range emitted.BackedBy.TokenIds {
		src, err := k.GetToken(ctx, id)
		if err != nil {
			return err
		}
		src.Backs.TokenIds = slices.DeleteFunc(slices.Clone(src.Backs.TokenIds), func(x uint64) bool { return x == emitted.Id })
		if len(src.Backs.TokenIds) == 0 {
			src.Backs = types.Backing{}
		}
		// Backs is in no index and changes no position: the record alone changes.
		if err := k.Tokens.Set(ctx, src.Id, src); err != nil {
			return err
		}
	}
	return nil
}
