package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// GetMeter returns the meter with id; ok is false when none is registered.
func (k Keeper) GetMeter(ctx context.Context, id string) (m types.Meter, ok bool, err error) {
	m, err = k.Meters.Get(ctx, id)
	if isNotFound(err) {
		return m, false, nil
	}
	return m, err == nil, err
}

// setMeter stores a new meter with its index entries and emits its event. Meters
// are never re-keyed: owner, category and area are fixed at registration.
func (k Keeper) setMeter(ctx context.Context, m types.Meter) error {
	owner, err := k.addressCodec.StringToBytes(m.Owner)
	if err != nil {
		return err
	}
	if err := k.MetersByOwner.Set(ctx, collections.Join(sdk.AccAddress(owner), m.Id)); err != nil {
		return err
	}
	if err := k.MetersByCategory.Set(ctx, collections.Join(int32(m.Category), m.Id)); err != nil {
		return err
	}
	if m.Location.Area != "" {
		if err := k.MetersByArea.Set(ctx, collections.Join(m.Location.Area, m.Id)); err != nil {
			return err
		}
	}
	if err := k.Meters.Set(ctx, m.Id, m); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventMeterRegistered{
		Id: m.Id, Owner: m.Owner, Kind: m.Kind, Category: m.Category, PointKind: m.PointKind,
	})
}

// physicalMeter returns a registered physical meter or the error that says why not.
func (k Keeper) physicalMeter(ctx context.Context, id string) (types.Meter, error) {
	m, ok, err := k.GetMeter(ctx, id)
	if err != nil {
		return m, err
	}
	if !ok {
		return m, errorsmod.Wrapf(types.ErrMeterUnknown, "meter %s is not registered: check the id with `gridd query balancing meter`", id)
	}
	if m.Kind == types.MeterKind_METER_KIND_VIRTUAL {
		return m, errorsmod.Wrapf(types.ErrInvalidMeterKind, "meter %s is virtual: it has no key and cannot be retired", id)
	}
	return m, nil
}
