package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

// TestBuySidePaysMovesAndVoids buys offered sides at every kind of price: the payment
// goes through x/fiat with the bank's fee on top, the side moves to the buyer's meter,
// its price is voided, and the trade is recorded and announced.
func TestBuySidePaysMovesAndVoids(t *testing.T) {
	m := newMarket(t)
	for _, tc := range []struct {
		name      string
		buyer     func() sdk.AccAddress
		side      types.Side
		price     int64 // ask per MWh; the token holds 4000 Wh
		max       int64
		denom     string
		meter     string
		wantMeter func() string
		wantPaid  int64 // what changed hands, always >= 0
		wantFee   int64 // charged to whoever pays
	}{
		{name: "consumer buys energy for its own connection", buyer: func() sdk.AccAddress { return m.consumer }, side: consumerSide,
			price: 80_000_000, max: 80_000_000, denom: chf, meter: consumerLoad,
			wantMeter: func() string { return consumerLoad }, wantPaid: 320_000, wantFee: 320},
		{name: "trader buys the producer side onto its virtual meter", buyer: func() sdk.AccAddress { return m.trader }, side: producerSide,
			price: 65_000_000, max: 70_000_000, denom: chf,
			wantMeter: func() string { return m.virtual(m.trader, solar) }, wantPaid: 260_000, wantFee: 260},
		{name: "trader names its virtual meter explicitly", buyer: func() sdk.AccAddress { return m.trader }, side: consumerSide,
			price: 80_000_000, max: 90_000_000, denom: chf, meter: m.virtual(m.trader, solar),
			wantMeter: func() string { return m.virtual(m.trader, solar) }, wantPaid: 320_000, wantFee: 320},
		{name: "negative price: the seller pays the buyer", buyer: func() sdk.AccAddress { return m.trader }, side: consumerSide,
			price: -30_000_000, max: -30_000_000, denom: chf,
			wantMeter: func() string { return m.virtual(m.trader, solar) }, wantPaid: 120_000, wantFee: 120},
		{name: "zero price: nothing is paid", buyer: func() sdk.AccAddress { return m.consumer }, side: consumerSide,
			price: 0, max: 0, denom: chf, meter: consumerLoad, wantMeter: func() string { return consumerLoad }},
		{name: "a price worth less than one base unit rounds to nothing", buyer: func() sdk.AccAddress { return m.consumer }, side: consumerSide,
			price: 50, max: 100, denom: chf, meter: consumerLoad, wantMeter: func() string { return consumerLoad }},
		{name: "a negative price worth less than one base unit rounds to nothing", buyer: func() sdk.AccAddress { return m.consumer }, side: consumerSide,
			price: -249, max: 0, denom: chf, meter: consumerLoad, wantMeter: func() string { return consumerLoad }},
		{name: "rounding toward zero keeps the fraction with the buyer", buyer: func() sdk.AccAddress { return m.consumer }, side: consumerSide,
			price: 1_234_567, max: 1_234_567, denom: chf, meter: consumerLoad,
			wantMeter: func() string { return consumerLoad }, wantPaid: 4_938, wantFee: 4},
		{name: "fixed fee of another bank", buyer: func() sdk.AccAddress { return m.consumer }, side: consumerSide,
			price: 90_000_000, max: 90_000_000, denom: eur, meter: consumerLoad,
			wantMeter: func() string { return consumerLoad }, wantPaid: 360_000, wantFee: 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			id := m.issue(t, ctx, nil)
			m.setAsk(t, ctx, m.producer, id, tc.side, tc.price, tc.denom)
			buyer, seller := tc.buyer(), m.producer
			bank := m.bank
			if tc.denom == eur {
				bank = m.bank2
			}
			buyerBefore, sellerBefore := m.settlement(ctx, buyer, tc.denom), m.settlement(ctx, seller, tc.denom)
			bankBefore := m.wallet(ctx, bank, tc.denom)
			before := m.token(t, ctx, id)

			ctx = withEvents(ctx)
			res, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: buyer.String(), TokenId: id, Side: tc.side,
				MaxPricePerMwh: tc.max, Denom: tc.denom, MeterId: tc.meter})
			require.NoError(t, err)
			require.Equal(t, ints(tc.wantPaid).String(), res.Paid.String())

			// Money: the payer gives paid + fee, the payee gets paid, the bank gets the fee.
			paid, fee := ints(tc.wantPaid), ints(tc.wantFee)
			buyerDelta, sellerDelta := paid.Add(fee).Neg(), paid
			if tc.price < 0 {
				buyerDelta, sellerDelta = paid, paid.Add(fee).Neg()
			}
			require.Equal(t, buyerBefore.Add(buyerDelta).String(), m.settlement(ctx, buyer, tc.denom).String(), "buyer")
			require.Equal(t, sellerBefore.Add(sellerDelta).String(), m.settlement(ctx, seller, tc.denom).String(), "seller")
			require.Equal(t, bankBefore.String(), m.wallet(ctx, bank, tc.denom).String(), "fees wait in the escrow until the block ends")
			m.endBlock(t, ctx)
			require.Equal(t, bankBefore.Add(fee).String(), m.wallet(ctx, bank, tc.denom).String(), "fees go to the bank")
			payments := eventsOf[*fiattypes.EventPayment](t, ctx)
			if tc.wantPaid == 0 {
				require.Empty(t, payments)
			} else {
				require.Len(t, payments, 1)
				require.Equal(t, fee.String(), payments[0].Fee)
			}

			// The side moved, its price is void, the other side and the core are untouched.
			after := m.token(t, ctx, id)
			got, _ := after.SideOf(tc.side)
			require.Equal(t, types.TokenSide{Owner: buyer.String(), MeterId: tc.wantMeter()}, *got)
			otherSide := producerSide
			if tc.side == producerSide {
				otherSide = consumerSide
			}
			wasOther, _ := before.SideOf(otherSide)
			isOther, _ := after.SideOf(otherSide)
			require.Equal(t, *wasOther, *isOther)
			beforeCore, afterCore := coreOf(before), coreOf(after)
			m.requireSame(t, &beforeCore, &afterCore)
			require.Empty(t, m.offerIDs(t, ctx, tc.side, tc.denom), "a sold side is no longer offered")

			trade := types.Trade{TokenId: id, Side: tc.side, Seller: seller.String(), Buyer: buyer.String(),
				PricePerMwh: tc.price, Denom: tc.denom, Paid: paid, Height: ctx.BlockHeight()}
			trades := m.tradesOf(t, ctx, id)
			require.Len(t, trades, 1)
			m.requireSame(t, &trade, &trades[0])
			require.Equal(t, []*types.EventSideTraded{{TokenId: id, Side: tc.side, Seller: seller.String(), Buyer: buyer.String(),
				PricePerMwh: tc.price, Denom: tc.denom, Paid: paid.String()}}, eventsOf[*types.EventSideTraded](t, ctx))

			owned, err := m.q.TokensByOwner(ctx, &types.QueryTokensByOwnerRequest{Owner: buyer.String(), Side: tc.side})
			require.NoError(t, err)
			require.Len(t, owned.Tokens, 1)
			require.Equal(t, id, owned.Tokens[0].Id)
		})
	}
}

