package ibcnet_test

import (
	"fmt"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil/ibcnet"
	interchaintypes "github.com/gridledger/gridledger/chain/x/interchain/types"
)

// codeOnlyAck is the error acknowledgement's whole text: the code, never the error's words.
const codeOnlyAck = `^ABCI code: \d+: error handling packet: see events for details$`

func TestHierarchyLinksFourChainsAndExchangesHellos(t *testing.T) {
	net := ibcnet.NewHierarchy(t)
	root, east, west, valley := net.Root, net.Chain(ibcnet.RegionalEast), net.Chain(ibcnet.RegionalWest), net.Chain(ibcnet.LocalValley)
	require.Equal(t, ibcnet.Transmission, root.Name)
	require.Equal(t, []*ibcnet.Chain{east, west}, net.Children(root))
	require.Same(t, east, net.Child(root, 0))
	require.Same(t, valley, net.Child(east, 0))
	require.Empty(t, net.Children(valley))
	require.Nil(t, net.Parent(root))
	require.Same(t, east, net.Parent(valley))

	// A route goes up to the lowest common ancestor and down again.
	route := net.Route(valley, west)
	require.Len(t, route, 3)
	require.Equal(t, []bool{true, true, false}, []bool{route[0].Up, route[1].Up, route[2].Up})
	require.Same(t, net.Link(east, valley), route[0].Link)
	require.Same(t, net.Link(root, east), route[1].Link)
	require.Same(t, net.Link(root, west), route[2].Link)
	require.Same(t, valley.TestChain, route[0].From(interchaintypes.PortID).Chain)
	require.Same(t, west.TestChain, route[2].To(interchaintypes.PortID).Chain)
	require.Empty(t, net.Route(east, east))

	facts := func(c *ibcnet.Chain) []string {
		if c.Denom() == "" {
			return nil
		}
		return []string{c.Denom()}
	}
	for _, l := range net.Links() {
		parent, child := l.Parent, l.Child
		energyP, energyC, transferP, transferC := l.Energy.EndpointA, l.Energy.EndpointB, l.Transfer.EndpointA, l.Transfer.EndpointB
		require.Equal(t, transferP.ConnectionID, energyP.ConnectionID, "one connection per link")

		var onParent *interchaintypes.NeighbourLink
		for _, nl := range parent.Neighbourhood().Children {
			if nl.Link.EnergyChannelId == energyP.ChannelID {
				onParent = &nl
			}
		}
		require.NotNil(t, onParent, "%s lists %s as a child", parent.Name, child.Name)
		require.Equal(t, interchaintypes.Link{
			Neighbour: interchaintypes.Neighbour_NEIGHBOUR_CHILD, CounterpartyChainId: child.ChainID,
			ClientId: transferP.ClientID, ConnectionId: transferP.ConnectionID,
			TransferChannelId: transferP.ChannelID, EnergyChannelId: energyP.ChannelID, CounterpartyEnergyChannelId: energyC.ChannelID,
			PeriodSeconds: 900, DenomMap: reversedPairs(child.Spec.DenomMapToParent), LinkedHeight: onParent.Link.LinkedHeight,
		}, onParent.Link)
		require.Equal(t, "STATE_OPEN", onParent.EnergyChannelState)
		require.Equal(t, "STATE_OPEN", onParent.TransferChannelState)

		up := child.Neighbourhood().Parent
		require.NotNil(t, up, "%s knows its parent", child.Name)
		require.Equal(t, interchaintypes.Link{
			Neighbour: interchaintypes.Neighbour_NEIGHBOUR_PARENT, CounterpartyChainId: parent.ChainID,
			ClientId: transferC.ClientID, ConnectionId: transferC.ConnectionID,
			TransferChannelId: transferC.ChannelID, EnergyChannelId: energyC.ChannelID, CounterpartyEnergyChannelId: energyP.ChannelID,
			PeriodSeconds: 900, DenomMap: child.Spec.DenomMapToParent, LinkedHeight: up.Link.LinkedHeight,
		}, up.Link)

		// One Hello, sent by the parent, taught both chains the other's facts.
		require.Equal(t, interchaintypes.Peer{ChannelId: energyP.ChannelID, PeriodSeconds: 900, SettlementDenoms: facts(child),
			HellosSent: 1, HellosAcknowledged: 1, Known: true}, parent.Peer(energyP.ChannelID))
		require.Equal(t, interchaintypes.Peer{ChannelId: energyC.ChannelID, PeriodSeconds: 900, SettlementDenoms: facts(parent),
			HellosReceived: 1, Known: true}, child.Peer(energyC.ChannelID))
	}
	require.Nil(t, root.Neighbourhood().Parent)
	require.Len(t, root.Neighbourhood().Children, 2)
	require.Len(t, east.Neighbourhood().Children, 1)
	require.Empty(t, west.Neighbourhood().Children)
	require.Empty(t, valley.Neighbourhood().Children)
	require.Empty(t, net.Pending())

	// A Hello the other way (child to parent) is recorded as well.
	l := net.Link(east, valley)
	_, err := valley.DeliverAsOperator(&interchaintypes.MsgSendHello{Operator: valley.OperatorAddress().String(), ChannelId: l.Energy.EndpointB.ChannelID})
	require.NoError(t, err)
	relayed := net.Relay()
	require.Len(t, relayed, 1)
	require.True(t, relayed[0].Acknowledgement(t).Success())
	require.Equal(t, interchaintypes.Peer{ChannelId: l.Energy.EndpointA.ChannelID, PeriodSeconds: 900, SettlementDenoms: []string{valley.Denom()},
		HellosSent: 1, HellosAcknowledged: 1, HellosReceived: 1, Known: true}, east.Peer(l.Energy.EndpointA.ChannelID))
	require.Equal(t, interchaintypes.Peer{ChannelId: l.Energy.EndpointB.ChannelID, PeriodSeconds: 900,
		HellosSent: 1, HellosAcknowledged: 1, HellosReceived: 1, Known: true}, valley.Peer(l.Energy.EndpointB.ChannelID))
}

