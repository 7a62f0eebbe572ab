package keeper

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

// maxPeriodsAllowed is the longest token any valid parameters allow (Params.Validate).
const maxPeriodsAllowed = types.MaxTokenPeriodsLimit

// inBound maps fuzz bytes onto an amount in [0, MaxContractAmount].
func inBound(b []byte) math.Int {
	v := new(big.Int).SetBytes(b)
	return math.NewIntFromBigInt(v.Mod(v, new(big.Int).Add(types.MaxContractAmount.BigInt(), big.NewInt(1))))
}

// FuzzContractArithmetic: whatever in-bound amounts, volumes, periods, prices and part
// counts a token has, the arithmetic of split (share), merge (sums), cancel (the fee as
// a coin) and buy (PriceFor) never panics, splits conserve every amount exactly, and
// every payment a token can call for stays within what x/fiat can pay (MaxAmount).
func FuzzContractArithmetic(f *testing.F) {
	max := types.MaxContractAmount.BigInt().Bytes()
	f.Add(max, uint64(types.MaxWhPerPeriod), uint64(maxPeriodsAllowed), int64(-1<<63), uint8(255), uint64(1<<63))
	f.Add([]byte{1}, uint64(1), uint64(1), int64(1<<63-1), uint8(2), uint64(0))
	f.Add([]byte{0}, uint64(7), uint64(3), int64(0), uint8(64), uint64(1))
	f.Fuzz(func(t *testing.T, amountBz []byte, wh, periods uint64, price int64, nParts uint8, seed uint64) {
		amount := inBound(amountBz)
		wh = wh%types.MaxWhPerPeriod + 1
		periods = periods%maxPeriodsAllowed + 1
		n := uint64(nParts)%(256-1) + 2 // 2..256, the largest cap Params.Validate allows
		if n > wh {
			n = wh // every part needs at least 1 Wh
		}
		if n < 2 {
			return
		}
		parent := types.Token{FirstPeriod: 1000, LastPeriod: 1000 + periods - 1, WhPerPeriod: wh, Terms: types.ContractTerms{CancellationFee: amount}}
		require.NoError(t, types.ValidateVolume(parent.FirstPeriod, parent.LastPeriod, parent.WhPerPeriod))
		total := parent.TotalWh()

		// Split by volume: n parts of uneven size that add up to wh.
		shapes := make([]types.Token, n)
		left := wh
		for i := range shapes[:n-1] {
			part := uint64(1) + (seed>>(i%64))%(left-(n-1-uint64(i)))
			if part > left-(n-1-uint64(i)) {
				part = left - (n - 1 - uint64(i))
			}
			shapes[i] = types.Token{FirstPeriod: parent.FirstPeriod, LastPeriod: parent.LastPeriod, WhPerPeriod: part}
			left -= part
		}
		shapes[n-1] = types.Token{FirstPeriod: parent.FirstPeriod, LastPeriod: parent.LastPeriod, WhPerPeriod: left}
		// Split by time, when there are two periods to split.
		var timeShapes []types.Token
		if periods > 1 {
			after := parent.FirstPeriod + seed%(periods-1)
			timeShapes = []types.Token{
				{FirstPeriod: parent.FirstPeriod, LastPeriod: after, WhPerPeriod: wh},
				{FirstPeriod: after + 1, LastPeriod: parent.LastPeriod, WhPerPeriod: wh},
			}
		}
		for _, ss := range [][]types.Token{shapes, timeShapes} {
			if ss == nil {
				continue
			}
			parts := share(amount, total, ss)
			sum := math.ZeroInt()
			for _, p := range parts {
				require.False(t, p.IsNegative(), "a share is never negative")
				require.NoError(t, types.CheckContractAmount("share", p), "a share stays in bound")
				sum = sum.Add(p)
			}
			require.True(t, sum.Equal(amount), "shares add up to the whole: %s != %s", sum, amount)

			// Merging the children back adds the same amounts up again, within the bound.
			merged := math.ZeroInt()
			for _, p := range parts {
				merged = merged.Add(p)
			}
			require.NoError(t, types.CheckContractAmount("merged", merged))
		}

		// A merge of the most inputs any cap allows, each at the bound, does not overflow;
		// the bound check refuses the sum instead of panicking.
		sum := amount.MulRaw(256)
		require.Equal(t, amount.IsPositive() && sum.GT(types.MaxContractAmount), types.CheckContractAmount("sum", sum) != nil)

		// Cancel: the fee becomes a coin and is payable.
		require.NotPanics(t, func() { sdk.NewCoin("uchf.alpine", amount) })
		require.True(t, amount.LTE(fiattypes.MaxAmount))

		// Buy: any int64 price for the whole token is payable.
		paid := types.PriceFor(price, total)
		require.True(t, paid.Abs().LTE(fiattypes.MaxAmount), "price %d for %d Wh", price, total)
		// Default fees are per MWh: at the bound, for the whole token, still payable.
		due := amount.Mul(math.NewIntFromUint64(total)).QuoRaw(types.WhPerMWh)
		require.True(t, due.LTE(fiattypes.MaxAmount), "default fee %s per MWh for %d Wh", amount, total)
	})
}
