package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil/ibcnet"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// The fee true-up (docs/adr/029) on the in-process hierarchy: valley's buyer bought 1 MWh of
// west's token over valley → east → transmission → west, paying every link's estimate of
// feePerMwh; afterwards the parents' operators revise their rates, and each parent trues up
// what it charged against the rate in force trueup_delay_periods after the last delivery.

// setRate sets the fee rate the parent charges on its link to child.
func (p *purchaseNet) setRate(t *testing.T, parent, child *ibcnet.Chain, perMwh int64) {
	t.Helper()
	_, err := parent.DeliverAsOperator(&types.MsgSetLinkFee{Operator: parent.OperatorAddress().String(),
		ChannelId: p.net.Link(parent, child).Energy.EndpointA.ChannelID, BaseDenom: eur, FeePerMwh: sdkmath.NewInt(perMwh)})
	require.NoError(t, err)
}

// trueUp runs c's true-up as its next block's end would, with a delay of one period, and
// returns how many purchases it trued up and the events it emitted.
func (p *purchaseNet) trueUp(t *testing.T, c *ibcnet.Chain) (int, sdk.Events) {
	t.Helper()
	var n int
	var events sdk.Events
	p.net.RunAtBlockEnd(c, func(ctx sdk.Context) error {
		k := c.App.InterchainKeeper
		if err := k.Params.Set(ctx, types.Params{TrueupDelayPeriods: 1}); err != nil {
			return err
		}
		var err error
		n, err = k.TrueUpFees(ctx)
		events = ctx.EventManager().Events()
		return err
	})
	return n, events
}

// requireInterchainInvariants runs x/interchain's invariants on every chain, the true-up's
// and retention's among them.
func (p *purchaseNet) requireInterchainInvariants(t *testing.T) {
	t.Helper()
	for _, c := range p.chains() {
		require.NoError(t, c.App.InterchainKeeper.CheckInvariants(c.Ctx()), c.ChainID)
	}
}

func hasEvent(events sdk.Events, kind string) bool {
	for _, e := range events {
		if e.Type == kind {
			return true
		}
	}
	return false
}

// donePurchase buys and completes the quoted purchase, then lets its delivery pass (the
// default delay keeps every block's end from truing it up before the test does).
func donePurchase(t *testing.T) (*purchaseNet, string) {
	p := setupPurchase(t)
	id := p.buy(t, p.quote())
	p.net.Relay()
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_DONE, hopOn(t, p.valley, id).State)
	p.periods(14)
	for _, c := range p.chains() {
		require.Nil(t, hopOn(t, c, id).Trueup, "nothing trued up within the default delay on %s", c.ChainID)
	}
	return p, id
}

