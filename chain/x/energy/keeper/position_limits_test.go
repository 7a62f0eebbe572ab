package keeper_test

import (
	"fmt"
	"math"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// setLimit has the grid operator change who's position limit, nothing else.
func (m *market) setLimit(t testing.TB, ctx sdk.Context, who sdk.AccAddress, limit uint64) {
	t.Helper()
	p, ok, err := m.c.App.BalancingKeeper.GetParticipant(ctx, who)
	require.NoError(t, err)
	require.True(t, ok)
	_, err = balancingkeeper.NewMsgServerImpl(m.c.App.BalancingKeeper).UpdateParticipant(ctx, &balancingtypes.MsgUpdateParticipant{
		Operator: m.operator.String(), Address: who.String(), DisplayName: p.DisplayName, Roles: p.Roles,
		PositionLimitWh: limit, TradedCategories: p.TradedCategories,
	})
	require.NoError(t, err)
}

// netAt is who's net position (consumer − producer Wh) in one period, as Position reports it.
func (m *market) netAt(t testing.TB, ctx sdk.Context, who sdk.AccAddress, period uint64) int64 {
	t.Helper()
	res, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: who.String(), FromPeriod: period, ToPeriod: period})
	require.NoError(t, err)
	return res.Periods[0].NetWh
}

