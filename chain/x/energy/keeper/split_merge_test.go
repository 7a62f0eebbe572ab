package keeper_test

import (
	"math"
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// child is what a split or merge must produce: periods, volume, CO2, cancellation fee.
type child struct {
	first, last, wh, co2 uint64
	fee                  int64
}

func shapeOf(tok types.Token, now uint64) child {
	return child{tok.FirstPeriod - now, tok.LastPeriod - now, tok.WhPerPeriod, tok.Co2Grams, tok.Terms.CancellationFee.Int64()}
}

func TestSplitTokenConservesEnergyCO2AndFees(t *testing.T) {
	m := newMarket(t)
	for _, tc := range []struct {
		name  string
		co2   uint64
		parts []uint64
		after uint64 // split_after_period offset from now
		want  []child
	}{
		{name: "by volume in two", co2: 120, parts: []uint64{300, 700},
			want: []child{{4, 7, 300, 36, 600_000}, {4, 7, 700, 84, 1_400_000}}},
		{name: "by volume, CO2 remainder goes to the last child", co2: 121, parts: []uint64{300, 700},
			want: []child{{4, 7, 300, 36, 600_000}, {4, 7, 700, 85, 1_400_000}}},
		{name: "by volume in three uneven parts", co2: 7, parts: []uint64{1, 1, 998},
			want: []child{{4, 7, 1, 0, 2_000}, {4, 7, 1, 0, 2_000}, {4, 7, 998, 7, 1_996_000}}},
		{name: "by period in the middle", co2: 120, after: 5,
			want: []child{{4, 5, 1000, 60, 1_000_000}, {6, 7, 1000, 60, 1_000_000}}},
		{name: "by period after the first", co2: 120, after: 4,
			want: []child{{4, 4, 1000, 30, 500_000}, {5, 7, 1000, 90, 1_500_000}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			id := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = tc.co2 })
			m.setAsk(t, ctx, m.producer, id, consumerSide, 80_000_000, chf)
			// The consumer buys the consumer side: both owners must sign the split.
			m.buy(t, ctx, m.consumer, id, consumerSide, 80_000_000, chf, consumerLoad)
			m.setAsk(t, ctx, m.producer, id, producerSide, 10, chf)
			parent := m.token(t, ctx, id)
			posBefore, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: m.consumer.String(), FromPeriod: m.now + 3, ToPeriod: m.now + 8})
			require.NoError(t, err)

			ctx = withEvents(ctx)
			msg := &types.MsgSplitToken{ProducerOwner: m.producer.String(), ConsumerOwner: m.consumer.String(), TokenId: id, WhParts: tc.parts}
			if tc.after != 0 {
				msg.SplitAfterPeriod = m.now + tc.after
			}
			res, err := m.msgs.SplitToken(ctx, msg)
			require.NoError(t, err)
			require.Len(t, res.TokenIds, len(tc.want))

			var got []child
			for _, cid := range res.TokenIds {
				c := m.token(t, ctx, cid)
				got = append(got, shapeOf(c, m.now))
				require.Equal(t, []uint64{id}, c.Parents, "lineage")
				require.Equal(t, types.TokenStatus_TOKEN_STATUS_ACTIVE, c.Status)
				require.Equal(t, types.TokenSide{Owner: m.producer.String(), MeterId: solarMeter}, c.Producer, "asks are voided")
				require.Equal(t, types.TokenSide{Owner: m.consumer.String(), MeterId: consumerLoad}, c.Consumer)
				require.Equal(t, parent.Issuer, c.Issuer)
				require.Equal(t, parent.Category, c.Category)
				require.Equal(t, parent.OriginShard, c.OriginShard)
				require.Equal(t, parent.FaceValuePerMwh, c.FaceValuePerMwh)
				require.Equal(t, parent.Capabilities, c.Capabilities)
				require.Equal(t, parent.Terms.LegalFramework, c.Terms.LegalFramework)
			}
			require.Equal(t, tc.want, got)

			retired := m.token(t, ctx, id)
			require.Equal(t, types.TokenStatus_TOKEN_STATUS_RETIRED, retired.Status)
			require.Equal(t, res.TokenIds, retired.Children)
			require.Equal(t, []*types.EventTokenSplit{{TokenId: id, Children: res.TokenIds}}, eventsOf[*types.EventTokenSplit](t, ctx))
			require.Empty(t, m.offerIDs(t, ctx, producerSide, chf), "the retired parent's offer is gone")

			owned, err := m.q.TokensByOwner(ctx, &types.QueryTokensByOwnerRequest{Owner: m.consumer.String()})
			require.NoError(t, err)
			require.Len(t, owned.Tokens, len(tc.want), "the consumer holds the children, not the parent")
			posAfter, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: m.consumer.String(), FromPeriod: m.now + 3, ToPeriod: m.now + 8})
			require.NoError(t, err)
			require.Equal(t, posBefore, posAfter, "a split changes no position")
		})
	}
}

