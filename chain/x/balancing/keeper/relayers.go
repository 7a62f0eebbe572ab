package keeper

import (
	"context"

	"cosmossdk.io/collections"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// IsRelayer reports whether the grid operator registered addr to relay IBC messages.
func (k Keeper) IsRelayer(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	return k.Relayers.Has(ctx, addr)
}

// RegisterRelayer lets an account (a Hermes key) send IBC core messages; the door
// refuses it anything else, so a leaked relayer key can neither trade nor hold fiat.
func (m msgServer) RegisterRelayer(ctx context.Context, msg *types.MsgRegisterRelayer) (*types.MsgRegisterRelayerResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	addr, err := m.parseAddress("address", msg.Address)
	if err != nil {
		return nil, err
	}
	if has, err := m.Relayers.Has(ctx, addr); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrRelayerExists, "%s is already a relayer", msg.Address)
	}
	if err := m.Relayers.Set(ctx, addr); err != nil {
		return nil, err
	}
	return &types.MsgRegisterRelayerResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRelayerRegistered{Address: addr.String()})
}

// RemoveRelayer withdraws a registration; the account's next transaction is refused at the door.
func (m msgServer) RemoveRelayer(ctx context.Context, msg *types.MsgRemoveRelayer) (*types.MsgRemoveRelayerResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	addr, err := m.parseAddress("address", msg.Address)
	if err != nil {
		return nil, err
	}
	if has, err := m.Relayers.Has(ctx, addr); err != nil {
		return nil, err
	} else if !has {
		return nil, errorsmod.Wrapf(types.ErrRelayerUnknown, "%s is not a relayer", msg.Address)
	}
	if err := m.Relayers.Remove(ctx, addr); err != nil {
		return nil, err
	}
	return &types.MsgRemoveRelayerResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRelayerRemoved{Address: addr.String()})
}

// Relayers pages through the registered relayer accounts.
func (q queryServer) Relayers(ctx context.Context, req *types.QueryRelayersRequest) (*types.QueryRelayersResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.Relayers, req.Pagination,
		func(addr sdk.AccAddress, _ collections.NoValue) (string, error) { return addr.String(), nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryRelayersResponse{Relayers: list, Pagination: page}, nil
}

// Admission says how the registry knows an account: the door's view, bar banks and validators.
func (q queryServer) Admission(ctx context.Context, req *types.QueryAdmissionRequest) (*types.QueryAdmissionResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	addr, err := q.parseAddress("address", req.Address)
	if err != nil {
		return nil, err
	}
	op, err := q.GridOperator(ctx)
	if err != nil {
		return nil, err
	}
	res := &types.QueryAdmissionResponse{GridOperator: op == addr.String()}
	if p, ok, err := q.GetParticipant(ctx, addr); err != nil {
		return nil, err
	} else if ok {
		res.Participant = &p
	}
	if res.Relayer, err = q.IsRelayer(ctx, addr); err != nil {
		return nil, err
	}
	return res, nil
}
