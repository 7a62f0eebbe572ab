package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// bidMsg is the consumer's bid (seed §3.2.1): a new solar token of 1000 Wh per period
// at its own connection on both sides, the producer side offered at priceAsk per MWh.
func (m *market) bidMsg(priceAsk int64) *types.MsgIssueToken {
	msg := m.issueMsg()
	msg.Issuer, msg.ProducerMeterId, msg.ConsumerMeterId = m.consumer.String(), consumerLoad, consumerLoad
	msg.Category, msg.Capabilities = solar, types.BalancingCapabilities{}
	msg.ProducerAsk = types.Ask{ForSale: true, PricePerMwh: priceAsk, Denom: chf}
	return msg
}

// TestPureConsumerBidsWithANewToken: a consumer with one consumption meter and no virtual
// meter issues a token at its own address on both sides with the producer side offered;
// a producer with one solar plant and nothing else buys that side at its plant.
func TestPureConsumerBidsWithANewToken(t *testing.T) {
	m := newMarket(t)
	ctx := withEvents(m.branch(t))
	res, err := m.msgs.IssueToken(ctx, m.bidMsg(-2_000_000))
	require.NoError(t, err)
	bid := m.token(t, ctx, res.TokenId)
	require.Equal(t, solar, bid.Category, "the category a bid states")
	require.Equal(t, types.TokenSide{Owner: m.consumer.String(), MeterId: consumerLoad, Ask: types.Ask{ForSale: true, PricePerMwh: -2_000_000, Denom: chf}}, bid.Producer)
	require.Equal(t, types.TokenSide{Owner: m.consumer.String(), MeterId: consumerLoad}, bid.Consumer)
	ask := types.Ask{ForSale: true, PricePerMwh: -2_000_000, Denom: chf}
	require.Equal(t, []*types.EventAskChanged{{TokenId: bid.Id, Side: producerSide, Ask: &ask}}, eventsOf[*types.EventAskChanged](t, ctx),
		"an ask set at issue is announced like SetAsk's")
	offers, err := m.q.Offers(ctx, &types.QueryOffersRequest{Side: producerSide, Denom: chf, Category: solar})
	require.NoError(t, err)
	require.Len(t, offers.Tokens, 1)
	require.Equal(t, bid.Id, offers.Tokens[0].Id, "the bid is in the producer-side offers")

	// The issuer's own consumption meter held the producer side only while it held both:
	// a buyer names a meter of its own that fits the side.
	m.refused(t, ctx, types.ErrInvalidMeter, func(ctx sdk.Context) error {
		_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.producer.String(), TokenId: bid.Id, Side: producerSide, MaxPricePerMwh: 0, Denom: chf, MeterId: producerLoad})
		return err
	})
	walletBefore := m.settlement(ctx, m.pureProducer, chf)
	paid := m.buy(t, ctx, m.pureProducer, bid.Id, producerSide, 0, chf, pureSolar)
	require.Equal(t, sdkmath.NewInt(8_000), paid, "a negative ask pays the buyer: 2 CHF/MWh x 4 kWh = 8,000 uchf")
	require.True(t, m.settlement(ctx, m.pureProducer, chf).GT(walletBefore), "the producer was paid to take the bid")
	bought := m.token(t, ctx, bid.Id)
	require.Equal(t, types.TokenSide{Owner: m.pureProducer.String(), MeterId: pureSolar}, bought.Producer)
	require.Equal(t, types.TokenSide{Owner: m.consumer.String(), MeterId: consumerLoad}, bought.Consumer)
	m.requirePosition(t, ctx, m.consumer, m.now+4, 0, 1000)
	m.requirePosition(t, ctx, m.pureProducer, m.now+4, 1000, 0)
}

// TestPureProducerOffersWithANewToken: a producer with a solar plant and no consumption
// meter issues at its plant on both sides, the consumer side offered; the category comes
// from the plant.
func TestPureProducerOffersWithANewToken(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	msg := m.issueMsg()
	msg.Issuer, msg.ProducerMeterId, msg.ConsumerMeterId = m.pureProducer.String(), pureSolar, pureSolar
	msg.ConsumerAsk = types.Ask{ForSale: true, PricePerMwh: 5_000_000, Denom: chf}
	res, err := m.msgs.IssueToken(ctx, msg)
	require.NoError(t, err)
	offer := m.token(t, ctx, res.TokenId)
	require.Equal(t, solar, offer.Category)
	require.Equal(t, types.TokenSide{Owner: m.pureProducer.String(), MeterId: pureSolar, Ask: msg.ConsumerAsk}, offer.Consumer)
	m.requirePosition(t, ctx, m.pureProducer, m.now+4, 1000, 1000)

	m.buy(t, ctx, m.consumer, offer.Id, consumerSide, 5_000_000, chf, consumerLoad)
	bought := m.token(t, ctx, offer.Id)
	require.Equal(t, types.TokenSide{Owner: m.consumer.String(), MeterId: consumerLoad}, bought.Consumer)
	m.requirePosition(t, ctx, m.pureProducer, m.now+4, 1000, 0)
	m.requirePosition(t, ctx, m.consumer, m.now+4, 0, 1000)

	// Without a meter named, a side goes to a virtual meter, which a pure producer lacks.
	msg.ConsumerAsk, msg.ProducerMeterId, msg.Category = types.Ask{}, "", solar
	m.refused(t, ctx, types.ErrInvalidMeter, func(ctx sdk.Context) error {
		_, err := m.msgs.IssueToken(ctx, msg)
		return err
	})
}