func TestMergeTokensJoinsLikeTokens(t *testing.T) {
	m := newMarket(t)
	t.Run("split children merge back into the original volume", func(t *testing.T) {
		ctx := m.branch(t)
		id := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = 121 })
		split, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(), TokenId: id, WhParts: []uint64{300, 700}})
		require.NoError(t, err)
		ctx = withEvents(ctx)
		res, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(), TokenIds: split.TokenIds})
		require.NoError(t, err)
		merged := m.token(t, ctx, res.TokenId)
		require.Equal(t, child{4, 7, 1000, 121, 2_000_000}, shapeOf(merged, m.now))
		require.Equal(t, split.TokenIds, merged.Parents)
		original, mergedCore := coreOf(m.token(t, ctx, id)), coreOf(merged)
		original.Id, original.Parents, original.IssuedHeight = merged.Id, merged.Parents, merged.IssuedHeight
		m.requireSame(t, &original, &mergedCore)
		for _, p := range split.TokenIds {
			parent := m.token(t, ctx, p)
			require.Equal(t, types.TokenStatus_TOKEN_STATUS_RETIRED, parent.Status)
			require.Equal(t, []uint64{res.TokenId}, parent.Children)
		}
		require.Equal(t, []*types.EventTokensMerged{{Parents: split.TokenIds, TokenId: res.TokenId}}, eventsOf[*types.EventTokensMerged](t, ctx))
	})
	t.Run("adjacent periods join, listed in any order, offers voided", func(t *testing.T) {
		ctx := m.branch(t)
		at := func(first, last uint64, co2 uint64, fee int64) uint64 {
			return m.issue(t, ctx, func(msg *types.MsgIssueToken) {
				msg.FirstPeriod, msg.LastPeriod, msg.Co2Grams, msg.Terms.CancellationFee = m.now+first, m.now+last, co2, ints(fee)
			})
		}
		a, b, c := at(4, 5, 10, 1), at(6, 6, 20, 0), at(7, 9, 30, 5)
		m.setAsk(t, ctx, m.producer, b, consumerSide, 1, chf)
		res, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(), TokenIds: []uint64{c, a, b}})
		require.NoError(t, err)
		merged := m.token(t, ctx, res.TokenId)
		require.Equal(t, child{4, 9, 1000, 60, 6}, shapeOf(merged, m.now), "cancellation fees add up")
		require.Equal(t, []uint64{a, b, c}, merged.Parents, "parents in period order")
		require.Equal(t, types.Ask{}, merged.Consumer.Ask)
		require.Empty(t, m.offerIDs(t, ctx, consumerSide, chf))
	})
	t.Run("identical periods add volumes, sides held by two owners", func(t *testing.T) {
		ctx := m.branch(t)
		a := m.issue(t, ctx, nil)
		b := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.WhPerPeriod = 1500 })
		m.handOver(t, ctx, m.producer, m.consumer, a, consumerSide, consumerLoad)
		m.handOver(t, ctx, m.producer, m.consumer, b, consumerSide, consumerLoad)
		res, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.consumer.String(), TokenIds: []uint64{b, a}})
		require.NoError(t, err)
		merged := m.token(t, ctx, res.TokenId)
		require.Equal(t, child{4, 7, 2500, 240, 4_000_000}, shapeOf(merged, m.now))
		require.Equal(t, []uint64{b, a}, merged.Parents, "equal periods keep the message's order")
		require.Equal(t, m.consumer.String(), merged.Consumer.Owner)
		require.Equal(t, consumerLoad, merged.Consumer.MeterId)
		pos, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: m.consumer.String(), FromPeriod: m.now + 4, ToPeriod: m.now + 4})
		require.NoError(t, err)
		require.Equal(t, int64(2500), pos.Periods[0].NetWh)
	})
}