func TestTrueUpRefundsTheOverEstimateToTheBuyerOncePerLink(t *testing.T) {
	p, id := donePurchase(t)
	buyer := ibcnet.SenderOf(p.buyer)
	// The grid fees came to half the estimate on the valley link, a quarter on the east link;
	// the west link's rate went up, which charges the buyer nothing more than its quote.
	p.setRate(t, p.east, p.valley, feePerMwh/2)
	p.setRate(t, p.trans, p.east, feePerMwh/4)
	p.setRate(t, p.trans, p.west, 3*feePerMwh)
	before := p.valley.Balance(buyer, p.payDenom)
	opEast0, opTrans0 := p.operatorFees()

	n, events := p.trueUp(t, p.east)
	require.Equal(t, 1, n)
	require.True(t, hasEvent(events, "gridledger.interchain.v1.EventFeeTrueUp"))
	n, _ = p.trueUp(t, p.trans)
	require.Equal(t, 1, n)
	for _, c := range []*ibcnet.Chain{p.valley, p.west} {
		n, _ := p.trueUp(t, c)
		require.Zero(t, n, "%s charged no fee", c.ChainID)
	}
	require.Equal(t, types.TrueUpState_TRUE_UP_STATE_SENDING, hopOn(t, p.trans, id).Trueup.State)
	p.net.Relay()

	eastRefund, transRefund := sdkmath.NewInt(feePerMwh/2), sdkmath.NewInt(feePerMwh*3/4)
	require.Equal(t, before.Add(eastRefund).Add(transRefund), p.valley.Balance(buyer, p.payDenom), "the buyer has both refunds")
	opEast, opTrans := p.operatorFees()
	require.Equal(t, opEast0.Sub(eastRefund), opEast, "east's operator refunded the valley link's over-estimate")
	require.Equal(t, opTrans0.Sub(transRefund), opTrans, "transmission's operator refunded the east link's")

	fee := sdkmath.NewInt(feePerMwh)
	east := hopOn(t, p.east, id).Trueup
	require.Equal(t, types.TrueUpState_TRUE_UP_STATE_SETTLED, east.State)
	require.Equal(t, []types.LinkTrueUp{{LinkIndex: 0, Charged: fee, Actual: fee.QuoRaw(2)}}, east.Links)
	trans := hopOn(t, p.trans, id).Trueup
	require.Equal(t, types.TrueUpState_TRUE_UP_STATE_SETTLED, trans.State)
	require.Equal(t, []types.LinkTrueUp{{LinkIndex: 1, Charged: fee, Actual: fee.QuoRaw(4)}, {LinkIndex: 2, Charged: fee, Actual: fee}}, trans.Links,
		"each link once, indexed by link; the raised rate is capped at the quote")
	require.Equal(t, transRefund, trans.Refund)
	// The refunds' passage is recorded on the way: transmission's through east, both at valley.
	require.Len(t, hopOn(t, p.east, id).Refunds, 1)
	require.Equal(t, uint32(2), hopOn(t, p.east, id).Refunds[0].FromHop)
	got := hopOn(t, p.valley, id).Refunds
	require.Len(t, got, 2)
	for _, r := range got {
		require.Equal(t, types.TrueUpState_TRUE_UP_STATE_SETTLED, r.State)
	}
	p.requireConserved(t)
	p.requireInterchainInvariants(t)

	// No second true-up: every block's end and a direct call find nothing due.
	p.periods(2)
	for _, c := range p.chains() {
		n, _ := p.trueUp(t, c)
		require.Zero(t, n, c.ChainID)
	}
	p.net.Relay()
	require.Equal(t, before.Add(eastRefund).Add(transRefund), p.valley.Balance(buyer, p.payDenom))

	// A replayed refund (a hostile or buggy counterparty) is refused: east has passed
	// transmission's refund already, and nothing moves.
	replay := types.NewFeeRefundPacket(types.FeeRefundPacket{PurchaseId: id, FromHop: 2, ValueDenom: eur,
		ValueAmount: transRefund, TimeoutTimestamp: uint64(p.east.Ctx().BlockTime().Add(time.Hour).UnixNano())})
	bz, err := replay.Marshal()
	require.NoError(t, err)
	sent := p.net.SendRaw(p.net.Link(p.trans, p.east).Energy.EndpointA, bz, 600)
	r := p.net.Receive(sent)
	require.False(t, r.Acknowledgement(t).Success(), "the replay is an error acknowledgement")
	_, err = p.net.Acknowledge(r)
	require.ErrorContains(t, err, "no fee refund left by packet", "transmission sent no such refund")
	require.Equal(t, before.Add(eastRefund).Add(transRefund), p.valley.Balance(buyer, p.payDenom))
	p.requireConserved(t)
	p.requireInterchainInvariants(t)
}

func TestTrueUpWithoutChangeRefundsNothing(t *testing.T) {
	p, id := donePurchase(t)
	opEast0, opTrans0 := p.operatorFees()
	n, events := p.trueUp(t, p.trans)
	require.Equal(t, 1, n)
	require.False(t, hasEvent(events, "send_packet"), "nothing to refund, nothing sent")
	require.Empty(t, p.net.Pending())
	tu := hopOn(t, p.trans, id).Trueup
	require.Equal(t, types.TrueUpState_TRUE_UP_STATE_SETTLED, tu.State)
	require.True(t, tu.Refund.IsZero())
	opEast, opTrans := p.operatorFees()
	require.Equal(t, opEast0, opEast)
	require.Equal(t, opTrans0, opTrans)
	p.requireConserved(t)
	p.requireInterchainInvariants(t)
}

