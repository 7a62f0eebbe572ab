package ibcnet

import (
	"slices"

	abci "github.com/cometbft/cometbft/abci/types"
	clienttypes "github.com/cosmos/ibc-go/v10/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"
	ibctesting "github.com/cosmos/ibc-go/v10/testing"
	"github.com/stretchr/testify/require"
)

// pending is a packet to deliver (ack == nil) or an acknowledgement to deliver back to the
// packet's source (ack != nil). chain is where the event was emitted: the source of a packet,
// the destination of an acknowledgement.
type pending struct {
	chain  *Chain
	packet channeltypes.Packet
	ack    []byte
	proven bool
}

// Relayed is what the relayer did with one packet.
type Relayed struct {
	// From and To are the chains the packet left and reached.
	From, To *Chain
	Packet   channeltypes.Packet
	// Result is the MsgRecvPacket transaction on To (Relay) or the MsgTimeout on From (TimeoutExpired).
	Result *abci.ExecTxResult
	// Ack is the acknowledgement To wrote in the same transaction; nil when it answers
	// asynchronously (the acknowledgement is then relayed when a later transaction writes it).
	Ack []byte
}

// Acknowledgement decodes the acknowledgement written for the packet.
func (r Relayed) Acknowledgement(t require.TestingT) channeltypes.Acknowledgement {
	var ack channeltypes.Acknowledgement
	require.NoError(t, channeltypes.SubModuleCdc.UnmarshalJSON(r.Ack, &ack))
	return ack
}

// Pending returns the packets sent and not yet received, acknowledged or timed out.
func (n *Network) Pending() []channeltypes.Packet {
	var out []channeltypes.Packet
	for _, p := range n.pending {
		if p.ack == nil {
			out = append(out, p.packet)
		}
	}
	return out
}

// SendRaw sends data as a packet from endpoint from, as a module would (no transaction, so no
// admission and no application checks on the sender): tests use it to deliver hostile bytes.
// The packet times out timeoutSeconds after the sender's current block time.
func (n *Network) SendRaw(from *ibctesting.Endpoint, data []byte, timeoutSeconds uint64) channeltypes.Packet {
	t := n.T
	t.Helper()
	c := n.chainOf(from.Chain)
	timeout := uint64(from.Chain.GetContext().BlockTime().UnixNano()) + timeoutSeconds*1_000_000_000
	seq, err := from.SendPacket(clienttypes.ZeroHeight(), timeout, data)
	require.NoError(t, err)
	p := channeltypes.NewPacket(data, seq, from.ChannelConfig.PortID, from.ChannelID,
		from.Counterparty.ChannelConfig.PortID, from.Counterparty.ChannelID, clienttypes.ZeroHeight(), timeout)
	n.pending = append(n.pending, pending{chain: c, packet: p})
	return p
}

// Relay delivers every pending packet whose timeout has not passed and every acknowledgement,
// including those of packets sent while receiving, until nothing is left to relay. It returns
// the packets received, in order. A packet past its timeout stays pending for TimeoutExpired.
func (n *Network) Relay() []Relayed {
	t := n.T
	t.Helper()
	var out []Relayed
	for steps := 0; ; steps++ {
		require.Less(t, steps, 10_000, "relaying does not end")
		i := slices.IndexFunc(n.pending, func(p pending) bool { return p.ack != nil || !n.expired(p) })
		if i < 0 {
			return out
		}
		p := n.pending[i]
		n.pending = slices.Delete(n.pending, i, i+1)
		if p.ack != nil {
			_, err := n.acknowledge(p)
			require.NoError(t, err, "acknowledge %s/%s #%d", p.packet.SourcePort, p.packet.SourceChannel, p.packet.Sequence)
			continue
		}
		out = append(out, n.receive(p))
	}
}

// Receive delivers one pending packet to its destination and returns what happened; the
// acknowledgement written stays queued for Relay or Acknowledge.
func (n *Network) Receive(packet channeltypes.Packet) Relayed {
	n.T.Helper()
	i := slices.IndexFunc(n.pending, func(p pending) bool { return p.ack == nil && samePacket(p.packet, packet) })
	require.GreaterOrEqual(n.T, i, 0, "packet %s/%s #%d is not pending", packet.SourcePort, packet.SourceChannel, packet.Sequence)
	p := n.pending[i]
	n.pending = slices.Delete(n.pending, i, i+1)
	return n.receive(p)
}

// Acknowledge delivers the queued acknowledgement of a received packet to its source and
// returns the MsgAcknowledgement's result, or its error when the source refuses it. Either
// way the acknowledgement leaves the queue.
func (n *Network) Acknowledge(r Relayed) (*abci.ExecTxResult, error) {
	n.T.Helper()
	i := slices.IndexFunc(n.pending, func(p pending) bool { return p.ack != nil && samePacket(p.packet, r.Packet) })
	require.GreaterOrEqual(n.T, i, 0, "no acknowledgement of %s/%s #%d is queued", r.Packet.SourcePort, r.Packet.SourceChannel, r.Packet.Sequence)
	p := n.pending[i]
	n.pending = slices.Delete(n.pending, i, i+1)
	return n.acknowledge(p)
}

