package keeper

import (
	"math"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// The totals are exact beyond 64 and 128 bits: a period's Wh may pass 2^64 (AveragePrice
// then refuses to report it) and its price x Wh 2^127, without refusing a trade.
func TestMarketTotalsAreExact(t *testing.T) {
	var bz []byte
	wantWh, wantValue := new(big.Int), new(big.Int)
	for i, price := range []int64{math.MaxInt64, math.MaxInt64, math.MinInt64, -1, math.MaxInt64, 0} {
		add := oneTrade(math.MaxUint64, price)
		var err error
		bz, err = addToMarketDay(bz, 3, 5+i%2, &add)
		require.NoError(t, err)
		wantWh.Add(wantWh, new(big.Int).SetUint64(math.MaxUint64))
		wantValue.Add(wantValue, new(big.Int).Mul(new(big.Int).SetUint64(math.MaxUint64), big.NewInt(price)))
	}
	entries, err := splitMarketDay(bz)
	require.NoError(t, err)
	require.Equal(t, []int{3, 4, 5, 6}, []int{entries[0].offset, entries[1].offset, entries[2].offset, entries[3].offset})
	for _, e := range entries[:3] { // periods 3-5 got every trade
		p := decodePeriodTrades(e.raw)
		require.Equal(t, uint64(6), p.trades)
		require.Zero(t, wantWh.Cmp(&p.wh))
		require.Zero(t, wantValue.Cmp(&p.value))
		_, err = p.average()
		require.ErrorIs(t, err, types.ErrInvalidVolume)
	}
	p := decodePeriodTrades(entries[3].raw) // period 6: the trades at odd i
	require.Equal(t, uint64(3), p.trades)

	one := oneTrade(1000, -7)
	small, err := addToMarketDay(nil, 0, 0, &one)
	require.NoError(t, err)
	entries, err = splitMarketDay(small)
	require.NoError(t, err)
	p = decodePeriodTrades(entries[0].raw)
	res, err := p.average()
	require.NoError(t, err)
	require.Equal(t, types.QueryAveragePriceResponse{PricePerMwh: -7, TradedWh: 1000, Trades: 1}, *res)
}

// A damaged record is an error, never a panic or a silent misread.
func TestMarketRecordDamage(t *testing.T) {
	one := oneTrade(1000, 50)
	bz, err := addToMarketDay(nil, 2, 4, &one)
	require.NoError(t, err)
	entries, err := splitMarketDay(bz)
	require.NoError(t, err)
	require.Len(t, entries, 3)
	whole := map[int]bool{len(entries[0].raw): true, len(entries[0].raw) + len(entries[1].raw): true}
	for cut := 1; cut < len(bz); cut++ {
		_, err := splitMarketDay(bz[:cut])
		if whole[cut] {
			require.NoError(t, err, "a cut between periods leaves a shorter record")
			continue
		}
		require.Error(t, err, "cut at %d of %d", cut, len(bz))
	}
	swapped := append(append([]byte{}, bz[len(bz)/3:]...), bz[:len(bz)/3]...)
	_, err = splitMarketDay(swapped)
	require.Error(t, err, "periods out of order")
	_, err = splitMarketDay([]byte{dayPeriods, 1, 0, 0})
	require.Error(t, err, "an offset beyond the day")
}
