// Package ibcnet runs a hierarchy of gridd chains in one process with ibc-go's testing package
// (coordinator, test chains, paths, 07-tendermint light clients) and links them as gridnet
// does: a transfer and an energy channel over one connection per parent-child pair, a Hello
// relayed, and MsgLink on both sides. Tests of cross-grid logic start from NewHierarchy.
//
// A test starts the default tree and drives it through the operators, participants and the
// relayer:
//
//	net := ibcnet.NewHierarchy(t)
//	east := net.Chain(ibcnet.RegionalEast) // or net.Child(net.Root, 0)
//	l := net.Link(net.Root, east)           // l.Transfer, l.Energy: EndpointA on the parent
//	_, err := net.Root.DeliverAsOperator(&interchaintypes.MsgSendHello{...})
//	relayed := net.Relay()                  // every pending packet and acknowledgement
//	net.AdvanceTime(time.Hour)              // then net.TimeoutExpired()
//
// Every chain's genesis admits the testing package's ten sender accounts (genesis.go): slot 0
// relays, slot 1 is the grid operator, slot 2 the bank, the rest are participants.
//
// The package is test-only: it imports ibc-go's testing code (and its simapp), which the gridd
// binary must not link.
package ibcnet

import (
	"fmt"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"
	ibctesting "github.com/cosmos/ibc-go/v10/testing"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	interchaintypes "github.com/gridledger/gridledger/chain/x/interchain/types"
)

// Names of the default hierarchy, the same tree as gridnet's relayer/topologies/default.yaml.
const (
	Transmission = "transmission"
	RegionalEast = "regional-east"
	RegionalWest = "regional-west"
	LocalValley  = "local-valley"
)

// HelloTimeout is the timeout of the Hello the parent's operator sends when linking.
const HelloTimeout = 10 * time.Minute

// DefaultHierarchy is the four-chain tree of gridnet's default topology:
//
//	        transmission (CHF: uchf.alpine)
//	        /                      \
//	regional-east (no bank)   regional-west (EUR: ueur.leman, mapped to uchf.alpine)
//	       |
//	local-valley (CHF: uchf.valley)
func DefaultHierarchy() []ChainSpec {
	return []ChainSpec{
		{Name: Transmission, ChainID: "gridledger-transmission-1",
			Bank: &BankSpec{Denom: "uchf.alpine", DisplayDenom: "chf.alpine", Currency: "CHF"}},
		{Name: RegionalEast, ChainID: "gridledger-regional-east-1", Parent: Transmission},
		{Name: RegionalWest, ChainID: "gridledger-regional-west-1", Parent: Transmission,
			Bank:             &BankSpec{Denom: "ueur.leman", DisplayDenom: "eur.leman", Currency: "EUR"},
			DenomMapToParent: []interchaintypes.DenomPair{{Local: "ueur.leman", Remote: "uchf.alpine"}}},
		{Name: LocalValley, ChainID: "gridledger-local-valley-1", Parent: RegionalEast,
			Bank: &BankSpec{Denom: "uchf.valley", DisplayDenom: "chf.valley", Currency: "CHF"}},
	}
}

// Network is a hierarchy of in-process gridd chains driven by one ibctesting.Coordinator.
type Network struct {
	T     *testing.T
	Coord *ibctesting.Coordinator
	// Root is the chain without a parent.
	Root *Chain

	chains  []*Chain          // in spec order
	byName  map[string]*Chain // by ChainSpec.Name
	links   []*Link           // in spec order of the children
	pending []pending         // packets and acknowledgements not yet relayed
}

// Link is one parent-child pair: two paths over one client pair and one connection.
// EndpointA of both paths is on the parent, EndpointB on the child.
type Link struct {
	Parent, Child *Chain
	Transfer      *ibctesting.Path
	Energy        *ibctesting.Path
}

// NewHierarchy builds DefaultHierarchy and links every parent-child pair.
func NewHierarchy(t *testing.T) *Network {
	t.Helper()
	return New(t, DefaultHierarchy())
}

