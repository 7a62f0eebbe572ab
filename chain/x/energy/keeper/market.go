package keeper

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// The market's traded volume is kept as trades happen, per (category, denom, index day):
// MarketDays holds, for each period of the day, the number of market trades whose token
// delivers in it, their Wh and the sum of price per MWh x Wh. AveragePrice then reads one
// record, and a trade rewrites one record per day of its token, a record all the trades
// of a block in that market and day share (one IAVL write per block, not one per trade).
//
// Sums are exact: Wh and price x Wh are big integers, so no trade is ever refused because
// a period's totals grew large (a bound would let one party block a market period).

// marketKey is (category, denom, index day).
type marketKey = collections.Triple[int32, string, uint64]

// periodTrades is what the market traded in one period.
type periodTrades struct {
	trades uint64
	wh     big.Int // Σ Wh per period of the traded tokens
	value  big.Int // Σ price per MWh × Wh
}

// marketEntry is one period of a day's record, still encoded: a trade decodes only the
// periods it adds to and copies the others.
type marketEntry struct {
	offset int
	raw    []byte
}

// addTrade adds a market trade of wh per period over [first, last] at pricePerMwh to the
// records of its market.
func (k Keeper) addTrade(ctx context.Context, category int32, denom string, first, last, wh uint64, pricePerMwh int64) error {
	add := oneTrade(wh, pricePerMwh)
	return eachDay(first, last, func(d uint64, from, to int) error {
		key := collections.Join3(category, denom, d)
		bz, err := k.MarketDays.Get(ctx, key)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if bz, err = addToMarketDay(bz, from, to, &add); err != nil {
			return err
		}
		return k.MarketDays.Set(ctx, key, bz)
	})
}

// oneTrade is what one trade of wh per period at pricePerMwh adds to each of its periods.
func oneTrade(wh uint64, pricePerMwh int64) periodTrades {
	var p periodTrades
	p.trades = 1
	p.wh.SetUint64(wh)
	p.value.Mul(&p.wh, big.NewInt(pricePerMwh))
	return p
}

// addToMarketDay returns the record bz of a day with add added to the periods from..to.
// It walks bz once: periods outside from..to are copied as they are, those inside decoded.
func addToMarketDay(bz []byte, from, to int, add *periodTrades) ([]byte, error) {
	out := make([]byte, 0, len(bz)+16*(to-from+1))
	last := -1
	for i := from; i <= to; i++ {
		var p periodTrades
		for len(bz) > 0 {
			n, offset, err := nextMarketPeriod(bz, last)
			if err != nil {
				return nil, err
			}
			if offset > i {
				break
			}
			last = offset
			if offset == i {
				p = decodePeriodTrades(bz[:n])
			} else {
				out = append(out, bz[:n]...)
			}
			bz = bz[n:]
		}
		p.trades += add.trades
		p.wh.Add(&p.wh, &add.wh)
		p.value.Add(&p.value, &add.value)
		out = p.appendTo(out, i)
	}
	for rest := bz; len(rest) > 0; { // the rest is copied, but checked
		n, offset, err := nextMarketPeriod(rest, last)
		if err != nil {
			return nil, err
		}
		last, rest = offset, rest[n:]
	}
	return append(out, bz...), nil
}

// periodTradesOf reads what the market traded in one period (zero when nothing).
func (k Keeper) periodTradesOf(ctx context.Context, category int32, denom string, period uint64) (periodTrades, error) {
	entries, err := k.marketDay(ctx, collections.Join3(category, denom, dayOf(period)))
	if err != nil {
		return periodTrades{}, err
	}
	offset := int(period % dayPeriods)
	for _, e := range entries {
		if e.offset == offset {
			return decodePeriodTrades(e.raw), nil
		}
	}
	return periodTrades{}, nil
}

// marketDay splits a day's record into its periods (none when absent).
func (k Keeper) marketDay(ctx context.Context, key marketKey) ([]marketEntry, error) {
	bz, err := k.MarketDays.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return splitMarketDay(bz)
}

// A period is encoded as its offset in the day (one byte), the trade count (uvarint),
// then Wh and value as big integers: uvarint(len<<1 | negative) and the big-endian
// magnitude. Periods follow each other in offset order.

func (p *periodTrades) appendTo(out []byte, offset int) []byte {
	out = append(out, byte(offset))
	out = binary.AppendUvarint(out, p.trades)
	out = appendBigInt(out, &p.wh)
	return appendBigInt(out, &p.value)
}

func appendBigInt(out []byte, v *big.Int) []byte {
	mag := v.Bytes()
	header := uint64(len(mag)) << 1
	if v.Sign() < 0 {
		header |= 1
	}
	out = binary.AppendUvarint(out, header)
	return append(out, mag...)
}

// splitMarketDay cuts a record into its periods, checking their order and lengths.
func splitMarketDay(bz []byte) ([]marketEntry, error) {
	var out []marketEntry
	last := -1
	for len(bz) > 0 {
		n, offset, err := nextMarketPeriod(bz, last)
		if err != nil {
			return nil, err
		}
		out = append(out, marketEntry{offset: offset, raw: bz[:n]})
		last, bz = offset, bz[n:]
	}
	return out, nil
}

// nextMarketPeriod is the length and offset of the period bz starts with, which must come
// after the period at offset last (-1 at the start of a record).
func nextMarketPeriod(bz []byte, last int) (n, offset int, err error) {
	if n, err = periodTradesLen(bz); err != nil {
		return 0, 0, err
	}
	offset = int(bz[0])
	if offset >= dayPeriods || offset <= last {
		return 0, 0, fmt.Errorf("market record names period %d out of order", offset)
	}
	return n, offset, nil
}

// periodTradesLen is the encoded length of the period bz starts with.
func periodTradesLen(bz []byte) (int, error) {
	n := 1
	if _, m := binary.Uvarint(bz[n:]); m > 0 {
		n += m
	} else {
		return 0, errors.New("market record truncated")
	}
	for range 2 {
		header, m := binary.Uvarint(bz[n:])
		if m <= 0 || uint64(len(bz)-n-m) < header>>1 {
			return 0, errors.New("market record truncated")
		}
		n += m + int(header>>1)
	}
	return n, nil
}

// decodePeriodTrades decodes one period as nextMarketPeriod cut it from a record (its
// lengths are checked there, so they are not checked again).
func decodePeriodTrades(raw []byte) periodTrades {
	var p periodTrades
	rest := raw[1:]
	count, m := binary.Uvarint(rest)
	p.trades = count
	rest = rest[m:]
	for _, v := range []*big.Int{&p.wh, &p.value} {
		header, m := binary.Uvarint(rest)
		size := int(header >> 1)
		v.SetBytes(rest[m : m+size])
		if header&1 == 1 {
			v.Neg(v)
		}
		rest = rest[m+size:]
	}
	return p
}

// average is the volume-weighted average price per MWh, rounded toward zero, as the
// AveragePrice query reports it.
func (p *periodTrades) average() (*types.QueryAveragePriceResponse, error) {
	if !p.wh.IsUint64() {
		return nil, errorsmod.Wrap(types.ErrInvalidVolume, "traded energy of the period exceeds 64 bits")
	}
	res := &types.QueryAveragePriceResponse{TradedWh: p.wh.Uint64(), Trades: p.trades}
	if p.wh.Sign() > 0 {
		res.PricePerMwh = new(big.Int).Quo(&p.value, &p.wh).Int64() // |average| <= max |price|
	}
	return res, nil
}
