package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

const (
	chf = "uchf.alpine" // 10 basis points per payment
	eur = "ueur.nordic" // a fixed fee of 5 per payment

	solarMeter    = "CH-P-SOLAR-1"  // the producer's solar plant
	solarMeter2   = "CH-P-SOLAR-2"  // the producer's second solar plant
	windMeter     = "CH-P-WIND-1"   // the producer's wind park
	producerLoad  = "CH-P-LOAD-1"   // the producer's own consumption
	consumerLoad  = "CH-C-LOAD-1"   // the consumer's connection
	suspendedLoad = "CH-S-LOAD-1"   // the suspended consumer's connection
	pureSolar     = "CH-PP-SOLAR-1" // the pure producer's only meter: a solar plant

	consumerLimit = 5_000  // Wh per period
	traderLimit   = 10_000 // Wh per period

	deposit = 5_000_000_000 // each participant's settlement balance per denom at start
)

var (
	solar = balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR
	wind  = balancingtypes.EnergyCategory_ENERGY_CATEGORY_WIND
	hydro = balancingtypes.EnergyCategory_ENERGY_CATEGORY_HYDRO

	producerSide = types.Side_SIDE_PRODUCER
	consumerSide = types.Side_SIDE_CONSUMER
)

// market is a chain where the grid operator admitted a producer (two solar plants, a wind park,
// its own load), a pure producer (one solar plant), a consumer, two traders (virtual
// meters), a suspended consumer and a CO2 authority; two banks are approved and every participant holds fiat of both in its
// settlement account. trader2 holds almost nothing there.
type market struct {
	c                                 *apptest.Chain
	operator, bank, bank2             sdk.AccAddress
	producer, consumer, trader        sdk.AccAddress
	trader2, suspended, co2, stranger sdk.AccAddress
	pureProducer                      sdk.AccAddress // a solar plant and nothing else
	msgs                              types.MsgServer
	q                                 types.QueryServer
	now                               uint64 // the current period
}

func newMarket(t testing.TB) *market {
	t.Helper()
	m := &market{
		operator: apptest.NewAccount(), bank: apptest.NewAccount(), bank2: apptest.NewAccount(),
		producer: apptest.NewAccount(), consumer: apptest.NewAccount(), trader: apptest.NewAccount(),
		trader2: apptest.NewAccount(), suspended: apptest.NewAccount(), co2: apptest.NewAccount(), stranger: apptest.NewAccount(),
		pureProducer: apptest.NewAccount(),
	}
	c := apptest.Setup(t, m.operator, apptest.NewAccount(), m.operator)
	m.c = c
	ctx := c.Ctx()
	role := func(rs ...balancingtypes.Role) []balancingtypes.Role { return rs }
	c.Admit(ctx, m.operator, m.producer, apptest.Admission{LegalID: "12X-PRODUCER-001", PositionLimitWh: 1_000_000,
		Roles: role(balancingtypes.Role_ROLE_PRODUCER, balancingtypes.Role_ROLE_CONSUMER)})
	c.Admit(ctx, m.operator, m.consumer, apptest.Admission{LegalID: "12X-CONSUMER-001", PositionLimitWh: consumerLimit,
		Roles: role(balancingtypes.Role_ROLE_CONSUMER)})
	c.Admit(ctx, m.operator, m.trader, apptest.Admission{LegalID: "12X-TRADER-0001", PositionLimitWh: traderLimit,
		Roles: role(balancingtypes.Role_ROLE_TRADER), TradedCategories: []balancingtypes.EnergyCategory{solar, wind}})
	c.Admit(ctx, m.operator, m.trader2, apptest.Admission{LegalID: "12X-TRADER-0002", PositionLimitWh: 1_000_000_000,
		Roles: role(balancingtypes.Role_ROLE_TRADER), TradedCategories: []balancingtypes.EnergyCategory{solar, wind}})
	c.Admit(ctx, m.operator, m.suspended, apptest.Admission{LegalID: "12X-SUSPENDED-1", PositionLimitWh: 1_000_000,
		Roles: role(balancingtypes.Role_ROLE_CONSUMER)})
	c.Admit(ctx, m.operator, m.pureProducer, apptest.Admission{LegalID: "12X-PUREPROD-01", PositionLimitWh: 1_000_000,
		Roles: role(balancingtypes.Role_ROLE_PRODUCER)})
	c.Admit(ctx, m.operator, m.co2, apptest.Admission{LegalID: "12X-CO2-AUTH-01", Roles: role(balancingtypes.Role_ROLE_CO2_AUTHORITY)})

	production, consumption := balancingtypes.MeterKind_METER_KIND_PRODUCTION, balancingtypes.MeterKind_METER_KIND_CONSUMPTION
	none := balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED
	c.RegisterMeter(ctx, m.operator, solarMeter, m.producer, production, solar)
	c.RegisterMeter(ctx, m.operator, solarMeter2, m.producer, production, solar)
	c.RegisterMeter(ctx, m.operator, windMeter, m.producer, production, wind)
	c.RegisterMeter(ctx, m.operator, producerLoad, m.producer, consumption, none)
	c.RegisterMeter(ctx, m.operator, consumerLoad, m.consumer, consumption, none)
	c.RegisterMeter(ctx, m.operator, suspendedLoad, m.suspended, consumption, none)
	c.RegisterMeter(ctx, m.operator, pureSolar, m.pureProducer, production, solar)

	reserve := sdkmath.NewInt(1_000_000_000_000_000)
	c.ApproveBank(ctx, m.bank, chf, "chf.alpine", "CHF", fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: 10, FixedAmount: sdkmath.ZeroInt()}, reserve)
	c.ApproveBank(ctx, m.bank2, eur, "eur.nordic", "EUR", fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_FIXED, FixedAmount: sdkmath.NewInt(5)}, reserve)
	for _, who := range []sdk.AccAddress{m.producer, m.consumer, m.trader, m.suspended, m.pureProducer} {
		for _, b := range []struct {
			bank  sdk.AccAddress
			denom string
		}{{m.bank, chf}, {m.bank2, eur}} {
			c.Fund(ctx, b.bank, b.denom, who, sdkmath.NewInt(2*deposit), sdkmath.NewInt(deposit))
		}
	}
	c.Fund(ctx, m.bank, chf, m.trader2, sdkmath.NewInt(1_000_000), sdkmath.NewInt(1_000))
	c.Suspend(ctx, m.operator, m.suspended)
	c.NextBlock(time.Second)

	m.msgs = keeper.NewMsgServerImpl(c.App.EnergyKeeper)
	m.q = keeper.NewQueryServerImpl(c.App.EnergyKeeper)
	m.now = uint64(c.Ctx().BlockTime().Unix()) / types.DefaultPeriodSeconds
	m.checkInvariants(t, c.Ctx())
	t.Cleanup(func() { m.checkInvariants(t, m.c.Ctx()) })
	return m
}

