package keeper_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	tk "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

const (
	child  = types.Neighbour_NEIGHBOUR_CHILD
	parent = types.Neighbour_NEIGHBOUR_PARENT
)

// linkedFixture is a parent chain with one child, regional-east, behind connection-0:
// transfer channel-0 and energy channel-1, the child's Hello received.
func linkedFixture(t *testing.T) *tk.InterchainFixture {
	t.Helper()
	f := tk.Interchain(t)
	f.OpenChannel(types.TransferPortID, "channel-0", "connection-0", "channel-0", "gridledger-regional-east-1")
	f.OpenChannel(types.PortID, "channel-1", "connection-0", "channel-1", "gridledger-regional-east-1")
	_, err := f.Keeper.OnRecvHello(f.Ctx, "channel-1", types.Hello{PeriodSeconds: 900})
	require.NoError(t, err)
	return f
}

func link(f *tk.InterchainFixture, n types.Neighbour, energy, transfer string, m ...types.DenomPair) *types.MsgLink {
	return &types.MsgLink{Operator: f.Operator, Neighbour: n, EnergyChannelId: energy, TransferChannelId: transfer, DenomMap: m}
}

func TestLinkChildRecordsTheLinkAndNeighbourhoodShowsIt(t *testing.T) {
	f := linkedFixture(t)
	_, err := f.Msgs.Link(f.Ctx, link(f, child, "channel-1", "channel-0"))
	require.NoError(t, err)

	n, err := f.Queries.Neighbourhood(f.Ctx, &types.QueryNeighbourhoodRequest{})
	require.NoError(t, err)
	require.Nil(t, n.Parent)
	require.Equal(t, uint64(900), n.PeriodSeconds)
	require.Equal(t, []string{"uchf.alpine"}, n.SettlementDenoms)
	require.Len(t, n.Children, 1)
	got := n.Children[0]
	require.Equal(t, types.Link{
		Neighbour: child, CounterpartyChainId: "gridledger-regional-east-1", ClientId: "07-tendermint-connection-0",
		ConnectionId: "connection-0", TransferChannelId: "channel-0", EnergyChannelId: "channel-1",
		CounterpartyEnergyChannelId: "channel-1", PeriodSeconds: 900, DenomMap: nil, LinkedHeight: tk.FixtureHeight,
		InterfaceAccount: types.InterfaceAccount("channel-1").String(),
	}, got.Link)
	require.Equal(t, map[string]string{got.Link.InterfaceAccount: "IFACE-CHANNEL-1"}, f.Registered,
		"the interface account is registered in the registry when the link is recorded")
	require.Equal(t, "STATE_OPEN", got.EnergyChannelState)
	require.Equal(t, "STATE_OPEN", got.TransferChannelState)
	require.True(t, got.Peer.Known)
	require.Equal(t, uint64(1), got.Peer.HellosReceived)
}

func TestLinkParentAfterTheParentAnsweredOurHello(t *testing.T) {
	f := tk.Interchain(t)
	f.Denoms = nil // a child without a bank of its own settles in its parent's vouchers
	f.OpenChannel(types.TransferPortID, "channel-0", "connection-0", "channel-3", "gridledger-transmission-1")
	f.OpenChannel(types.PortID, "channel-1", "connection-0", "channel-5", "gridledger-transmission-1")
	_, err := f.Msgs.SendHello(f.Ctx, &types.MsgSendHello{Operator: f.Operator, ChannelId: "channel-1"})
	require.NoError(t, err)
	require.NoError(t, f.Keeper.OnHelloAcknowledged(f.Ctx, "channel-1", 1, types.Hello{PeriodSeconds: 900, SettlementDenoms: []string{"uchf.alpine"}}))

	_, err = f.Msgs.Link(f.Ctx, link(f, parent, "channel-1", "channel-0"))
	require.NoError(t, err)
	n, err := f.Queries.Neighbourhood(f.Ctx, &types.QueryNeighbourhoodRequest{})
	require.NoError(t, err)
	require.NotNil(t, n.Parent)
	require.Empty(t, n.Children)
	require.Equal(t, "gridledger-transmission-1", n.Parent.Link.CounterpartyChainId)
	require.Equal(t, "channel-5", n.Parent.Link.CounterpartyEnergyChannelId)
	require.Equal(t, types.InterfaceAccount("channel-1").String(), n.Parent.Link.InterfaceAccount, "the uplink interface account")
	require.Contains(t, f.Registered, n.Parent.Link.InterfaceAccount)
	require.Equal(t, types.Peer{ChannelId: "channel-1", PeriodSeconds: 900, SettlementDenoms: []string{"uchf.alpine"},
		HellosSent: 1, HellosAcknowledged: 1, Known: true}, n.Parent.Peer)
}