// TestPositionLimitsBindEveryoneWhosePositionMoves: a purchase, a hand-over and a
// cancellation are refused when any participant whose position they move (seller,
// buyer, giver, receiver, canceller, the other leg's owner) would end beyond its limit
// further from zero than before, and accepted otherwise, even for a participant already
// beyond a limit the operator lowered, as long as its excess does not grow. Splits and
// merges move no position and are never refused for one. Every token here delivers in
// periods now+4..now+7; a refusal names the participant, now+4 and its limit, and
// changes nothing.
func TestPositionLimitsBindEveryoneWhosePositionMoves(t *testing.T) {
	m := newMarket(t)
	first := m.now + 4
	// produce issues a token of wh per period from the producer's solar plant.
	produce := func(ctx sdk.Context, wh uint64) uint64 {
		return m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.WhPerPeriod = wh })
	}
	// own issues a token of wh per period between a trader's own virtual meters.
	own := func(ctx sdk.Context, trader sdk.AccAddress, wh uint64) uint64 {
		return m.issue(t, ctx, func(msg *types.MsgIssueToken) {
			msg.Issuer, msg.ProducerMeterId, msg.ConsumerMeterId, msg.WhPerPeriod = trader.String(), m.virtual(trader, solar), "", wh
		})
	}
	// hold gives the trader one side of a new 7000 Wh token of the producer: short (its
	// producer side, net −7000) or long (its consumer side, net +7000).
	hold := func(ctx sdk.Context, s types.Side) uint64 {
		id := produce(ctx, 7000)
		m.handOver(t, ctx, m.producer, m.trader, id, s, "")
		return id
	}
	// hedge gives the trader the consumer side of a producer's 6000 Wh token (a) and the
	// producer side of trader2's 12000 Wh token (b): net −6000.
	hedge := func(ctx sdk.Context) (a, b uint64) {
		a, b = produce(ctx, 6000), own(ctx, m.trader2, 12_000)
		m.handOver(t, ctx, m.producer, m.trader, a, consumerSide, "")
		m.handOver(t, ctx, m.trader2, m.trader, b, producerSide, "")
		return a, b
	}
	offer := func(ctx sdk.Context, owner sdk.AccAddress, id uint64, s types.Side) {
		m.setAsk(t, ctx, owner, id, s, 0, chf)
	}
	buy := func(buyer sdk.AccAddress, id uint64, s types.Side) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: buyer.String(), TokenId: id, Side: s, Denom: chf})
			return err
		}
	}
	handOver := func(from, to sdk.AccAddress, id uint64, s types.Side) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.HandOverSide(ctx, &types.MsgHandOverSide{From: from.String(), To: to.String(), TokenId: id, Side: s})
			return err
		}
	}
	cancel := func(owner sdk.AccAddress, id uint64) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: owner.String(), TokenId: id})
			return err
		}
	}
	cancelJointly := func(producer, consumer sdk.AccAddress, id uint64) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: producer.String(), ConsumerOwner: consumer.String(), TokenId: id})
			return err
		}
	}
	split := func(id uint64, parts ...uint64) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: m.producer.String(), ConsumerOwner: m.trader.String(), TokenId: id, WhParts: parts})
			return err
		}
	}

	type net = map[string]int64 // participant name -> net position in now+4 after the message
	for _, tc := range []struct {
		name string
		// scene builds the state and returns the message to run.
		scene func(ctx sdk.Context) func(sdk.Context) error
		// refusedFor is the participant the refusal names, with its limit; "" when accepted.
		refusedFor string
		limit      uint64
		want       net
	}{
		// MsgBuySide: the seller is checked now, and the rule for one beyond its limit.
		{"buy: the seller stays within its limit", func(ctx sdk.Context) func(sdk.Context) error {
			id := own(ctx, m.trader, 3000)
			offer(ctx, m.trader, id, consumerSide)
			return buy(m.trader2, id, consumerSide)
		}, "", 0, net{"trader": -3000, "trader2": 3000}},
		{"buy: the seller would deliver beyond its limit", func(ctx sdk.Context) func(sdk.Context) error {
			hold(ctx, producerSide)
			id := own(ctx, m.trader, 4000)
			offer(ctx, m.trader, id, consumerSide)
			return buy(m.trader2, id, consumerSide) // trader −7000 → −11000
		}, "trader", traderLimit, nil},
		{"buy: a seller beyond a lowered limit may reduce its excess", func(ctx sdk.Context) func(sdk.Context) error {
			hold(ctx, consumerSide)
			m.setLimit(t, ctx, m.trader, 1000)
			id := own(ctx, m.trader, 4000)
			offer(ctx, m.trader, id, consumerSide)
			return buy(m.trader2, id, consumerSide) // trader +7000 → +3000
		}, "", 0, net{"trader": 3000, "trader2": 4000}},
		{"buy: a seller beyond a lowered limit may not grow its excess", func(ctx sdk.Context) func(sdk.Context) error {
			hold(ctx, consumerSide)
			m.setLimit(t, ctx, m.trader, 1000)
			id := own(ctx, m.trader, 4000)
			offer(ctx, m.trader, id, producerSide)
			return buy(m.trader2, id, producerSide) // trader +7000 → +11000
		}, "trader", 1000, nil},
		{"buy: a buyer beyond a lowered limit may buy what reduces its excess", func(ctx sdk.Context) func(sdk.Context) error {
			hold(ctx, consumerSide)
			m.setLimit(t, ctx, m.trader, 1000)
			id := produce(ctx, 4000)
			offer(ctx, m.producer, id, producerSide)
			return buy(m.trader, id, producerSide) // trader +7000 → +3000
		}, "", 0, net{"trader": 3000, "producer": -7000 + 4000}},
		{"buy: a buyer beyond a lowered limit may not buy more of the same", func(ctx sdk.Context) func(sdk.Context) error {
			hold(ctx, consumerSide)
			m.setLimit(t, ctx, m.trader, 1000)
			id := produce(ctx, 10)
			offer(ctx, m.producer, id, consumerSide)
			return buy(m.trader, id, consumerSide)
		}, "trader", 1000, nil},

		// MsgHandOverSide: the giver is checked now.
		{"hand-over: the giver stays within its limit", func(ctx sdk.Context) func(sdk.Context) error {
			return handOver(m.trader, m.trader2, own(ctx, m.trader, 4000), consumerSide)
		}, "", 0, net{"trader": -4000, "trader2": 4000}},
		{"hand-over: the giver would deliver beyond its limit", func(ctx sdk.Context) func(sdk.Context) error {
			hold(ctx, producerSide)
			return handOver(m.trader, m.trader2, own(ctx, m.trader, 4000), consumerSide)
		}, "trader", traderLimit, nil},
		{"hand-over: a giver beyond a lowered limit may not grow its excess", func(ctx sdk.Context) func(sdk.Context) error {
			hold(ctx, consumerSide)
			m.setLimit(t, ctx, m.trader, 1000)
			return handOver(m.trader, m.trader2, own(ctx, m.trader, 4000), producerSide)
		}, "trader", 1000, nil},
		{"hand-over: a receiver beyond a lowered limit may take what reduces its excess", func(ctx sdk.Context) func(sdk.Context) error {
			hold(ctx, consumerSide)
			m.setLimit(t, ctx, m.trader, 1000)
			return handOver(m.producer, m.trader, produce(ctx, 4000), producerSide)
		}, "", 0, net{"trader": 3000, "producer": -3000}},

		// MsgCancelToken and MsgCancelTokenJointly: both owners are checked now.
		{"cancel: the other owner of a hedge leg would deliver beyond its limit", func(ctx sdk.Context) func(sdk.Context) error {
			a, _ := hedge(ctx)
			return cancel(m.producer, a) // trader −6000 → −12000
		}, "trader", traderLimit, nil},
		{"cancel: the canceller would deliver beyond its limit", func(ctx sdk.Context) func(sdk.Context) error {
			a, _ := hedge(ctx)
			return cancel(m.trader, a)
		}, "trader", traderLimit, nil},
		{"cancel jointly: the same rule", func(ctx sdk.Context) func(sdk.Context) error {
			a, _ := hedge(ctx)
			return cancelJointly(m.producer, m.trader, a)
		}, "trader", traderLimit, nil},
		{"cancel jointly: dropping the other leg keeps both owners within", func(ctx sdk.Context) func(sdk.Context) error {
			_, b := hedge(ctx)
			return cancelJointly(m.trader, m.trader2, b) // trader −6000 → +6000, trader2 +12000 → 0
		}, "", 0, net{"trader": 6000, "trader2": 0, "producer": -6000}},
		{"cancel: an owner beyond a lowered limit may end as far from zero on the other side", func(ctx sdk.Context) func(sdk.Context) error {
			_, b := hedge(ctx)
			m.setLimit(t, ctx, m.trader, 1000)
			return cancel(m.trader, b) // trader −6000 → +6000: no further from zero
		}, "", 0, net{"trader": 6000, "trader2": 0}},
		{"cancel: an owner of both sides beyond a lowered limit moves nothing", func(ctx sdk.Context) func(sdk.Context) error {
			hold(ctx, consumerSide)
			m.setLimit(t, ctx, m.trader, 1000)
			return cancel(m.trader, own(ctx, m.trader, 4000))
		}, "", 0, net{"trader": 7000}},

		// MsgSplitToken and MsgMergeTokens keep both owners' positions.
		{"split: owners beyond lowered limits may split", func(ctx sdk.Context) func(sdk.Context) error {
			id := hold(ctx, consumerSide)
			m.setLimit(t, ctx, m.trader, 1000)
			m.setLimit(t, ctx, m.producer, 1000)
			return split(id, 3000, 4000)
		}, "", 0, net{"trader": 7000, "producer": -7000}},
		{"merge: owners beyond lowered limits may merge", func(ctx sdk.Context) func(sdk.Context) error {
			res, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: m.producer.String(), ConsumerOwner: m.trader.String(),
				TokenId: hold(ctx, consumerSide), WhParts: []uint64{3000, 4000}})
			require.NoError(t, err)
			m.setLimit(t, ctx, m.trader, 1000)
			m.setLimit(t, ctx, m.producer, 1000)
			return func(ctx sdk.Context) error {
				_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: m.producer.String(), ConsumerOwner: m.trader.String(), TokenIds: res.TokenIds})
				return err
			}
		}, "", 0, net{"trader": 7000, "producer": -7000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			run := tc.scene(ctx)
			if tc.refusedFor == "" {
				require.NoError(t, run(ctx))
				for name, want := range tc.want {
					who := map[string]sdk.AccAddress{"trader": m.trader, "trader2": m.trader2, "producer": m.producer}[name]
					require.Equal(t, want, m.netAt(t, ctx, who, first), "%s's net position in period now+4", name)
				}
				return
			}
			who := map[string]sdk.AccAddress{"trader": m.trader}[tc.refusedFor]
			var err error
			m.refused(t, ctx, types.ErrPositionLimit, func(ctx sdk.Context) error { err = run(ctx); return err })
			require.ErrorContains(t, err, fmt.Sprintf("%s's position in period %d", who, first))
			require.ErrorContains(t, err, fmt.Sprintf("beyond its position limit of %d Wh", tc.limit))
		})
	}
}

