package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// activeParticipant loads an admitted participant that is active: suspended and
// excluded participants open no new positions.
func (k Keeper) activeParticipant(ctx context.Context, field, addr string) (sdk.AccAddress, balancingtypes.Participant, error) {
	acc, err := k.parseAddress(field, addr)
	if err != nil {
		return nil, balancingtypes.Participant{}, err
	}
	p, ok, err := k.registry.GetParticipant(ctx, acc)
	if err != nil {
		return nil, p, err
	}
	if !ok || p.Status != balancingtypes.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE {
		return nil, p, errorsmod.Wrapf(types.ErrNotAdmitted, "%s %s is not an admitted, active participant", field, addr)
	}
	return acc, p, nil
}

// resolveMeter picks the meter a participant holds a side at. An empty id means the
// participant's virtual meter for the category (seed §2.3); a named meter must be the
// participant's own and fit the side: production meters for the producer side,
// consumption meters for the consumer side, and categories must match.
func (k Keeper) resolveMeter(ctx context.Context, owner string, side types.Side, category balancingtypes.EnergyCategory, meterID string) (balancingtypes.Meter, error) {
	if meterID == "" {
		meterID = balancingtypes.VirtualMeterID(owner, category)
	}
	m, ok, err := k.registry.GetMeter(ctx, meterID)
	if err != nil {
		return m, err
	}
	if !ok {
		return m, errorsmod.Wrapf(types.ErrInvalidMeter, "meter %s is not registered: name one of your meters, or ask the grid operator to add %s to your traded categories",
			meterID, category)
	}
	if m.Owner != owner {
		return m, errorsmod.Wrapf(types.ErrInvalidMeter, "meter %s belongs to %s, not %s", meterID, m.Owner, owner)
	}
	if m.Status == balancingtypes.MeterStatus_METER_STATUS_RETIRED {
		return m, errorsmod.Wrapf(types.ErrInvalidMeter, "meter %s is retired: it carries no new sides; name an active meter", meterID)
	}
	switch {
	case m.Kind == balancingtypes.MeterKind_METER_KIND_VIRTUAL:
		if m.Category != category {
			return m, errorsmod.Wrapf(types.ErrInvalidMeter, "virtual meter %s trades %s, the token is %s", meterID, m.Category, category)
		}
	case side == types.Side_SIDE_PRODUCER && m.Kind == balancingtypes.MeterKind_METER_KIND_PRODUCTION:
		if m.Category != category {
			return m, errorsmod.Wrapf(types.ErrInvalidMeter, "production meter %s produces %s, the token is %s", meterID, m.Category, category)
		}
	case side == types.Side_SIDE_CONSUMER && m.Kind == balancingtypes.MeterKind_METER_KIND_CONSUMPTION:
	default:
		return m, errorsmod.Wrapf(types.ErrInvalidMeter, "a %s meter cannot hold the %s side", m.Kind, side)
	}
	return m, nil
}

// requireFiat checks that denom is an approved bank's fiat.
func (k Keeper) requireFiat(ctx context.Context, field, denom string) error {
	if denom == "" {
		return errorsmod.Wrapf(types.ErrUnknownCurrency, "%s has no denom", field)
	}
	if _, err := k.fiat.GetBank(ctx, denom); err != nil {
		return errorsmod.Wrapf(types.ErrUnknownCurrency, "%s %s is not the fiat of an approved bank", field, denom)
	}
	return nil
}
