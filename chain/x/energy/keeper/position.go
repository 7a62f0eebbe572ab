package keeper

import (
	"context"
	"sort"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// heldSide is one live side an owner holds: its energy per period over a range.
type heldSide struct {
	side        types.Side
	first, last uint64
	wh          uint64
}

// heldSides returns the live sides of owner delivering in [from, to]. It walks the
// owner's per-day index over the days of the range and its long spans (days.go), so it
// reads the sides of those days only, whatever the owner holds elsewhere.
func (k Keeper) heldSides(ctx context.Context, owner sdk.AccAddress, from, to uint64) ([]heldSide, error) {
	type heldKey = collections.Quad[sdk.AccAddress, uint64, int32, uint64]
	var out []heldSide
	visit := func(key heldKey, span []byte) (bool, error) {
		first, last, wh, err := decodeSpan(span)
		if err != nil {
			return true, err
		}
		if countsIn(key.K2(), first, last, from, to) {
			out = append(out, heldSide{side: types.Side(key.K3()), first: first, last: last, wh: wh})
		}
		return false, nil
	}
	days := keyRange[heldKey]{
		start: collections.RangeKeyExact(collections.QuadSuperPrefix[sdk.AccAddress, uint64, int32, uint64](owner, dayOf(from))),
		end:   collections.RangeKeyPrefixEnd(collections.QuadSuperPrefix[sdk.AccAddress, uint64, int32, uint64](owner, dayOf(to))),
	}
	if err := k.HeldByDay.Walk(ctx, days, visit); err != nil {
		return nil, err
	}
	long := collections.NewSuperPrefixedQuadRange[sdk.AccAddress, uint64, int32, uint64](owner, uint64(longSpans))
	if err := k.HeldByDay.Walk(ctx, long, visit); err != nil {
		return nil, err
	}
	return out, nil
}

// signedWh is the side's contribution to the net position: consumer sides take energy
// (bought), producer sides deliver it (sold). It is an Int because Wh per period may use
// all 64 bits: an int64 would wrap and let a huge side pass the position limit.
func (h heldSide) signedWh() math.Int {
	wh := math.NewIntFromUint64(h.wh)
	if h.side == types.Side_SIDE_CONSUMER {
		return wh
	}
	return wh.Neg()
}

// maxAbsNet is the largest |net position| over [from, to] of the given sides. The net
// position is piecewise constant between side boundaries, so a sweep over the
// boundaries finds the maximum without visiting every period.
func maxAbsNet(held []heldSide, from, to uint64) math.Int {
	type step struct {
		at    uint64
		delta math.Int
	}
	steps := make([]step, 0, 2*len(held))
	for _, h := range held {
		steps = append(steps, step{max(h.first, from), h.signedWh()})
		if h.last < to {
			steps = append(steps, step{h.last + 1, h.signedWh().Neg()})
		}
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].at < steps[j].at })
	net, worst := math.ZeroInt(), math.ZeroInt()
	for i, s := range steps {
		net = net.Add(s.delta)
		if i+1 < len(steps) && steps[i+1].at == s.at {
			continue // apply every step of a boundary before measuring
		}
		if abs := net.Abs(); abs.GT(worst) {
			worst = abs
		}
	}
	return worst
}

// checkPositionLimit refuses a new side that would take the owner's |net position| in
// any period of the token above its position limit (Wh per period).
func (k Keeper) checkPositionLimit(ctx context.Context, owner sdk.AccAddress, limit uint64, t types.Token, side types.Side) error {
	held, err := k.heldSides(ctx, owner, t.FirstPeriod, t.LastPeriod)
	if err != nil {
		return err
	}
	held = append(held, heldSide{side: side, first: t.FirstPeriod, last: t.LastPeriod, wh: t.WhPerPeriod})
	if worst := maxAbsNet(held, t.FirstPeriod, t.LastPeriod); worst.GT(math.NewIntFromUint64(limit)) {
		return errorsmod.Wrapf(types.ErrPositionLimit, "holding the %s side of token %d would open a position of %s Wh in one period, above the limit of %d Wh",
			side, t.Id, worst, limit)
	}
	return nil
}

// Position lists the owner's energy per period over [from, to].
func (k Keeper) Position(ctx context.Context, owner sdk.AccAddress, from, to uint64) ([]types.PeriodPosition, error) {
	if to < from || to-from >= types.MaxPositionQueryPeriods { // to-from+1 would wrap for [0, 2^64-1]
		return nil, errorsmod.Wrapf(types.ErrInvalidPeriods, "the range must hold 1-%d periods", types.MaxPositionQueryPeriods)
	}
	held, err := k.heldSides(ctx, owner, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]types.PeriodPosition, 0, to-from+1)
	for p := from; ; p++ {
		pos := types.PeriodPosition{Period: p}
		for _, h := range held {
			if h.first <= p && p <= h.last {
				if h.side == types.Side_SIDE_CONSUMER {
					pos.ConsumerWh += h.wh
				} else {
					pos.ProducerWh += h.wh
				}
			}
		}
		pos.NetWh = int64(pos.ConsumerWh) - int64(pos.ProducerWh)
		out = append(out, pos)
		if p == to {
			break
		}
	}
	return out, nil
}
