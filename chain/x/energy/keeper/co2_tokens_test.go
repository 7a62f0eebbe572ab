package keeper_test

import (
	"math"

	"cosmossdk.io/collections"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// appointCo2 makes the fixture's CO2 participant the CO2 authority, as a passed
// governance proposal does (x/gov's account signs).
func (m *market) appointCo2(t testing.TB, ctx sdk.Context, who sdk.AccAddress) {
	t.Helper()
	_, err := balancingkeeper.NewMsgServerImpl(m.c.App.BalancingKeeper).AppointCo2Authority(ctx,
		&balancingtypes.MsgAppointCo2Authority{Authority: m.c.App.BalancingKeeper.Authority(), Co2Authority: who.String()})
	require.NoError(t, err)
}

// splitCo2 splits grams off token id, signed by owner, and returns (child, CO2 token).
func (m *market) splitCo2(t testing.TB, ctx sdk.Context, owner sdk.AccAddress, id, grams uint64) (uint64, uint64) {
	t.Helper()
	res, err := m.msgs.SplitCo2(ctx, &types.MsgSplitCo2{Owner: owner.String(), TokenId: id, Grams: grams})
	require.NoError(t, err)
	return res.TokenId, res.Co2TokenId
}

func (m *market) co2Token(t testing.TB, ctx sdk.Context, id uint64) types.Co2Token {
	t.Helper()
	res, err := m.q.Co2Token(ctx, &types.QueryCo2TokenRequest{Id: id})
	require.NoError(t, err)
	return res.Co2Token
}

// balancingState is x/balancing's export: what a refused appointment must leave as it was.
func (m *market) balancingState(t testing.TB, ctx sdk.Context) string {
	t.Helper()
	gs, err := m.c.App.BalancingKeeper.ExportGenesis(ctx)
	require.NoError(t, err)
	return string(m.c.App.AppCodec().MustMarshalJSON(gs))
}

func TestAppointCo2Authority(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	msgs := balancingkeeper.NewMsgServerImpl(m.c.App.BalancingKeeper)
	gov := m.c.App.BalancingKeeper.Authority()
	for _, tc := range []struct {
		name string
		msg  balancingtypes.MsgAppointCo2Authority
		want error
	}{
		{"signed by the grid operator", balancingtypes.MsgAppointCo2Authority{Authority: m.operator.String(), Co2Authority: m.co2.String()}, balancingtypes.ErrInvalidAuthority},
		{"signed by the candidate", balancingtypes.MsgAppointCo2Authority{Authority: m.co2.String(), Co2Authority: m.co2.String()}, balancingtypes.ErrInvalidAuthority},
		{"a stranger", balancingtypes.MsgAppointCo2Authority{Authority: gov, Co2Authority: m.stranger.String()}, balancingtypes.ErrNotAdmitted},
		{"a suspended participant", balancingtypes.MsgAppointCo2Authority{Authority: gov, Co2Authority: m.suspended.String()}, balancingtypes.ErrNotInGoodStanding},
		{"no address", balancingtypes.MsgAppointCo2Authority{Authority: gov, Co2Authority: "grid1nope"}, balancingtypes.ErrInvalidAddress},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := m.balancingState(t, ctx)
			_, err := msgs.AppointCo2Authority(ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, m.balancingState(t, ctx), "a refused appointment changed state")
		})
	}

	m.appointCo2(t, ctx, m.co2)
	addr, ok, err := m.c.App.EnergyKeeper.Co2Authority(ctx)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, m.co2, addr)

	// A participant without the role gains it; the former authority is replaced.
	ev := withEvents(ctx)
	m.appointCo2(t, ev, m.pureProducer)
	events := eventsOf[*balancingtypes.EventCo2AuthorityAppointed](t, ev)
	require.Len(t, events, 1)
	require.Equal(t, m.co2.String(), events[0].Previous)
	require.Equal(t, m.pureProducer.String(), events[0].Current)
	p, _, err := m.c.App.BalancingKeeper.GetParticipant(ctx, m.pureProducer)
	require.NoError(t, err)
	require.Equal(t, []balancingtypes.Role{balancingtypes.Role_ROLE_PRODUCER, balancingtypes.Role_ROLE_CO2_AUTHORITY}, p.Roles)
	res, err := balancingkeeper.NewQueryServerImpl(m.c.App.BalancingKeeper).Co2Authority(ctx, &balancingtypes.QueryCo2AuthorityRequest{})
	require.NoError(t, err)
	require.Equal(t, m.pureProducer.String(), res.Address)

	// The former authority may no longer publish.
	m.refused(t, ctx, types.ErrNotCo2Authority, func(ctx sdk.Context) error {
		_, err := m.msgs.PublishCo2Intensity(ctx, &types.MsgPublishCo2Intensity{Authority: m.co2.String(), Category: solar, FromPeriod: m.now + 4, GramsPerMwh: 1})
		return err
	})

	// The appointment survives an export and import.
	gs, err := m.c.App.BalancingKeeper.ExportGenesis(ctx)
	require.NoError(t, err)
	require.Equal(t, m.pureProducer.String(), gs.Co2Authority)
	require.NoError(t, gs.Validate())
}

