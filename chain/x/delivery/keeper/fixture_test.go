package keeper_test

import (
	"cosmossdk.io/collections"
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/keeper"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// The fixture's metering points.
const (
	solarED   = "CH-SOLAR-ED-1"   // a producer's solar plant, ed25519 key, company meter
	loadSecp  = "CH-LOAD-SECP-1"  // a consumer's connection, secp256k1 key, company meter
	aggPoint  = "CH-AGG-RETAIL-1" // a retailer's aggregation point over households, ed25519
	household = "CH-HH-OPTIN-1"   // a household that opted in, ed25519
	retired   = "CH-OLD-1"        // a retired production meter
)

// meterKey signs readings as a meter's secure element would.
type meterKey struct {
	alg  bt.KeyAlgorithm
	ed   ed25519.PrivateKey
	secp *secp256k1.PrivKey
}

func edMeterKey(seed string) meterKey {
	s := sha256.Sum256([]byte("ed " + seed))
	return meterKey{alg: bt.KeyAlgorithm_KEY_ALGORITHM_ED25519, ed: ed25519.NewKeyFromSeed(s[:])}
}

func secpMeterKey(seed string) meterKey {
	s := sha256.Sum256([]byte("secp " + seed))
	return meterKey{alg: bt.KeyAlgorithm_KEY_ALGORITHM_SECP256K1, secp: &secp256k1.PrivKey{Key: s[:]}}
}

func (k meterKey) pub() []byte {
	if k.alg == bt.KeyAlgorithm_KEY_ALGORITHM_ED25519 {
		return k.ed.Public().(ed25519.PublicKey)
	}
	return k.secp.PubKey().Bytes()
}

// sign returns r signed for chainID.
func (k meterKey) sign(t testing.TB, chainID string, r types.SignedReading) types.SignedReading {
	bz := types.ReadingSignBytes(chainID, r)
	if k.alg == bt.KeyAlgorithm_KEY_ALGORITHM_ED25519 {
		r.Signature = ed25519.Sign(k.ed, bz)
		return r
	}
	sig, err := k.secp.Sign(bz)
	require.NoError(t, err)
	r.Signature = sig
	return r
}

// grid is a chain with a data hub, a producer, a consumer, a retailer and a trader, their
// meters (one of each kind and key algorithm) and the keys those meters sign with.
type grid struct {
	c                                    *apptest.Chain
	hubKey                               *apptest.Key // signs real transactions as the data hub
	operator, hub, suspended, stranger   sdk.AccAddress
	producer, consumer, retailer, trader sdk.AccAddress
	keys                                 map[string]meterKey
	virtual                              string
	msgs                                 types.MsgServer
	q                                    types.QueryServer
}

func newGrid(t testing.TB) *grid {
	t.Helper()
	hubKey := apptest.NewKey()
	g := &grid{
		hubKey:   hubKey,
		operator: apptest.NewAccount(), hub: hubKey.Addr, suspended: apptest.NewAccount(), stranger: apptest.NewAccount(),
		producer: apptest.NewAccount(), consumer: apptest.NewAccount(), retailer: apptest.NewAccount(), trader: apptest.NewAccount(),
		keys: map[string]meterKey{
			solarED: edMeterKey(solarED), loadSecp: secpMeterKey(loadSecp), aggPoint: edMeterKey(aggPoint),
			household: edMeterKey(household), retired: edMeterKey(retired),
		},
	}
	g.c = apptest.Setup(t, g.operator, apptest.NewAccount(), g.operator, g.hub)
	ctx := g.c.Ctx()
	roles := func(rs ...bt.Role) []bt.Role { return rs }
	g.c.Admit(ctx, g.operator, g.hub, apptest.Admission{LegalID: "12X-DATAHUB-0001", Roles: roles(bt.Role_ROLE_CONSUMER)})
	g.c.Admit(ctx, g.operator, g.suspended, apptest.Admission{LegalID: "12X-SUSPENDED-01", Roles: roles(bt.Role_ROLE_CONSUMER)})
	g.c.Admit(ctx, g.operator, g.producer, apptest.Admission{LegalID: "12X-PRODUCER-001", Roles: roles(bt.Role_ROLE_PRODUCER)})
	g.c.Admit(ctx, g.operator, g.consumer, apptest.Admission{LegalID: "12X-CONSUMER-001", Roles: roles(bt.Role_ROLE_CONSUMER)})
	g.c.Admit(ctx, g.operator, g.retailer, apptest.Admission{LegalID: "12X-RETAILER-001", Roles: roles(bt.Role_ROLE_RETAILER)})
	g.c.Admit(ctx, g.operator, g.trader, apptest.Admission{LegalID: "12X-TRADER-0001", Roles: roles(bt.Role_ROLE_TRADER),
		TradedCategories: []bt.EnergyCategory{bt.EnergyCategory_ENERGY_CATEGORY_SOLAR}})
	g.c.Suspend(ctx, g.operator, g.suspended)
	g.virtual = bt.VirtualMeterID(g.trader.String(), bt.EnergyCategory_ENERGY_CATEGORY_SOLAR)
	company, agg, hh := bt.MeteringPointKind_METERING_POINT_KIND_COMPANY, bt.MeteringPointKind_METERING_POINT_KIND_AGGREGATION_POINT, bt.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN
	prod, cons := bt.MeterKind_METER_KIND_PRODUCTION, bt.MeterKind_METER_KIND_CONSUMPTION
	solar := bt.EnergyCategory_ENERGY_CATEGORY_SOLAR
	consent := sha256.Sum256([]byte("consent record 42"))
	for _, m := range []struct {
		id    string
		owner sdk.AccAddress
		kind  bt.MeterKind
		cat   bt.EnergyCategory
		point bt.MeteringPointKind
	}{
		{solarED, g.producer, prod, solar, company},
		{loadSecp, g.consumer, cons, 0, company},
		{aggPoint, g.retailer, cons, 0, agg},
		{household, g.producer, prod, solar, hh},
		{retired, g.producer, prod, solar, company},
	} {
		g.registerMeter(t, m.id, m.owner, m.kind, m.cat, m.point, consent[:])
	}
	_, err := balancingkeeper.NewMsgServerImpl(g.c.App.BalancingKeeper).RetireMeter(ctx, &bt.MsgRetireMeter{Operator: g.operator.String(), Id: retired})
	require.NoError(t, err)
	g.msgs, g.q = keeper.NewMsgServerImpl(g.c.App.DeliveryKeeper), keeper.NewQueryServerImpl(g.c.App.DeliveryKeeper)
	// Move a few periods on, so that ended periods exist.
	g.c.NextBlock(time.Hour)
	return g
}

func (g *grid) registerMeter(t testing.TB, id string, owner sdk.AccAddress, kind bt.MeterKind, cat bt.EnergyCategory, point bt.MeteringPointKind, consent []byte) {
	t.Helper()
	if _, ok := g.keys[id]; !ok {
		g.keys[id] = edMeterKey(id)
	}
	k := g.keys[id]
	msg := &bt.MsgRegisterMeter{
		Operator: g.operator.String(), Id: id, Owner: owner.String(), Kind: kind, Category: cat, PointKind: point,
		Location: bt.Location{GridNode: "ZH-7", Area: "CH-ZH"}, KeyAlgorithm: k.alg, PublicKey: k.pub(),
	}
	if point == bt.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN {
		msg.ConsentHash = consent
	}
	_, err := balancingkeeper.NewMsgServerImpl(g.c.App.BalancingKeeper).RegisterMeter(g.c.Ctx(), msg)
	require.NoError(t, err)
}

// current is the period the next block falls in.
func (g *grid) current() uint64 { return uint64(g.c.Time.Unix()) / 900 }

// reading is a signed reading of meter for period: wh, and a commitment for aggregation points.
func (g *grid) reading(t testing.TB, meter string, period, wh uint64) types.SignedReading {
	r := types.SignedReading{MeterId: meter, Period: period, Wh: wh}
	if meter == aggPoint {
		c, _, err := types.HouseholdCommitment([]types.HouseholdReading{{Ref: "hh-7f3a", Wh: wh / 2}, {Ref: "hh-91cc", Wh: wh - wh/2}})
		require.NoError(t, err)
		r.Commitment = c
	}
	k, ok := g.keys[meter]
	if !ok {
		k = edMeterKey(meter)
	}
	return k.sign(t, apptest.ChainID, r)
}

func (g *grid) submit(t testing.TB, ctx sdk.Context, submitter sdk.AccAddress, rs ...types.SignedReading) (*types.MsgSubmitReadingsResponse, error) {
	t.Helper()
	return g.msgs.SubmitReadings(ctx, &types.MsgSubmitReadings{Submitter: submitter.String(), Readings: rs})
}

func (g *grid) totals(t testing.TB, period uint64) types.PeriodTotals {
	t.Helper()
	res, err := g.q.PeriodTotals(g.c.Ctx(), &types.QueryPeriodTotalsRequest{Period: period})
	require.NoError(t, err)
	return res.Totals
}

func readingKeyOf(period uint64, meter string) collections.Pair[uint64, string] {
	return collections.Join(period, meter)
}
