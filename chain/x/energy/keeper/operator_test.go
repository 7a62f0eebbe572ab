package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// fundOperator gives the grid operator a settlement balance: it pays as balancing authority.
func (m *market) fundOperator(t testing.TB, ctx sdk.Context) {
	t.Helper()
	m.c.Fund(ctx, m.bank, chf, m.operator, sdkmath.NewInt(2*deposit), sdkmath.NewInt(deposit))
}

// reserveToken is the producer's token offering primary reserve at 5 CHF/MWh availability,
// its consumer side offered at 70 CHF/MWh.
func (m *market) reserveToken(t testing.TB, ctx sdk.Context) uint64 {
	t.Helper()
	id := m.issue(t, ctx, func(msg *types.MsgIssueToken) {
		msg.Capabilities.Primary = types.Capability{Offered: true, MobilisationSeconds: 30, PricePerMwh: 5_000_000}
	})
	m.setAsk(t, ctx, m.producer, id, consumerSide, 70_000_000, chf)
	return id
}

// TestOperatorProcuresReserveAndLosses: the balancing authority buys a consumer side as
// primary reserve, paying the ask to its seller and the availability price to the
// producer, and another as grid-loss energy; both are in its statement, with totals.
func TestOperatorProcuresReserveAndLosses(t *testing.T) {
	m := newMarket(t)
	ctx := withEvents(m.branch(t))
	m.fundOperator(t, ctx)
	op := m.operator.String()
	reserve := m.reserveToken(t, ctx)
	losses := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, losses, consumerSide, 60_000_000, chf)

	before := m.settlement(ctx, m.producer, chf)
	res, err := m.msgs.Procure(ctx, &types.MsgProcure{Operator: op, TokenId: reserve, Side: consumerSide,
		Kind: types.TradeKind_TRADE_KIND_RESERVE_PRIMARY, MaxPricePerMwh: 80_000_000, Denom: chf})
	require.NoError(t, err)
	// 4 kWh: 70 CHF/MWh → 280,000 uchf; availability 5 CHF/MWh → 20,000 uchf, both to the producer.
	require.Equal(t, sdkmath.NewInt(280_000), res.Paid)
	require.Equal(t, sdkmath.NewInt(20_000), res.Compensation)
	require.Equal(t, before.AddRaw(300_000), m.settlement(ctx, m.producer, chf))
	got := m.token(t, ctx, reserve)
	require.Equal(t, types.TokenSide{Owner: op, MeterId: m.virtual(m.operator, solar)}, got.Consumer,
		"the balancing authority holds it at its virtual meter of the category")
	require.Len(t, eventsOf[*types.EventProcured](t, ctx), 1)

	// Offers close at gate closure: the balancing authority procures before it.
	frozen := at(ctx, types.DefaultParams().GateClosesAt(m.now+4))
	lossesMsg := &types.MsgProcure{Operator: op, TokenId: losses, Side: consumerSide,
		Kind: types.TradeKind_TRADE_KIND_GRID_LOSSES, MaxPricePerMwh: 60_000_000, Denom: chf}
	branch, _ := frozen.CacheContext()
	m.refused(t, branch, types.ErrTokenFrozen, func(ctx sdk.Context) error {
		_, err := m.msgs.Procure(ctx, lossesMsg)
		return err
	})
	_, err = m.msgs.Procure(ctx, lossesMsg)
	require.NoError(t, err)

	statement, err := m.q.OperatorStatement(frozen, &types.QueryOperatorStatementRequest{})
	require.NoError(t, err)
	require.Equal(t, []types.ProcurementTotal{
		{Kind: types.TradeKind_TRADE_KIND_RESERVE_PRIMARY, Denom: chf, Trades: 1, Wh: sdkmath.NewInt(4000), Paid: sdkmath.NewInt(280_000), Compensation: sdkmath.NewInt(20_000)},
		{Kind: types.TradeKind_TRADE_KIND_GRID_LOSSES, Denom: chf, Trades: 1, Wh: sdkmath.NewInt(4000), Paid: sdkmath.NewInt(240_000), Compensation: sdkmath.ZeroInt()},
	}, statement.Totals)
	require.Len(t, statement.Acts, 2)
	require.Equal(t, []uint64{losses, reserve}, []uint64{statement.Acts[0].TokenId, statement.Acts[1].TokenId}, "newest first")
	require.Equal(t, types.TradeKind_TRADE_KIND_GRID_LOSSES, statement.Acts[0].Kind)
	only, err := m.q.OperatorStatement(frozen, &types.QueryOperatorStatementRequest{Kind: types.TradeKind_TRADE_KIND_RESERVE_PRIMARY})
	require.NoError(t, err)
	require.Len(t, only.Totals, 1)
	require.Len(t, only.Acts, 1)
	require.Equal(t, reserve, only.Acts[0].TokenId)

	// The market's average price counts procurements: they are purchases at an ask.
	avg, err := m.q.AveragePrice(frozen, &types.QueryAveragePriceRequest{Category: solar, Denom: chf, Period: m.now + 4})
	require.NoError(t, err)
	require.Equal(t, uint64(2), avg.Trades)
}