// TestPositionLimitRefusalSaysWhatToDo pins one refusal's whole text: what the message
// did, whose position in which period, from what to what, the limit, and the way out.
func TestPositionLimitRefusalSaysWhatToDo(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	a := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.WhPerPeriod = 6000 })
	m.handOver(t, ctx, m.producer, m.trader, a, consumerSide, "")
	b := m.issue(t, ctx, func(msg *types.MsgIssueToken) {
		msg.Issuer, msg.ProducerMeterId, msg.ConsumerMeterId, msg.WhPerPeriod = m.trader2.String(), m.virtual(m.trader2, solar), "", 12_000
	})
	m.handOver(t, ctx, m.trader2, m.trader, b, producerSide, "")
	_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: m.producer.String(), TokenId: a})
	require.ErrorIs(t, err, types.ErrPositionLimit)
	require.EqualError(t, err, fmt.Sprintf("cancelling token %d would take %s's position in period %d from 6000 Wh net delivery "+
		"to 12000 Wh net delivery, beyond its position limit of 10000 Wh: that participant must first cover the period with an "+
		"opposite side, or ask the grid operator for a higher limit: position limit exceeded", a, m.trader, m.now+4))
}

// TestPositionChangeChecksAnyReshuffle drives the check with changes no message makes
// today, as aggregation or a split that hands a child on would: every owner whose net
// position moves is held to its limit, a participant the registry does not know has
// none, and an overflowing volume is refused rather than wrapped.
func TestPositionChangeChecksAnyReshuffle(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	k := m.c.App.EnergyKeeper
	parent := m.token(t, ctx, m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.WhPerPeriod = 12_000 })) // both sides the producer's
	child := func(wh uint64, consumer sdk.AccAddress) types.Token {
		c := parent
		c.WhPerPeriod, c.Consumer.Owner = wh, consumer.String()
		return c
	}
	splitTo := func(wh uint64, consumer sdk.AccAddress) error {
		return k.CheckPositionChange(ctx, "splitting", []types.Token{parent}, []types.Token{child(12_000-wh, m.producer), child(wh, consumer)})
	}
	require.NoError(t, splitTo(consumerLimit, m.consumer), "the consumer ends at its limit")
	err := splitTo(consumerLimit+1, m.consumer)
	require.ErrorIs(t, err, types.ErrPositionLimit)
	require.ErrorContains(t, err, fmt.Sprintf("splitting would take %s's position in period %d from balanced (0 Wh) to 5001 Wh net consumption, beyond its position limit of 5000 Wh", m.consumer, m.now+4))

	err = splitTo(1, m.stranger)
	require.ErrorIs(t, err, types.ErrPositionLimit, "an owner the registry does not know has no position to spend")
	require.ErrorContains(t, err, "limit of 0 Wh")

	// Two owners beyond their limits: the one that appears first is named, whatever map order.
	for i := 0; i < 20; i++ {
		err = k.CheckPositionChange(ctx, "reshuffling", []types.Token{parent}, []types.Token{child(6000, m.consumer), child(6000, m.co2)})
		require.ErrorContains(t, err, m.consumer.String()+"'s position")
	}

	huge := parent
	huge.WhPerPeriod = math.MaxUint64
	require.ErrorIs(t, k.CheckPositionChange(ctx, "issuing", nil, []types.Token{huge, huge}), types.ErrInvalidVolume)
	require.NoError(t, k.CheckPositionChange(ctx, "splitting", []types.Token{parent}, []types.Token{child(2000, m.producer), child(10_000, m.producer)}),
		"a split among the same owners moves nothing")
	require.NoError(t, k.CheckPositionChange(ctx, "a retired token", nil, []types.Token{func() types.Token {
		r := child(1, m.stranger)
		r.Status = types.TokenStatus_TOKEN_STATUS_RETIRED
		return r
	}()}), "only live sides count")
}
