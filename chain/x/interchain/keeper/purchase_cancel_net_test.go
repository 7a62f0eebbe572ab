package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil/ibcnet"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// Redispatch across the path (issue 15 item 7, docs/adr/027): a grid operator on a done
// purchase's route cancels the whole chain of tokens on every chain, all or nothing.

// compensation is the tokens' redispatch price for the purchase's 1 MWh.
var compensation = sdkmath.NewInt(redispatchPerMwh)

// prepaid is the face value and its bank fee the purchase left on west for delivery.
var prepaid = sdkmath.NewInt(facePerMwh + facePerMwh*5/10_000)

// bought completes a purchase and returns its id and the chain of tokens.
func (p *purchaseNet) bought(t *testing.T) (string, []uint64) {
	t.Helper()
	id := p.buy(t, p.quote())
	p.net.Relay()
	origin := hopOn(t, p.valley, id)
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_DONE, origin.State)
	require.Len(t, origin.TokenIds, 4)
	return id, origin.TokenIds
}

// fundOperator gives c's grid operator amount of west's EUR (vouchers unless c is west) and
// returns the operator's denom.
func (p *purchaseNet) fundOperator(t *testing.T, c *ibcnet.Chain, amount sdkmath.Int) string {
	t.Helper()
	if c == p.west {
		p.west.Mint(p.west.OperatorAddress(), amount)
		return eur
	}
	return p.fund(t, c, c.OperatorAddress(), amount)
}

// fund gives receiver on c amount of west's EUR by ICS-20, through participant 1 of every chain
// between, and returns receiver's voucher denom.
func (p *purchaseNet) fund(t *testing.T, c *ibcnet.Chain, receiver sdk.AccAddress, amount sdkmath.Int) string {
	t.Helper()
	from := p.west.Participant(1)
	p.west.Mint(ibcnet.SenderOf(from), amount)
	denom, at := eur, p.west
	hops := p.net.Route(p.west, c)
	for i, h := range hops {
		to := p.byID(h.To(transfertypes.PortID).Chain.ChainID)
		next := ibcnet.SenderOf(to.Participant(1))
		if i == len(hops)-1 {
			next = receiver
		}
		_, err := at.Transfer(h.From(transfertypes.PortID), from, next, sdk.NewCoin(denom, amount))
		require.NoError(t, err)
		p.net.Relay()
		denom, at, from = voucherOf(t, to, next), to, to.Participant(1)
	}
	return denom
}

func (p *purchaseNet) byID(chainID string) *ibcnet.Chain {
	for _, c := range []*ibcnet.Chain{p.valley, p.east, p.trans, p.west} {
		if c.ChainID == chainID {
			return c
		}
	}
	panic(chainID)
}

// snapshot is what a cancel changes: every chain's record and token, the buyer's and the
// initiator's money, west's prepaid and seller, and the reserved flow over every link.
type snapshot struct {
	hops     map[string]string // each chain's record, as text
	tokens   map[string]bool
	buyer    sdkmath.Int
	operator sdkmath.Int
	prepaid  sdkmath.Int
	seller   sdkmath.Int
	reserved map[string]uint64
}

func (p *purchaseNet) snapshot(t *testing.T, id string, tokens []uint64, opDenom string) snapshot {
	t.Helper()
	s := snapshot{hops: map[string]string{}, tokens: map[string]bool{}, reserved: map[string]uint64{}}
	for i, c := range []*ibcnet.Chain{p.valley, p.east, p.trans, p.west} {
		hop := hopOn(t, c, id)
		hop.Cancel = nil // what the record says about a cancel is asserted separately
		s.hops[c.ChainID] = hop.String()
		tok, err := c.App.EnergyKeeper.GetToken(c.Ctx(), tokens[i])
		s.tokens[c.ChainID] = err == nil && tok.Status == energytypes.TokenStatus_TOKEN_STATUS_ACTIVE
	}
	s.buyer = p.valley.Balance(ibcnet.SenderOf(p.buyer), p.payDenom)
	if opDenom != "" {
		s.operator = p.trans.Balance(p.trans.OperatorAddress(), opDenom)
	}
	s.prepaid = settlementBalance(t, p.west, types.InterfaceAccount(p.west.Neighbourhood().Parent.Link.EnergyChannelId), eur)
	s.seller = settlementBalance(t, p.west, ibcnet.SenderOf(p.seller), eur)
	for _, l := range []struct{ parent, child *ibcnet.Chain }{{p.trans, p.east}, {p.trans, p.west}, {p.east, p.valley}} {
		channel := p.net.Link(l.parent, l.child).Energy.EndpointA.ChannelID
		for _, dir := range []types.BridgeDirection{types.BridgeDirection_BRIDGE_DIRECTION_UP, types.BridgeDirection_BRIDGE_DIRECTION_DOWN} {
			for period := p.first; period <= p.first+3; period++ {
				r, err := l.parent.App.InterchainKeeper.BridgeReserved(l.parent.Ctx(), channel, dir, period)
				require.NoError(t, err)
				s.reserved[l.parent.ChainID+"/"+channel] += r // energy crosses a link one way
			}
		}
	}
	return s
}

