package interchain

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"
	porttypes "github.com/cosmos/ibc-go/v10/modules/core/05-port/types"
	ibcerrors "github.com/cosmos/ibc-go/v10/modules/core/errors"
	ibcexported "github.com/cosmos/ibc-go/v10/modules/core/exported"

	"github.com/gridledger/gridledger/chain/x/interchain/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

var _ porttypes.IBCModule = IBCModule{}

// IBCModule is the energy application on port "energy": unordered channels of version
// gridledger-energy-1 beside ICS-20's transfer channel on every parent-child link. It
// decodes, calls the keeper, and turns errors into acknowledgements that keep only the code.
type IBCModule struct{ keeper keeper.Keeper }

// NewIBCModule wraps the keeper.
func NewIBCModule(k keeper.Keeper) IBCModule { return IBCModule{keeper: k} }

// checkChannel refuses an ordered channel or one whose counterparty is not an energy port.
func checkChannel(order channeltypes.Order, portID string, counterparty channeltypes.Counterparty) error {
	if order != channeltypes.UNORDERED {
		return errorsmod.Wrapf(types.ErrInvalidOrdering, "channel is %s", order)
	}
	if portID != types.PortID || counterparty.PortId != types.PortID {
		return errorsmod.Wrapf(ibcerrors.ErrInvalidRequest, "energy channels join port %q to port %q, not %q to %q",
			types.PortID, types.PortID, portID, counterparty.PortId)
	}
	return nil
}

func checkVersion(version string) error {
	if version != types.Version {
		return errorsmod.Wrapf(types.ErrInvalidVersion, "got %q, this chain speaks %q", version, types.Version)
	}
	return nil
}

// OnChanOpenInit accepts an unordered channel to an energy port; an empty version means ours.
func (IBCModule) OnChanOpenInit(_ sdk.Context, order channeltypes.Order, _ []string, portID, _ string,
	counterparty channeltypes.Counterparty, version string,
) (string, error) {
	if err := checkChannel(order, portID, counterparty); err != nil {
		return "", err
	}
	if version == "" {
		return types.Version, nil
	}
	return version, checkVersion(version)
}

// OnChanOpenTry accepts what OnChanOpenInit accepts, with the counterparty speaking our version.
func (IBCModule) OnChanOpenTry(_ sdk.Context, order channeltypes.Order, _ []string, portID, _ string,
	counterparty channeltypes.Counterparty, counterpartyVersion string,
) (string, error) {
	if err := checkChannel(order, portID, counterparty); err != nil {
		return "", err
	}
	return types.Version, checkVersion(counterpartyVersion)
}

// OnChanOpenAck checks the version the counterparty chose.
func (IBCModule) OnChanOpenAck(_ sdk.Context, _, _, _ string, counterpartyVersion string) error {
	return checkVersion(counterpartyVersion)
}

// OnChanOpenConfirm has nothing left to check.
func (IBCModule) OnChanOpenConfirm(sdk.Context, string, string) error { return nil }

// OnChanCloseInit refuses: a link's energy channel is closed by no user.
func (IBCModule) OnChanCloseInit(sdk.Context, string, string) error {
	return errorsmod.Wrap(types.ErrChannelCloseRefused, "energy channels stay open")
}

// OnChanCloseConfirm accepts the counterparty's close (a frozen client, for instance).
func (IBCModule) OnChanCloseConfirm(sdk.Context, string, string) error { return nil }

// OnRecvPacket answers a Hello with this chain's facts, and carries a purchase: on the token's
// chain it answers at once, between it answers later (a nil acknowledgement, written by the
// keeper when the chains ahead answered). Any failure is an error acknowledgement carrying
// only the error's code, never its text (consensus-relevant); ibc-go then drops every state
// change the receipt made.
func (im IBCModule) OnRecvPacket(ctx sdk.Context, channelVersion string, packet channeltypes.Packet, _ sdk.AccAddress) ibcexported.Acknowledgement {
	result, err := im.recv(ctx, channelVersion, packet)
	if err != nil {
		return channeltypes.NewErrorAcknowledgement(err)
	}
	if result == nil {
		return nil // asynchronous: the purchase went on
	}
	return channeltypes.NewResultAcknowledgement(result)
}

func (im IBCModule) recv(ctx sdk.Context, channelVersion string, packet channeltypes.Packet) ([]byte, error) {
	if err := checkVersion(channelVersion); err != nil {
		return nil, err
	}
	data, err := types.DecodePacket(packet.GetData())
	if err != nil {
		return nil, err
	}
	var ack types.EnergyAck
	switch kind := data.Packet.(type) {
	case *types.EnergyPacketData_Hello:
		answer, err := im.keeper.OnRecvHello(ctx, packet.DestinationChannel, *kind.Hello)
		if err != nil {
			return nil, err
		}
		ack.Result = &types.EnergyAck_Hello{Hello: &answer}
	case *types.EnergyPacketData_Purchase:
		done, err := im.keeper.OnRecvPurchase(ctx, packet, *kind.Purchase)
		if err != nil || done == nil {
			return nil, err
		}
		ack.Result = &types.EnergyAck_Purchase{Purchase: done}
	case *types.EnergyPacketData_Cancel:
		done, err := im.keeper.OnRecvCancel(ctx, packet, *kind.Cancel)
		if err != nil || done == nil {
			return nil, err
		}
		ack.Result = &types.EnergyAck_Cancel{Cancel: done}
	case *types.EnergyPacketData_FeeRefund:
		done, err := im.keeper.OnRecvFeeRefund(ctx, packet, *kind.FeeRefund)
		if err != nil || done == nil {
			return nil, err
		}
		ack.Result = &types.EnergyAck_FeeRefund{FeeRefund: done}
	}
	return ack.Marshal()
}

