package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// boughtConsumerSide has the producer issue a token (issueMsg changed by edit) and the
// trader buy its consumer side at its virtual meter for free: the retailer's supply.
func (m *market) boughtConsumerSide(t testing.TB, ctx sdk.Context, edit func(*types.MsgIssueToken)) uint64 {
	t.Helper()
	id := m.issue(t, ctx, edit)
	m.setAsk(t, ctx, m.producer, id, consumerSide, 0, chf)
	cat := m.token(t, ctx, id).Category
	m.buy(t, ctx, m.trader, id, consumerSide, 0, chf, m.virtual(m.trader, cat))
	return id
}

func (m *market) aggregateMsg(side types.Side, ids ...uint64) *types.MsgAggregateSides {
	issue := m.issueMsg()
	return &types.MsgAggregateSides{Owner: m.trader.String(), Side: side, SourceTokenIds: ids,
		FaceValuePerMwh: types.Money{Amount: sdkmath.NewInt(82_000_000), Denom: chf}, Terms: issue.Terms}
}

func (m *market) aggregate(t testing.TB, ctx sdk.Context, msg *types.MsgAggregateSides) uint64 {
	t.Helper()
	res, err := m.msgs.AggregateSides(ctx, msg)
	require.NoError(t, err)
	return res.TokenId
}

// TestRetailerAggregatesConsumerSides follows seed §3.2.2: a retailer holding the
// consumer sides of two producers' tokens keeps them and emits one token with their
// cumulative energy and CO2, then sells its consumer side to a household.
func TestRetailerAggregatesConsumerSides(t *testing.T) {
	m := newMarket(t)
	ctx := withEvents(m.branch(t))
	t1 := m.boughtConsumerSide(t, ctx, nil) // 1000 Wh per period, 120 g
	t2 := m.boughtConsumerSide(t, ctx, func(msg *types.MsgIssueToken) {
		msg.ProducerMeterId, msg.WhPerPeriod, msg.Co2Grams = solarMeter2, 600, 70
	})
	m.requirePosition(t, ctx, m.trader, m.now+4, 0, 1600)

	msg := m.aggregateMsg(consumerSide, t1, t2)
	id := m.aggregate(t, ctx, msg)
	got := m.token(t, ctx, id)
	virtual := m.virtual(m.trader, solar)
	m.requireSame(t, &types.Token{
		Id: id, Issuer: m.trader.String(), FirstPeriod: m.now + 4, LastPeriod: m.now + 7, WhPerPeriod: 1600,
		Category: solar, Co2Grams: 190, FaceValuePerMwh: msg.FaceValuePerMwh, Terms: msg.Terms,
		Producer: types.TokenSide{Owner: m.trader.String(), MeterId: virtual},
		Consumer: types.TokenSide{Owner: m.trader.String(), MeterId: virtual},
		Status:   types.TokenStatus_TOKEN_STATUS_ACTIVE, OriginShard: apptest.ChainID, IssuedHeight: ctx.BlockHeight(),
		BackedBy: types.Backing{Side: consumerSide, TokenIds: []uint64{t1, t2}},
	}, &got)
	for _, src := range []uint64{t1, t2} {
		require.Equal(t, types.Backing{Side: consumerSide, TokenIds: []uint64{id}}, m.token(t, ctx, src).Backs, "token %d", src)
	}
	require.Equal(t, []*types.EventSidesAggregated{{TokenId: id, Side: consumerSide, Sources: []uint64{t1, t2}, Owner: m.trader.String()}},
		eventsOf[*types.EventSidesAggregated](t, ctx))
	m.requirePosition(t, ctx, m.trader, m.now+4, 1600, 3200) // net unchanged

	// The kept sides are committed; their other sides are not.
	trader := m.trader.String()
	for _, tc := range []struct {
		name string
		want error
		run  func(ctx sdk.Context) error
	}{
		{"offer a kept side", types.ErrSideCommitted, func(ctx sdk.Context) error {
			_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: trader, TokenId: t1, Side: consumerSide, Ask: types.Ask{ForSale: true, Denom: chf}})
			return err
		}},
		{"hand a kept side over", types.ErrSideCommitted, func(ctx sdk.Context) error {
			_, err := m.msgs.HandOverSide(ctx, &types.MsgHandOverSide{From: trader, To: m.trader2.String(), TokenId: t1, Side: consumerSide})
			return err
		}},
		{"cancel a source", types.ErrSideCommitted, func(ctx sdk.Context) error {
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: trader, TokenId: t2})
			return err
		}},
		{"cancel a source jointly", types.ErrSideCommitted, func(ctx sdk.Context) error {
			_, err := m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: m.producer.String(), ConsumerOwner: trader, TokenId: t2})
			return err
		}},
		{"disaggregate a source", types.ErrSideCommitted, func(ctx sdk.Context) error {
			_, err := m.msgs.DisaggregateSide(ctx, &types.MsgDisaggregateSide{Owner: trader, Side: consumerSide, SourceTokenId: t1, WhParts: []uint64{500, 500},
				FaceValuePerMwh: msg.FaceValuePerMwh, Terms: msg.Terms})
			return err
		}},
		{"split the emitted token", types.ErrEmittedToken, func(ctx sdk.Context) error {
			_, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: trader, ConsumerOwner: trader, TokenId: id, WhParts: []uint64{600, 1000}})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			branch, _ := ctx.CacheContext()
			m.refused(t, branch, tc.want, tc.run)
		})
	}
	again, _ := ctx.CacheContext()
	t3 := m.boughtConsumerSide(t, again, nil)
	m.refused(t, again, types.ErrSideCommitted, func(ctx sdk.Context) error {
		_, err := m.msgs.AggregateSides(ctx, m.aggregateMsg(consumerSide, t3, t1))
		return err
	})
	free, _ := ctx.CacheContext()
	m.setAsk(t, free, m.producer, t1, producerSide, 1_000_000, chf) // the producer's side trades on

	// Cancelling the emitted token releases the sources.
	released, _ := ctx.CacheContext()
	_, err := m.msgs.CancelToken(released, &types.MsgCancelToken{Owner: trader, TokenId: id})
	require.NoError(t, err)
	require.Equal(t, types.Backing{}, m.token(t, released, t1).Backs)
	m.setAsk(t, released, m.trader, t1, consumerSide, 0, chf)
	m.checkInvariants(t, released)

	// The household buys the aggregate's consumer side: the retailer is balanced.
	m.setAsk(t, ctx, m.trader, id, consumerSide, 3_000_000, chf)
	m.buy(t, ctx, m.consumer, id, consumerSide, 3_000_000, chf, consumerLoad)
	m.requirePosition(t, ctx, m.trader, m.now+4, 1600, 1600)
	m.requirePosition(t, ctx, m.consumer, m.now+4, 0, 1600)
}

