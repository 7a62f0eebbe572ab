package keeper_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	deliverykeeper "github.com/gridledger/gridledger/chain/x/delivery/keeper"
	dt "github.com/gridledger/gridledger/chain/x/delivery/types"
	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	fiatkeeper "github.com/gridledger/gridledger/chain/x/fiat/keeper"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/settlement/keeper"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// The settlement grid's metering points and money.
const (
	sSolar = "S-SOLAR-1" // the producer's solar plant
	sLoad  = "S-LOAD-1"  // the consumer's connection
	sAgg   = "S-AGG-1"   // the retailer's aggregation point
	sChf   = "uchf.settle"
	window = 1 // reading window, periods
	funds  = 1_000_000_000
)

var solar = bt.EnergyCategory_ENERGY_CATEGORY_SOLAR

// grid is a chain with a producer, a consumer, a retailer and a trader, each holding
// 1,000 CHF in its settlement account, one bank charging 1 basis point per payment.
type grid struct {
	c                                    *apptest.Chain
	operator, bank, stranger             sdk.AccAddress
	producer, consumer, retailer, trader sdk.AccAddress
	keys                                 map[string]ed25519.PrivateKey
	energy                               et.MsgServer
	msgs                                 types.MsgServer
	q                                    types.QueryServer
}

func newGrid(t testing.TB) *grid {
	t.Helper()
	g := &grid{
		operator: apptest.NewAccount(), bank: apptest.NewAccount(), stranger: apptest.NewAccount(),
		producer: apptest.NewAccount(), consumer: apptest.NewAccount(), retailer: apptest.NewAccount(), trader: apptest.NewAccount(),
		keys: map[string]ed25519.PrivateKey{},
	}
	g.c = apptest.Setup(t, g.operator, apptest.NewAccount(), g.operator)
	ctx := g.c.Ctx()
	limit := uint64(1_000_000_000)
	admit := func(who sdk.AccAddress, id string, role bt.Role, cats ...bt.EnergyCategory) {
		g.c.Admit(ctx, g.operator, who, apptest.Admission{LegalID: id, PositionLimitWh: limit, Roles: []bt.Role{role}, TradedCategories: cats})
	}
	admit(g.producer, "12X-SPRODUCER-01", bt.Role_ROLE_PRODUCER)
	admit(g.consumer, "12X-SCONSUMER-01", bt.Role_ROLE_CONSUMER)
	admit(g.retailer, "12X-SRETAILER-01", bt.Role_ROLE_RETAILER)
	admit(g.trader, "12X-STRADER-001", bt.Role_ROLE_TRADER, solar)
	g.meter(t, sSolar, g.producer, bt.MeterKind_METER_KIND_PRODUCTION, solar)
	g.meter(t, sLoad, g.consumer, bt.MeterKind_METER_KIND_CONSUMPTION, 0)
	g.meter(t, sAgg, g.retailer, bt.MeterKind_METER_KIND_CONSUMPTION, 0)
	g.c.ApproveBank(ctx, g.bank, sChf, "chf.settle", "CHF",
		fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: 1, FixedAmount: sdkmath.ZeroInt()},
		sdkmath.NewInt(1_000_000_000_000_000))
	for _, who := range []sdk.AccAddress{g.producer, g.consumer, g.retailer, g.trader} {
		g.c.Fund(ctx, g.bank, sChf, who, sdkmath.NewInt(funds), sdkmath.NewInt(funds))
	}
	g.energy = energykeeper.NewMsgServerImpl(g.c.App.EnergyKeeper)
	g.msgs, g.q = keeper.NewMsgServerImpl(g.c.App.SettlementKeeper), keeper.NewQueryServerImpl(g.c.App.SettlementKeeper)
	dp := dt.DefaultParams()
	dp.ReadingWindowPeriods = window
	dp.MinMarketWh = 1_000
	require.NoError(t, g.c.App.DeliveryKeeper.Params.Set(ctx, dp))
	g.c.NextBlock(time.Second)
	return g
}

func (g *grid) meter(t testing.TB, id string, owner sdk.AccAddress, kind bt.MeterKind, c bt.EnergyCategory) {
	t.Helper()
	seed := sha256.Sum256([]byte("meter " + id))
	g.keys[id] = ed25519.NewKeyFromSeed(seed[:])
	_, err := balancingkeeper.NewMsgServerImpl(g.c.App.BalancingKeeper).RegisterMeter(g.c.Ctx(), &bt.MsgRegisterMeter{
		Operator: g.operator.String(), Id: id, Owner: owner.String(), Kind: kind, Category: c,
		PointKind: bt.MeteringPointKind_METERING_POINT_KIND_COMPANY,
		Location:  bt.Location{GridNode: "ZH-7", Area: "CH-ZH"}, KeyAlgorithm: bt.KeyAlgorithm_KEY_ALGORITHM_ED25519,
		PublicKey: g.keys[id].Public().(ed25519.PublicKey),
	})
	require.NoError(t, err)
}

func (g *grid) now() uint64 { return uint64(g.c.Time.Unix()) / et.DefaultPeriodSeconds }

// issue has the producer issue wh in one period at face value per MWh, delay periods to
// settle; it holds both sides.
func (g *grid) issue(t testing.TB, period, wh uint64, facePerMwh int64, delay uint64) uint64 {
	t.Helper()
	return g.issueCO2(t, period, wh, facePerMwh, delay, 0)
}

