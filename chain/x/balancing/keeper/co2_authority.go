package keeper

import (
	"context"
	"slices"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// Co2Authority returns the CO2 authority governance appointed (seed §2.4); ok is false
// while none is. x/energy checks it before a publication or a rate, and settlement pays
// the CO2 collected to it.
func (k Keeper) Co2Authority(ctx context.Context) (addr sdk.AccAddress, ok bool, err error) {
	addr, err = k.Co2AuthorityAddr.Get(ctx)
	if isNotFound(err) {
		return nil, false, nil
	}
	return addr, err == nil, err
}

// AppointCo2Authority lets governance appoint the chain's one CO2 authority: an admitted,
// active participant. It is given the CO2 authority role if it lacks it, so the registry
// shows it as such; a former authority keeps its role, which alone authorises nothing:
// only the appointed account publishes intensities and sets rates.
func (m msgServer) AppointCo2Authority(ctx context.Context, msg *types.MsgAppointCo2Authority) (*types.MsgAppointCo2AuthorityResponse, error) {
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s: only a governance proposal appoints the CO2 authority", m.authority, msg.Authority)
	}
	addr, err := m.parseAddress("co2_authority", msg.Co2Authority)
	if err != nil {
		return nil, err
	}
	p, ok, err := m.GetParticipant(ctx, addr)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrNotAdmitted, "%s is not an admitted participant: the grid operator admits it before governance appoints it", msg.Co2Authority)
	}
	if p.Status != types.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE {
		return nil, errorsmod.Wrapf(types.ErrNotInGoodStanding, "%s is %s", msg.Co2Authority, p.Status)
	}
	if !slices.Contains(p.Roles, types.Role_ROLE_CO2_AUTHORITY) {
		old := p
		p.Roles = append(slices.Clone(p.Roles), types.Role_ROLE_CO2_AUTHORITY)
		if err := types.ValidateRoles(p.Roles); err != nil {
			return nil, err
		}
		if err := m.setParticipant(ctx, addr, &old, p); err != nil {
			return nil, err
		}
	}
	previous, had, err := m.Co2Authority(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.Co2AuthorityAddr.Set(ctx, addr); err != nil {
		return nil, err
	}
	ev := &types.EventCo2AuthorityAppointed{Current: p.Address}
	if had {
		ev.Previous = previous.String()
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev); err != nil {
		return nil, err
	}
	return &types.MsgAppointCo2AuthorityResponse{}, nil
}

// Co2Authority returns the appointed CO2 authority and its participant record.
func (q queryServer) Co2Authority(ctx context.Context, _ *types.QueryCo2AuthorityRequest) (*types.QueryCo2AuthorityResponse, error) {
	addr, ok, err := q.Keeper.Co2Authority(ctx)
	if err != nil || !ok {
		return &types.QueryCo2AuthorityResponse{}, err
	}
	p, found, err := q.GetParticipant(ctx, addr)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryCo2AuthorityResponse{Address: addr.String()}
	if found {
		resp.Participant = &p
	}
	return resp, nil
}
