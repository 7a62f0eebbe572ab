package keeper

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// CheckInvariants verifies DESIGN.md §6 item 2 and the index consistency it relies on,
// returning the first violation. Tests call it after every scenario:
//   - every live token has one producer-side owner and one consumer-side owner;
//   - every split conserves Wh x periods and CO2 exactly: a retired token's energy and
//     CO2 equal its children's (split), a merged token's equal its parents';
//   - the owner, position, offer and gate indexes hold exactly what the live tokens make;
//   - the market's totals (MarketDays) hold exactly what the recorded trades make;
//   - every token's face value and fees are within MaxContractAmount (issue 11, item 7);
//   - aggregation and disaggregation (seed §3.2.2) link both ways, and the live tokens
//     emitted against sources never hold more energy or CO2 than the sources (checkBacking);
//   - every CO2 split and merge conserves CO2 exactly (DESIGN.md §6 item 7): parent CO2 =
//     child CO2 + the split-off CO2 token's grams, or + the merged CO2 tokens' grams, with
//     the same energy; each CO2 token is named back by the token it left or joined, and
//     the CO2 owner and offer indexes hold exactly the live CO2 tokens (checkCo2Tokens);
//   - a bridge token (ADR 024 §5) has face value zero, neither side offered, and no
//     lineage, backing or imbalance (checkBridgeToken).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	wantOwner, wantOffers, wantGates := 0, 0, 0
	positions := map[string]*dayHoldings{} // what Positions must hold, by encoded key
	open := openFaceValues{}               // what OpenFaceValues must hold
	err := k.Tokens.Walk(ctx, nil, func(id uint64, t types.Token) (bool, error) {
		owners, offers, gates, err := k.checkToken(ctx, t, positions, open)
		wantOwner, wantOffers, wantGates = wantOwner+owners, wantOffers+offers, wantGates+gates
		return err != nil, err
	})
	if err != nil {
		return err
	}
	if err := k.checkPositions(ctx, positions); err != nil {
		return err
	}
	if err := k.checkOpenFaceValues(ctx, open); err != nil {
		return err
	}
	if n, err := countEntries(ctx, k.TokensByOwner); err != nil || n != wantOwner {
		return fmt.Errorf("owner index holds %d entries, live tokens need %d (%v)", n, wantOwner, err)
	}
	if n, err := countEntries(ctx, k.Offers); err != nil || n != wantOffers {
		return fmt.Errorf("offer index holds %d entries, live offers need %d (%v)", n, wantOffers, err)
	}
	// At least one entry per offered side (checkToken finds each); more when offers ended
	// before their gate, whose entries wait for it (index.go).
	if n, err := countKeys(ctx, k.OfferGates); err != nil || n < wantGates {
		return fmt.Errorf("gate index holds %d entries, live offered sides need at least %d (%v)", n, wantGates, err)
	}
	if err := k.checkMarketDays(ctx); err != nil {
		return err
	}
	return k.checkCo2Tokens(ctx)
}

// checkToken checks one token on its own: its amounts; for a live one both owners, its owner,
// offer and gate entries; its lineage and its backing. It adds the live token to the
// positions and open face values it makes and returns how many owner, offer and gate
// entries it needs. Its cost is bounded by the token's own span and relatives.
func (k Keeper) checkToken(ctx context.Context, t types.Token, positions map[string]*dayHoldings, open openFaceValues) (owners, offers, gates int, err error) {
	if err := t.CheckAmounts(); err != nil {
		return 0, 0, 0, fmt.Errorf("token %d: %w", t.Id, err)
	}
	if err := checkBridgeToken(t); err != nil {
		return 0, 0, 0, err
	}
	if t.Status == types.TokenStatus_TOKEN_STATUS_ACTIVE {
		if err := open.add(k, t); err != nil {
			return 0, 0, 0, err
		}
		if offers, err = k.checkTokenIndexed(ctx, t, positions); err != nil {
			return 0, 0, 0, err
		}
		owners = 2
		for _, s := range sides {
			if side, _ := t.SideOf(s); side.Ask.ForSale {
				if has, err := k.OfferGates.Has(ctx, collections.Join3(t.FirstPeriod, t.Id, int32(s))); err != nil || !has {
					return 0, 0, 0, fmt.Errorf("token %d's offered %s side has no gate entry (%v)", t.Id, s, err)
				}
				gates++
			}
		}
	}
	if err := k.checkLineage(ctx, t); err != nil {
		return 0, 0, 0, err
	}
	return owners, offers, gates, k.checkBacking(ctx, t)
}

func countKeys[K any](ctx context.Context, s collections.KeySet[K]) (int, error) {
	n := 0
	err := s.Walk(ctx, nil, func(K) (bool, error) { n++; return false, nil })
	return n, err
}

