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
	fiatkeeper "github.com/gridledger/gridledger/chain/x/fiat/keeper"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/settlement/keeper"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// The default grid's metering points and money.
const (
	dSolar = "D-SOLAR-1" // the producer's plant
	dLoad  = "D-LOAD-1"  // the defaulter's connection
	dGen   = "D-GEN-1"   // the defaulter's own small plant
	pLoad  = "P-LOAD-1"  // the good payer's connection
	dChf   = "uchf.dflt"
	// mwh is one MWh in Wh; the tokens' face value is 80 francs (80_000_000 base units) per MWh.
	mwh       = 1_000_000
	faceValue = 80_000_000
)

// dflt is a small grid that settles for real: a producer with a plant, a consumer who
// pays (payer), a consumer who cannot (defaulter), a stranger, one bank. Tokens deliver,
// meters read what was scheduled (so no imbalance), reconciliation files the tokens as
// due, and settlement runs at the end of blocks: one reading window period, a fee window
// of one period, debts retried every period, default after two postponements,
// exclusion two periods after.
type dflt struct {
	c                                                    *apptest.Chain
	operator, bank, producer, payer, defaulter, stranger sdk.AccAddress
	keys                                                 map[string]ed25519.PrivateKey
	energy                                               et.MsgServer
	msgs                                                 types.MsgServer
	q                                                    types.QueryServer
	k                                                    keeper.Keeper
}

func newDflt(t *testing.T) *dflt {
	t.Helper()
	d := &dflt{
		operator: apptest.NewAccount(), bank: apptest.NewAccount(), producer: apptest.NewAccount(), payer: apptest.NewAccount(),
		defaulter: apptest.NewAccount(), stranger: apptest.NewAccount(), keys: map[string]ed25519.PrivateKey{},
	}
	d.c = apptest.Setup(t, d.operator, apptest.NewAccount(), d.operator)
	ctx := d.c.Ctx()
	limit := uint64(1_000_000_000_000)
	d.c.Admit(ctx, d.operator, d.producer, apptest.Admission{LegalID: "12X-DPRODUCER-1", PositionLimitWh: limit, Roles: []bt.Role{bt.Role_ROLE_PRODUCER}})
	d.c.Admit(ctx, d.operator, d.payer, apptest.Admission{LegalID: "12X-DPAYER-0001", PositionLimitWh: limit, Roles: []bt.Role{bt.Role_ROLE_CONSUMER}})
	d.c.Admit(ctx, d.operator, d.defaulter, apptest.Admission{LegalID: "12X-DDEFAULTER1", PositionLimitWh: limit, Roles: []bt.Role{bt.Role_ROLE_CONSUMER, bt.Role_ROLE_PRODUCER}})
	d.c.Admit(ctx, d.operator, d.stranger, apptest.Admission{LegalID: "12X-DSTRANGER-1", PositionLimitWh: limit, Roles: []bt.Role{bt.Role_ROLE_CONSUMER}})
	d.registerMeter(t, dSolar, d.producer, bt.MeterKind_METER_KIND_PRODUCTION, bt.EnergyCategory_ENERGY_CATEGORY_SOLAR)
	d.registerMeter(t, dLoad, d.defaulter, bt.MeterKind_METER_KIND_CONSUMPTION, 0)
	d.registerMeter(t, dGen, d.defaulter, bt.MeterKind_METER_KIND_PRODUCTION, bt.EnergyCategory_ENERGY_CATEGORY_SOLAR)
	d.registerMeter(t, pLoad, d.payer, bt.MeterKind_METER_KIND_CONSUMPTION, 0)
	d.c.ApproveBank(ctx, d.bank, dChf, "chf.dflt", "CHF",
		fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_NONE, FixedAmount: sdkmath.ZeroInt()},
		sdkmath.NewInt(1_000_000_000_000_000))
	for _, who := range []sdk.AccAddress{d.producer, d.payer, d.stranger} {
		d.c.Fund(ctx, d.bank, dChf, who, sdkmath.NewInt(10_000_000_000), sdkmath.NewInt(10_000_000_000))
	}
	// The defaulter has 31 francs in its settlement account, 30 of them locked as
	// collateral: enough to buy sides at a token price, not to pay a face value.
	d.c.Fund(ctx, d.bank, dChf, d.defaulter, sdkmath.NewInt(31_000_000), sdkmath.NewInt(31_000_000))
	d.lock(t, d.defaulter, 30_000_000)
	d.energy = energykeeper.NewMsgServerImpl(d.c.App.EnergyKeeper)
	d.k = d.c.App.SettlementKeeper
	d.msgs, d.q = keeper.NewMsgServerImpl(d.k), keeper.NewQueryServerImpl(d.k)
	dp := dt.DefaultParams()
	dp.ReadingWindowPeriods, dp.MinMarketWh = 1, 1_000
	require.NoError(t, d.c.App.DeliveryKeeper.Params.Set(ctx, dp))
	sp := types.DefaultParams()
	sp.FeeWindowPeriods, sp.PostponementPeriods, sp.MaxPostponements, sp.ExclusionPeriods, sp.LateFeeBps = 1, 1, 2, 2, 100
	require.NoError(t, d.k.Params.Set(ctx, sp))
	d.c.NextBlock(time.Second)
	return d
}

