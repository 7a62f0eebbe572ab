package storemigrate_test

import (
	"testing"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/internal/storemigrate"
)

func TestDeletePrefixesDeletesOnlyTheRetiredPrefixes(t *testing.T) {
	key := storetypes.NewKVStoreKey("test")
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("transient_test")).Ctx
	store := ctx.KVStore(key)
	// Prefix 4 and 12 are retired; 3, 5 and 13 are live and border on them byte-wise.
	for _, k := range [][]byte{{3, 0xff}, {4}, {4, 1}, {4, 2, 3}, {4, 0xff, 0xff}, {5, 0}, {12, 7}, {13}} {
		store.Set(k, []byte{1})
	}
	n, err := storemigrate.DeletePrefixes(ctx, runtime.NewKVStoreService(key), collections.NewPrefix(4), collections.NewPrefix(12))
	require.NoError(t, err)
	require.Equal(t, 5, n)

	var left [][]byte
	it := store.Iterator(nil, nil)
	for ; it.Valid(); it.Next() {
		left = append(left, it.Key())
	}
	require.NoError(t, it.Close())
	require.Equal(t, [][]byte{{3, 0xff}, {5, 0}, {13}}, left)

	// A second run finds nothing: the migration is idempotent.
	n, err = storemigrate.DeletePrefixes(ctx, runtime.NewKVStoreService(key), collections.NewPrefix(4), collections.NewPrefix(12))
	require.NoError(t, err)
	require.Zero(t, n)
}
