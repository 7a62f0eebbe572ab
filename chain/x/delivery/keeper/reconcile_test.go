package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/keeper"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
)

// fourCases builds one period with every case of seed §3.5.1 and a missing reading:
//
//   - token A: 1,000 Wh solar from the solar plant, its consumer side sold to the consumer at 80/MWh;
//   - token B: 500 Wh wind from the wind park, its consumer side sold to the trader's virtual meter at 60/MWh;
//   - token C: 2,000 Wh solar from the solar plant, its consumer side sold to the retailer's aggregation point at 70/MWh;
//   - readings: the solar plant fed 3,500 Wh (500 over), the wind park 400 (100 under), the
//     consumer took 1,300 (300 over), the aggregation point reported nothing (2,000 under);
//     the trader's virtual wind meter measures nothing (500 bought, never used).
//
// The reference price is 50/MWh in every category; solar's market (3,000 Wh) sets its own
// average, 73.333333/MWh; wind's (500 Wh, below min_market_wh) does not.
func fourCases(t *testing.T, r *recon) uint64 {
	t.Helper()
	p := r.now() + 3
	r.publish(t, 0, r.now()+2, 50_000_000) // the first period whose gate is open
	a := r.issue(t, r.producer, rSolar, rSolar, rSolarCat, p, p, 1_000)
	r.sell(t, r.producer, r.consumer, a, et.Side_SIDE_CONSUMER, 80_000_000, rLoad)
	b := r.issue(t, r.producer, rWind, rWind, rWindCat, p, p, 500)
	r.sell(t, r.producer, r.trader, b, et.Side_SIDE_CONSUMER, 60_000_000, "")
	c := r.issue(t, r.producer, rSolar, rSolar, rSolarCat, p, p, 2_000)
	r.sell(t, r.producer, r.retailer, c, et.Side_SIDE_CONSUMER, 70_000_000, rAgg)
	r.advanceTo(t, p+1)
	r.read(t, rSolar, p, 3_500)
	r.read(t, rWind, p, 400)
	r.read(t, rLoad, p, 1_300)
	return p
}

type line struct {
	meter string
	cat   bt.EnergyCategory
	kase  et.ImbalanceCase
	wh    uint64
	price int64
	recv  int64
}

func linesOf(entries []types.ImbalanceEntry) []line {
	out := make([]line, 0, len(entries))
	for _, e := range entries {
		out = append(out, line{e.MeterId, e.Category, e.ImbalanceCase, e.Wh, e.PricePerMwh, e.Receivable.Int64()})
	}
	return out
}

