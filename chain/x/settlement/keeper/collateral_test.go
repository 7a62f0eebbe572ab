package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	et "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// stores are the module stores a refused message must leave untouched.
var stores = []string{"energy", "fiat", "settlement", "balancing"}

// require has the operator set who's collateral requirement.
func (d *dflt) require(t *testing.T, who sdk.AccAddress, fixed int64, bps uint32) {
	t.Helper()
	_, err := d.msgs.SetCollateralRequirement(d.c.Ctx(), &types.MsgSetCollateralRequirement{Operator: d.operator.String(),
		Requirement: types.CollateralRequirement{Owner: who.String(), Denom: dChf, Fixed: sdkmath.NewInt(fixed), OpenPositionBps: bps}})
	require.NoError(t, err)
}

// offer has the producer issue a token a few periods ahead and offer its consumer side.
func (d *dflt) offer(t *testing.T) uint64 {
	t.Helper()
	res, err := d.energy.IssueToken(d.c.Ctx(), d.issueMsg(d.firstOpen(4), d.firstOpen(4), 0, 0))
	require.NoError(t, err)
	_, err = d.energy.SetAsk(d.c.Ctx(), &et.MsgSetAsk{Owner: d.producer.String(), TokenId: res.TokenId, Side: et.Side_SIDE_CONSUMER,
		Ask: et.Ask{ForSale: true, PricePerMwh: 1, Denom: dChf}})
	require.NoError(t, err)
	return res.TokenId
}

// buy has who buy the consumer side of id at its load.
func (d *dflt) buy(who sdk.AccAddress, meter string, id uint64) error {
	_, err := d.energy.BuySide(d.c.Ctx(), &et.MsgBuySide{Buyer: who.String(), TokenId: id, Side: et.Side_SIDE_CONSUMER,
		MaxPricePerMwh: 1, Denom: dChf, MeterId: meter})
	return err
}

// A participant with a collateral requirement buys a consumer side only while its locked
// collateral covers fixed + bps × (its open consumer face value + the side's): refused
// with the amounts and no state change below it, accepted at it; the query's required
// follows the open position.
func TestCollateralRequiredToBuy(t *testing.T) {
	d := newDflt(t)
	d.require(t, d.payer, 10_000_000, 1_000) // 10 francs + 10 % of the open face value
	q, err := d.q.CollateralRequirement(d.c.Ctx(), &types.QueryCollateralRequirementRequest{Owner: d.payer.String()})
	require.NoError(t, err)
	require.Equal(t, sdkmath.NewInt(10_000_000), q.Required)
	require.True(t, q.OpenFaceValue.IsZero())

	first := d.offer(t)
	before := d.c.StoreDump(t, d.c.Ctx(), stores...)
	err = d.buy(d.payer, pLoad, first)
	require.ErrorIs(t, err, types.ErrCollateralRequired)
	require.Contains(t, err.Error(), "has 0uchf.dflt locked as collateral but needs 18000000uchf.dflt")
	require.Equal(t, before, d.c.StoreDump(t, d.c.Ctx(), stores...), "a refused purchase changes nothing")

	d.lock(t, d.payer, 18_000_000)
	require.NoError(t, d.buy(d.payer, pLoad, first))
	q, err = d.q.CollateralRequirement(d.c.Ctx(), &types.QueryCollateralRequirementRequest{Owner: d.payer.String()})
	require.NoError(t, err)
	require.Equal(t, sdkmath.NewInt(faceValue), q.OpenFaceValue)
	require.Equal(t, sdkmath.NewInt(18_000_000), q.Required)
	require.Equal(t, sdkmath.NewInt(18_000_000), q.Locked)

	// A second side needs 10 + 10 % × 160 = 26 francs.
	second := d.offer(t)
	before = d.c.StoreDump(t, d.c.Ctx(), stores...)
	err = d.buy(d.payer, pLoad, second)
	require.ErrorIs(t, err, types.ErrCollateralRequired)
	require.Contains(t, err.Error(), "needs 26000000uchf.dflt")
	require.Equal(t, before, d.c.StoreDump(t, d.c.Ctx(), stores...))

	// Nor can it take the side over outside the market.
	before = d.c.StoreDump(t, d.c.Ctx(), stores...)
	_, err = d.energy.HandOverSide(d.c.Ctx(), &et.MsgHandOverSide{From: d.producer.String(), To: d.payer.String(), TokenId: second,
		Side: et.Side_SIDE_CONSUMER, MeterId: pLoad})
	require.ErrorIs(t, err, types.ErrCollateralRequired)
	require.Equal(t, before, d.c.StoreDump(t, d.c.Ctx(), stores...))

	// A participant without a requirement buys it, whatever its collateral.
	require.NoError(t, d.buy(d.defaulter, dLoad, second))
	d.check(t)

	// Zero amounts remove the requirement.
	d.require(t, d.payer, 0, 0)
	third := d.offer(t)
	require.NoError(t, d.buy(d.payer, pLoad, third))
}

// An issuer with a requirement issues only while its collateral covers the new token's
// consumer side, which it holds.
func TestCollateralRequiredToIssue(t *testing.T) {
	d := newDflt(t)
	d.require(t, d.producer, 0, 500) // 5 % of 80 francs: 4 francs per token
	msg := d.issueMsg(d.firstOpen(4), d.firstOpen(4), 0, 0)
	before := d.c.StoreDump(t, d.c.Ctx(), stores...)
	_, err := d.energy.IssueToken(d.c.Ctx(), msg)
	require.ErrorIs(t, err, types.ErrCollateralRequired)
	require.Contains(t, err.Error(), "needs 4000000uchf.dflt")
	require.Equal(t, before, d.c.StoreDump(t, d.c.Ctx(), stores...), "a refused issue changes nothing")

	d.lock(t, d.producer, 4_000_000)
	_, err = d.energy.IssueToken(d.c.Ctx(), msg)
	require.NoError(t, err)
	_, err = d.energy.IssueToken(d.c.Ctx(), msg)
	require.ErrorIs(t, err, types.ErrCollateralRequired, "the first token's consumer side is open now")
	d.check(t)
}

// Only the grid operator sets collateral requirements or seizes collateral: anyone else
// is refused and nothing changes.
func TestCollateralOperatorOnly(t *testing.T) {
	d := newDflt(t)
	before := d.c.StoreDump(t, d.c.Ctx(), stores...)
	_, err := d.msgs.SetCollateralRequirement(d.c.Ctx(), &types.MsgSetCollateralRequirement{Operator: d.stranger.String(),
		Requirement: types.CollateralRequirement{Owner: d.payer.String(), Denom: dChf, Fixed: sdkmath.NewInt(1), OpenPositionBps: 1}})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = d.msgs.SeizeCollateral(d.c.Ctx(), &types.MsgSeizeCollateral{Operator: d.payer.String(), Owner: d.defaulter.String(), Denom: dChf})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	require.Equal(t, before, d.c.StoreDump(t, d.c.Ctx(), stores...))

	// The operator may; with no debt there is nothing to seize.
	_, err = d.msgs.SeizeCollateral(d.c.Ctx(), &types.MsgSeizeCollateral{Operator: d.operator.String(), Owner: d.defaulter.String(), Denom: dChf})
	require.ErrorIs(t, err, types.ErrNoDebt)
	require.Equal(t, before, d.c.StoreDump(t, d.c.Ctx(), stores...))
	d.require(t, d.payer, 1, 1)
	_, err = d.q.CollateralRequirement(d.c.Ctx(), &types.QueryCollateralRequirementRequest{Owner: d.payer.String()})
	require.NoError(t, err)
}
