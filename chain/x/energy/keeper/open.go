package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// The operator may require collateral of a participant before it trades (seed §3.6.2):
// a fixed amount plus a share of the face value of what it holds open. x/settlement owns
// the requirement and x/fiat the locked collateral; x/energy, which x/settlement depends
// on, asks through CollateralGate before a purchase or an issue adds to a participant's
// open position.
//
// "Open" is the participant's live consumer sides (what it has promised to pay for)
// until the day of the token's last period is over: delivered, the token is settlement's
// business (postponement and default). The total is kept as it changes, in indexOwner,
// which every change of a side's owner goes through (setToken and the split/merge path
// alike), per (owner, denom, last day), so the open total is the sum of the records from
// today's day on: one record per future day the owner holds a side ending in, however
// many sides it holds, and past days simply drop out of the sum.

// CollateralGate checks a participant's collateral before it adds addedFaceValue to the
// face value of its open consumer sides; nil when it may. x/settlement implements it.
type CollateralGate interface {
	CheckCollateral(ctx context.Context, owner sdk.AccAddress, addedFaceValue sdk.Coin) error
}

// collateralGateRef lets SetCollateralGate reach copies of the keeper made before it.
type collateralGateRef struct{ gate CollateralGate }

// SetCollateralGate installs x/settlement's collateral check (app wiring: x/settlement is
// built after x/energy). Without one, no collateral is required.
func (k Keeper) SetCollateralGate(g CollateralGate) { k.gate.gate = g }

// checkCollateral asks the gate, if any, whether owner may take on added.
func (k Keeper) checkCollateral(ctx context.Context, owner sdk.AccAddress, added sdk.Coin) error {
	if k.gate == nil || k.gate.gate == nil {
		return nil
	}
	return k.gate.gate.CheckCollateral(ctx, owner, added)
}

// consumerFaceValue is the face value owner takes on with side s of t: the token's face
// value for a consumer side, nothing for a producer side.
func consumerFaceValue(t types.Token, s types.Side) sdk.Coin {
	if s != types.Side_SIDE_CONSUMER {
		return sdk.Coin{Denom: t.FaceValuePerMwh.Denom, Amount: math.ZeroInt()}
	}
	return sdk.Coin{Denom: t.FaceValuePerMwh.Denom, Amount: t.FaceValue()}
}

// addOpenFaceValue adds (or removes) the face value of t's consumer side to owner's open
// total. Only tokens with a face value count: imbalance tokens are the balancing
// authority's and CO2-free bookkeeping has none.
func (k Keeper) addOpenFaceValue(ctx context.Context, owner sdk.AccAddress, t types.Token, s types.Side, add bool) error {
	fv := consumerFaceValue(t, s)
	if fv.Denom == "" || !fv.Amount.IsPositive() {
		return nil
	}
	key := collections.Join3(owner, fv.Denom, dayOf(t.LastPeriod))
	v, err := k.OpenFaceValues.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		v, err = math.ZeroInt(), nil
	}
	if err != nil {
		return err
	}
	if add {
		v = v.Add(fv.Amount)
	} else {
		v = v.Sub(fv.Amount)
	}
	switch {
	case v.IsNegative():
		return fmt.Errorf("open face value of %s in %s on day %d would go negative", owner, fv.Denom, key.K3())
	case v.IsZero():
		return k.OpenFaceValues.Remove(ctx, key)
	default:
		return k.OpenFaceValues.Set(ctx, key, v)
	}
}

// OpenFaceValue is the face value in denom of owner's live consumer sides whose last
// period's day has not ended.
func (k Keeper) OpenFaceValue(ctx context.Context, owner sdk.AccAddress, denom string) (math.Int, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return math.Int{}, err
	}
	today := uint64(0)
	if now := sdk.UnwrapSDKContext(ctx).BlockTime().Unix(); now > 0 && p.PeriodSeconds > 0 {
		today = dayOf(uint64(now) / p.PeriodSeconds)
	}
	rng := new(collections.Range[collections.Triple[sdk.AccAddress, string, uint64]]).
		StartInclusive(collections.Join3(owner, denom, today)).
		EndInclusive(collections.Join3(owner, denom, uint64(1<<64-1)))
	sum := math.ZeroInt()
	err = k.OpenFaceValues.Walk(ctx, rng, func(_ collections.Triple[sdk.AccAddress, string, uint64], v math.Int) (bool, error) {
		sum = sum.Add(v)
		return false, nil
	})
	return sum, err
}

// openKey is an OpenFaceValues key as a comparable value (collections' keys hold pointers).
type openKey struct {
	owner, denom string
	day          uint64
}

// openFaceValues is what OpenFaceValues must hold.
type openFaceValues map[openKey]math.Int

// add counts live t's consumer side.
func (o openFaceValues) add(k Keeper, t types.Token) error {
	fv := consumerFaceValue(t, types.Side_SIDE_CONSUMER)
	if fv.Denom == "" || !fv.Amount.IsPositive() {
		return nil
	}
	owner, err := k.addressCodec.StringToBytes(t.Consumer.Owner)
	if err != nil {
		return err
	}
	key := openKey{string(owner), fv.Denom, dayOf(t.LastPeriod)}
	if v, ok := o[key]; ok {
		o[key] = v.Add(fv.Amount)
	} else {
		o[key] = fv.Amount
	}
	return nil
}

// checkOpenFaceValues checks that OpenFaceValues holds exactly what the live tokens add up to.
func (k Keeper) checkOpenFaceValues(ctx context.Context, want openFaceValues) error {
	n := 0
	err := k.OpenFaceValues.Walk(ctx, nil, func(key collections.Triple[sdk.AccAddress, string, uint64], v math.Int) (bool, error) {
		n++
		w, ok := want[openKey{string(key.K1()), key.K2(), key.K3()}]
		if !ok || !w.Equal(v) {
			return true, fmt.Errorf("open face value of %s in %s on day %d is %s, its live consumer sides add up to %v", key.K1(), key.K2(), key.K3(), v, w)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if n != len(want) {
		return fmt.Errorf("open face values hold %d records, live consumer sides need %d", n, len(want))
	}
	return nil
}