func TestProcureRejections(t *testing.T) {
	m := newMarket(t)
	setup, _ := m.c.Ctx().CacheContext()
	m.fundOperator(t, setup)
	reserve := m.reserveToken(t, setup)
	plain := m.issue(t, setup, nil)
	m.setAsk(t, setup, m.producer, plain, consumerSide, 70_000_000, chf)
	unoffered := m.issue(t, setup, nil)
	eurAsk := m.reserveToken(t, setup)
	m.setAsk(t, setup, m.producer, eurAsk, consumerSide, 70_000_000, eur)
	msg := func() *types.MsgProcure {
		return &types.MsgProcure{Operator: m.operator.String(), TokenId: reserve, Side: consumerSide,
			Kind: types.TradeKind_TRADE_KIND_RESERVE_PRIMARY, MaxPricePerMwh: 80_000_000, Denom: chf}
	}
	inDelivery := at(setup, types.DefaultParams().StartOf(m.now+4))
	for _, tc := range []struct {
		name string
		ctx  sdk.Context
		edit func(*types.MsgProcure)
		want error
	}{
		{"a participant posing as balancing authority", setup, func(msg *types.MsgProcure) { msg.Operator = m.trader.String() }, types.ErrUnauthorized},
		{"a reserve the token does not offer", setup, func(msg *types.MsgProcure) { msg.Kind = types.TradeKind_TRADE_KIND_RESERVE_SECONDARY }, types.ErrInvalidRequest},
		{"a reserve from a token without capabilities", setup, func(msg *types.MsgProcure) { msg.TokenId = plain }, types.ErrInvalidRequest},
		{"grid losses on the producer side", setup, func(msg *types.MsgProcure) {
			msg.Kind, msg.Side = types.TradeKind_TRADE_KIND_GRID_LOSSES, producerSide
		}, types.ErrInvalidSide},
		{"a redispatch is not a procurement", setup, func(msg *types.MsgProcure) { msg.Kind = types.TradeKind_TRADE_KIND_REDISPATCH }, types.ErrInvalidRequest},
		{"no kind", setup, func(msg *types.MsgProcure) { msg.Kind = types.TradeKind_TRADE_KIND_UNSPECIFIED }, types.ErrInvalidRequest},
		{"a side not offered", setup, func(msg *types.MsgProcure) {
			msg.TokenId, msg.Kind = unoffered, types.TradeKind_TRADE_KIND_GRID_LOSSES
		}, types.ErrNotForSale},
		{"an ask above the maximum", setup, func(msg *types.MsgProcure) { msg.MaxPricePerMwh = 69_000_000 }, types.ErrPriceAboveMax},
		{"another denom", setup, func(msg *types.MsgProcure) { msg.Denom = eur }, types.ErrInvalidAsk},
		{"a reserve priced outside the token's currency", setup, func(msg *types.MsgProcure) { msg.TokenId, msg.Denom = eurAsk, eur }, types.ErrInvalidAsk},
		{"a meter that is not the operator's", setup, func(msg *types.MsgProcure) { msg.MeterId = consumerLoad }, types.ErrInvalidMeter},
		{"after gate closure", at(setup, types.DefaultParams().GateClosesAt(m.now+4)), func(*types.MsgProcure) {}, types.ErrTokenFrozen},
		{"delivery has begun", inDelivery, func(*types.MsgProcure) {}, types.ErrTokenFrozen},
		{"an unknown token", setup, func(msg *types.MsgProcure) { msg.TokenId = 999 }, types.ErrUnknownToken},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := tc.ctx.CacheContext()
			procure := msg()
			tc.edit(procure)
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.Procure(ctx, procure)
				return err
			})
		})
	}
}

