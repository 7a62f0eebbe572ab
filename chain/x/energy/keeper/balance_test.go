package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestOpenPositionsListsUnbalancedParticipants: after the producer sells a consumer side,
// it must deliver and the consumer take 1000 Wh per period; a trader holding both sides
// of its own token is balanced and not listed. Pages follow the participants.
func TestOpenPositionsListsUnbalancedParticipants(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	id := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, id, consumerSide, 0, chf)
	m.buy(t, ctx, m.consumer, id, consumerSide, 0, chf, consumerLoad)
	_, err := m.msgs.IssueToken(ctx, m.traderIssueMsg())
	require.NoError(t, err)

	res, err := m.q.OpenPositions(ctx, &types.QueryOpenPositionsRequest{Period: m.now + 5})
	require.NoError(t, err)
	require.Equal(t, types.TokenPhase_TOKEN_PHASE_OPEN, res.Phase)
	params := types.DefaultParams()
	require.Equal(t, params.GateClosesAt(m.now+5)-ctx.BlockTime().Unix(), res.SecondsToGateClosure)
	want := map[string]types.OpenPosition{
		m.producer.String(): {Owner: m.producer.String(), ProducerWh: 1000, NetWh: -1000},
		m.consumer.String(): {Owner: m.consumer.String(), ConsumerWh: 1000, NetWh: 1000},
	}
	require.Len(t, res.Positions, 2)
	for _, p := range res.Positions {
		require.Equal(t, want[p.Owner], p)
	}

	first, err := m.q.OpenPositions(ctx, &types.QueryOpenPositionsRequest{Period: m.now + 5, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, first.Positions, 1)
	second, err := m.q.OpenPositions(ctx, &types.QueryOpenPositionsRequest{Period: m.now + 5, Pagination: &query.PageRequest{Key: first.Pagination.NextKey, Limit: 1}})
	require.NoError(t, err)
	require.Len(t, second.Positions, 1)
	require.NotEqual(t, first.Positions[0].Owner, second.Positions[0].Owner)

	none, err := m.q.OpenPositions(ctx, &types.QueryOpenPositionsRequest{Period: m.now + 8})
	require.NoError(t, err)
	require.Empty(t, none.Positions, "nobody holds anything after the token")

	frozen, err := m.q.OpenPositions(at(ctx, params.GateClosesAt(m.now+5)+1), &types.QueryOpenPositionsRequest{Period: m.now + 5})
	require.NoError(t, err)
	require.Equal(t, types.TokenPhase_TOKEN_PHASE_FROZEN, frozen.Phase)
	require.Zero(t, frozen.SecondsToGateClosure)
	require.Len(t, frozen.Positions, 2, "still open after the gate: the dangerous ones")

	// The day index is an invariant of the position records.
	broken, _ := ctx.CacheContext()
	k := m.c.App.EnergyKeeper
	require.NoError(t, k.DayHolders.Remove(broken, collections.Join(keeper.DayOf(m.now+5), m.consumer)))
	require.ErrorContains(t, k.CheckInvariants(broken), "day's holders")
}