// TestTraderAggregatesProducerSides keeps the producer sides of two consumers' bids and
// emits one token whose producer side a plant buys: aggregation works on either side.
func TestTraderAggregatesProducerSides(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	var bids []uint64
	for range 2 {
		res, err := m.msgs.IssueToken(ctx, m.bidMsg(0))
		require.NoError(t, err)
		m.buy(t, ctx, m.trader, res.TokenId, producerSide, 0, chf, m.virtual(m.trader, solar))
		bids = append(bids, res.TokenId)
	}
	id := m.aggregate(t, ctx, m.aggregateMsg(producerSide, bids...))
	got := m.token(t, ctx, id)
	require.Equal(t, uint64(2000), got.WhPerPeriod)
	require.Equal(t, types.Backing{Side: producerSide, TokenIds: bids}, got.BackedBy)
	m.setAsk(t, ctx, m.trader, id, producerSide, 0, chf)
	m.buy(t, ctx, m.pureProducer, id, producerSide, 0, chf, pureSolar)
	m.requirePosition(t, ctx, m.trader, m.now+4, 2000, 2000)
	m.requirePosition(t, ctx, m.pureProducer, m.now+4, 2000, 0)
	m.refused(t, ctx, types.ErrSideCommitted, func(ctx sdk.Context) error {
		_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: m.trader.String(), TokenId: bids[0], Side: producerSide, Ask: types.Ask{ForSale: true, Denom: chf}})
		return err
	})
}

// TestAggregateAdjacentPeriods joins sources that follow each other in time.
func TestAggregateAdjacentPeriods(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	early := m.boughtConsumerSide(t, ctx, func(msg *types.MsgIssueToken) { msg.LastPeriod = m.now + 5 })
	late := m.boughtConsumerSide(t, ctx, func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.Co2Grams = m.now+6, 50 })
	got := m.token(t, ctx, m.aggregate(t, ctx, m.aggregateMsg(consumerSide, late, early)))
	require.Equal(t, []uint64{m.now + 4, m.now + 7, 1000, 170}, []uint64{got.FirstPeriod, got.LastPeriod, got.WhPerPeriod, got.Co2Grams})
	require.Equal(t, []uint64{early, late}, got.BackedBy.TokenIds, "in delivery order")
}

