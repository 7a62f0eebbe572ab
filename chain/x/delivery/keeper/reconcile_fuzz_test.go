package keeper_test

import (
	"math"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
)

// rLosses is the balancing authority's grid-loss meter in FuzzReconcile.
const rLosses = "R-LOSSES-1"

// FuzzReconcile derives three periods of a grid from the fuzz input: tokens of 1 to 3
// periods at the recon grid's meters (producer offers, consumer and retailer bids, the
// trader's own), of any volume up to a token's maximum, some sold, resold or procured at
// any price in the band; readings that match, deviate, are huge or missing; dual or single
// pricing with any margin, with or without reference prices and a market threshold; and a
// max_reconcile_per_block of 1 to 4. It reconciles the three periods twice from the same
// state, paged at that budget and in one go at the largest, and requires invariant 3
// (CheckReconciled) in both, the same outcome in both (records but for the heights and
// item counts, statements, imbalance tokens but for their height: paging must not change
// what is settled), and the outcome the test's model computes (reconcile_model_test.go).
// The balancing authority's own meter is read too; its records are skipped, and the
// unpaged run must finish in one block.
func FuzzReconcile(f *testing.F) {
	// Layout: pricing and budget, reference prices, token count, 5 bytes per token, then 2
	// bytes per meter and period for the readings (zeros once the input is used up).
	f.Add([]byte{0x28, 0x01, 4,
		0x00, 0x03, 0x01, 0x00, 0x81, 0x01, 0x00, 0x00, 0x80, 0x8a, 0x02, 0x01, 0x00, 0x40, 0x34, 0x04, 0x07, 0x01, 0xff, 0xa1,
		2, 0x90, 1, 0, 2, 0x70, 0, 0, 3, 5, 1, 0, 2, 0x10, 0, 0, 3, 1, 0, 0, 3, 0, 1, 0, 1, 0, 2, 0xff, 1, 0})
	f.Add([]byte{0x55, 0x02, 5,
		0x03, 0x06, 0x02, 0x00, 0x44, 0x81, 0x02, 0x00, 0x10, 0x53, 0x05, 0x00, 0x00, 0x05, 0x4e, 0x00, 0x04, 0x00, 0x30, 0x87,
		0x02, 0x00, 0x00, 0x21, 0x67,
		2, 0, 2, 0xff, 3, 2, 1, 0, 3, 0x30, 0, 0, 1, 0, 2, 0x80, 2, 1, 2, 0x40, 3, 0xff, 0, 0, 1, 0, 0, 0, 1, 0})
	// Two tokens of nearly a TWh each from the solar plant, both sold to the consumer, and
	// no readings: each meter deviates by more than one token may carry.
	f.Add([]byte{0x00, 0x00, 2, 0x80, 0x00, 0xff, 0xff, 0x41, 0x80, 0x00, 0xff, 0xff, 0x41})
	// Single pricing, one item per block, and a reading at the operator's own meter.
	f.Add([]byte{0x01, 0x01, 1, 0x00, 0x00, 0x01, 0x00, 0x81, 1, 0, 0, 0, 2, 0x64, 0, 0, 3, 0x07})
	r := newRecon(f, 3)
	ctx := r.c.Ctx()
	bms := balancingkeeper.NewMsgServerImpl(r.c.App.BalancingKeeper)
	for _, who := range []struct {
		addr  sdk.AccAddress
		roles []bt.Role
		cats  []bt.EnergyCategory
	}{
		{r.producer, []bt.Role{bt.Role_ROLE_PRODUCER}, nil},
		{r.consumer, []bt.Role{bt.Role_ROLE_CONSUMER}, nil},
		{r.retailer, []bt.Role{bt.Role_ROLE_RETAILER}, nil},
		{r.trader, []bt.Role{bt.Role_ROLE_TRADER}, []bt.EnergyCategory{rSolarCat, rWindCat}},
	} {
		// Any volume: the position limits of the fixture would refuse most large tokens.
		_, err := bms.UpdateParticipant(ctx, &bt.MsgUpdateParticipant{Operator: r.operator.String(), Address: who.addr.String(),
			DisplayName: "fuzzed", Roles: who.roles, PositionLimitWh: math.MaxUint64, TradedCategories: who.cats})
		require.NoError(f, err)
		r.c.Fund(ctx, r.bank, rChf, who.addr, sdkmath.NewInt(190_000_000_000_000), sdkmath.NewInt(190_000_000_000_000))
	}
	r.c.Fund(ctx, r.bank, rChf, r.operator, sdkmath.NewInt(190_000_000_000_000), sdkmath.NewInt(190_000_000_000_000))
	// The balancing authority's own grid-loss meter: read, never reconciled.
	r.c.Admit(ctx, r.operator, r.operator, apptest.Admission{LegalID: "12X-GRIDOPERATOR", Roles: []bt.Role{bt.Role_ROLE_CONSUMER}})
	r.registerMeter(f, rLosses, r.operator, bt.MeterKind_METER_KIND_CONSUMPTION, 0, bt.MeteringPointKind_METERING_POINT_KIND_COMPANY)
	r.c.NextBlock(time.Second)
	base := r.now()
	first := base + 2 // the first period whose gate is open

	f.Fuzz(func(t *testing.T, in []byte) {
		src := fuzzBytes(in)
		m := reconModel(r)
		ctx, _ := r.c.Ctx().CacheContext()
		params, err := r.c.App.DeliveryKeeper.Params.Get(ctx)
		require.NoError(t, err)
		b := src.next()
		if b&1 == 1 {
			params.ImbalancePricing = types.ImbalancePricing_IMBALANCE_PRICING_SINGLE
		}
		budget := uint64(1 + (b>>1)%4)
		params.ImbalanceMarginBps = []uint32{0, 1_000, 10_000, 333}[(b>>3)%4]
		params.MinMarketWh = []uint64{0, 1_000, 1 << 40, 50_000_000}[(b>>5)%4]
		refs := src.next()
		switch refs % 4 {
		case 1:
			fuzzPublish(t, r, m, ctx, 0, first, 50_000_000)
		case 2:
			fuzzPublish(t, r, m, ctx, 0, first+1, int64(refs)*1_000_003-100_000_000)
			fuzzPublish(t, r, m, ctx, rSolarCat, first, -7_000_001)
		case 3:
			fuzzPublish(t, r, m, ctx, rWindCat, first, 9_999_000_000)
		}

		for n := src.next() % 13; n > 0; n-- {
			fuzzToken(t, r, m, ctx, first, src.take(5))
		}

		// The readings of each period, sent in the next one.
		for k := uint64(0); k < 3; k++ {
			rctx := ctx.WithBlockTime(time.Unix(int64((first+k+1)*et.DefaultPeriodSeconds)+1, 0))
			for _, meter := range []string{rSolar, rWind, rLoad, rAgg, rLosses} {
				mode, v := src.next(), src.next()
				sched, _ := m.scheduledAt(meter, first+k)
				expected := sum(sched)
				if meter != rSolar && meter != rWind {
					expected = -expected
				}
				var wh uint64
				switch mode % 4 {
				case 0:
					continue // missing
				case 1:
					wh = uint64(max(expected, 0))
				case 2:
					wh = uint64(max(expected+(int64(v)-128)*37, 0))
				default:
					wh = uint64(v) * 1_000
					if v == 0xff {
						wh = types.MaxReadingWh
					}
				}
				fuzzRead(t, r, m, rctx, meter, first+k, wh)
			}
		}

		// Reconcile the three periods paged and in one go, from the same state.
		paged, _ := ctx.CacheContext()
		params.MaxReconcilePerBlock = budget
		require.NoError(t, r.c.App.DeliveryKeeper.Params.Set(paged, params))
		whole, _ := ctx.CacheContext()
		params.MaxReconcilePerBlock = types.MaxReconcilePerBlockLimit
		require.NoError(t, r.c.App.DeliveryKeeper.Params.Set(whole, params))
		at := ctx.WithBlockTime(time.Unix(int64((first+3+3)*et.DefaultPeriodSeconds)+1, 0))
		paged, _ = fuzzReconcile(t, r, paged.WithBlockTime(at.BlockTime()), first+2)
		whole, blocks := fuzzReconcile(t, r, whole.WithBlockTime(at.BlockTime()), first+2)
		require.Equal(t, 1, blocks, "a few dozen items reconcile in one block at the largest budget")
		for p := first; p <= first+2; p++ {
			want := m.expect(p, params)
			checkOutcome(t, r, m, paged, p, want)
			checkOutcome(t, r, m, whole, p, want)
			requireSameOutcome(t, r, paged, whole, p)
		}
	})
}

