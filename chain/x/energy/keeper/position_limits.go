package keeper

import (
	"context"
	"fmt"
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

// sideMoves is what a message gives (gained) and takes away (dropped) from one owner in
// each period of one index day.
type sideMoves struct{ gained, dropped dayHoldings }

// ownerMoves collects one owner's moves per index day.
type ownerMoves struct {
	owner string
	days  map[uint64]*sideMoves
}

// checkPositionChange refuses a message that replaces the live tokens before by the
// live tokens after when it would take a participant beyond its position limit (see
// above); what says what the message does, for the error. Owners are checked in the
// order they first appear and days in ascending order, so the gas used and the error
// returned never depend on map order.
func (k Keeper) checkPositionChange(ctx context.Context, what string, before, after []types.Token) error {
	var owners []*ownerMoves
	byOwner := map[string]*ownerMoves{}
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
				o := byOwner[side.Owner]
				if o == nil {
					o = &ownerMoves{owner: side.Owner, days: map[uint64]*sideMoves{}}
					byOwner[side.Owner] = o
					owners = append(owners, o)
				}
				err = eachDay(t.FirstPeriod, t.LastPeriod, func(d uint64, from, to int) error {
					mv := o.days[d]
					if mv == nil {
						mv = &sideMoves{}
						o.days[d] = mv
					}
					target := &mv.gained
					if dropped {
						target = &mv.dropped
					}
					return target.addSide(s, from, to, t.WhPerPeriod, false)
				})
				if err != nil {
					return err
				}
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
	for _, o := range owners {
		if err := k.checkOwnerMoves(ctx, what, o); err != nil {
			return err
		}
	}
	return nil
}

// checkOwnerMoves applies one owner's moves to its position records, day by day, and
// checks every period whose net position changes. The limit is read only when some
// period's |net| grows.
func (k Keeper) checkOwnerMoves(ctx context.Context, what string, o *ownerMoves) error {
	days := make([]uint64, 0, len(o.days))
	for d, mv := range o.days {
		if !mv.netNeutral() {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		return nil
	}
	slices.Sort(days)
	ownerAddr, err := k.parseAddress("side owner", o.owner)
	if err != nil {
		return err
	}
	var limit *uint64
	for _, d := range days {
		mv := o.days[d]
		old, err := k.holdingsOf(ctx, ownerAddr, d)
		if err != nil {
			return err
		}
		for i := range old {
			if netUnchanged(mv.gained[i], mv.dropped[i]) {
				continue
			}
			next, err := moved(old[i], mv.gained[i], mv.dropped[i])
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
// relieved of a position, never given a larger one.
func (k Keeper) positionLimitOf(ctx context.Context, owner sdk.AccAddress) (uint64, error) {
	p, ok, err := k.registry.GetParticipant(ctx, owner)
	if err != nil || !ok {
		return 0, err
	}
	return p.PositionLimitWh, nil
}

// netNeutral says whether the moves leave the net position of every period of the day
// as it was (an issue, a split, a merge, a cancellation by the owner of both sides).
func (mv *sideMoves) netNeutral() bool {
	for i := range mv.gained {
		if !netUnchanged(mv.gained[i], mv.dropped[i]) {
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