// checkMarketDays adds up the market trades again and compares the result with the
// stored per-day totals, record by record.
func (k Keeper) checkMarketDays(ctx context.Context) error {
	want := map[string][]byte{} // by encoded key: a collections.Triple holds pointers
	err := k.Trades.Walk(ctx, nil, func(_ tradeKey, tr types.Trade) (bool, error) {
		if tr.Denom == "" {
			return false, nil // a hand-over is no market trade
		}
		t, err := k.Tokens.Get(ctx, tr.TokenId)
		if err != nil {
			return true, err
		}
		add := oneTrade(t.WhPerPeriod, tr.PricePerMwh)
		return false, eachDay(t.FirstPeriod, t.LastPeriod, func(d uint64, from, to int) error {
			key, err := collections.EncodeKeyWithPrefix(nil, k.MarketDays.KeyCodec(), collections.Join3(int32(t.Category), tr.Denom, d))
			if err != nil {
				return err
			}
			bz, err := addToMarketDay(want[string(key)], from, to, &add)
			want[string(key)] = bz
			return err
		})
	})
	if err != nil {
		return err
	}
	n := 0
	err = k.MarketDays.Walk(ctx, nil, func(key marketKey, bz []byte) (bool, error) {
		n++
		enc, err := collections.EncodeKeyWithPrefix(nil, k.MarketDays.KeyCodec(), key)
		if err != nil {
			return true, err
		}
		if w, ok := want[string(enc)]; !ok || !bytes.Equal(bz, w) {
			return true, fmt.Errorf("market totals of category %d, %s, day %d do not add up the trades", key.K1(), key.K2(), key.K3())
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if n != len(want) {
		return fmt.Errorf("market totals hold %d day records, the trades make %d", n, len(want))
	}
	return nil
}

// checkTokenIndexed checks that a live token has both owners and its owner and offer
// index entries (in each bucket) with the right values, adds its sides to the positions
// the owners must have, and returns how many offer entries it needs.
func (k Keeper) checkTokenIndexed(ctx context.Context, t types.Token, positions map[string]*dayHoldings) (offers int, err error) {
	want := func(what string, got []byte, err error, value []byte) error {
		if err != nil || !bytes.Equal(got, value) {
			return fmt.Errorf("token %d: %s missing or wrong (%v)", t.Id, what, err)
		}
		return nil
	}
	for _, s := range sides {
		side, _ := t.SideOf(s)
		ownerBz, err := k.addressCodec.StringToBytes(side.Owner)
		if err != nil || side.Owner == "" {
			return 0, fmt.Errorf("token %d: %s side has no valid owner", t.Id, s)
		}
		owner := sdk.AccAddress(ownerBz)
		span, err := k.TokensByOwner.Get(ctx, collections.Join3(owner, int32(s), t.Id))
		if err := want(fmt.Sprintf("%s side in the owner index", s), span, err, encodeSpan(t)); err != nil {
			return 0, err
		}
		err = eachDay(t.FirstPeriod, t.LastPeriod, func(d uint64, from, to int) error {
			key, err := collections.EncodeKeyWithPrefix(nil, k.Positions.KeyCodec(), collections.Join(owner, d))
			if err != nil {
				return err
			}
			day := positions[string(key)]
			if day == nil {
				day = &dayHoldings{}
				positions[string(key)] = day
			}
			return day.addSide(s, from, to, t.WhPerPeriod, false)
		})
		if err != nil {
			return 0, err
		}
		if !side.Ask.ForSale {
			continue
		}
		for _, day := range append(dayBuckets(t.FirstPeriod, t.LastPeriod), anyDay) {
			window, err := k.Offers.Get(ctx, collections.Join4(offerMarket(s, int32(t.Category), side.Ask.Denom), day, side.Ask.PricePerMwh, t.Id))
			if err := want(fmt.Sprintf("%s offer in bucket %d", s, day), window, err, encodeWindow(t.FirstPeriod, t.LastPeriod)); err != nil {
				return 0, err
			}
			offers++
		}
	}
	return offers, nil
}

// checkPositions compares the stored position records with those the live tokens make.
func (k Keeper) checkPositions(ctx context.Context, want map[string]*dayHoldings) error {
	n := 0
	err := k.Positions.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64], bz []byte) (bool, error) {
		n++
		enc, err := collections.EncodeKeyWithPrefix(nil, k.Positions.KeyCodec(), key)
		if err != nil {
			return true, err
		}
		w, ok := want[string(enc)]
		if !ok || !bytes.Equal(bz, w.encode()) {
			return true, fmt.Errorf("position of %s on day %d does not add up the live tokens", key.K1(), key.K2())
		}
		if has, err := k.DayHolders.Has(ctx, collections.Join(key.K2(), key.K1())); err != nil || !has {
			return true, fmt.Errorf("position of %s on day %d is missing from the day's holders (%v)", key.K1(), key.K2(), err)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if n != len(want) {
		return fmt.Errorf("position index holds %d records, live tokens need %d", n, len(want))
	}
	if holders, err := countKeys(ctx, k.DayHolders); err != nil || holders != n {
		return fmt.Errorf("day holders index holds %d entries, the position records %d (%v)", holders, n, err)
	}
	return nil
}

// checkLineage compares a token made by a split or merge with its parents.
func (k Keeper) checkLineage(ctx context.Context, t types.Token) error {
	if len(t.Parents) == 0 {
		return nil
	}
	var related []types.Token // the parents of a merge, or the siblings of a split
	if len(t.Parents) == 1 {
		parent, err := k.Tokens.Get(ctx, t.Parents[0])
		if err != nil {
			return err
		}
		if t.Co2SplitInto != 0 || len(t.Co2MergedFrom) > 0 {
			return k.checkCo2Lineage(ctx, parent, t)
		}
		for _, id := range parent.Children {
			sibling, err := k.Tokens.Get(ctx, id)
			if err != nil {
				return err
			}
			related = append(related, sibling)
		}
		return conserved(fmt.Sprintf("split of token %d", parent.Id), []types.Token{parent}, related)
	}
	for _, id := range t.Parents {
		parent, err := k.Tokens.Get(ctx, id)
		if err != nil {
			return err
		}
		related = append(related, parent)
	}
	return conserved(fmt.Sprintf("merge into token %d", t.Id), related, []types.Token{t})
}

// checkBacking checks an emitted token against its sources: a live one is named by the
// kept side of every source, a cancelled one by none, and together with the other live
// tokens emitted against the same sources it holds at most their energy and CO2 (exactly
// theirs until one of them is cancelled).
func (k Keeper) checkBacking(ctx context.Context, e types.Token) error {
	if len(e.BackedBy.TokenIds) == 0 {
		return nil
	}
	live := e.Status != types.TokenStatus_TOKEN_STATUS_CANCELLED
	var sources, emitted []types.Token
	for i, id := range e.BackedBy.TokenIds {
		src, err := k.Tokens.Get(ctx, id)
		if err != nil {
			return fmt.Errorf("token %d is backed by token %d: %w", e.Id, id, err)
		}
		if names := slices.Contains(src.Backs.TokenIds, e.Id); names != live || (live && src.Backs.Side != e.BackedBy.Side) {
			return fmt.Errorf("token %d (%s) is backed by the %s side of token %d, which backs %s %v", e.Id, e.Status, e.BackedBy.Side, id, src.Backs.Side, src.Backs.TokenIds)
		}
		sources = append(sources, src)
		if i == 0 && live {
			for _, sib := range src.Backs.TokenIds {
				t, err := k.Tokens.Get(ctx, sib)
				if err != nil {
					return err
				}
				emitted = append(emitted, t)
			}
		}
	}
	if !live {
		return nil
	}
	srcWh, srcCO2 := energyAndCO2(sources)
	wh, co2 := energyAndCO2(emitted)
	if wh.GT(srcWh) || co2.GT(srcCO2) {
		return fmt.Errorf("tokens %v emitted against %v hold %s Wh and %s g CO2, more than the sources' %s Wh and %s g",
			idsOf(emitted), e.BackedBy.TokenIds, wh, co2, srcWh, srcCO2)
	}
	return nil
}

// idsOf lists the tokens' ids.
func idsOf(ts []types.Token) []uint64 {
	ids := make([]uint64, len(ts))
	for i, t := range ts {
		ids[i] = t.Id
	}
	return ids
}

// energyAndCO2 adds up the tokens' Wh x periods and CO2.
func energyAndCO2(ts []types.Token) (wh, co2 math.Int) {
	wh, co2 = math.ZeroInt(), math.ZeroInt()
	for _, t := range ts {
		wh = wh.Add(math.NewIntFromUint64(t.WhPerPeriod).Mul(math.NewIntFromUint64(t.Periods())))
		co2 = co2.Add(math.NewIntFromUint64(t.Co2Grams))
	}
	return wh, co2
}

func conserved(what string, before, after []types.Token) error {
	whBefore, co2Before := energyAndCO2(before)
	whAfter, co2After := energyAndCO2(after)
	if !whBefore.Equal(whAfter) || !co2Before.Equal(co2After) {
		return fmt.Errorf("%s: Wh x periods %s -> %s, CO2 %s -> %s", what, whBefore, whAfter, co2Before, co2After)
	}
	return nil
}

func countEntries[K, V any](ctx context.Context, m collections.Map[K, V]) (int, error) {
	n := 0
	err := m.Walk(ctx, nil, func(K, V) (bool, error) { n++; return false, nil })
	return n, err
}