// fuzzBytes hands out the fuzz input, zeros once it is used up.
type fuzzBytes []byte

func (s *fuzzBytes) next() byte {
	if len(*s) == 0 {
		return 0
	}
	b := (*s)[0]
	*s = (*s)[1:]
	return b
}

func (s *fuzzBytes) take(n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = s.next()
	}
	return out
}

// reconModel is the model of the recon grid's meters.
func reconModel(r *recon) *model {
	m := newModel(r.operator)
	prod, cons := bt.MeterKind_METER_KIND_PRODUCTION, bt.MeterKind_METER_KIND_CONSUMPTION
	m.meter(rSolar, r.producer, prod, rSolarCat)
	m.meter(rWind, r.producer, prod, rWindCat)
	m.meter(rLoad, r.consumer, cons, 0)
	m.meter(rAgg, r.retailer, cons, 0)
	m.virtual(r.trader, rSolarCat, rWindCat)
	m.meter(rLosses, r.operator, cons, 0)
	return m
}

// attempt runs fn on a branch of ctx and keeps its writes only if it succeeds: the fuzz
// input may ask for what the chain refuses, and a refusal is no finding here.
func attempt(ctx sdk.Context, fn func(sdk.Context) error) bool {
	branch, write := ctx.CacheContext()
	if fn(branch) != nil {
		return false
	}
	write()
	return true
}

