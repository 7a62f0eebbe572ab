package interchain_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	clienttypes "github.com/cosmos/ibc-go/v10/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	tk "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

var energyEnd = channeltypes.Counterparty{PortId: types.PortID, ChannelId: "channel-3"}

func TestHandshakeAcceptsOnlyUnorderedEnergyChannelsOfOurVersion(t *testing.T) {
	f := tk.Interchain(t)
	m := interchain.NewIBCModule(f.Keeper)
	hops := []string{"connection-0"}

	v, err := m.OnChanOpenInit(f.Ctx, channeltypes.UNORDERED, hops, types.PortID, "channel-0", energyEnd, "")
	require.NoError(t, err)
	require.Equal(t, types.Version, v, "an empty version means ours")
	v, err = m.OnChanOpenInit(f.Ctx, channeltypes.UNORDERED, hops, types.PortID, "channel-0", energyEnd, types.Version)
	require.NoError(t, err)
	require.Equal(t, types.Version, v)

	_, err = m.OnChanOpenInit(f.Ctx, channeltypes.ORDERED, hops, types.PortID, "channel-0", energyEnd, types.Version)
	require.ErrorIs(t, err, types.ErrInvalidOrdering)
	_, err = m.OnChanOpenInit(f.Ctx, channeltypes.UNORDERED, hops, types.PortID, "channel-0", energyEnd, "ics20-1")
	require.ErrorIs(t, err, types.ErrInvalidVersion)
	_, err = m.OnChanOpenInit(f.Ctx, channeltypes.UNORDERED, hops, types.PortID, "channel-0",
		channeltypes.Counterparty{PortId: "transfer"}, types.Version)
	require.ErrorContains(t, err, `not "energy" to "transfer"`)

	v, err = m.OnChanOpenTry(f.Ctx, channeltypes.UNORDERED, hops, types.PortID, "channel-0", energyEnd, types.Version)
	require.NoError(t, err)
	require.Equal(t, types.Version, v)
	_, err = m.OnChanOpenTry(f.Ctx, channeltypes.ORDERED, hops, types.PortID, "channel-0", energyEnd, types.Version)
	require.ErrorIs(t, err, types.ErrInvalidOrdering)
	_, err = m.OnChanOpenTry(f.Ctx, channeltypes.UNORDERED, hops, types.PortID, "channel-0", energyEnd, "gridledger-energy-2")
	require.ErrorIs(t, err, types.ErrInvalidVersion)

	require.NoError(t, m.OnChanOpenAck(f.Ctx, types.PortID, "channel-0", "channel-3", types.Version))
	require.ErrorIs(t, m.OnChanOpenAck(f.Ctx, types.PortID, "channel-0", "channel-3", ""), types.ErrInvalidVersion)
	require.NoError(t, m.OnChanOpenConfirm(f.Ctx, types.PortID, "channel-0"))
	require.ErrorIs(t, m.OnChanCloseInit(f.Ctx, types.PortID, "channel-0"), types.ErrChannelCloseRefused)
	require.NoError(t, m.OnChanCloseConfirm(f.Ctx, types.PortID, "channel-0"))
}

func packet(t *testing.T, data []byte) channeltypes.Packet {
	t.Helper()
	return channeltypes.NewPacket(data, 1, types.PortID, "channel-3", types.PortID, "channel-1", clienttypes.ZeroHeight(), 1)
}

func hello(t *testing.T, h types.Hello) []byte {
	t.Helper()
	data := types.NewHelloPacket(h)
	bz, err := data.Marshal()
	require.NoError(t, err)
	return bz
}

func TestRecvHelloAnswersWithOurFacts(t *testing.T) {
	f := tk.Interchain(t)
	m := interchain.NewIBCModule(f.Keeper)
	ack := m.OnRecvPacket(f.Ctx, types.Version, packet(t, hello(t, types.Hello{PeriodSeconds: 900, SettlementDenoms: []string{"ueur.leman"}})), sdk.AccAddress("relayer"))
	require.True(t, ack.Success())

	var wire channeltypes.Acknowledgement
	require.NoError(t, channeltypes.SubModuleCdc.UnmarshalJSON(ack.Acknowledgement(), &wire))
	result, err := types.DecodeAck(wire.GetResult())
	require.NoError(t, err)
	require.Equal(t, &types.Hello{PeriodSeconds: 900, SettlementDenoms: []string{"uchf.alpine"}}, result.GetHello())

	p, err := f.Keeper.Peers.Get(f.Ctx, "channel-1")
	require.NoError(t, err)
	require.Equal(t, types.Peer{ChannelId: "channel-1", PeriodSeconds: 900, SettlementDenoms: []string{"ueur.leman"}, HellosReceived: 1, Known: true}, p)
}