// issueCO2 is issue with the token's CO2 in grams.
func (g *grid) issueCO2(t testing.TB, period, wh uint64, facePerMwh int64, delay, co2 uint64) uint64 {
	t.Helper()
	res, err := g.energy.IssueToken(g.c.Ctx(), &et.MsgIssueToken{
		Co2Grams: co2,
		Issuer:   g.producer.String(), FirstPeriod: period, LastPeriod: period, WhPerPeriod: wh, Category: solar,
		ProducerMeterId: sSolar, ConsumerMeterId: sSolar,
		FaceValuePerMwh: et.Money{Amount: sdkmath.NewInt(facePerMwh), Denom: sChf},
		Terms: et.ContractTerms{SettlementDelayPeriods: delay, CancellationFee: sdkmath.ZeroInt(),
			ProducerDefaultFee: sdkmath.ZeroInt(), ConsumerDefaultFee: sdkmath.ZeroInt(), LegalFramework: "EFET-2007-CH"},
	})
	require.NoError(t, err)
	return res.TokenId
}

// sell has owner offer a side at price per MWh and buyer buy it, landing at meter.
func (g *grid) sell(t testing.TB, owner, buyer sdk.AccAddress, id uint64, side et.Side, price int64, meter string) {
	t.Helper()
	ctx := g.c.Ctx()
	_, err := g.energy.SetAsk(ctx, &et.MsgSetAsk{Owner: owner.String(), TokenId: id, Side: side, Ask: et.Ask{ForSale: true, PricePerMwh: price, Denom: sChf}})
	require.NoError(t, err)
	_, err = g.energy.BuySide(ctx, &et.MsgBuySide{Buyer: buyer.String(), TokenId: id, Side: side, MaxPricePerMwh: price, Denom: sChf, MeterId: meter})
	require.NoError(t, err)
}

// read submits a meter's signed reading, the operator as data hub.
func (g *grid) read(t testing.TB, meter string, period, wh uint64) {
	t.Helper()
	sr := dt.SignedReading{MeterId: meter, Period: period, Wh: wh}
	sr.Signature = ed25519.Sign(g.keys[meter], dt.ReadingSignBytes(apptest.ChainID, sr))
	res, err := deliverykeeper.NewMsgServerImpl(g.c.App.DeliveryKeeper).SubmitReadings(g.c.Ctx(),
		&dt.MsgSubmitReadings{Submitter: g.operator.String(), Readings: []dt.SignedReading{sr}})
	require.NoError(t, err)
	require.EqualValues(t, 1, res.Accepted, "reading of %s for %d: %v", meter, period, res.Outcomes)
}

// advanceTo moves block time into period, one period per block.
func (g *grid) advanceTo(t testing.TB, period uint64) {
	t.Helper()
	for g.now() < period {
		g.c.NextBlock(time.Duration(et.DefaultPeriodSeconds) * time.Second)
	}
}

// settle advances until period's settlement run is done, checking the invariants after
// every block, and returns the run.
func (g *grid) settle(t testing.TB, period uint64) types.SettlementRun {
	t.Helper()
	for i := 0; i < 200; i++ {
		g.invariants(t)
		res, err := g.q.Run(g.c.Ctx(), &types.QueryRunRequest{Period: period})
		if err == nil && res.Run.Done {
			return res.Run
		}
		g.c.NextBlock(time.Duration(et.DefaultPeriodSeconds) * time.Second)
	}
	t.Fatalf("period %d was not settled in 200 periods", period)
	return types.SettlementRun{}
}

// invariants checks fiat's, energy's and settlement's invariants.
func (g *grid) invariants(t testing.TB) {
	t.Helper()
	ctx := g.c.Ctx()
	require.NoError(t, g.c.App.FiatKeeper.CheckInvariants(ctx))
	require.NoError(t, g.c.App.EnergyKeeper.CheckInvariants(ctx))
	require.NoError(t, g.c.App.SettlementKeeper.CheckInvariants(ctx, g.clearingBalance))
}

func (g *grid) clearingBalance(ctx context.Context, clearing sdk.AccAddress, denom string) (sdkmath.Int, error) {
	acc, err := g.c.App.FiatKeeper.GetSettlementAccount(ctx, clearing, denom)
	return acc.Balance, err
}

// balance is owner's settlement balance.
func (g *grid) balance(t testing.TB, owner sdk.AccAddress) sdkmath.Int {
	return g.c.Settlement(t, g.c.Ctx(), owner, sChf)
}

// withdrawAll empties owner's settlement account except keep.
func (g *grid) withdrawAll(t testing.TB, owner sdk.AccAddress, keep int64) {
	t.Helper()
	amount := g.balance(t, owner).SubRaw(keep)
	_, err := fiatkeeper.NewMsgServerImpl(g.c.App.FiatKeeper).Withdraw(g.c.Ctx(), &fiattypes.MsgWithdraw{
		Owner: owner.String(), Amount: sdk.NewCoin(sChf, amount)})
	require.NoError(t, err)
}

func fiatkeeperMsgs(g *grid) fiattypes.MsgServer {
	return fiatkeeper.NewMsgServerImpl(g.c.App.FiatKeeper)
}
