package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

func (m *market) disaggregateMsg(id uint64) *types.MsgDisaggregateSide {
	issue := m.issueMsg()
	return &types.MsgDisaggregateSide{Owner: m.trader.String(), Side: consumerSide, SourceTokenId: id,
		FaceValuePerMwh: types.Money{Amount: sdkmath.NewInt(90_000_000), Denom: chf}, Terms: issue.Terms}
}

// TestRetailerDisaggregatesAConsumerSide: a retailer keeps the consumer side of a large
// token and emits smaller ones to sell to households (seed §3.2.2); energy, CO2 and the
// cancellation fee add up exactly, and the kept side is released only when every emitted
// token is cancelled.
func TestRetailerDisaggregatesAConsumerSide(t *testing.T) {
	m := newMarket(t)
	ctx := withEvents(m.branch(t))
	src := m.boughtConsumerSide(t, ctx, nil) // 1000 Wh per period over 4 periods, 120 g
	msg := m.disaggregateMsg(src)
	msg.WhParts = []uint64{300, 700}
	res, err := m.msgs.DisaggregateSide(ctx, msg)
	require.NoError(t, err)
	require.Len(t, res.TokenIds, 2)
	virtual := m.virtual(m.trader, solar)
	for i, want := range []struct {
		wh, co2 uint64
		fee     int64
	}{{300, 36, 600_000}, {700, 84, 1_400_000}} {
		got := m.token(t, ctx, res.TokenIds[i])
		require.Equal(t, []uint64{m.now + 4, m.now + 7, want.wh, want.co2}, []uint64{got.FirstPeriod, got.LastPeriod, got.WhPerPeriod, got.Co2Grams})
		require.Equal(t, sdkmath.NewInt(want.fee), got.Terms.CancellationFee, "the fee is shared by energy")
		require.Equal(t, msg.FaceValuePerMwh, got.FaceValuePerMwh)
		require.Equal(t, types.TokenSide{Owner: m.trader.String(), MeterId: virtual}, got.Producer)
		require.Equal(t, types.TokenSide{Owner: m.trader.String(), MeterId: virtual}, got.Consumer)
		require.Equal(t, types.Backing{Side: consumerSide, TokenIds: []uint64{src}}, got.BackedBy)
		require.Empty(t, got.Parents, "an emitted token is not a child: its source lives on")
	}
	require.Equal(t, types.Backing{Side: consumerSide, TokenIds: res.TokenIds}, m.token(t, ctx, src).Backs)
	require.Equal(t, []*types.EventSideDisaggregated{{SourceTokenId: src, Side: consumerSide, TokenIds: res.TokenIds, Owner: m.trader.String()}},
		eventsOf[*types.EventSideDisaggregated](t, ctx))
	m.requirePosition(t, ctx, m.trader, m.now+7, 1000, 2000)

	// Both parts sold: the retailer is balanced, each household holds its part.
	m.setAsk(t, ctx, m.trader, res.TokenIds[0], consumerSide, 0, chf)
	m.buy(t, ctx, m.consumer, res.TokenIds[0], consumerSide, 0, chf, consumerLoad)
	m.requirePosition(t, ctx, m.trader, m.now+4, 1000, 1700)
	m.requirePosition(t, ctx, m.consumer, m.now+4, 0, 300)

	// One part cancelled: the source still backs the other. Both: released.
	trader := m.trader.String()
	_, err = m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: trader, TokenId: res.TokenIds[1]})
	require.NoError(t, err)
	require.Equal(t, types.Backing{Side: consumerSide, TokenIds: res.TokenIds[:1]}, m.token(t, ctx, src).Backs)
	m.refused(t, ctx, types.ErrSideCommitted, func(ctx sdk.Context) error {
		_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: trader, TokenId: src, Side: consumerSide, Ask: types.Ask{ForSale: true, Denom: chf}})
		return err
	})
	_, err = m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: trader, TokenId: res.TokenIds[0]}) // the fee goes to the household
	require.NoError(t, err)
	require.Equal(t, types.Backing{}, m.token(t, ctx, src).Backs)
	m.setAsk(t, ctx, m.trader, src, consumerSide, 0, chf)
}

// TestDisaggregateByTime emits a token per half of the source's delivery.
func TestDisaggregateByTime(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	src := m.boughtConsumerSide(t, ctx, nil)
	msg := m.disaggregateMsg(src)
	msg.SplitAfterPeriod = m.now + 5
	res, err := m.msgs.DisaggregateSide(ctx, msg)
	require.NoError(t, err)
	first, second := m.token(t, ctx, res.TokenIds[0]), m.token(t, ctx, res.TokenIds[1])
	require.Equal(t, []uint64{m.now + 4, m.now + 5, 60}, []uint64{first.FirstPeriod, first.LastPeriod, first.Co2Grams})
	require.Equal(t, []uint64{m.now + 6, m.now + 7, 60}, []uint64{second.FirstPeriod, second.LastPeriod, second.Co2Grams})
}

