package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// GetParticipant returns the participant at addr; ok is false when none is admitted.
func (k Keeper) GetParticipant(ctx context.Context, addr sdk.AccAddress) (p types.Participant, ok bool, err error) {
	p, err = k.Participants.Get(ctx, addr)
	if isNotFound(err) {
		return p, false, nil
	}
	return p, err == nil, err
}

// IsActiveParticipant reports whether addr is admitted and active; other modules use
// it to refuse suspended and excluded participants.
func (k Keeper) IsActiveParticipant(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	p, ok, err := k.GetParticipant(ctx, addr)
	if err != nil || !ok {
		return false, err
	}
	return p.Status == types.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE, nil
}

// setParticipant stores p and moves its index entries from old (nil on admission).
// The legal id never changes after admission, so its index is written once.
func (k Keeper) setParticipant(ctx context.Context, addr sdk.AccAddress, old *types.Participant, p types.Participant) error {
	if old == nil {
		if err := k.ParticipantsByLegalID.Set(ctx, p.LegalId, addr); err != nil {
			return err
		}
	} else {
		if err := k.ParticipantsByStatus.Remove(ctx, collections.Join(int32(old.Status), addr)); err != nil {
			return err
		}
		for _, r := range old.Roles {
			if err := k.ParticipantsByRole.Remove(ctx, collections.Join3(int32(r), int32(old.Status), addr)); err != nil {
				return err
			}
		}
	}
	if err := k.ParticipantsByStatus.Set(ctx, collections.Join(int32(p.Status), addr)); err != nil {
		return err
	}
	for _, r := range p.Roles {
		if err := k.ParticipantsByRole.Set(ctx, collections.Join3(int32(r), int32(p.Status), addr)); err != nil {
			return err
		}
	}
	return k.Participants.Set(ctx, addr, p)
}

// createVirtualMeters gives a trader or retailer one virtual meter per traded category
// it does not have yet (seed §2.3) and returns the ids created.
func (k Keeper) createVirtualMeters(ctx context.Context, p types.Participant) ([]string, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	var created []string
	for _, c := range p.TradedCategories {
		id := types.VirtualMeterID(p.Address, c)
		has, err := k.Meters.Has(ctx, id)
		if err != nil {
			return nil, err
		}
		if has {
			continue
		}
		m := types.Meter{
			Id:               id,
			Owner:            p.Address,
			Kind:             types.MeterKind_METER_KIND_VIRTUAL,
			Category:         c,
			Status:           types.MeterStatus_METER_STATUS_ACTIVE,
			RegisteredHeight: sdkCtx.BlockHeight(),
		}
		if err := k.setMeter(ctx, m); err != nil {
			return nil, err
		}
		created = append(created, id)
	}
	return created, nil
}

// SetStatusBySettlement suspends or excludes a participant under the default rules of
// settlement (seed §3.6.2, x/settlement): the same change and event as the operator's
// messages, with reason code "default". A participant already at or beyond next is left
// as it is, so the rules may be applied again without failing.
func (k Keeper) SetStatusBySettlement(ctx context.Context, addr sdk.AccAddress, next types.ParticipantStatus) error {
	old, ok, err := k.GetParticipant(ctx, addr)
	if err != nil || !ok {
		return err
	}
	if old.Status >= next || old.Status == types.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED {
		return nil
	}
	p := old
	p.Status = next
	if err := k.setParticipant(ctx, addr, &old, p); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParticipantStatusChanged{
		Address: p.Address, Previous: old.Status, Current: next, ReasonCode: "default",
	})
}