func TestPublishCo2Intensity(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	publish := func(signer sdk.AccAddress, c balancingtypes.EnergyCategory, from, grams uint64) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.PublishCo2Intensity(ctx, &types.MsgPublishCo2Intensity{Authority: signer.String(), Category: c, FromPeriod: from, GramsPerMwh: grams})
			return err
		}
	}
	m.refused(t, ctx, types.ErrNotCo2Authority, publish(m.co2, solar, m.now+4, 40_000)) // none appointed yet
	m.appointCo2(t, ctx, m.co2)
	for _, tc := range []struct {
		name string
		run  func(sdk.Context) error
		want error
	}{
		{"anyone else", publish(m.producer, solar, m.now+4, 40_000), types.ErrNotCo2Authority},
		{"the grid operator", publish(m.operator, solar, m.now+4, 40_000), types.ErrNotCo2Authority},
		{"no category", publish(m.co2, balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED, m.now+4, 40_000), types.ErrInvalidCategory},
		{"an unknown category", publish(m.co2, 99, m.now+4, 40_000), types.ErrInvalidCategory},
		{"a period whose gate closed", publish(m.co2, solar, m.now, 40_000), types.ErrInvalidPeriods},
	} {
		t.Run(tc.name, func(t *testing.T) { m.refused(t, ctx, tc.want, tc.run) })
	}

	standard := func(c balancingtypes.EnergyCategory, period uint64) types.StandardCo2Intensity {
		res, err := m.q.StandardCo2Intensity(ctx, &types.QueryStandardCo2IntensityRequest{Category: c, Period: period})
		require.NoError(t, err)
		return res.Standard
	}
	require.NoError(t, publish(m.co2, solar, m.now+4, 40_000)(ctx))
	require.NoError(t, publish(m.co2, solar, m.now+10, 35_000)(ctx))
	require.Equal(t, types.Co2IntensityBasis_CO2_INTENSITY_BASIS_UNSPECIFIED, standard(solar, m.now+3).Basis, "nothing before the first publication")
	for _, tc := range []struct{ period, grams, from uint64 }{{m.now + 4, 40_000, m.now + 4}, {m.now + 9, 40_000, m.now + 4}, {m.now + 10, 35_000, m.now + 10}, {m.now + 500, 35_000, m.now + 10}} {
		s := standard(solar, tc.period)
		require.Equal(t, types.Co2IntensityBasis_CO2_INTENSITY_BASIS_PUBLISHED, s.Basis)
		require.Equal(t, tc.grams, s.GramsPerMwh, "period %d", tc.period)
		require.Equal(t, tc.from, s.BasisPeriod)
	}
	require.Equal(t, types.Co2IntensityBasis_CO2_INTENSITY_BASIS_UNSPECIFIED, standard(wind, m.now+10).Basis, "per category")
	all, err := m.q.Co2Standards(ctx, &types.QueryCo2StandardsRequest{Period: m.now + 10})
	require.NoError(t, err)
	require.Len(t, all.Standards, 8)
	require.Equal(t, uint64(35_000), all.Standards[0].GramsPerMwh)
	_, err = m.q.StandardCo2Intensity(ctx, &types.QueryStandardCo2IntensityRequest{Category: 0, Period: 1})
	require.ErrorIs(t, err, types.ErrInvalidCategory)
}