func TestAggregateRejections(t *testing.T) {
	m := newMarket(t)
	setup, _ := m.c.Ctx().CacheContext()
	t1 := m.boughtConsumerSide(t, setup, nil)
	t2 := m.boughtConsumerSide(t, setup, nil)
	windToken := m.boughtConsumerSide(t, setup, func(msg *types.MsgIssueToken) { msg.ProducerMeterId = windMeter })
	later := m.boughtConsumerSide(t, setup, func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.LastPeriod = m.now+10, m.now+11 })
	offered := m.boughtConsumerSide(t, setup, nil)
	m.setAsk(t, setup, m.trader, offered, consumerSide, 1, chf)
	many := make([]uint64, types.DefaultMaxMergeInputs+1)
	for i := range many {
		many[i] = uint64(i + 1)
	}
	for _, tc := range []struct {
		name string
		edit func(*types.MsgAggregateSides)
		want error
	}{
		{"a stranger", func(msg *types.MsgAggregateSides) { msg.Owner = m.stranger.String() }, types.ErrNotAdmitted},
		{"a suspended participant", func(msg *types.MsgAggregateSides) { msg.Owner = m.suspended.String() }, types.ErrNotAdmitted},
		{"a role that issues nothing", func(msg *types.MsgAggregateSides) { msg.Owner = m.co2.String() }, types.ErrInvalidRole},
		{"no side", func(msg *types.MsgAggregateSides) { msg.Side = types.Side_SIDE_UNSPECIFIED }, types.ErrInvalidSide},
		{"one source", func(msg *types.MsgAggregateSides) { msg.SourceTokenIds = []uint64{t1} }, types.ErrInvalidRequest},
		{"a source twice", func(msg *types.MsgAggregateSides) { msg.SourceTokenIds = []uint64{t1, t1} }, types.ErrInvalidRequest},
		{"more sources than max_merge_inputs", func(msg *types.MsgAggregateSides) { msg.SourceTokenIds = many }, types.ErrTooManyInputs},
		{"an unknown source", func(msg *types.MsgAggregateSides) { msg.SourceTokenIds = []uint64{t1, 999} }, types.ErrUnknownToken},
		{"a side someone else holds", func(msg *types.MsgAggregateSides) { msg.Side = producerSide }, types.ErrNotSideOwner},
		{"another category", func(msg *types.MsgAggregateSides) { msg.SourceTokenIds = []uint64{t1, windToken} }, types.ErrInvalidRequest},
		{"periods neither equal nor adjacent", func(msg *types.MsgAggregateSides) { msg.SourceTokenIds = []uint64{t1, later} }, types.ErrInvalidPeriods},
		{"a source on offer", func(msg *types.MsgAggregateSides) { msg.SourceTokenIds = []uint64{t1, offered} }, types.ErrInvalidAsk},
		{"an unknown currency", func(msg *types.MsgAggregateSides) { msg.FaceValuePerMwh.Denom = "uchf.nobank" }, types.ErrUnknownCurrency},
		{"a face value outside the band", func(msg *types.MsgAggregateSides) { msg.FaceValuePerMwh.Amount = sdkmath.NewInt(10_000_000_000) }, types.ErrPriceOutOfBand},
		{"a negative fee", func(msg *types.MsgAggregateSides) { msg.Terms.CancellationFee = sdkmath.NewInt(-1) }, types.ErrInvalidTerms},
		{"a meter that is not the owner's", func(msg *types.MsgAggregateSides) { msg.ProducerMeterId = solarMeter }, types.ErrInvalidMeter},
		{"a virtual meter of another category", func(msg *types.MsgAggregateSides) {
			msg.ConsumerMeterId = balancingtypes.VirtualMeterID(m.trader.String(), wind)
		}, types.ErrInvalidMeter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := setup.CacheContext()
			msg := m.aggregateMsg(consumerSide, t1, t2)
			tc.edit(msg)
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.AggregateSides(ctx, msg)
				return err
			})
		})
	}
	m.checkInvariants(t, setup)
}
