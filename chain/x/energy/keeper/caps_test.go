package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// withCaps sets max_split_parts and max_merge_inputs on a branch.
func (m *market) withCaps(t testing.TB, ctx sdk.Context, parts, inputs uint64) {
	t.Helper()
	p, err := m.c.App.EnergyKeeper.Params.Get(ctx)
	require.NoError(t, err)
	p.MaxSplitParts, p.MaxMergeInputs = parts, inputs
	require.NoError(t, p.Validate())
	require.NoError(t, m.c.App.EnergyKeeper.Params.Set(ctx, p))
}

func TestSplitAndMergeStayWithinTheirCaps(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	m.withCaps(t, ctx, 3, 3)
	p := m.producer.String()
	id := m.issue(t, ctx, nil)

	m.refused(t, ctx, types.ErrTooManyParts, func(ctx sdk.Context) error {
		_, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: id, WhParts: []uint64{250, 250, 250, 250}})
		require.ErrorContains(t, err, "max_split_parts 3", "the message names the cap")
		return err
	})
	res, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: id, WhParts: []uint64{250, 250, 500}})
	require.NoError(t, err, "as many parts as the cap allows")
	extra := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.WhPerPeriod, msg.Co2Grams = 250, 30 })

	m.refused(t, ctx, types.ErrTooManyInputs, func(ctx sdk.Context) error {
		_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: p, ConsumerOwner: p, TokenIds: append(res.TokenIds, extra)})
		require.ErrorContains(t, err, "max_merge_inputs 3", "the message names the cap")
		return err
	})
	merged, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: p, ConsumerOwner: p, TokenIds: res.TokenIds})
	require.NoError(t, err, "as many inputs as the cap allows")
	require.Equal(t, uint64(1000), m.token(t, ctx, merged.TokenId).WhPerPeriod)

	// A split by period always makes two children, within any cap.
	m.withCaps(t, ctx, 2, 2)
	_, err = m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: merged.TokenId, SplitAfterPeriod: m.now + 5})
	require.NoError(t, err)
}
