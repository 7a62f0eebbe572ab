package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	deliverykeeper "github.com/gridledger/gridledger/chain/x/delivery/keeper"
	dt "github.com/gridledger/gridledger/chain/x/delivery/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// record is one stored record of a period: its collection and key, its value, and the
// period it belongs to (a security-fee interval's and its usages': the interval's last).
type record struct {
	value  string
	period uint64
}

// records reads every record retention prunes, settlement's and x/delivery's.
func (g *grid) records(t *testing.T) map[string]record {
	t.Helper()
	ctx, k, d := g.c.Ctx(), g.c.App.SettlementKeeper, g.c.App.DeliveryKeeper
	out := map[string]record{}
	add := func(key string, value fmt.Stringer, period uint64) { out[key] = record{value.String(), period} }
	require.NoError(t, k.Lines.Walk(ctx, nil, func(key collections.Quad[sdk.AccAddress, uint64, int32, string], v types.StatementLine) (bool, error) {
		add(fmt.Sprint("line ", key.K1(), key.K2(), key.K3(), key.K4()), &v, key.K2())
		return false, nil
	}))
	require.NoError(t, k.Nets.Walk(ctx, nil, func(key collections.Triple[uint64, sdk.AccAddress, string], v types.NetPosition) (bool, error) {
		add(fmt.Sprint("net ", key.K1(), key.K2(), key.K3()), &v, key.K1())
		return false, nil
	}))
	require.NoError(t, k.NetsByOwner.Walk(ctx, nil, func(key collections.Triple[sdk.AccAddress, uint64, string]) (bool, error) {
		out[fmt.Sprint("net index ", key.K1(), key.K2(), key.K3())] = record{"", key.K2()}
		return false, nil
	}))
	require.NoError(t, k.Runs.Walk(ctx, nil, func(key uint64, v types.SettlementRun) (bool, error) {
		add(fmt.Sprint("run ", key), &v, key)
		return false, nil
	}))
	require.NoError(t, k.TransmissionCosts.Walk(ctx, nil, func(key uint64, v types.TransmissionCost) (bool, error) {
		add(fmt.Sprint("cost ", key), &v, key)
		return false, nil
	}))
	last := map[uint64]uint64{}
	require.NoError(t, k.SecurityIntervals.Walk(ctx, nil, func(key uint64, v types.SecurityInterval) (bool, error) {
		add(fmt.Sprint("interval ", key), &v, v.LastPeriod)
		last[key] = v.LastPeriod
		return false, nil
	}))
	require.NoError(t, k.Usages.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], v types.Usage) (bool, error) {
		l, ok := last[key.K1()]
		require.True(t, ok, "usage of interval %d without its interval", key.K1())
		add(fmt.Sprint("usage ", key.K1(), key.K2()), &v, l)
		return false, nil
	}))
	require.NoError(t, d.Consumptions.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], v dt.Consumption) (bool, error) {
		add(fmt.Sprint("consumption ", key.K1(), key.K2()), &v, key.K1())
		return false, nil
	}))
	require.NoError(t, d.ConsumptionTotals.Walk(ctx, nil, func(key uint64, v uint64) (bool, error) {
		out[fmt.Sprint("consumption total ", key)] = record{fmt.Sprint(v), key}
		return false, nil
	}))
	return out
}

