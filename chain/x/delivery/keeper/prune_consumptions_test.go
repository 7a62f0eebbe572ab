package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// TestPruneConsumptions: x/settlement's pruning deletes the consumption records and totals
// of the periods before its bound, oldest first, at most limit per call, and leaves the
// later ones.
func TestPruneConsumptions(t *testing.T) {
	op := apptest.NewAccount()
	c := apptest.Setup(t, op, apptest.NewAccount(), op)
	ctx, k := c.Ctx(), c.App.DeliveryKeeper
	owners := []sdk.AccAddress{apptest.NewAccount(), apptest.NewAccount(), apptest.NewAccount()}
	for p := uint64(10); p < 15; p++ {
		for i, o := range owners {
			require.NoError(t, k.Consumptions.Set(ctx, collections.Join(p, o), types.Consumption{Owner: o.String(), Period: p, ConsumedWh: uint64(100 * (i + 1))}))
		}
		require.NoError(t, k.ConsumptionTotals.Set(ctx, p, 600))
		// A consumer-token entry no transmission fee took away (no cost declared).
		require.NoError(t, k.ConsumerTokens.Set(ctx, collections.Join3(p, owners[0], 100+p), 1000))
	}
	count := func() (records, totals int) {
		require.NoError(t, k.Consumptions.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], _ types.Consumption) (bool, error) {
			records++
			return false, nil
		}))
		require.NoError(t, k.ConsumptionTotals.Walk(ctx, nil, func(uint64, uint64) (bool, error) {
			totals++
			return false, nil
		}))
		require.NoError(t, k.ConsumerTokens.Walk(ctx, nil, func(collections.Triple[uint64, sdk.AccAddress, uint64], uint64) (bool, error) {
			records++ // counted with the records: one per consumer side
			return false, nil
		}))
		return records, totals
	}
	n, done, err := k.PruneConsumptions(ctx, 13, 0)
	require.NoError(t, err)
	require.False(t, done)
	require.Zero(t, n, "no budget, nothing pruned")

	// Periods 10-12: 9 records, 3 consumer-token entries and 3 totals, 4 per call.
	calls, pruned := 0, 0
	for !done {
		n, done, err = k.PruneConsumptions(ctx, 13, 4)
		require.NoError(t, err)
		require.LessOrEqual(t, n, 4)
		pruned += n
		calls++
		require.Less(t, calls, 10)
	}
	require.Equal(t, 15, pruned)
	require.GreaterOrEqual(t, calls, 4)
	records, totals := count()
	require.Equal(t, 8, records, "periods 13 and 14 are kept: 6 records and 2 consumer-token entries")
	require.Equal(t, 2, totals)
	total, err := k.ConsumptionTotal(ctx, 12)
	require.NoError(t, err)
	require.Zero(t, total)
	total, err = k.ConsumptionTotal(ctx, 13)
	require.NoError(t, err)
	require.EqualValues(t, 600, total)
	n, done, err = k.PruneConsumptions(ctx, 13, 4)
	require.NoError(t, err)
	require.True(t, done)
	require.Zero(t, n, "nothing left before the bound")
}
