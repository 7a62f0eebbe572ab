package types_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

func TestDisplayAmount(t *testing.T) {
	for _, tc := range []struct {
		base     int64
		exponent uint32
		want     string
	}{
		{9_999_000_000, 6, "9999"},
		{-9_999_000_000, 6, "-9999"},
		{1, 6, "0.000001"},
		{-1_500_000, 6, "-1.5"},
		{0, 6, "0"},
		{42, 0, "42"},
		{math.MinInt64, 18, "-9.223372036854775808"},
	} {
		require.Equal(t, tc.want, types.DisplayAmount(tc.base, tc.exponent), "%d with %d decimals", tc.base, tc.exponent)
	}
}

func TestPriceBandContainsItsBounds(t *testing.T) {
	b := types.PriceBand{Denom: "uchf.alpine", MinPerMwh: -10, MaxPerMwh: 20}
	for p, in := range map[int64]bool{-11: false, -10: true, 0: true, 20: true, 21: false} {
		require.Equal(t, in, b.Contains(p), "price %d", p)
		if in {
			require.NoError(t, b.Check("ask", p, 6, "CHF"))
		} else {
			require.ErrorIs(t, b.Check("ask", p, 6, "CHF"), types.ErrPriceOutOfBand)
		}
	}
}
