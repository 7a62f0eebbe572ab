package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

func TestHandOverMovesASideWithoutPayment(t *testing.T) {
	m := newMarket(t)
	for _, tc := range []struct {
		name      string
		side      types.Side
		to        func() sdk.AccAddress
		meter     string
		wantMeter func() string
		offered   bool
	}{
		{"consumer side to the consumer's connection", consumerSide, func() sdk.AccAddress { return m.consumer }, consumerLoad,
			func() string { return consumerLoad }, false},
		{"producer side to the trader's virtual meter", producerSide, func() sdk.AccAddress { return m.trader }, "",
			func() string { return m.virtual(m.trader, solar) }, false},
		{"an offered side leaves the market", consumerSide, func() sdk.AccAddress { return m.trader }, m.virtual(m.trader, solar),
			func() string { return m.virtual(m.trader, solar) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			id := m.issue(t, ctx, nil)
			if tc.offered {
				m.setAsk(t, ctx, m.producer, id, tc.side, 80_000_000, chf)
			}
			fiatBefore, err := m.c.App.FiatKeeper.ExportGenesis(ctx)
			require.NoError(t, err)
			ctx = withEvents(ctx)
			to := tc.to()
			m.handOver(t, ctx, m.producer, to, id, tc.side, tc.meter)

			tok := m.token(t, ctx, id)
			got, _ := tok.SideOf(tc.side)
			require.Equal(t, types.TokenSide{Owner: to.String(), MeterId: tc.wantMeter()}, *got)
			require.Empty(t, m.offerIDs(t, ctx, tc.side, chf))
			fiatAfter, err := m.c.App.FiatKeeper.ExportGenesis(ctx)
			require.NoError(t, err)
			m.requireSame(t, fiatBefore, fiatAfter) // no money moves

			trade := types.Trade{TokenId: id, Side: tc.side, Seller: m.producer.String(), Buyer: to.String(), Paid: sdkmath.ZeroInt(), Height: ctx.BlockHeight()}
			trades := m.tradesOf(t, ctx, id)
			require.Len(t, trades, 1)
			m.requireSame(t, &trade, &trades[0])
			require.Equal(t, []*types.EventSideTraded{{TokenId: id, Side: tc.side, Seller: m.producer.String(), Buyer: to.String(), Paid: "0"}},
				eventsOf[*types.EventSideTraded](t, ctx))

			// A hand-over has no price: the market's average ignores it.
			avg, err := m.q.AveragePrice(ctx, &types.QueryAveragePriceRequest{Period: m.now + 5, Category: solar, Denom: chf})
			require.NoError(t, err)
			require.Equal(t, types.QueryAveragePriceResponse{}, *avg)
		})
	}
}

// TestTwoPartyMessagesNeedBothSignatures: the messages that move a side outside the
// market, cancel jointly, split or merge name both owners as signers, so a transaction
// carrying one needs both signatures.
func TestTwoPartyMessagesNeedBothSignatures(t *testing.T) {
	m := newMarket(t)
	a, b := m.producer, m.consumer
	for _, tc := range []struct {
		msg  proto.Message
		want []sdk.AccAddress
	}{
		{&types.MsgHandOverSide{From: a.String(), To: b.String(), TokenId: 1, Side: consumerSide}, []sdk.AccAddress{a, b}},
		{&types.MsgCancelTokenJointly{ProducerOwner: a.String(), ConsumerOwner: b.String(), TokenId: 1}, []sdk.AccAddress{a, b}},
		{&types.MsgSplitToken{ProducerOwner: a.String(), ConsumerOwner: b.String(), TokenId: 1, WhParts: []uint64{1, 2}}, []sdk.AccAddress{a, b}},
		{&types.MsgMergeTokens{ProducerOwner: a.String(), ConsumerOwner: b.String(), TokenIds: []uint64{1, 2}}, []sdk.AccAddress{a, b}},
		{&types.MsgBuySide{Buyer: b.String(), TokenId: 1, Side: consumerSide}, []sdk.AccAddress{b}},
		{&types.MsgSetAsk{Owner: a.String(), TokenId: 1, Side: consumerSide}, []sdk.AccAddress{a}},
		{&types.MsgCancelToken{Owner: b.String(), TokenId: 1}, []sdk.AccAddress{b}},
		{&types.MsgIssueToken{Issuer: a.String()}, []sdk.AccAddress{a}},
	} {
		t.Run(proto.MessageName(tc.msg), func(t *testing.T) {
			signers, _, err := m.c.App.AppCodec().GetMsgV1Signers(tc.msg)
			require.NoError(t, err)
			got := make([]sdk.AccAddress, len(signers))
			for i, s := range signers {
				got[i] = s
			}
			require.Equal(t, tc.want, got)
		})
	}
}

func TestHandOverRejections(t *testing.T) {
	m := newMarket(t)
	setup := m.c.Ctx()
	id := m.issue(t, setup, nil)
	big := m.issue(t, setup, func(msg *types.MsgIssueToken) { msg.WhPerPeriod = consumerLimit + 1 })

	for _, tc := range []struct {
		name string
		msg  types.MsgHandOverSide
		want error
	}{
		{"sender does not own the side", types.MsgHandOverSide{From: m.trader.String(), To: m.consumer.String(), TokenId: id, Side: consumerSide, MeterId: consumerLoad}, types.ErrNotSideOwner},
		{"recipient not admitted", types.MsgHandOverSide{From: m.producer.String(), To: m.stranger.String(), TokenId: id, Side: consumerSide}, types.ErrNotAdmitted},
		{"recipient suspended", types.MsgHandOverSide{From: m.producer.String(), To: m.suspended.String(), TokenId: id, Side: consumerSide, MeterId: suspendedLoad}, types.ErrNotAdmitted},
		{"to oneself", types.MsgHandOverSide{From: m.producer.String(), To: m.producer.String(), TokenId: id, Side: consumerSide, MeterId: producerLoad}, types.ErrOwnSide},
		{"beyond the recipient's position limit", types.MsgHandOverSide{From: m.producer.String(), To: m.consumer.String(), TokenId: big, Side: consumerSide, MeterId: consumerLoad}, types.ErrPositionLimit},
		{"meter not the recipient's", types.MsgHandOverSide{From: m.producer.String(), To: m.consumer.String(), TokenId: id, Side: consumerSide, MeterId: producerLoad}, types.ErrInvalidMeter},
		{"recipient without a virtual meter", types.MsgHandOverSide{From: m.producer.String(), To: m.consumer.String(), TokenId: id, Side: consumerSide}, types.ErrInvalidMeter},
		{"consumption meter on the producer side", types.MsgHandOverSide{From: m.producer.String(), To: m.consumer.String(), TokenId: id, Side: producerSide, MeterId: consumerLoad}, types.ErrInvalidMeter},
		{"malformed sender", types.MsgHandOverSide{From: "grid1xyz", To: m.consumer.String(), TokenId: id, Side: consumerSide, MeterId: consumerLoad}, types.ErrInvalidAddress},
		{"unknown token", types.MsgHandOverSide{From: m.producer.String(), To: m.consumer.String(), TokenId: 77, Side: consumerSide, MeterId: consumerLoad}, types.ErrUnknownToken},
		{"unspecified side", types.MsgHandOverSide{From: m.producer.String(), To: m.consumer.String(), TokenId: id, MeterId: consumerLoad}, types.ErrInvalidSide},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.HandOverSide(ctx, &tc.msg)
				return err
			})
		})
	}
}