func TestLinkWithADenomMapWhereCurrenciesDiffer(t *testing.T) {
	f := tk.Interchain(t)
	f.OpenChannel(types.TransferPortID, "channel-0", "connection-0", "channel-0", "gridledger-regional-west-1")
	f.OpenChannel(types.PortID, "channel-1", "connection-0", "channel-1", "gridledger-regional-west-1")
	_, err := f.Keeper.OnRecvHello(f.Ctx, "channel-1", types.Hello{PeriodSeconds: 900, SettlementDenoms: []string{"ueur.leman"}})
	require.NoError(t, err)

	_, err = f.Msgs.Link(f.Ctx, link(f, child, "channel-1", "channel-0"))
	require.ErrorIs(t, err, types.ErrCurrencyMismatch)
	require.ErrorContains(t, err, "this chain settles in uchf.alpine, the counterparty in ueur.leman")

	pair := types.DenomPair{Local: "uchf.alpine", Remote: "ueur.leman"}
	_, err = f.Msgs.Link(f.Ctx, link(f, child, "channel-1", "channel-0", pair))
	require.NoError(t, err)
	got, err := f.Keeper.Children.Get(f.Ctx, "channel-1")
	require.NoError(t, err)
	require.Equal(t, []types.DenomPair{pair}, got.DenomMap)
}

