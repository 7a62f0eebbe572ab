package keeper_test

import (
	"strings"
	"testing"

	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// txGasCeiling is the per-transaction gas ceiling the app enforces (issue 11, item 5):
// the worst split and the worst merge the parameters allow must fit in it.
const txGasCeiling = 30_000_000

// worstIssueMsg is the heaviest token the rules allow the producer to issue: the
// longest span (max_token_periods, starting mid-day so it touches one more day), the
// largest volume, a legal framework of the maximum length, every capability offered and
// every amount at its maximum, so each record a split or merge writes is as large as it
// can be.
func (m *market) worstIssueMsg(periods, wh uint64) *types.MsgIssueToken {
	msg := m.issueMsg()
	first := (m.now/96+2)*96 + 50
	msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = first, first+periods-1, wh
	msg.Co2Grams = 1 << 62
	msg.FaceValuePerMwh.Amount = ints(defaultMax)
	amount := types.MaxContractAmount
	msg.Terms.CancellationFee, msg.Terms.ProducerDefaultFee, msg.Terms.ConsumerDefaultFee = amount, amount, amount
	msg.Terms.SettlementDelayPeriods, msg.Terms.ProducerDefaultDelayPeriods, msg.Terms.ConsumerDefaultDelayPeriods = 1<<62, 1<<62, 1<<62
	msg.Terms.LegalFramework = strings.Repeat("X", 64)
	c := types.Capability{Offered: true, MobilisationSeconds: 1 << 62, PricePerMwh: -defaultMax}
	msg.Capabilities = types.BalancingCapabilities{Redispatch: c, Primary: c, Secondary: c, Tertiary: c}
	return msg
}

// issueOffered issues a worst-case token and offers both its sides, so retiring it also
// removes its offer entries (one per delivery day and side, and the anyDay entries).
func (m *market) issueOffered(t testing.TB, ctx sdk.Context, periods, wh uint64) uint64 {
	t.Helper()
	res, err := m.msgs.IssueToken(ctx, m.worstIssueMsg(periods, wh))
	require.NoError(t, err)
	m.setAsk(t, ctx, m.producer, res.TokenId, producerSide, -defaultMax, chf)
	m.setAsk(t, ctx, m.producer, res.TokenId, consumerSide, defaultMax, chf)
	return res.TokenId
}

// gasOf runs fn on ctx with a fresh gas meter and returns the gas it consumed.
func gasOf(t testing.TB, ctx sdk.Context, fn func(ctx sdk.Context) error) uint64 {
	t.Helper()
	require.Equal(t, storetypes.KVGasConfig(), ctx.KVGasConfig(), "measured with the real KV gas costs")
	ctx = ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
	require.NoError(t, fn(ctx))
	return ctx.GasMeter().GasConsumed()
}

// TestWorstSplitAndMergeFitTheTransactionGasCeiling builds the largest split and merge
// the parameters allow, at the defaults and at the largest caps and token length
// Params.Validate accepts, and measures their gas with the real KV gas configuration.
// The default length (32 delivery days) is the heaviest for a merge: each offered input
// has an offer entry per day and side to remove; a longer token has one longSpans entry.
func TestWorstSplitAndMergeFitTheTransactionGasCeiling(t *testing.T) {
	m := newMarket(t)
	p := m.producer.String()
	for _, caps := range []struct {
		name                   string
		parts, inputs, periods uint64
	}{
		{"default caps", types.DefaultMaxSplitParts, types.DefaultMaxMergeInputs, types.DefaultMaxTokenPeriods},
		{"largest caps governance can set", 256, 256, types.DefaultMaxTokenPeriods},
		{"largest caps and longest tokens governance can set", 256, 256, types.MaxTokenPeriodsLimit},
	} {
		t.Run(caps.name, func(t *testing.T) {
			ctx := m.branch(t)
			m.withCaps(t, ctx, caps.parts, caps.inputs)
			periods := caps.periods
			params, err := m.c.App.EnergyKeeper.Params.Get(ctx)
			require.NoError(t, err)
			params.MaxTokenPeriods = periods
			require.NoError(t, params.Validate())
			require.NoError(t, m.c.App.EnergyKeeper.Params.Set(ctx, params))

			whPart := types.MaxWhPerPeriod / caps.parts
			parts := make([]uint64, caps.parts)
			for i := range parts {
				parts[i] = whPart
			}
			var issueGas uint64
			var id uint64
			issueGas = gasOf(t, ctx, func(ctx sdk.Context) error {
				res, err := m.msgs.IssueToken(ctx, m.worstIssueMsg(periods, whPart*caps.parts))
				id = res.GetTokenId()
				return err
			})
			m.setAsk(t, ctx, m.producer, id, producerSide, -defaultMax, chf)
			m.setAsk(t, ctx, m.producer, id, consumerSide, defaultMax, chf)
			var children []uint64
			splitGas := gasOf(t, ctx, func(ctx sdk.Context) error {
				res, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: id, WhParts: parts})
				children = res.GetTokenIds()
				return err
			})
			require.Len(t, children, int(caps.parts))

			inputs := make([]uint64, caps.inputs)
			for i := range inputs {
				inputs[i] = m.issueOffered(t, ctx, periods, types.MaxWhPerPeriod/caps.inputs)
				// Fees and CO2 at their maximum would add up beyond it; the merge must succeed
				// to be measured, so each input gets its share of the maximum.
				tok := m.token(t, ctx, inputs[i])
				tok.Terms.CancellationFee = types.MaxContractAmount.QuoRaw(int64(caps.inputs))
				tok.Co2Grams /= caps.inputs
				require.NoError(t, m.c.App.EnergyKeeper.Tokens.Set(ctx, tok.Id, tok))
			}
			mergeGas := gasOf(t, ctx, func(ctx sdk.Context) error {
				_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: p, ConsumerOwner: p, TokenIds: inputs})
				return err
			})

			t.Logf("%s: issue of a %d-period token %d gas; split into %d parts %d gas; merge of %d offered %d-period tokens %d gas (ceiling %d)",
				caps.name, periods, issueGas, caps.parts, splitGas, caps.inputs, periods, mergeGas, txGasCeiling)
			require.Less(t, issueGas, uint64(txGasCeiling), "issue of the longest token")
			require.Less(t, splitGas, uint64(txGasCeiling), "worst split")
			require.Less(t, mergeGas, uint64(txGasCeiling), "worst merge")
		})
	}
}