// branch returns a scratch copy of the committed state for one scenario and checks both
// modules' invariants on it when the scenario ends.
func (m *market) branch(t testing.TB) sdk.Context {
	t.Helper()
	ctx, _ := m.c.Ctx().CacheContext()
	t.Cleanup(func() { m.checkInvariants(t, ctx) })
	return ctx
}

func (m *market) checkInvariants(t testing.TB, ctx sdk.Context) {
	t.Helper()
	require.NoError(t, m.c.App.EnergyKeeper.CheckInvariants(ctx), "x/energy invariants")
	require.NoError(t, m.c.App.FiatKeeper.CheckInvariants(ctx), "x/fiat invariants")
}

// snapshot is everything a refused message must leave untouched: both modules' exports
// (readable diffs), every balance, and the raw stores (sequences and indexes included).
type snapshot struct {
	Energy, Fiat, Bank string
	Raw                map[string]string
}

func (m *market) snapshot(t testing.TB, ctx sdk.Context) snapshot {
	t.Helper()
	cdc := m.c.App.AppCodec()
	energy, err := m.c.App.EnergyKeeper.ExportGenesis(ctx)
	require.NoError(t, err)
	fiat, err := m.c.App.FiatKeeper.ExportGenesis(ctx)
	require.NoError(t, err)
	return snapshot{
		Energy: string(cdc.MustMarshalJSON(energy)),
		Fiat:   string(cdc.MustMarshalJSON(fiat)),
		Bank:   string(cdc.MustMarshalJSON(m.c.App.BankKeeper.ExportGenesis(ctx))),
		Raw:    m.c.StoreDump(t, ctx, "energy", "fiat", "bank", "acc"),
	}
}

// refused runs a message that must fail with the registered error want, and proves
// that it changed nothing.
func (m *market) refused(t testing.TB, ctx sdk.Context, want error, run func(ctx sdk.Context) error) {
	t.Helper()
	before := m.snapshot(t, ctx)
	err := run(ctx)
	require.ErrorIs(t, err, want)
	require.Equal(t, before, m.snapshot(t, ctx), "a refused message changed state")
}

// issueMsg is a 4-period token of 1000 Wh per period from the producer's solar plant to
// its own load, starting four periods from now.
func (m *market) issueMsg() *types.MsgIssueToken {
	return &types.MsgIssueToken{
		Issuer: m.producer.String(), FirstPeriod: m.now + 4, LastPeriod: m.now + 7, WhPerPeriod: 1000,
		ProducerMeterId: solarMeter, ConsumerMeterId: producerLoad, Co2Grams: 120,
		FaceValuePerMwh: types.Money{Amount: sdkmath.NewInt(75_000_000), Denom: chf},
		Terms: types.ContractTerms{
			SettlementDelayPeriods: 4, CancellationFee: sdkmath.NewInt(2_000_000),
			ProducerDefaultDelayPeriods: 1, ProducerDefaultFee: sdkmath.NewInt(10_000_000),
			ConsumerDefaultDelayPeriods: 2, ConsumerDefaultFee: sdkmath.NewInt(12_000_000),
			LegalFramework: "EFET-2007-CH",
		},
		Capabilities: types.BalancingCapabilities{
			Redispatch: types.Capability{Offered: true, MobilisationSeconds: 900, PricePerMwh: 120_000_000},
		},
	}
}

