package types_test

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

func TestFeeModelFee(t *testing.T) {
	bp := func(n uint32) types.FeeModel {
		return types.FeeModel{Kind: types.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: n, FixedAmount: math.ZeroInt()}
	}
	max := types.MaxAmount
	for _, tc := range []struct {
		name   string
		model  types.FeeModel
		amount math.Int
		want   math.Int
	}{
		{"none charges nothing", types.FeeModel{Kind: types.FeeKind_FEE_KIND_NONE}, math.NewInt(10_000), math.ZeroInt()},
		{"25 bp of 333 rounds down to 0", bp(25), math.NewInt(333), math.ZeroInt()},
		{"25 bp of 399 rounds down to 0", bp(25), math.NewInt(399), math.ZeroInt()},
		{"25 bp of 400 is 1", bp(25), math.NewInt(400), math.NewInt(1)},
		{"25 bp of 10000 is 25", bp(25), math.NewInt(10_000), math.NewInt(25)},
		{"1000 bp of 2^128 is a tenth, rounded down", bp(1000), max, max.QuoRaw(10)},
		{"fixed is the same for any amount", types.FeeModel{Kind: types.FeeKind_FEE_KIND_FIXED, FixedAmount: math.NewInt(7)}, math.NewInt(1), math.NewInt(7)},
		{"unspecified charges nothing", types.FeeModel{}, math.NewInt(10_000), math.ZeroInt()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want.String(), tc.model.Fee(tc.amount).String())
		})
	}
}

// FuzzBasisPointFee checks the rounding rule for every amount up to 2^128: the bank never
// gets more than its share, and never a whole unit less.
func FuzzBasisPointFee(f *testing.F) {
	f.Add(uint32(25), []byte{0x01, 0x4d})
	f.Add(uint32(1000), []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Add(uint32(1), []byte{})
	f.Fuzz(func(t *testing.T, bps uint32, raw []byte) {
		bps = bps%types.MaxBasisPoints + 1
		amount := new(big.Int).SetBytes(raw)
		if amount.Cmp(types.MaxAmount.BigInt()) > 0 {
			amount.Rsh(amount, uint(amount.BitLen()-128))
		}
		model := types.FeeModel{Kind: types.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: bps, FixedAmount: math.ZeroInt()}
		require.NoError(t, model.Validate())
		fee := model.Fee(math.NewIntFromBigInt(amount)).BigInt()
		share := new(big.Int).Mul(amount, big.NewInt(int64(bps))) // fee * 10000 <= share < (fee+1) * 10000
		low := new(big.Int).Mul(fee, big.NewInt(10_000))
		high := new(big.Int).Add(low, big.NewInt(10_000))
		require.True(t, low.Cmp(share) <= 0 && share.Cmp(high) < 0, "fee %s of %s at %d bp", fee, amount, bps)
		require.True(t, fee.Cmp(amount) <= 0 || amount.Sign() == 0)
	})
}

func TestValidateDenom(t *testing.T) {
	for _, tc := range []struct {
		denom string
		ok    bool
	}{
		{"uchf.alpine", true},
		{"ueur-lakeside", true},
		{"abc", true},
		{strings.Repeat("a", 64), true},
		{"ab", false},
		{"UCHF", false},
		{"1chf", false},
		{"ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2", false},
		{"factory/grid1xyz/chf", false},
		{"uchf_alpine", false},
		{"", false},
		{strings.Repeat("a", 65), false},
	} {
		t.Run(fmt.Sprintf("%q", tc.denom), func(t *testing.T) {
			err := types.ValidateDenom("denom", tc.denom)
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, types.ErrInvalidDenom)
			}
		})
	}
}

func TestValidateAmount(t *testing.T) {
	require.NoError(t, types.ValidateAmount("amount", math.OneInt()))
	require.NoError(t, types.ValidateAmount("amount", types.MaxAmount), "2^128 itself is allowed")
	for name, amount := range map[string]math.Int{
		"zero": math.ZeroInt(), "negative": math.NewInt(-1), "not set": {}, "2^128+1": types.MaxAmount.AddRaw(1),
	} {
		require.ErrorIs(t, types.ValidateAmount("amount", amount), types.ErrInvalidAmount, name)
	}
}

func TestIsVoucher(t *testing.T) {
	require.True(t, types.IsVoucher("ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2"))
	require.False(t, types.IsVoucher("uchf.alpine"))
	require.False(t, types.IsVoucher("ibcx"))
}
