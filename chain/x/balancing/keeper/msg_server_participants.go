package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// AdmitParticipant admits a company or pseudonymous account and gives traders and
// retailers their virtual meters.
func (m msgServer) AdmitParticipant(ctx context.Context, msg *types.MsgAdmitParticipant) (*types.MsgAdmitParticipantResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	addr, err := m.parseAddress("address", msg.Address)
	if err != nil {
		return nil, err
	}
	if err := validateParticipantFields(msg.DisplayName, msg.Roles, msg.TradedCategories); err != nil {
		return nil, err
	}
	if err := types.ValidateLegalID(msg.LegalId); err != nil {
		return nil, err
	}
	if has, err := m.Participants.Has(ctx, addr); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrParticipantExists, "address %s", msg.Address)
	}
	if has, err := m.ParticipantsByLegalID.Has(ctx, msg.LegalId); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrLegalIDTaken, "legal_id %s", msg.LegalId)
	}

	p := types.Participant{
		Address:          addr.String(),
		LegalId:          msg.LegalId,
		DisplayName:      msg.DisplayName,
		Roles:            msg.Roles,
		Status:           types.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE,
		PositionLimitWh:  msg.PositionLimitWh,
		TradedCategories: msg.TradedCategories,
		AdmittedHeight:   sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}
	if err := m.setParticipant(ctx, addr, nil, p); err != nil {
		return nil, err
	}
	ids, err := m.createVirtualMeters(ctx, p)
	if err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParticipantAdmitted{
		Address: p.Address, LegalId: p.LegalId, Roles: p.Roles,
	}); err != nil {
		return nil, err
	}
	return &types.MsgAdmitParticipantResponse{VirtualMeterIds: ids}, nil
}

// UpdateParticipant replaces a participant's mutable fields. The legal id and address
// are identity and never change; an excluded participant is final.
func (m msgServer) UpdateParticipant(ctx context.Context, msg *types.MsgUpdateParticipant) (*types.MsgUpdateParticipantResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	addr, err := m.parseAddress("address", msg.Address)
	if err != nil {
		return nil, err
	}
	if err := validateParticipantFields(msg.DisplayName, msg.Roles, msg.TradedCategories); err != nil {
		return nil, err
	}
	old, err := m.mustGetParticipant(ctx, addr)
	if err != nil {
		return nil, err
	}
	if old.Status == types.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED {
		return nil, errorsmod.Wrapf(types.ErrInvalidStatus, "participant %s is excluded and cannot be updated", msg.Address)
	}
	p := old
	p.DisplayName, p.Roles, p.PositionLimitWh, p.TradedCategories = msg.DisplayName, msg.Roles, msg.PositionLimitWh, msg.TradedCategories
	if err := m.setParticipant(ctx, addr, &old, p); err != nil {
		return nil, err
	}
	ids, err := m.createVirtualMeters(ctx, p)
	if err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParticipantUpdated{
		Address: p.Address, Roles: p.Roles, PositionLimitWh: p.PositionLimitWh,
	}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParticipantResponse{VirtualMeterIds: ids}, nil
}

// SuspendParticipant stops an active participant from opening positions.
func (m msgServer) SuspendParticipant(ctx context.Context, msg *types.MsgSuspendParticipant) (*types.MsgSuspendParticipantResponse, error) {
	err := m.changeStatus(ctx, msg.Operator, msg.Address, msg.ReasonCode,
		types.ParticipantStatus_PARTICIPANT_STATUS_SUSPENDED, types.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE)
	if err != nil {
		return nil, err
	}
	return &types.MsgSuspendParticipantResponse{}, nil
}

// ReinstateParticipant lifts a suspension.
func (m msgServer) ReinstateParticipant(ctx context.Context, msg *types.MsgReinstateParticipant) (*types.MsgReinstateParticipantResponse, error) {
	err := m.changeStatus(ctx, msg.Operator, msg.Address, "",
		types.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE, types.ParticipantStatus_PARTICIPANT_STATUS_SUSPENDED)
	if err != nil {
		return nil, err
	}
	return &types.MsgReinstateParticipantResponse{}, nil
}

// ExcludeParticipant excludes an active or suspended participant for good.
func (m msgServer) ExcludeParticipant(ctx context.Context, msg *types.MsgExcludeParticipant) (*types.MsgExcludeParticipantResponse, error) {
	err := m.changeStatus(ctx, msg.Operator, msg.Address, msg.ReasonCode,
		types.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED,
		types.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE, types.ParticipantStatus_PARTICIPANT_STATUS_SUSPENDED)
	if err != nil {
		return nil, err
	}
	return &types.MsgExcludeParticipantResponse{}, nil
}

// changeStatus moves a participant to next when its current status is one of from.
func (m msgServer) changeStatus(ctx context.Context, operator, address, reason string, next types.ParticipantStatus, from ...types.ParticipantStatus) error {
	if err := m.requireOperator(ctx, operator); err != nil {
		return err
	}
	addr, err := m.parseAddress("address", address)
	if err != nil {
		return err
	}
	if err := types.ValidateReasonCode(reason); err != nil {
		return err
	}
	old, err := m.mustGetParticipant(ctx, addr)
	if err != nil {
		return err
	}
	allowed := false
	for _, s := range from {
		allowed = allowed || old.Status == s
	}
	if !allowed {
		return errorsmod.Wrapf(types.ErrInvalidStatus, "participant %s is %s and cannot become %s", address, old.Status, next)
	}
	p := old
	p.Status = next
	if err := m.setParticipant(ctx, addr, &old, p); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParticipantStatusChanged{
		Address: p.Address, Previous: old.Status, Current: next, ReasonCode: reason,
	})
}

// mustGetParticipant loads an admitted participant or fails with ErrParticipantUnknown.
func (k Keeper) mustGetParticipant(ctx context.Context, addr sdk.AccAddress) (types.Participant, error) {
	p, ok, err := k.GetParticipant(ctx, addr)
	if err != nil {
		return p, err
	}
	if !ok {
		return p, errorsmod.Wrapf(types.ErrParticipantUnknown, "address %s", addr)
	}
	return p, nil
}

func validateParticipantFields(name string, roles []types.Role, categories []types.EnergyCategory) error {
	if err := types.ValidateDisplayName(name); err != nil {
		return err
	}
	if err := types.ValidateRoles(roles); err != nil {
		return err
	}
	return types.ValidateTradedCategories(roles, categories)
}