func TestRecvRefusesHostilePacketsWithACodeOnly(t *testing.T) {
	unsorted := hello(t, types.Hello{PeriodSeconds: 900, SettlementDenoms: []string{"b", "a"}})
	cases := []struct {
		name    string
		version string
		data    []byte
	}{
		{"empty data", types.Version, nil},
		{"garbage", types.Version, []byte("{\"amount\":\"-1\"}")},
		{"oversize", types.Version, make([]byte, types.MaxPacketBytes+1)},
		{"no kind", types.Version, []byte{0x10, 0x01}},
		{"zero period", types.Version, hello(t, types.Hello{})},
		{"unsorted denoms", types.Version, unsorted},
		{"unknown channel version", "gridledger-energy-9", hello(t, types.Hello{PeriodSeconds: 900})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := tk.Interchain(t)
			m := interchain.NewIBCModule(f.Keeper)
			ack := m.OnRecvPacket(f.Ctx, tc.version, packet(t, tc.data), sdk.AccAddress("relayer"))
			require.False(t, ack.Success())
			var wire channeltypes.Acknowledgement
			require.NoError(t, channeltypes.SubModuleCdc.UnmarshalJSON(ack.Acknowledgement(), &wire))
			require.Regexp(t, `^ABCI code: \d+: error handling packet: see events for details$`, wire.GetError(), "no error text in an ack")
			has, err := f.Keeper.Peers.Has(f.Ctx, "channel-1")
			require.NoError(t, err)
			require.False(t, has, "a refused packet records nothing")
		})
	}
}

func TestAcknowledgementAndTimeoutOfAHello(t *testing.T) {
	f := tk.Interchain(t)
	m := interchain.NewIBCModule(f.Keeper)
	sent := channeltypes.NewPacket(hello(t, types.Hello{PeriodSeconds: 900}), 4, types.PortID, "channel-1", types.PortID, "channel-3", clienttypes.ZeroHeight(), 1)

	answer := types.EnergyAck{Result: &types.EnergyAck_Hello{Hello: &types.Hello{PeriodSeconds: 900, SettlementDenoms: []string{"uchf.alpine"}}}}
	bz, err := answer.Marshal()
	require.NoError(t, err)
	require.NoError(t, m.OnAcknowledgementPacket(f.Ctx, types.Version, sent, channeltypes.NewResultAcknowledgement(bz).Acknowledgement(), nil))
	require.NoError(t, m.OnAcknowledgementPacket(f.Ctx, types.Version, sent, channeltypes.NewErrorAcknowledgement(types.ErrInvalidPacket).Acknowledgement(), nil))
	require.NoError(t, m.OnTimeoutPacket(f.Ctx, types.Version, sent, nil))

	p, err := f.Keeper.Peers.Get(f.Ctx, "channel-1")
	require.NoError(t, err)
	require.Equal(t, types.Peer{ChannelId: "channel-1", PeriodSeconds: 900, SettlementDenoms: []string{"uchf.alpine"},
		HellosAcknowledged: 1, HellosRefused: 1, HellosTimedOut: 1, Known: true}, p)

	require.Error(t, m.OnAcknowledgementPacket(f.Ctx, types.Version, sent, []byte("not json"), nil))
	empty, err := (&types.EnergyAck{}).Marshal()
	require.NoError(t, err)
	require.ErrorIs(t, m.OnAcknowledgementPacket(f.Ctx, types.Version, sent, channeltypes.NewResultAcknowledgement(append(empty, 0x0a, 0x00)).Acknowledgement(), nil), types.ErrInvalidPacket)
}

// FuzzRecvPacket feeds the receive handler arbitrary packet data: an error ack or a success,
// never a panic, and a success only for a valid Hello.
func FuzzRecvPacket(f *testing.F) {
	f.Add([]byte{0x0a, 0x03, 0x08, 0x84, 0x07})
	f.Add([]byte{0x0a, 0x00})
	f.Add([]byte("\x0a\x07\x08\x84\x07\x12\x01a"))
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		fx := tk.Interchain(t)
		m := interchain.NewIBCModule(fx.Keeper)
		ack := m.OnRecvPacket(fx.Ctx, types.Version, packet(t, data), nil)
		_, err := types.DecodePacket(data)
		require.Equal(t, err == nil, ack.Success())
	})
}
