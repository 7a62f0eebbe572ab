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

// setToken stores t and moves its index entries from old (nil on issue). Only the
// entries a change touches are rewritten: a trade moves the traded side's holding and
// offer entries, a new price only the side's offer entries.
func (k Keeper) setToken(ctx context.Context, old *types.Token, t types.Token) error {
	for _, s := range sides {
		holding := old == nil || !sameHolding(*old, t, s)
		offer := old == nil || !sameOffer(*old, t, s)
		if old != nil && holding {
			if err := k.indexHolding(ctx, *old, s, false); err != nil {
				return err
			}
		}
		if old != nil && offer {
			if err := k.indexOffer(ctx, *old, s, false); err != nil {
				return err
			}
		}
		if holding {
			if err := k.indexHolding(ctx, t, s, true); err != nil {
				return err
			}
		}
		if offer {
			if err := k.indexOffer(ctx, t, s, true); err != nil {
				return err
			}
		}
	}
	if old == nil && t.Status == types.TokenStatus_TOKEN_STATUS_ACTIVE && t.Imbalance == types.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED {
		// Every new token waits for reconciliation (reconcile.go); one key, so a purchase,
		// which never creates a token, pays nothing for it.
		if err := k.DeliveryQueue.Set(ctx, collections.Join(t.FirstPeriod, t.Id)); err != nil {
			return err
		}
	}
	return k.Tokens.Set(ctx, t.Id, t)
}

// sameDelivery says whether a and b are alike in what every index entry depends on.
func sameDelivery(a, b types.Token) bool {
	return a.Status == b.Status && a.FirstPeriod == b.FirstPeriod && a.LastPeriod == b.LastPeriod &&
		a.WhPerPeriod == b.WhPerPeriod && a.Category == b.Category
}

// sameHolding says whether side s of a and b has the same owner and position entries.
func sameHolding(a, b types.Token, s types.Side) bool {
	sa, _ := a.SideOf(s)
	sb, _ := b.SideOf(s)
	return sameDelivery(a, b) && sa.Owner == sb.Owner
}

// sameOffer says whether side s of a and b has the same offer entries.
func sameOffer(a, b types.Token, s types.Side) bool {
	sa, _ := a.SideOf(s)
	sb, _ := b.SideOf(s)
	return sameDelivery(a, b) && sa.Ask == sb.Ask
}

// indexHolding adds (add=true) or removes side s of t in its owner's index and positions.
// Only live (active) tokens are indexed: positions and offers never count retired or
// cancelled ones.
func (k Keeper) indexHolding(ctx context.Context, t types.Token, s types.Side, add bool) error {
	owner, live, err := k.indexOwner(ctx, t, s, add)
	if err != nil || !live {
		return err
	}
	return k.addHolding(ctx, owner, s, t.FirstPeriod, t.LastPeriod, t.WhPerPeriod, !add)
}

// indexOwner adds or removes side s of a live t in its owner's token index only, and
// returns the owner; live is false (and nothing is written) for a token no longer active.
func (k Keeper) indexOwner(ctx context.Context, t types.Token, s types.Side, add bool) (owner sdk.AccAddress, live bool, err error) {
	if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
		return nil, false, nil
	}
	side, err := t.SideOf(s)
	if err != nil {
		return nil, false, err
	}
	ownerBz, err := k.addressCodec.StringToBytes(side.Owner)
	if err != nil {
		return nil, false, err
	}
	owner = sdk.AccAddress(ownerBz)
	if err := k.addOpenFaceValue(ctx, owner, t, s, add); err != nil {
		return nil, false, err
	}
	return owner, true, setOrRemove(ctx, k.TokensByOwner, collections.Join3(owner, int32(s), t.Id), encodeSpan(t), add)
}

// indexOffer adds (add=true) or removes the offer entries of side s of t, when it is
// offered: one per delivery day and one under anyDay (days.go).
func (k Keeper) indexOffer(ctx context.Context, t types.Token, s types.Side, add bool) error {
	side, err := t.SideOf(s)
	if err != nil {
		return err
	}
	if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE || !side.Ask.ForSale {
		return nil
	}
	market := offerMarket(s, int32(t.Category), side.Ask.Denom)
	window := encodeWindow(t.FirstPeriod, t.LastPeriod)
	for _, day := range append(dayBuckets(t.FirstPeriod, t.LastPeriod), anyDay) {
		if err := setOrRemove(ctx, k.Offers, collections.Join4(market, day, side.Ask.PricePerMwh, t.Id), window, add); err != nil {
			return err
		}
	}
	if add {
		return k.OfferGates.Set(ctx, collections.Join3(t.FirstPeriod, t.Id, int32(s)))
	}
	// The gate entry stays when the offer ends (a buy, a withdrawn ask, a hand-over): on a
	// filled market the entry lies at a cold place of the tree, and removing it costs a buy
	// about 200 µs of IAVL work (ADR 030). CloseFrozenOffers drops it when its gate closes,
	// walking entries in key order, where its neighbours are removed too.
	return nil
}

func setOrRemove[K any](ctx context.Context, m collections.Map[K, []byte], key K, value []byte, add bool) error {
	if add {
		return m.Set(ctx, key, value)
	}
	return m.Remove(ctx, key)
}

// encodeSpan packs the owner index's value: first period, last period and Wh per period,
// 8 bytes each, big-endian (only the invariants read it).
func encodeSpan(t types.Token) []byte {
	bz := make([]byte, 24)
	binary.BigEndian.PutUint64(bz[0:], t.FirstPeriod)
	binary.BigEndian.PutUint64(bz[8:], t.LastPeriod)
	binary.BigEndian.PutUint64(bz[16:], t.WhPerPeriod)
	return bz
}

// encodeWindow packs an offer's delivery window: first and last period, big-endian.
func encodeWindow(first, last uint64) []byte {
	bz := make([]byte, 16)
	binary.BigEndian.PutUint64(bz[0:], first)
	binary.BigEndian.PutUint64(bz[8:], last)
	return bz
}

// decodeWindow reverses encodeWindow.
func decodeWindow(bz []byte) (first, last uint64, err error) {
	if len(bz) != 16 {
		return 0, 0, fmt.Errorf("offer index value has %d bytes, want 16", len(bz))
	}
	return binary.BigEndian.Uint64(bz[0:]), binary.BigEndian.Uint64(bz[8:]), nil
}