func cancelMsg(c *ibcnet.Chain, id string) *types.MsgCancelRemote {
	return &types.MsgCancelRemote{Operator: c.OperatorAddress().String(), PurchaseId: id, Reason: "congestion on the transmission level"}
}

func TestRedispatchCancelsTheChainOfTokensOnEveryChain(t *testing.T) {
	p := setupPurchase(t)
	opDenom := p.fundOperator(t, p.trans, sdkmath.NewInt(20_000_000))
	id, tokens := p.bought(t)
	before := p.snapshot(t, id, tokens, opDenom)
	require.Equal(t, prepaid, before.prepaid, "the purchase left the face value and its bank fee on west")
	for _, r := range before.reserved {
		require.Equal(t, 4*whPerPer, r, "the purchase reserves its energy on every link")
	}

	// Transmission, the root every path of the tree touches, redispatches (seed §4.2).
	res, err := p.trans.DeliverAsOperator(cancelMsg(p.trans, id))
	require.NoError(t, err)
	var resp types.MsgCancelRemoteResponse
	requireResponse(t, res.Data, &resp)
	require.Equal(t, types.CancelStage_CANCEL_STAGE_REQUEST, resp.Stage)
	require.Equal(t, compensation, resp.Compensation)
	relayed := p.net.Relay()
	require.Len(t, relayed, 4, "a request to west, then the sweep west → transmission → east → valley")
	for _, r := range relayed {
		if r.Ack != nil { // the sweep between answers later
			ack := r.Acknowledgement(t)
			require.True(t, ack.Success(), "every cancel packet succeeds: %s", ack.GetError())
		}
	}

	after := p.snapshot(t, id, tokens, opDenom)
	for i, c := range []*ibcnet.Chain{p.valley, p.east, p.trans, p.west} {
		hop := hopOn(t, c, id)
		require.Equal(t, types.PurchaseState_PURCHASE_STATE_CANCELLED, hop.State, c.ChainID)
		require.NotNil(t, hop.Cancel, c.ChainID)
		require.Empty(t, hop.Cancel.Failure, c.ChainID)
		require.Equal(t, p.trans.ChainID, hop.Cancel.InitiatorChainId)
		require.False(t, after.tokens[c.ChainID], "the token of %s is gone", c.ChainID)
		tok, err := c.App.EnergyKeeper.GetToken(c.Ctx(), tokens[i])
		if c == p.west {
			require.NoError(t, err)
			require.Equal(t, energytypes.TokenStatus_TOKEN_STATUS_CANCELLED, tok.Status, "the bought token is cancelled on west")
		} else {
			require.Error(t, err, "the bridge token of %s is removed", c.ChainID)
		}
	}
	for link, r := range after.reserved {
		require.Zero(t, r, "capacity released on %s", link)
	}
	require.Equal(t, before.buyer.Add(prepaid).Add(compensation), after.buyer, "the buyer gets the prepaid face value, its bank fee and the compensation")
	require.Equal(t, before.operator.Sub(compensation), after.operator, "transmission's operator pays the compensation")
	require.True(t, after.prepaid.IsZero(), "nothing is left prepaid on west")
	require.Equal(t, before.seller, after.seller, "the seller keeps the ask it was paid")
	require.Equal(t, compensation, hopOn(t, p.trans, id).Cancel.Compensation)
	p.requireConserved(t)

	// Done once: a second cancel finds nothing to cancel.
	_, err = p.trans.DeliverAsOperator(cancelMsg(p.trans, id))
	require.ErrorContains(t, err, "not done on this chain")
}

