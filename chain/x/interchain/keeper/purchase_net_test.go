package keeper_test

import (
	"crypto/ed25519"
	"strings"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	ibctesting "github.com/cosmos/ibc-go/v10/testing"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/testutil/ibcnet"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/interchain/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// The cross-grid purchase of issue 15 on the in-process hierarchy: a consumer on local-valley
// buys the consumer side of a token on regional-west, three links away (valley → east →
// transmission → west), paying in EUR vouchers it brought to valley by ICS-20.

const (
	eur        = "ueur.leman"
	askPerMwh  = int64(80_000_000)
	facePerMwh = int64(70_000_000)
	feePerMwh  = int64(2_000_000) // every link's estimate, set by its parent
	whPerPer   = uint64(250_000)  // 4 periods: 1 MWh
	buyerMeter = "valley-load-1"
	bridgeWh   = uint64(400_000) // per period and direction: room for one purchase of 250 kWh
	// redispatchPerMwh is the token's redispatch price: what a grid operator who cancels the
	// whole chain of tokens pays the buyer per MWh (docs/adr/027).
	redispatchPerMwh = int64(5_000_000)
)

type purchaseNet struct {
	net                       *ibcnet.Network
	valley, east, trans, west *ibcnet.Chain
	seller, buyer             ibctesting.SenderAccount
	tokenID, first            uint64
	payDenom                  string
}

// setupPurchase links the tree, sets every link's fee estimate in EUR, issues and offers a
// token on west, gives the valley buyer a consumption meter and EUR vouchers.
func setupPurchase(t *testing.T) *purchaseNet {
	n := ibcnet.NewHierarchy(t)
	p := &purchaseNet{net: n, valley: n.Chain(ibcnet.LocalValley), east: n.Chain(ibcnet.RegionalEast),
		trans: n.Chain(ibcnet.Transmission), west: n.Chain(ibcnet.RegionalWest)}
	p.seller, p.buyer = p.west.Participant(0), p.valley.Participant(1)

	for _, l := range []struct{ parent, child *ibcnet.Chain }{{p.trans, p.east}, {p.trans, p.west}, {p.east, p.valley}} {
		link := n.Link(l.parent, l.child)
		_, err := l.parent.DeliverAsOperator(&types.MsgSetLinkFee{Operator: l.parent.OperatorAddress().String(),
			ChannelId: link.Energy.EndpointA.ChannelID, BaseDenom: eur, FeePerMwh: sdkmath.NewInt(feePerMwh)})
		require.NoError(t, err)
		for _, dir := range []types.BridgeDirection{types.BridgeDirection_BRIDGE_DIRECTION_UP, types.BridgeDirection_BRIDGE_DIRECTION_DOWN} {
			_, err := l.parent.DeliverAsOperator(&types.MsgSetBridgeCapacity{Operator: l.parent.OperatorAddress().String(),
				ChannelId: link.Energy.EndpointA.ChannelID, Direction: dir, WhPerPeriod: bridgeWh})
			require.NoError(t, err)
		}
	}

	seller := ibcnet.SenderOf(p.seller).String()
	_, err := p.west.DeliverAsOperator(&balancingtypes.MsgUpdateParticipant{Operator: p.west.OperatorAddress().String(),
		Address: seller, DisplayName: "west producer", PositionLimitWh: ibcnet.ParticipantPositionLimitWh,
		Roles:            []balancingtypes.Role{balancingtypes.Role_ROLE_PRODUCER, balancingtypes.Role_ROLE_TRADER},
		TradedCategories: []balancingtypes.EnergyCategory{balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR}})
	require.NoError(t, err)
	registerMeter(t, p.west, "west-pv-1", seller, balancingtypes.MeterKind_METER_KIND_PRODUCTION, balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR)
	now, err := p.west.App.EnergyKeeper.CurrentPeriod(p.west.Ctx())
	require.NoError(t, err)
	p.first = now + 8
	p.tokenID = p.issue(t)

	buyer := ibcnet.SenderOf(p.buyer)
	registerMeter(t, p.valley, buyerMeter, buyer.String(), balancingtypes.MeterKind_METER_KIND_CONSUMPTION, balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED)

	// EUR from west's bank to the buyer: west → transmission → east → valley by ICS-20.
	hops := []struct {
		from     *ibcnet.Chain
		endpoint *ibctesting.Endpoint
		sender   ibctesting.SenderAccount
		to       *ibcnet.Chain
	}{
		{p.west, n.Link(p.trans, p.west).Transfer.EndpointB, p.west.Participant(1), p.trans},
		{p.trans, n.Link(p.trans, p.east).Transfer.EndpointA, p.trans.Participant(1), p.east},
		{p.east, n.Link(p.east, p.valley).Transfer.EndpointA, p.east.Participant(1), p.valley},
	}
	p.west.Mint(ibcnet.SenderOf(p.west.Participant(1)), sdkmath.NewInt(500_000_000))
	denom := eur
	for _, h := range hops {
		receiver := ibcnet.SenderOf(h.to.Participant(1))
		_, err := h.from.Transfer(h.endpoint, h.sender, receiver, sdk.NewCoin(denom, sdkmath.NewInt(500_000_000)))
		require.NoError(t, err)
		n.Relay()
		denom = voucherOf(t, h.to, receiver)
	}
	p.payDenom = denom
	return p
}

// issue issues a token of the seller's on west for periods first..first+3 and offers its
// consumer side at askPerMwh.
func (p *purchaseNet) issue(t *testing.T) uint64 {
	t.Helper()
	seller := ibcnet.SenderOf(p.seller).String()
	res, err := p.west.Deliver(p.seller, &energytypes.MsgIssueToken{
		Issuer: seller, FirstPeriod: p.first, LastPeriod: p.first + 3, WhPerPeriod: whPerPer,
		ProducerMeterId: "west-pv-1",
		Co2Grams:        40, FaceValuePerMwh: energytypes.Money{Amount: sdkmath.NewInt(facePerMwh), Denom: eur},
		Terms: energytypes.ContractTerms{SettlementDelayPeriods: 4, CancellationFee: sdkmath.ZeroInt(),
			ProducerDefaultFee: sdkmath.ZeroInt(), ConsumerDefaultFee: sdkmath.ZeroInt()},
		Capabilities: energytypes.BalancingCapabilities{Redispatch: energytypes.Capability{Offered: true, MobilisationSeconds: 900, PricePerMwh: redispatchPerMwh}},
	})
	require.NoError(t, err)
	var issued energytypes.MsgIssueTokenResponse
	requireResponse(t, res.Data, &issued)
	p.offerToken(t, issued.TokenId, askPerMwh)
	return issued.TokenId
}

// voucherOf is the one ibc/ denom addr holds.
func voucherOf(t *testing.T, c *ibcnet.Chain, addr sdk.AccAddress) string {
	t.Helper()
	for _, coin := range c.App.BankKeeper.GetAllBalances(c.Ctx(), addr) {
		if strings.HasPrefix(coin.Denom, "ibc/") {
			return coin.Denom
		}
	}
	t.Fatalf("%s holds no voucher on %s", addr, c.ChainID)
	return ""
}

func requireResponse(t *testing.T, data []byte, resp interface{ Unmarshal([]byte) error }) {
	t.Helper()
	var msgData sdk.TxMsgData
	require.NoError(t, msgData.Unmarshal(data))
	require.Len(t, msgData.MsgResponses, 1)
	require.NoError(t, resp.Unmarshal(msgData.MsgResponses[0].Value))
}

func (p *purchaseNet) offer(t *testing.T, price int64) {
	t.Helper()
	p.offerToken(t, p.tokenID, price)
}

func (p *purchaseNet) offerToken(t *testing.T, id uint64, price int64) {
	t.Helper()
	_, err := p.west.Deliver(p.seller, &energytypes.MsgSetAsk{Owner: ibcnet.SenderOf(p.seller).String(), TokenId: id,
		Side: energytypes.Side_SIDE_CONSUMER, Ask: energytypes.Ask{ForSale: price >= 0, PricePerMwh: max(price, 0), Denom: eur}})
	require.NoError(t, err)
}

// quote is the purchase at the offered price: 1 MWh, three links.
func (p *purchaseNet) quote() *types.MsgBuyRemote {
	bankFee := func(x int64) int64 { return x * 5 / 10_000 } // ibcnet banks charge 5 basis points
	fee := sdkmath.NewInt(feePerMwh)
	return &types.MsgBuyRemote{
		Buyer: ibcnet.SenderOf(p.buyer).String(), Route: []string{p.east.ChainID, p.trans.ChainID, p.west.ChainID},
		TokenId: p.tokenID, Side: energytypes.Side_SIDE_CONSUMER, MeterId: buyerMeter, AskDenom: eur,
		PricePerMwh: askPerMwh, FaceValuePerMwh: sdkmath.NewInt(facePerMwh), FirstPeriod: p.first, LastPeriod: p.first + 3,
		WhPerPeriod: whPerPer, LinkFees: []string{fee.String(), fee.String(), fee.String()}, BankFees: sdkmath.NewInt(bankFee(askPerMwh) + bankFee(facePerMwh)),
		PayDenom: p.payDenom, MaxTotal: sdkmath.NewInt(askPerMwh + facePerMwh + bankFee(askPerMwh) + bankFee(facePerMwh) + 3*feePerMwh),
	}
}

func (p *purchaseNet) buy(t *testing.T, msg *types.MsgBuyRemote) string {
	t.Helper()
	res, err := p.valley.Deliver(p.buyer, msg)
	require.NoError(t, err)
	var resp types.MsgBuyRemoteResponse
	requireResponse(t, res.Data, &resp)
	require.Equal(t, msg.MaxTotal, resp.Paid)
	return resp.PurchaseId
}

func hopOn(t *testing.T, c *ibcnet.Chain, id string) types.PurchaseHop {
	t.Helper()
	res, err := keeper.NewQueryServerImpl(c.App.InterchainKeeper).Purchase(c.Ctx(), &types.QueryPurchaseRequest{PurchaseId: id})
	require.NoError(t, err, "purchase %s on %s", id, c.ChainID)
	return res.Hop
}

// interfaceAccounts are every interface account of c (one per link).
func interfaceAccounts(c *ibcnet.Chain) []sdk.AccAddress {
	hood := c.Neighbourhood()
	var out []sdk.AccAddress
	if hood.Parent != nil {
		out = append(out, types.InterfaceAccount(hood.Parent.Link.EnergyChannelId))
	}
	for _, l := range hood.Children {
		out = append(out, types.InterfaceAccount(l.Link.EnergyChannelId))
	}
	return out
}

// requireConserved checks, on every chain, the modules' invariants, that no interface
// account holds a coin (value is in transit only while a purchase is pending), and that
// every ICS-20 escrow backs exactly the vouchers of its denom on the other side.
func (p *purchaseNet) requireConserved(t *testing.T) {
	t.Helper()
	for _, c := range []*ibcnet.Chain{p.valley, p.east, p.trans, p.west} {
		ctx := c.Ctx()
		require.NoError(t, c.App.EnergyKeeper.CheckInvariants(ctx), c.ChainID)
		require.NoError(t, c.App.FiatKeeper.CheckInvariants(ctx), c.ChainID)
		require.NoError(t, c.App.InterchainKeeper.CheckInvariants(ctx), c.ChainID)
		for _, a := range interfaceAccounts(c) {
			require.True(t, c.App.BankKeeper.GetAllBalances(ctx, a).IsZero(), "interface account %s on %s holds %s", a, c.ChainID, c.App.BankKeeper.GetAllBalances(ctx, a))
		}
	}
	for _, l := range p.net.Links() {
		requireEscrowBacksVouchers(t, l.Transfer.EndpointA, l.Transfer.EndpointB)
		requireEscrowBacksVouchers(t, l.Transfer.EndpointB, l.Transfer.EndpointA)
	}
}

// requireEscrowBacksVouchers: what a's channel escrows of each denom equals the supply of its
// voucher on b (vouchers of b's own channel, minted only by receipts from a).
func requireEscrowBacksVouchers(t *testing.T, a, b *ibctesting.Endpoint) {
	t.Helper()
	ca, cb := chainApp(a), chainApp(b)
	escrow := transferEscrow(a)
	for _, coin := range ca.BankKeeper.GetAllBalances(a.Chain.GetContext(), escrow) {
		denom := voucherOn(t, ca, a, b, coin.Denom)
		require.Equal(t, coin.Amount, cb.BankKeeper.GetSupply(b.Chain.GetContext(), denom).Amount,
			"escrow of %s on %s/%s against vouchers on %s", coin.Denom, a.Chain.ChainID, a.ChannelID, b.Chain.ChainID)
	}
}

func TestCrossGridPurchaseThreeLinks(t *testing.T) {
	p := setupPurchase(t)
	msg := p.quote()
	buyer := ibcnet.SenderOf(p.buyer)
	before := p.valley.Balance(buyer, p.payDenom)
	sellerBefore := settlementBalance(t, p.west, ibcnet.SenderOf(p.seller), eur)
	opTrans := p.trans.OperatorAddress()
	opEast := p.east.OperatorAddress()

	id := p.buy(t, msg)
	require.Equal(t, before.Sub(msg.MaxTotal), p.valley.Balance(buyer, p.payDenom), "the buyer pays the quote at once")
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_PENDING, hopOn(t, p.valley, id).State)
	p.net.Relay()

	require.Empty(t, hopOn(t, p.valley, id).Failure)
	for _, c := range []*ibcnet.Chain{p.valley, p.east, p.trans, p.west} {
		require.Equal(t, types.PurchaseState_PURCHASE_STATE_DONE, hopOn(t, c, id).State, c.ChainID)
	}
	origin := hopOn(t, p.valley, id)
	require.Len(t, origin.TokenIds, 4)
	require.Equal(t, p.tokenID, origin.TokenIds[3])
	require.Empty(t, origin.Failure)

	// West: the side belongs to west's interface account, the seller is paid the ask.
	westIface := types.InterfaceAccount(p.west.Neighbourhood().Parent.Link.EnergyChannelId)
	bought, err := p.west.App.EnergyKeeper.GetToken(p.west.Ctx(), p.tokenID)
	require.NoError(t, err)
	require.Equal(t, westIface.String(), bought.Consumer.Owner)
	require.Equal(t, sellerBefore.AddRaw(askPerMwh), settlementBalance(t, p.west, ibcnet.SenderOf(p.seller), eur))
	require.Equal(t, sdkmath.NewInt(facePerMwh+facePerMwh*5/10_000), settlementBalance(t, p.west, westIface, eur),
		"the face value and its bank fee wait in the interface account until delivery")

	// The chain of bridge tokens: valley's consumer side is the buyer's at its meter.
	vt, err := p.valley.App.EnergyKeeper.GetToken(p.valley.Ctx(), origin.TokenIds[0])
	require.NoError(t, err)
	require.Equal(t, buyer.String(), vt.Consumer.Owner)
	require.Equal(t, buyerMeter, vt.Consumer.MeterId)
	require.Equal(t, id, vt.Bridge.PurchaseId)
	for i, c := range []*ibcnet.Chain{p.east, p.trans} {
		bt, err := c.App.EnergyKeeper.GetToken(c.Ctx(), origin.TokenIds[i+1])
		require.NoError(t, err)
		require.Equal(t, id, bt.Bridge.PurchaseId, c.ChainID)
		require.True(t, strings.HasPrefix(bt.Producer.MeterId, "interface:"), c.ChainID)
		require.True(t, strings.HasPrefix(bt.Consumer.MeterId, "interface:"), c.ChainID)
		require.Equal(t, whPerPer, bt.WhPerPeriod)
	}

	// Fees once per link: east's operator the valley link's, transmission's operator both of its links'.
	require.Equal(t, sdkmath.NewInt(feePerMwh), sumVouchers(p.east, opEast), "east charges the valley link once")
	require.Equal(t, sdkmath.NewInt(2*feePerMwh), sumVouchers(p.trans, opTrans), "transmission charges its two links once each")
	p.requireConserved(t)
}

