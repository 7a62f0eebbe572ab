package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	settlementtypes "github.com/gridledger/gridledger/chain/x/settlement/types"
)

// The day's second producer and its plants.
const (
	rHydro = "R-HYDRO-1" // a run-of-river plant that also offers primary reserve
	rWind2 = "R-WIND-2"  // a wind park the operator redispatches to
)

var rHydroCat = bt.EnergyCategory_ENERGY_CATEGORY_HYDRO

// TestReconcileADay runs a whole day, 96 periods of 15 minutes, on the recon grid with a
// second producer (hydro, wind): tokens of 1 to 12 periods issued and traded day-ahead and
// intraday, ahead of their gates; resales by the trader, an open trader position at
// delivery, a bid, an unsold token, a redispatch after gate closure, a reserve and a
// grid-loss procurement; the four imbalance cases of seed §3.5.1 and missing readings
// spread over the day; reference prices for solar and wind from the start, for every
// category from noon (published mid-morning, with a negative solar price), and markets
// that are thin in some periods and liquid in others. After each period is reconciled,
// its outcome is compared with the one the test's own model computes (reconcile_model_test.go),
// invariant 3 and the modules' invariants hold, and reconciliation moved no money.
func TestReconcileADay(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*types.Params)
	}{
		{"dual pricing", func(*types.Params) {}},
		{"single pricing, 5 items per block", func(p *types.Params) {
			p.ImbalancePricing = types.ImbalancePricing_IMBALANCE_PRICING_SINGLE
			p.ImbalanceMarginBps = 2_500
			p.MaxReconcilePerBlock = 5
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			d := newDay(t, tc.edit)
			d.run(t)
			t.Logf("%d periods, %d tokens issued, %d trades, %d operator acts, %d readings (%d missing), %d imbalance tokens (Wh per case %v; lines per price source %v, %d at a negative price), %d blocks, %s",
				dayPeriods, d.issued, len(d.m.trades), d.acts, d.readings, d.missing, d.imbalanceTokens, d.byCase, d.bySource, d.negative, d.c.Height, time.Since(start).Round(time.Millisecond))
		})
	}
}

const dayPeriods = 96

// day drives the scenario: every act goes to the chain and to the model.
type day struct {
	*recon
	m         *model
	producer2 sdk.AccAddress
	d0        uint64 // the day's first period, midnight UTC
	params    types.Params
	wind      [24]uint64 // the wind park's hourly blocks
	reserve   uint64
	checked   uint64 // every period before it is checked

	issued, acts, readings, missing, imbalanceTokens, negative int
	byCase, bySource                                           map[string]uint64
}

func newDay(t *testing.T, edit func(*types.Params)) *day {
	r := newRecon(t, 2)
	d := &day{recon: r, m: newModel(r.operator), producer2: apptest.NewAccount(), byCase: map[string]uint64{}, bySource: map[string]uint64{}}
	ctx := r.c.Ctx()
	r.c.Admit(ctx, r.operator, d.producer2, apptest.Admission{LegalID: "12X-RPRODUCER-02", PositionLimitWh: 1_000_000_000, Roles: []bt.Role{bt.Role_ROLE_PRODUCER}})
	company := bt.MeteringPointKind_METERING_POINT_KIND_COMPANY
	prod, cons := bt.MeterKind_METER_KIND_PRODUCTION, bt.MeterKind_METER_KIND_CONSUMPTION
	r.registerMeter(t, rHydro, d.producer2, prod, rHydroCat, company)
	r.registerMeter(t, rWind2, d.producer2, prod, rWindCat, company)
	r.c.Fund(ctx, r.bank, rChf, d.producer2, sdkmath.NewInt(10_000_000_000), sdkmath.NewInt(10_000_000_000))
	r.c.Fund(ctx, r.bank, rChf, r.operator, sdkmath.NewInt(10_000_000_000), sdkmath.NewInt(10_000_000_000))
	d.m.meter(rSolar, r.producer, prod, rSolarCat)
	d.m.meter(rWind, r.producer, prod, rWindCat)
	d.m.meter(rHydro, d.producer2, prod, rHydroCat)
	d.m.meter(rWind2, d.producer2, prod, rWindCat)
	d.m.meter(rLoad, r.consumer, cons, 0)
	d.m.meter(rAgg, r.retailer, cons, 0)
	d.m.virtual(r.trader, rSolarCat, rWindCat)
	r.setParams(t, func(p *types.Params) {
		p.MinMarketWh = 20_000 // a liquid period trades at least 20 kWh of its category
		edit(p)
	})
	// This day checks reconciliation alone, which moves no money; settlement, which pays the
	// day's tokens, waits past it (x/settlement has its own day scenario).
	sp := settlementtypes.DefaultParams()
	sp.FeeWindowPeriods = 96 * 31
	require.NoError(t, r.c.App.SettlementKeeper.Params.Set(r.c.Ctx(), sp))
	var err error
	d.params, err = r.c.App.DeliveryKeeper.Params.Get(r.c.Ctx())
	require.NoError(t, err)
	d.d0 = (r.now()/dayPeriods + 1) * dayPeriods // the next midnight
	d.checked = d.d0 - 2
	return d
}

