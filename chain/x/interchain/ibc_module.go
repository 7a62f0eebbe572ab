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

// OnRecvPacket answers a Hello with this chain's facts. Any failure is an error
// acknowledgement carrying only the error's code, never its text (consensus-relevant).
func (im IBCModule) OnRecvPacket(ctx sdk.Context, channelVersion string, packet channeltypes.Packet, _ sdk.AccAddress) ibcexported.Acknowledgement {
	result, err := im.recv(ctx, channelVersion, packet)
	if err != nil {
		return channeltypes.NewErrorAcknowledgement(err)
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
	hello := data.GetHello()
	answer, err := im.keeper.OnRecvHello(ctx, packet.DestinationChannel, *hello)
	if err != nil {
		return nil, err
	}
	ack := types.EnergyAck{Result: &types.EnergyAck_Hello{Hello: &answer}}
	return ack.Marshal()
}

// OnAcknowledgementPacket records the counterparty's answer to a Hello, or its refusal.
func (im IBCModule) OnAcknowledgementPacket(ctx sdk.Context, _ string, packet channeltypes.Packet, acknowledgement []byte, _ sdk.AccAddress) error {
	var ack channeltypes.Acknowledgement
	if err := channeltypes.SubModuleCdc.UnmarshalJSON(acknowledgement, &ack); err != nil {
		return errorsmod.Wrapf(ibcerrors.ErrUnknownRequest, "cannot unmarshal energy acknowledgement: %v", err)
	}
	if _, err := types.DecodePacket(packet.GetData()); err != nil {
		return err
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

// OnTimeoutPacket counts a Hello that was not received in time.
func (im IBCModule) OnTimeoutPacket(ctx sdk.Context, _ string, packet channeltypes.Packet, _ sdk.AccAddress) error {
	if _, err := types.DecodePacket(packet.GetData()); err != nil {
		return err
	}
	return im.keeper.OnHelloFailed(ctx, packet.SourceChannel, packet.Sequence, true)
}