// New starts one chain per spec (parents before their children) and links each child to
// its parent: clients, one connection, a transfer and an energy channel, a Hello from the
// parent's operator relayed both ways, then MsgLink by both operators.
func New(t *testing.T, specs []ChainSpec) *Network {
	t.Helper()
	n := &Network{
		T:      t,
		Coord:  &ibctesting.Coordinator{T: t, CurrentTime: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Chains: map[string]*ibctesting.TestChain{}},
		byName: map[string]*Chain{},
	}
	for _, spec := range specs {
		require.NotContains(t, n.byName, spec.Name, "chain %s listed twice", spec.Name)
		if spec.Parent != "" {
			require.Contains(t, n.byName, spec.Parent, "%s's parent %s must come before it", spec.Name, spec.Parent)
		}
		// One AppCreator per chain, not ibctesting.DefaultTestingAppInit: that is a package
		// variable, and each chain needs its own genesis.
		tc := ibctesting.NewCustomAppTestChain(t, n.Coord, spec.ChainID, appCreator(t, spec))
		n.Coord.Chains[spec.ChainID] = tc
		gridApp, ok := tc.App.(*app.App)
		require.True(t, ok)
		c := &Chain{TestChain: tc, Name: spec.Name, Spec: spec, App: gridApp, net: n}
		n.chains = append(n.chains, c)
		n.byName[spec.Name] = c
		if spec.Parent == "" {
			if n.Root != nil {
				require.Failf(t, "two roots", "%s and %s have no parent", n.Root.Name, spec.Name)
			}
			n.Root = c
		}
	}
	require.NotNil(t, n.Root, "no root")
	n.Coord.IncrementTime()
	for _, c := range n.chains {
		if c.Spec.Parent != "" {
			n.link(n.byName[c.Spec.Parent], c)
		}
	}
	return n
}

// link opens the channels between parent and child and introduces them (relayer/src/net/introduce.ts).
func (n *Network) link(parent, child *Chain) {
	t := n.T
	t.Helper()
	transfer := ibctesting.NewTransferPath(parent.TestChain, child.TestChain)
	transfer.Setup()

	energy := ibctesting.NewPath(parent.TestChain, child.TestChain)
	for _, pair := range [][2]*ibctesting.Endpoint{{energy.EndpointA, transfer.EndpointA}, {energy.EndpointB, transfer.EndpointB}} {
		e, over := pair[0], pair[1]
		e.ClientID, e.ConnectionID = over.ClientID, over.ConnectionID
		e.ChannelConfig.PortID = interchaintypes.PortID
		e.ChannelConfig.Version = interchaintypes.Version
		e.ChannelConfig.Order = channeltypes.UNORDERED
	}
	energy.CreateChannels()
	l := &Link{Parent: parent, Child: child, Transfer: transfer, Energy: energy}
	n.links = append(n.links, l)

	_, err := parent.DeliverAsOperator(&interchaintypes.MsgSendHello{
		Operator: parent.OperatorAddress().String(), ChannelId: energy.EndpointA.ChannelID,
		TimeoutSeconds: uint64(HelloTimeout / time.Second),
	})
	require.NoError(t, err, "hello %s -> %s", parent.Name, child.Name)
	n.Relay()

	_, err = parent.DeliverAsOperator(&interchaintypes.MsgLink{
		Operator: parent.OperatorAddress().String(), Neighbour: interchaintypes.Neighbour_NEIGHBOUR_CHILD,
		EnergyChannelId: energy.EndpointA.ChannelID, TransferChannelId: transfer.EndpointA.ChannelID,
		DenomMap: reversed(child.Spec.DenomMapToParent),
	})
	require.NoError(t, err, "link on %s", parent.Name)
	_, err = child.DeliverAsOperator(&interchaintypes.MsgLink{
		Operator: child.OperatorAddress().String(), Neighbour: interchaintypes.Neighbour_NEIGHBOUR_PARENT,
		EnergyChannelId: energy.EndpointB.ChannelID, TransferChannelId: transfer.EndpointB.ChannelID,
		DenomMap: child.Spec.DenomMapToParent,
	})
	require.NoError(t, err, "link on %s", child.Name)
}

func reversed(pairs []interchaintypes.DenomPair) []interchaintypes.DenomPair {
	out := make([]interchaintypes.DenomPair, 0, len(pairs))
	for _, p := range pairs {
		out = append(out, interchaintypes.DenomPair{Local: p.Remote, Remote: p.Local})
	}
	return out
}

// Chain returns the chain of that name.
func (n *Network) Chain(name string) *Chain {
	c, ok := n.byName[name]
	require.True(n.T, ok, "no chain %s", name)
	return c
}

// Chains returns every chain, parents before children.
func (n *Network) Chains() []*Chain { return append([]*Chain(nil), n.chains...) }

// Children returns parent's children in spec order.
func (n *Network) Children(parent *Chain) []*Chain {
	var out []*Chain
	for _, l := range n.links {
		if l.Parent == parent {
			out = append(out, l.Child)
		}
	}
	return out
}