func TestCrossGridPurchaseRefusedAtTheFarEndIsRefundedEverywhere(t *testing.T) {
	p := setupPurchase(t)
	buyer := ibcnet.SenderOf(p.buyer)
	before := p.valley.Balance(buyer, p.payDenom)
	msg := p.quote()
	id := p.buy(t, msg)
	p.offer(t, askPerMwh+1) // the seller re-prices before the order arrives
	p.net.Relay()

	for _, c := range []*ibcnet.Chain{p.valley, p.east, p.trans} {
		hop := hopOn(t, c, id)
		require.Equal(t, types.PurchaseState_PURCHASE_STATE_REFUNDED, hop.State, c.ChainID)
		require.Empty(t, hop.TokenIds)
	}
	_, err := keeper.NewQueryServerImpl(p.west.App.InterchainKeeper).Purchase(p.west.Ctx(), &types.QueryPurchaseRequest{PurchaseId: id})
	require.ErrorIs(t, err, types.ErrPurchaseNotFound, "the refusal left nothing on west")
	require.Equal(t, before, p.valley.Balance(buyer, p.payDenom), "the buyer has every unit back")
	require.True(t, sumVouchers(p.east, p.east.OperatorAddress()).IsZero(), "no fee was paid")
	p.requireConserved(t)
}

