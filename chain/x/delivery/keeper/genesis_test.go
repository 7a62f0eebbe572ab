package keeper_test

import (
	"encoding/json"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

func TestGenesisRoundTrip(t *testing.T) {
	g := newGrid(t)
	p := g.current() - 1
	_, err := g.submit(t, g.c.Ctx(), g.hub,
		g.reading(t, solarED, p, 10), g.reading(t, loadSecp, p, 20), g.reading(t, aggPoint, p-1, 30), g.reading(t, household, p-2, 40))
	require.NoError(t, err)
	exported, err := g.c.App.DeliveryKeeper.ExportGenesis(g.c.Ctx())
	require.NoError(t, err)
	require.NoError(t, exported.Validate())
	require.Len(t, exported.Readings, 4)
	require.Len(t, exported.PeriodTotals, 3)

	again := g.c.Reimport()
	reexported, err := again.App.DeliveryKeeper.ExportGenesis(again.Ctx())
	require.NoError(t, err)
	require.Equal(t, exported, reexported)
	// The re-imported chain still refuses the replays.
	_, err = again.App.DeliveryKeeper.Readings.Get(again.Ctx(), readingKeyOf(p, solarED))
	require.NoError(t, err)
	bz, err := json.Marshal(reexported)
	require.NoError(t, err)
	require.Contains(t, string(bz), solarED)
}

func TestGenesisValidate(t *testing.T) {
	sig := make([]byte, 64)
	owner := apptest.NewAccount().String()
	valid := func() types.GenesisState {
		return types.GenesisState{
			Params: types.DefaultParams(),
			Readings: []types.Reading{
				{MeterId: "CH-1", Period: 5, Wh: 10, Signature: sig, Kind: bt.MeterKind_METER_KIND_PRODUCTION},
				{MeterId: "CH-2", Period: 5, Wh: 7, Signature: sig, Kind: bt.MeterKind_METER_KIND_CONSUMPTION},
			},
			PeriodTotals: []types.PeriodTotals{
				{Period: 5, Readings: 2, ProductionReadings: 1, ProductionWh: 10, ConsumptionReadings: 1, ConsumptionWh: 7},
				// Period 4 was pruned: totals without readings.
				{Period: 4, Readings: 3, ProductionReadings: 3, ProductionWh: 99},
			},
			ReferencePrices: []types.ReferencePrice{{Category: bt.EnergyCategory_ENERGY_CATEGORY_WIND, FromPeriod: 3, PricePerMwh: -5, Denom: "uchf"}},
			Progress:        &types.ReconciliationProgress{NextPeriod: 4, Stage: types.ReconciliationStage_RECONCILIATION_STAGE_SETTLE},
			MeterBalances:   []types.MeterBalance{{MeterId: "CH-1", Scheduled: []types.CategoryWh{{Category: bt.EnergyCategory_ENERGY_CATEGORY_WIND, Wh: -3}}}},
			Reconciliations: []types.PeriodReconciliation{{Period: 3, Tokens: 1, ReconciledHeight: 9}},
			Statements: []types.ImbalanceEntry{{Owner: owner, Period: 3, MeterId: "CH-1", Category: bt.EnergyCategory_ENERGY_CATEGORY_WIND,
				Wh: 3, TokenId: 7, Receivable: sdkmath.NewInt(-1)}},
			Consumptions: []types.Consumption{{Owner: owner, Period: 3, ConsumedWh: 5, ProducedWh: 2}},
		}
	}
	cases := []struct {
		name string
		edit func(gs *types.GenesisState)
		want error
	}{
		{"default", func(gs *types.GenesisState) { *gs = *types.DefaultGenesis() }, nil},
		{"readings with totals, and a pruned period", func(*types.GenesisState) {}, nil},
		{"zero reading window", func(gs *types.GenesisState) { gs.Params.ReadingWindowPeriods = 0 }, types.ErrInvalidParams},
		{"batch limit above the gas-proven limit", func(gs *types.GenesisState) { gs.Params.MaxReadingsPerTx = types.MaxReadingsPerTxLimit + 1 }, types.ErrInvalidParams},
		{"free signature checks", func(gs *types.GenesisState) { gs.Params.VerifyGasEd25519 = 0 }, types.ErrInvalidParams},
		{"two readings of one meter and period", func(gs *types.GenesisState) { gs.Readings[1].MeterId = "CH-1" }, types.ErrInvalidGenesis},
		{"reading with a short signature", func(gs *types.GenesisState) { gs.Readings[0].Signature = sig[:10] }, types.ErrInvalidGenesis},
		{"reading with a 31-byte commitment", func(gs *types.GenesisState) { gs.Readings[0].Commitment = sig[:31] }, types.ErrInvalidGenesis},
		{"reading of a virtual meter kind", func(gs *types.GenesisState) { gs.Readings[0].Kind = bt.MeterKind_METER_KIND_VIRTUAL }, types.ErrInvalidGenesis},
		{"readings without totals", func(gs *types.GenesisState) { gs.PeriodTotals = gs.PeriodTotals[1:] }, types.ErrInvalidGenesis},
		{"totals counting fewer readings than stored", func(gs *types.GenesisState) {
			gs.PeriodTotals[0].ProductionWh = 9
		}, types.ErrInvalidGenesis},
		{"totals whose counts do not add up", func(gs *types.GenesisState) { gs.PeriodTotals[1].Readings = 4 }, types.ErrInvalidGenesis},
		{"two totals for one period", func(gs *types.GenesisState) { gs.PeriodTotals[1].Period = 5 }, types.ErrInvalidGenesis},
		{"reference price without a denom", func(gs *types.GenesisState) { gs.ReferencePrices[0].Denom = "" }, types.ErrInvalidGenesis},
		{"two reference prices for one key", func(gs *types.GenesisState) { gs.ReferencePrices = append(gs.ReferencePrices, gs.ReferencePrices[0]) }, types.ErrInvalidGenesis},
		{"reference price of an unknown category", func(gs *types.GenesisState) { gs.ReferencePrices[0].Category = 42 }, types.ErrInvalidGenesis},
		{"progress at no stage", func(gs *types.GenesisState) { gs.Progress.Stage = 0 }, types.ErrInvalidGenesis},
		{"meter balances without progress", func(gs *types.GenesisState) { gs.Progress = nil }, types.ErrInvalidGenesis},
		{"a meter balance twice", func(gs *types.GenesisState) { gs.MeterBalances = append(gs.MeterBalances, gs.MeterBalances[0]) }, types.ErrInvalidGenesis},
		{"two records of one period", func(gs *types.GenesisState) { gs.Reconciliations = append(gs.Reconciliations, gs.Reconciliations[0]) }, types.ErrInvalidGenesis},
		{"a statement of no address", func(gs *types.GenesisState) { gs.Statements[0].Owner = "grid1nope" }, types.ErrInvalidGenesis},
		{"a statement line twice", func(gs *types.GenesisState) { gs.Statements = append(gs.Statements, gs.Statements[0]) }, types.ErrInvalidGenesis},
		{"a consumption of no address", func(gs *types.GenesisState) { gs.Consumptions[0].Owner = "grid1nope" }, types.ErrInvalidGenesis},
		{"a consumption twice", func(gs *types.GenesisState) { gs.Consumptions = append(gs.Consumptions, gs.Consumptions[0]) }, types.ErrInvalidGenesis},
		{"a statement line of no energy", func(gs *types.GenesisState) { gs.Statements[0].Wh = 0 }, types.ErrInvalidGenesis},
		{"pruning stopped inside a period with readings", func(gs *types.GenesisState) {
			gs.PruneProgress = &types.PruneProgress{NextPeriod: 5, PeriodReadings: 1, PrunedReadings: 4}
		}, nil},
		{"a reading in a pruned period", func(gs *types.GenesisState) { gs.PruneProgress = &types.PruneProgress{NextPeriod: 6} }, types.ErrInvalidGenesis},
		{"a dispute window beyond a year", func(gs *types.GenesisState) { gs.Params.DisputeWindowPeriods = types.MaxDisputeWindowPeriods + 1 }, types.ErrInvalidParams},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := valid()
			tc.edit(&gs)
			err := gs.Validate()
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}
