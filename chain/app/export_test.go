package app_test

import (
	"encoding/json"
	"testing"
	"time"

	"cosmossdk.io/log"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// TestExportImportRoundTrip exports a chain with a registry and starts a new chain from
// the export: the registry, indexes included, must come back identical.
func TestExportImportRoundTrip(t *testing.T) {
	staker, operator, trader, producer := apptest.NewAccount(), apptest.NewAccount(), apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, operator, staker, operator)
	msgs := balancingkeeper.NewMsgServerImpl(c.App.BalancingKeeper)
	_, err := msgs.AdmitParticipant(c.Ctx(), &balancingtypes.MsgAdmitParticipant{
		Operator: operator.String(), Address: trader.String(), LegalId: "12X-TRADER-0001", DisplayName: "Trader AG",
		Roles:            []balancingtypes.Role{balancingtypes.Role_ROLE_TRADER},
		TradedCategories: []balancingtypes.EnergyCategory{balancingtypes.EnergyCategory_ENERGY_CATEGORY_HYDRO},
		PositionLimitWh:  5_000_000,
	})
	require.NoError(t, err)
	_, err = msgs.AdmitParticipant(c.Ctx(), &balancingtypes.MsgAdmitParticipant{
		Operator: operator.String(), Address: producer.String(), LegalId: "12X-PRODUCER-01", DisplayName: "Solar Coop",
		Roles: []balancingtypes.Role{balancingtypes.Role_ROLE_PRODUCER},
	})
	require.NoError(t, err)
	_, err = msgs.RegisterMeter(c.Ctx(), &balancingtypes.MsgRegisterMeter{
		PointKind: balancingtypes.MeteringPointKind_METERING_POINT_KIND_COMPANY,
		Operator:  operator.String(), Id: "CH-MP-0001", Owner: producer.String(),
		Kind: balancingtypes.MeterKind_METER_KIND_PRODUCTION, Category: balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR,
		Location:     balancingtypes.Location{GridNode: "ZH-7", Area: "CH-ZH"},
		KeyAlgorithm: balancingtypes.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: make([]byte, 32),
	})
	require.NoError(t, err)
	c.NextBlock(time.Second)

	exported, err := c.App.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	var genesis map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &genesis))

	fresh := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()),
		baseapp.SetChainID(apptest.ChainID))
	c2 := apptest.InitChain(t, fresh, genesis)

	before, err := c.App.BalancingKeeper.ExportGenesis(c.Ctx())
	require.NoError(t, err)
	after, err := c2.App.BalancingKeeper.ExportGenesis(c2.Ctx())
	require.NoError(t, err)
	require.Equal(t, before, after)
	require.Len(t, after.Participants, 2)
	require.Len(t, after.Meters, 2, "one physical meter and the trader's hydro virtual meter")

	// Indexes were rebuilt: a query by role walks the role index of the new chain.
	q := balancingkeeper.NewQueryServerImpl(c2.App.BalancingKeeper)
	res, err := q.Participants(c2.Ctx(), &balancingtypes.QueryParticipantsRequest{Role: balancingtypes.Role_ROLE_TRADER})
	require.NoError(t, err)
	require.Len(t, res.Participants, 1)
	require.Equal(t, trader.String(), res.Participants[0].Address)
	meters, err := q.Meters(c2.Ctx(), &balancingtypes.QueryMetersRequest{Area: "CH-ZH"})
	require.NoError(t, err)
	require.Len(t, meters.Meters, 1)
}
