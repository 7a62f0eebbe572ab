package keeper

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNetUnchangedComparesWithoutOverflow(t *testing.T) {
	for _, tc := range []struct {
		name            string
		gained, dropped periodHolding
		unchanged       bool
	}{
		{"nothing", periodHolding{}, periodHolding{}, true},
		{"both sides gained alike (an issue)", periodHolding{producer: 7, consumer: 7}, periodHolding{}, true},
		{"a side handed on", periodHolding{consumer: 7}, periodHolding{consumer: 7}, true},
		{"one side gained", periodHolding{consumer: 7}, periodHolding{}, false},
		{"the other side dropped", periodHolding{}, periodHolding{producer: 7}, false},
		{"gaining consumption equals dropping delivery", periodHolding{consumer: 7}, periodHolding{producer: 7}, false},
		{"sums beyond 64 bits, equal", periodHolding{consumer: math.MaxUint64, producer: 1}, periodHolding{consumer: 1, producer: math.MaxUint64}, false},
		{"sums beyond 64 bits, same net", periodHolding{consumer: math.MaxUint64, producer: math.MaxUint64}, periodHolding{consumer: math.MaxUint64, producer: math.MaxUint64}, true},
		{"sums that differ only past 64 bits", periodHolding{consumer: math.MaxUint64}, periodHolding{producer: math.MaxUint64, consumer: math.MaxUint64 - 1}, false},
	} {
		require.Equal(t, tc.unchanged, netUnchanged(tc.gained, tc.dropped), tc.name)
	}
}

func TestMovedAppliesDropsBeforeGains(t *testing.T) {
	h := periodHolding{producer: 5, consumer: math.MaxUint64}
	got, err := moved(h, periodHolding{consumer: 10}, periodHolding{consumer: 10})
	require.NoError(t, err, "a side handed on at the top of the range fits: the drop comes first")
	require.Equal(t, h, got)
	_, err = moved(h, periodHolding{consumer: 11}, periodHolding{consumer: 10})
	require.Error(t, err, "a holding beyond 2^64 Wh is refused")
	_, err = moved(h, periodHolding{}, periodHolding{producer: 6})
	require.Error(t, err, "dropping more than is held means a broken index")
}

func TestDescribeNet(t *testing.T) {
	require.Equal(t, "7000 Wh net consumption", describeNet(periodHolding{producer: 1000, consumer: 8000}))
	require.Equal(t, "7000 Wh net delivery", describeNet(periodHolding{producer: 8000, consumer: 1000}))
	require.Equal(t, "balanced (0 Wh)", describeNet(periodHolding{producer: 8000, consumer: 8000}))
}
