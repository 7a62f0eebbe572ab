package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// registerAuditedMeter registers a solar production meter with an audited CO2 intensity.
func (m *market) registerAuditedMeter(t *testing.T, ctx sdk.Context, id string, gramsPerMWh uint32) {
	t.Helper()
	_, err := balancingkeeper.NewMsgServerImpl(m.c.App.BalancingKeeper).RegisterMeter(ctx, &balancingtypes.MsgRegisterMeter{
		PointKind: balancingtypes.MeteringPointKind_METERING_POINT_KIND_COMPANY,
		Operator:  m.operator.String(), Id: id, Owner: m.producer.String(),
		Kind: balancingtypes.MeterKind_METER_KIND_PRODUCTION, Category: balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR,
		Location:     balancingtypes.Location{Area: "CH-ZH"},
		KeyAlgorithm: balancingtypes.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: make([]byte, 32),
		Co2GramsPerMwh: gramsPerMWh,
	})
	require.NoError(t, err)
}

func TestIssueInfersCO2FromAnAuditedMeter(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	m.registerAuditedMeter(t, ctx, "CH-P-SOLAR-AUDITED", 41_000) // 41 g/kWh, life-cycle PV

	// 4 periods x 2500 Wh = 10 kWh -> 410 g; the issuer states nothing.
	id := m.issue(t, ctx, func(msg *types.MsgIssueToken) {
		msg.ProducerMeterId, msg.Co2Grams = "CH-P-SOLAR-AUDITED", 0
		msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = m.now+20, m.now+23, 2500
	})
	require.Equal(t, uint64(410), m.token(t, ctx, id).Co2Grams)

	// Restating the same value is fine; claiming less than the audit says is refused.
	m.issue(t, ctx, func(msg *types.MsgIssueToken) {
		msg.ProducerMeterId, msg.Co2Grams = "CH-P-SOLAR-AUDITED", 410
		msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = m.now+20, m.now+23, 2500
	})
	m.refused(t, ctx, types.ErrInvalidCO2, func(ctx sdk.Context) error {
		msg := m.issueMsg()
		msg.ProducerMeterId, msg.Co2Grams = "CH-P-SOLAR-AUDITED", 1
		msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod = m.now+20, m.now+23, 2500
		_, err := m.msgs.IssueToken(ctx, msg)
		return err
	})
}

func TestCO2IntensityOnlyOnProductionMeters(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	_, err := balancingkeeper.NewMsgServerImpl(m.c.App.BalancingKeeper).RegisterMeter(ctx, &balancingtypes.MsgRegisterMeter{
		PointKind: balancingtypes.MeteringPointKind_METERING_POINT_KIND_COMPANY,
		Operator:  m.operator.String(), Id: "CH-C-LOAD-CO2", Owner: m.consumer.String(),
		Kind:         balancingtypes.MeterKind_METER_KIND_CONSUMPTION,
		Location:     balancingtypes.Location{Area: "CH-ZH"},
		KeyAlgorithm: balancingtypes.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: make([]byte, 32),
		Co2GramsPerMwh: 100,
	})
	require.ErrorIs(t, err, balancingtypes.ErrInvalidCategory)
}
