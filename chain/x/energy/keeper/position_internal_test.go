package keeper

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

func TestDayHoldingsRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 200; i++ {
		var d dayHoldings
		for n := rng.Intn(dayPeriods + 1); n > 0; n-- {
			d[rng.Intn(dayPeriods)] = periodHolding{producer: rng.Uint64() >> rng.Intn(64), consumer: rng.Uint64() >> rng.Intn(64)}
		}
		got, err := decodeDayHoldings(d.encode())
		require.NoError(t, err)
		require.Equal(t, d, got)
	}
	require.Empty(t, (&dayHoldings{}).encode(), "an empty day is stored as nothing (and deleted)")
}

func TestDayHoldingsRefuseCorruptRecords(t *testing.T) {
	for name, bz := range map[string][]byte{
		"period beyond the day": {dayPeriods, 1, 1},
		"missing consumer Wh":   {3, 1},
		"cut uvarint":           {3, 0x80},
	} {
		_, err := decodeDayHoldings(bz)
		require.Error(t, err, name)
	}
}

func TestPeriodHoldingArithmetic(t *testing.T) {
	h := periodHolding{producer: math.MaxUint64 - 1}
	require.ErrorIs(t, h.add(types.Side_SIDE_PRODUCER, 2, false), types.ErrInvalidVolume, "a sum past 2^64 Wh is refused")
	require.Equal(t, uint64(math.MaxUint64-1), h.producer, "and leaves the holding as it was")
	require.Error(t, h.add(types.Side_SIDE_CONSUMER, 1, true), "removing more than is held means a broken index")
	require.NoError(t, h.add(types.Side_SIDE_CONSUMER, math.MaxUint64, false))
	require.Equal(t, uint64(1), h.absNet(), "|consumer - producer| without leaving uint64")
}
