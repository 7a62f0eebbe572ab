package keeper_test

import (
	"math"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// defaultMax is the default band's bound for a 6-decimal denom: 9,999 display units per MWh.
const defaultMax = 9_999_000_000

func (m *market) band(t testing.TB, ctx sdk.Context, denom string) *types.QueryPriceBandResponse {
	t.Helper()
	res, err := m.q.PriceBand(ctx, &types.QueryPriceBandRequest{Denom: denom})
	require.NoError(t, err)
	return res
}

func (m *market) setBand(t testing.TB, ctx sdk.Context, denom string, lo, hi int64) {
	t.Helper()
	_, err := m.msgs.SetPriceBand(ctx, &types.MsgSetPriceBand{Operator: m.operator.String(), Denom: denom, MinPerMwh: lo, MaxPerMwh: hi})
	require.NoError(t, err)
}

func TestDefaultPriceBandIsTheEuropeanIntradayBound(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	for _, denom := range []string{chf, eur} {
		res := m.band(t, ctx, denom)
		require.True(t, res.IsDefault)
		require.Equal(t, types.PriceBand{Denom: denom, MinPerMwh: -defaultMax, MaxPerMwh: defaultMax}, res.Band)
	}
	_, err := m.q.PriceBand(ctx, &types.QueryPriceBandRequest{Denom: "ufake.bank"})
	require.ErrorIs(t, err, types.ErrUnknownCurrency)

	// The bound follows the denom's decimals, and saturates where an int64 cannot hold it.
	require.Equal(t, types.PriceBand{Denom: "x", MinPerMwh: -9_999_00, MaxPerMwh: 9_999_00}, types.DefaultPriceBand("x", 2))
	require.Equal(t, types.PriceBand{Denom: "x", MinPerMwh: -9_999 * 1e14, MaxPerMwh: 9_999 * 1e14}, types.DefaultPriceBand("x", 14))
	require.Equal(t, types.PriceBand{Denom: "x", MinPerMwh: math.MinInt64, MaxPerMwh: math.MaxInt64}, types.DefaultPriceBand("x", 15))
}

func TestSetPriceBandOnlyByTheOperator(t *testing.T) {
	m := newMarket(t)
	ctx := withEvents(m.branch(t))
	for _, who := range []sdk.AccAddress{m.stranger, m.producer, m.bank} {
		m.refused(t, ctx, types.ErrUnauthorized, func(ctx sdk.Context) error {
			_, err := m.msgs.SetPriceBand(ctx, &types.MsgSetPriceBand{Operator: who.String(), Denom: chf, MinPerMwh: -1, MaxPerMwh: 1})
			return err
		})
	}
	for _, tc := range []struct {
		name string
		msg  types.MsgSetPriceBand
		want error
	}{
		{"min above max", types.MsgSetPriceBand{Denom: chf, MinPerMwh: 2, MaxPerMwh: 1}, types.ErrInvalidRequest},
		{"no denom", types.MsgSetPriceBand{MinPerMwh: 1, MaxPerMwh: 2}, types.ErrInvalidRequest},
		{"not an approved bank's denom", types.MsgSetPriceBand{Denom: "ufake.bank", MinPerMwh: 1, MaxPerMwh: 2}, types.ErrUnknownCurrency},
	} {
		tc.msg.Operator = m.operator.String()
		m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
			_, err := m.msgs.SetPriceBand(ctx, &tc.msg)
			return err
		})
	}

	m.setBand(t, ctx, chf, -500_000_000, 3_000_000_000)
	res := m.band(t, ctx, chf)
	require.False(t, res.IsDefault)
	require.Equal(t, types.PriceBand{Denom: chf, MinPerMwh: -500_000_000, MaxPerMwh: 3_000_000_000}, res.Band)
	require.True(t, m.band(t, ctx, eur).IsDefault, "a band is per denom")
	ev := eventsOf[*types.EventPriceBandSet](t, ctx)
	require.Len(t, ev, 1)
	require.Equal(t, m.operator.String(), ev[0].Operator)
	require.Equal(t, res.Band, *ev[0].Band)

	// A band of one price is allowed (a regulated tariff).
	m.setBand(t, ctx, eur, 70_000_000, 70_000_000)
	require.Equal(t, int64(70_000_000), m.band(t, ctx, eur).Band.MaxPerMwh)
}