func TestReconcileSettlesTheFourCasesAtDualPrices(t *testing.T) {
	r := newRecon(t, 2)
	p := fourCases(t, r)
	rec := r.reconcile(t, p)

	over, under := et.ImbalanceCase_IMBALANCE_CASE_OVER_PRODUCTION, et.ImbalanceCase_IMBALANCE_CASE_UNDER_PRODUCTION
	underC, overC := et.ImbalanceCase_IMBALANCE_CASE_UNDER_CONSUMPTION, et.ImbalanceCase_IMBALANCE_CASE_OVER_CONSUMPTION
	other := bt.EnergyCategory_ENERGY_CATEGORY_OTHER
	// Solar: average (80×1000 + 70×2000)/3000 = 73.333333, n = 10 %: surplus 66.000000.
	// Wind and other: the reference 50, so surplus 45 and shortfall 55.
	require.ElementsMatch(t, []line{
		{rSolar, rSolarCat, over, 500, 66_000_000, 33_000},
		{rWind, rWindCat, under, 100, 55_000_000, -5_500},
	}, linesOf(r.statement(t, r.producer, p)))
	require.Equal(t, []line{{rLoad, other, overC, 300, 55_000_000, -16_500}}, linesOf(r.statement(t, r.consumer, p)))
	require.Equal(t, []line{{rAgg, rSolarCat, underC, 2_000, 66_000_000, 132_000}}, linesOf(r.statement(t, r.retailer, p)))
	traderWind := bt.VirtualMeterID(r.trader.String(), rWindCat)
	require.Equal(t, []line{{traderWind, rWindCat, underC, 500, 45_000_000, 22_500}}, linesOf(r.statement(t, r.trader, p)))

	require.EqualValues(t, 5, rec.Tokens)
	require.EqualValues(t, 1, rec.MissingReadings, "the aggregation point did not report")
	byCat := map[bt.EnergyCategory]types.CategoryImbalance{}
	for _, c := range rec.Categories {
		byCat[c.Category] = c
	}
	require.Equal(t, types.PriceSource_PRICE_SOURCE_MARKET, byCat[rSolarCat].Source)
	require.EqualValues(t, 73_333_333, byCat[rSolarCat].AveragePricePerMwh)
	require.EqualValues(t, 3_000, byCat[rSolarCat].MarketWh)
	require.EqualValues(t, 2_500, byCat[rSolarCat].SurplusWh)
	require.Equal(t, types.PriceSource_PRICE_SOURCE_REFERENCE, byCat[rWindCat].Source, "500 Wh traded is below min_market_wh")
	require.EqualValues(t, 500, byCat[rWindCat].SurplusWh)
	require.EqualValues(t, 100, byCat[rWindCat].DeficitWh)
	require.EqualValues(t, 300, byCat[other].DeficitWh)
	// The balancing authority's remuneration: 10 % of the average on every imbalance.
	require.Equal(t, "18333", byCat[rSolarCat].BalancingFee.String(), "2,500 Wh taken at 7.333333 below the average")
	require.Equal(t, "3000", byCat[rWindCat].BalancingFee.String(), "500 Wh taken and 100 Wh supplied, 5 from the average")
	require.Equal(t, "1500", byCat[other].BalancingFee.String())

	// The imbalance tokens are real tokens against the balancing authority.
	entry := r.statement(t, r.consumer, p)[0]
	tok, err := r.eq.Token(r.c.Ctx(), &et.QueryTokenRequest{Id: entry.TokenId})
	require.NoError(t, err)
	require.Equal(t, r.operator.String(), tok.Token.Producer.Owner)
	require.Equal(t, r.consumer.String(), tok.Token.Consumer.Owner)
	require.Equal(t, rLoad, tok.Token.Consumer.MeterId)
	require.Equal(t, overC, tok.Token.Imbalance)
	require.Equal(t, et.Money{Amount: sdkmath.NewInt(55_000_000), Denom: rChf}, tok.Token.FaceValuePerMwh)
	require.False(t, tok.Token.Producer.Ask.ForSale || tok.Token.Consumer.Ask.ForSale)
}

func TestReconcileSinglePricingFollowsTheSystemDirection(t *testing.T) {
	r := newRecon(t, 2)
	r.setParams(t, func(p *types.Params) { p.ImbalancePricing = types.ImbalancePricing_IMBALANCE_PRICING_SINGLE })
	p := fourCases(t, r)
	r.reconcile(t, p)
	// Solar is long (+500 +2,000) and wind long (−100 +500): everyone at minus n %.
	// Other is short (−300): plus n %.
	require.ElementsMatch(t, []line{
		{rSolar, rSolarCat, et.ImbalanceCase_IMBALANCE_CASE_OVER_PRODUCTION, 500, 66_000_000, 33_000},
		{rWind, rWindCat, et.ImbalanceCase_IMBALANCE_CASE_UNDER_PRODUCTION, 100, 45_000_000, -4_500},
	}, linesOf(r.statement(t, r.producer, p)))
	require.Equal(t, int64(55_000_000), r.statement(t, r.consumer, p)[0].PricePerMwh)
}

func TestReconcileIsPagedAndResumes(t *testing.T) {
	r := newRecon(t, 2)
	r.setParams(t, func(p *types.Params) { p.MaxReconcilePerBlock = 2 })
	p := fourCases(t, r)
	r.advanceTo(t, p+r.window+1)
	sawReconciling := false
	for i := 0; i < 50; i++ {
		res, err := r.q.Reconciliation(r.c.Ctx(), &types.QueryReconciliationRequest{Period: p})
		require.NoError(t, err)
		if res.Phase == types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILED {
			break
		}
		if res.Phase == types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILING {
			sawReconciling = true
			prog, err := r.q.ReconciliationProgress(r.c.Ctx(), &types.QueryReconciliationProgressRequest{})
			require.NoError(t, err)
			require.Equal(t, p, prog.Progress.NextPeriod)
		}
		r.c.NextBlock(5 * time.Second)
	}
	require.True(t, sawReconciling, "with 2 items per block the period takes several blocks")
	rec := r.reconcile(t, p)
	require.EqualValues(t, 5, rec.Tokens)
	require.Greater(t, rec.ReconciledHeight, rec.StartedHeight)
	require.Len(t, r.statement(t, r.retailer, p), 1)
}

