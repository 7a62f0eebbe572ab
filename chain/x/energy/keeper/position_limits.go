package keeper

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"slices"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// Position limits (seed §3.3.1) cap what a participant may have to fulfil: in every
// period, |consumer Wh − producer Wh| over its live sides may not exceed its
// position_limit_wh. Every message that changes who holds what names the live tokens it
// takes away and the live tokens it leaves (checkPositionChange), and is refused before
// it writes anything when it would move any participant's position, in any period,
// beyond the limit and further from zero than it was:
//
//	allowed  ⇔  |new net| ≤ limit  or  |new net| ≤ |old net|
//
// A participant within its limit so stays within it. One already beyond it (the operator
// lowered the limit) may reduce the excess or leave it as it is, but not grow it, so the
// rule never traps anyone: covering a position is always possible, and a message that
// leaves its position where it was (a split, a merge) is never refused for it. Only the
// periods whose position actually changes are checked, and an owner whose net position
// changes in no period (a split, an issue, a cancellation of a token it holds both sides
// of) costs no store read at all.

// sideMove is one side a message gives an owner, or takes away (dropped).
type sideMove struct {
	side            types.Side
	first, last, wh uint64
	dropped         bool
}

// ownerMoves is what a message does to one owner.
type ownerMoves struct {
	owner string
	moves []sideMove
}

// checkPositionChange refuses a message that replaces the live tokens before by the
// live tokens after when it would take a participant beyond its position limit (see
// above); what says what the message does, for the error. Owners are checked in the
// order they first appear and days in ascending order, so the gas used and the error
// returned never depend on map order.
func (k Keeper) checkPositionChange(ctx context.Context, what string, before, after []types.Token) error {
	var owners []ownerMoves // few: a linear search beats a map
	collect := func(tokens []types.Token, dropped bool) error {
		for _, t := range tokens {
			if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
				continue // only live sides count in a position
			}
			for _, s := range sides {
				side, err := t.SideOf(s)
				if err != nil {
					return err
				}
				i := slices.IndexFunc(owners, func(o ownerMoves) bool { return o.owner == side.Owner })
				if i < 0 {
					i = len(owners)
					owners = append(owners, ownerMoves{owner: side.Owner})
				}
				owners[i].moves = append(owners[i].moves, sideMove{side: s, first: t.FirstPeriod, last: t.LastPeriod, wh: t.WhPerPeriod, dropped: dropped})
			}
		}
		return nil
	}
	if err := collect(before, true); err != nil {
		return err
	}
	if err := collect(after, false); err != nil {
		return err
	}
	for i := range owners {
		if err := k.checkOwnerMoves(ctx, what, &owners[i]); err != nil {
			return err
		}
	}
	return nil
}

// checkOwnerMoves adds up one owner's moves day by day and, in a day where its net
// position changes, applies them to its position record and checks every period that
// changes. The limit is read only when some period's |net| grows.
func (k Keeper) checkOwnerMoves(ctx context.Context, what string, o *ownerMoves) error {
	var days []uint64
	for _, mv := range o.moves {
		for d := dayOf(mv.first); d <= dayOf(mv.last); d++ {
			days = append(days, d)
		}
	}
	slices.Sort(days)
	days = slices.Compact(days)
	var (
		ownerAddr sdk.AccAddress
		limit     *uint64
	)
	for _, d := range days {
		var gained, dropped dayHoldings // this day's moves, on the stack
		start, end := d*dayPeriods, d*dayPeriods+dayPeriods-1
		for _, mv := range o.moves {
			if mv.last < start || mv.first > end {
				continue
			}
			target := &gained
			if mv.dropped {
				target = &dropped
			}
			if err := target.addSide(mv.side, int(max(mv.first, start)-start), int(min(mv.last, end)-start), mv.wh, false); err != nil {
				return err
			}
		}
		if netNeutral(&gained, &dropped) {
			continue
		}
		var err error
		if ownerAddr == nil {
			if ownerAddr, err = k.parseAddress("side owner", o.owner); err != nil {
				return err
			}
		}
		old, err := k.holdingsOf(ctx, ownerAddr, d)
		if err != nil {
			return err
		}
		for i := range old {
			if netUnchanged(gained[i], dropped[i]) {
				continue
			}
			next, err := moved(old[i], gained[i], dropped[i])
			if err != nil {
				return err
			}
			was, now := old[i].absNet(), next.absNet()
			if now <= was {
				continue
			}
			if limit == nil {
				l, err := k.positionLimitOf(ctx, ownerAddr)
				if err != nil {
					return err
				}
				limit = &l
			}
			if now > *limit {
				return errorsmod.Wrapf(types.ErrPositionLimit,
					"%s would take %s's position in period %d from %s to %s, beyond its position limit of %d Wh: "+
						"that participant must first cover the period with an opposite side, or ask the grid operator for a higher limit",
					what, o.owner, d*dayPeriods+uint64(i), describeNet(old[i]), describeNet(next), *limit)
			}
		}
	}
	return nil
}