func TestDisaggregateRejections(t *testing.T) {
	m := newMarket(t)
	setup, _ := m.c.Ctx().CacheContext()
	src := m.boughtConsumerSide(t, setup, nil)
	tooMany := make([]uint64, types.DefaultMaxSplitParts+1)
	for i := range tooMany {
		tooMany[i] = 1
	}
	tooMany[0] = 1000 - types.DefaultMaxSplitParts
	for _, tc := range []struct {
		name string
		edit func(*types.MsgDisaggregateSide)
		want error
	}{
		{"a stranger", func(msg *types.MsgDisaggregateSide) { msg.Owner = m.stranger.String() }, types.ErrNotAdmitted},
		{"a suspended participant", func(msg *types.MsgDisaggregateSide) { msg.Owner = m.suspended.String() }, types.ErrNotAdmitted},
		{"no side", func(msg *types.MsgDisaggregateSide) { msg.Side = 7 }, types.ErrInvalidSide},
		{"a side someone else holds", func(msg *types.MsgDisaggregateSide) { msg.Side = producerSide }, types.ErrNotSideOwner},
		{"an unknown source", func(msg *types.MsgDisaggregateSide) { msg.SourceTokenId = 999 }, types.ErrUnknownToken},
		{"neither parts nor period", func(*types.MsgDisaggregateSide) {}, types.ErrInvalidRequest},
		{"both parts and period", func(msg *types.MsgDisaggregateSide) {
			msg.WhParts, msg.SplitAfterPeriod = []uint64{500, 500}, m.now+5
		}, types.ErrInvalidRequest},
		{"parts that do not add up", func(msg *types.MsgDisaggregateSide) { msg.WhParts = []uint64{500, 400} }, types.ErrInvalidVolume},
		{"a zero part", func(msg *types.MsgDisaggregateSide) { msg.WhParts = []uint64{1000, 0} }, types.ErrInvalidVolume},
		{"more parts than max_split_parts", func(msg *types.MsgDisaggregateSide) { msg.WhParts = tooMany }, types.ErrTooManyParts},
		{"a period outside the source", func(msg *types.MsgDisaggregateSide) { msg.SplitAfterPeriod = m.now + 7 }, types.ErrInvalidPeriods},
		{"an unknown currency", func(msg *types.MsgDisaggregateSide) {
			msg.WhParts, msg.FaceValuePerMwh.Denom = []uint64{500, 500}, "uchf.nobank"
		}, types.ErrUnknownCurrency},
		{"a fee above the contract maximum", func(msg *types.MsgDisaggregateSide) {
			msg.WhParts, msg.Terms.CancellationFee = []uint64{500, 500}, types.MaxContractAmount.AddRaw(1)
		}, types.ErrAmountTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := setup.CacheContext()
			msg := m.disaggregateMsg(src)
			tc.edit(msg)
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.DisaggregateSide(ctx, msg)
				return err
			})
		})
	}

	// Once the source's gate has closed, its owner acts on it no more.
	frozen := setup.WithBlockTime(setup.BlockTime().Add(3 * time.Duration(types.DefaultPeriodSeconds) * time.Second))
	msg := m.disaggregateMsg(src)
	msg.SplitAfterPeriod = m.now + 5
	m.refused(t, frozen, types.ErrTokenFrozen, func(ctx sdk.Context) error {
		_, err := m.msgs.DisaggregateSide(ctx, msg)
		return err
	})
	m.checkInvariants(t, setup)
}

// TestInvariantsCatchABrokenBacking corrupts the links of an aggregation and the energy
// it transposes; CheckInvariants must notice each.
func TestInvariantsCatchABrokenBacking(t *testing.T) {
	m := newMarket(t)
	setup, _ := m.c.Ctx().CacheContext()
	t1 := m.boughtConsumerSide(t, setup, nil)
	t2 := m.boughtConsumerSide(t, setup, nil)
	id := m.aggregate(t, setup, m.aggregateMsg(consumerSide, t1, t2))
	k := m.c.App.EnergyKeeper
	require.NoError(t, k.CheckInvariants(setup))
	edit := func(ctx sdk.Context, id uint64, change func(*types.Token)) {
		tok, err := k.Tokens.Get(ctx, id)
		require.NoError(t, err)
		change(&tok)
		require.NoError(t, k.Tokens.Set(ctx, id, tok))
	}
	for _, tc := range []struct {
		name    string
		corrupt func(ctx sdk.Context)
		want    string
	}{
		{"a source forgets what it backs", func(ctx sdk.Context) { edit(ctx, t2, func(tok *types.Token) { tok.Backs = types.Backing{} }) }, "which backs"},
		{"a source backs on the wrong side", func(ctx sdk.Context) {
			edit(ctx, t1, func(tok *types.Token) { tok.Backs.Side = producerSide })
		}, "which backs SIDE_PRODUCER"},
		{"a cancelled emitted token still named", func(ctx sdk.Context) {
			edit(ctx, id, func(tok *types.Token) { tok.Status = types.TokenStatus_TOKEN_STATUS_CANCELLED })
		}, "(TOKEN_STATUS_CANCELLED) is backed by"},
		{"more CO2 emitted than the sources hold", func(ctx sdk.Context) { edit(ctx, id, func(tok *types.Token) { tok.Co2Grams++ }) }, "more than the sources'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := setup.CacheContext()
			tc.corrupt(ctx)
			require.ErrorContains(t, k.CheckInvariants(ctx), tc.want)
		})
	}
}
