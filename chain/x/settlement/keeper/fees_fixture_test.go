package keeper_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
	"time"

	"cosmossdk.io/collections"
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
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/settlement/keeper"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// The grid-fee grid's metering points and money.
const (
	fSolar   = "F-SOLAR-1" // the producer's solar plant
	fLoadA   = "F-LOAD-A"  // consumer A's connection
	fLoadB   = "F-LOAD-B"  // consumer B's connection
	fLoadC   = "F-LOAD-C"  // prosumer C's connection
	fRoofC   = "F-ROOF-C"  // prosumer C's rooftop plant
	fChf     = "uchf.fees" // the fees' denom
	fFunds   = 1_000_000_000
	fWindow  = 1          // reading window, periods
	fFacePer = 80_000_000 // face value per MWh of the traded token
)

// feeGrid is a chain with a producer, two consumers and a prosumer (a consumption and a
// production meter), each holding 1,000 CHF in its settlement account.
type feeGrid struct {
	c                        *apptest.Chain
	operator, bank           sdk.AccAddress
	producer, a, b, prosumer sdk.AccAddress
	stranger                 sdk.AccAddress
	keys                     map[string]ed25519.PrivateKey
	energy                   et.MsgServer
	msgs                     types.MsgServer
	q                        types.QueryServer
}

// newFeeGrid builds the grid; budget, when positive, is settlement's max_settle_per_block.
func newFeeGrid(t testing.TB, budget uint64) *feeGrid {
	t.Helper()
	g := &feeGrid{
		operator: apptest.NewAccount(), bank: apptest.NewAccount(), stranger: apptest.NewAccount(),
		producer: apptest.NewAccount(), a: apptest.NewAccount(), b: apptest.NewAccount(), prosumer: apptest.NewAccount(),
		keys: map[string]ed25519.PrivateKey{},
	}
	g.c = apptest.Setup(t, g.operator, apptest.NewAccount(), g.operator)
	ctx := g.c.Ctx()
	admit := func(who sdk.AccAddress, id string, roles ...bt.Role) {
		g.c.Admit(ctx, g.operator, who, apptest.Admission{LegalID: id, PositionLimitWh: 1_000_000_000, Roles: roles})
	}
	admit(g.producer, "12X-FPRODUCER-01", bt.Role_ROLE_PRODUCER)
	admit(g.a, "12X-FCONSUMERA-1", bt.Role_ROLE_CONSUMER)
	admit(g.b, "12X-FCONSUMERB-1", bt.Role_ROLE_CONSUMER)
	admit(g.prosumer, "12X-FPROSUMER-01", bt.Role_ROLE_CONSUMER, bt.Role_ROLE_PRODUCER)
	prod, cons := bt.MeterKind_METER_KIND_PRODUCTION, bt.MeterKind_METER_KIND_CONSUMPTION
	g.meter(t, fSolar, g.producer, prod, bt.EnergyCategory_ENERGY_CATEGORY_SOLAR)
	g.meter(t, fLoadA, g.a, cons, 0)
	g.meter(t, fLoadB, g.b, cons, 0)
	g.meter(t, fLoadC, g.prosumer, cons, 0)
	g.meter(t, fRoofC, g.prosumer, prod, bt.EnergyCategory_ENERGY_CATEGORY_SOLAR)
	g.c.ApproveBank(ctx, g.bank, fChf, "chf.fees", "CHF",
		fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: 1, FixedAmount: sdkmath.ZeroInt()},
		sdkmath.NewInt(1_000_000_000_000_000))
	for _, who := range []sdk.AccAddress{g.producer, g.a, g.b, g.prosumer} {
		g.c.Fund(ctx, g.bank, fChf, who, sdkmath.NewInt(fFunds), sdkmath.NewInt(fFunds))
	}
	g.energy = energykeeper.NewMsgServerImpl(g.c.App.EnergyKeeper)
	g.msgs, g.q = keeper.NewMsgServerImpl(g.c.App.SettlementKeeper), keeper.NewQueryServerImpl(g.c.App.SettlementKeeper)
	dp := dt.DefaultParams()
	dp.ReadingWindowPeriods = fWindow
	dp.MinMarketWh = 1_000
	require.NoError(t, g.c.App.DeliveryKeeper.Params.Set(ctx, dp))
	if budget > 0 {
		sp := types.DefaultParams()
		sp.MaxSettlePerBlock = budget
		require.NoError(t, g.c.App.SettlementKeeper.Params.Set(ctx, sp))
	}
	g.c.NextBlock(time.Second)
	return g
}

func (g *feeGrid) meter(t testing.TB, id string, owner sdk.AccAddress, kind bt.MeterKind, c bt.EnergyCategory) {
	t.Helper()
	seed := sha256.Sum256([]byte("fee meter " + id))
	g.keys[id] = ed25519.NewKeyFromSeed(seed[:])
	_, err := balancingkeeper.NewMsgServerImpl(g.c.App.BalancingKeeper).RegisterMeter(g.c.Ctx(), &bt.MsgRegisterMeter{
		Operator: g.operator.String(), Id: id, Owner: owner.String(), Kind: kind, Category: c,
		PointKind: bt.MeteringPointKind_METERING_POINT_KIND_COMPANY,
		Location:  bt.Location{GridNode: "ZH-7", Area: "CH-ZH"}, KeyAlgorithm: bt.KeyAlgorithm_KEY_ALGORITHM_ED25519,
		PublicKey: g.keys[id].Public().(ed25519.PublicKey),
	})
	require.NoError(t, err)
}

func (g *feeGrid) now() uint64 { return uint64(g.c.Time.Unix()) / et.DefaultPeriodSeconds }