func TestRedispatchFromTheTokensChainAndTheBuyersChain(t *testing.T) {
	for _, from := range []string{ibcnet.RegionalWest, ibcnet.LocalValley} {
		t.Run(from, func(t *testing.T) {
			p := setupPurchase(t)
			id, tokens := p.bought(t)
			c := p.net.Chain(from)
			// The operator pays in the purchase's currency on its chain: EUR on west, the
			// buyer's vouchers on valley.
			opDenom := p.fundOperator(t, c, compensation)
			before := p.snapshot(t, id, tokens, "")
			res, err := c.DeliverAsOperator(cancelMsg(c, id))
			require.NoError(t, err)
			var resp types.MsgCancelRemoteResponse
			requireResponse(t, res.Data, &resp)
			want := types.CancelStage_CANCEL_STAGE_REQUEST
			if c == p.west {
				want = types.CancelStage_CANCEL_STAGE_SWEEP
			}
			require.Equal(t, want, resp.Stage)
			for _, r := range p.net.Relay() {
				if r.Ack != nil {
					ack := r.Acknowledgement(t)
					require.True(t, ack.Success(), "%s → %s: %s %v", r.From.ChainID, r.To.ChainID, ack.GetError(), r.Result.Log)
				}
			}
			after := p.snapshot(t, id, tokens, "")
			for _, chain := range []*ibcnet.Chain{p.valley, p.east, p.trans, p.west} {
				require.Equal(t, types.PurchaseState_PURCHASE_STATE_CANCELLED, hopOn(t, chain, id).State, chain.ChainID)
				require.False(t, after.tokens[chain.ChainID], chain.ChainID)
			}
			for link, r := range after.reserved {
				require.Zero(t, r, "capacity released on %s", link)
			}
			require.Equal(t, before.buyer.Add(prepaid).Add(compensation), after.buyer)
			require.True(t, c.Balance(c.OperatorAddress(), opDenom).IsZero(), "the operator paid the compensation it held")
			p.requireConserved(t)
		})
	}
}

func TestRedispatchRefusedToStrangersAndSuspendedParticipantsChangesNothing(t *testing.T) {
	p := setupPurchase(t)
	id, tokens := p.bought(t)
	_, err := p.valley.DeliverAsOperator(&balancingtypes.MsgSuspendParticipant{Operator: p.valley.OperatorAddress().String(),
		Address: ibcnet.SenderOf(p.valley.Participant(2)).String(), ReasonCode: "collateral"})
	require.NoError(t, err)
	before := p.snapshot(t, id, tokens, "")
	for _, tc := range []struct {
		name   string
		chain  *ibcnet.Chain
		sender int
		msg    func(*types.MsgCancelRemote)
		want   string
	}{
		{"the buyer is no operator", p.valley, 1, nil, "signer is not the grid operator"},
		{"a stranger on transmission", p.trans, 1, nil, "signer is not the grid operator"},
		{"a suspended participant", p.valley, 2, nil, ""},
		{"an unknown purchase", p.west, -1, func(m *types.MsgCancelRemote) { m.PurchaseId = "gridledger-elsewhere-1/1" }, "purchase not found"},
		{"a reason too long", p.trans, -1, func(m *types.MsgCancelRemote) { m.Reason = string(make([]byte, 257)) }, "at most 256"},
		{"an operator who cannot pay", p.trans, -1, nil, "cannot pay the compensation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := cancelMsg(tc.chain, id)
			sender := tc.chain.Operator()
			if tc.sender >= 0 {
				sender = tc.chain.Participant(tc.sender)
				msg.Operator = ibcnet.SenderOf(sender).String()
			}
			if tc.msg != nil {
				tc.msg(msg)
			}
			_, err := tc.chain.Deliver(sender, msg)
			require.Error(t, err)
			require.ErrorContains(t, err, tc.want)
			require.Empty(t, p.net.Pending(), "nothing was sent")
			require.Equal(t, before, p.snapshot(t, id, tokens, ""))
		})
	}
	p.requireConserved(t)
}

func TestRedispatchTimingOutBetweenHopsLeavesEverythingAsBefore(t *testing.T) {
	p := setupPurchase(t)
	opDenom := p.fundOperator(t, p.trans, sdkmath.NewInt(20_000_000))
	id, tokens := p.bought(t)
	before := p.snapshot(t, id, tokens, opDenom)
	msg := cancelMsg(p.trans, id)
	msg.TimeoutSeconds = 300
	_, err := p.trans.DeliverAsOperator(msg)
	require.NoError(t, err)
	request := p.net.Pending()
	require.Len(t, request, 1)
	p.net.Receive(request[0]) // west starts the sweep
	sweep := p.net.Pending()
	require.Len(t, sweep, 1)
	p.net.Receive(sweep[0]) // transmission adds the compensation and sends on to east; the relayer stalls
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_CANCELLING, hopOn(t, p.trans, id).State)
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_CANCELLING, hopOn(t, p.west, id).State)
	require.True(t, p.trans.Balance(p.trans.OperatorAddress(), opDenom).LT(before.operator), "the compensation is in flight")
	p.net.AdvanceTime(10 * time.Minute)
	require.Len(t, p.net.TimeoutExpired(), 1)
	p.net.Relay()

	after := p.snapshot(t, id, tokens, opDenom)
	require.Equal(t, before, after, "tokens, money, prepaid and capacity as before")
	require.Equal(t, "timeout", hopOn(t, p.trans, id).Cancel.Failure)
	require.Contains(t, hopOn(t, p.west, id).Cancel.Failure, "ABCI code: 53", "transmission's refusal, code only")
	p.requireConserved(t)
}