// TestOperatorRedispatches moves a producer side from the producer's solar plant to the
// pure producer's, paying the producer the token's redispatch price; also after gate
// closure, never once delivery has begun.
func TestOperatorRedispatches(t *testing.T) {
	m := newMarket(t)
	ctx := withEvents(m.branch(t))
	m.fundOperator(t, ctx)
	id := m.issue(t, ctx, nil) // redispatch offered at 120 CHF/MWh
	m.setAsk(t, ctx, m.producer, id, consumerSide, 0, chf)
	m.buy(t, ctx, m.consumer, id, consumerSide, 0, chf, consumerLoad)
	op := m.operator.String()
	frozen := at(ctx, types.DefaultParams().GateClosesAt(m.now+4))

	before := m.settlement(frozen, m.producer, chf)
	res, err := m.msgs.Redispatch(frozen, &types.MsgRedispatch{Operator: op, TokenId: id, Side: producerSide, To: m.pureProducer.String(), MeterId: pureSolar})
	require.NoError(t, err)
	require.Equal(t, sdkmath.NewInt(480_000), res.Compensation, "120 CHF/MWh x 4 kWh")
	require.Equal(t, before.AddRaw(480_000), m.settlement(frozen, m.producer, chf))
	got := m.token(t, frozen, id)
	require.Equal(t, types.TokenSide{Owner: m.pureProducer.String(), MeterId: pureSolar}, got.Producer)
	m.requirePosition(t, frozen, m.producer, m.now+4, 0, 0)
	m.requirePosition(t, frozen, m.pureProducer, m.now+4, 1000, 0)
	trades := m.tradesOf(t, frozen, id)
	last := trades[len(trades)-1]
	require.Equal(t, types.TradeKind_TRADE_KIND_REDISPATCH, last.Kind)
	require.Equal(t, sdkmath.NewInt(480_000), last.Compensation)
	require.Equal(t, []*types.EventRedispatched{{TokenId: id, Side: producerSide, From: m.producer.String(), To: m.pureProducer.String(),
		MeterId: pureSolar, Compensation: "480000", Denom: chf}}, eventsOf[*types.EventRedispatched](t, frozen))
	statement, err := m.q.OperatorStatement(frozen, &types.QueryOperatorStatementRequest{Kind: types.TradeKind_TRADE_KIND_REDISPATCH})
	require.NoError(t, err)
	require.Len(t, statement.Acts, 1)
	require.Empty(t, statement.Totals, "redispatches are acts, not procurements")

	noRedispatch := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Capabilities = types.BalancingCapabilities{} })
	for _, tc := range []struct {
		name string
		ctx  sdk.Context
		msg  types.MsgRedispatch
		want error
	}{
		{"a participant", ctx, types.MsgRedispatch{Operator: m.trader.String(), TokenId: id, Side: producerSide, To: m.pureProducer.String(), MeterId: pureSolar}, types.ErrUnauthorized},
		{"to a stranger", ctx, types.MsgRedispatch{Operator: op, TokenId: id, Side: producerSide, To: m.stranger.String()}, types.ErrNotAdmitted},
		{"to a suspended participant", ctx, types.MsgRedispatch{Operator: op, TokenId: id, Side: producerSide, To: m.suspended.String()}, types.ErrNotAdmitted},
		{"to the owner", ctx, types.MsgRedispatch{Operator: op, TokenId: id, Side: producerSide, To: m.pureProducer.String(), MeterId: pureSolar}, types.ErrOwnSide},
		{"a token offering no redispatch", ctx, types.MsgRedispatch{Operator: op, TokenId: noRedispatch, Side: producerSide, To: m.pureProducer.String(), MeterId: pureSolar}, types.ErrInvalidRequest},
		{"to a meter that does not fit the side", ctx, types.MsgRedispatch{Operator: op, TokenId: id, Side: producerSide, To: m.consumer.String(), MeterId: consumerLoad}, types.ErrInvalidMeter},
		{"once delivery has begun", at(ctx, types.DefaultParams().StartOf(m.now+4)), types.MsgRedispatch{Operator: op, TokenId: id, Side: producerSide, To: m.pureProducer.String(), MeterId: pureSolar}, types.ErrTokenFrozen},
	} {
		t.Run(tc.name, func(t *testing.T) {
			branch, _ := tc.ctx.CacheContext()
			m.refused(t, branch, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.Redispatch(ctx, &tc.msg)
				return err
			})
		})
	}
	// The operator's own side moves for free: nothing is paid, nothing recorded as paid.
	own := m.reserveToken(t, ctx)
	_, err = m.msgs.Procure(ctx, &types.MsgProcure{Operator: op, TokenId: own, Side: consumerSide,
		Kind: types.TradeKind_TRADE_KIND_RESERVE_PRIMARY, MaxPricePerMwh: 70_000_000, Denom: chf})
	require.NoError(t, err)
	res, err = m.msgs.Redispatch(ctx, &types.MsgRedispatch{Operator: op, TokenId: own, Side: consumerSide, To: m.consumer.String(), MeterId: consumerLoad})
	require.NoError(t, err)
	require.True(t, res.Compensation.IsZero())

	big := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.WhPerPeriod = consumerLimit + 1 })
	branch, _ := ctx.CacheContext()
	m.refused(t, branch, types.ErrPositionLimit, func(ctx sdk.Context) error {
		_, err := m.msgs.Redispatch(ctx, &types.MsgRedispatch{Operator: op, TokenId: big, Side: consumerSide, To: m.consumer.String(), MeterId: consumerLoad})
		return err
	})
}