// TestDefaultIntensityIsPreviousAverage: without a publication the standard of a period
// is the average of the category's tokens delivering in the latest reconciled period
// before it, counted as reconciliation reaches them (no scan of the market).
func TestDefaultIntensityIsPreviousAverage(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	k := m.c.App.EnergyKeeper
	// 1000 Wh x 4 periods with 120 g: 30 g per period; 2000 Wh x 4 with 800 g: 200 g.
	m.issue(t, ctx, nil)
	m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.WhPerPeriod, msg.Co2Grams = 2000, 800 })
	// A wind token does not count for solar.
	m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.ProducerMeterId, msg.Co2Grams = windMeter, 1_000_000 })
	// A cancelled one never delivers.
	gone := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = 1_000_000 })
	_, err := m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: m.producer.String(), ConsumerOwner: m.producer.String(), TokenId: gone})
	require.NoError(t, err)

	first := m.now + 4
	reconcile := func(period uint64) {
		_, _, done, err := k.ScheduleStep(ctx, period, keeper.ScheduleCursor{}, 100, func(keeper.ScheduledSide) error { return nil })
		require.NoError(t, err)
		require.True(t, done)
	}
	standard := func(period uint64) types.StandardCo2Intensity {
		s, err := k.StandardCo2Intensity(ctx, solar, period)
		require.NoError(t, err)
		return s
	}
	require.Equal(t, types.Co2IntensityBasis_CO2_INTENSITY_BASIS_UNSPECIFIED, standard(first+1).Basis)
	reconcile(first)
	s := standard(first + 1)
	require.Equal(t, types.Co2IntensityBasis_CO2_INTENSITY_BASIS_PREVIOUS_AVERAGE, s.Basis)
	require.Equal(t, first, s.BasisPeriod)
	require.Equal(t, uint64(230*1_000_000/3000), s.GramsPerMwh) // 230 g over 3000 Wh
	require.Equal(t, first, standard(first+7).BasisPeriod, "the latest reconciled period before it")
	require.Equal(t, types.Co2IntensityBasis_CO2_INTENSITY_BASIS_UNSPECIFIED, standard(first).Basis, "never its own period")
	w, err := k.StandardCo2Intensity(ctx, wind, first+1)
	require.NoError(t, err)
	require.Equal(t, uint64(1_000_000/4*1_000_000/1000), w.GramsPerMwh)

	// A publication wins over the average.
	m.appointCo2(t, ctx, m.co2)
	_, err = m.msgs.PublishCo2Intensity(ctx, &types.MsgPublishCo2Intensity{Authority: m.co2.String(), Category: solar, FromPeriod: first + 1, GramsPerMwh: 50_000})
	require.NoError(t, err)
	require.Equal(t, types.Co2IntensityBasis_CO2_INTENSITY_BASIS_PUBLISHED, standard(first+1).Basis)

	// The totals survive an export and import.
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.Len(t, gs.Co2PeriodTotals, 2)
}

