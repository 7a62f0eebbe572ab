package keeper

import (
	"context"
	"encoding/binary"
	"fmt"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

var sides = [...]types.Side{types.Side_SIDE_PRODUCER, types.Side_SIDE_CONSUMER}

// setToken stores t and moves its owner and offer index entries from old (nil on issue).
func (k Keeper) setToken(ctx context.Context, old *types.Token, t types.Token) error {
	if old != nil {
		if err := k.indexToken(ctx, *old, false); err != nil {
			return err
		}
	}
	if err := k.indexToken(ctx, t, true); err != nil {
		return err
	}
	return k.Tokens.Set(ctx, t.Id, t)
}

// indexToken adds (add=true) or removes the index entries of t. Only live (active)
// tokens are indexed: positions and offers never walk retired or cancelled ones.
func (k Keeper) indexToken(ctx context.Context, t types.Token, add bool) error {
	if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
		return nil
	}
	for _, s := range sides {
		side, _ := t.SideOf(s)
		owner, err := k.addressCodec.StringToBytes(side.Owner)
		if err != nil {
			return err
		}
		ownerKey := collections.Join3(sdk.AccAddress(owner), int32(s), t.Id)
		if add {
			err = k.TokensByOwner.Set(ctx, ownerKey, encodeSpan(t))
		} else {
			err = k.TokensByOwner.Remove(ctx, ownerKey)
		}
		if err != nil {
			return err
		}
		if side.Ask.ForSale {
			offerKey := collections.Join4(types.OfferKey(s, int32(t.Category)), side.Ask.Denom, side.Ask.PricePerMwh, t.Id)
			if err := setOrRemove(ctx, k.Offers, offerKey, add); err != nil {
				return err
			}
		}
	}
	return nil
}

func setOrRemove[K any](ctx context.Context, set collections.KeySet[K], key K, add bool) error {
	if add {
		return set.Set(ctx, key)
	}
	return set.Remove(ctx, key)
}

// encodeSpan packs what a position needs of a token: first period, last period and Wh per
// period, 8 bytes each, big-endian.
func encodeSpan(t types.Token) []byte {
	bz := make([]byte, 24)
	binary.BigEndian.PutUint64(bz[0:], t.FirstPeriod)
	binary.BigEndian.PutUint64(bz[8:], t.LastPeriod)
	binary.BigEndian.PutUint64(bz[16:], t.WhPerPeriod)
	return bz
}

// decodeSpan reverses encodeSpan.
func decodeSpan(bz []byte) (first, last, wh uint64, err error) {
	if len(bz) != 24 {
		return 0, 0, 0, fmt.Errorf("owner index value has %d bytes, want 24", len(bz))
	}
	return binary.BigEndian.Uint64(bz[0:]), binary.BigEndian.Uint64(bz[8:]), binary.BigEndian.Uint64(bz[16:]), nil
}