func TestRedispatchRefusedAtTheBuyersChainLeavesEverythingAsBefore(t *testing.T) {
	p := setupPurchase(t)
	id, tokens := p.bought(t)
	opDenom := p.fundOperator(t, p.valley, compensation)
	require.Equal(t, p.payDenom, opDenom)
	before := p.snapshot(t, id, tokens, "")
	_, err := p.valley.DeliverAsOperator(cancelMsg(p.valley, id))
	require.NoError(t, err)
	// Valley's operator spends the compensation before the sweep comes back: valley, the far
	// end of the sweep, refuses it with an error acknowledgement.
	eastP1 := ibcnet.SenderOf(p.east.Participant(1))
	_, err = p.valley.Transfer(p.net.Link(p.east, p.valley).Transfer.EndpointB, p.valley.Operator(), eastP1, sdk.NewCoin(opDenom, compensation))
	require.NoError(t, err)
	relayed := p.net.Relay()
	last := relayed[len(relayed)-1] // the sweep's last hop, after the operator's ICS-20 transfer
	require.Equal(t, p.valley.ChainID, last.To.ChainID)
	ack := last.Acknowledgement(t)
	require.NotEmpty(t, ack.GetError())
	require.NotContains(t, ack.GetError(), "compensation", "an error ack carries the code only")

	after := p.snapshot(t, id, tokens, "")
	require.Equal(t, before, after, "tokens, money, prepaid and capacity as before")
	for _, c := range []*ibcnet.Chain{p.east, p.trans, p.west} {
		hop := hopOn(t, c, id)
		require.Equal(t, types.PurchaseState_PURCHASE_STATE_DONE, hop.State, c.ChainID)
		require.NotEmpty(t, hop.Cancel.Failure, c.ChainID)
	}
	require.Nil(t, hopOn(t, p.valley, id).Cancel, "the refused receipt left nothing on valley")
	p.requireConserved(t)
}

func TestRedispatchOfAChainMissingTheBuyersBridgeToken(t *testing.T) {
	p := setupPurchase(t)
	opDenom := p.fundOperator(t, p.trans, sdkmath.NewInt(20_000_000))
	buyer := ibcnet.SenderOf(p.buyer)
	id := p.buy(t, p.quote())
	// The buyer is suspended while the purchase is in flight: valley cannot make its bridge
	// token, and the purchase is done without it (ADR 024 §4).
	_, err := p.valley.DeliverAsOperator(&balancingtypes.MsgSuspendParticipant{Operator: p.valley.OperatorAddress().String(),
		Address: buyer.String(), ReasonCode: "collateral"})
	require.NoError(t, err)
	p.net.Relay()
	origin := hopOn(t, p.valley, id)
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_DONE, origin.State)
	require.Zero(t, origin.TokenIds[0])
	require.Contains(t, origin.Failure, "bridge token not made")

	_, err = p.valley.DeliverAsOperator(cancelMsg(p.valley, id))
	require.ErrorContains(t, err, "nothing to redispatch here", "valley's operator has no token to redispatch")
	before := p.valley.Balance(buyer, p.payDenom)
	_, err = p.trans.DeliverAsOperator(cancelMsg(p.trans, id))
	require.NoError(t, err)
	p.net.Relay()
	for _, c := range []*ibcnet.Chain{p.valley, p.east, p.trans, p.west} {
		require.Equal(t, types.PurchaseState_PURCHASE_STATE_CANCELLED, hopOn(t, c, id).State, c.ChainID)
	}
	require.Equal(t, before.Add(prepaid).Add(compensation), p.valley.Balance(buyer, p.payDenom), "a suspended buyer is still paid what it is owed")
	require.True(t, p.trans.Balance(p.trans.OperatorAddress(), opDenom).IsPositive())
	p.requireConserved(t)
}