// TestBuySidePositionLimitNetsAcrossSidesAndPeriods: the limit caps |consumer Wh -
// producer Wh| per period over all live sides, inclusive, period by period.
func TestBuySidePositionLimitNetsAcrossSidesAndPeriods(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	offer := func(first, last, wh uint64, side types.Side) uint64 {
		id := m.issue(t, ctx, func(msg *types.MsgIssueToken) {
			msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = m.now+first, m.now+last, wh
		})
		m.setAsk(t, ctx, m.producer, id, side, 0, chf)
		return id
	}
	buy := func(who sdk.AccAddress, id uint64, side types.Side) error {
		_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: who.String(), TokenId: id, Side: side, Denom: chf,
			MeterId: map[bool]string{true: consumerLoad, false: ""}[who.Equals(m.consumer)]})
		return err
	}

	// The consumer (limit 5000) fills up to exactly its limit in periods 12-13.
	require.NoError(t, buy(m.consumer, offer(10, 13, 4500, consumerSide), consumerSide))
	require.NoError(t, buy(m.consumer, offer(12, 13, 500, consumerSide), consumerSide))
	// One more Wh in period 13 is too much; the same in period 14 is fine.
	oneMore := offer(13, 16, 1, consumerSide)
	m.refused(t, ctx, types.ErrPositionLimit, func(sdk.Context) error { return buy(m.consumer, oneMore, consumerSide) })
	require.NoError(t, buy(m.consumer, offer(14, 16, 5000, consumerSide), consumerSide))

	// The trader (limit 10000) sells 8000 Wh, then buys 15000 Wh: net +7000 is allowed.
	require.NoError(t, buy(m.trader, offer(20, 23, 8000, producerSide), producerSide))
	require.NoError(t, buy(m.trader, offer(20, 23, 15000, consumerSide), consumerSide))
	tooMuch := offer(22, 22, 4000, consumerSide)
	m.refused(t, ctx, types.ErrPositionLimit, func(sdk.Context) error { return buy(m.trader, tooMuch, consumerSide) })
	// Selling more brings it back toward zero: -8000 in period 22 nets to -1000.
	require.NoError(t, buy(m.trader, offer(22, 22, 8000, producerSide), producerSide))

	pos, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: m.trader.String(), FromPeriod: m.now + 21, ToPeriod: m.now + 23})
	require.NoError(t, err)
	require.Equal(t, []types.PeriodPosition{
		{Period: m.now + 21, ProducerWh: 8000, ConsumerWh: 15000, NetWh: 7000},
		{Period: m.now + 22, ProducerWh: 16000, ConsumerWh: 15000, NetWh: -1000},
		{Period: m.now + 23, ProducerWh: 8000, ConsumerWh: 15000, NetWh: 7000},
	}, pos.Periods)
}

