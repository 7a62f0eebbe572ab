package keeper_test

import (
	"math"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
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