func TestCrossGridPurchaseTimingOutBetweenIsRefundedEverywhere(t *testing.T) {
	p := setupPurchase(t)
	buyer := ibcnet.SenderOf(p.buyer)
	before := p.valley.Balance(buyer, p.payDenom)
	msg := p.quote()
	msg.TimeoutSeconds = 300
	id := p.buy(t, msg)
	// valley → east arrives; east sends on to transmission, and the relayer stalls.
	pending := p.net.Pending()
	require.Len(t, pending, 1)
	p.net.Receive(pending[0])
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_PENDING, hopOn(t, p.east, id).State)
	p.net.AdvanceTime(10 * time.Minute)
	p.net.TimeoutExpired()
	p.net.Relay()

	for _, c := range []*ibcnet.Chain{p.valley, p.east} {
		hop := hopOn(t, c, id)
		require.Equal(t, types.PurchaseState_PURCHASE_STATE_REFUNDED, hop.State, c.ChainID)
	}
	require.Equal(t, "timeout", hopOn(t, p.east, id).Failure)
	require.Equal(t, before, p.valley.Balance(buyer, p.payDenom))
	p.requireConserved(t)
}

func settlementBalance(t *testing.T, c *ibcnet.Chain, addr sdk.AccAddress, denom string) sdkmath.Int {
	t.Helper()
	acc, err := c.App.FiatKeeper.GetSettlementAccount(c.Ctx(), addr, denom)
	require.NoError(t, err)
	if acc.Balance.IsNil() {
		return sdkmath.ZeroInt()
	}
	return acc.Balance
}