// traderIssueMsg is issueMsg issued by the trader between its solar virtual meters.
func (m *market) traderIssueMsg() *types.MsgIssueToken {
	msg := m.issueMsg()
	msg.Issuer = m.trader.String()
	msg.ProducerMeterId = balancingtypes.VirtualMeterID(m.trader.String(), solar)
	msg.ConsumerMeterId = ""
	return msg
}

// issue issues a token from issueMsg changed by edit, and returns its id.
func (m *market) issue(t testing.TB, ctx sdk.Context, edit func(*types.MsgIssueToken)) uint64 {
	t.Helper()
	msg := m.issueMsg()
	if edit != nil {
		edit(msg)
	}
	res, err := m.msgs.IssueToken(ctx, msg)
	require.NoError(t, err)
	return res.TokenId
}

func (m *market) setAsk(t testing.TB, ctx sdk.Context, owner sdk.AccAddress, id uint64, side types.Side, price int64, denom string) {
	t.Helper()
	_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: owner.String(), TokenId: id, Side: side,
		Ask: types.Ask{ForSale: true, PricePerMwh: price, Denom: denom}})
	require.NoError(t, err)
}

func (m *market) buy(t testing.TB, ctx sdk.Context, buyer sdk.AccAddress, id uint64, side types.Side, price int64, denom, meter string) sdkmath.Int {
	t.Helper()
	res, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: buyer.String(), TokenId: id, Side: side,
		MaxPricePerMwh: price, Denom: denom, MeterId: meter})
	require.NoError(t, err)
	return res.Paid
}

func (m *market) handOver(t testing.TB, ctx sdk.Context, from, to sdk.AccAddress, id uint64, side types.Side, meter string) {
	t.Helper()
	_, err := m.msgs.HandOverSide(ctx, &types.MsgHandOverSide{From: from.String(), To: to.String(), TokenId: id, Side: side, MeterId: meter})
	require.NoError(t, err)
}

func (m *market) token(t testing.TB, ctx sdk.Context, id uint64) types.Token {
	t.Helper()
	res, err := m.q.Token(ctx, &types.QueryTokenRequest{Id: id})
	require.NoError(t, err)
	return res.Token
}

func (m *market) tradesOf(t testing.TB, ctx sdk.Context, id uint64) []types.Trade {
	t.Helper()
	res, err := m.q.Trades(ctx, &types.QueryTradesRequest{TokenId: id})
	require.NoError(t, err)
	return res.Trades
}

func (m *market) settlement(ctx sdk.Context, who sdk.AccAddress, denom string) sdkmath.Int {
	acc, err := m.c.App.FiatKeeper.GetSettlementAccount(ctx, who, denom)
	if err != nil {
		panic(err) // a store error: nothing a test could go on from
	}
	return acc.Balance
}

// endBlock runs what the end of a block does to a branch: x/fiat settles the fees due to
// the banks.
func (m *market) endBlock(t testing.TB, ctx sdk.Context) {
	t.Helper()
	require.NoError(t, m.c.App.FiatKeeper.SettleFees(ctx))
}

func (m *market) wallet(ctx sdk.Context, who sdk.AccAddress, denom string) sdkmath.Int {
	return m.c.App.BankKeeper.GetBalance(ctx, who, denom).Amount
}

func (m *market) virtual(who sdk.AccAddress, c balancingtypes.EnergyCategory) string {
	return balancingtypes.VirtualMeterID(who.String(), c)
}

// withEvents gives ctx a fresh event manager, so eventsOf sees one message's events.
func withEvents(ctx sdk.Context) sdk.Context { return ctx.WithEventManager(sdk.NewEventManager()) }

// eventsOf returns the typed events of type T emitted on ctx.
func eventsOf[T proto.Message](t testing.TB, ctx sdk.Context) []T {
	t.Helper()
	var out []T
	for _, e := range ctx.EventManager().ABCIEvents() {
		msg, err := sdk.ParseTypedEvent(e)
		if err != nil {
			continue // an untyped event, e.g. x/bank's coin_spent
		}
		if ev, ok := msg.(T); ok {
			out = append(out, ev)
		}
	}
	return out
}

// coreOf is a token without the parts that may change after issue (sides, status,
// children): what must stay identical for the token's whole life.
func coreOf(t types.Token) types.Token {
	t.Producer, t.Consumer, t.Status, t.Children = types.TokenSide{}, types.TokenSide{}, 0, nil
	return t
}

// requireSame compares two records by their JSON encoding: math.Int values that are
// equal need not be deeply equal.
func (m *market) requireSame(t testing.TB, want, got proto.Message) {
	t.Helper()
	cdc := m.c.App.AppCodec()
	require.JSONEq(t, string(cdc.MustMarshalJSON(want)), string(cdc.MustMarshalJSON(got)))
}

func ints(v int64) sdkmath.Int { return sdkmath.NewInt(v) }