// requirePosition asserts who's Wh on each side in one period.
func (m *market) requirePosition(t testing.TB, ctx sdk.Context, who sdk.AccAddress, period, producerWh, consumerWh uint64) {
	t.Helper()
	pos, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: who.String(), FromPeriod: period, ToPeriod: period})
	require.NoError(t, err)
	net := int64(consumerWh) - int64(producerWh)
	require.Equal(t, []types.PeriodPosition{{Period: period, ProducerWh: producerWh, ConsumerWh: consumerWh, NetWh: net}}, pos.Periods, "%s in period %d", who, period)
}

// TestOffKindSidesAreNeverStranded: the issuer's own meter of the other kind holds a side
// only while the issuer holds both; a bid sells its producer side, never its consumer side.
func TestOffKindSidesAreNeverStranded(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	wrongAsk := m.bidMsg(0)
	wrongAsk.ProducerAsk, wrongAsk.ConsumerAsk = types.Ask{}, types.Ask{ForSale: true, Denom: chf}
	m.refused(t, ctx, types.ErrInvalidMeter, func(ctx sdk.Context) error {
		_, err := m.msgs.IssueToken(ctx, wrongAsk) // would sell energy it cannot deliver
		return err
	})
	res, err := m.msgs.IssueToken(ctx, m.bidMsg(0))
	require.NoError(t, err)
	c := m.consumer.String()
	m.setAsk(t, ctx, m.consumer, res.TokenId, consumerSide, 0, chf)        // an ask can be set ...
	m.refused(t, ctx, types.ErrInvalidMeter, func(ctx sdk.Context) error { // ... but the sale is refused
		_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.trader.String(), TokenId: res.TokenId, Side: consumerSide, Denom: chf, MeterId: m.virtual(m.trader, solar)})
		return err
	})
	m.refused(t, ctx, types.ErrInvalidMeter, func(ctx sdk.Context) error {
		_, err := m.msgs.HandOverSide(ctx, &types.MsgHandOverSide{From: c, To: m.trader.String(), TokenId: res.TokenId, Side: consumerSide})
		return err
	})
	m.buy(t, ctx, m.pureProducer, res.TokenId, producerSide, 0, chf, pureSolar) // the bid's own way
}

// TestAuditedMeterCannotFillALowerCO2Token: a producer side moves onto an audited
// production meter only if the meter's intensity gives the energy no more CO2 than the
// token states.
func TestAuditedMeterCannotFillALowerCO2Token(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	m.registerAuditedMeter(t, ctx, "CH-P-GAS-AUDITED", 400_000) // 400 g/kWh
	bid := m.bidMsg(0)
	bid.Co2Grams = 1_000 // 4 kWh at 250 g/kWh at most
	res, err := m.msgs.IssueToken(ctx, bid)
	require.NoError(t, err)
	m.refused(t, ctx, types.ErrInvalidCO2, func(ctx sdk.Context) error { // 4 kWh x 400 g = 1,600 g
		_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.producer.String(), TokenId: res.TokenId, Side: producerSide, Denom: chf, MeterId: "CH-P-GAS-AUDITED"})
		return err
	})
	m.buy(t, ctx, m.producer, res.TokenId, producerSide, 0, chf, solarMeter) // not audited: the issuer's statement stands
}

// TestRetiredMetersCarryNoNewSides: once the operator retires a meter, no token is issued
// at it and no side moves onto it.
func TestRetiredMetersCarryNoNewSides(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	id := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, id, consumerSide, 0, chf)
	_, err := balancingkeeper.NewMsgServerImpl(m.c.App.BalancingKeeper).RetireMeter(ctx, &balancingtypes.MsgRetireMeter{
		Operator: m.operator.String(), Id: consumerLoad, ReasonCode: "replaced"})
	require.NoError(t, err)
	m.refused(t, ctx, types.ErrInvalidMeter, func(ctx sdk.Context) error {
		_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.consumer.String(), TokenId: id, Side: consumerSide, Denom: chf, MeterId: consumerLoad})
		return err
	})
	m.refused(t, ctx, types.ErrInvalidMeter, func(ctx sdk.Context) error {
		_, err := m.msgs.IssueToken(ctx, m.bidMsg(0)) // at the consumer's retired connection
		return err
	})
}
