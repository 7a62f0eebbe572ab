package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

func TestParamsValidate(t *testing.T) {
	testutil.SetBech32Prefixes()
	cases := []struct {
		name     string
		operator string
		want     error
	}{
		{"no operator yet (default genesis)", "", nil},
		{"grid operator address", testutil.Addr("operator"), nil},
		{"malformed operator", "grid1notanaddress", types.ErrInvalidAddress},
		{"operator with another chain's prefix", "cosmos1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du", types.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := types.Params{GridOperator: tc.operator}.Validate()
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
	require.Equal(t, types.Params{TxLimits: types.DefaultTxLimits()}, types.DefaultParams())
	// A sender must be able to have its largest transaction pending.
	err := types.Params{TxLimits: types.TxLimits{MaxGas: 10, SenderPendingGas: 9}}.Validate()
	require.ErrorIs(t, err, types.ErrInvalidParams)
	// Zero fields mean the defaults, so a genesis from before the limits keeps validating.
	require.Equal(t, types.DefaultTxLimits(), types.TxLimits{}.Effective())
}