func (d *day) p(i int) uint64 { return d.d0 + uint64(i) }

func (d *day) issue(t *testing.T, issuer sdk.AccAddress, pm, cm string, c bt.EnergyCategory, first, last, wh uint64, edit func(*et.MsgIssueToken)) uint64 {
	t.Helper()
	id := d.issueWith(t, issuer, pm, cm, c, first, last, wh, edit)
	d.m.issued(id, issuer, pm, cm, c, first, last, wh)
	d.issued++
	return id
}

func (d *day) trade(t *testing.T, owner, buyer sdk.AccAddress, id uint64, side et.Side, price int64, meter string) {
	t.Helper()
	d.sell(t, owner, buyer, id, side, price, meter)
	d.m.moved(id, side, buyer.String(), meter, &price)
}

func (d *day) readMeter(t *testing.T, meter string, period, wh uint64) {
	t.Helper()
	d.read(t, meter, period, wh)
	d.m.read(meter, period, wh)
	d.readings++
}

func (d *day) publishRef(t *testing.T, c bt.EnergyCategory, from uint64, price int64) {
	t.Helper()
	d.publish(t, c, from, price)
	d.m.published(c, from, price)
}

// windWh is the wind park's hourly block h.
func windWh(h int) uint64 { return uint64(6_000 + 700*(h%5) + 300*(h%3)) }

// solarWh is the solar plant's single-period token of period i (sunrise 07:00, sunset 18:00).
func solarWh(i int) uint64 {
	x := min(i-27, 72-i)
	return uint64(60 * x * x)
}

