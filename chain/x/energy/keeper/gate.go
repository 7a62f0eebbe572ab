package keeper

import (
	"context"
	"errors"
	"math"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// Gate closure (seed §3.3.3): gate_closure_seconds before a period starts, the tokens
// delivering from it freeze. Participants then neither trade, split, merge nor cancel
// them (tradableToken); the grid operator still procures and redispatches. Freezing is a
// function of the block time, so it needs no end-of-block work to take effect; what the
// end of a block does is close the offers of frozen tokens (CloseFrozenOffers), so the
// offer index never fills with sides nobody may buy, at most max_freezes_per_block of
// them per block, resumed in the next.

// tradableToken returns an active token whose gate is still open: participants act only
// on those.
func (k Keeper) tradableToken(ctx context.Context, id uint64) (types.Token, error) {
	t, phase, params, err := k.activeTokenAtPhase(ctx, id)
	if err != nil {
		return t, err
	}
	if err := checkNotBridge(t); err != nil {
		return t, err
	}
	if phase != types.TokenPhase_TOKEN_PHASE_OPEN {
		return t, errorsmod.Wrapf(types.ErrTokenFrozen, "token %d is %s: the gate of its first period %d closed at %s; only the grid operator acts on it now",
			t.Id, phase, t.FirstPeriod, time.Unix(params.GateClosesAt(t.FirstPeriod), 0).UTC().Format(time.RFC3339))
	}
	return t, nil
}

// activeTokenAtPhase loads an active token with its phase at the block time (and the
// params it was computed with).
func (k Keeper) activeTokenAtPhase(ctx context.Context, id uint64) (types.Token, types.TokenPhase, types.Params, error) {
	t, err := k.activeToken(ctx, id)
	if err != nil {
		return t, 0, types.Params{}, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return t, 0, params, err
	}
	return t, params.PhaseAt(sdk.UnwrapSDKContext(ctx).BlockTime().Unix(), t.FirstPeriod, t.LastPeriod), params, nil
}

// checkGateOpen refuses a new token (issued or emitted) whose first period's gate has
// closed: a contract is not made for the past, nor for periods already frozen.
func checkGateOpen(params types.Params, now int64, first uint64, what string) error {
	if open := params.FirstOpenPeriod(now); first < open {
		return errorsmod.Wrapf(types.ErrInvalidPeriods, "%s would start in period %d, whose gate has closed (gate closure is %d s before a period starts): start in period %d or later",
			what, first, params.GateClosureSeconds, open)
	}
	return nil
}

// frozenOffersRange is every OfferGates entry whose token has frozen at Unix second now.
func frozenOffersRange(params types.Params, now int64) collections.Ranger[collections.Triple[uint64, uint64, int32]] {
	open := params.FirstOpenPeriod(now)
	return collections.NewPrefixUntilTripleRange[uint64, uint64, int32](open - 1) // open ≥ 1
}

// CloseFrozenOffers voids the asks of frozen tokens, oldest first period first, at most
// max_freezes_per_block per block; each closed offer emits EventAskChanged with a void ask.
func (k Keeper) CloseFrozenOffers(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	limit := params.FreezesPerBlock()
	var due []collections.Triple[uint64, uint64, int32]
	err = k.OfferGates.Walk(ctx, frozenOffersRange(params, sdkCtx.BlockTime().Unix()), func(key collections.Triple[uint64, uint64, int32]) (bool, error) {
		due = append(due, key)
		return uint64(len(due)) >= limit, nil
	})
	if err != nil {
		return err
	}
	for _, key := range due {
		// Every entry due goes, offered or not (index.go leaves an ended offer's entry here).
		if err := k.OfferGates.Remove(ctx, key); err != nil {
			return err
		}
		t, err := k.Tokens.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			continue // the token is gone (aggregated, retired): a stale entry
		} else if err != nil {
			return err
		}
		old, s := t, types.Side(key.K3())
		side, err := t.SideOf(s)
		if err != nil {
			return err
		}
		if !stillOffered(t, side, key) {
			continue // sold, withdrawn or re-shaped since: nothing to close, no event
		}
		side.Ask = types.Ask{}
		if err := k.setToken(ctx, &old, t); err != nil { // removes the offer entries
			return err
		}
		if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventAskChanged{TokenId: t.Id, Side: s, Ask: &side.Ask}); err != nil {
			return err
		}
	}
	return nil
}

// stillOffered tells whether a gate entry is its side's live offer: the token is active, the
// side for sale, and the entry's first period still the token's (a split can move it).
func stillOffered(t types.Token, side *types.TokenSide, key collections.Triple[uint64, uint64, int32]) bool {
	return t.Status == types.TokenStatus_TOKEN_STATUS_ACTIVE && side.Ask.ForSale && t.FirstPeriod == key.K1()
}

// maxBacklogCount bounds the count PeriodPhase reports, so the query stays cheap.
const maxBacklogCount = 10_000

// frozenOffersBacklog counts the gate entries of frozen tokens the end of block has still to
// process, up to maxBacklogCount: the offers to close and entries of offers ended since (an
// upper bound of the offers, and the gate-closure work pending; it reads no token).
func (k Keeper) frozenOffersBacklog(ctx context.Context, params types.Params, now int64) (n uint64, more bool, err error) {
	err = k.OfferGates.Walk(ctx, frozenOffersRange(params, now), func(collections.Triple[uint64, uint64, int32]) (bool, error) {
		if n == maxBacklogCount {
			more = true
			return true, nil
		}
		n++
		return false, nil
	})
	return n, more, err
}

// PeriodPhase tells where a period stands in time and how much gate-closure work is pending.
func (q queryServer) PeriodPhase(ctx context.Context, req *types.QueryPeriodPhaseRequest) (*types.QueryPeriodPhaseResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime().Unix()
	current, err := q.k.CurrentPeriod(ctx)
	if err != nil {
		return nil, err
	}
	period, err := requestedPeriod(current, req.Period)
	if err != nil {
		return nil, err
	}
	pending, more, err := q.k.frozenOffersBacklog(ctx, params, now)
	if err != nil {
		return nil, err
	}
	return &types.QueryPeriodPhaseResponse{
		Period: period, Phase: params.PhaseAt(now, period, period), GateClosesAt: params.GateClosesAt(period),
		StartsAt: params.StartOf(period), CurrentPeriod: current, OffersToClose: pending, MoreOffersToClose: more,
	}, nil
}

// requestedPeriod is the period a query names, 0 meaning the current one.
func requestedPeriod(current, period uint64) (uint64, error) {
	switch period {
	case 0:
		return current, nil
	case math.MaxUint64:
		return 0, errorsmod.Wrap(types.ErrInvalidPeriods, "period is beyond every clock")
	}
	return period, nil
}