func TestSetCo2Rate(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	set := func(signer sdk.AccAddress, denom string, rate int64) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.SetCo2Rate(ctx, &types.MsgSetCo2Rate{Authority: signer.String(), Denom: denom, RatePerGram: ints(rate)})
			return err
		}
	}
	m.refused(t, ctx, types.ErrNotCo2Authority, set(m.co2, chf, 100))
	m.appointCo2(t, ctx, m.co2)
	for _, tc := range []struct {
		name string
		run  func(sdk.Context) error
		want error
	}{
		{"anyone else", set(m.consumer, chf, 100), types.ErrNotCo2Authority},
		{"a denom no bank issues", set(m.co2, "uusd.nowhere", 100), types.ErrUnknownCurrency},
		{"a negative rate", set(m.co2, chf, -1), types.ErrInvalidCo2Rate},
		{"a rate above the contract maximum", func(ctx sdk.Context) error {
			_, err := m.msgs.SetCo2Rate(ctx, &types.MsgSetCo2Rate{Authority: m.co2.String(), Denom: chf, RatePerGram: types.MaxContractAmount.AddRaw(1)})
			return err
		}, types.ErrAmountTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) { m.refused(t, ctx, tc.want, tc.run) })
	}
	rate, err := m.c.App.EnergyKeeper.Co2Rate(ctx, chf)
	require.NoError(t, err)
	require.True(t, rate.IsZero(), "zero until set")

	require.NoError(t, set(m.co2, chf, 100)(ctx)) // 100 CHF per tonne
	require.NoError(t, set(m.co2, eur, 0)(ctx))   // zero allowed
	rate, err = m.c.App.EnergyKeeper.Co2Rate(ctx, chf)
	require.NoError(t, err)
	require.Equal(t, int64(100), rate.Int64())
	res, err := m.q.Co2Rate(ctx, &types.QueryCo2RateRequest{Denom: eur})
	require.NoError(t, err)
	require.True(t, res.IsSet)
	require.True(t, res.Rate.RatePerGram.IsZero())
	list, err := m.q.Co2Rates(ctx, &types.QueryCo2RatesRequest{})
	require.NoError(t, err)
	require.Len(t, list.Rates, 2)

	// A suspended authority acts no more.
	m.c.Suspend(ctx, m.operator, m.co2)
	m.refused(t, ctx, types.ErrNotAdmitted, set(m.co2, chf, 5))
}

// TestSplitAndMergeCo2 moves CO2 from one token into a CO2 token and on into another
// token; CO2 is conserved exactly at every step (the invariants run after the test).
func TestSplitAndMergeCo2(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	dirty := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = 2_000 })
	clean := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = 10 })

	ev := withEvents(ctx)
	child, co2ID := m.splitCo2(t, ev, m.producer, dirty, 1_500)
	require.Len(t, eventsOf[*types.EventCo2Split](t, ev), 1)
	parent := m.token(t, ctx, dirty)
	require.Equal(t, types.TokenStatus_TOKEN_STATUS_RETIRED, parent.Status)
	require.Equal(t, []uint64{child}, parent.Children)
	c := m.token(t, ctx, child)
	require.Equal(t, uint64(500), c.Co2Grams)
	require.Equal(t, co2ID, c.Co2SplitInto)
	require.Equal(t, parent.WhPerPeriod, c.WhPerPeriod)
	require.Equal(t, m.producer.String(), c.Consumer.Owner)
	co2 := m.co2Token(t, ctx, co2ID)
	require.Equal(t, uint64(1_500), co2.Grams)
	require.Equal(t, m.producer.String(), co2.Owner)
	require.Equal(t, dirty, co2.SplitFrom)
	require.Equal(t, types.TokenStatus_TOKEN_STATUS_ACTIVE, co2.Status)
	has, err := m.c.App.EnergyKeeper.DeliveryQueue.Has(ctx, collections2(c.FirstPeriod, child))
	require.NoError(t, err)
	require.True(t, has, "the child waits for reconciliation like any new token")

	merged := m.mergeCo2(t, ctx, m.producer, clean, co2ID)
	require.Equal(t, uint64(1_510), m.token(t, ctx, merged).Co2Grams)
	require.Equal(t, []uint64{co2ID}, m.token(t, ctx, merged).Co2MergedFrom)
	co2 = m.co2Token(t, ctx, co2ID)
	require.Equal(t, types.TokenStatus_TOKEN_STATUS_RETIRED, co2.Status)
	require.Equal(t, merged, co2.MergedInto)
	owned, err := m.q.Co2TokensByOwner(ctx, &types.QueryCo2TokensByOwnerRequest{Owner: m.producer.String()})
	require.NoError(t, err)
	require.Empty(t, owned.Co2Tokens)

	// Splitting all of a token's CO2 leaves it at zero.
	_, all := m.splitCo2(t, ctx, m.producer, child, 500)
	require.Equal(t, uint64(500), m.co2Token(t, ctx, all).Grams)

	// The CO2 state survives an export and import.
	gs, err := m.c.App.EnergyKeeper.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.Len(t, gs.Co2Tokens, 2)
	require.Equal(t, uint64(3), gs.NextCo2TokenId)
}