func reversedPairs(pairs []interchaintypes.DenomPair) []interchaintypes.DenomPair {
	var out []interchaintypes.DenomPair
	for _, p := range pairs {
		out = append(out, interchaintypes.DenomPair{Local: p.Remote, Remote: p.Local})
	}
	return out
}

func TestRefusedEnergyPacketGetsAnErrorAckWithTheCodeOnly(t *testing.T) {
	net := ibcnet.NewHierarchy(t)
	east := net.Chain(ibcnet.RegionalEast)
	l := net.Link(net.Root, east)
	before := east.Peer(l.Energy.EndpointB.ChannelID)

	// The parent's channel end commits bytes no energy module would send; the child refuses them.
	p := net.SendRaw(l.Energy.EndpointA, []byte(`{"purchase":{"amount":"-1"}}`), 600)
	r := net.Receive(p)
	require.Same(t, east, r.To)
	ack := r.Acknowledgement(t)
	require.False(t, ack.Success())
	require.Regexp(t, codeOnlyAck, ack.GetError())
	require.Contains(t, ack.GetError(), fmt.Sprintf("ABCI code: %d:", interchaintypes.ErrInvalidPacket.ABCICode()))
	require.Equal(t, before, east.Peer(l.Energy.EndpointB.ChannelID), "a refused packet records nothing")
	_, received := east.App.IBCKeeper.ChannelKeeper.GetPacketReceipt(east.Ctx(), interchaintypes.PortID, l.Energy.EndpointB.ChannelID, p.Sequence)
	require.True(t, received, "the refusal is a receipt and an acknowledgement, not a failed transaction")

	// The source's own module cannot read what it did not send either: it refuses the
	// acknowledgement, so the commitment stays, and nothing else changes on it.
	_, err := net.Acknowledge(r)
	require.ErrorContains(t, err, "interchain/")
	require.True(t, net.Root.App.IBCKeeper.ChannelKeeper.HasPacketCommitment(net.Root.Ctx(), interchaintypes.PortID, l.Energy.EndpointA.ChannelID, p.Sequence))
	require.Empty(t, net.Pending())

	// The channel still serves: a Hello afterwards is answered.
	_, err = net.Root.DeliverAsOperator(&interchaintypes.MsgSendHello{Operator: net.Root.OperatorAddress().String(), ChannelId: l.Energy.EndpointA.ChannelID})
	require.NoError(t, err)
	relayed := net.Relay()
	require.Len(t, relayed, 1)
	require.True(t, relayed[0].Acknowledgement(t).Success())
	require.EqualValues(t, 2, net.Root.Peer(l.Energy.EndpointA.ChannelID).HellosAcknowledged)
}

