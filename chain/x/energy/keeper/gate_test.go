package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// at returns ctx with its block time moved to the given Unix second.
func at(ctx sdk.Context, unix int64) sdk.Context { return ctx.WithBlockTime(time.Unix(unix, 0)) }

// TestGateClosureFreezesTokens: from gate closure of its first period on (15 minutes
// before it starts, by default) a token is frozen: no participant message acts on it.
func TestGateClosureFreezesTokens(t *testing.T) {
	m := newMarket(t)
	setup := m.branch(t)
	params := types.DefaultParams()
	id := m.issue(t, setup, nil) // periods now+4..now+7, both sides the producer's
	m.setAsk(t, setup, m.producer, id, consumerSide, 1_000_000, chf)
	other := m.issue(t, setup, nil)
	gate := params.GateClosesAt(m.now + 4)

	open := at(setup, gate-1)
	res, err := m.q.Token(open, &types.QueryTokenRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, types.TokenPhase_TOKEN_PHASE_OPEN, res.Phase)

	frozen := at(setup, gate)
	res, err = m.q.Token(frozen, &types.QueryTokenRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, types.TokenPhase_TOKEN_PHASE_FROZEN, res.Phase)
	p := m.producer.String()
	for _, tc := range []struct {
		name string
		run  func(ctx sdk.Context) error
	}{
		{"offer a side", func(ctx sdk.Context) error {
			_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: p, TokenId: id, Side: producerSide, Ask: types.Ask{ForSale: true, Denom: chf}})
			return err
		}},
		{"void an ask", func(ctx sdk.Context) error {
			_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: p, TokenId: id, Side: consumerSide})
			return err
		}},
		{"buy an offered side", func(ctx sdk.Context) error {
			_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.consumer.String(), TokenId: id, Side: consumerSide, MaxPricePerMwh: 1_000_000, Denom: chf, MeterId: consumerLoad})
			return err
		}},
		{"hand a side over", func(ctx sdk.Context) error {
			_, err := m.msgs.HandOverSide(ctx, &types.MsgHandOverSide{From: p, To: m.trader.String(), TokenId: id, Side: consumerSide})
			return err
		}},
		{"split", func(ctx sdk.Context) error {
			_, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: id, WhParts: []uint64{400, 600}})
			return err
		}},
		{"merge", func(ctx sdk.Context) error {
			_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: p, ConsumerOwner: p, TokenIds: []uint64{id, other}})
			return err
		}},
		{"cancel", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: p, TokenId: id})
			return err
		}},
		{"cancel jointly", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: p, ConsumerOwner: p, TokenId: id})
			return err
		}},
		{"disaggregate a side", func(ctx sdk.Context) error {
			msg := m.disaggregateMsg(id)
			msg.Owner, msg.WhParts = p, []uint64{400, 600}
			_, err := m.msgs.DisaggregateSide(ctx, msg)
			return err
		}},
		{"aggregate sides", func(ctx sdk.Context) error {
			msg := m.aggregateMsg(consumerSide, id, other)
			msg.Owner = p
			_, err := m.msgs.AggregateSides(ctx, msg)
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := frozen.CacheContext()
			m.refused(t, ctx, types.ErrTokenFrozen, tc.run)
		})
	}

	// A new token must start after the gate: at gate closure of now+4, now+5 is the first.
	m.refused(t, frozen, types.ErrInvalidPeriods, func(ctx sdk.Context) error {
		_, err := m.msgs.IssueToken(ctx, m.issueMsg()) // now+4..now+7
		return err
	})
	msg := m.issueMsg()
	msg.FirstPeriod = m.now + 5
	_, err = m.msgs.IssueToken(frozen, msg)
	require.NoError(t, err)

	// In delivery and delivered: the phase moves on.
	res, err = m.q.Token(at(setup, params.StartOf(m.now+4)), &types.QueryTokenRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, types.TokenPhase_TOKEN_PHASE_IN_DELIVERY, res.Phase)
	res, err = m.q.Token(at(setup, params.StartOf(m.now+8)), &types.QueryTokenRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, types.TokenPhase_TOKEN_PHASE_DELIVERED, res.Phase)
}

