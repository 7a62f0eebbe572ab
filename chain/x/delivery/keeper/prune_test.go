package keeper_test

import (
	"fmt"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// addMeters registers n company production meters of the producer (solar), with keys.
func (r *recon) addMeters(t testing.TB, prefix string, n int) []string {
	t.Helper()
	ids := make([]string, n)
	msgs := balancingkeeper.NewMsgServerImpl(r.c.App.BalancingKeeper)
	for i := range ids {
		ids[i] = fmt.Sprintf("%s-%03d", prefix, i)
		r.keys[ids[i]] = edMeterKey(ids[i])
		_, err := msgs.RegisterMeter(r.c.Ctx(), &bt.MsgRegisterMeter{
			Operator: r.operator.String(), Id: ids[i], Owner: r.producer.String(), Kind: bt.MeterKind_METER_KIND_PRODUCTION,
			Category: rSolarCat, PointKind: bt.MeteringPointKind_METERING_POINT_KIND_COMPANY,
			Location: bt.Location{GridNode: "ZH-7", Area: "CH-ZH"}, KeyAlgorithm: r.keys[ids[i]].alg, PublicKey: r.keys[ids[i]].pub(),
		})
		require.NoError(t, err)
	}
	return ids
}

// readAll submits one signed reading of wh per meter for period, in one batch.
func (r *recon) readAll(t testing.TB, meters []string, period, wh uint64) {
	t.Helper()
	batch := make([]types.SignedReading, len(meters))
	for i, m := range meters {
		batch[i] = r.keys[m].sign(t, "gridledger-test-1", types.SignedReading{MeterId: m, Period: period, Wh: wh})
	}
	res, err := r.msgs.SubmitReadings(r.c.Ctx(), &types.MsgSubmitReadings{Submitter: r.operator.String(), Readings: batch})
	require.NoError(t, err)
	require.EqualValues(t, len(meters), res.Accepted, "%v", res.Outcomes)
}

// stored is the number of readings stored for period.
func (r *recon) stored(t testing.TB, period uint64) int {
	t.Helper()
	res, err := r.q.PeriodReadings(r.c.Ctx(), &types.QueryPeriodReadingsRequest{Period: period})
	require.NoError(t, err)
	return len(res.Readings)
}

func (r *recon) pruning(t testing.TB) *types.QueryPruningResponse {
	t.Helper()
	res, err := r.q.Pruning(r.c.Ctx(), &types.QueryPruningRequest{})
	require.NoError(t, err)
	return res
}

// prunedEvents decodes the EventPeriodPruned of a block's events.
func prunedEvents(t testing.TB, events []abci.Event) []types.EventPeriodPruned {
	t.Helper()
	var out []types.EventPeriodPruned
	for _, e := range events {
		if e.Type != proto.MessageName(&types.EventPeriodPruned{}) {
			continue
		}
		// Drop the attribute baseapp adds to a block's own events (mode: EndBlock).
		attrs := make([]abci.EventAttribute, 0, len(e.Attributes))
		for _, a := range e.Attributes {
			if a.Key != "mode" {
				attrs = append(attrs, a)
			}
		}
		msg, err := sdk.ParseTypedEvent(abci.Event{Type: e.Type, Attributes: attrs})
		require.NoError(t, err)
		out = append(out, *msg.(*types.EventPeriodPruned))
	}
	return out
}

func TestPruneAfterTheDisputeWindowKeepsTotalsRecordsAndStatements(t *testing.T) {
	r := newRecon(t, 2)
	const dispute = 3
	r.setParams(t, func(p *types.Params) { p.DisputeWindowPeriods = dispute })
	p := fourCases(t, r)
	r.reconcile(t, p)
	totals, err := r.q.PeriodTotals(r.c.Ctx(), &types.QueryPeriodTotalsRequest{Period: p})
	require.NoError(t, err)
	require.EqualValues(t, 3, totals.Totals.Readings)
	statement := r.statement(t, r.producer, p)
	require.NotEmpty(t, statement)

	// The readings stay while the current period is at most p + window + dispute ...
	r.advanceTo(t, p+r.window+dispute)
	r.c.NextBlock(5 * time.Second)
	require.Equal(t, 3, r.stored(t, p), "inside the dispute window")
	require.Equal(t, p, r.pruning(t).PrunableBefore)
	// ... and go in the first block after it.
	events := r.c.NextBlockEvents(time.Duration(900) * time.Second)
	require.Equal(t, p+r.window+dispute+1, r.now())
	require.Zero(t, r.stored(t, p))
	require.Equal(t, []types.EventPeriodPruned{{Period: p, Readings: 3}}, prunedEvents(t, events))

	// Totals, the reconciliation record and the statements stay.
	after, err := r.q.PeriodTotals(r.c.Ctx(), &types.QueryPeriodTotalsRequest{Period: p})
	require.NoError(t, err)
	require.Equal(t, totals.Totals, after.Totals)
	rec, err := r.q.Reconciliation(r.c.Ctx(), &types.QueryReconciliationRequest{Period: p})
	require.NoError(t, err)
	require.Equal(t, types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILED, rec.Phase)
	require.EqualValues(t, 5, rec.Record.Tokens)
	require.Equal(t, statement, r.statement(t, r.producer, p))

	// The queries say the period is pruned.
	_, err = r.q.Reading(r.c.Ctx(), &types.QueryReadingRequest{MeterId: rSolar, Period: p})
	require.ErrorIs(t, err, types.ErrReadingNotFound)
	require.ErrorContains(t, err, "pruned")
	page, err := r.q.PeriodReadings(r.c.Ctx(), &types.QueryPeriodReadingsRequest{Period: p})
	require.NoError(t, err)
	require.True(t, page.Pruned)
	require.Empty(t, page.Readings)
	prog := r.pruning(t)
	require.Equal(t, types.PruneProgress{NextPeriod: p + 1, PrunedReadings: 3, LastHeight: r.c.Height}, prog.Progress)
	require.Equal(t, p+1, prog.PrunableBefore)
	require.Zero(t, prog.DuePeriods)
	require.EqualValues(t, dispute, prog.DisputeWindowPeriods)

	// A period not pruned says only that the meter has no reading.
	_, err = r.q.Reading(r.c.Ctx(), &types.QueryReadingRequest{MeterId: rSolar, Period: p + 1})
	require.ErrorIs(t, err, types.ErrReadingNotFound)
	require.NotContains(t, err.Error(), "pruned")

	// Widening the reading window by governance does not reopen a pruned period: the
	// pruned reading cannot be replayed into its totals.
	r.setParams(t, func(p *types.Params) { p.ReadingWindowPeriods = types.MaxReadingWindowPeriods })
	replayed := r.keys[rSolar].sign(t, "gridledger-test-1", types.SignedReading{MeterId: rSolar, Period: p, Wh: 3_500})
	res, err := r.msgs.SubmitReadings(r.c.Ctx(), &types.MsgSubmitReadings{Submitter: r.operator.String(), Readings: []types.SignedReading{replayed}})
	require.NoError(t, err)
	require.Zero(t, res.Accepted)
	require.Equal(t, types.ErrWindowClosed.ABCICode(), res.Outcomes[0].Code, res.Outcomes[0].Reason)
	require.Contains(t, res.Outcomes[0].Reason, "pruned")
	again, err := r.q.PeriodTotals(r.c.Ctx(), &types.QueryPeriodTotalsRequest{Period: p})
	require.NoError(t, err)
	require.Equal(t, totals.Totals, again.Totals)
}

func TestPruneNeverTouchesAPeriodNotReconciled(t *testing.T) {
	r := newRecon(t, 1)
	meters := r.addMeters(t, "R-NR", 10)
	r.setParams(t, func(p *types.Params) { p.DisputeWindowPeriods = 1 })
	p := r.now()
	r.advanceTo(t, p+1)
	r.readAll(t, meters, p, 100)
	// Reconciliation crawls at one item per block (p has 10 readings and 10 meters to
	// settle). Far past p's dispute window, its readings stay until reconciliation is done.
	r.setParams(t, func(p *types.Params) { p.MaxReconcilePerBlock = 1 })
	r.c.NextBlock(200 * 900 * time.Second)
	for i := 0; i < 5; i++ {
		r.c.NextBlock(5 * time.Second)
	}
	res, err := r.q.Reconciliation(r.c.Ctx(), &types.QueryReconciliationRequest{Period: p})
	require.NoError(t, err)
	require.Equal(t, types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILING, res.Phase)
	require.Equal(t, 10, r.stored(t, p))
	require.Equal(t, p, r.pruning(t).PrunableBefore)
	// Once it is reconciled, they go (in the same block: the window passed long ago).
	r.setParams(t, func(p *types.Params) { p.MaxReconcilePerBlock = 0 })
	r.c.NextBlock(5 * time.Second)
	res, err = r.q.Reconciliation(r.c.Ctx(), &types.QueryReconciliationRequest{Period: p})
	require.NoError(t, err)
	require.Equal(t, types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILED, res.Phase)
	require.Zero(t, r.stored(t, p))
}

func TestPruneIsPagedAcrossBlocks(t *testing.T) {
	r := newRecon(t, 1)
	const budget = 4
	meters := r.addMeters(t, "R-PG", 3*budget)
	r.setParams(t, func(p *types.Params) {
		p.MaxReconcilePerBlock = budget
		p.DisputeWindowPeriods = types.MaxDisputeWindowPeriods
	})
	p := r.now()
	r.advanceTo(t, p+1)
	r.readAll(t, meters, p, 100)
	r.advanceTo(t, p+2)
	r.readAll(t, meters[:2], p+1, 100) // a later period, not prunable yet
	r.reconcile(t, p)
	r.advanceTo(t, p+3)
	r.reconcile(t, p+1)
	r.c.NextBlock(5 * time.Second)
	due, err := r.q.ReconciliationProgress(r.c.Ctx(), &types.QueryReconciliationProgressRequest{})
	require.NoError(t, err)
	require.Zero(t, due.DuePeriods, "reconciliation leaves the whole budget to pruning")

	// Governance shortens the dispute window: p becomes prunable (p+1 not: current p+3
	// is not after p+1 + window 1 + dispute 1). Its 12 readings take 3 blocks of 4.
	r.setParams(t, func(p *types.Params) { p.DisputeWindowPeriods = 1 })
	require.Equal(t, p+1, r.pruning(t).PrunableBefore)
	require.EqualValues(t, 1, r.pruning(t).DuePeriods, "p holds the only prunable readings")
	for block := 1; block <= 3; block++ {
		events := r.c.NextBlockEvents(5 * time.Second)
		require.Equal(t, 3*budget-block*budget, r.stored(t, p), "block %d", block)
		prog := r.pruning(t).Progress
		require.EqualValues(t, block*budget, prog.PrunedReadings)
		if block < 3 {
			require.Equal(t, p, prog.NextPeriod, "block %d: p is not finished", block)
			require.EqualValues(t, block*budget, prog.PeriodReadings)
			require.Empty(t, prunedEvents(t, events))
		} else {
			require.Equal(t, p+1, prog.NextPeriod)
			require.Zero(t, prog.PeriodReadings)
			require.Equal(t, []types.EventPeriodPruned{{Period: p, Readings: 3 * budget}}, prunedEvents(t, events))
		}
	}
	require.Equal(t, 2, r.stored(t, p+1), "p+1 is inside its dispute window")
	// p+1 goes in the next period, in one block.
	r.c.NextBlock(900 * time.Second)
	require.Zero(t, r.stored(t, p+1))
	require.EqualValues(t, 3*budget+2, r.pruning(t).Progress.PrunedReadings)
}

func TestPruneGetsAShareWhileReconciliationIsBehind(t *testing.T) {
	r := newRecon(t, 1)
	const budget = 10
	meters := r.addMeters(t, "R-SH", 5)
	r.setParams(t, func(p *types.Params) {
		p.MaxReconcilePerBlock = budget
		p.DisputeWindowPeriods = 1
	})
	p := r.now()
	r.advanceTo(t, p+1)
	r.readAll(t, meters, p, 100)
	r.reconcile(t, p)
	// A 200-period gap: every block's reconciliation takes its whole budget (empty
	// periods cost one item each), and pruning still deletes a tenth of it, one reading.
	r.c.NextBlock(200 * 900 * time.Second)
	for block := 1; block <= 3; block++ {
		if block > 1 {
			r.c.NextBlock(5 * time.Second)
		}
		due, err := r.q.ReconciliationProgress(r.c.Ctx(), &types.QueryReconciliationProgressRequest{})
		require.NoError(t, err)
		require.Greater(t, due.DuePeriods, uint64(100), "reconciliation is behind")
		require.Equal(t, 5-block, r.stored(t, p), "block %d", block)
	}
}

func TestPruneProgressSurvivesGenesisExport(t *testing.T) {
	r := newRecon(t, 1)
	const budget = 4
	meters := r.addMeters(t, "R-GE", 10)
	r.setParams(t, func(p *types.Params) { p.MaxReconcilePerBlock = budget })
	p := r.now()
	r.advanceTo(t, p+1)
	r.readAll(t, meters, p, 100)
	r.reconcile(t, p)
	r.advanceTo(t, p+3)
	r.c.NextBlock(5 * time.Second)
	r.setParams(t, func(p *types.Params) { p.DisputeWindowPeriods = 1 })
	r.c.NextBlock(5 * time.Second)
	// Reimport commits one more block: 8 of the 10 readings pruned, stopped inside p.
	again := r.c.Reimport()
	exported, err := r.c.App.DeliveryKeeper.ExportGenesis(r.c.Ctx())
	require.NoError(t, err)
	require.NotNil(t, exported.PruneProgress)
	require.Equal(t, types.PruneProgress{NextPeriod: p, PeriodReadings: 2 * budget, PrunedReadings: 2 * budget, LastHeight: r.c.Height}, *exported.PruneProgress)
	require.Len(t, exported.Readings, 2)
	require.NoError(t, exported.Validate())
	reexported, err := again.App.DeliveryKeeper.ExportGenesis(again.Ctx())
	require.NoError(t, err)
	require.Equal(t, exported.PruneProgress, reexported.PruneProgress)
	require.Equal(t, exported.Readings, reexported.Readings)

	// The re-imported chain, back at the old chain's time, finishes p where it stopped.
	again.Time = r.c.Time
	again.NextBlock(5 * time.Second)
	pp, err := again.App.DeliveryKeeper.PruneProgress.Get(again.Ctx())
	require.NoError(t, err)
	require.Equal(t, p+1, pp.NextPeriod)
	require.EqualValues(t, 10, pp.PrunedReadings)
}
