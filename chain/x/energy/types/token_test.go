package types_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestPriceForRoundsTowardZero: payer and payee see the same amount, never more than the
// exact price, whatever its sign, so rounding makes and destroys no money.
func TestPriceForRoundsTowardZero(t *testing.T) {
	for _, tc := range []struct {
		name  string
		price int64
		wh    uint64
		want  string
	}{
		{"one MWh at 80 CHF", 80_000_000, 1_000_000, "80000000"},
		{"exact fraction", 80_000_000, 4_000, "320000"},
		{"below one base unit", 50, 4_000, "0"},
		{"negative below one base unit", -249, 4_000, "0"},
		{"fraction dropped", 1_234_567, 4_000, "4938"},
		{"negative fraction dropped toward zero", -1_234_567, 4_000, "-4938"},
		{"zero price", 0, 4_000, "0"},
		{"largest energy at the largest price does not overflow", math.MaxInt64, math.MaxUint64, "170141183460469231704017187605319"},
		{"largest energy at the lowest price", math.MinInt64, math.MaxUint64, "-170141183460469231722463931679029"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, types.PriceFor(tc.price, tc.wh).String())
		})
	}
}

func TestValidateVolume(t *testing.T) {
	for _, tc := range []struct {
		name            string
		first, last, wh uint64
		want            error
	}{
		{"one period", 10, 10, 1, nil},
		{"largest single-period volume", 10, 10, types.MaxWhPerPeriod, nil},
		{"above the largest volume per period", 10, 10, types.MaxWhPerPeriod + 1, types.ErrInvalidVolume},
		{"reversed", 11, 10, 1, types.ErrInvalidPeriods},
		{"zero volume", 10, 20, 0, types.ErrInvalidVolume},
		{"total overflows", 1, 2, math.MaxUint64/2 + 1, types.ErrInvalidVolume},
		{"period count overflows", 0, math.MaxUint64, 1, types.ErrInvalidVolume},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := types.ValidateVolume(tc.first, tc.last, tc.wh)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func TestTokenSideOf(t *testing.T) {
	tok := types.Token{Producer: types.TokenSide{Owner: "p"}, Consumer: types.TokenSide{Owner: "c"}}
	p, err := tok.SideOf(types.Side_SIDE_PRODUCER)
	require.NoError(t, err)
	p.Owner = "changed"
	require.Equal(t, "changed", tok.Producer.Owner, "SideOf returns the token's own side")
	c, err := tok.SideOf(types.Side_SIDE_CONSUMER)
	require.NoError(t, err)
	require.Equal(t, "c", c.Owner)
	for _, s := range []types.Side{types.Side_SIDE_UNSPECIFIED, 3, -1} {
		_, err := tok.SideOf(s)
		require.ErrorIs(t, err, types.ErrInvalidSide)
	}
	require.Equal(t, uint64(3), types.Token{FirstPeriod: 5, LastPeriod: 7}.Periods())
	require.Equal(t, uint64(3000), types.Token{FirstPeriod: 5, LastPeriod: 7, WhPerPeriod: 1000}.TotalWh())
}

// TestOfferKeysSeparateMarkets: every (side, category) pair gets its own index prefix.
func TestOfferKeysSeparateMarkets(t *testing.T) {
	seen := map[int32]bool{}
	for _, s := range []types.Side{types.Side_SIDE_PRODUCER, types.Side_SIDE_CONSUMER} {
		for c := int32(0); c <= 8; c++ {
			k := types.OfferKey(s, c)
			require.False(t, seen[k], "side %s category %d collides", s, c)
			seen[k] = true
		}
	}
}