func TestAsksAndBidsStayInTheBand(t *testing.T) {
	m := newMarket(t)
	ask := func(ctx sdk.Context, id uint64, price int64) error {
		_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: m.producer.String(), TokenId: id, Side: consumerSide,
			Ask: types.Ask{ForSale: true, PricePerMwh: price, Denom: chf}})
		return err
	}
	t.Run("default band: its bounds are allowed, one base unit beyond is not", func(t *testing.T) {
		ctx := m.branch(t)
		id := m.issue(t, ctx, nil)
		require.NoError(t, ask(ctx, id, defaultMax))
		require.NoError(t, ask(ctx, id, -defaultMax))
		for _, p := range []int64{defaultMax + 1, -defaultMax - 1, math.MaxInt64, math.MinInt64} {
			m.refused(t, ctx, types.ErrPriceOutOfBand, func(ctx sdk.Context) error { return ask(ctx, id, p) })
		}
		err := ask(ctx, id, math.MaxInt64)
		require.ErrorContains(t, err, "-9999 to 9999 CHF", "the message shows the band in the display unit")
		require.ErrorContains(t, err, "quote a price within it", "and says what to do")
	})
	t.Run("a buyer's maximum outside the band is refused", func(t *testing.T) {
		ctx := m.branch(t)
		id := m.issue(t, ctx, nil)
		require.NoError(t, ask(ctx, id, 80_000_000))
		m.refused(t, ctx, types.ErrPriceOutOfBand, func(ctx sdk.Context) error {
			_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.consumer.String(), TokenId: id, Side: consumerSide,
				MaxPricePerMwh: math.MaxInt64, Denom: chf, MeterId: consumerLoad})
			return err
		})
		m.buy(t, ctx, m.consumer, id, consumerSide, defaultMax, chf, consumerLoad)
	})
	t.Run("an operator's band narrows asks, bids and asks set before it", func(t *testing.T) {
		ctx := m.branch(t)
		old := m.issue(t, ctx, nil)
		require.NoError(t, ask(ctx, old, 900_000_000))
		m.setBand(t, ctx, chf, -100_000_000, 500_000_000)
		id := m.issue(t, ctx, nil)
		m.refused(t, ctx, types.ErrPriceOutOfBand, func(ctx sdk.Context) error { return ask(ctx, id, 500_000_001) })
		m.refused(t, ctx, types.ErrPriceOutOfBand, func(ctx sdk.Context) error { return ask(ctx, id, -100_000_001) })
		require.NoError(t, ask(ctx, id, -100_000_000))
		m.refused(t, ctx, types.ErrPriceOutOfBand, func(ctx sdk.Context) error {
			_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.consumer.String(), TokenId: id, Side: consumerSide,
				MaxPricePerMwh: 600_000_000, Denom: chf, MeterId: consumerLoad})
			return err
		})
		// The old ask is in the book but outside the band: no one can buy it until it is re-priced.
		m.refused(t, ctx, types.ErrPriceOutOfBand, func(ctx sdk.Context) error {
			_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.consumer.String(), TokenId: old, Side: consumerSide,
				MaxPricePerMwh: 500_000_000, Denom: chf, MeterId: consumerLoad})
			require.ErrorContains(t, err, "must re-price")
			return err
		})
		require.NoError(t, ask(ctx, old, 400_000_000))
		m.buy(t, ctx, m.consumer, old, consumerSide, 500_000_000, chf, consumerLoad)
		m.buy(t, ctx, m.trader2, id, consumerSide, 0, chf, "")
	})
}

func TestIssuePricesAndAmountsAreBounded(t *testing.T) {
	m := newMarket(t)
	maxAmount := types.MaxContractAmount
	over := maxAmount.AddRaw(1)
	for _, tc := range []struct {
		name string
		edit func(*types.MsgIssueToken)
		want error
	}{
		{"face value above the band", func(msg *types.MsgIssueToken) { msg.FaceValuePerMwh.Amount = ints(defaultMax + 1) }, types.ErrPriceOutOfBand},
		{"face value beyond 64 bits", func(msg *types.MsgIssueToken) { msg.FaceValuePerMwh.Amount = maxAmount }, types.ErrPriceOutOfBand},
		{"face value above the contract maximum", func(msg *types.MsgIssueToken) { msg.FaceValuePerMwh.Amount = over }, types.ErrAmountTooLarge},
		{"offered capability priced below the band", func(msg *types.MsgIssueToken) {
			msg.Capabilities.Primary = types.Capability{Offered: true, MobilisationSeconds: 30, PricePerMwh: -defaultMax - 1}
		}, types.ErrPriceOutOfBand},
		{"cancellation fee above the maximum", func(msg *types.MsgIssueToken) { msg.Terms.CancellationFee = over }, types.ErrAmountTooLarge},
		{"producer default fee above the maximum", func(msg *types.MsgIssueToken) { msg.Terms.ProducerDefaultFee = over }, types.ErrAmountTooLarge},
		{"consumer default fee above the maximum", func(msg *types.MsgIssueToken) { msg.Terms.ConsumerDefaultFee = over }, types.ErrAmountTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			msg := m.issueMsg()
			tc.edit(msg)
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.IssueToken(ctx, msg)
				return err
			})
		})
	}
	t.Run("the bounds themselves are allowed", func(t *testing.T) {
		ctx := m.branch(t)
		m.issue(t, ctx, func(msg *types.MsgIssueToken) {
			msg.FaceValuePerMwh.Amount = ints(defaultMax)
			msg.Terms.CancellationFee, msg.Terms.ProducerDefaultFee, msg.Terms.ConsumerDefaultFee = maxAmount, maxAmount, maxAmount
			msg.Capabilities.Tertiary = types.Capability{Offered: true, MobilisationSeconds: 900, PricePerMwh: -defaultMax}
		})
	})
	t.Run("an operator's band applies at issue", func(t *testing.T) {
		ctx := m.branch(t)
		m.setBand(t, ctx, chf, 0, 70_000_000)
		m.refused(t, ctx, types.ErrPriceOutOfBand, func(ctx sdk.Context) error {
			_, err := m.msgs.IssueToken(ctx, m.issueMsg()) // face value 75 CHF
			return err
		})
	})
	t.Run("a merge whose fees add up beyond the maximum is refused", func(t *testing.T) {
		ctx := m.branch(t)
		half := maxAmount.QuoRaw(2)
		fee := func(msg *types.MsgIssueToken) { msg.Terms.CancellationFee = half.AddRaw(1) }
		a, b := m.issue(t, ctx, fee), m.issue(t, ctx, fee)
		p := m.producer.String()
		m.refused(t, ctx, types.ErrAmountTooLarge, func(ctx sdk.Context) error {
			_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: p, ConsumerOwner: p, TokenIds: []uint64{a, b}})
			return err
		})
		c := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Terms.CancellationFee = half.SubRaw(1) })
		res, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: p, ConsumerOwner: p, TokenIds: []uint64{a, c}})
		require.NoError(t, err)
		require.Equal(t, maxAmount.String(), m.token(t, ctx, res.TokenId).Terms.CancellationFee.String())
	})
}