// Child returns parent's i-th child (0-based, in spec order).
func (n *Network) Child(parent *Chain, i int) *Chain {
	children := n.Children(parent)
	require.Less(n.T, i, len(children), "%s has %d children", parent.Name, len(children))
	return children[i]
}

// Parent returns c's parent, or nil for the root.
func (n *Network) Parent(c *Chain) *Chain {
	if c.Spec.Parent == "" {
		return nil
	}
	return n.byName[c.Spec.Parent]
}

// Link returns the link between parent and its child child.
func (n *Network) Link(parent, child *Chain) *Link {
	for _, l := range n.links {
		if l.Parent == parent && l.Child == child {
			return l
		}
	}
	require.Failf(n.T, "no link", "%s is not %s's parent", parent.Name, child.Name)
	return nil
}

// Links returns every link, in spec order of the children.
func (n *Network) Links() []*Link { return append([]*Link(nil), n.links...) }

// Route returns the links a value crosses from one chain to another: up to the lowest common
// ancestor, then down. Each hop is the link and whether it is crossed upwards (child to parent).
func (n *Network) Route(from, to *Chain) []Hop {
	up := []*Chain{from}
	for c := n.Parent(from); c != nil; c = n.Parent(c) {
		up = append(up, c)
	}
	var down []*Chain
	lca := to
	for ; ; lca = n.Parent(lca) {
		require.NotNil(n.T, lca, "%s and %s share no ancestor", from.Name, to.Name)
		idx := -1
		for i, c := range up {
			if c == lca {
				idx = i
			}
		}
		if idx >= 0 {
			up = up[:idx+1]
			break
		}
		down = append(down, lca)
	}
	var hops []Hop
	for i := 0; i+1 < len(up); i++ {
		hops = append(hops, Hop{Link: n.Link(up[i+1], up[i]), Up: true})
	}
	for i := len(down) - 1; i >= 0; i-- {
		hops = append(hops, Hop{Link: n.Link(n.Parent(down[i]), down[i]), Up: false})
	}
	return hops
}

// Hop is one link of a route and its direction.
type Hop struct {
	Link *Link
	Up   bool // from the child to the parent
}

// From is the endpoint the hop leaves on, on the path of port ("transfer" or "energy").
func (h Hop) From(port string) *ibctesting.Endpoint {
	p := h.Link.path(port)
	if h.Up {
		return p.EndpointB
	}
	return p.EndpointA
}

// To is the endpoint the hop arrives at.
func (h Hop) To(port string) *ibctesting.Endpoint { return h.From(port).Counterparty }

func (l *Link) path(port string) *ibctesting.Path {
	switch port {
	case ibctransfertypes.PortID:
		return l.Transfer
	case interchaintypes.PortID:
		return l.Energy
	}
	panic(fmt.Sprintf("a link has no %s path", port))
}

// AdvanceTime moves every chain's clock by d and commits a block on each, so that packets
// whose timeout fell within d can be timed out (TimeoutExpired). Keep d below the light
// clients' trusting period (ibctesting.TrustingPeriod, two weeks).
func (n *Network) AdvanceTime(d time.Duration) {
	n.Coord.IncrementTimeBy(d)
	for _, c := range n.chains {
		c.NextBlock()
	}
	n.Coord.IncrementTime()
}

// collect queues the packets a transaction on c sent and the acknowledgements it wrote.
// proven says the counterparty's light client of c was updated after the transaction.
func (n *Network) collect(c *Chain, res *abci.ExecTxResult, proven bool) {
	if res == nil {
		return
	}
	if sent, err := ibctesting.ParseIBCV1Packets(channeltypes.EventTypeSendPacket, res.Events); err == nil {
		for _, p := range sent {
			n.pending = append(n.pending, pending{chain: c, packet: p})
		}
	}
	for _, ev := range res.Events {
		if ev.Type != channeltypes.EventTypeWriteAck {
			continue
		}
		p, err := ibctesting.ParseIBCV1Packets(channeltypes.EventTypeWriteAck, []abci.Event{ev})
		require.NoError(n.T, err)
		ack, err := ibctesting.ParseAckFromEvents([]abci.Event{ev})
		require.NoError(n.T, err)
		n.pending = append(n.pending, pending{chain: c, packet: p[0], ack: ack, proven: proven})
	}
}

// SenderOf is a convenience for tests that need an account's address.
func SenderOf(acc ibctesting.SenderAccount) sdk.AccAddress { return acc.SenderAccount.GetAddress() }