func (m *market) mergeCo2(t testing.TB, ctx sdk.Context, owner sdk.AccAddress, id uint64, co2 ...uint64) uint64 {
	t.Helper()
	res, err := m.msgs.MergeCo2(ctx, &types.MsgMergeCo2{Owner: owner.String(), TokenId: id, Co2TokenIds: co2})
	require.NoError(t, err)
	return res.TokenId
}

func TestSplitCo2Refusals(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	id := m.issue(t, ctx, nil) // 120 g, both sides the producer's
	sold := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, sold, consumerSide, 1_000_000, chf)
	m.buy(t, ctx, m.consumer, sold, consumerSide, 1_000_000, chf, consumerLoad)
	split := func(owner sdk.AccAddress, token, grams uint64) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.SplitCo2(ctx, &types.MsgSplitCo2{Owner: owner.String(), TokenId: token, Grams: grams})
			return err
		}
	}
	for _, tc := range []struct {
		name string
		run  func(sdk.Context) error
		want error
	}{
		{"zero grams", split(m.producer, id, 0), types.ErrInvalidCo2Amount},
		{"more grams than the token has", split(m.producer, id, 121), types.ErrInvalidCo2Amount},
		{"the most grams there are", split(m.producer, id, math.MaxUint64), types.ErrInvalidCo2Amount},
		{"a signer holding neither side", split(m.trader, id, 10), types.ErrNotSideOwner},
		{"a signer holding one side only", split(m.producer, sold, 10), types.ErrNotSideOwner},
		{"the other side's holder", split(m.consumer, sold, 10), types.ErrNotSideOwner},
		{"a suspended participant", split(m.suspended, id, 10), types.ErrNotAdmitted},
		{"a stranger", split(m.stranger, id, 10), types.ErrNotAdmitted},
		{"an unknown token", split(m.producer, 999, 10), types.ErrUnknownToken},
		{"a frozen token", func(ctx sdk.Context) error {
			return split(m.producer, id, 10)(at(ctx, types.DefaultParams().GateClosesAt(m.now+4)))
		}, types.ErrTokenFrozen},
	} {
		t.Run(tc.name, func(t *testing.T) { m.refused(t, ctx, tc.want, tc.run) })
	}
	child, _ := m.splitCo2(t, ctx, m.producer, id, 20)
	m.refused(t, ctx, types.ErrTokenNotActive, split(m.producer, id, 10)) // retired by the split
	m.refused(t, ctx, types.ErrInvalidCo2Amount, split(m.producer, child, 101))
}

