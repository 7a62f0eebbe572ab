// Package storemigrate holds the store migrations modules share: deleting the entries under
// store prefixes a module no longer uses.
package storemigrate

import (
	"bytes"
	"context"
	"fmt"

	"cosmossdk.io/collections"
	corestore "cosmossdk.io/core/store"
	storetypes "cosmossdk.io/store/types"
)

// DeletePrefixes deletes every entry of the module's store under each of the retired
// prefixes and returns how many it deleted. The keys of one prefix are collected before any is
// deleted, so the iterator never sees its store change. It runs in the upgrade block, where
// the block gas limit does not apply; a prefix that could hold millions of entries would need
// a paged migration instead.
func DeletePrefixes(ctx context.Context, svc corestore.KVStoreService, retired ...collections.Prefix) (int, error) {
	store := svc.OpenKVStore(ctx)
	deleted := 0
	for _, prefix := range retired {
		start := prefix.Bytes()
		it, err := store.Iterator(start, storetypes.PrefixEndBytes(start))
		if err != nil {
			return deleted, fmt.Errorf("iterating retired prefix %x: %w", start, err)
		}
		var keys [][]byte
		for ; it.Valid(); it.Next() {
			keys = append(keys, bytes.Clone(it.Key()))
		}
		if err := it.Close(); err != nil {
			return deleted, err
		}
		for _, key := range keys {
			if err := store.Delete(key); err != nil {
				return deleted, fmt.Errorf("deleting %x under retired prefix %x: %w", key, start, err)
			}
			deleted++
		}
	}
	return deleted, nil
}
