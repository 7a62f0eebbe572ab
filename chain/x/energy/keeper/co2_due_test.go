package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestCo2DueIndex: a CO2 token is due in the period the token it was split from would be
// settled in (last period + settlement delay), in that token's face value denom; a merge
// takes it out of the due set; Co2DueStep pages through the due CO2 tokens in order and
// consumes each (no longer held, merged, offered or bought); import rebuilds the index.
func TestCo2DueIndex(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	k := m.c.App.EnergyKeeper
	a := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = 1_000 })                             // due now+7+4
	b := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = 1_000; msg.LastPeriod = m.now + 5 }) // due now+5+4
	c := m.issue(t, ctx, nil)
	childA, co2A := m.splitCo2(t, ctx, m.producer, a, 300)
	_, co2B := m.splitCo2(t, ctx, m.producer, b, 200)
	childC, co2C := m.splitCo2(t, ctx, m.producer, c, 20)
	require.Equal(t, m.now+11, m.co2Token(t, ctx, co2A).DuePeriod)
	require.Equal(t, m.now+9, m.co2Token(t, ctx, co2B).DuePeriod)
	require.Equal(t, chf, m.co2Token(t, ctx, co2A).Denom)

	// Merged back: no longer due.
	m.mergeCo2(t, ctx, m.producer, childA, co2A)
	has, err := k.Co2Due.Has(ctx, collections2(m.now+11, co2A))
	require.NoError(t, err)
	require.False(t, has, "a merged CO2 token is not due")

	for _, tc := range []struct {
		period uint64
		want   bool
	}{{m.now + 8, false}, {m.now + 9, true}, {m.now + 11, true}} {
		due, err := k.HasCo2Due(ctx, tc.period)
		require.NoError(t, err)
		require.Equal(t, tc.want, due, "period %d", tc.period)
	}

	// The import rebuilds the due index from the live CO2 tokens.
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, k.Co2Due.Clear(ctx, nil))
	require.Error(t, k.CheckInvariants(ctx), "the invariants see a missing due entry")
	require.NoError(t, k.InitGenesis(ctx, *gs))
	require.NoError(t, k.CheckInvariants(ctx))

	// Paged: one at a time, in due order (B at now+9 before C at now+11).
	var seen []types.Co2Token
	visit := func(c types.Co2Token) error { seen = append(seen, c); return nil }
	used, done, err := k.Co2DueStep(ctx, m.now+11, 1, visit)
	require.NoError(t, err)
	require.Equal(t, 1, used)
	require.False(t, done)
	used, done, err = k.Co2DueStep(ctx, m.now+11, 5, visit)
	require.NoError(t, err)
	require.Equal(t, 1, used)
	require.True(t, done)
	require.Len(t, seen, 2)
	require.Equal(t, []uint64{co2B, co2C}, []uint64{seen[0].Id, seen[1].Id})
	for _, s := range seen {
		require.True(t, s.Consumed)
		require.Equal(t, types.TokenStatus_TOKEN_STATUS_RETIRED, s.Status)
		require.Equal(t, m.now+11, s.ConsumedPeriod)
		require.Equal(t, s, m.co2Token(t, ctx, s.Id))
	}
	due, err := k.HasCo2Due(ctx, 1<<64-1)
	require.NoError(t, err)
	require.False(t, due)
	owned, err := m.q.Co2TokensByOwner(ctx, &types.QueryCo2TokensByOwnerRequest{Owner: m.producer.String()})
	require.NoError(t, err)
	require.Empty(t, owned.Co2Tokens, "a consumed CO2 token is no longer held")
	_, err = m.msgs.MergeCo2(ctx, &types.MsgMergeCo2{Owner: m.producer.String(), TokenId: childC, Co2TokenIds: []uint64{co2B}})
	require.ErrorIs(t, err, types.ErrCo2TokenConsumed)
	_, err = m.msgs.SetCo2Ask(ctx, &types.MsgSetCo2Ask{Owner: m.producer.String(), Co2TokenId: co2B, Ask: types.Co2Ask{ForSale: true, Denom: chf}})
	require.ErrorIs(t, err, types.ErrCo2TokenConsumed)
	used, done, err = k.Co2DueStep(ctx, m.now+11, 0, visit)
	require.NoError(t, err)
	require.Zero(t, used)
	require.False(t, done, "no budget, no answer")

	// Consumed tokens survive an export and import as they are.
	gs, err = k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.NoError(t, k.InitGenesis(ctx, *gs))
	require.Equal(t, seen[0], m.co2Token(t, ctx, co2B))
}