func TestMergeCo2Refusals(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	a := m.issue(t, ctx, nil)
	b := m.issue(t, ctx, nil)
	_, co2 := m.splitCo2(t, ctx, m.producer, a, 50)
	bChild, co2b := m.splitCo2(t, ctx, m.producer, b, 10)
	target := m.issue(t, ctx, nil)
	// The trader's CO2 token: bought from the producer.
	tokenT := m.issue(t, ctx, nil)
	_, traded := m.splitCo2(t, ctx, m.producer, tokenT, 5)
	_, err := m.msgs.SetCo2Ask(ctx, &types.MsgSetCo2Ask{Owner: m.producer.String(), Co2TokenId: traded, Ask: types.Co2Ask{ForSale: true, PricePerTonne: 0, Denom: chf}})
	require.NoError(t, err)
	_, err = m.msgs.BuyCo2Token(ctx, &types.MsgBuyCo2Token{Buyer: m.trader.String(), Co2TokenId: traded, MaxPricePerTonne: 0, Denom: chf})
	require.NoError(t, err)
	// A token whose CO2 is at the top of 64 bits, and a CO2 token split from another.
	huge := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = math.MaxUint64 })
	huge2 := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = math.MaxUint64 })
	_, big := m.splitCo2(t, ctx, m.producer, huge2, 1)

	merge := func(owner sdk.AccAddress, token uint64, ids ...uint64) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.MergeCo2(ctx, &types.MsgMergeCo2{Owner: owner.String(), TokenId: token, Co2TokenIds: ids})
			return err
		}
	}
	for _, tc := range []struct {
		name string
		run  func(sdk.Context) error
		want error
	}{
		{"no CO2 token", merge(m.producer, target), types.ErrInvalidRequest},
		{"a CO2 token listed twice", merge(m.producer, target, co2, co2), types.ErrInvalidRequest},
		{"an unknown CO2 token", merge(m.producer, target, 999), types.ErrUnknownCo2Token},
		{"someone else's CO2 token", merge(m.producer, target, traded), types.ErrNotCo2Holder},
		{"into a token the signer does not hold", merge(m.trader, target, traded), types.ErrNotSideOwner},
		{"an overflow of 64 bits", merge(m.producer, huge, big), types.ErrInvalidCo2Amount},
		{"into a retired token", merge(m.producer, b, co2), types.ErrTokenNotActive},
		{"a suspended participant", merge(m.suspended, target, co2), types.ErrNotAdmitted},
		{"a frozen token", func(ctx sdk.Context) error {
			return merge(m.producer, target, co2)(at(ctx, types.DefaultParams().GateClosesAt(m.now+4)))
		}, types.ErrTokenFrozen},
	} {
		t.Run(tc.name, func(t *testing.T) { m.refused(t, ctx, tc.want, tc.run) })
	}
	m.mergeCo2(t, ctx, m.producer, bChild, co2, co2b)
	m.refused(t, ctx, types.ErrCo2TokenNotActive, merge(m.producer, target, co2))
}

