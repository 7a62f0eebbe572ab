package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// UpdateParams lets governance replace the parameters (docs/adr/029).
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "%s may not change the interchain parameters: only governance (%s) may", msg.Authority, m.authority)
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// Link records a parent or child link after checking channels, period length and currency.
func (m msgServer) Link(ctx context.Context, msg *types.MsgLink) (*types.MsgLinkResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	if _, err := m.Keeper.Link(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgLinkResponse{}, nil
}

// SendHello sends a Hello on an energy channel.
func (m msgServer) SendHello(ctx context.Context, msg *types.MsgSendHello) (*types.MsgSendHelloResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	seq, err := m.Keeper.SendHello(ctx, msg.ChannelId, msg.TimeoutSeconds)
	if err != nil {
		return nil, err
	}
	return &types.MsgSendHelloResponse{Sequence: seq}, nil
}

// SetLinkFee sets a child link's grid-fee estimate in one currency.
func (m msgServer) SetLinkFee(ctx context.Context, msg *types.MsgSetLinkFee) (*types.MsgSetLinkFeeResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	if err := m.Keeper.SetLinkFee(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgSetLinkFeeResponse{}, emit(ctx, &types.EventLinkFeeSet{ChannelId: msg.ChannelId, BaseDenom: msg.BaseDenom, FeePerMwh: msg.FeePerMwh.String()})
}

// BuyRemote starts a cross-grid purchase at a quote.
func (m msgServer) BuyRemote(ctx context.Context, msg *types.MsgBuyRemote) (*types.MsgBuyRemoteResponse, error) {
	id, paid, err := m.StartPurchase(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgBuyRemoteResponse{PurchaseId: id, Paid: paid}, nil
}

// SetBridgeCapacity sets a child link's capacity in one direction (parent's operator only).
func (m msgServer) SetBridgeCapacity(ctx context.Context, msg *types.MsgSetBridgeCapacity) (*types.MsgSetBridgeCapacityResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	previous, err := m.SetCapacity(ctx, msg.ChannelId, msg.Direction, msg.WhPerPeriod)
	if err != nil {
		return nil, err
	}
	return &types.MsgSetBridgeCapacityResponse{PreviousWhPerPeriod: previous}, nil
}

// CancelRemote cancels a done cross-grid purchase's whole chain of tokens for redispatch
// (grid operator of a chain on the route only).
func (m msgServer) CancelRemote(ctx context.Context, msg *types.MsgCancelRemote) (*types.MsgCancelRemoteResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	stage, compensation, err := m.StartCancel(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgCancelRemoteResponse{Stage: stage, Compensation: compensation}, nil
}