func TestTrueUpRefundTimingOutOnTheWayGoesBackToTheOperator(t *testing.T) {
	p, id := donePurchase(t)
	buyer := ibcnet.SenderOf(p.buyer)
	p.setRate(t, p.trans, p.east, feePerMwh/4)
	before := p.valley.Balance(buyer, p.payDenom)
	_, opTrans0 := p.operatorFees()

	n, _ := p.trueUp(t, p.trans)
	require.Equal(t, 1, n)
	_, opTrans := p.operatorFees()
	require.Equal(t, opTrans0.SubRaw(feePerMwh*3/4), opTrans, "the refund left transmission's operator")
	// transmission → east arrives; east's packet on to valley stalls past its timeout.
	pending := p.net.Pending()
	require.Len(t, pending, 1)
	p.net.Receive(pending[0])
	require.Equal(t, types.TrueUpState_TRUE_UP_STATE_SENDING, hopOn(t, p.east, id).Refunds[0].State)
	p.net.AdvanceTime(15 * time.Minute)
	require.Len(t, p.net.TimeoutExpired(), 1)
	p.net.Relay()

	require.Equal(t, before, p.valley.Balance(buyer, p.payDenom), "nothing reached the buyer")
	_, opTrans = p.operatorFees()
	require.Equal(t, opTrans0, opTrans, "the refund is back with transmission's operator")
	tu := hopOn(t, p.trans, id).Trueup
	require.Equal(t, types.TrueUpState_TRUE_UP_STATE_UNDELIVERED, tu.State)
	require.Contains(t, tu.Note, "refund undelivered")
	require.Equal(t, types.TrueUpState_TRUE_UP_STATE_UNDELIVERED, hopOn(t, p.east, id).Refunds[0].State)
	p.requireConserved(t)
	p.requireInterchainInvariants(t)

	// Undelivered is final: the true-up is not made twice.
	n, _ = p.trueUp(t, p.trans)
	require.Zero(t, n)
	require.Empty(t, p.net.Pending())
}

func TestTrueUpTheOperatorCannotPayIsRecordedUndelivered(t *testing.T) {
	p, id := donePurchase(t)
	p.setRate(t, p.east, p.valley, 0) // no rate in EUR any more: the quote stands
	p.setRate(t, p.trans, p.east, feePerMwh/4)
	// Transmission's operator has spent its fees.
	op := p.trans.OperatorAddress()
	spent := p.trans.App.BankKeeper.GetAllBalances(p.trans.Ctx(), op)
	var fees sdk.Coins
	for _, c := range spent {
		if len(c.Denom) > 4 && c.Denom[:4] == "ibc/" {
			fees = fees.Add(c)
		}
	}
	require.NoError(t, p.trans.App.BankKeeper.SendCoins(p.trans.Ctx(), op, ibcnet.SenderOf(p.trans.Participant(1)), fees))

	n, _ := p.trueUp(t, p.trans)
	require.Equal(t, 1, n)
	tu := hopOn(t, p.trans, id).Trueup
	require.Equal(t, types.TrueUpState_TRUE_UP_STATE_UNDELIVERED, tu.State)
	require.Contains(t, tu.Note, "refund not sent")
	require.Empty(t, p.net.Pending(), "nothing left transmission")

	n, _ = p.trueUp(t, p.east)
	require.Equal(t, 1, n)
	east := hopOn(t, p.east, id).Trueup
	require.True(t, east.Refund.IsZero())
	require.Contains(t, east.Note, "its quote stands")
	p.requireConserved(t)
	p.requireInterchainInvariants(t)
}