func samePacket(a, b channeltypes.Packet) bool {
	return a.SourcePort == b.SourcePort && a.SourceChannel == b.SourceChannel && a.Sequence == b.Sequence &&
		a.DestinationPort == b.DestinationPort && a.DestinationChannel == b.DestinationChannel
}

// receive runs MsgRecvPacket on the packet's destination, queueing what it sends and writes.
func (n *Network) receive(p pending) Relayed {
	t := n.T
	t.Helper()
	src := n.endpoint(p.chain, p.packet.SourcePort, p.packet.SourceChannel)
	dst := src.Counterparty
	require.NoError(t, dst.UpdateClient())
	res, err := dst.RecvPacketWithResult(p.packet)
	require.NoError(t, err, "receive %s/%s #%d on %s", p.packet.DestinationPort, p.packet.DestinationChannel, p.packet.Sequence, dst.Chain.ChainID)
	to := n.chainOf(dst.Chain)
	// RecvPacketWithResult updated the source's client of dst after the receipt.
	n.collect(to, res, true)
	r := Relayed{From: p.chain, To: to, Packet: p.packet, Result: res}
	if ack, err := ibctesting.ParseAckFromEvents(res.Events); err == nil {
		r.Ack = ack
	}
	return r
}

// acknowledge delivers an acknowledgement written on p.chain to the packet's source.
func (n *Network) acknowledge(p pending) (*abci.ExecTxResult, error) {
	t := n.T
	t.Helper()
	src := n.endpoint(p.chain, p.packet.DestinationPort, p.packet.DestinationChannel).Counterparty
	if !p.proven {
		require.NoError(t, src.UpdateClient())
	}
	res, err := src.AcknowledgePacketWithResult(p.packet, p.ack)
	if err != nil {
		n.Coord.IncrementTime()
		return res, err
	}
	n.collect(n.chainOf(src.Chain), res, false)
	return res, nil
}

// expired says whether p's timeout has passed on its destination for the next block there.
func (n *Network) expired(p pending) bool {
	dst := n.endpoint(p.chain, p.packet.SourcePort, p.packet.SourceChannel).Counterparty.Chain
	if p.packet.TimeoutTimestamp != 0 && uint64(n.Coord.CurrentTime.UnixNano()) >= p.packet.TimeoutTimestamp {
		return true
	}
	h := p.packet.TimeoutHeight
	return !h.IsZero() && uint64(dst.ProposedHeader.Height) >= h.RevisionHeight
}

// TimeoutExpired times out every pending packet whose timeout has passed (see AdvanceTime):
// a block on the destination proves the time, the source's client learns it, and MsgTimeout
// runs on the source. It returns the packets timed out, Result being the MsgTimeout.
func (n *Network) TimeoutExpired() []Relayed {
	t := n.T
	t.Helper()
	var out []Relayed
	for {
		i := slices.IndexFunc(n.pending, func(p pending) bool { return p.ack == nil && n.expired(p) })
		if i < 0 {
			return out
		}
		p := n.pending[i]
		n.pending = slices.Delete(n.pending, i, i+1)
		src := n.endpoint(p.chain, p.packet.SourcePort, p.packet.SourceChannel)
		n.Coord.UpdateTimeForChain(src.Counterparty.Chain)
		src.Counterparty.Chain.NextBlock()
		n.Coord.IncrementTime()
		require.NoError(t, src.UpdateClient())
		res, err := src.TimeoutPacketWithResult(p.packet)
		require.NoError(t, err, "time out %s/%s #%d on %s", p.packet.SourcePort, p.packet.SourceChannel, p.packet.Sequence, src.Chain.ChainID)
		n.collect(p.chain, res, false)
		out = append(out, Relayed{From: p.chain, To: n.chainOf(src.Counterparty.Chain), Packet: p.packet, Result: res})
	}
}

// endpoint finds the endpoint of c on port/channel among the links.
func (n *Network) endpoint(c *Chain, port, channel string) *ibctesting.Endpoint {
	for _, l := range n.links {
		for _, path := range []*ibctesting.Path{l.Transfer, l.Energy} {
			for _, e := range []*ibctesting.Endpoint{path.EndpointA, path.EndpointB} {
				if e.Chain == c.TestChain && e.ChannelConfig.PortID == port && e.ChannelID == channel {
					return e
				}
			}
		}
	}
	require.Failf(n.T, "unknown channel", "%s has no linked channel %s/%s", c.Name, port, channel)
	return nil
}

func (n *Network) chainOf(tc *ibctesting.TestChain) *Chain {
	for _, c := range n.chains {
		if c.TestChain == tc {
			return c
		}
	}
	require.Failf(n.T, "unknown chain", "%s is not in the network", tc.ChainID)
	return nil
}
