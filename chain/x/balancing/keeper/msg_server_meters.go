package keeper

import (
	"bytes"
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// RegisterMeter registers a physical metering point of an admitted participant.
func (m msgServer) RegisterMeter(ctx context.Context, msg *types.MsgRegisterMeter) (*types.MsgRegisterMeterResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	if err := types.ValidateMeterID(msg.Id); err != nil {
		return nil, err
	}
	owner, err := m.parseAddress("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	if err := types.ValidatePhysicalMeter(msg.Kind, msg.Category); err != nil {
		return nil, err
	}
	if msg.Co2GramsPerMwh != 0 && msg.Kind != types.MeterKind_METER_KIND_PRODUCTION {
		return nil, errorsmod.Wrap(types.ErrInvalidCategory, "co2_grams_per_mwh applies to production meters only")
	}
	if err := types.ValidateLocation(msg.Location); err != nil {
		return nil, err
	}
	if err := types.ValidateMeterKey(msg.KeyAlgorithm, msg.PublicKey); err != nil {
		return nil, err
	}
	if err := types.ValidatePointKind(msg.PointKind, msg.ConsentHash); err != nil {
		return nil, err
	}
	p, admitted, err := m.GetParticipant(ctx, owner)
	if err != nil {
		return nil, err
	}
	if !admitted {
		return nil, errorsmod.Wrapf(types.ErrParticipantUnknown, "owner %s is not an admitted participant", msg.Owner)
	}
	if p.Status == types.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED {
		return nil, errorsmod.Wrapf(types.ErrInvalidStatus, "owner %s is excluded", msg.Owner)
	}
	if err := meterFitsRoles(msg.Kind, p.Roles); err != nil {
		return nil, err
	}
	if has, err := m.Meters.Has(ctx, msg.Id); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrMeterExists, "id %s", msg.Id)
	}
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	meter := types.Meter{
		Id:               msg.Id,
		Owner:            p.Address,
		Kind:             msg.Kind,
		Category:         msg.Category,
		Location:         msg.Location,
		KeyAlgorithm:     msg.KeyAlgorithm,
		PublicKey:        msg.PublicKey,
		Co2GramsPerMwh:   msg.Co2GramsPerMwh,
		PointKind:        msg.PointKind,
		Status:           types.MeterStatus_METER_STATUS_ACTIVE,
		RegisteredHeight: height,
	}
	if msg.PointKind == types.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN {
		// The opt-in is recorded with the height it was made at (seed §2.8.4: an explicit choice).
		meter.ConsentHash, meter.ConsentHeight = msg.ConsentHash, height
	}
	if err := m.setMeter(ctx, meter); err != nil {
		return nil, err
	}
	return &types.MsgRegisterMeterResponse{}, nil
}

// RotateMeterKey replaces a physical meter's public key. Readings submitted afterwards are
// checked against the new key only (docs/adr/010-signed-meter-readings.md).
func (m msgServer) RotateMeterKey(ctx context.Context, msg *types.MsgRotateMeterKey) (*types.MsgRotateMeterKeyResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	if err := types.ValidateMeterKey(msg.KeyAlgorithm, msg.PublicKey); err != nil {
		return nil, err
	}
	meter, err := m.physicalMeter(ctx, msg.Id)
	if err != nil {
		return nil, err
	}
	if meter.Status == types.MeterStatus_METER_STATUS_RETIRED {
		return nil, errorsmod.Wrapf(types.ErrMeterRetired, "meter %s was retired at height %d: register a new meter instead", msg.Id, meter.RetiredHeight)
	}
	if meter.KeyAlgorithm == msg.KeyAlgorithm && bytes.Equal(meter.PublicKey, msg.PublicKey) {
		return nil, errorsmod.Wrapf(types.ErrInvalidPublicKey, "meter %s already has this key: a rotation needs a new key", msg.Id)
	}
	meter.KeyAlgorithm, meter.PublicKey = msg.KeyAlgorithm, msg.PublicKey
	meter.KeyRotatedHeight = sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := m.Meters.Set(ctx, meter.Id, meter); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventMeterKeyRotated{
		Id: meter.Id, KeyAlgorithm: meter.KeyAlgorithm, PublicKey: meter.PublicKey,
	}); err != nil {
		return nil, err
	}
	return &types.MsgRotateMeterKeyResponse{}, nil
}

// RetireMeter retires a physical meter for good: it keeps its record, so tokens and
// readings that name it still resolve, but no reading of it is accepted any more.
func (m msgServer) RetireMeter(ctx context.Context, msg *types.MsgRetireMeter) (*types.MsgRetireMeterResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	if err := types.ValidateReasonCode(msg.ReasonCode); err != nil {
		return nil, err
	}
	meter, err := m.physicalMeter(ctx, msg.Id)
	if err != nil {
		return nil, err
	}
	if meter.Status == types.MeterStatus_METER_STATUS_RETIRED {
		return nil, errorsmod.Wrapf(types.ErrMeterRetired, "meter %s was already retired at height %d", msg.Id, meter.RetiredHeight)
	}
	meter.Status = types.MeterStatus_METER_STATUS_RETIRED
	meter.RetiredHeight = sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := m.Meters.Set(ctx, meter.Id, meter); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventMeterRetired{
		Id: meter.Id, ReasonCode: msg.ReasonCode,
	}); err != nil {
		return nil, err
	}
	return &types.MsgRetireMeterResponse{}, nil
}

// meterFitsRoles checks that the owner may hold a meter of this kind: production
// needs a producing role, consumption a consuming or aggregating one.
func meterFitsRoles(kind types.MeterKind, roles []types.Role) error {
	var fits []types.Role
	switch kind {
	case types.MeterKind_METER_KIND_PRODUCTION:
		fits = []types.Role{types.Role_ROLE_PRODUCER, types.Role_ROLE_PROSUMER, types.Role_ROLE_FLEXIBILITY_PROVIDER}
	case types.MeterKind_METER_KIND_CONSUMPTION:
		fits = []types.Role{types.Role_ROLE_CONSUMER, types.Role_ROLE_PROSUMER, types.Role_ROLE_RETAILER, types.Role_ROLE_FLEXIBILITY_PROVIDER}
	}
	for _, r := range fits {
		if types.HasRole(roles, r) {
			return nil
		}
	}
	return errorsmod.Wrapf(types.ErrInvalidMeterKind, "owner's roles %v do not allow a %s meter", roles, kind)
}