// TestCo2Market offers CO2 tokens and buys one at a negative price: the seller pays the
// buyer to take its CO2.
func TestCo2Market(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	id := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = 3_000_000 })
	c1, co2a := m.splitCo2(t, ctx, m.producer, id, 1_000_000) // 1 t
	_, co2b := m.splitCo2(t, ctx, m.producer, c1, 500_000)
	ask := func(owner sdk.AccAddress, co2 uint64, a types.Co2Ask) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.SetCo2Ask(ctx, &types.MsgSetCo2Ask{Owner: owner.String(), Co2TokenId: co2, Ask: a})
			return err
		}
	}
	offer := types.Co2Ask{ForSale: true, PricePerTonne: -80_000_000, Denom: chf} // -80 CHF per tonne
	for _, tc := range []struct {
		name string
		run  func(sdk.Context) error
		want error
	}{
		{"not the holder", ask(m.trader, co2a, offer), types.ErrNotCo2Holder},
		{"a denom no bank issues", ask(m.producer, co2a, types.Co2Ask{ForSale: true, PricePerTonne: 1, Denom: "uusd.nowhere"}), types.ErrUnknownCurrency},
		{"a void ask with a price", ask(m.producer, co2a, types.Co2Ask{PricePerTonne: 1}), types.ErrInvalidAsk},
		{"an unknown CO2 token", ask(m.producer, 999, offer), types.ErrUnknownCo2Token},
	} {
		t.Run(tc.name, func(t *testing.T) { m.refused(t, ctx, tc.want, tc.run) })
	}
	require.NoError(t, ask(m.producer, co2a, offer)(ctx))
	require.NoError(t, ask(m.producer, co2b, types.Co2Ask{ForSale: true, PricePerTonne: -90_000_000, Denom: chf})(ctx))
	offers, err := m.q.Co2Offers(ctx, &types.QueryCo2OffersRequest{Denom: chf})
	require.NoError(t, err)
	require.Len(t, offers.Co2Tokens, 2)
	require.Equal(t, co2b, offers.Co2Tokens[0].Id, "cheapest per tonne first")

	buy := func(buyer sdk.AccAddress, co2 uint64, max int64, denom string) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.BuyCo2Token(ctx, &types.MsgBuyCo2Token{Buyer: buyer.String(), Co2TokenId: co2, MaxPricePerTonne: max, Denom: denom})
			return err
		}
	}
	for _, tc := range []struct {
		name string
		run  func(sdk.Context) error
		want error
	}{
		{"its own holder", buy(m.producer, co2a, 0, chf), types.ErrOwnSide},
		{"above the buyer's maximum", buy(m.trader, co2a, -81_000_000, chf), types.ErrPriceAboveMax},
		{"in another denom", buy(m.trader, co2a, 0, eur), types.ErrInvalidAsk},
		{"a suspended buyer", buy(m.suspended, co2a, 0, chf), types.ErrNotAdmitted},
		{"an unknown CO2 token", buy(m.trader, 999, 0, chf), types.ErrUnknownCo2Token},
	} {
		t.Run(tc.name, func(t *testing.T) { m.refused(t, ctx, tc.want, tc.run) })
	}
	sellerBefore, buyerBefore := m.settlement(ctx, m.producer, chf), m.settlement(ctx, m.trader, chf)
	res, err := m.msgs.BuyCo2Token(ctx, &types.MsgBuyCo2Token{Buyer: m.trader.String(), Co2TokenId: co2a, MaxPricePerTonne: 0, Denom: chf})
	require.NoError(t, err)
	require.Equal(t, int64(80_000_000), res.Paid.Int64())
	require.Equal(t, buyerBefore.AddRaw(80_000_000), m.settlement(ctx, m.trader, chf), "the buyer is paid to take the CO2")
	require.True(t, m.settlement(ctx, m.producer, chf).LTE(sellerBefore.SubRaw(80_000_000)), "the seller pays, and the bank's fee")
	got := m.co2Token(t, ctx, co2a)
	require.Equal(t, m.trader.String(), got.Owner)
	require.False(t, got.Ask.ForSale)
	m.refused(t, ctx, types.ErrNotForSale, buy(m.consumer, co2a, 0, chf))
	var held []uint64
	require.NoError(t, m.c.App.EnergyKeeper.WalkCo2TokensOf(ctx, m.trader, func(c types.Co2Token) (bool, error) {
		held = append(held, c.Id)
		return false, nil
	}))
	require.Equal(t, []uint64{co2a}, held)
}

func collections2(a, b uint64) collections.Pair[uint64, uint64] { return collections.Join(a, b) }

// TestInvariantsCatchCo2NotConserved: a CO2 token whose grams no longer match what left
// its token, or that dropped out of its owner's index, breaks the invariants.
func TestInvariantsCatchCo2NotConserved(t *testing.T) {
	m := newMarket(t)
	ctx, _ := m.c.Ctx().CacheContext() // not m.branch: the invariants must fail here
	k := m.c.App.EnergyKeeper
	id := m.issue(t, ctx, nil)
	_, co2 := m.splitCo2(t, ctx, m.producer, id, 20)
	require.NoError(t, k.CheckInvariants(ctx))

	more, _ := ctx.CacheContext()
	c := m.co2Token(t, more, co2)
	c.Grams++
	require.NoError(t, k.Co2Tokens.Set(more, co2, c))
	require.ErrorContains(t, k.CheckInvariants(more), "CO2")

	unindexed, _ := ctx.CacheContext()
	require.NoError(t, k.Co2TokensByOwner.Remove(unindexed, collections.Join(m.producer, co2)))
	require.ErrorContains(t, k.CheckInvariants(unindexed), "owner's index")
}
