package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/keeper"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

// The reconciliation grid's metering points and money.
const (
	rSolar = "R-SOLAR-1" // the producer's solar plant
	rWind  = "R-WIND-1"  // the producer's wind park
	rLoad  = "R-LOAD-1"  // the consumer's connection
	rAgg   = "R-AGG-1"   // the retailer's aggregation point over households
	rChf   = "uchf.recon"
)

var (
	rSolarCat = bt.EnergyCategory_ENERGY_CATEGORY_SOLAR
	rWindCat  = bt.EnergyCategory_ENERGY_CATEGORY_WIND
)

// recon is a grid for reconciliation: a producer (solar plant, wind park), a consumer, a
// retailer with an aggregation point, a trader with solar and wind virtual meters, one
// bank; every participant holds francs in its settlement account. The reading window is
// `window` periods, so a period reconciles window+1 periods after it ends.
type recon struct {
	c                                    *apptest.Chain
	operator, bank                       sdk.AccAddress
	producer, consumer, retailer, trader sdk.AccAddress
	stranger                             sdk.AccAddress
	keys                                 map[string]meterKey
	energy                               et.MsgServer
	eq                                   et.QueryServer
	msgs                                 types.MsgServer
	q                                    types.QueryServer
	window                               uint64
}

func newRecon(t testing.TB, window uint64) *recon {
	t.Helper()
	r := &recon{
		operator: apptest.NewAccount(), bank: apptest.NewAccount(), producer: apptest.NewAccount(),
		consumer: apptest.NewAccount(), retailer: apptest.NewAccount(), trader: apptest.NewAccount(),
		stranger: apptest.NewAccount(), keys: map[string]meterKey{}, window: window,
	}
	r.c = apptest.Setup(t, r.operator, apptest.NewAccount(), r.operator)
	ctx := r.c.Ctx()
	roles := func(rs ...bt.Role) []bt.Role { return rs }
	limit := uint64(1_000_000_000)
	r.c.Admit(ctx, r.operator, r.producer, apptest.Admission{LegalID: "12X-RPRODUCER-01", PositionLimitWh: limit, Roles: roles(bt.Role_ROLE_PRODUCER)})
	r.c.Admit(ctx, r.operator, r.consumer, apptest.Admission{LegalID: "12X-RCONSUMER-01", PositionLimitWh: limit, Roles: roles(bt.Role_ROLE_CONSUMER)})
	r.c.Admit(ctx, r.operator, r.retailer, apptest.Admission{LegalID: "12X-RRETAILER-01", PositionLimitWh: limit, Roles: roles(bt.Role_ROLE_RETAILER)})
	r.c.Admit(ctx, r.operator, r.trader, apptest.Admission{LegalID: "12X-RTRADER-001", PositionLimitWh: limit, Roles: roles(bt.Role_ROLE_TRADER),
		TradedCategories: []bt.EnergyCategory{rSolarCat, rWindCat}})
	prod, cons := bt.MeterKind_METER_KIND_PRODUCTION, bt.MeterKind_METER_KIND_CONSUMPTION
	company, agg := bt.MeteringPointKind_METERING_POINT_KIND_COMPANY, bt.MeteringPointKind_METERING_POINT_KIND_AGGREGATION_POINT
	r.registerMeter(t, rSolar, r.producer, prod, rSolarCat, company)
	r.registerMeter(t, rWind, r.producer, prod, rWindCat, company)
	r.registerMeter(t, rLoad, r.consumer, cons, 0, company)
	r.registerMeter(t, rAgg, r.retailer, cons, 0, agg)
	r.c.ApproveBank(ctx, r.bank, rChf, "chf.recon", "CHF", fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: 1, FixedAmount: sdkmath.ZeroInt()},
		sdkmath.NewInt(1_000_000_000_000_000))
	for _, who := range []sdk.AccAddress{r.producer, r.consumer, r.retailer, r.trader} {
		r.c.Fund(ctx, r.bank, rChf, who, sdkmath.NewInt(10_000_000_000), sdkmath.NewInt(10_000_000_000))
	}
	r.energy, r.eq = energykeeper.NewMsgServerImpl(r.c.App.EnergyKeeper), energykeeper.NewQueryServerImpl(r.c.App.EnergyKeeper)
	r.msgs, r.q = keeper.NewMsgServerImpl(r.c.App.DeliveryKeeper), keeper.NewQueryServerImpl(r.c.App.DeliveryKeeper)
	params := types.DefaultParams()
	params.ReadingWindowPeriods = window
	params.MinMarketWh = 1_000 // the tests' markets are small
	require.NoError(t, r.c.App.DeliveryKeeper.Params.Set(ctx, params))
	r.c.NextBlock(time.Second) // the first end of block starts reconciliation at this period
	return r
}