func TestHelloTimeoutIsHandledOnTheSenderWithoutDamage(t *testing.T) {
	net := ibcnet.NewHierarchy(t)
	west := net.Chain(ibcnet.RegionalWest)
	l := net.Link(net.Root, west)
	energyP, energyC := l.Energy.EndpointA, l.Energy.EndpointB
	rootBefore, westBefore := net.Root.Neighbourhood(), west.Neighbourhood()
	peerP, peerC := net.Root.Peer(energyP.ChannelID), west.Peer(energyC.ChannelID)

	_, err := net.Root.DeliverAsOperator(&interchaintypes.MsgSendHello{
		Operator: net.Root.OperatorAddress().String(), ChannelId: energyP.ChannelID, TimeoutSeconds: 60,
	})
	require.NoError(t, err)
	require.Len(t, net.Pending(), 1)
	sent := net.Pending()[0]

	net.AdvanceTime(2 * time.Minute)
	require.Empty(t, net.Relay(), "a packet past its timeout is not delivered")
	timedOut := net.TimeoutExpired()
	require.Len(t, timedOut, 1)
	require.Equal(t, sent, timedOut[0].Packet)
	requireEvent(t, timedOut[0].Result.Events, "gridledger.interchain.v1.EventHelloAnswered", "outcome", `"timed_out"`)
	require.Empty(t, net.Pending())

	peerP.HellosSent++
	peerP.HellosTimedOut++
	require.Equal(t, peerP, net.Root.Peer(energyP.ChannelID), "the sender counts the timeout and keeps what it knew")
	require.Equal(t, peerC, west.Peer(energyC.ChannelID), "the receiver never saw the Hello")
	require.False(t, net.Root.App.IBCKeeper.ChannelKeeper.HasPacketCommitment(net.Root.Ctx(), interchaintypes.PortID, energyP.ChannelID, sent.Sequence))
	_, received := west.App.IBCKeeper.ChannelKeeper.GetPacketReceipt(west.Ctx(), interchaintypes.PortID, energyC.ChannelID, sent.Sequence)
	require.False(t, received)

	// The links are as they were (the peer records inside them count the Hello), and the
	// unordered channel stays open for the next Hello.
	rootAfter, westAfter := net.Root.Neighbourhood(), west.Neighbourhood()
	for i := range rootAfter.Children {
		require.Equal(t, rootBefore.Children[i].Link, rootAfter.Children[i].Link)
		require.Equal(t, "STATE_OPEN", rootAfter.Children[i].EnergyChannelState)
	}
	require.Equal(t, westBefore.Parent.Link, westAfter.Parent.Link)
	_, err = net.Root.DeliverAsOperator(&interchaintypes.MsgSendHello{Operator: net.Root.OperatorAddress().String(), ChannelId: energyP.ChannelID})
	require.NoError(t, err)
	require.Len(t, net.Relay(), 1)
	require.EqualValues(t, 2, net.Root.Peer(energyP.ChannelID).HellosAcknowledged)
	require.EqualValues(t, 2, west.Peer(energyC.ChannelID).HellosReceived)
}

func requireEvent(t *testing.T, events []abci.Event, typ, key, value string) {
	t.Helper()
	for _, e := range events {
		if e.Type != typ {
			continue
		}
		for _, a := range e.Attributes {
			if a.Key == key && a.Value == value {
				return
			}
		}
	}
	require.Failf(t, "event missing", "no %s with %s=%s in %v", typ, key, value, events)
}

