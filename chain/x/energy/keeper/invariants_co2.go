package keeper

import (
	"context"
	"fmt"
	"slices"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// checkCo2Lineage checks a token a CO2 split or merge made from parent: it alone replaced
// the parent, with the same periods and energy, and CO2 moved exactly.
func (k Keeper) checkCo2Lineage(ctx context.Context, parent, t types.Token) error {
	what := fmt.Sprintf("CO2 change of token %d into token %d", parent.Id, t.Id)
	if !slices.Equal(parent.Children, []uint64{t.Id}) || len(t.Parents) != 1 {
		return fmt.Errorf("%s: parent's children %v, child's parents %v", what, parent.Children, t.Parents)
	}
	if parent.FirstPeriod != t.FirstPeriod || parent.LastPeriod != t.LastPeriod || parent.WhPerPeriod != t.WhPerPeriod {
		return fmt.Errorf("%s: energy changed", what)
	}
	if t.Co2SplitInto != 0 && len(t.Co2MergedFrom) > 0 {
		return fmt.Errorf("%s: both a split and a merge", what)
	}
	before, after := math.NewIntFromUint64(parent.Co2Grams), math.NewIntFromUint64(t.Co2Grams)
	if t.Co2SplitInto != 0 {
		c, err := k.Co2Tokens.Get(ctx, t.Co2SplitInto)
		if err != nil {
			return fmt.Errorf("%s: CO2 token %d: %w", what, t.Co2SplitInto, err)
		}
		if c.SplitFrom != parent.Id {
			return fmt.Errorf("%s: CO2 token %d says it was split from token %d", what, c.Id, c.SplitFrom)
		}
		after = after.Add(math.NewIntFromUint64(c.Grams))
	}
	for _, id := range t.Co2MergedFrom {
		c, err := k.Co2Tokens.Get(ctx, id)
		if err != nil {
			return fmt.Errorf("%s: CO2 token %d: %w", what, id, err)
		}
		if c.Status != types.TokenStatus_TOKEN_STATUS_RETIRED || c.MergedInto != t.Id {
			return fmt.Errorf("%s: CO2 token %d is %s, merged into %d", what, id, c.Status, c.MergedInto)
		}
		before = before.Add(math.NewIntFromUint64(c.Grams))
	}
	if !before.Equal(after) {
		return fmt.Errorf("%s: CO2 %s g before, %s g after", what, before, after)
	}
	return nil
}

// checkCo2Tokens checks every CO2 token against the energy token it left or joined, and
// the owner, due and offer indexes against the live CO2 tokens.
func (k Keeper) checkCo2Tokens(ctx context.Context) error {
	wantOwner, wantOffers := 0, 0
	err := k.Co2Tokens.Walk(ctx, nil, func(id uint64, c types.Co2Token) (bool, error) {
		owned, offered, err := k.checkCo2Token(ctx, id, c)
		if owned {
			wantOwner++
		}
		if offered {
			wantOffers++
		}
		return err != nil, err
	})
	if err != nil {
		return err
	}
	if n, err := countKeys(ctx, k.Co2TokensByOwner); err != nil || n != wantOwner {
		return fmt.Errorf("CO2 owner index holds %d entries, live CO2 tokens need %d (%v)", n, wantOwner, err)
	}
	if n, err := countKeys(ctx, k.Co2Due); err != nil || n != wantOwner {
		return fmt.Errorf("CO2 due index holds %d entries, live CO2 tokens need %d (%v)", n, wantOwner, err)
	}
	if n, err := countKeys(ctx, k.Co2Offers); err != nil || n != wantOffers {
		return fmt.Errorf("CO2 offer index holds %d entries, offered CO2 tokens need %d (%v)", n, wantOffers, err)
	}
	return nil
}

// checkCo2Token checks one CO2 token against the energy token it left or joined, and a
// live one's owner, due and offer entries; it says whether the token needs an owner (and
// due) entry and an offer entry.
func (k Keeper) checkCo2Token(ctx context.Context, id uint64, c types.Co2Token) (owned, offered bool, err error) {
	if c.Grams == 0 {
		return owned, offered, fmt.Errorf("CO2 token %d carries no CO2", id)
	}
	from, err := k.Tokens.Get(ctx, c.SplitFrom)
	if err != nil {
		return owned, offered, fmt.Errorf("CO2 token %d: split from token %d: %w", id, c.SplitFrom, err)
	}
	if len(from.Children) != 1 {
		return owned, offered, fmt.Errorf("CO2 token %d: token %d it was split from has children %v", id, from.Id, from.Children)
	}
	if c.DividedFrom == 0 {
		child, err := k.Tokens.Get(ctx, from.Children[0])
		if err != nil || child.Co2SplitInto != id {
			return owned, offered, fmt.Errorf("CO2 token %d: token %d's child does not name it (%v)", id, from.Id, err)
		}
	} else if err := k.checkCo2Part(ctx, c); err != nil {
		return owned, offered, err
	}
	if len(c.DividedInto) > 0 {
		if err := k.checkCo2Division(ctx, c); err != nil {
			return owned, offered, err
		}
		return owned, offered, nil
	}
	if c.Status == types.TokenStatus_TOKEN_STATUS_RETIRED && c.Consumed {
		if c.MergedInto != 0 || c.Ask.ForSale {
			return owned, offered, fmt.Errorf("CO2 token %d was consumed at settlement and names merged_into %d or is offered", id, c.MergedInto)
		}
		return owned, offered, nil
	}
	if c.Consumed {
		return owned, offered, fmt.Errorf("CO2 token %d is %s and consumed", id, c.Status)
	}
	if c.Status == types.TokenStatus_TOKEN_STATUS_RETIRED {
		into, err := k.Tokens.Get(ctx, c.MergedInto)
		if err != nil || !slices.Contains(into.Co2MergedFrom, id) {
			return owned, offered, fmt.Errorf("CO2 token %d: token %d it was merged into does not name it (%v)", id, c.MergedInto, err)
		}
		if c.Ask.ForSale {
			return owned, offered, fmt.Errorf("CO2 token %d is merged and still offered", id)
		}
		return owned, offered, nil
	}
	owner, err := k.addressCodec.StringToBytes(c.Owner)
	if err != nil {
		return owned, offered, fmt.Errorf("CO2 token %d: owner: %w", id, err)
	}
	if has, err := k.Co2TokensByOwner.Has(ctx, collections.Join(sdk.AccAddress(owner), id)); err != nil || !has {
		return owned, offered, fmt.Errorf("CO2 token %d is missing from its owner's index (%v)", id, err)
	}
	owned = true
	if has, err := k.Co2Due.Has(ctx, co2DueKey(c)); err != nil || !has {
		return owned, offered, fmt.Errorf("live CO2 token %d is missing from the due index at period %d (%v)", id, c.DuePeriod, err)
	}
	if c.DuePeriod != DuePeriod(from) || c.Denom != from.FaceValuePerMwh.Denom {
		return owned, offered, fmt.Errorf("live CO2 token %d is due in period %d in %q, token %d it was split from in %d in %q",
			id, c.DuePeriod, c.Denom, from.Id, DuePeriod(from), from.FaceValuePerMwh.Denom)
	}
	if c.ConsumedPeriod != 0 {
		return owned, offered, fmt.Errorf("live CO2 token %d names consumed_period %d", id, c.ConsumedPeriod)
	}
	if c.Ask.ForSale {
		if has, err := k.Co2Offers.Has(ctx, collections.Join3(c.Ask.Denom, c.Ask.PricePerTonne, id)); err != nil || !has {
			return owned, offered, fmt.Errorf("offered CO2 token %d is missing from the offer index (%v)", id, err)
		}
		offered = true
	}
	return owned, offered, nil
}

// checkCo2Part checks a part of a divided CO2 token against it: the divided token names
// the part and shares its settlement terms and origin.
func (k Keeper) checkCo2Part(ctx context.Context, c types.Co2Token) error {
	parent, err := k.Co2Tokens.Get(ctx, c.DividedFrom)
	if err != nil {
		return fmt.Errorf("CO2 token %d: divided from CO2 token %d: %w", c.Id, c.DividedFrom, err)
	}
	if !slices.Contains(parent.DividedInto, c.Id) {
		return fmt.Errorf("CO2 token %d: CO2 token %d it was divided from does not name it", c.Id, parent.Id)
	}
	if parent.SplitFrom != c.SplitFrom || parent.DuePeriod != c.DuePeriod || parent.Denom != c.Denom ||
		parent.Category != c.Category || parent.OriginShard != c.OriginShard {
		return fmt.Errorf("CO2 token %d differs from CO2 token %d it was divided from in its origin or settlement", c.Id, parent.Id)
	}
	return nil
}

// checkCo2Division checks a divided CO2 token: retired, not offered or consumed, and
// its parts, which name it back, carry exactly its grams.
func (k Keeper) checkCo2Division(ctx context.Context, c types.Co2Token) error {
	if c.Status != types.TokenStatus_TOKEN_STATUS_RETIRED || c.MergedInto != 0 || c.Consumed || c.Ask.ForSale {
		return fmt.Errorf("divided CO2 token %d is %s, merged into %d, consumed %t or offered", c.Id, c.Status, c.MergedInto, c.Consumed)
	}
	sum := math.ZeroInt()
	for _, id := range c.DividedInto {
		part, err := k.Co2Tokens.Get(ctx, id)
		if err != nil || part.DividedFrom != c.Id {
			return fmt.Errorf("divided CO2 token %d: part %d does not name it (%v)", c.Id, id, err)
		}
		sum = sum.Add(math.NewIntFromUint64(part.Grams))
	}
	if !sum.Equal(math.NewIntFromUint64(c.Grams)) {
		return fmt.Errorf("divided CO2 token %d: %d g, its parts %s g", c.Id, c.Grams, sum)
	}
	return nil
}
