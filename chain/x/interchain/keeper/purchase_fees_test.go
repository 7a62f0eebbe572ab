package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil/ibcnet"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// Where the link fees held at the quote go (docs/adr/029 §2): to the grid operator of each
// link's parent when the purchase is done, back to the buyer when it is refunded, whichever
// hop refused or timed out; never anywhere else.

// operatorFees are the vouchers east's and transmission's operators hold (valley and west are
// the parent of no link on the path).
func (p *purchaseNet) operatorFees() (east, trans sdkmath.Int) {
	return sumVouchers(p.east, p.east.OperatorAddress()), sumVouchers(p.trans, p.trans.OperatorAddress())
}

func TestHeldFeesReachTheParentsOperatorsWhenDone(t *testing.T) {
	p := setupPurchase(t)
	buyer := ibcnet.SenderOf(p.buyer)
	before := p.valley.Balance(buyer, p.payDenom)
	msg := p.quote()
	id := p.buy(t, msg)
	// While pending, each parent holds its fee in the interface account the value landed in.
	p.net.Receive(p.net.Pending()[0])
	east := hopOn(t, p.east, id)
	require.Equal(t, sdkmath.NewInt(feePerMwh), east.FeesHeld)
	require.Equal(t, sdkmath.NewInt(feePerMwh), p.east.Balance(east.FeeHolder(), east.Value.Denom), "east holds the valley link's fee")
	p.net.Relay()

	opEast, opTrans := p.operatorFees()
	require.Equal(t, sdkmath.NewInt(feePerMwh), opEast)
	require.Equal(t, sdkmath.NewInt(2*feePerMwh), opTrans)
	require.True(t, sumVouchers(p.west, p.west.OperatorAddress()).IsZero(), "west is the parent of no link")
	require.True(t, sumVouchers(p.valley, p.valley.OperatorAddress()).IsZero(), "valley is the parent of no link")
	// Everything the buyer paid is accounted for: the fees with the operators, the rest
	// (ask, face value, bank fees) spent on west.
	require.Equal(t, before.Sub(msg.MaxTotal), p.valley.Balance(buyer, p.payDenom))
	p.requireConserved(t)
	p.requireInterchainInvariants(t)
}

func TestHeldFeesGoBackToTheBuyerWhenTheFarHopTimesOut(t *testing.T) {
	p := setupPurchase(t)
	buyer := ibcnet.SenderOf(p.buyer)
	before := p.valley.Balance(buyer, p.payDenom)
	msg := p.quote()
	msg.TimeoutSeconds = 300
	id := p.buy(t, msg)
	// valley → east → transmission arrive; transmission's packet to west stalls.
	p.net.Receive(p.net.Pending()[0])
	p.net.Receive(p.net.Pending()[0])
	require.Equal(t, sdkmath.NewInt(2*feePerMwh), hopOn(t, p.trans, id).FeesHeld, "transmission holds both its links' fees")
	p.net.AdvanceTime(10 * time.Minute)
	p.net.TimeoutExpired()
	p.net.Relay()

	for _, c := range []*ibcnet.Chain{p.valley, p.east, p.trans} {
		require.Equal(t, types.PurchaseState_PURCHASE_STATE_REFUNDED, hopOn(t, c, id).State, c.ChainID)
	}
	opEast, opTrans := p.operatorFees()
	require.True(t, opEast.IsZero(), "east's operator was paid nothing")
	require.True(t, opTrans.IsZero(), "transmission's operator was paid nothing")
	require.Equal(t, before, p.valley.Balance(buyer, p.payDenom), "the buyer has every fee back")
	p.requireConserved(t)
	p.requireInterchainInvariants(t)
}