func TestFiatTravelsDownTwoLevelsAndBackToAdmittedAccountsOnly(t *testing.T) {
	net := ibcnet.NewHierarchy(t)
	root, east, valley := net.Root, net.Chain(ibcnet.RegionalEast), net.Chain(ibcnet.LocalValley)
	denom := root.Denom()
	alice, bob, carol := ibcnet.SenderOf(root.Participant(0)), ibcnet.SenderOf(east.Participant(0)), ibcnet.SenderOf(valley.Participant(0))
	root.Mint(alice, sdkmath.NewInt(1_000_000))
	require.Equal(t, sdkmath.NewInt(1_000_000), root.Balance(alice, denom))

	route := net.Route(root, valley)
	require.Len(t, route, 2)
	down1, down2 := route[0].From(ibctransfertypes.PortID), route[1].From(ibctransfertypes.PortID)
	require.Same(t, root.TestChain, down1.Chain)
	require.Same(t, east.TestChain, down2.Chain)

	// The door still stands: the relayer may send IBC core messages only. The refusal leaves
	// its sequence where it was, and it relays on afterwards.
	_, err := root.Transfer(down1, root.Relayer(), bob, sdk.NewInt64Coin(denom, 1))
	require.ErrorContains(t, err, "may send IBC core messages only")

	// Down: transmission -> regional-east -> local-valley.
	_, err = root.Transfer(down1, root.Participant(0), bob, sdk.NewInt64Coin(denom, 400_000))
	require.NoError(t, err)
	requireSuccess(t, net.Relay())
	onEast := ibctransfertypes.NewDenom(denom, ibctransfertypes.NewHop(ibctransfertypes.PortID, down1.Counterparty.ChannelID)).IBCDenom()
	require.Equal(t, sdkmath.NewInt(400_000), east.Balance(bob, onEast))
	require.Equal(t, sdkmath.NewInt(600_000), root.Balance(alice, denom))

	_, err = east.Transfer(down2, east.Participant(0), carol, sdk.NewInt64Coin(onEast, 150_000))
	require.NoError(t, err)
	requireSuccess(t, net.Relay())
	onValley := ibctransfertypes.NewDenom(denom,
		ibctransfertypes.NewHop(ibctransfertypes.PortID, down2.Counterparty.ChannelID),
		ibctransfertypes.NewHop(ibctransfertypes.PortID, down1.Counterparty.ChannelID)).IBCDenom()
	require.Equal(t, sdkmath.NewInt(150_000), valley.Balance(carol, onValley))
	require.Equal(t, sdkmath.NewInt(250_000), east.Balance(bob, onEast))

	// A stranger on regional-east may not hold fiat: the receipt fails, the error ack carries
	// only the code, and the sender is refunded.
	stranger := sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address())
	_, err = root.Transfer(down1, root.Participant(0), stranger, sdk.NewInt64Coin(denom, 50_000))
	require.NoError(t, err)
	require.Equal(t, sdkmath.NewInt(550_000), root.Balance(alice, denom))
	refused := net.Relay()
	require.Len(t, refused, 1)
	refusal := refused[0].Acknowledgement(t)
	require.False(t, refusal.Success())
	require.Regexp(t, codeOnlyAck, refusal.GetError())
	require.True(t, east.Balance(stranger, onEast).IsZero())
	require.Equal(t, sdkmath.NewInt(600_000), root.Balance(alice, denom), "refunded")

	// And back up: local-valley -> regional-east -> transmission.
	_, err = valley.Transfer(down2.Counterparty, valley.Participant(0), bob, sdk.NewInt64Coin(onValley, 150_000))
	require.NoError(t, err)
	requireSuccess(t, net.Relay())
	_, err = east.Transfer(down1.Counterparty, east.Participant(0), alice, sdk.NewInt64Coin(onEast, 400_000))
	require.NoError(t, err)
	requireSuccess(t, net.Relay())

	require.Equal(t, sdkmath.NewInt(1_000_000), root.Balance(alice, denom))
	require.True(t, east.App.BankKeeper.GetSupply(east.Ctx(), onEast).IsZero(), "every voucher burned on the way back")
	require.True(t, valley.App.BankKeeper.GetSupply(valley.Ctx(), onValley).IsZero())
	for _, e := range []struct {
		c    *ibcnet.Chain
		ch   string
		coin string
	}{{root, down1.ChannelID, denom}, {east, down2.ChannelID, onEast}} {
		escrow := ibctransfertypes.GetEscrowAddress(ibctransfertypes.PortID, e.ch)
		require.True(t, e.c.Balance(escrow, e.coin).IsZero(), "%s escrow emptied", e.c.Name)
	}
}

func requireSuccess(t *testing.T, relayed []ibcnet.Relayed) {
	t.Helper()
	require.NotEmpty(t, relayed)
	for _, r := range relayed {
		ack := r.Acknowledgement(t)
		require.True(t, ack.Success(), "packet %s/%s #%d refused: %s", r.Packet.DestinationPort, r.Packet.DestinationChannel, r.Packet.Sequence, ack.GetError())
	}
}