func TestSplitTokenRejections(t *testing.T) {
	m := newMarket(t)
	setup := m.c.Ctx()
	own := m.issue(t, setup, nil) // both sides the producer's
	sold := m.issue(t, setup, nil)
	m.handOver(t, setup, m.producer, m.consumer, sold, consumerSide, consumerLoad)
	single := m.issue(t, setup, func(msg *types.MsgIssueToken) { msg.LastPeriod = msg.FirstPeriod })
	p := m.producer.String()

	for _, tc := range []struct {
		name string
		msg  types.MsgSplitToken
		want error
	}{
		{"parts add up to less", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: own, WhParts: []uint64{300, 600}}, types.ErrInvalidVolume},
		{"parts add up to more", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: own, WhParts: []uint64{300, 701}}, types.ErrInvalidVolume},
		{"a zero part", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: own, WhParts: []uint64{0, 1000}}, types.ErrInvalidVolume},
		{"a single part", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: own, WhParts: []uint64{1000}}, types.ErrInvalidVolume},
		{"parts overflow to the right sum", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: own, WhParts: []uint64{math.MaxUint64, 1001}}, types.ErrInvalidVolume},
		{"both volume and period", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: own, WhParts: []uint64{500, 500}, SplitAfterPeriod: m.now + 5}, types.ErrInvalidRequest},
		{"neither volume nor period", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: own}, types.ErrInvalidRequest},
		{"after the last period", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: own, SplitAfterPeriod: m.now + 7}, types.ErrInvalidPeriods},
		{"before the first period", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: own, SplitAfterPeriod: m.now + 3}, types.ErrInvalidPeriods},
		{"a single-period token by period", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: single, SplitAfterPeriod: m.now + 4}, types.ErrInvalidPeriods},
		{"without the consumer side's owner", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: sold, WhParts: []uint64{500, 500}}, types.ErrNotSideOwner},
		{"signers who own nothing", types.MsgSplitToken{ProducerOwner: m.trader.String(), ConsumerOwner: m.trader.String(), TokenId: own, WhParts: []uint64{500, 500}}, types.ErrNotSideOwner},
		{"owners swapped", types.MsgSplitToken{ProducerOwner: m.consumer.String(), ConsumerOwner: p, TokenId: sold, WhParts: []uint64{500, 500}}, types.ErrNotSideOwner},
		{"unknown token", types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: 42, WhParts: []uint64{500, 500}}, types.ErrUnknownToken},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.SplitToken(ctx, &tc.msg)
				return err
			})
		})
	}
}