func fuzzPublish(t *testing.T, r *recon, m *model, ctx sdk.Context, c bt.EnergyCategory, from uint64, price int64) {
	if attempt(ctx, func(ctx sdk.Context) error {
		_, err := r.msgs.PublishReferencePrice(ctx, &types.MsgPublishReferencePrice{Operator: r.operator.String(), Category: c, FromPeriod: from, PricePerMwh: price, Denom: rChf})
		return err
	}) {
		m.published(c, from, price)
	}
}

func fuzzRead(t *testing.T, r *recon, m *model, ctx sdk.Context, meter string, period, wh uint64) {
	sr := types.SignedReading{MeterId: meter, Period: period, Wh: wh}
	if meter == rAgg {
		c, _, err := types.HouseholdCommitment([]types.HouseholdReading{{Ref: "hh-1", Wh: wh / 2}, {Ref: "hh-2", Wh: wh - wh/2}})
		require.NoError(t, err)
		sr.Commitment = c
	}
	res, err := r.msgs.SubmitReadings(ctx, &types.MsgSubmitReadings{Submitter: r.operator.String(), Readings: []types.SignedReading{r.keys[meter].sign(t, apptest.ChainID, sr)}})
	require.NoError(t, err)
	require.EqualValues(t, 1, res.Accepted, "reading of %s for %d: %v", meter, period, res.Outcomes)
	m.read(meter, period, wh)
}

// fuzzToken issues one token from 5 bytes (who and where, periods, volume twice, sale)
// and sells it on as the last byte says.
func fuzzToken(t *testing.T, r *recon, m *model, ctx sdk.Context, first uint64, b []byte) {
	type issuer struct {
		who    sdk.AccAddress
		pm, cm string
		c      bt.EnergyCategory
	}
	iss := []issuer{
		{r.producer, rSolar, rSolar, rSolarCat},
		{r.producer, rWind, rWind, rWindCat},
		{r.consumer, rLoad, rLoad, rSolarCat}, // a bid
		{r.retailer, rAgg, rAgg, rWindCat},    // a bid
		{r.trader, "", "", rSolarCat},
		{r.trader, "", "", rWindCat},
	}[int(b[0]&0x7f)%6]
	from := first + uint64(b[1]%3)
	to := min(from+uint64(b[1]/3%3), first+2)
	wh := uint64(b[2])<<8 | uint64(b[3]) + 1
	if b[0]&0x80 != 0 {
		wh *= 15_000_000 // up to about 10^12, a token's largest
	}
	var id uint64
	if !attempt(ctx, func(ctx sdk.Context) error {
		res, err := r.energy.IssueToken(ctx, &et.MsgIssueToken{
			Issuer: iss.who.String(), FirstPeriod: from, LastPeriod: to, WhPerPeriod: wh, Category: iss.c,
			ProducerMeterId: iss.pm, ConsumerMeterId: iss.cm,
			FaceValuePerMwh: et.Money{Amount: sdkmath.NewInt(80_000_000), Denom: rChf},
			Terms: et.ContractTerms{SettlementDelayPeriods: 4, CancellationFee: sdkmath.NewInt(1_000_000),
				ProducerDefaultFee: sdkmath.ZeroInt(), ConsumerDefaultFee: sdkmath.ZeroInt(), LegalFramework: "EFET-2007-CH"},
		})
		if err == nil {
			id = res.TokenId
		}
		return err
	}) {
		return
	}
	m.issued(id, iss.who, iss.pm, iss.cm, iss.c, from, to, wh)
	price := (int64(b[4]>>3) - 8) * 5_000_001
	plant := map[bt.EnergyCategory]string{rSolarCat: rSolar, rWindCat: rWind}[iss.c]
	type sale struct {
		side  et.Side
		buyer sdk.AccAddress
		meter string
	}
	var sales []sale
	switch b[4] % 8 {
	case 1:
		sales = []sale{{et.Side_SIDE_CONSUMER, r.consumer, rLoad}}
	case 2:
		sales = []sale{{et.Side_SIDE_CONSUMER, r.retailer, rAgg}}
	case 3:
		sales = []sale{{et.Side_SIDE_CONSUMER, r.trader, ""}}
	case 4:
		sales = []sale{{et.Side_SIDE_PRODUCER, r.trader, ""}}
	case 5:
		sales = []sale{{et.Side_SIDE_PRODUCER, r.producer, plant}}
	case 6:
		sales = []sale{{et.Side_SIDE_CONSUMER, r.operator, ""}} // procured as grid losses
	case 7:
		sales = []sale{{et.Side_SIDE_PRODUCER, r.trader, ""}, {et.Side_SIDE_PRODUCER, r.producer, plant}}
	}
	for _, s := range sales {
		owner := m.tokens[id].side(s.side).owner
		if !attempt(ctx, func(ctx sdk.Context) error {
			_, err := r.energy.SetAsk(ctx, &et.MsgSetAsk{Owner: owner, TokenId: id, Side: s.side, Ask: et.Ask{ForSale: true, PricePerMwh: price, Denom: rChf}})
			if err != nil {
				return err
			}
			if s.buyer.Equals(r.operator) {
				_, err = r.energy.Procure(ctx, &et.MsgProcure{Operator: r.operator.String(), TokenId: id, Side: s.side,
					Kind: et.TradeKind_TRADE_KIND_GRID_LOSSES, MaxPricePerMwh: price, Denom: rChf})
				return err
			}
			_, err = r.energy.BuySide(ctx, &et.MsgBuySide{Buyer: s.buyer.String(), TokenId: id, Side: s.side, MaxPricePerMwh: price, Denom: rChf, MeterId: s.meter})
			return err
		}) {
			return
		}
		m.moved(id, s.side, s.buyer.String(), s.meter, &price)
	}
}