// dayAhead is what is issued and traded the day before: the wind park's hourly blocks,
// the hydro plant's 3-hour blocks and reserve token, solar blocks of 3 periods and the
// morning's single periods, and two bids of the consumer.
func (d *day) dayAhead(t *testing.T) {
	d.publishRef(t, rSolarCat, d.d0, 40_000_000)
	d.publishRef(t, rWindCat, d.d0, 45_000_000)
	for h := 0; h < 24; h++ {
		var edit func(*et.MsgIssueToken)
		if h == 5 {
			edit = func(msg *et.MsgIssueToken) {
				msg.Capabilities.Redispatch = et.Capability{Offered: true, MobilisationSeconds: 300, PricePerMwh: 3_000_000}
			}
		}
		id := d.issue(t, d.producer, rWind, rWind, rWindCat, d.p(4*h), d.p(4*h+3), windWh(h), edit)
		d.wind[h] = id
		switch h % 3 {
		case 0:
			d.trade(t, d.producer, d.consumer, id, et.Side_SIDE_CONSUMER, 60_000_000, rLoad)
		case 1:
			d.trade(t, d.producer, d.retailer, id, et.Side_SIDE_CONSUMER, 62_000_000, rAgg)
		default:
			d.trade(t, d.producer, d.trader, id, et.Side_SIDE_CONSUMER, 58_000_000, "")
			if h%6 == 2 { // resold; the other blocks stay with the trader through delivery
				d.trade(t, d.trader, d.consumer, id, et.Side_SIDE_CONSUMER, 64_500_001, rLoad)
			}
		}
	}
	for k := 0; k < 8; k++ {
		id := d.issue(t, d.producer2, rHydro, rHydro, rHydroCat, d.p(12*k), d.p(12*k+11), 8_000, nil)
		if k%2 == 0 {
			d.trade(t, d.producer2, d.consumer, id, et.Side_SIDE_CONSUMER, 70_000_000, rLoad)
		} else {
			d.trade(t, d.producer2, d.retailer, id, et.Side_SIDE_CONSUMER, 72_333_333, rAgg)
		}
	}
	d.reserve = d.issue(t, d.producer2, rHydro, rHydro, rHydroCat, d.p(40), d.p(47), 3_000, func(msg *et.MsgIssueToken) {
		msg.Capabilities.Primary = et.Capability{Offered: true, MobilisationSeconds: 30, PricePerMwh: 5_000_000}
	})
	for k := 0; k < 13; k++ {
		id := d.issue(t, d.producer, rSolar, rSolar, rSolarCat, d.p(30+3*k), d.p(32+3*k), 5_000, nil)
		d.trade(t, d.producer, d.consumer, id, et.Side_SIDE_CONSUMER, 45_000_000, rLoad)
	}
	for i := 28; i < 48; i++ {
		id := d.issue(t, d.producer, rSolar, rSolar, rSolarCat, d.p(i), d.p(i), solarWh(i), nil)
		d.trade(t, d.producer, d.retailer, id, et.Side_SIDE_CONSUMER, int64(38_000_000+(i%4)*1_250_001), rAgg)
	}
	// The consumer's bids: the trader takes both producer sides (it is paid to: a negative
	// ask), covers the second with the solar plant and leaves the first open.
	bid := d.issue(t, d.consumer, rLoad, rLoad, rSolarCat, d.p(60), d.p(61), 4_000, nil)
	d.trade(t, d.consumer, d.trader, bid, et.Side_SIDE_PRODUCER, -35_000_000, "")
	bid = d.issue(t, d.consumer, rLoad, rLoad, rSolarCat, d.p(64), d.p(64), 3_000, nil)
	d.trade(t, d.consumer, d.trader, bid, et.Side_SIDE_PRODUCER, -36_000_000, "")
	d.trade(t, d.trader, d.producer, bid, et.Side_SIDE_PRODUCER, -37_000_000, rSolar)
}

