package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// RegisterInterfaceAccount admits the non-personal interface account of a link to another
// grid (seed §4.1, x/interchain): a trader with a virtual meter in every energy category, so
// it can hold either side of a token, with no position limit of its own (0, "no position":
// the cross-grid purchase that moves a token through it sets what it may hold). x/interchain
// derives the address from the link's channel, so no key holds it and it never signs; the
// legal id and display name name the link, not a person. Refused like an admission when the
// address or the legal id is taken.
func (k Keeper) RegisterInterfaceAccount(ctx context.Context, addr sdk.AccAddress, legalID, displayName string) error {
	if err := types.ValidateLegalID(legalID); err != nil {
		return err
	}
	if err := types.ValidateDisplayName(displayName); err != nil {
		return err
	}
	if has, err := k.Participants.Has(ctx, addr); err != nil {
		return err
	} else if has {
		return errorsmod.Wrapf(types.ErrParticipantExists, "address %s", addr)
	}
	if has, err := k.ParticipantsByLegalID.Has(ctx, legalID); err != nil {
		return err
	} else if has {
		return errorsmod.Wrapf(types.ErrLegalIDTaken, "legal_id %s", legalID)
	}
	categories := make([]types.EnergyCategory, 0, len(types.EnergyCategory_name)-1)
	for c := int32(1); c < int32(len(types.EnergyCategory_name)); c++ {
		if _, ok := types.EnergyCategory_name[c]; ok {
			categories = append(categories, types.EnergyCategory(c))
		}
	}
	p := types.Participant{
		Address:          addr.String(),
		LegalId:          legalID,
		DisplayName:      displayName,
		Roles:            []types.Role{types.Role_ROLE_TRADER},
		Status:           types.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE,
		TradedCategories: categories,
		AdmittedHeight:   sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}
	if err := k.setParticipant(ctx, addr, nil, p); err != nil {
		return err
	}
	if _, err := k.createVirtualMeters(ctx, p); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParticipantAdmitted{
		Address: p.Address, LegalId: p.LegalId, Roles: p.Roles,
	})
}