// registerMeter has the operator register a physical meter of owner, with an ed25519 key
// the fixture signs its readings with.
func (r *recon) registerMeter(t testing.TB, id string, owner sdk.AccAddress, kind bt.MeterKind, c bt.EnergyCategory, point bt.MeteringPointKind) {
	t.Helper()
	r.keys[id] = edMeterKey(id)
	_, err := balancingkeeper.NewMsgServerImpl(r.c.App.BalancingKeeper).RegisterMeter(r.c.Ctx(), &bt.MsgRegisterMeter{
		Operator: r.operator.String(), Id: id, Owner: owner.String(), Kind: kind, Category: c, PointKind: point,
		Location: bt.Location{GridNode: "ZH-7", Area: "CH-ZH"}, KeyAlgorithm: r.keys[id].alg, PublicKey: r.keys[id].pub(),
	})
	require.NoError(t, err)
}

// now is the period of the next block.
func (r *recon) now() uint64 { return uint64(r.c.Time.Unix()) / et.DefaultPeriodSeconds }

// setParams changes the delivery parameters, as governance would.
func (r *recon) setParams(t testing.TB, edit func(*types.Params)) {
	t.Helper()
	p, err := r.c.App.DeliveryKeeper.Params.Get(r.c.Ctx())
	require.NoError(t, err)
	edit(&p)
	require.NoError(t, r.c.App.DeliveryKeeper.Params.Set(r.c.Ctx(), p))
}

// issue has issuer issue wh per period over [first, last] of category, its producer side
// at producerMeter and consumer side at consumerMeter ("" = its virtual meter).
func (r *recon) issue(t testing.TB, issuer sdk.AccAddress, producerMeter, consumerMeter string, c bt.EnergyCategory, first, last, wh uint64) uint64 {
	t.Helper()
	return r.issueWith(t, issuer, producerMeter, consumerMeter, c, first, last, wh, nil)
}

// issueWith is issue with the message edited first (capabilities, asks), when edit is set.
func (r *recon) issueWith(t testing.TB, issuer sdk.AccAddress, producerMeter, consumerMeter string, c bt.EnergyCategory, first, last, wh uint64,
	edit func(*et.MsgIssueToken),
) uint64 {
	t.Helper()
	msg := &et.MsgIssueToken{
		Issuer: issuer.String(), FirstPeriod: first, LastPeriod: last, WhPerPeriod: wh, Category: c,
		ProducerMeterId: producerMeter, ConsumerMeterId: consumerMeter,
		FaceValuePerMwh: et.Money{Amount: sdkmath.NewInt(80_000_000), Denom: rChf},
		Terms: et.ContractTerms{SettlementDelayPeriods: 4, CancellationFee: sdkmath.NewInt(1_000_000),
			ProducerDefaultFee: sdkmath.ZeroInt(), ConsumerDefaultFee: sdkmath.ZeroInt(), LegalFramework: "EFET-2007-CH"},
	}
	if edit != nil {
		edit(msg)
	}
	res, err := r.energy.IssueToken(r.c.Ctx(), msg)
	require.NoError(t, err)
	return res.TokenId
}

