package ibcnet_test

import (
	"bytes"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	clienttypes "github.com/cosmos/ibc-go/v10/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	interchaintypes "github.com/gridledger/gridledger/chain/x/interchain/types"
)

func cancelSeed(stage interchaintypes.CancelStage, hop uint32, value sdkmath.Int) interchaintypes.CancelPacket {
	p := interchaintypes.CancelPacket{PurchaseId: "a/1", Route: []string{"a", "b"}, Hop: hop, Stage: stage, InitiatorChainId: "a",
		RequestedBy: "grid1operator", ValueAmount: value, ValueDenom: "ueur", TimeoutTimestamp: 1}
	if stage == interchaintypes.CancelStage_CANCEL_STAGE_REQUEST {
		p.ValueDenom = "" // a request carries no value
	}
	return p
}

func marshalPacket(t testing.TB, data interchaintypes.EnergyPacketData) []byte {
	t.Helper()
	bz, err := data.Marshal()
	require.NoError(t, err)
	return bz
}

// FuzzEnergyPacketReceive feeds gridd's energy application, as the app's IBC router hands it
// a packet, arbitrary packet data under an arbitrary channel version. It must answer with an
// acknowledgement, never panic; succeed only for a well-formed Hello on our version; refuse
// with an error acknowledgement that carries the code alone; and a refusal writes nothing.
// Acknowledgement and timeout callbacks given the same bytes must not panic either.
// `go test` runs the seeds; `go test -fuzz FuzzEnergyPacketReceive ./testutil/ibcnet` explores.
func FuzzEnergyPacketReceive(f *testing.F) {
	hello := marshalPacket(f, interchaintypes.NewHelloPacket(interchaintypes.Hello{PeriodSeconds: 900, SettlementDenoms: []string{"uchf.alpine"}}))
	seeds := []struct {
		data    []byte
		version string
	}{
		{hello, interchaintypes.Version}, // a valid Hello
		{hello, "gridledger-energy-2"},   // wrong channel version
		{hello, ""},                      // no version
		{hello, "ics20-1"},               // another application's version
		{nil, interchaintypes.Version},   // empty
		{[]byte{0xff, 0xff, 0xff, 0xff}, interchaintypes.Version},                                                       // garbage
		{[]byte(`{"hello":{"period_seconds":"-900"}}`), interchaintypes.Version},                                        // JSON, not proto
		{bytes.Repeat(hello, interchaintypes.MaxPacketBytes/len(hello)+1), interchaintypes.Version},                     // oversize
		{[]byte{0x3a, 0x02, 0x08, 0x01}, interchaintypes.Version},                                                       // unknown oneof field 7
		{[]byte{0x78, 0x01}, interchaintypes.Version},                                                                   // unknown varint field 15
		{[]byte{0x0a, 0x05, 0x08}, interchaintypes.Version},                                                             // truncated Hello
		{[]byte{0x0a, 0x0b, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, interchaintypes.Version}, // period 2^64-1
		{marshalPacket(f, interchaintypes.NewHelloPacket(interchaintypes.Hello{PeriodSeconds: 900, SettlementDenoms: []string{"b", "a"}})), interchaintypes.Version},
		{marshalPacket(f, interchaintypes.NewHelloPacket(interchaintypes.Hello{PeriodSeconds: 900, SettlementDenoms: []string{""}})), interchaintypes.Version},
		{marshalPacket(f, interchaintypes.EnergyPacketData{}), interchaintypes.Version}, // no kind
		// Cancels of a purchase's chain of tokens (docs/adr/027): well-formed for a purchase this
		// chain never saw, a sweep with a negative value, an unknown stage, an empty one.
		{marshalPacket(f, interchaintypes.NewCancelPacket(cancelSeed(interchaintypes.CancelStage_CANCEL_STAGE_REQUEST, 1, sdkmath.ZeroInt()))), interchaintypes.Version},
		{marshalPacket(f, interchaintypes.NewCancelPacket(cancelSeed(interchaintypes.CancelStage_CANCEL_STAGE_SWEEP, 0, sdkmath.NewInt(-5)))), interchaintypes.Version},
		{marshalPacket(f, interchaintypes.NewCancelPacket(cancelSeed(interchaintypes.CancelStage(7), 1, sdkmath.ZeroInt()))), interchaintypes.Version},
		{marshalPacket(f, interchaintypes.EnergyPacketData{Packet: &interchaintypes.EnergyPacketData_Cancel{}}), interchaintypes.Version},
	}
	for _, s := range seeds {
		f.Add(s.data, s.version)
	}

	operator := apptest.NewAccount()
	chain := apptest.Setup(f, operator, apptest.NewAccount())
	module, ok := chain.App.GetIBCKeeper().PortKeeper.Route(interchaintypes.PortID)
	require.True(f, ok, "the app routes port %s", interchaintypes.PortID)
	relayer := sdk.AccAddress("relayer_____________")

	f.Fuzz(func(t *testing.T, data []byte, version string) {
		ctx, _ := chain.Ctx().CacheContext()
		before := chain.StoreDump(t, ctx, interchaintypes.StoreKey)
		packet := channeltypes.NewPacket(data, 1, interchaintypes.PortID, "channel-3", interchaintypes.PortID, "channel-1",
			clienttypes.ZeroHeight(), uint64(ctx.BlockTime().UnixNano())+1)

		decoded, decodeErr := interchaintypes.DecodePacket(data)
		ack := module.OnRecvPacket(ctx, version, packet, relayer)
		require.NotNil(t, ack)
		// Purchases and cancels name a purchase and a route this lone chain has no part in.
		require.Equal(t, decodeErr == nil && version == interchaintypes.Version && decoded.GetHello() != nil, ack.Success())

		var wire channeltypes.Acknowledgement
		require.NoError(t, channeltypes.SubModuleCdc.UnmarshalJSON(ack.Acknowledgement(), &wire))
		if ack.Success() {
			result, err := interchaintypes.DecodeAck(wire.GetResult())
			require.NoError(t, err)
			require.NotNil(t, result.GetHello(), "a Hello is answered with a Hello")
		} else {
			require.Regexp(t, codeOnlyAck, wire.GetError())
			require.Equal(t, before, chain.StoreDump(t, ctx, interchaintypes.StoreKey), "a refused packet writes nothing")
		}

		// The sender's callbacks with the same hostile bytes as packet and acknowledgement.
		_ = module.OnAcknowledgementPacket(ctx, version, packet, data, relayer)
		_ = module.OnAcknowledgementPacket(ctx, version, packet, channeltypes.NewResultAcknowledgement(data).Acknowledgement(), relayer)
		_ = module.OnTimeoutPacket(ctx, version, packet, relayer)
	})
}