// registerMeter has the operator register a physical meter with an ed25519 key the
// fixture signs readings with.
func (d *dflt) registerMeter(t *testing.T, id string, owner sdk.AccAddress, kind bt.MeterKind, c bt.EnergyCategory) {
	t.Helper()
	seed := sha256.Sum256([]byte("ed " + id))
	d.keys[id] = ed25519.NewKeyFromSeed(seed[:])
	_, err := balancingkeeper.NewMsgServerImpl(d.c.App.BalancingKeeper).RegisterMeter(d.c.Ctx(), &bt.MsgRegisterMeter{
		Operator: d.operator.String(), Id: id, Owner: owner.String(), Kind: kind, Category: c,
		PointKind: bt.MeteringPointKind_METERING_POINT_KIND_COMPANY, Location: bt.Location{GridNode: "ZH-7", Area: "CH-ZH"},
		KeyAlgorithm: bt.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: d.keys[id].Public().(ed25519.PublicKey),
	})
	require.NoError(t, err)
}

// lock has the operator lock amount of who's settlement account as collateral.
func (d *dflt) lock(t *testing.T, who sdk.AccAddress, amount int64) {
	t.Helper()
	_, err := fiatkeeper.NewMsgServerImpl(d.c.App.FiatKeeper).LockCollateral(d.c.Ctx(), &fiattypes.MsgLockCollateral{
		Operator: d.operator.String(), Owner: who.String(), Amount: sdk.NewInt64Coin(dChf, amount),
	})
	require.NoError(t, err)
}

// now is the period of the next block.
func (d *dflt) now() uint64 { return uint64(d.c.Time.Unix()) / et.DefaultPeriodSeconds }

// firstOpen is the first period whose gate is open at the next block, plus margin.
func (d *dflt) firstOpen(margin uint64) uint64 { return d.now() + 2 + margin }

// issueMsg is the producer's token of mwh in period first..last at its plant, with the
// consumer side's default terms given.
func (d *dflt) issueMsg(first, last uint64, consumerDelay uint64, consumerFee int64) *et.MsgIssueToken {
	return &et.MsgIssueToken{
		Issuer: d.producer.String(), FirstPeriod: first, LastPeriod: last, WhPerPeriod: mwh,
		Category: bt.EnergyCategory_ENERGY_CATEGORY_SOLAR, ProducerMeterId: dSolar, ConsumerMeterId: dSolar,
		FaceValuePerMwh: et.Money{Amount: sdkmath.NewInt(faceValue), Denom: dChf},
		Terms: et.ContractTerms{CancellationFee: sdkmath.ZeroInt(), ProducerDefaultFee: sdkmath.NewInt(3_000_000), ConsumerDefaultFee: sdkmath.NewInt(consumerFee),
			ConsumerDefaultDelayPeriods: consumerDelay, LegalFramework: "EFET-2007-CH"},
	}
}

// issueTo has the producer issue a token and sell its consumer side to buyer at meter for
// one base unit per MWh.
func (d *dflt) issueTo(t *testing.T, buyer sdk.AccAddress, meter string, msg *et.MsgIssueToken) uint64 {
	t.Helper()
	res, err := d.energy.IssueToken(d.c.Ctx(), msg)
	require.NoError(t, err)
	_, err = d.energy.SetAsk(d.c.Ctx(), &et.MsgSetAsk{Owner: d.producer.String(), TokenId: res.TokenId, Side: et.Side_SIDE_CONSUMER,
		Ask: et.Ask{ForSale: true, PricePerMwh: 1, Denom: dChf}})
	require.NoError(t, err)
	_, err = d.energy.BuySide(d.c.Ctx(), &et.MsgBuySide{Buyer: buyer.String(), TokenId: res.TokenId, Side: et.Side_SIDE_CONSUMER,
		MaxPricePerMwh: 1, Denom: dChf, MeterId: meter})
	require.NoError(t, err)
	return res.TokenId
}