// sumVouchers adds up addr's ICS-20 vouchers on c.
func sumVouchers(c *ibcnet.Chain, addr sdk.AccAddress) sdkmath.Int {
	sum := sdkmath.ZeroInt()
	for _, coin := range c.App.BankKeeper.GetAllBalances(c.Ctx(), addr) {
		if strings.HasPrefix(coin.Denom, "ibc/") {
			sum = sum.Add(coin.Amount)
		}
	}
	return sum
}

func chainApp(e *ibctesting.Endpoint) *app.App { return e.Chain.App.(*app.App) }

func transferEscrow(e *ibctesting.Endpoint) sdk.AccAddress {
	return transfertypes.GetEscrowAddress(e.ChannelConfig.PortID, e.ChannelID)
}

// voucherOn is the voucher b mints for denom escrowed on a's end of the channel.
func voucherOn(t *testing.T, ca *app.App, a, b *ibctesting.Endpoint, denom string) string {
	t.Helper()
	d := transfertypes.NewDenom(denom)
	if strings.HasPrefix(denom, "ibc/") {
		var err error
		d, err = ca.TransferKeeper.GetDenomFromIBCDenom(a.Chain.GetContext(), denom)
		require.NoError(t, err)
	}
	d.Trace = append([]transfertypes.Hop{transfertypes.NewHop(b.ChannelConfig.PortID, b.ChannelID)}, d.Trace...)
	return d.IBCDenom()
}