// OnAcknowledgementPacket records the counterparty's answer to a Hello or its refusal, and
// completes or refunds a purchase.
func (im IBCModule) OnAcknowledgementPacket(ctx sdk.Context, _ string, packet channeltypes.Packet, acknowledgement []byte, _ sdk.AccAddress) error {
	var ack channeltypes.Acknowledgement
	if err := channeltypes.SubModuleCdc.UnmarshalJSON(acknowledgement, &ack); err != nil {
		return errorsmod.Wrapf(ibcerrors.ErrUnknownRequest, "cannot unmarshal energy acknowledgement: %v", err)
	}
	data, err := types.DecodePacket(packet.GetData())
	if err != nil {
		return err
	}
	if _, ok := data.Packet.(*types.EnergyPacketData_Purchase); ok {
		return im.purchaseAnswered(ctx, packet, ack)
	}
	if cancel, ok := data.Packet.(*types.EnergyPacketData_Cancel); ok {
		return im.cancelAnswered(ctx, packet, *cancel.Cancel, ack)
	}
	if _, ok := data.Packet.(*types.EnergyPacketData_FeeRefund); ok {
		return im.keeper.OnFeeRefundAnswered(ctx, packet, ack.Success(), ack.GetError())
	}
	switch resp := ack.Response.(type) {
	case *channeltypes.Acknowledgement_Result:
		result, err := types.DecodeAck(resp.Result)
		if err != nil {
			return err
		}
		answer := result.GetHello()
		if answer == nil {
			return errorsmod.Wrap(types.ErrInvalidPacket, "a Hello's acknowledgement carries no Hello")
		}
		return im.keeper.OnHelloAcknowledged(ctx, packet.SourceChannel, packet.Sequence, *answer)
	default:
		return im.keeper.OnHelloFailed(ctx, packet.SourceChannel, packet.Sequence, false)
	}
}

// purchaseAnswered completes a purchase on a success acknowledgement and refunds it on an
// error one. A success that does not decode is refunded too: nothing is made on a word this
// chain cannot read.
func (im IBCModule) purchaseAnswered(ctx sdk.Context, packet channeltypes.Packet, ack channeltypes.Acknowledgement) error {
	resp, ok := ack.Response.(*channeltypes.Acknowledgement_Result)
	if !ok {
		return im.keeper.OnPurchaseFailed(ctx, packet, ack.GetError())
	}
	result, err := types.DecodeAck(resp.Result)
	if err != nil || result.GetPurchase() == nil {
		return im.keeper.OnPurchaseFailed(ctx, packet, "the acknowledgement carries no purchase result")
	}
	return im.keeper.OnPurchaseAcknowledged(ctx, packet, *result.GetPurchase())
}

// cancelAnswered finishes a cancel sweep on a success acknowledgement and refunds it on an
// error one; a request's answer only tells whether it went on. A success that does not decode
// is a failure: nothing is cancelled on a word this chain cannot read.
func (im IBCModule) cancelAnswered(ctx sdk.Context, packet channeltypes.Packet, p types.CancelPacket, ack channeltypes.Acknowledgement) error {
	failure := ack.GetError()
	if resp, ok := ack.Response.(*channeltypes.Acknowledgement_Result); ok {
		if result, err := types.DecodeAck(resp.Result); err != nil || result.GetCancel() == nil || result.GetCancel().Stage != p.Stage {
			failure = "the acknowledgement carries no cancel result"
		} else {
			failure = ""
		}
	}
	switch {
	case p.Stage == types.CancelStage_CANCEL_STAGE_REQUEST && failure == "":
		return nil
	case p.Stage == types.CancelStage_CANCEL_STAGE_REQUEST:
		return im.keeper.OnCancelRequestFailed(ctx, p, failure)
	case failure == "":
		return im.keeper.OnCancelAcknowledged(ctx, packet)
	default:
		return im.keeper.OnCancelFailed(ctx, packet, failure)
	}
}

// OnTimeoutPacket counts a Hello that was not received in time, refunds a purchase and
// undoes a cancel sweep.
func (im IBCModule) OnTimeoutPacket(ctx sdk.Context, _ string, packet channeltypes.Packet, _ sdk.AccAddress) error {
	data, err := types.DecodePacket(packet.GetData())
	if err != nil {
		return err
	}
	if _, ok := data.Packet.(*types.EnergyPacketData_Purchase); ok {
		return im.keeper.OnPurchaseFailed(ctx, packet, "timeout")
	}
	if cancel, ok := data.Packet.(*types.EnergyPacketData_Cancel); ok {
		if cancel.Cancel.Stage == types.CancelStage_CANCEL_STAGE_REQUEST {
			return im.keeper.OnCancelRequestFailed(ctx, *cancel.Cancel, "timeout")
		}
		return im.keeper.OnCancelFailed(ctx, packet, "timeout")
	}
	if _, ok := data.Packet.(*types.EnergyPacketData_FeeRefund); ok {
		return im.keeper.OnFeeRefundAnswered(ctx, packet, false, "timeout")
	}
	return im.keeper.OnHelloFailed(ctx, packet.SourceChannel, packet.Sequence, true)
}
