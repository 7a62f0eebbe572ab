package keeper_test

import (
	"math"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
)

// unlimit lifts who's position limit, as an operator may for a large player.
func (r *recon) unlimit(t testing.TB, who sdk.AccAddress, roles ...bt.Role) {
	t.Helper()
	_, err := balancingkeeper.NewMsgServerImpl(r.c.App.BalancingKeeper).UpdateParticipant(r.c.Ctx(), &bt.MsgUpdateParticipant{
		Operator: r.operator.String(), Address: who.String(), DisplayName: "unlimited", Roles: roles, PositionLimitWh: math.MaxUint64})
	require.NoError(t, err)
}

// TestReconcileSettlesDeviationsBeyondOneTokensVolume: a meter scheduled with several
// large tokens can deviate by more than one token may carry (MaxWhPerPeriod). The
// deviation is settled in full, in as many imbalance tokens as it takes, so the meter
// still nets to its measurement (invariant 3).
func TestReconcileSettlesDeviationsBeyondOneTokensVolume(t *testing.T) {
	r := newRecon(t, 1)
	r.unlimit(t, r.producer, bt.Role_ROLE_PRODUCER)
	r.unlimit(t, r.consumer, bt.Role_ROLE_CONSUMER)
	p := r.now() + 3
	const big = 900_000_000_000 // 0.9 TWh in one period
	for range 2 {
		id := r.issue(t, r.producer, rSolar, rSolar, rSolarCat, p, p, big)
		r.sell(t, r.producer, r.consumer, id, et.Side_SIDE_CONSUMER, 0, rLoad)
	}
	r.advanceTo(t, p+1)
	r.read(t, rSolar, p, 100)
	r.read(t, rLoad, p, 0)
	rec := r.reconcile(t, p) // checks invariant 3

	under, underC := et.ImbalanceCase_IMBALANCE_CASE_UNDER_PRODUCTION, et.ImbalanceCase_IMBALANCE_CASE_UNDER_CONSUMPTION
	require.Equal(t, []line{
		{rSolar, rSolarCat, under, et.MaxWhPerPeriod, 0, 0},
		{rSolar, rSolarCat, under, 2*big - 100 - et.MaxWhPerPeriod, 0, 0},
	}, linesOf(r.statement(t, r.producer, p)))
	require.Equal(t, []line{
		{rLoad, rSolarCat, underC, et.MaxWhPerPeriod, 0, 0},
		{rLoad, rSolarCat, underC, 2*big - et.MaxWhPerPeriod, 0, 0},
	}, linesOf(r.statement(t, r.consumer, p)))
	require.EqualValues(t, 4, rec.Tokens)
	require.Len(t, rec.Categories, 1)
	require.EqualValues(t, 2*big-100, rec.Categories[0].DeficitWh)
	require.EqualValues(t, 2*big, rec.Categories[0].SurplusWh)
}

// TestReconcileSkipsTheOperatorsMetersWithinTheBlock: the balancing authority may be
// admitted and own registered meters (a grid-loss metering point, say). Reconciliation
// skips their records in every stage without giving up the rest of the block: a small
// period reconciles in the block that closes its reading window, with single pricing (and
// its netting stage) as with dual.
func TestReconcileSkipsTheOperatorsMetersWithinTheBlock(t *testing.T) {
	for _, pricing := range []types.ImbalancePricing{types.ImbalancePricing_IMBALANCE_PRICING_DUAL, types.ImbalancePricing_IMBALANCE_PRICING_SINGLE} {
		t.Run(pricing.String(), func(t *testing.T) {
			r := newRecon(t, 2)
			r.setParams(t, func(p *types.Params) { p.ImbalancePricing = pricing })
			r.c.Admit(r.c.Ctx(), r.operator, r.operator, apptest.Admission{LegalID: "12X-GRIDOPERATOR", Roles: []bt.Role{bt.Role_ROLE_CONSUMER}})
			r.registerMeter(t, "R-LOSSES-1", r.operator, bt.MeterKind_METER_KIND_CONSUMPTION, 0, bt.MeteringPointKind_METERING_POINT_KIND_COMPANY)
			p := fourCases(t, r)
			r.read(t, "R-LOSSES-1", p, 250)
			r.advanceTo(t, p+r.window+1)
			res, err := r.q.Reconciliation(r.c.Ctx(), &types.QueryReconciliationRequest{Period: p})
			require.NoError(t, err)
			require.Equal(t, types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILED, res.Phase,
				"a period of a few items reconciles in the block that closes its window")
			rec := r.reconcile(t, p)
			require.EqualValues(t, 5, rec.Tokens)
			require.EqualValues(t, 5, rec.Meters, "the operator's meter is not reconciled")
			require.Empty(t, r.statement(t, r.operator, p))
		})
	}
}