// TestLongestTokenFitsTheTransactionGasCeiling: issuing and buying a token rewrite its
// owners' position records, one per day of its span, so their gas grows with the span.
// At the largest max_token_periods Params.Validate accepts, with the owners' records
// already filled by a token of the same span, both stay under the ceiling.
func TestLongestTokenFitsTheTransactionGasCeiling(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	params, err := m.c.App.EnergyKeeper.Params.Get(ctx)
	require.NoError(t, err)
	params.MaxTokenPeriods = types.MaxTokenPeriodsLimit
	require.NoError(t, params.Validate())
	require.NoError(t, m.c.App.EnergyKeeper.Params.Set(ctx, params))
	periods := uint64(types.MaxTokenPeriodsLimit)

	// Seller and buyer already hold both sides of a 1 TWh-per-period token over the whole
	// span: their records are full, and their net positions zero.
	_, err = m.msgs.IssueToken(ctx, m.worstIssueMsg(periods, types.MaxWhPerPeriod))
	require.NoError(t, err)
	own := m.worstIssueMsg(periods, types.MaxWhPerPeriod)
	own.Issuer, own.ProducerMeterId, own.ConsumerMeterId = m.trader2.String(), m.virtual(m.trader2, solar), ""
	_, err = m.msgs.IssueToken(ctx, own)
	require.NoError(t, err)
	var id uint64
	issueGas := gasOf(t, ctx, func(ctx sdk.Context) error {
		// Within the seller's (the producer's) and the buyer's position limits.
		res, err := m.msgs.IssueToken(ctx, m.worstIssueMsg(periods, 900_000))
		id = res.GetTokenId()
		return err
	})
	m.setAsk(t, ctx, m.producer, id, consumerSide, 0, chf)
	buyGas := gasOf(t, ctx, func(ctx sdk.Context) error {
		_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.trader2.String(), TokenId: id, Side: consumerSide, Denom: chf})
		return err
	})
	t.Logf("%d-period token: issue %d gas, buy %d gas (ceiling %d)", periods, issueGas, buyGas, txGasCeiling)
	require.Less(t, issueGas, uint64(txGasCeiling))
	require.Less(t, buyGas, uint64(txGasCeiling))
}

// TestWorstAggregationsFitTheTransactionGasCeiling measures the heaviest disaggregation
// (max_split_parts parts of the longest token) and aggregation (max_merge_inputs of the
// longest tokens, each record rewritten to carry its backing) at the default caps.
func TestWorstAggregationsFitTheTransactionGasCeiling(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	p := m.producer.String()
	periods := uint64(types.DefaultMaxTokenPeriods)
	face, terms := m.worstIssueMsg(periods, 1).FaceValuePerMwh, m.worstIssueMsg(periods, 1).Terms

	whPart := uint64(types.MaxWhPerPeriod / types.DefaultMaxSplitParts)
	parts := make([]uint64, types.DefaultMaxSplitParts)
	for i := range parts {
		parts[i] = whPart
	}
	res, err := m.msgs.IssueToken(ctx, m.worstIssueMsg(periods, whPart*uint64(types.DefaultMaxSplitParts)))
	require.NoError(t, err)
	var emitted []uint64
	disaggregateGas := gasOf(t, ctx, func(ctx sdk.Context) error {
		res, err := m.msgs.DisaggregateSide(ctx, &types.MsgDisaggregateSide{Owner: p, Side: consumerSide, SourceTokenId: res.TokenId, WhParts: parts,
			ProducerMeterId: solarMeter, ConsumerMeterId: producerLoad, FaceValuePerMwh: face, Terms: terms})
		emitted = res.GetTokenIds()
		return err
	})
	require.Len(t, emitted, int(types.DefaultMaxSplitParts))

	inputs := make([]uint64, types.DefaultMaxMergeInputs)
	for i := range inputs {
		inputs[i] = m.issue(t, ctx, func(msg *types.MsgIssueToken) {
			*msg = *m.worstIssueMsg(periods, uint64(types.MaxWhPerPeriod/types.DefaultMaxMergeInputs))
			msg.Co2Grams /= types.DefaultMaxMergeInputs // so that their sum fits, and the aggregation is measured
		})
	}
	aggregateGas := gasOf(t, ctx, func(ctx sdk.Context) error {
		_, err := m.msgs.AggregateSides(ctx, &types.MsgAggregateSides{Owner: p, Side: producerSide, SourceTokenIds: inputs,
			ProducerMeterId: solarMeter, ConsumerMeterId: producerLoad, FaceValuePerMwh: face, Terms: terms})
		return err
	})
	t.Logf("disaggregation into %d parts of a %d-period token %d gas; aggregation of %d such tokens %d gas (ceiling %d)",
		len(parts), periods, disaggregateGas, len(inputs), aggregateGas, txGasCeiling)
	require.Less(t, disaggregateGas, uint64(txGasCeiling), "worst disaggregation")
	require.Less(t, aggregateGas, uint64(txGasCeiling), "worst aggregation")
}