// deliver advances past period p and has the meters read what was scheduled: the plant
// produced produced Wh, and each load consumed its Wh.
func (d *dflt) deliver(t *testing.T, p uint64, produced uint64, consumed map[string]uint64) {
	t.Helper()
	d.advanceTo(t, p+1)
	var readings []dt.SignedReading
	add := func(meter string, wh uint64) {
		r := dt.SignedReading{MeterId: meter, Period: p, Wh: wh}
		r.Signature = ed25519.Sign(d.keys[meter], dt.ReadingSignBytes(apptest.ChainID, r))
		readings = append(readings, r)
	}
	add(dSolar, produced)
	for meter, wh := range consumed {
		add(meter, wh)
	}
	res, err := deliverykeeper.NewMsgServerImpl(d.c.App.DeliveryKeeper).SubmitReadings(d.c.Ctx(), &dt.MsgSubmitReadings{Submitter: d.operator.String(), Readings: readings})
	require.NoError(t, err)
	require.EqualValues(t, len(readings), res.Accepted, "%v", res.Outcomes)
}

// advanceTo moves block time into period, one period per block, checking settlement's
// invariants after every block.
func (d *dflt) advanceTo(t *testing.T, period uint64) {
	t.Helper()
	for d.now() < period {
		d.c.NextBlock(time.Duration(et.DefaultPeriodSeconds) * time.Second)
		d.check(t)
	}
}

// settleThrough advances until the settlement run of period is done and returns it with
// the types of the events of the blocks it took.
func (d *dflt) settleThrough(t *testing.T, period uint64) (types.SettlementRun, map[string]int) {
	t.Helper()
	events := map[string]int{}
	for i := 0; i < 200; i++ {
		run, err := d.k.Runs.Get(d.c.Ctx(), period)
		if err == nil && run.Done {
			return run, events
		}
		for _, e := range d.c.NextBlockEvents(time.Duration(et.DefaultPeriodSeconds) * time.Second) {
			events[e.Type]++
		}
		d.check(t)
	}
	t.Fatalf("period %d was not settled in 200 blocks", period)
	return types.SettlementRun{}, nil
}

// check runs settlement's and energy's invariants: debts total == claims total, the
// clearing account empty between runs, the open face values in step with the tokens.
func (d *dflt) check(t *testing.T) {
	t.Helper()
	ctx := d.c.Ctx()
	require.NoError(t, d.k.CheckInvariants(ctx, func(ctx2 context.Context, clearing sdk.AccAddress, denom string) (sdkmath.Int, error) {
		acc, err := d.c.App.FiatKeeper.GetSettlementAccount(ctx2, clearing, denom)
		return acc.Balance, err
	}))
	require.NoError(t, d.c.App.EnergyKeeper.CheckInvariants(ctx))
	debts, err := d.q.Debts(ctx, &types.QueryDebtsRequest{})
	require.NoError(t, err)
	claims, err := d.q.Claims(ctx, &types.QueryClaimsRequest{})
	require.NoError(t, err)
	require.Equal(t, len(debts.Totals), len(claims.Totals))
	for i := range debts.Totals {
		require.Equal(t, debts.Totals[i].Payable.String(), claims.Totals[i].Receivable.String(), "debts and claims in %s", debts.Totals[i].Denom)
	}
}

// debt is who's debt in denom (zero amount when none).
func (d *dflt) debt(t *testing.T, who sdk.AccAddress) types.Debt {
	t.Helper()
	debt, err := d.k.Debts.Get(d.c.Ctx(), collections.Join(who, dChf))
	if err != nil {
		require.ErrorIs(t, err, collections.ErrNotFound)
		return types.Debt{Amount: sdkmath.ZeroInt()}
	}
	return debt
}

// claim is who's unpaid claim in dChf.
func (d *dflt) claim(t *testing.T, who sdk.AccAddress) sdkmath.Int {
	t.Helper()
	c, err := d.k.Claims.Get(d.c.Ctx(), collections.Join(who, dChf))
	if err != nil {
		require.ErrorIs(t, err, collections.ErrNotFound)
		return sdkmath.ZeroInt()
	}
	return c.Amount
}

// balance is who's settlement balance in dChf.
func (d *dflt) balance(t *testing.T, who sdk.AccAddress) sdkmath.Int {
	t.Helper()
	return d.c.Settlement(t, d.c.Ctx(), who, dChf)
}

// status is who's participant status.
func (d *dflt) status(t *testing.T, who sdk.AccAddress) bt.ParticipantStatus {
	t.Helper()
	p, ok, err := d.c.App.BalancingKeeper.GetParticipant(d.c.Ctx(), who)
	require.NoError(t, err)
	require.True(t, ok)
	return p.Status
}
