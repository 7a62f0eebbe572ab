// Package pagecheck checks an invariant over one page of a collection's records, so that a
// node can check its invariants live at a bounded cost per request (docs/adr/023): a page
// visits at most limit records from a cursor (the encoded key of the next record) and stops
// at the first record that breaks the invariant.
package pagecheck

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
)

// ErrBadCursor is returned for a cursor that is not a key of the collection checked.
var ErrBadCursor = errors.New("the cursor is not one a previous page of this invariant returned")

// Broken is the record that breaks an invariant and what is wrong with it.
type Broken struct {
	Record  string
	Message string
}

// Result is what one page found.
type Result struct {
	// Checked is how many records the page checked.
	Checked uint64
	// Next is where the next page starts; nil when the last record was checked.
	Next []byte
	// Broken is the first record of the page that breaks the invariant, if any.
	Broken *Broken
}

// Page is one page of one invariant's check.
type Page func(ctx context.Context, cursor []byte, limit int) (Result, error)

// Walk checks at most limit records of m, starting at cursor (nil: the first). check returns
// an error saying what is wrong with a record; record names it. Errors from the store itself
// (reading m) are returned as errors, not as a broken record.
func Walk[K, V any](ctx context.Context, m collections.Map[K, V], cursor []byte, limit int,
	record func(K) string, check func(K, V) error,
) (Result, error) {
	kc := m.KeyCodec()
	var rng collections.Ranger[K] // nil, not a nil *Range: the whole collection
	if len(cursor) > 0 {
		n, start, err := kc.Decode(cursor)
		if err != nil || n != len(cursor) {
			return Result{}, ErrBadCursor
		}
		rng = new(collections.Range[K]).StartInclusive(start)
	}
	it, err := m.Iterate(ctx, rng)
	if err != nil {
		return Result{}, err
	}
	defer it.Close()
	var res Result
	for ; it.Valid(); it.Next() {
		kv, err := it.KeyValue()
		if err != nil {
			return Result{}, err
		}
		if res.Checked == uint64(limit) {
			next := make([]byte, kc.Size(kv.Key))
			if _, err := kc.Encode(next, kv.Key); err != nil {
				return Result{}, err
			}
			res.Next = next
			return res, nil
		}
		res.Checked++
		if err := check(kv.Key, kv.Value); err != nil {
			res.Broken = &Broken{Record: record(kv.Key), Message: err.Error()}
			return res, nil
		}
	}
	return res, nil
}