func TestMergeTokensRejections(t *testing.T) {
	m := newMarket(t)
	setup := m.c.Ctx()
	issue := func(edit func(*types.MsgIssueToken)) uint64 { return m.issue(t, setup, edit) }
	base := issue(nil)
	for _, tc := range []struct {
		name  string
		other func() uint64 // the token merged with base
		want  error
	}{
		{"another category", func() uint64 { return issue(func(msg *types.MsgIssueToken) { msg.ProducerMeterId = windMeter }) }, types.ErrInvalidRequest},
		{"another producer meter", func() uint64 { return issue(func(msg *types.MsgIssueToken) { msg.ProducerMeterId = solarMeter2 }) }, types.ErrInvalidRequest},
		{"another face value", func() uint64 {
			return issue(func(msg *types.MsgIssueToken) { msg.FaceValuePerMwh.Amount = ints(75_000_001) })
		}, types.ErrInvalidRequest},
		{"another currency", func() uint64 { return issue(func(msg *types.MsgIssueToken) { msg.FaceValuePerMwh.Denom = eur }) }, types.ErrInvalidRequest},
		{"another legal framework", func() uint64 {
			return issue(func(msg *types.MsgIssueToken) { msg.Terms.LegalFramework = "EFET-2010-DE" })
		}, types.ErrInvalidRequest},
		{"another default fee", func() uint64 {
			return issue(func(msg *types.MsgIssueToken) { msg.Terms.ProducerDefaultFee = ints(1) })
		}, types.ErrInvalidRequest},
		{"another settlement delay", func() uint64 {
			return issue(func(msg *types.MsgIssueToken) { msg.Terms.SettlementDelayPeriods = 5 })
		}, types.ErrInvalidRequest},
		{"other capabilities", func() uint64 {
			return issue(func(msg *types.MsgIssueToken) { msg.Capabilities.Primary = types.Capability{Offered: true} })
		}, types.ErrInvalidRequest},
		{"another consumer-side owner", func() uint64 {
			id := issue(nil)
			m.handOver(t, setup, m.producer, m.consumer, id, consumerSide, consumerLoad)
			return id
		}, types.ErrNotSideOwner},
		{"a gap between the periods", func() uint64 {
			return issue(func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.LastPeriod = m.now+9, m.now+10 })
		}, types.ErrInvalidPeriods},
		{"overlapping, not identical periods", func() uint64 {
			return issue(func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.LastPeriod = m.now+6, m.now+9 })
		}, types.ErrInvalidPeriods},
		{"adjacent periods with another volume", func() uint64 {
			return issue(func(msg *types.MsgIssueToken) {
				msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = m.now+8, m.now+9, 999
			})
		}, types.ErrInvalidPeriods},
		{"the same token twice", func() uint64 { return base }, types.ErrInvalidRequest},
		{"an unknown token", func() uint64 { return 9_999 }, types.ErrUnknownToken},
	} {
		t.Run(tc.name, func(t *testing.T) {
			other := tc.other()
			ctx := m.branch(t)
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(),
					TokenIds: []uint64{base, other}})
				return err
			})
		})
	}

	t.Run("a single token", func(t *testing.T) {
		ctx := m.branch(t)
		m.refused(t, ctx, types.ErrInvalidRequest, func(ctx sdk.Context) error {
			_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(), TokenIds: []uint64{base}})
			return err
		})
	})
	t.Run("merged span beyond max_token_periods", func(t *testing.T) {
		ctx := m.branch(t)
		long := func(first uint64) uint64 {
			return m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.LastPeriod = first, first+1999 })
		}
		a, b := long(m.now+100), long(m.now+2100)
		m.refused(t, ctx, types.ErrInvalidPeriods, func(ctx sdk.Context) error {
			_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(), TokenIds: []uint64{a, b}})
			return err
		})
	})
	t.Run("merged volume above the maximum or CO2 overflowing 64 bits", func(t *testing.T) {
		ctx := m.branch(t)
		one := func(wh, co2 uint64) uint64 {
			return m.issue(t, ctx, func(msg *types.MsgIssueToken) {
				msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod, msg.Co2Grams = m.now+50, m.now+50, wh, co2
			})
		}
		for _, ids := range [][]uint64{{one(types.MaxWhPerPeriod/2+1, 1), one(types.MaxWhPerPeriod/2+1, 1)}, {one(1, math.MaxUint64), one(1, 1)}} {
			m.refused(t, ctx, types.ErrInvalidVolume, func(ctx sdk.Context) error {
				_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(), TokenIds: ids})
				return err
			})
		}
	})
	t.Run("another origin shard", func(t *testing.T) {
		// Tokens from another shard only arrive over IBC (later); plant one through genesis.
		ctx := m.branch(t)
		k := m.c.App.EnergyKeeper
		gs, err := k.ExportGenesis(ctx)
		require.NoError(t, err)
		foreign := m.token(t, ctx, base)
		foreign.Id, foreign.OriginShard = gs.NextTokenId, "gridledger-dso-east"
		gs.Tokens, gs.NextTokenId = append(gs.Tokens, foreign), gs.NextTokenId+1
		require.NoError(t, k.InitGenesis(ctx, *gs))
		m.refused(t, ctx, types.ErrInvalidRequest, func(ctx sdk.Context) error {
			_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(), TokenIds: []uint64{base, foreign.Id}})
			return err
		})
	})
}

// TestSplitAndMergeChildrenAwaitReconciliation: the tokens a split or merge creates join the
// delivery queue like issued ones; the retired parent's entry is skipped when drained, so
// without their own they would never be reconciled.
func TestSplitAndMergeChildrenAwaitReconciliation(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	id := m.issue(t, ctx, nil)
	res, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(), TokenId: id, WhParts: []uint64{400, 600}})
	require.NoError(t, err)
	merged, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(), TokenIds: res.TokenIds})
	require.NoError(t, err)
	for _, child := range append(res.TokenIds, merged.TokenId) {
		has, err := m.c.App.EnergyKeeper.DeliveryQueue.Has(ctx, collections.Join(m.now+4, child))
		require.NoError(t, err)
		require.True(t, has, "token %d is queued for reconciliation", child)
	}
}