func TestBuySideRejections(t *testing.T) {
	m := newMarket(t)
	setup := m.c.Ctx()
	offered := m.issue(t, setup, nil) // consumer side at 80 CHF/MWh, producer side void
	m.setAsk(t, setup, m.producer, offered, consumerSide, 80_000_000, chf)
	tooBig := m.issue(t, setup, func(msg *types.MsgIssueToken) { msg.WhPerPeriod = consumerLimit + 1 })
	m.setAsk(t, setup, m.producer, tooBig, consumerSide, 0, chf)
	// The largest side allowed must be refused by the limit, not slip under it by wrapping.
	huge := m.issue(t, setup, func(msg *types.MsgIssueToken) {
		msg.LastPeriod, msg.WhPerPeriod = msg.FirstPeriod, types.MaxWhPerPeriod
	})
	m.setAsk(t, setup, m.producer, huge, consumerSide, 0, chf)
	// The consumer already holds 4500 Wh in periods 10-13; 1000 more in 12-15 is too much.
	held := m.issue(t, setup, func(msg *types.MsgIssueToken) {
		msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = m.now+10, m.now+13, 4500
	})
	m.setAsk(t, setup, m.producer, held, consumerSide, 0, chf)
	m.buy(t, setup, m.consumer, held, consumerSide, 0, chf, consumerLoad)
	overlapping := m.issue(t, setup, func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.LastPeriod = m.now+12, m.now+15 })
	m.setAsk(t, setup, m.producer, overlapping, consumerSide, 0, chf)
	// trader2 (almost no fiat) offers a side at a negative price it cannot pay.
	poorSeller := m.issue(t, setup, func(msg *types.MsgIssueToken) {
		*msg = *m.traderIssueMsg()
		msg.Issuer, msg.ProducerMeterId = m.trader2.String(), m.virtual(m.trader2, solar)
	})
	m.setAsk(t, setup, m.trader2, poorSeller, consumerSide, -30_000_000, chf)
	// The trader offers a wind token's producer side.
	windOffer := m.issue(t, setup, func(msg *types.MsgIssueToken) {
		*msg = *m.traderIssueMsg()
		msg.ProducerMeterId, msg.ConsumerMeterId = m.virtual(m.trader, wind), m.virtual(m.trader, wind)
	})
	m.setAsk(t, setup, m.trader, windOffer, producerSide, 1, chf)
	m.setAsk(t, setup, m.trader, windOffer, consumerSide, 1, chf)

	buy := func(buyer sdk.AccAddress, id uint64, side types.Side, maxPrice int64, denom, meter string) types.MsgBuySide {
		return types.MsgBuySide{Buyer: buyer.String(), TokenId: id, Side: side, MaxPricePerMwh: maxPrice, Denom: denom, MeterId: meter}
	}
	for _, tc := range []struct {
		name string
		msg  types.MsgBuySide
		want error
	}{
		{"void side", buy(m.consumer, offered, producerSide, 1e9, chf, ""), types.ErrNotForSale},
		{"one's own side", buy(m.producer, offered, consumerSide, 1e9, chf, producerLoad), types.ErrOwnSide},
		{"ask above the buyer's maximum", buy(m.consumer, offered, consumerSide, 79_999_999, chf, consumerLoad), types.ErrPriceAboveMax},
		{"negative maximum below a positive ask", buy(m.consumer, offered, consumerSide, -1, chf, consumerLoad), types.ErrPriceAboveMax},
		{"paying in another currency than the ask", buy(m.consumer, offered, consumerSide, 1e9, eur, consumerLoad), types.ErrInvalidAsk},
		{"beyond the position limit", buy(m.consumer, tooBig, consumerSide, 0, chf, consumerLoad), types.ErrPositionLimit},
		{"beyond the position limit by wrapping int64", buy(m.consumer, huge, consumerSide, 0, chf, consumerLoad), types.ErrPositionLimit},
		{"beyond the position limit with what one holds", buy(m.consumer, overlapping, consumerSide, 0, chf, consumerLoad), types.ErrPositionLimit},
		{"without funds", buy(m.trader2, offered, consumerSide, 80_000_000, chf, ""), fiattypes.ErrInsufficientFunds},
		{"negative price the seller cannot pay", buy(m.consumer, poorSeller, consumerSide, 0, chf, consumerLoad), fiattypes.ErrInsufficientFunds},
		{"buyer not admitted", buy(m.stranger, offered, consumerSide, 1e9, chf, ""), types.ErrNotAdmitted},
		{"buyer suspended", buy(m.suspended, offered, consumerSide, 1e9, chf, suspendedLoad), types.ErrNotAdmitted},
		{"malformed buyer", types.MsgBuySide{Buyer: "grid1invalid", TokenId: offered, Side: consumerSide, MaxPricePerMwh: 1e9, Denom: chf}, types.ErrInvalidAddress},
		{"someone else's physical meter", buy(m.consumer, offered, consumerSide, 1e9, chf, producerLoad), types.ErrInvalidMeter},
		{"unregistered meter", buy(m.consumer, offered, consumerSide, 1e9, chf, "CH-NOWHERE"), types.ErrInvalidMeter},
		{"no virtual meter for the category", buy(m.consumer, offered, consumerSide, 1e9, chf, ""), types.ErrInvalidMeter},
		{"virtual meter of another category", buy(m.trader, offered, consumerSide, 1e9, chf, m.virtual(m.trader, wind)), types.ErrInvalidMeter},
		{"production meter on the consumer side", buy(m.producer, windOffer, consumerSide, 1e9, chf, windMeter), types.ErrInvalidMeter},
		{"consumption meter on the producer side", buy(m.producer, windOffer, producerSide, 1e9, chf, producerLoad), types.ErrInvalidMeter},
		{"production meter of another category", buy(m.producer, windOffer, producerSide, 1e9, chf, solarMeter), types.ErrInvalidMeter},
		{"unknown token", buy(m.consumer, 999, consumerSide, 1e9, chf, consumerLoad), types.ErrUnknownToken},
		{"unspecified side", buy(m.consumer, offered, types.Side_SIDE_UNSPECIFIED, 1e9, chf, consumerLoad), types.ErrInvalidSide},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.BuySide(ctx, &tc.msg)
				return err
			})
		})
	}
}

// TestBuySideSucceedsWithExactFunds: a buyer whose settlement account holds exactly
// price plus fee can buy, and is left with nothing.
func TestBuySideSucceedsWithExactFunds(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	id := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, id, producerSide, 250_000, chf) // 1000 base units for 4000 Wh, fee 1
	require.Equal(t, ints(1_000).String(), m.settlement(ctx, m.trader2, chf).String())
	m.refused(t, ctx, fiattypes.ErrInsufficientFunds, func(ctx sdk.Context) error {
		_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.trader2.String(), TokenId: id, Side: producerSide, MaxPricePerMwh: 250_000, Denom: chf})
		return err
	})
	m.setAsk(t, ctx, m.producer, id, producerSide, 249_750, chf) // 999 for 4000 Wh, fee 0
	require.Equal(t, "999", m.buy(t, ctx, m.trader2, id, producerSide, 250_000, chf, "").String())
	require.Equal(t, sdkmath.OneInt().String(), m.settlement(ctx, m.trader2, chf).String())
}
