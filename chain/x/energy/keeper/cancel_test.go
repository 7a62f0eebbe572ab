package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

func TestCancelTokenWithTheAgreedFee(t *testing.T) {
	m := newMarket(t)
	for _, tc := range []struct {
		name      string
		canceller func() sdk.AccAddress
		other     func() sdk.AccAddress
		sellSide  bool // hand the consumer side to the consumer first
		wantFee   int64
		bankFee   int64
	}{
		{"consumer-side owner pays the producer-side owner", func() sdk.AccAddress { return m.consumer }, func() sdk.AccAddress { return m.producer }, true, 2_000_000, 2_000},
		{"producer-side owner pays the consumer-side owner", func() sdk.AccAddress { return m.producer }, func() sdk.AccAddress { return m.consumer }, true, 2_000_000, 2_000},
		{"owner of both sides cancels free", func() sdk.AccAddress { return m.producer }, func() sdk.AccAddress { return m.producer }, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			id := m.issue(t, ctx, nil)
			if tc.sellSide {
				m.handOver(t, ctx, m.producer, m.consumer, id, consumerSide, consumerLoad)
			}
			m.setAsk(t, ctx, m.producer, id, producerSide, 5, chf)
			canceller, other := tc.canceller(), tc.other()
			payerBefore, payeeBefore, bankBefore := m.settlement(ctx, canceller, chf), m.settlement(ctx, other, chf), m.wallet(ctx, m.bank, chf)

			ctx = withEvents(ctx)
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: canceller.String(), TokenId: id})
			require.NoError(t, err)

			require.Equal(t, types.TokenStatus_TOKEN_STATUS_CANCELLED, m.token(t, ctx, id).Status)
			require.Equal(t, []*types.EventTokenCancelled{{TokenId: id, RequestedBy: canceller.String(), FeePaid: ints(tc.wantFee).String()}},
				eventsOf[*types.EventTokenCancelled](t, ctx))
			if !canceller.Equals(other) {
				require.Equal(t, payerBefore.Sub(ints(tc.wantFee+tc.bankFee)).String(), m.settlement(ctx, canceller, chf).String())
				require.Equal(t, payeeBefore.Add(ints(tc.wantFee)).String(), m.settlement(ctx, other, chf).String())
			} else {
				require.Equal(t, payerBefore.String(), m.settlement(ctx, canceller, chf).String())
			}
			m.endBlock(t, ctx)
			require.Equal(t, bankBefore.Add(ints(tc.bankFee)).String(), m.wallet(ctx, m.bank, chf).String())

			// A cancelled token leaves every index: no offers, no holdings, no position.
			require.Empty(t, m.offerIDs(t, ctx, producerSide, chf))
			for _, who := range []sdk.AccAddress{m.producer, m.consumer} {
				owned, err := m.q.TokensByOwner(ctx, &types.QueryTokensByOwnerRequest{Owner: who.String()})
				require.NoError(t, err)
				require.Empty(t, owned.Tokens)
				pos, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: who.String(), FromPeriod: m.now + 4, ToPeriod: m.now + 4})
				require.NoError(t, err)
				require.Equal(t, types.PeriodPosition{Period: m.now + 4}, pos.Periods[0])
			}
		})
	}
}

func TestCancelTokenJointlyNeedsNoFee(t *testing.T) {
	m := newMarket(t)
	for _, fee := range []int64{0, 2_000_000} {
		t.Run(ints(fee).String(), func(t *testing.T) {
			ctx := m.branch(t)
			id := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Terms.CancellationFee = ints(fee) })
			m.handOver(t, ctx, m.producer, m.trader, id, consumerSide, "")
			fiatBefore, err := m.c.App.FiatKeeper.ExportGenesis(ctx)
			require.NoError(t, err)

			ctx = withEvents(ctx)
			_, err = m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: m.producer.String(), ConsumerOwner: m.trader.String(), TokenId: id})
			require.NoError(t, err)
			require.Equal(t, types.TokenStatus_TOKEN_STATUS_CANCELLED, m.token(t, ctx, id).Status)
			require.Equal(t, []*types.EventTokenCancelled{{TokenId: id, RequestedBy: m.producer.String() + "," + m.trader.String(), FeePaid: "0"}},
				eventsOf[*types.EventTokenCancelled](t, ctx))
			fiatAfter, err := m.c.App.FiatKeeper.ExportGenesis(ctx)
			require.NoError(t, err)
			m.requireSame(t, fiatBefore, fiatAfter)
		})
	}
}