// intraday is what happens while the day runs, at block time in period cur = d0 + i:
// tokens for periods two ahead (the first whose gate is open), the operator's acts, the
// noon reference prices, and the readings of the periods that ended.
func (d *day) intraday(t *testing.T, i int) {
	ctx := d.c.Ctx()
	switch {
	case i+2 >= 48 && i+2 < 72:
		id := d.issue(t, d.producer, rSolar, rSolar, rSolarCat, d.p(i+2), d.p(i+2), solarWh(i+2), nil)
		if i+2 == 50 { // the operator buys it as grid losses
			d.procure(t, ctx, d.producer, id, et.TradeKind_TRADE_KIND_GRID_LOSSES, 41_000_000)
		} else {
			d.trade(t, d.producer, d.retailer, id, et.Side_SIDE_CONSUMER, int64(30_000_000+(i%5)*999_999), rAgg)
		}
	}
	if i+2 >= 60 && i+2 < 72 {
		id := d.issue(t, d.producer2, rWind2, rWind2, rWindCat, d.p(i+2), d.p(i+2), 15_000, nil)
		d.trade(t, d.producer2, d.consumer, id, et.Side_SIDE_CONSUMER, int64(55_000_000+(i%3)*333_333), rLoad)
	}
	switch i {
	case 19: // block 5 is frozen (its gate closed) and not yet delivering: redispatch it
		_, err := d.energy.Redispatch(ctx, &et.MsgRedispatch{Operator: d.operator.String(), TokenId: d.wind[5], Side: et.Side_SIDE_PRODUCER,
			To: d.producer2.String(), MeterId: rWind2})
		require.NoError(t, err)
		d.m.moved(d.wind[5], et.Side_SIDE_PRODUCER, d.producer2.String(), rWind2, nil)
		d.acts++
	case 30:
		d.procure(t, ctx, d.producer2, d.reserve, et.TradeKind_TRADE_KIND_RESERVE_PRIMARY, 70_000_000)
	case 42: // issued late, never sold: its two sides cancel and its energy is over-production
		d.issue(t, d.producer, rSolar, rSolar, rSolarCat, d.p(44), d.p(45), 2_000, nil)
	case 44:
		d.publishRef(t, 0, d.p(48), 50_000_000)
		d.publishRef(t, rSolarCat, d.p(48), -5_000_000)
	}
	for _, meter := range []string{rSolar, rWind, rHydro, rWind2, rLoad, rAgg} {
		late := 1
		if meter == rAgg {
			late = 2 // the retailer's data hub delivers the next period
		}
		if i-late < 0 || i-late >= dayPeriods {
			continue
		}
		if wh, ok := d.physical(meter, i-late); ok {
			d.readMeter(t, meter, d.p(i-late), wh)
		} else {
			d.missing++
		}
	}
}

// procure has owner offer the consumer side of id and the operator buy it as kind.
func (d *day) procure(t *testing.T, ctx sdk.Context, owner sdk.AccAddress, id uint64, kind et.TradeKind, price int64) {
	t.Helper()
	_, err := d.energy.SetAsk(ctx, &et.MsgSetAsk{Owner: owner.String(), TokenId: id, Side: et.Side_SIDE_CONSUMER, Ask: et.Ask{ForSale: true, PricePerMwh: price, Denom: rChf}})
	require.NoError(t, err)
	_, err = d.energy.Procure(ctx, &et.MsgProcure{Operator: d.operator.String(), TokenId: id, Side: et.Side_SIDE_CONSUMER, Kind: kind, MaxPricePerMwh: price, Denom: rChf})
	require.NoError(t, err)
	d.m.moved(id, et.Side_SIDE_CONSUMER, d.operator.String(), "", &price)
	d.acts++
}

// physical is what meter measured in period d0+i: its schedule, bent by the day's
// deviations; ok is false for a reading that never arrives.
func (d *day) physical(meter string, i int) (wh uint64, ok bool) {
	sched, _ := d.m.scheduledAt(meter, d.p(i))
	base := sum(sched)
	dev := int64(0)
	switch meter {
	case rSolar:
		switch {
		case i == 45:
			return 0, false // the plant's meter lost its link
		case i == 26 || i == 27:
			dev = 500 // sun before the first token
		case i >= 40 && i < 56:
			dev = base*3/100 + 7 // over-production
		case i >= 56 && i < 60:
			dev = -2_000 // clouds
		}
	case rWind:
		switch {
		case i == 10 || i == 11:
			return 0, false
		case i == 22:
			dev = int64(windWh(5)) // produced block 5 although it was redispatched away
		default:
			dev = int64(i%7-3) * 150
		}
	case rWind2:
		switch {
		case i == 22:
			dev = -int64(windWh(5)) // and the park it went to did not ramp up
		case i%9 == 4:
			dev = 250 // no schedule at all most of the day
		}
	case rHydro:
		switch {
		case i == 41:
			dev = 123
		case i >= 80 && i < 84:
			dev = -1_000
		}
	case rLoad:
		base = -base
		switch {
		case i == 50:
			return 0, false
		case i%5 == 0:
			dev = 700 // over-consumption
		case i%5 == 2:
			dev = -400 // under-consumption, shared over the categories bought
		}
	case rAgg:
		base = -base
		switch {
		case i == 88:
			return 0, false
		case i >= 33 && i < 40:
			dev = -1_111
		case i >= 90:
			dev = 2_500
		case i%11 == 3:
			dev = 1
		}
	}
	return uint64(max(base+dev, 0)), true
}