// TestPruneOldPeriods settles six periods with every kind of record (energy and imbalance
// charges, transmission costs, a security fee over intervals of two periods), then lowers
// keep_periods so that the first three periods fall out of the window: their records
// disappear over several blocks, at most max_prune_per_block a block, every record of the
// later periods stays as it was, the invariants hold after every block, and queries of
// the pruned periods say they are pruned.
func TestPruneOldPeriods(t *testing.T) {
	g := newGrid(t)
	ctx := g.c.Ctx()
	g.c.Fund(ctx, g.bank, sChf, g.operator, sdkmath.NewInt(funds), sdkmath.NewInt(funds))
	p0 := g.now() + 3
	_, err := deliverykeeper.NewMsgServerImpl(g.c.App.DeliveryKeeper).PublishReferencePrice(ctx, &dt.MsgPublishReferencePrice{
		Operator: g.operator.String(), FromPeriod: p0, PricePerMwh: 60_000_000, Denom: sChf,
	})
	require.NoError(t, err)
	_, err = g.msgs.SetSecurityFeeRule(ctx, &types.MsgSetSecurityFeeRule{Operator: g.operator.String(), Rule: types.SecurityFeeRule{
		Method: types.SecurityFeeMethod_SECURITY_FEE_METHOD_FIXED, IntervalPeriods: 2, Amount: sdkmath.NewInt(500), Denom: sChf, FromPeriod: p0}})
	require.NoError(t, err)
	const periods = 6
	for p := p0; p < p0+periods; p++ {
		t1 := g.issue(t, p, mwh, 80_000_000, 0)
		g.sell(t, g.producer, g.consumer, t1, et.Side_SIDE_CONSUMER, 1_000_000, sLoad)
		t2 := g.issue(t, p, mwh/2, 75_000_000, 0)
		g.sell(t, g.producer, g.retailer, t2, et.Side_SIDE_CONSUMER, 1_000_000, sAgg)
	}
	for p := p0; p < p0+periods; p++ {
		g.advanceTo(t, p+1)
		solarWh := uint64(3 * mwh / 2)
		if p%2 == 0 {
			solarWh = 2 * mwh // an unsold surplus: an imbalance token
		}
		g.read(t, sSolar, p, solarWh)
		g.read(t, sLoad, p, mwh+mwh/10)
		g.read(t, sAgg, p, mwh/2)
		_, err := g.msgs.DeclareTransmissionCost(g.c.Ctx(), &types.MsgDeclareTransmissionCost{
			Operator: g.operator.String(), Period: p, Amount: sdkmath.NewInt(1_000), Denom: sChf, Description: "losses"})
		require.NoError(t, err)
	}
	g.settle(t, p0+periods-1)
	g.invariants(t)
	debts, err := g.c.App.SettlementKeeper.ExportGenesis(g.c.Ctx())
	require.NoError(t, err)

	before := g.records(t)
	perPeriod := map[uint64]int{}
	for _, r := range before {
		perPeriod[r.period]++
	}
	for p := p0; p < p0+periods; p++ {
		require.Greater(t, perPeriod[p], 5, "period %d has records of several kinds", p)
	}
	prog, err := g.q.Progress(g.c.Ctx(), &types.QueryProgressRequest{})
	require.NoError(t, err)
	require.Less(t, prog.PrunedBefore, p0-dayPeriods, "35 days are kept by default")
	require.Zero(t, prog.Prune.Records, "nothing pruned yet")

	// Keep the periods from p0+3 on.
	const budget = 10
	bound := p0 + 3
	params, err := g.c.App.SettlementKeeper.Params.Get(g.c.Ctx())
	require.NoError(t, err)
	params.KeepPeriods, params.MaxPrunePerBlock = g.now()-bound, budget
	require.NoError(t, g.c.App.SettlementKeeper.Params.Set(g.c.Ctx(), params))
	want := 0
	for _, r := range before {
		if r.period < bound {
			want++
		}
	}
	blocks, deleted := 0, uint64(0)
	for {
		n0 := len(g.records(t))
		events := g.c.NextBlockEvents(time.Second)
		blocks++
		g.invariants(t)
		pp, err := g.c.App.SettlementKeeper.PruneProgress.Get(g.c.Ctx())
		require.NoError(t, err)
		require.Equal(t, bound, pp.PrunedBefore)
		n := uint64(n0 - len(g.records(t)))
		require.LessOrEqual(t, n, uint64(budget), "block %d pruned more than its budget", blocks)
		deleted += n
		require.Equal(t, deleted, pp.Records, "the progress counts every deleted record")
		if pp.Stage == types.PruneStage_PRUNE_STAGE_UNSPECIFIED {
			found := false
			for _, e := range events {
				if e.Type == "gridledger.settlement.v1.EventRecordsPruned" {
					found = true
				}
			}
			require.True(t, found, "the end of the pass is announced")
			break
		}
		require.Less(t, blocks, 100)
	}
	require.EqualValues(t, want, deleted)
	require.GreaterOrEqual(t, blocks, want/budget, "pruning took several blocks")
	require.Greater(t, blocks, 2)

	after := g.records(t)
	for key, r := range before {
		if r.period < bound {
			require.NotContains(t, after, key, "a record of a pruned period is left")
		} else {
			require.Equal(t, r, after[key], "a record of a kept period changed: %s", key)
		}
	}
	require.Len(t, after, len(before)-want)
	kept, err := g.c.App.SettlementKeeper.ExportGenesis(g.c.Ctx())
	require.NoError(t, err)
	require.Equal(t, debts.Debts, kept.Debts)
	require.Equal(t, debts.Claims, kept.Claims)
	require.Equal(t, debts.Defaults, kept.Defaults)

	// Queries of the pruned periods say so; the kept ones answer.
	_, err = g.q.Run(g.c.Ctx(), &types.QueryRunRequest{Period: p0})
	require.ErrorIs(t, err, types.ErrPeriodPruned)
	require.ErrorContains(t, err, fmt.Sprintf("periods before %d are pruned", bound))
	_, err = g.q.TransmissionCost(g.c.Ctx(), &types.QueryTransmissionCostRequest{Period: p0 + 1})
	require.ErrorIs(t, err, types.ErrPeriodPruned)
	_, err = g.q.SecurityInterval(g.c.Ctx(), &types.QuerySecurityIntervalRequest{Interval: p0})
	require.ErrorIs(t, err, types.ErrPeriodPruned)
	_, err = g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: g.consumer.String(), FromPeriod: p0, ToPeriod: p0 + 5})
	require.ErrorIs(t, err, types.ErrPeriodPruned)
	res, err := g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: g.consumer.String(), FromPeriod: bound, ToPeriod: p0 + 5})
	require.NoError(t, err)
	require.Len(t, res.Nets, 3)
	_, err = g.q.ParticipantStatement(g.c.Ctx(), &types.QueryParticipantStatementRequest{Participant: g.consumer.String(), FromPeriod: p0, ToPeriod: p0 + 5})
	require.ErrorIs(t, err, types.ErrPeriodPruned, "a combined statement is whole or refused")
	combined, err := g.q.ParticipantStatement(g.c.Ctx(), &types.QueryParticipantStatementRequest{Participant: g.consumer.String(), FromPeriod: bound, ToPeriod: p0 + 5})
	require.NoError(t, err)
	require.NotEmpty(t, combined.Periods)
	_, err = g.q.Run(g.c.Ctx(), &types.QueryRunRequest{Period: bound})
	require.NoError(t, err)
	si, err := g.q.SecurityInterval(g.c.Ctx(), &types.QuerySecurityIntervalRequest{Interval: p0 + 2})
	require.NoError(t, err, "an interval ending in the window is kept whole")
	require.NotEmpty(t, si.Usages)
	_, err = g.q.Run(g.c.Ctx(), &types.QueryRunRequest{Period: p0 + 100})
	require.ErrorIs(t, err, types.ErrNotFound, "a period not settled yet is not pruned")
	prog, err = g.q.Progress(g.c.Ctx(), &types.QueryProgressRequest{})
	require.NoError(t, err)
	require.Equal(t, bound, prog.PrunedBefore)
	require.Equal(t, deleted, prog.Prune.Records)

	// The pruning progress survives an export.
	require.Equal(t, bound, kept.PruneProgress.PrunedBefore)
	require.NoError(t, kept.Validate())
}