// TestEndBlockClosesFrozenOffers: the end of a block voids the asks of frozen tokens,
// first periods first, at most max_freezes_per_block per block, and PeriodPhase shows
// what is left.
func TestEndBlockClosesFrozenOffers(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	k := m.c.App.EnergyKeeper
	params, err := k.Params.Get(ctx)
	require.NoError(t, err)
	params.MaxFreezesPerBlock = 2
	require.NoError(t, k.Params.Set(ctx, params))

	var early []uint64 // three tokens from now+4, two sides offered on the first
	for range 3 {
		id := m.issue(t, ctx, nil)
		m.setAsk(t, ctx, m.producer, id, consumerSide, 1_000_000, chf)
		early = append(early, id)
	}
	m.setAsk(t, ctx, m.producer, early[0], producerSide, -1_000_000, chf)
	late := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.LastPeriod = m.now+9, m.now+9 })
	m.setAsk(t, ctx, m.producer, late, consumerSide, 1_000_000, chf)

	frozen := withEvents(at(ctx, params.GateClosesAt(m.now+4)))
	phase, err := m.q.PeriodPhase(frozen, &types.QueryPeriodPhaseRequest{Period: m.now + 4})
	require.NoError(t, err)
	require.Equal(t, &types.QueryPeriodPhaseResponse{
		Period: m.now + 4, Phase: types.TokenPhase_TOKEN_PHASE_FROZEN, GateClosesAt: params.GateClosesAt(m.now + 4),
		StartsAt: params.StartOf(m.now + 4), CurrentPeriod: m.now + 3, OffersToClose: 4,
	}, phase)

	require.NoError(t, k.CloseFrozenOffers(frozen))
	require.Len(t, eventsOf[*types.EventAskChanged](t, frozen), 2, "two offers closed in this block")
	phase, err = m.q.PeriodPhase(frozen, &types.QueryPeriodPhaseRequest{})
	require.NoError(t, err)
	require.Equal(t, uint64(2), phase.OffersToClose)
	require.Equal(t, m.now+3, phase.Period, "period 0 asks for the current one")
	m.checkInvariants(t, frozen)

	require.NoError(t, k.CloseFrozenOffers(frozen))
	for _, id := range early {
		tok := m.token(t, frozen, id)
		require.False(t, tok.Producer.Ask.ForSale || tok.Consumer.Ask.ForSale, "token %d's offers are closed", id)
	}
	require.True(t, m.token(t, frozen, late).Consumer.Ask.ForSale, "a token whose gate is open keeps its offer")
	offers, err := m.q.Offers(frozen, &types.QueryOffersRequest{Side: consumerSide, Denom: chf, Category: solar})
	require.NoError(t, err)
	require.Len(t, offers.Tokens, 1)
	require.Equal(t, late, offers.Tokens[0].Id)
	phase, err = m.q.PeriodPhase(frozen, &types.QueryPeriodPhaseRequest{})
	require.NoError(t, err)
	require.Zero(t, phase.OffersToClose)
	require.NoError(t, k.CloseFrozenOffers(frozen), "nothing left: a no-op")
}

// TestEndedOfferLeavesItsGateEntryUntilTheGate: a sold or withdrawn offer keeps its gate
// entry (a buy does not pay for removing a cold key, ADR 030); PeriodPhase counts it as
// work pending, and the gate's closure drops it without an event, closing only the live offer.
func TestEndedOfferLeavesItsGateEntryUntilTheGate(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	k := m.c.App.EnergyKeeper
	params, err := k.Params.Get(ctx)
	require.NoError(t, err)

	sold := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, sold, consumerSide, 1_000_000, chf)
	withdrawn := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, withdrawn, consumerSide, 1_000_000, chf)
	live := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, live, consumerSide, 1_000_000, chf)

	m.buy(t, ctx, m.consumer, sold, consumerSide, 1_000_000, chf, consumerLoad)
	_, err = m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: m.producer.String(), TokenId: withdrawn, Side: consumerSide, Ask: types.Ask{}})
	require.NoError(t, err)
	gate := func(id uint64) bool {
		has, err := k.OfferGates.Has(ctx, collections.Join3(m.token(t, ctx, id).FirstPeriod, id, int32(consumerSide)))
		require.NoError(t, err)
		return has
	}
	require.True(t, gate(sold), "the sold side's entry waits for its gate")
	require.True(t, gate(withdrawn), "the withdrawn side's entry waits for its gate")
	m.checkInvariants(t, ctx) // an entry more than the live offers is allowed

	frozen := withEvents(at(ctx, params.GateClosesAt(m.now+4)))
	phase, err := m.q.PeriodPhase(frozen, &types.QueryPeriodPhaseRequest{Period: m.now + 4})
	require.NoError(t, err)
	require.Equal(t, uint64(3), phase.OffersToClose, "the backlog counts every entry due, an upper bound of the offers")

	require.NoError(t, k.CloseFrozenOffers(frozen))
	events := eventsOf[*types.EventAskChanged](t, frozen)
	require.Len(t, events, 1, "only the live offer is closed")
	require.Equal(t, live, events[0].TokenId)
	for _, id := range []uint64{sold, withdrawn, live} {
		has, err := k.OfferGates.Has(frozen, collections.Join3(m.token(t, frozen, id).FirstPeriod, id, int32(consumerSide)))
		require.NoError(t, err)
		require.False(t, has, "token %d's gate entry is gone once its gate closed", id)
	}
	require.True(t, m.token(t, frozen, sold).Consumer.Owner == m.consumer.String(), "the sale stands")
	phase, err = m.q.PeriodPhase(frozen, &types.QueryPeriodPhaseRequest{})
	require.NoError(t, err)
	require.Zero(t, phase.OffersToClose)
	m.checkInvariants(t, frozen)
}
