package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// offerIDs lists the ids of the offers of one market, cheapest first.
func (m *market) offerIDs(t testing.TB, ctx sdk.Context, side types.Side, denom string) []uint64 {
	t.Helper()
	res, err := m.q.Offers(ctx, &types.QueryOffersRequest{Side: side, Denom: denom, Category: solar})
	require.NoError(t, err)
	ids := make([]uint64, len(res.Tokens))
	for i, tok := range res.Tokens {
		ids[i] = tok.Id
	}
	return ids
}

func TestSetAskOffersAndVoidsASide(t *testing.T) {
	m := newMarket(t)
	for _, tc := range []struct {
		name  string
		side  types.Side
		price int64
		denom string
	}{
		{"positive price", consumerSide, 80_000_000, chf},
		{"zero price", consumerSide, 0, chf},
		{"negative price", producerSide, -30_000_000, chf},
		{"in another approved currency", producerSide, 70_000_000, eur},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := withEvents(m.branch(t))
			id := m.issue(t, ctx, nil)
			ask := types.Ask{ForSale: true, PricePerMwh: tc.price, Denom: tc.denom}
			_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: m.producer.String(), TokenId: id, Side: tc.side, Ask: ask})
			require.NoError(t, err)

			tok := m.token(t, ctx, id)
			side, _ := tok.SideOf(tc.side)
			require.Equal(t, ask, side.Ask)
			require.Equal(t, []*types.EventAskChanged{{TokenId: id, Side: tc.side, Ask: &ask}}, eventsOf[*types.EventAskChanged](t, ctx))
			require.Equal(t, []uint64{id}, m.offerIDs(t, ctx, tc.side, tc.denom))
			other := consumerSide
			if tc.side == consumerSide {
				other = producerSide
			}
			require.Empty(t, m.offerIDs(t, ctx, other, tc.denom), "the other side is not offered")

			// Voiding takes the side off the market.
			_, err = m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: m.producer.String(), TokenId: id, Side: tc.side})
			require.NoError(t, err)
			require.Empty(t, m.offerIDs(t, ctx, tc.side, tc.denom))
			tok = m.token(t, ctx, id)
			side, _ = tok.SideOf(tc.side)
			require.Equal(t, types.Ask{}, side.Ask)
		})
	}
}

func TestSetAskRepricingMovesTheOffer(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	id := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, id, consumerSide, 80_000_000, chf)
	m.setAsk(t, ctx, m.producer, id, consumerSide, 60_000_000, eur)
	require.Empty(t, m.offerIDs(t, ctx, consumerSide, chf), "the old currency's offer is gone")
	res, err := m.q.Offers(ctx, &types.QueryOffersRequest{Side: consumerSide, Denom: eur, Category: solar})
	require.NoError(t, err)
	require.Len(t, res.Tokens, 1)
	require.Equal(t, int64(60_000_000), res.Tokens[0].Consumer.Ask.PricePerMwh)
}

func TestSetAskRejections(t *testing.T) {
	m := newMarket(t)
	// Token 1: the producer sold its consumer side to the consumer.
	setup := m.c.Ctx()
	sold := m.issue(t, setup, nil)
	m.setAsk(t, setup, m.producer, sold, consumerSide, 80_000_000, chf)
	m.buy(t, setup, m.consumer, sold, consumerSide, 80_000_000, chf, consumerLoad)
	offer := types.Ask{ForSale: true, PricePerMwh: 1, Denom: chf}

	for _, tc := range []struct {
		name string
		msg  types.MsgSetAsk
		want error
	}{
		{"a participant who owns no side", types.MsgSetAsk{Owner: m.trader.String(), TokenId: sold, Side: producerSide, Ask: offer}, types.ErrNotSideOwner},
		{"the former owner of a sold side", types.MsgSetAsk{Owner: m.producer.String(), TokenId: sold, Side: consumerSide, Ask: offer}, types.ErrNotSideOwner},
		{"the owner of the other side", types.MsgSetAsk{Owner: m.consumer.String(), TokenId: sold, Side: producerSide, Ask: offer}, types.ErrNotSideOwner},
		{"voiding a side one does not own", types.MsgSetAsk{Owner: m.consumer.String(), TokenId: sold, Side: producerSide}, types.ErrNotSideOwner},
		{"unknown token", types.MsgSetAsk{Owner: m.producer.String(), TokenId: 99, Side: producerSide, Ask: offer}, types.ErrUnknownToken},
		{"unspecified side", types.MsgSetAsk{Owner: m.producer.String(), TokenId: sold, Ask: offer}, types.ErrInvalidSide},
		{"undefined side", types.MsgSetAsk{Owner: m.producer.String(), TokenId: sold, Side: 7, Ask: offer}, types.ErrInvalidSide},
		{"unknown currency", types.MsgSetAsk{Owner: m.producer.String(), TokenId: sold, Side: producerSide,
			Ask: types.Ask{ForSale: true, PricePerMwh: 1, Denom: "uchf.nobank"}}, types.ErrUnknownCurrency},
		{"for sale without a currency", types.MsgSetAsk{Owner: m.producer.String(), TokenId: sold, Side: producerSide,
			Ask: types.Ask{ForSale: true, PricePerMwh: 1}}, types.ErrUnknownCurrency},
		{"void ask carrying a price", types.MsgSetAsk{Owner: m.producer.String(), TokenId: sold, Side: producerSide,
			Ask: types.Ask{PricePerMwh: 5}}, types.ErrInvalidAsk},
		{"void ask carrying a currency", types.MsgSetAsk{Owner: m.producer.String(), TokenId: sold, Side: producerSide,
			Ask: types.Ask{Denom: chf}}, types.ErrInvalidAsk},
		{"malformed owner", types.MsgSetAsk{Owner: "nope", TokenId: sold, Side: producerSide, Ask: offer}, types.ErrInvalidAddress},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.SetAsk(ctx, &tc.msg)
				return err
			})
		})
	}
}
