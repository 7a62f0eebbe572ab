package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// The buyer index (docs/adr/024 §9): the purchases this chain originated, by (buyer, origin
// sequence), so a wallet lists its own purchases from the chain rather than from what a
// browser remembers. A purchase is filed when its record is first stored on its origin
// (StartPurchase, or a genesis import) and dropped when retention prunes the record
// (docs/adr/029): the index and the origin's records stay in step, which CheckInvariants
// checks. Other chains of the route keep no buyer index: the buyer is an account of the
// origin chain only.

// buyerKey returns the buyer-index key of a purchase record, ok false for a record this chain
// did not originate (it came in over an energy channel) or whose id no origin makes.
func buyerKey(ctx context.Context, hop types.PurchaseHop) (collections.Pair[string, uint64], bool) {
	if hop.InChannel != "" || hop.Packet.Buyer == "" {
		return collections.Pair[string, uint64]{}, false
	}
	origin, seq, ok := types.SplitPurchaseID(hop.PurchaseId)
	if !ok || origin != sdk.UnwrapSDKContext(ctx).ChainID() {
		return collections.Pair[string, uint64]{}, false
	}
	return collections.Join(hop.Packet.Buyer, seq), true
}

// indexBuyer files an origin purchase under its buyer.
func (k Keeper) indexBuyer(ctx context.Context, hop types.PurchaseHop) error {
	if key, ok := buyerKey(ctx, hop); ok {
		return k.PurchasesByBuyer.Set(ctx, key)
	}
	return nil
}

// unindexBuyer drops an origin purchase from its buyer's list.
func (k Keeper) unindexBuyer(ctx context.Context, hop types.PurchaseHop) error {
	if key, ok := buyerKey(ctx, hop); ok {
		return k.PurchasesByBuyer.Remove(ctx, key)
	}
	return nil
}

// IndexBuyers files every origin purchase record under its buyer; the store migration to
// consensus version 2 runs it on a chain whose records predate the index.
func (k Keeper) IndexBuyers(ctx context.Context) (int, error) {
	n := 0
	err := k.Purchases.Walk(ctx, nil, func(_ string, hop types.PurchaseHop) (bool, error) {
		key, ok := buyerKey(ctx, hop)
		if !ok {
			return false, nil
		}
		n++
		return false, k.PurchasesByBuyer.Set(ctx, key)
	})
	return n, err
}

// checkBuyerIndex checks that every purchase this chain originated is in the buyer index and
// every index entry names such a record.
func (k Keeper) checkBuyerIndex(ctx context.Context) error {
	chainID := sdk.UnwrapSDKContext(ctx).ChainID()
	err := k.Purchases.Walk(ctx, nil, func(id string, hop types.PurchaseHop) (bool, error) {
		key, ok := buyerKey(ctx, hop)
		if !ok {
			return false, nil
		}
		if has, err := k.PurchasesByBuyer.Has(ctx, key); err != nil || !has {
			return true, errorsmod.Wrapf(types.ErrInvariantBroken, "purchase %s of %s is not in the buyer index", id, hop.Packet.Buyer)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	return k.PurchasesByBuyer.Walk(ctx, nil, func(key collections.Pair[string, uint64]) (bool, error) {
		id := types.PurchaseID(chainID, key.K2())
		hop, err := k.Purchases.Get(ctx, id)
		if err != nil {
			return true, errorsmod.Wrapf(types.ErrInvariantBroken, "buyer index entry %s %d has no purchase record: %v", key.K1(), key.K2(), err)
		}
		if hop.Packet.Buyer != key.K1() {
			return true, errorsmod.Wrapf(types.ErrInvariantBroken, "buyer index files purchase %s under %s; its buyer is %s", id, key.K1(), hop.Packet.Buyer)
		}
		return false, nil
	})
}