// trade has the producer issue wh of solar in period and sell the consumer side to a,
// landing at a's connection: the period has a token due, settled with the fees.
func (g *feeGrid) trade(t testing.TB, period, wh uint64) {
	t.Helper()
	ctx := g.c.Ctx()
	res, err := g.energy.IssueToken(ctx, &et.MsgIssueToken{
		Issuer: g.producer.String(), FirstPeriod: period, LastPeriod: period, WhPerPeriod: wh,
		Category: bt.EnergyCategory_ENERGY_CATEGORY_SOLAR, ProducerMeterId: fSolar, ConsumerMeterId: fSolar,
		FaceValuePerMwh: et.Money{Amount: sdkmath.NewInt(fFacePer), Denom: fChf},
		Terms: et.ContractTerms{SettlementDelayPeriods: 0, CancellationFee: sdkmath.ZeroInt(),
			ProducerDefaultFee: sdkmath.ZeroInt(), ConsumerDefaultFee: sdkmath.ZeroInt(), LegalFramework: "EFET-2007-CH"},
	})
	require.NoError(t, err)
	_, err = g.energy.SetAsk(ctx, &et.MsgSetAsk{Owner: g.producer.String(), TokenId: res.TokenId, Side: et.Side_SIDE_CONSUMER,
		Ask: et.Ask{ForSale: true, PricePerMwh: fFacePer, Denom: fChf}})
	require.NoError(t, err)
	_, err = g.energy.BuySide(ctx, &et.MsgBuySide{Buyer: g.a.String(), TokenId: res.TokenId, Side: et.Side_SIDE_CONSUMER,
		MaxPricePerMwh: fFacePer, Denom: fChf, MeterId: fLoadA})
	require.NoError(t, err)
}

// read submits meters' signed readings for period, the operator as data hub.
func (g *feeGrid) read(t testing.TB, period uint64, whs map[string]uint64) {
	t.Helper()
	var readings []dt.SignedReading
	for _, id := range []string{fSolar, fLoadA, fLoadB, fLoadC, fRoofC} {
		wh, ok := whs[id]
		if !ok {
			continue
		}
		sr := dt.SignedReading{MeterId: id, Period: period, Wh: wh}
		sr.Signature = ed25519.Sign(g.keys[id], dt.ReadingSignBytes(apptest.ChainID, sr))
		readings = append(readings, sr)
	}
	res, err := deliverykeeper.NewMsgServerImpl(g.c.App.DeliveryKeeper).SubmitReadings(g.c.Ctx(),
		&dt.MsgSubmitReadings{Submitter: g.operator.String(), Readings: readings})
	require.NoError(t, err)
	require.EqualValues(t, len(readings), res.Accepted, "readings for %d: %v", period, res.Outcomes)
}

// advanceTo moves block time into period, one period per block.
func (g *feeGrid) advanceTo(t testing.TB, period uint64) {
	t.Helper()
	for g.now() < period {
		g.c.NextBlock(time.Duration(et.DefaultPeriodSeconds) * time.Second)
	}
}

// settle advances until period's settlement run is done, checking the invariants after
// every block, and returns the run and the number of blocks its run took.
func (g *feeGrid) settle(t testing.TB, period uint64) (types.SettlementRun, int) {
	t.Helper()
	blocks := 0
	for i := 0; i < 300; i++ {
		ctx := g.c.Ctx()
		require.NoError(t, g.c.App.FiatKeeper.CheckInvariants(ctx))
		require.NoError(t, g.c.App.SettlementKeeper.CheckInvariants(ctx, g.clearingBalance))
		res, err := g.q.Run(ctx, &types.QueryRunRequest{Period: period})
		if err == nil {
			if res.Run.Done {
				return res.Run, blocks
			}
			blocks++
		}
		g.c.NextBlock(time.Duration(et.DefaultPeriodSeconds) * time.Second)
	}
	t.Fatalf("period %d was not settled in 300 periods", period)
	return types.SettlementRun{}, 0
}

func (g *feeGrid) clearingBalance(ctx context.Context, clearing sdk.AccAddress, denom string) (sdkmath.Int, error) {
	acc, err := g.c.App.FiatKeeper.GetSettlementAccount(ctx, clearing, denom)
	return acc.Balance, err
}

// line is owner's statement line of kind in period; zero amounts when it has none.
func (g *feeGrid) line(t testing.TB, owner sdk.AccAddress, period uint64, kind types.ChargeKind) types.StatementLine {
	t.Helper()
	l, err := g.c.App.SettlementKeeper.Lines.Get(g.c.Ctx(), collections.Join4(owner, period, int32(kind), fChf))
	if err != nil {
		require.ErrorIs(t, err, collections.ErrNotFound)
		return types.StatementLine{Amounts: types.Amounts{Denom: fChf, Payable: sdkmath.ZeroInt(), Receivable: sdkmath.ZeroInt()}}
	}
	return l
}

// transmissionFees are the transmission grid fees of the tokens owner consumed through in
// period (its consumer sides delivering in it), in token id order.
func (g *feeGrid) transmissionFees(t testing.TB, owner sdk.AccAddress, period uint64) []et.GridFee {
	t.Helper()
	var fees []et.GridFee
	require.NoError(t, g.c.App.EnergyKeeper.Tokens.Walk(g.c.Ctx(), nil, func(_ uint64, tok et.Token) (bool, error) {
		if tok.Consumer.Owner != owner.String() || tok.FirstPeriod > period || tok.LastPeriod < period {
			return false, nil
		}
		for _, f := range tok.GridFees {
			if f.Kind == et.GridFeeKindTransmission {
				fees = append(fees, f)
			}
		}
		return false, nil
	}))
	return fees
}
