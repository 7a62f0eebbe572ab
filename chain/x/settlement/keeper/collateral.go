package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

var _ energykeeper.CollateralGate = Keeper{}

// requiredCollateral is what req comes to for an open face value: fixed plus
// open_position_bps of it, rounded up (a requirement errs on the safe side).
func requiredCollateral(req types.CollateralRequirement, open math.Int) math.Int {
	share := open.MulRaw(int64(req.OpenPositionBps)).AddRaw(9_999).QuoRaw(10_000)
	return req.Fixed.Add(share)
}

// CheckCollateral is x/energy's collateral gate (seed §3.6.2): a participant with a
// requirement may buy a side or issue a token only while its locked collateral in the
// requirement's denom covers fixed + open_position_bps × (the face value of its open
// consumer sides + added). added in another denom than the requirement's adds nothing.
func (k Keeper) CheckCollateral(ctx context.Context, owner sdk.AccAddress, added sdk.Coin) error {
	req, err := k.CollateralRequirements.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	open, err := k.energy.OpenFaceValue(ctx, owner, req.Denom)
	if err != nil {
		return err
	}
	if added.Denom == req.Denom && !added.Amount.IsNil() {
		open = open.Add(added.Amount)
	}
	required := requiredCollateral(req, open)
	locked, err := k.fiat.LockedCollateral(ctx, owner, req.Denom)
	if err != nil {
		return err
	}
	if locked.LT(required) {
		return errorsmod.Wrapf(types.ErrCollateralRequired,
			"%s has %s%s locked as collateral but needs %s%s (fixed %s + %d bps of %s%s of open consumer sides, this one included): lock %s%s more first",
			owner, locked, req.Denom, required, req.Denom, req.Fixed, req.OpenPositionBps, open, req.Denom, required.Sub(locked), req.Denom)
	}
	return nil
}