// money is every holding of the fixture's fiat: supply, bank balances, settlement accounts.
func (d *day) money(t *testing.T) map[string]string {
	ctx := d.c.Ctx()
	out := map[string]string{"supply": d.c.App.BankKeeper.GetSupply(ctx, rChf).Amount.String()}
	d.c.App.BankKeeper.IterateAllBalances(ctx, func(addr sdk.AccAddress, coin sdk.Coin) bool {
		if coin.Denom == rChf {
			out["bank/"+addr.String()] = coin.Amount.String()
		}
		return false
	})
	err := d.c.App.FiatKeeper.SettlementAccounts.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, string], a fiattypes.SettlementAccount) (bool, error) {
		out["settlement/"+a.Owner+"/"+a.Denom] = a.Balance.String() + " locked " + a.Locked.String()
		return false, nil
	})
	require.NoError(t, err)
	return out
}

// run plays the day from two periods before it until its last period is reconciled.
func (d *day) run(t *testing.T) {
	d.dayAhead(t)
	// To two periods before the day in one block; reconciliation catches up on empty periods.
	d.c.NextBlock(time.Duration(et.DefaultPeriodSeconds*(d.d0-2-d.now())) * time.Second)
	d.catchUp(t)
	for d.checked < d.p(dayPeriods) {
		cur := d.now()
		d.intraday(t, int(cur)-int(d.d0))
		d.c.NextBlock(time.Second) // the acts' block: their fees settle at its end
		before := d.money(t)
		next := time.Unix(int64((cur+1)*et.DefaultPeriodSeconds)+2, 0).UTC()
		d.c.NextBlock(next.Sub(d.c.Time)) // into the next period: a period's window closes
		d.catchUp(t)
		require.Equal(t, before, d.money(t), "reconciliation moves no money")
		ctx := d.c.Ctx()
		require.NoError(t, d.c.App.EnergyKeeper.CheckInvariants(ctx))
		require.NoError(t, d.c.App.FiatKeeper.CheckInvariants(ctx))
		prog, err := d.q.ReconciliationProgress(ctx, &types.QueryReconciliationProgressRequest{})
		require.NoError(t, err)
		for ; d.checked < prog.Progress.NextPeriod && d.checked < d.p(dayPeriods); d.checked++ {
			want := d.m.expect(d.checked, d.params)
			checkOutcome(t, d.recon, d.m, ctx, d.checked, want)
			d.imbalanceTokens += len(want.lines)
			for _, l := range want.lines {
				d.byCase[l.kase.String()[len("IMBALANCE_CASE_"):]] += l.wh
				d.bySource[l.source.String()[len("PRICE_SOURCE_"):]]++
				if l.price < 0 {
					d.negative++
				}
			}
		}
	}
	for _, c := range []string{"OVER_PRODUCTION", "UNDER_PRODUCTION", "UNDER_CONSUMPTION", "OVER_CONSUMPTION"} {
		require.Positive(t, d.byCase[c], "the day has %s", c)
	}
	for _, s := range []string{"MARKET", "REFERENCE", "UNPRICED"} {
		require.Positive(t, d.bySource[s], "the day prices imbalances at %s", s)
	}
	require.Positive(t, d.negative, "the day has negative imbalance prices")
}

// catchUp runs short blocks until no period is due (paged reconciliation takes several).
func (d *day) catchUp(t *testing.T) {
	for i := 0; ; i++ {
		require.Less(t, i, 150, "reconciliation does not catch up")
		prog, err := d.q.ReconciliationProgress(d.c.Ctx(), &types.QueryReconciliationProgressRequest{})
		require.NoError(t, err)
		if prog.Progress.NextPeriod+d.window+1 > d.now() {
			return
		}
		d.c.NextBlock(5 * time.Second)
	}
}
