package keeper

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// A participant's position is kept as it changes, per index day (days.go): Positions
// maps (owner, day) to the Wh per period the owner's live sides deliver (producer)
// and take (consumer) in each period of that day. A position check or a Position
// query then reads one record per day it covers, however many sides the owner holds;
// a side change rewrites one record per day of the token.

// periodHolding is an owner's live Wh in one period, per side.
type periodHolding struct{ producer, consumer uint64 }

// dayHoldings is an owner's live Wh in each period of one index day.
type dayHoldings [dayPeriods]periodHolding

// net is |consumer - producer| of a period, without leaving uint64.
func (h periodHolding) absNet() uint64 {
	if h.consumer >= h.producer {
		return h.consumer - h.producer
	}
	return h.producer - h.consumer
}

// add adds (or, with sub, removes) wh on side s, refusing a sum beyond 64 bits and,
// as a broken index would need, a removal of more than is held.
func (h *periodHolding) add(s types.Side, wh uint64, sub bool) error {
	v := &h.producer
	if s == types.Side_SIDE_CONSUMER {
		v = &h.consumer
	}
	if sub {
		if *v < wh {
			return fmt.Errorf("position index holds %d Wh on the %s side, cannot remove %d", *v, s, wh)
		}
		*v -= wh
		return nil
	}
	sum, carry := bits.Add64(*v, wh, 0)
	if carry != 0 {
		return errorsmod.Wrapf(types.ErrInvalidVolume, "the %s sides held in one period would exceed 2^64 Wh", s)
	}
	*v = sum
	return nil
}

// encode writes the non-empty periods: offset in the day, then producer and consumer
// Wh as uvarints. An empty day encodes to nothing (and is deleted).
func (d *dayHoldings) encode() []byte {
	var out []byte
	for i, h := range d {
		if h == (periodHolding{}) {
			continue
		}
		out = append(out, byte(i))
		out = binary.AppendUvarint(out, h.producer)
		out = binary.AppendUvarint(out, h.consumer)
	}
	return out
}

func decodeDayHoldings(bz []byte) (dayHoldings, error) {
	var d dayHoldings
	for len(bz) > 0 {
		i := int(bz[0])
		if i >= dayPeriods {
			return d, fmt.Errorf("position record names period %d of a %d-period day", i, dayPeriods)
		}
		p, n := binary.Uvarint(bz[1:])
		if n <= 0 {
			return d, errors.New("position record truncated")
		}
		c, m := binary.Uvarint(bz[1+n:])
		if m <= 0 {
			return d, errors.New("position record truncated")
		}
		d[i] = periodHolding{producer: p, consumer: c}
		bz = bz[1+n+m:]
	}
	return d, nil
}

// holdingsOf reads the owner's record of one day (all zero when absent).
func (k Keeper) holdingsOf(ctx context.Context, owner sdk.AccAddress, day uint64) (dayHoldings, error) {
	bz, err := k.Positions.Get(ctx, collections.Join(owner, day))
	if errors.Is(err, collections.ErrNotFound) {
		return dayHoldings{}, nil
	}
	if err != nil {
		return dayHoldings{}, err
	}
	return decodeDayHoldings(bz)
}

// eachDay calls fn for every index day of [first, last] with the offsets of the range
// inside that day.
func eachDay(first, last uint64, fn func(day uint64, from, to int) error) error {
	for d := dayOf(first); d <= dayOf(last); d++ {
		start := d * dayPeriods
		if err := fn(d, int(max(first, start)-start), int(min(last, start+dayPeriods-1)-start)); err != nil {
			return err
		}
	}
	return nil
}

// addSide adds (or removes, with sub) wh on side s to the periods from..to of the day.
func (d *dayHoldings) addSide(s types.Side, from, to int, wh uint64, sub bool) error {
	for i := from; i <= to; i++ {
		if err := d[i].add(s, wh, sub); err != nil {
			return err
		}
	}
	return nil
}

// addHolding adds (or removes, with sub) a side of wh per period over [first, last] to
// the owner's position records.
func (k Keeper) addHolding(ctx context.Context, owner sdk.AccAddress, s types.Side, first, last, wh uint64, sub bool) error {
	return eachDay(first, last, func(d uint64, from, to int) error {
		day, err := k.holdingsOf(ctx, owner, d)
		if err != nil {
			return err
		}
		existed := day != dayHoldings{}
		if err := day.addSide(s, from, to, wh, sub); err != nil {
			return err
		}
		key := collections.Join(owner, d)
		// DayHolders changes only when a record appears or disappears, so a trade that
		// changes existing records writes nothing more for it.
		if bz := day.encode(); len(bz) > 0 {
			if !existed {
				if err := k.DayHolders.Set(ctx, collections.Join(d, owner)); err != nil {
					return err
				}
			}
			return k.Positions.Set(ctx, key, bz)
		}
		if err := k.DayHolders.Remove(ctx, collections.Join(d, owner)); err != nil {
			return err
		}
		return k.Positions.Remove(ctx, key)
	})
}

// Position lists the owner's energy per period over [from, to].
func (k Keeper) Position(ctx context.Context, owner sdk.AccAddress, from, to uint64) ([]types.PeriodPosition, error) {
	if to < from || to-from >= types.MaxPositionQueryPeriods { // to-from+1 would wrap for [0, 2^64-1]
		return nil, errorsmod.Wrapf(types.ErrInvalidPeriods, "the range must hold 1-%d periods", types.MaxPositionQueryPeriods)
	}
	out := make([]types.PeriodPosition, 0, to-from+1)
	err := eachDay(from, to, func(d uint64, lo, hi int) error {
		day, err := k.holdingsOf(ctx, owner, d)
		if err != nil {
			return err
		}
		for i := lo; i <= hi; i++ {
			h := day[i]
			out = append(out, types.PeriodPosition{Period: d*dayPeriods + uint64(i), ProducerWh: h.producer, ConsumerWh: h.consumer,
				NetWh: int64(h.consumer) - int64(h.producer)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