func registerMeter(t *testing.T, c *ibcnet.Chain, id, owner string, kind balancingtypes.MeterKind, category balancingtypes.EnergyCategory) {
	t.Helper()
	_, err := c.DeliverAsOperator(&balancingtypes.MsgRegisterMeter{
		Operator: c.OperatorAddress().String(), Id: id, Owner: owner, Kind: kind, Category: category,
		Location: balancingtypes.Location{Area: "CH-GR"}, KeyAlgorithm: balancingtypes.KeyAlgorithm_KEY_ALGORITHM_ED25519,
		PublicKey: ed25519.NewKeyFromSeed(make([]byte, 32)).Public().(ed25519.PublicKey),
		PointKind: balancingtypes.MeteringPointKind_METERING_POINT_KIND_COMPANY,
	})
	require.NoError(t, err)
}

func TestCrossGridPurchasesCompetingForTheLastCapacity(t *testing.T) {
	p := setupPurchase(t)
	buyer := ibcnet.SenderOf(p.buyer)
	before := p.valley.Balance(buyer, p.payDenom)
	second := p.quote()
	second.TokenId = p.issue(t)
	// Each purchase needs 250 kWh per period; every link has room for 400 kWh: one wins.
	first := p.buy(t, p.quote())
	other := p.buy(t, second)
	p.net.Relay()

	require.Equal(t, types.PurchaseState_PURCHASE_STATE_DONE, hopOn(t, p.valley, first).State)
	loser := hopOn(t, p.valley, other)
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_REFUNDED, loser.State)
	require.Contains(t, loser.Failure, "ABCI code: 17", "east's bridge to valley is full (ErrBridgeFull, the code only)")
	_, err := keeper.NewQueryServerImpl(p.east.App.InterchainKeeper).Purchase(p.east.Ctx(), &types.QueryPurchaseRequest{PurchaseId: other})
	require.ErrorIs(t, err, types.ErrPurchaseNotFound, "the refused receipt left nothing on east")
	require.Equal(t, before.Sub(p.quote().MaxTotal), p.valley.Balance(buyer, p.payDenom), "the loser is refunded in full, the winner paid once")
	tok, err := p.west.App.EnergyKeeper.GetToken(p.west.Ctx(), second.TokenId)
	require.NoError(t, err)
	require.Equal(t, ibcnet.SenderOf(p.seller).String(), tok.Consumer.Owner, "the second token was not sold")
	channel := p.net.Link(p.east, p.valley).Energy.EndpointA.ChannelID
	for period := p.first; period <= p.first+3; period++ {
		r, err := p.east.App.InterchainKeeper.BridgeReserved(p.east.Ctx(), channel, types.BridgeDirection_BRIDGE_DIRECTION_DOWN, period)
		require.NoError(t, err)
		require.Equal(t, whPerPer, r, "only the winner's energy is reserved")
	}
	p.requireConserved(t)
}

