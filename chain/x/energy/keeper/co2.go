package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// CO2 (seed §2.4). Every energy token states its CO2; the consumer side bears it: the
// participant holding a token's consumer side when it is delivered consumed its CO2. The
// CO2 authority governance appointed (x/balancing) publishes a standard intensity per
// category, and players split CO2 off their tokens into CO2 tokens (zero energy, only
// grams) and merge CO2 tokens into them, so that tokens trade at the standard. A CO2
// token's holder bears its grams. Settlement (the lead's x/settlement) charges every
// participant Co2Rate per gram for the CO2 of the consumer sides it consumed and of the
// CO2 tokens it holds, and pays it to Co2Authority.

// Co2Authority returns the CO2 authority governance appointed; ok is false while none is.
// Settlement pays the CO2 collected to it.
func (k Keeper) Co2Authority(ctx context.Context) (sdk.AccAddress, bool, error) {
	return k.registry.Co2Authority(ctx)
}

// Co2Rate returns what one gram of consumed CO2 costs in denom, in base units: zero
// when the CO2 authority set no rate for it (zero is also a rate it may set). Never
// negative; at most MaxContractAmount.
func (k Keeper) Co2Rate(ctx context.Context, denom string) (math.Int, error) {
	rate, err := k.Co2Rates.Get(ctx, denom)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return rate, err
}

// WalkCo2TokensOf visits the live CO2 tokens owner holds, by id, until visit says stop.
// Settlement charges their grams to owner.
func (k Keeper) WalkCo2TokensOf(ctx context.Context, owner sdk.AccAddress, visit func(types.Co2Token) (stop bool, err error)) error {
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, uint64](owner)
	return k.Co2TokensByOwner.Walk(ctx, rng, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		c, err := k.Co2Tokens.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		return visit(c)
	})
}

// GetCo2Token returns a CO2 token or ErrUnknownCo2Token.
func (k Keeper) GetCo2Token(ctx context.Context, id uint64) (types.Co2Token, error) {
	c, err := k.Co2Tokens.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return c, errorsmod.Wrapf(types.ErrUnknownCo2Token, "CO2 token %d", id)
	}
	return c, err
}

// StandardCo2Intensity is the standard intensity of category in period: the latest
// publication from period or before; else the average of the category's tokens
// delivering in the latest reconciled period before it (the previous period once it is
// reconciled). Each is one seek in a (category, period) index, never a scan.
func (k Keeper) StandardCo2Intensity(ctx context.Context, category balancingtypes.EnergyCategory, period uint64) (types.StandardCo2Intensity, error) {
	res := types.StandardCo2Intensity{Category: category, Period: period}
	pub := collections.NewPrefixedPairRange[int32, uint64](int32(category)).EndInclusive(period).Descending()
	found := false
	err := k.Co2Intensities.Walk(ctx, pub, func(key collections.Pair[int32, uint64], grams uint64) (bool, error) {
		res.GramsPerMwh, res.Basis, res.BasisPeriod, found = grams, types.Co2IntensityBasis_CO2_INTENSITY_BASIS_PUBLISHED, key.K2(), true
		return true, nil
	})
	if err != nil || found || period == 0 {
		return res, err
	}
	avg := collections.NewPrefixedPairRange[int32, uint64](int32(category)).EndExclusive(period).Descending()
	err = k.Co2Totals.Walk(ctx, avg, func(key collections.Pair[int32, uint64], total types.Co2PeriodTotal) (bool, error) {
		if !total.Wh.IsPositive() {
			return false, nil
		}
		g := total.Co2Grams.MulRaw(types.WhPerMWh).Quo(total.Wh)
		if !g.IsUint64() {
			return false, nil
		}
		res.GramsPerMwh, res.Basis, res.BasisPeriod = g.Uint64(), types.Co2IntensityBasis_CO2_INTENSITY_BASIS_PREVIOUS_AVERAGE, key.K2()
		return true, nil
	})
	return res, err
}