func TestCancelTokenRejections(t *testing.T) {
	m := newMarket(t)
	setup := m.c.Ctx()
	free := m.issue(t, setup, func(msg *types.MsgIssueToken) { msg.Terms.CancellationFee = ints(0) })
	m.handOver(t, setup, m.producer, m.consumer, free, consumerSide, consumerLoad)
	paid := m.issue(t, setup, nil)
	m.handOver(t, setup, m.producer, m.trader2, paid, consumerSide, "") // trader2 cannot pay 2 CHF
	p, c := m.producer.String(), m.consumer.String()

	for _, tc := range []struct {
		name string
		run  func(ctx sdk.Context) error
		want error
	}{
		{"alone without a cancellation fee", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: c, TokenId: free})
			return err
		}, types.ErrNoCancellationFee},
		{"by someone who owns no side", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: m.trader.String(), TokenId: paid})
			return err
		}, types.ErrNotSideOwner},
		{"without funds for the fee", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: m.trader2.String(), TokenId: paid})
			return err
		}, fiattypes.ErrInsufficientFunds},
		{"unknown token", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: p, TokenId: 404})
			return err
		}, types.ErrUnknownToken},
		{"malformed owner", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: "grid1bad", TokenId: free})
			return err
		}, types.ErrInvalidAddress},
		{"jointly, but one signer is not an owner", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: p, ConsumerOwner: p, TokenId: free})
			return err
		}, types.ErrNotSideOwner},
		{"jointly, owners swapped", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: c, ConsumerOwner: p, TokenId: free})
			return err
		}, types.ErrNotSideOwner},
		{"jointly, unknown token", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: p, ConsumerOwner: c, TokenId: 404})
			return err
		}, types.ErrUnknownToken},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m.refused(t, m.branch(t), tc.want, tc.run)
		})
	}
}

// TestInactiveTokensRefuseEveryAction: a cancelled token, and a token retired by a split
// or a merge, can no longer be priced, bought, handed over, split, merged or cancelled.
func TestInactiveTokensRefuseEveryAction(t *testing.T) {
	m := newMarket(t)
	setup := m.c.Ctx()
	p := m.producer.String()
	live := m.issue(t, setup, nil)
	cancelled := m.issue(t, setup, nil)
	m.setAsk(t, setup, m.producer, cancelled, consumerSide, 1, chf)
	_, err := m.msgs.CancelToken(setup, &types.MsgCancelToken{Owner: p, TokenId: cancelled})
	require.NoError(t, err)
	splitParent := m.issue(t, setup, nil)
	m.setAsk(t, setup, m.producer, splitParent, consumerSide, 1, chf)
	_, err = m.msgs.SplitToken(setup, &types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: splitParent, WhParts: []uint64{400, 600}})
	require.NoError(t, err)
	a, b := m.issue(t, setup, nil), m.issue(t, setup, nil)
	_, err = m.msgs.MergeTokens(setup, &types.MsgMergeTokens{ProducerOwner: p, ConsumerOwner: p, TokenIds: []uint64{a, b}})
	require.NoError(t, err)

	actions := []struct {
		name string
		run  func(ctx sdk.Context, id uint64) error
	}{
		{"set ask", func(ctx sdk.Context, id uint64) error {
			_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: p, TokenId: id, Side: producerSide, Ask: types.Ask{ForSale: true, Denom: chf}})
			return err
		}},
		{"void ask", func(ctx sdk.Context, id uint64) error {
			_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: p, TokenId: id, Side: consumerSide})
			return err
		}},
		{"buy", func(ctx sdk.Context, id uint64) error {
			_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.consumer.String(), TokenId: id, Side: consumerSide, MaxPricePerMwh: 1, Denom: chf, MeterId: consumerLoad})
			return err
		}},
		{"hand over", func(ctx sdk.Context, id uint64) error {
			_, err := m.msgs.HandOverSide(ctx, &types.MsgHandOverSide{From: p, To: m.consumer.String(), TokenId: id, Side: consumerSide, MeterId: consumerLoad})
			return err
		}},
		{"split", func(ctx sdk.Context, id uint64) error {
			_, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: id, WhParts: []uint64{500, 500}})
			return err
		}},
		{"merge", func(ctx sdk.Context, id uint64) error {
			_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: p, ConsumerOwner: p, TokenIds: []uint64{live, id}})
			return err
		}},
		{"cancel", func(ctx sdk.Context, id uint64) error {
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: p, TokenId: id})
			return err
		}},
		{"cancel jointly", func(ctx sdk.Context, id uint64) error {
			_, err := m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: p, ConsumerOwner: p, TokenId: id})
			return err
		}},
	}
	for _, token := range []struct {
		name string
		id   uint64
	}{{"cancelled", cancelled}, {"retired by a split", splitParent}, {"retired by a merge", a}} {
		for _, action := range actions {
			t.Run(token.name+"/"+action.name, func(t *testing.T) {
				m.refused(t, m.branch(t), types.ErrTokenNotActive, func(ctx sdk.Context) error { return action.run(ctx, token.id) })
			})
		}
	}
}