func TestCrossGridPurchaseTimingOutAtEachHopIsRefundedEverywhere(t *testing.T) {
	for received, stalled := range []string{"valley → east", "east → transmission", "transmission → west"} {
		t.Run(stalled, func(t *testing.T) {
			p := setupPurchase(t)
			buyer := ibcnet.SenderOf(p.buyer)
			before := p.valley.Balance(buyer, p.payDenom)
			msg := p.quote()
			msg.TimeoutSeconds = 300
			id := p.buy(t, msg)
			reached := []*ibcnet.Chain{p.valley}
			for range received { // the relayer carries the purchase this far, then stalls
				pending := p.net.Pending()
				require.Len(t, pending, 1)
				reached = append(reached, p.net.Receive(pending[0]).To)
			}
			p.net.AdvanceTime(10 * time.Minute)
			require.Len(t, p.net.TimeoutExpired(), 1)
			p.net.Relay()

			for _, c := range reached {
				hop := hopOn(t, c, id)
				require.Equal(t, types.PurchaseState_PURCHASE_STATE_REFUNDED, hop.State, c.ChainID)
				require.Empty(t, hop.TokenIds, c.ChainID)
			}
			require.Equal(t, "timeout", hopOn(t, reached[len(reached)-1], id).Failure, "the chain whose packet timed out says so")
			_, err := keeper.NewQueryServerImpl(p.west.App.InterchainKeeper).Purchase(p.west.Ctx(), &types.QueryPurchaseRequest{PurchaseId: id})
			require.ErrorIs(t, err, types.ErrPurchaseNotFound, "the token's chain never saw it")
			require.Equal(t, before, p.valley.Balance(buyer, p.payDenom), "the buyer has every unit back")
			for _, c := range []*ibcnet.Chain{p.east, p.trans} {
				require.True(t, sumVouchers(c, c.OperatorAddress()).IsZero(), "%s's operator was paid no fee", c.ChainID)
			}
			p.requireConserved(t)
		})
	}
}

