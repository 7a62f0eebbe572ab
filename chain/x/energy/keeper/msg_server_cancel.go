package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// CancelToken lets one side's owner withdraw by paying the token's pre-agreed
// cancellation fee to the other side's owner (seed §3.2.4). Owning both sides, it
// cancels free; without a fee, both owners must sign CancelTokenJointly.
func (m msgServer) CancelToken(ctx context.Context, msg *types.MsgCancelToken) (*types.MsgCancelTokenResponse, error) {
	owner, err := m.parseAddress("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	t, err := m.tradableToken(ctx, msg.TokenId)
	if err != nil {
		return nil, err
	}
	var other string
	switch msg.Owner {
	case t.Producer.Owner:
		other = t.Consumer.Owner
	case t.Consumer.Owner:
		other = t.Producer.Owner
	default:
		return nil, errorsmod.Wrapf(types.ErrNotSideOwner, "%s owns no side of token %d", msg.Owner, t.Id)
	}
	if err := checkUncommitted(t, types.Side_SIDE_UNSPECIFIED, "cancel it"); err != nil {
		return nil, err
	}
	if err := m.checkCancel(ctx, t); err != nil {
		return nil, err
	}
	fee := math.ZeroInt()
	if other != msg.Owner {
		fee = t.Terms.CancellationFee
		if fee.IsNil() || !fee.IsPositive() {
			return nil, errorsmod.Wrapf(types.ErrNoCancellationFee, "token %d", t.Id)
		}
		otherAddr, err := m.parseAddress("other owner", other)
		if err != nil {
			return nil, err
		}
		reason := "cancel:" + math.NewIntFromUint64(t.Id).String()
		if _, err := m.fiat.Pay(ctx, owner, otherAddr, sdk.NewCoin(t.FaceValuePerMwh.Denom, fee), reason); err != nil {
			return nil, err
		}
	}
	if err := m.cancel(ctx, t, msg.Owner, fee); err != nil {
		return nil, err
	}
	return &types.MsgCancelTokenResponse{}, nil
}

// CancelTokenJointly cancels a token both owners agree to drop, with no fee.
func (m msgServer) CancelTokenJointly(ctx context.Context, msg *types.MsgCancelTokenJointly) (*types.MsgCancelTokenJointlyResponse, error) {
	t, err := m.tradableToken(ctx, msg.TokenId)
	if err != nil {
		return nil, err
	}
	if msg.ProducerOwner != t.Producer.Owner || msg.ConsumerOwner != t.Consumer.Owner {
		return nil, errorsmod.Wrapf(types.ErrNotSideOwner, "token %d is held by %s (producer) and %s (consumer)", t.Id, t.Producer.Owner, t.Consumer.Owner)
	}
	if err := checkUncommitted(t, types.Side_SIDE_UNSPECIFIED, "cancel it"); err != nil {
		return nil, err
	}
	if err := m.checkCancel(ctx, t); err != nil {
		return nil, err
	}
	if err := m.cancel(ctx, t, msg.ProducerOwner+","+msg.ConsumerOwner, math.ZeroInt()); err != nil {
		return nil, err
	}
	return &types.MsgCancelTokenJointlyResponse{}, nil
}

func (m msgServer) cancel(ctx context.Context, t types.Token, by string, fee math.Int) error {
	old := t
	t.Status = types.TokenStatus_TOKEN_STATUS_CANCELLED
	if err := m.setToken(ctx, &old, t); err != nil {
		return err
	}
	if err := m.release(ctx, t); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventTokenCancelled{TokenId: t.Id, RequestedBy: by, FeePaid: fee.String()})
}