// fuzzReconcile runs end-of-block reconciliation, one block after the other, until last
// is reconciled, and returns the context it ended in and the blocks it took.
func fuzzReconcile(t *testing.T, r *recon, ctx sdk.Context, last uint64) (sdk.Context, int) {
	for blocks := 1; ; blocks++ {
		require.Less(t, blocks, 5_000, "period %d does not reconcile", last)
		bctx := ctx.WithBlockHeight(ctx.BlockHeight() + int64(blocks) - 1)
		require.NoError(t, r.c.App.DeliveryKeeper.EndBlock(bctx))
		rec, err := r.c.App.DeliveryKeeper.Reconciliations.Get(bctx, last)
		if err == nil && rec.ReconciledHeight > 0 {
			return bctx, blocks
		}
	}
}

// requireSameOutcome requires two reconciliations of period to have settled the same:
// records but for heights and item counts, every statement, every imbalance token but for
// the height it was issued at.
func requireSameOutcome(t *testing.T, r *recon, a, b sdk.Context, period uint64) {
	ra, err := r.c.App.DeliveryKeeper.Reconciliations.Get(a, period)
	require.NoError(t, err)
	rb, err := r.c.App.DeliveryKeeper.Reconciliations.Get(b, period)
	require.NoError(t, err)
	ra.Items, ra.StartedHeight, ra.ReconciledHeight = 0, 0, 0
	rb.Items, rb.StartedHeight, rb.ReconciledHeight = 0, 0, 0
	require.Equal(t, rb, ra, "period %d: record", period)
	for _, owner := range []sdk.AccAddress{r.producer, r.consumer, r.retailer, r.trader, r.operator} {
		req := &types.QueryStatementRequest{Owner: owner.String(), FromPeriod: period, ToPeriod: period}
		sa, err := r.q.Statement(a, req)
		require.NoError(t, err)
		sb, err := r.q.Statement(b, req)
		require.NoError(t, err)
		require.Equal(t, sb.Entries, sa.Entries, "period %d: statement of %s", period, owner)
	}
	tokens := func(ctx sdk.Context) []et.Token {
		var out []et.Token
		require.NoError(t, r.c.App.EnergyKeeper.WalkTokensDelivering(ctx, period, func(tok et.Token) error {
			if tok.Imbalance != et.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED {
				tok.IssuedHeight = 0
				out = append(out, tok)
			}
			return nil
		}))
		return out
	}
	require.Equal(t, tokens(b), tokens(a), "period %d: imbalance tokens", period)
}