func TestReconcileSkipsBalancedAndSameMeterTokens(t *testing.T) {
	r := newRecon(t, 1)
	p := r.now() + 3
	// The producer keeps both sides at its plant: they cancel (seed §3.5.1: discarded), so
	// its whole production is over-production, priced unpriced (no reference price yet).
	r.issue(t, r.producer, rSolar, rSolar, rSolarCat, p, p+1, 1_000)
	r.advanceTo(t, p+1)
	r.read(t, rSolar, p, 700)
	r.reconcile(t, p)
	entries := r.statement(t, r.producer, p)
	require.Len(t, entries, 1)
	require.Equal(t, et.ImbalanceCase_IMBALANCE_CASE_OVER_PRODUCTION, entries[0].ImbalanceCase)
	require.EqualValues(t, 700, entries[0].Wh)
	require.Equal(t, types.PriceSource_PRICE_SOURCE_UNPRICED, entries[0].Source)
	require.True(t, entries[0].Receivable.IsZero())
	// An unpriced imbalance token has no denom, and the export still validates.
	gs, err := r.c.App.EnergyKeeper.ExportGenesis(r.c.Ctx())
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	// The two-period token is reconciled again in its second period, from the sweep.
	r.read(t, rSolar, p+1, 0)
	rec := r.reconcile(t, p+1)
	require.Zero(t, rec.Tokens, "no production, nothing scheduled net: nothing to settle")
}

func TestPublishReferencePriceRefusals(t *testing.T) {
	r := newRecon(t, 2)
	now := r.now()
	open := now + 2 // period now+1's gate closed when period now began (15-minute gate)
	for _, tc := range []struct {
		name string
		msg  types.MsgPublishReferencePrice
		want error
	}{
		{"a stranger", types.MsgPublishReferencePrice{Operator: r.stranger.String(), FromPeriod: open, PricePerMwh: 1, Denom: rChf}, types.ErrUnauthorized},
		{"a participant", types.MsgPublishReferencePrice{Operator: r.producer.String(), FromPeriod: open, PricePerMwh: 1, Denom: rChf}, types.ErrUnauthorized},
		{"a past period", types.MsgPublishReferencePrice{Operator: r.operator.String(), FromPeriod: now - 1, PricePerMwh: 1, Denom: rChf}, types.ErrInvalidReferencePrice},
		{"the current period", types.MsgPublishReferencePrice{Operator: r.operator.String(), FromPeriod: now, PricePerMwh: 1, Denom: rChf}, types.ErrInvalidReferencePrice},
		{"a frozen period", types.MsgPublishReferencePrice{Operator: r.operator.String(), FromPeriod: now + 1, PricePerMwh: 1, Denom: rChf}, types.ErrInvalidReferencePrice},
		{"an unknown denom", types.MsgPublishReferencePrice{Operator: r.operator.String(), FromPeriod: open, PricePerMwh: 1, Denom: "uxyz"}, types.ErrInvalidReferencePrice},
		{"outside the band", types.MsgPublishReferencePrice{Operator: r.operator.String(), FromPeriod: open, PricePerMwh: 1 << 62, Denom: rChf}, types.ErrInvalidReferencePrice},
		{"an unknown category", types.MsgPublishReferencePrice{Operator: r.operator.String(), Category: 99, FromPeriod: open, PricePerMwh: 1, Denom: rChf}, types.ErrInvalidReferencePrice},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := r.c.Ctx().CacheContext()
			before := r.c.StoreDump(t, ctx, "delivery")
			msg := tc.msg
			_, err := r.msgs.PublishReferencePrice(ctx, &msg)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, r.c.StoreDump(t, ctx, "delivery"))
		})
	}
	// The price in force is the category's own, else the all-categories one.
	r.publish(t, 0, open, 50_000_000)
	r.publish(t, rSolarCat, open+1, -10_000_000)
	res, err := r.q.ReferencePrices(r.c.Ctx(), &types.QueryReferencePricesRequest{})
	require.NoError(t, err)
	require.Len(t, res.Prices, 2)
	res, err = r.q.ReferencePrices(r.c.Ctx(), &types.QueryReferencePricesRequest{Category: rSolarCat})
	require.NoError(t, err)
	require.Len(t, res.Prices, 1)
	require.EqualValues(t, -10_000_000, res.Prices[0].PricePerMwh)
}