func TestLinkRefusals(t *testing.T) {
	cases := []struct {
		name  string
		setup func(f *tk.InterchainFixture)
		msg   func(f *tk.InterchainFixture) *types.MsgLink
		want  error
		text  string
	}{
		{name: "a stranger signs", want: types.ErrUnauthorized, msg: func(f *tk.InterchainFixture) *types.MsgLink {
			m := link(f, child, "channel-1", "channel-0")
			m.Operator = testutil.Addr("stranger")
			return m
		}},
		{name: "neighbour unspecified", want: types.ErrInvalidRequest, msg: func(f *tk.InterchainFixture) *types.MsgLink {
			return link(f, types.Neighbour_NEIGHBOUR_UNSPECIFIED, "channel-1", "channel-0")
		}},
		{name: "malformed channel id", want: types.ErrInvalidRequest, msg: func(f *tk.InterchainFixture) *types.MsgLink {
			return link(f, child, "channel-1", "x")
		}},
		{name: "unknown energy channel", want: types.ErrUnknownChannel, text: "no channel channel-9 on port energy", msg: func(f *tk.InterchainFixture) *types.MsgLink {
			return link(f, child, "channel-9", "channel-0")
		}},
		{name: "unknown transfer channel", want: types.ErrUnknownChannel, text: "no channel channel-8 on port transfer", msg: func(f *tk.InterchainFixture) *types.MsgLink {
			return link(f, child, "channel-1", "channel-8")
		}},
		{name: "energy channel not open", want: types.ErrChannelNotUsable, setup: func(f *tk.InterchainFixture) {
			ch := f.Channels["energy/channel-1"]
			ch.State = 2 // TRYOPEN
			f.Channels["energy/channel-1"] = ch
		}, msg: func(f *tk.InterchainFixture) *types.MsgLink { return link(f, child, "channel-1", "channel-0") }},
		{name: "transfer channel over another connection", want: types.ErrChannelNotUsable, text: "share one connection", setup: func(f *tk.InterchainFixture) {
			f.OpenChannel(types.TransferPortID, "channel-2", "connection-1", "channel-0", "gridledger-regional-west-1")
		}, msg: func(f *tk.InterchainFixture) *types.MsgLink { return link(f, child, "channel-1", "channel-2") }},
		{name: "no Hello exchanged", want: types.ErrPeerUnknown, setup: func(f *tk.InterchainFixture) {
			require.NoError(t, f.Keeper.Peers.Remove(f.Ctx, "channel-1"))
		}, msg: func(f *tk.InterchainFixture) *types.MsgLink { return link(f, child, "channel-1", "channel-0") }},
		{name: "wrong period length", want: types.ErrPeriodMismatch, text: "gridledger-regional-east-1 has 3600-second periods, this chain 900-second ones", setup: func(f *tk.InterchainFixture) {
			_, err := f.Keeper.OnRecvHello(f.Ctx, "channel-1", types.Hello{PeriodSeconds: 3600})
			require.NoError(t, err)
		}, msg: func(f *tk.InterchainFixture) *types.MsgLink { return link(f, child, "channel-1", "channel-0") }},
		{name: "denom map names a denom this chain does not issue", want: types.ErrCurrencyMismatch, msg: func(f *tk.InterchainFixture) *types.MsgLink {
			return link(f, child, "channel-1", "channel-0", types.DenomPair{Local: "ueur.leman", Remote: "uchf.alpine"})
		}},
		{name: "linking the same channel twice", want: types.ErrAlreadyLinked, text: "energy channel channel-1 already links", setup: func(f *tk.InterchainFixture) {
			_, err := f.Msgs.Link(f.Ctx, link(f, child, "channel-1", "channel-0"))
			require.NoError(t, err)
		}, msg: func(f *tk.InterchainFixture) *types.MsgLink { return link(f, child, "channel-1", "channel-0") }},
		{name: "a second parent", want: types.ErrAlreadyLinked, text: "already has its parent", setup: func(f *tk.InterchainFixture) {
			_, err := f.Msgs.Link(f.Ctx, link(f, parent, "channel-1", "channel-0"))
			require.NoError(t, err)
			f.OpenChannel(types.TransferPortID, "channel-4", "connection-2", "channel-0", "gridledger-other-1")
			f.OpenChannel(types.PortID, "channel-5", "connection-2", "channel-1", "gridledger-other-1")
			_, err = f.Keeper.OnRecvHello(f.Ctx, "channel-5", types.Hello{PeriodSeconds: 900})
			require.NoError(t, err)
		}, msg: func(f *tk.InterchainFixture) *types.MsgLink { return link(f, parent, "channel-5", "channel-4") }},
		{name: "the same chain over a second energy channel", want: types.ErrAlreadyLinked, text: "gridledger-regional-east-1 is already linked", setup: func(f *tk.InterchainFixture) {
			_, err := f.Msgs.Link(f.Ctx, link(f, child, "channel-1", "channel-0"))
			require.NoError(t, err)
			f.OpenChannel(types.TransferPortID, "channel-4", "connection-0", "channel-4", "gridledger-regional-east-1")
			f.OpenChannel(types.PortID, "channel-5", "connection-0", "channel-5", "gridledger-regional-east-1")
			_, err = f.Keeper.OnRecvHello(f.Ctx, "channel-5", types.Hello{PeriodSeconds: 900})
			require.NoError(t, err)
		}, msg: func(f *tk.InterchainFixture) *types.MsgLink { return link(f, child, "channel-5", "channel-4") }},
		{name: "the registry refuses the interface account", want: types.ErrInterfaceAccount, text: "legal id IFACE-CHANNEL-1", setup: func(f *tk.InterchainFixture) {
			f.RegisterErr = errors.New("legal_id IFACE-CHANNEL-1 is taken")
		}, msg: func(f *tk.InterchainFixture) *types.MsgLink { return link(f, child, "channel-1", "channel-0") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := linkedFixture(t)
			if tc.setup != nil {
				tc.setup(f)
			}
			before, err := f.Keeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			_, err = f.Msgs.Link(f.Ctx, tc.msg(f))
			require.ErrorIs(t, err, tc.want)
			if tc.text != "" {
				require.ErrorContains(t, err, tc.text)
			}
			after, err := f.Keeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after, "a refused link changes no state")
			if tc.name != "linking the same channel twice" && tc.name != "the same chain over a second energy channel" && tc.name != "a second parent" {
				require.Empty(t, f.Registered, "a refused link registers no interface account")
			}
		})
	}
}