// sell offers a side at price per MWh and has buyer buy it, landing at meter.
func (r *recon) sell(t testing.TB, owner, buyer sdk.AccAddress, id uint64, side et.Side, price int64, meter string) {
	t.Helper()
	ctx := r.c.Ctx()
	_, err := r.energy.SetAsk(ctx, &et.MsgSetAsk{Owner: owner.String(), TokenId: id, Side: side, Ask: et.Ask{ForSale: true, PricePerMwh: price, Denom: rChf}})
	require.NoError(t, err)
	_, err = r.energy.BuySide(ctx, &et.MsgBuySide{Buyer: buyer.String(), TokenId: id, Side: side, MaxPricePerMwh: price, Denom: rChf, MeterId: meter})
	require.NoError(t, err)
}

// advanceTo moves block time into period, one period per block.
func (r *recon) advanceTo(t testing.TB, period uint64) {
	t.Helper()
	for r.now() < period {
		r.c.NextBlock(time.Duration(et.DefaultPeriodSeconds) * time.Second)
	}
}

// read submits meter's signed reading of wh for period, with the operator as data hub.
func (r *recon) read(t testing.TB, meter string, period, wh uint64) {
	t.Helper()
	sr := types.SignedReading{MeterId: meter, Period: period, Wh: wh}
	if meter == rAgg {
		c, _, err := types.HouseholdCommitment([]types.HouseholdReading{{Ref: "hh-1", Wh: wh / 2}, {Ref: "hh-2", Wh: wh - wh/2}})
		require.NoError(t, err)
		sr.Commitment = c
	}
	res, err := r.msgs.SubmitReadings(r.c.Ctx(), &types.MsgSubmitReadings{Submitter: r.operator.String(), Readings: []types.SignedReading{r.keys[meter].sign(t, apptest.ChainID, sr)}})
	require.NoError(t, err)
	require.EqualValues(t, 1, res.Accepted, "reading of %s for %d: %v", meter, period, res.Outcomes)
}

// reconcile advances until period is reconciled, then checks invariant 3 for it.
func (r *recon) reconcile(t testing.TB, period uint64) types.PeriodReconciliation {
	t.Helper()
	r.advanceTo(t, period+r.window+1)
	for i := 0; i < 1000; i++ {
		res, err := r.q.Reconciliation(r.c.Ctx(), &types.QueryReconciliationRequest{Period: period})
		require.NoError(t, err)
		if res.Phase == types.ReconciliationPhase_RECONCILIATION_PHASE_RECONCILED {
			require.NoError(t, r.c.App.DeliveryKeeper.CheckReconciled(r.c.Ctx(), period))
			require.NoError(t, r.c.App.EnergyKeeper.CheckInvariants(r.c.Ctx()))
			return res.Record
		}
		r.c.NextBlock(5 * time.Second)
	}
	t.Fatalf("period %d did not reconcile in 1000 blocks", period)
	return types.PeriodReconciliation{}
}

// statement is owner's statement for period.
func (r *recon) statement(t testing.TB, owner sdk.AccAddress, period uint64) []types.ImbalanceEntry {
	t.Helper()
	res, err := r.q.Statement(r.c.Ctx(), &types.QueryStatementRequest{Owner: owner.String(), FromPeriod: period, ToPeriod: period})
	require.NoError(t, err)
	return res.Entries
}

// publish has the operator publish a reference price for category from period on.
func (r *recon) publish(t testing.TB, c bt.EnergyCategory, from uint64, price int64) {
	t.Helper()
	_, err := r.msgs.PublishReferencePrice(r.c.Ctx(), &types.MsgPublishReferencePrice{
		Operator: r.operator.String(), Category: c, FromPeriod: from, PricePerMwh: price, Denom: rChf,
	})
	require.NoError(t, err)
}