func TestReconciliationPhases(t *testing.T) {
	r := newRecon(t, 2)
	p := r.now() + 1
	phase := func() types.ReconciliationPhase {
		res, err := r.q.Reconciliation(r.c.Ctx(), &types.QueryReconciliationRequest{Period: p})
		require.NoError(t, err)
		return res.Phase
	}
	require.Equal(t, types.ReconciliationPhase_RECONCILIATION_PHASE_PENDING, phase())
	r.advanceTo(t, p+2)
	require.Equal(t, types.ReconciliationPhase_RECONCILIATION_PHASE_READING_WINDOW, phase())
	r.reconcile(t, p)
	require.Equal(t, types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILED, phase())
	res, err := r.q.Reconciliation(r.c.Ctx(), &types.QueryReconciliationRequest{Period: r.now() - 1000})
	require.NoError(t, err)
	require.Equal(t, types.ReconciliationPhase_RECONCILIATION_PHASE_BEFORE_START, res.Phase)
	_, err = r.q.Statement(r.c.Ctx(), &types.QueryStatementRequest{Owner: "nope"})
	require.ErrorIs(t, err, types.ErrInvalidAddress)
	_, err = r.q.Reconciliation(r.c.Ctx(), &types.QueryReconciliationRequest{Period: 1<<64 - 1})
	require.ErrorIs(t, err, types.ErrInvalidRequest, "a period whose window would close past the end of time")
	_ = sdk.AccAddress{}
	_ = apptest.ChainID
}

// TestReconcileResumesAfterGenesisExportMidPeriod exports the chain while a period is half
// through its schedule stage and carries on from the import: the tokens' queues are
// rebuilt, the cursor skips what was counted, and the outcome is the one of an
// uninterrupted run.
func TestReconcileResumesAfterGenesisExportMidPeriod(t *testing.T) {
	r := newRecon(t, 2)
	r.setParams(t, func(p *types.Params) { p.MaxReconcilePerBlock = 2 })
	p := fourCases(t, r)
	r.advanceTo(t, p+r.window+1)
	for i := 0; ; i++ {
		require.Less(t, i, 50, "the schedule stage never got half way")
		prog, err := r.q.ReconciliationProgress(r.c.Ctx(), &types.QueryReconciliationProgressRequest{})
		require.NoError(t, err)
		if prog.Progress.NextPeriod == p && prog.Progress.Stage == types.ReconciliationStage_RECONCILIATION_STAGE_SCHEDULE && prog.Progress.Items > 0 {
			break
		}
		r.c.NextBlock(5 * time.Second)
	}
	r.c = r.c.Reimport()
	r.energy, r.eq = energykeeper.NewMsgServerImpl(r.c.App.EnergyKeeper), energykeeper.NewQueryServerImpl(r.c.App.EnergyKeeper)
	r.msgs, r.q = keeper.NewMsgServerImpl(r.c.App.DeliveryKeeper), keeper.NewQueryServerImpl(r.c.App.DeliveryKeeper)
	rec := r.reconcile(t, p)
	require.EqualValues(t, 5, rec.Tokens)
	require.Equal(t, []line{{rAgg, rSolarCat, et.ImbalanceCase_IMBALANCE_CASE_UNDER_CONSUMPTION, 2_000, 66_000_000, 132_000}}, linesOf(r.statement(t, r.retailer, p)))
	require.Equal(t, []line{{rLoad, bt.EnergyCategory_ENERGY_CATEGORY_OTHER, et.ImbalanceCase_IMBALANCE_CASE_OVER_CONSUMPTION, 300, 55_000_000, -16_500}}, linesOf(r.statement(t, r.consumer, p)))
}