// positionLimitOf is a side owner's position limit. An owner the registry does not know
// has none to spend (limit 0, "no position" in x/balancing's terms): it may still be
// relieved of a position, never given a larger one. The grid operator has no limit.
func (k Keeper) positionLimitOf(ctx context.Context, owner sdk.AccAddress) (uint64, error) {
	// The grid operator is the balancing authority: its procurements balance the grid,
	// and no limit of its own applies to them.
	if op, err := k.registry.GridOperator(ctx); err != nil || op == owner.String() {
		return math.MaxUint64, err
	}
	p, ok, err := k.registry.GetParticipant(ctx, owner)
	if err != nil || !ok {
		return 0, err
	}
	return p.PositionLimitWh, nil
}

// netNeutral says whether gaining and dropping these sides leaves the net position of
// every period of the day as it was (an issue, a split, a merge, a cancellation by the
// owner of both sides).
func netNeutral(gained, dropped *dayHoldings) bool {
	for i := range gained {
		if !netUnchanged(gained[i], dropped[i]) {
			return false
		}
	}
	return true
}

// netUnchanged says whether gaining g and dropping d leaves consumer − producer as it
// was: g.consumer + d.producer = g.producer + d.consumer, compared in 128 bits.
func netUnchanged(g, d periodHolding) bool {
	lo1, hi1 := bits.Add64(g.consumer, d.producer, 0)
	lo2, hi2 := bits.Add64(g.producer, d.consumer, 0)
	return lo1 == lo2 && hi1 == hi2
}

// moved is holding h after dropping d and gaining g. Dropped sides are live sides of
// the owner, so they are in h; a sum beyond 64 bits is refused as ErrInvalidVolume.
func moved(h, g, d periodHolding) (periodHolding, error) {
	for _, s := range sides {
		if err := h.add(s, d.of(s), true); err != nil {
			return h, err
		}
		if err := h.add(s, g.of(s), false); err != nil {
			return h, err
		}
	}
	return h, nil
}

// of is the Wh held on side s.
func (h periodHolding) of(s types.Side) uint64 {
	if s == types.Side_SIDE_CONSUMER {
		return h.consumer
	}
	return h.producer
}

// describeNet words a period's net position for an error: which way, and how much.
func describeNet(h periodHolding) string {
	switch {
	case h.consumer > h.producer:
		return fmt.Sprintf("%d Wh net consumption", h.absNet())
	case h.producer > h.consumer:
		return fmt.Sprintf("%d Wh net delivery", h.absNet())
	default:
		return "balanced (0 Wh)"
	}
}

// withOwner returns t with side s held by owner: the token after a purchase or a
// hand-over, for checkPositionChange.
func withOwner(t types.Token, s types.Side, owner string) types.Token {
	if s == types.Side_SIDE_CONSUMER {
		t.Consumer.Owner = owner
	} else {
		t.Producer.Owner = owner
	}
	return t
}

// checkSideMove checks a side of t changing hands to owner (a purchase or a hand-over):
// the old owner loses it, the new one gains it, and both must stay within their limits.
func (k Keeper) checkSideMove(ctx context.Context, verb string, t types.Token, s types.Side, owner string) error {
	what := fmt.Sprintf("%s the %s side of token %d", verb, s, t.Id)
	return k.checkPositionChange(ctx, what, []types.Token{t}, []types.Token{withOwner(t, s, owner)})
}

// checkCancel checks the cancellation of t: each owner loses its side, so cancelling one
// leg of a hedge moves the other leg's owner's net position.
func (k Keeper) checkCancel(ctx context.Context, t types.Token) error {
	return k.checkPositionChange(ctx, fmt.Sprintf("cancelling token %d", t.Id), []types.Token{t}, nil)
}

// checkSplit checks the split of t into children of the given shapes (periods and Wh
// per period). Children keep the parent's owners and add up to it in every period, so
// today a split moves no position and reads nothing; the check is here so that a split
// that ever hands a child to someone else is held to the same rule.
func (k Keeper) checkSplit(ctx context.Context, t types.Token, shapes []types.Token) error {
	children := make([]types.Token, len(shapes))
	for i, shape := range shapes {
		children[i] = t
		children[i].FirstPeriod, children[i].LastPeriod, children[i].WhPerPeriod = shape.FirstPeriod, shape.LastPeriod, shape.WhPerPeriod
	}
	return k.checkPositionChange(ctx, fmt.Sprintf("splitting token %d", t.Id), []types.Token{t}, children)
}

// checkMerge checks the merge of parents into merged; like a split, a merge of tokens
// with the same owners moves no position today.
func (k Keeper) checkMerge(ctx context.Context, parents []types.Token, merged types.Token) error {
	ids := make([]uint64, len(parents))
	for i, p := range parents {
		ids[i] = p.Id
	}
	return k.checkPositionChange(ctx, fmt.Sprintf("merging tokens %v", ids), parents, []types.Token{merged})
}