// A buyer on transmission, the parent of the one link its purchase crosses: transmission
// charges the fee at the origin, in the voucher the buyer pays with (its hash resolved to the
// base denom the rate is set in), and its true-up pays the buyer directly.
func TestTrueUpOnTheBuyersOwnChainPaysTheBuyer(t *testing.T) {
	p := setupPurchase(t)
	buyerAcc := p.trans.Participant(2)
	buyer := ibcnet.SenderOf(buyerAcc)
	registerMeter(t, p.trans, "trans-load-1", buyer.String(), balancingtypes.MeterKind_METER_KIND_CONSUMPTION, balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED)
	funder := ibcnet.SenderOf(p.west.Participant(1))
	p.west.Mint(funder, sdkmath.NewInt(500_000_000))
	_, err := p.west.Transfer(p.net.Link(p.trans, p.west).Transfer.EndpointB, p.west.Participant(1), buyer, sdk.NewCoin(eur, sdkmath.NewInt(500_000_000)))
	require.NoError(t, err)
	p.net.Relay()
	payDenom := voucherOf(t, p.trans, buyer)

	msg := p.quote()
	msg.Buyer, msg.Route, msg.MeterId, msg.PayDenom = buyer.String(), []string{p.west.ChainID}, "trans-load-1", payDenom
	msg.LinkFees = msg.LinkFees[:1]
	msg.MaxTotal = msg.MaxTotal.SubRaw(2 * feePerMwh)
	res, err := p.trans.Deliver(buyerAcc, msg)
	require.NoError(t, err)
	var resp types.MsgBuyRemoteResponse
	requireResponse(t, res.Data, &resp)
	p.net.Relay()
	origin := hopOn(t, p.trans, resp.PurchaseId)
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_DONE, origin.State, origin.Failure)
	require.Equal(t, sdkmath.NewInt(feePerMwh), origin.FeesHeld)

	p.periods(14)
	p.setRate(t, p.trans, p.west, feePerMwh/10)
	before := p.trans.Balance(buyer, payDenom)
	opBefore := p.trans.Balance(p.trans.OperatorAddress(), payDenom)
	n, _ := p.trueUp(t, p.trans)
	require.Equal(t, 1, n)
	require.Empty(t, p.net.Pending(), "nothing crosses a link")
	refund := sdkmath.NewInt(feePerMwh - feePerMwh/10)
	require.Equal(t, before.Add(refund), p.trans.Balance(buyer, payDenom))
	require.Equal(t, opBefore.Sub(refund), p.trans.Balance(p.trans.OperatorAddress(), payDenom))
	tu := hopOn(t, p.trans, resp.PurchaseId).Trueup
	require.Equal(t, types.TrueUpState_TRUE_UP_STATE_SETTLED, tu.State)
	require.Equal(t, []types.LinkTrueUp{{LinkIndex: 0, Charged: sdkmath.NewInt(feePerMwh), Actual: sdkmath.NewInt(feePerMwh / 10)}}, tu.Links)
	p.requireConserved(t)
	p.requireInterchainInvariants(t)
}

func TestTrueUpInvariantCatchesARefundBeyondTheCharge(t *testing.T) {
	p, id := donePurchase(t)
	p.setRate(t, p.east, p.valley, feePerMwh/2)
	n, _ := p.trueUp(t, p.east)
	require.Equal(t, 1, n)
	p.net.Relay()
	p.requireInterchainInvariants(t)

	k, ctx := p.east.App.InterchainKeeper, p.east.Ctx()
	hop := hopOn(t, p.east, id)
	hop.Trueup.Refund = hop.Trueup.Refund.AddRaw(1)
	require.NoError(t, k.Purchases.Set(ctx, id, hop))
	require.ErrorContains(t, k.CheckInvariants(ctx), "true-up refunds")
	hop.Trueup.Refund = hop.Trueup.Refund.SubRaw(1)
	hop.Trueup.Links[0].Actual = hop.Trueup.Links[0].Charged.AddRaw(1)
	require.NoError(t, k.Purchases.Set(ctx, id, hop))
	require.ErrorContains(t, k.CheckInvariants(ctx), "actual fee")
	hop = hopOn(t, p.valley, id)
	require.NoError(t, p.valley.App.InterchainKeeper.PurchasesByEnd.Remove(p.valley.Ctx(), collections.Join(hop.Packet.LastPeriod, id)))
	require.ErrorContains(t, p.valley.App.InterchainKeeper.CheckInvariants(p.valley.Ctx()), "retention index")
}