// countDelivering adds t's energy and CO2 in period to the category's totals, as
// reconciliation reaches t in period (reconcile.go visits each token once per period):
// O(1) per token and period, work reconciliation does anyway. The token's CO2 is spread
// evenly over its periods, rounded down: the totals are a statistic for the default
// standard intensity, not a balance, so the rounding conserves nothing and needs not.
func (k Keeper) countDelivering(ctx context.Context, t types.Token, period uint64) error {
	if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE || t.FirstPeriod > period || t.LastPeriod < period ||
		t.Imbalance != types.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED {
		return nil
	}
	key := collections.Join(int32(t.Category), period)
	total, err := k.Co2Totals.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		total, err = types.Co2PeriodTotal{Category: t.Category, Period: period, Wh: math.ZeroInt(), Co2Grams: math.ZeroInt()}, nil
	}
	if err != nil {
		return err
	}
	total.Wh = total.Wh.Add(math.NewIntFromUint64(t.WhPerPeriod))
	total.Co2Grams = total.Co2Grams.Add(math.NewIntFromUint64(t.Co2Grams / t.Periods()))
	return k.Co2Totals.Set(ctx, key, total)
}

// setCo2Token stores c and moves its owner, offer and due index entries from old (nil for
// a new token). Only a live token is indexed.
func (k Keeper) setCo2Token(ctx context.Context, old *types.Co2Token, c types.Co2Token) error {
	if old != nil {
		if err := k.indexCo2(ctx, *old, false); err != nil {
			return err
		}
	}
	if err := k.indexCo2(ctx, c, true); err != nil {
		return err
	}
	return k.Co2Tokens.Set(ctx, c.Id, c)
}

func (k Keeper) indexCo2(ctx context.Context, c types.Co2Token, add bool) error {
	if c.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
		return nil
	}
	owner, err := k.addressCodec.StringToBytes(c.Owner)
	if err != nil {
		return err
	}
	ownerKey := collections.Join(sdk.AccAddress(owner), c.Id)
	offerKey := collections.Join3(c.Ask.Denom, c.Ask.PricePerTonne, c.Id)
	dueKey := co2DueKey(c)
	if !add {
		if err := k.Co2TokensByOwner.Remove(ctx, ownerKey); err != nil {
			return err
		}
		if err := k.Co2Due.Remove(ctx, dueKey); err != nil {
			return err
		}
		if c.Ask.ForSale {
			return k.Co2Offers.Remove(ctx, offerKey)
		}
		return nil
	}
	if err := k.Co2TokensByOwner.Set(ctx, ownerKey); err != nil {
		return err
	}
	if err := k.Co2Due.Set(ctx, dueKey); err != nil {
		return err
	}
	if c.Ask.ForSale {
		return k.Co2Offers.Set(ctx, offerKey)
	}
	return nil
}

// requireCo2Authority refuses any signer but the appointed CO2 authority, and the
// authority itself while it is suspended or excluded. It runs first in every CO2
// authority message, before any field is looked at.
func (k Keeper) requireCo2Authority(ctx context.Context, signer string) error {
	addr, ok, err := k.registry.Co2Authority(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return errorsmod.Wrapf(types.ErrNotCo2Authority, "%s may not act for the CO2 authority: governance has appointed none", signer)
	}
	if signer != addr.String() {
		return errorsmod.Wrapf(types.ErrNotCo2Authority, "%s may not act for the CO2 authority %s", signer, addr)
	}
	if _, _, err := k.activeParticipant(ctx, "authority", signer); err != nil {
		return err
	}
	return nil
}

func joinCategoryPeriod(c balancingtypes.EnergyCategory, period uint64) collections.Pair[int32, uint64] {
	return collections.Join(int32(c), period)
}

func joinPeriodID(period, id uint64) collections.Pair[uint64, uint64] {
	return collections.Join(period, id)
}
