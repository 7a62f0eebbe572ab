package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{Keeper: k} }

// UpdateParams lets governance replace the grid operator (seed §2.1: stakeholders may
// replace or revoke the responsible entity).
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", m.authority, msg.Authority)
	}
	if msg.Params.GridOperator == "" {
		return nil, errorsmod.Wrap(types.ErrInvalidAddress, "params.grid_operator must name the new operator")
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	old, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	if old.GridOperator != msg.Params.GridOperator {
		if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventGridOperatorChanged{
			Previous: old.GridOperator, Current: msg.Params.GridOperator,
		}); err != nil {
			return nil, err
		}
	}
	return &types.MsgUpdateParamsResponse{}, nil
}