func TestCrossGridPurchaseOverOneLink(t *testing.T) {
	p := setupPurchase(t)
	// A consumer on transmission buys west's token: one link, whose parent (transmission, the
	// buyer's own chain) holds the fee and the capacity.
	buyerAcc := p.trans.Participant(3)
	buyer := ibcnet.SenderOf(buyerAcc)
	payDenom := p.fund(t, p.trans, buyer, sdkmath.NewInt(200_000_000))
	registerMeter(t, p.trans, "trans-load-1", buyer.String(), balancingtypes.MeterKind_METER_KIND_CONSUMPTION, balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED)
	msg := p.quote()
	fee := sdkmath.NewInt(feePerMwh)
	msg.Buyer, msg.Route, msg.MeterId, msg.PayDenom = buyer.String(), []string{p.west.ChainID}, "trans-load-1", payDenom
	msg.LinkFees, msg.MaxTotal = []string{fee.String()}, msg.MaxTotal.Sub(fee.MulRaw(2))
	before := p.trans.Balance(buyer, payDenom)
	res, err := p.trans.Deliver(buyerAcc, msg)
	require.NoError(t, err)
	var resp types.MsgBuyRemoteResponse
	requireResponse(t, res.Data, &resp)
	p.net.Relay()

	origin := hopOn(t, p.trans, resp.PurchaseId)
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_DONE, origin.State)
	require.Equal(t, []uint64{origin.TokenIds[0], p.tokenID}, origin.TokenIds)
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_DONE, hopOn(t, p.west, resp.PurchaseId).State)
	bt, err := p.trans.App.EnergyKeeper.GetToken(p.trans.Ctx(), origin.TokenIds[0])
	require.NoError(t, err)
	require.Equal(t, buyer.String(), bt.Consumer.Owner)
	require.Equal(t, before.Sub(msg.MaxTotal), p.trans.Balance(buyer, payDenom))
	require.Equal(t, fee, sumVouchers(p.trans, p.trans.OperatorAddress()), "transmission charges its one link once")
	p.requireConserved(t)
}

func TestCrossGridPurchaseRefusedToStrangersAndSuspendedParticipantsChangesNothing(t *testing.T) {
	p := setupPurchase(t)
	producer, suspended := p.valley.Participant(4), p.valley.Participant(5)
	_, err := p.valley.DeliverAsOperator(&balancingtypes.MsgUpdateParticipant{Operator: p.valley.OperatorAddress().String(),
		Address: ibcnet.SenderOf(producer).String(), DisplayName: "valley producer", PositionLimitWh: ibcnet.ParticipantPositionLimitWh,
		Roles: []balancingtypes.Role{balancingtypes.Role_ROLE_PRODUCER}})
	require.NoError(t, err)
	_, err = p.valley.DeliverAsOperator(&balancingtypes.MsgSuspendParticipant{Operator: p.valley.OperatorAddress().String(),
		Address: ibcnet.SenderOf(suspended).String(), ReasonCode: "collateral"})
	require.NoError(t, err)
	seq, err := p.valley.App.InterchainKeeper.PurchaseSeq.Peek(p.valley.Ctx())
	require.NoError(t, err)
	buyerBalance := p.valley.Balance(ibcnet.SenderOf(p.buyer), p.payDenom)

	for _, tc := range []struct {
		name   string
		sender ibctesting.SenderAccount
		want   string
	}{
		{"a participant without a consuming role", producer, "consuming role"},
		{"a suspended participant", suspended, ""},
		{"an account that is no participant", p.valley.Relayer(), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := p.quote()
			msg.Buyer = ibcnet.SenderOf(tc.sender).String()
			_, err := p.valley.Deliver(tc.sender, msg)
			require.Error(t, err)
			require.ErrorContains(t, err, tc.want)
			require.Empty(t, p.net.Pending(), "nothing was sent")
			after, err := p.valley.App.InterchainKeeper.PurchaseSeq.Peek(p.valley.Ctx())
			require.NoError(t, err)
			require.Equal(t, seq, after, "no purchase was numbered")
			require.Equal(t, buyerBalance, p.valley.Balance(ibcnet.SenderOf(p.buyer), p.payDenom))
		})
	}
	tok, err := p.west.App.EnergyKeeper.GetToken(p.west.Ctx(), p.tokenID)
	require.NoError(t, err)
	require.True(t, tok.Consumer.Ask.ForSale, "the side is still offered")
	p.requireConserved(t)
}