// TestPruneNeverTouchesARunningPeriod: with keep_periods 1 and a run paged over many
// blocks, pruning stops at the period being settled: its run and net positions stay until
// the run is done, and go in a later pass.
func TestPruneNeverTouchesARunningPeriod(t *testing.T) {
	g := newGrid(t)
	ctx := g.c.Ctx()
	params := types.DefaultParams()
	params.MaxSettlePerBlock = 1
	require.NoError(t, g.c.App.SettlementKeeper.Params.Set(ctx, params))
	p0 := g.now() + 3
	for p := p0; p < p0+2; p++ {
		for _, who := range []sdk.AccAddress{g.consumer, g.retailer} {
			meter := sLoad
			if who.Equals(g.retailer) {
				meter = sAgg
			}
			id := g.issue(t, p, mwh/2, 80_000_000, 0)
			g.sell(t, g.producer, who, id, et.Side_SIDE_CONSUMER, 1_000_000, meter)
		}
	}
	for p := p0; p < p0+2; p++ {
		g.advanceTo(t, p+1)
		g.read(t, sSolar, p, mwh)
		g.read(t, sLoad, p, mwh/2)
		g.read(t, sAgg, p, mwh/2)
	}
	k := g.c.App.SettlementKeeper
	running := func() bool {
		run, err := k.Runs.Get(g.c.Ctx(), p0+1)
		return err == nil && !run.Done && run.Stage == types.RunStage_RUN_STAGE_COLLECT
	}
	for i := 0; !running(); i++ {
		require.Less(t, i, 200, "period %d's run never reached its collect stage", p0+1)
		g.c.NextBlock(time.Duration(60) * time.Second)
	}
	params.KeepPeriods = 1
	require.NoError(t, k.Params.Set(g.c.Ctx(), params))
	for running() {
		g.c.NextBlock(time.Second)
		g.invariants(t)
		pp, err := k.PruneProgress.Get(g.c.Ctx())
		require.NoError(t, err)
		next, err := k.NextPeriod.Get(g.c.Ctx())
		require.NoError(t, err)
		require.LessOrEqual(t, pp.PrunedBefore, next, "only settled periods are pruned")
		if !running() {
			break
		}
		require.Equal(t, p0+1, next)
		has, err := k.Runs.Has(g.c.Ctx(), p0+1)
		require.NoError(t, err)
		require.True(t, has, "the running run is kept")
		res, err := g.q.Statement(g.c.Ctx(), &types.QueryStatementRequest{Owner: g.consumer.String(), FromPeriod: p0 + 1, ToPeriod: p0 + 1})
		require.NoError(t, err)
		require.Len(t, res.Nets, 1, "the running period's net positions are kept")
		_, err = g.q.Run(g.c.Ctx(), &types.QueryRunRequest{Period: p0})
		require.ErrorIs(t, err, types.ErrPeriodPruned, "the period before it, settled, is pruned")
	}
	for i := 0; ; i++ {
		require.Less(t, i, 50)
		g.c.NextBlock(time.Second)
		g.invariants(t)
		if has, err := k.Runs.Has(g.c.Ctx(), p0+1); err == nil && !has {
			break
		}
	}
	_, err := g.q.Run(g.c.Ctx(), &types.QueryRunRequest{Period: p0 + 1})
	require.ErrorIs(t, err, types.ErrPeriodPruned, "once done, it is pruned in turn")
}

// TestRetentionParams: zero means the defaults (35 days, 300 records a block); the pruning
// budget is bounded.
func TestRetentionParams(t *testing.T) {
	var p types.Params
	require.EqualValues(t, 35*96, p.Keep())
	require.Equal(t, 300, p.PruneBudget())
	require.Equal(t, types.DefaultParams().Keep(), p.Keep())
	p.KeepPeriods, p.MaxPrunePerBlock = 96, 50
	require.EqualValues(t, 96, p.Keep())
	require.Equal(t, 50, p.PruneBudget())
	require.NoError(t, p.Validate())
	p.MaxPrunePerBlock = types.MaxPrunePerBlock + 1
	require.ErrorIs(t, p.Validate(), types.ErrInvalidParams)
	require.ErrorContains(t, p.Validate(), "max_prune_per_block is 10001; at most 10000")
}
