package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	et "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// The readings of a fee period: a consumes 1,000 Wh, b 2,000 Wh, the prosumer 4,000 Wh
// and produces 1,000 Wh (net 3,000 Wh), the producer only produces.
var feeReadings = map[string]uint64{fSolar: 5_000, fLoadA: 1_000, fLoadB: 2_000, fLoadC: 4_000, fRoofC: 1_000}

func (g *feeGrid) declare(signer sdk.AccAddress, period uint64, amount sdkmath.Int, denom string) error {
	_, err := g.msgs.DeclareTransmissionCost(g.c.Ctx(), &types.MsgDeclareTransmissionCost{
		Operator: signer.String(), Period: period, Amount: amount, Denom: denom, LossesWh: 120, Description: "Joule losses, ZH-7",
	})
	return err
}

func TestTransmissionCostSharedProRata(t *testing.T) {
	for _, tc := range []struct {
		name   string
		budget uint64
	}{{"one block", 0}, {"one item per block", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			g := newFeeGrid(t, tc.budget)
			p := g.now() + 2
			g.trade(t, p, 1_000)
			g.advanceTo(t, p+1)
			g.read(t, p, feeReadings)

			cost := sdkmath.NewInt(1_001) // 6,000 Wh: shares of 166.8, 333.7 and 500.5
			for _, refused := range []struct {
				name   string
				signer sdk.AccAddress
				amount sdkmath.Int
				denom  string
				want   error
			}{
				{"a stranger", g.stranger, cost, fChf, types.ErrUnauthorized},
				{"a participant", g.a, cost, fChf, types.ErrUnauthorized},
				{"a negative amount", g.operator, sdkmath.NewInt(-1), fChf, types.ErrInvalidAmount},
				{"a denom no bank issues", g.operator, cost, "uchf.nobank", types.ErrInvalidAmount},
			} {
				require.ErrorIs(t, g.declare(refused.signer, p, refused.amount, refused.denom), refused.want, refused.name)
				has, err := g.c.App.SettlementKeeper.TransmissionCosts.Has(g.c.Ctx(), p)
				require.NoError(t, err)
				require.False(t, has, "%s: refused, and nothing recorded", refused.name)
			}
			require.ErrorIs(t, g.declare(g.operator, g.now(), cost, fChf), types.ErrPeriodNotDelivered)
			require.NoError(t, g.declare(g.operator, p, cost, fChf))

			run, blocks := g.settle(t, p)
			require.True(t, run.ConsumptionWalked)
			if tc.budget == 1 {
				require.Greater(t, blocks, 3, "one item per block: the allocation pages over blocks")
			}
			total, err := g.c.App.DeliveryKeeper.ConsumptionTotal(g.c.Ctx(), p)
			require.NoError(t, err)
			require.EqualValues(t, 6_000, total)

			// Each consumer's share is attached to the one token it consumed through (a's
			// traded token, b's and the prosumer's over-consumption imbalance tokens) and
			// charged with it: the line counts the token's Wh (the prosumer's 4,000 Wh token
			// for its 3,000 Wh net).
			kind := types.ChargeKind_CHARGE_KIND_TRANSMISSION
			sum := sdkmath.ZeroInt()
			for _, c := range []struct {
				who         sdk.AccAddress
				wh, tokenWh int64
			}{{g.a, 1_000, 1_000}, {g.b, 2_000, 2_000}, {g.prosumer, 3_000, 4_000}} {
				l := g.line(t, c.who, p, kind)
				exact := cost.MulRaw(c.wh).QuoRaw(6_000) // rounded down
				require.True(t, l.Amounts.Payable.Equal(exact) || l.Amounts.Payable.Equal(exact.AddRaw(1)),
					"share of %d Wh is %s, not %s or one more", c.wh, l.Amounts.Payable, exact)
				require.EqualValues(t, c.tokenWh, l.Wh)
				require.EqualValues(t, 1, l.Charges)
				fees := g.transmissionFees(t, c.who, p)
				require.Len(t, fees, 1, "one consumer token")
				require.Equal(t, l.Amounts.Payable.String(), fees[0].Amount.Amount.String(), "the line charges the token's fee")
				require.Equal(t, g.operator.String(), fees[0].Recipient)
				sum = sum.Add(l.Amounts.Payable)
			}
			require.Equal(t, cost.String(), sum.String(), "the shares add up to the cost to the unit")
			require.Equal(t, cost.String(), g.line(t, g.operator, p, kind).Amounts.Receivable.String(), "the grid operator receives the cost")
			producer := g.line(t, g.producer, p, kind)
			require.True(t, producer.Amounts.Payable.IsZero(), "a participant that only produces pays no transmission")
			require.Zero(t, producer.Charges)

			rec, err := g.c.App.SettlementKeeper.TransmissionCosts.Get(g.c.Ctx(), p)
			require.NoError(t, err)
			require.True(t, rec.Allocated)
			require.Empty(t, rec.UnallocatedNote)
			require.EqualValues(t, 6_000, rec.ConsumptionWh)
			require.EqualValues(t, 6_000, rec.AllocatedWalked)
			require.EqualValues(t, 3, rec.Consumers)
			require.EqualValues(t, 3, rec.Tokens)
			require.Equal(t, cost.String(), rec.ToTokens.String(), "all of the cost went onto tokens")
			require.True(t, rec.ChargedDirect.IsZero())
			require.Nil(t, rec.Splitting)

			// Once the run started, the cost is final.
			require.ErrorIs(t, g.declare(g.operator, p, sdkmath.NewInt(5), fChf), types.ErrPeriodSettled)
			after, err := g.c.App.SettlementKeeper.TransmissionCosts.Get(g.c.Ctx(), p)
			require.NoError(t, err)
			require.Equal(t, rec, after)
		})
	}
}

func TestTransmissionCostWithoutConsumptionStaysUnallocated(t *testing.T) {
	g := newFeeGrid(t, 0)
	p := g.now() + 2
	g.trade(t, p, 1_000)
	g.advanceTo(t, p+1)
	// Everyone produces at least what it consumes: the prosumer 1,000 Wh against 1,000 Wh.
	g.read(t, p, map[string]uint64{fSolar: 1_000, fLoadC: 1_000, fRoofC: 1_000})
	require.NoError(t, g.declare(g.operator, p, sdkmath.NewInt(700), fChf))
	g.settle(t, p)

	rec, err := g.c.App.SettlementKeeper.TransmissionCosts.Get(g.c.Ctx(), p)
	require.NoError(t, err)
	require.False(t, rec.Allocated)
	require.Contains(t, rec.UnallocatedNote, "no net consumption")
	require.Zero(t, rec.ConsumptionWh)
	for _, who := range []sdk.AccAddress{g.operator, g.producer, g.a, g.b, g.prosumer} {
		l := g.line(t, who, p, types.ChargeKind_CHARGE_KIND_TRANSMISSION)
		require.Zero(t, l.Charges, "nobody is charged a cost without consumption")
	}
}

func (g *feeGrid) setRule(signer sdk.AccAddress, rule types.SecurityFeeRule) error {
	_, err := g.msgs.SetSecurityFeeRule(g.c.Ctx(), &types.MsgSetSecurityFeeRule{Operator: signer.String(), Rule: rule})
	return err
}

// The security-of-supply fee over an interval of three periods: a consumes 1,000 then
// 3,000 Wh (4,000, peak 3,000), b 2,000 twice (4,000, peak 2,000), the prosumer consumes
// 1,000 then 1,500 Wh and nets 0 then 500 (2,500: usage counts total consumption; peak
// 500: peaks follow net consumption), the producer nothing; the third period has no
// reading, no token and no cost, so its run starts only because the interval ends.
func TestSecurityFee(t *testing.T) {
	for _, tc := range []struct {
		name                string
		method              types.SecurityFeeMethod
		budget              uint64
		amount              int64
		wantA, wantB, wantC int64
	}{
		{"fixed per participant", types.SecurityFeeMethod_SECURITY_FEE_METHOD_FIXED, 0, 1_000, 1_000, 1_000, 1_000},
		// 1,001 over 10,500 Wh of total consumption (the prosumer's own production is not
		// deducted): 381.33, 381.33, 238.33; exact by cumulative rounding.
		{"pro rata of consumption", types.SecurityFeeMethod_SECURITY_FEE_METHOD_CONSUMPTION, 0, 1_001, -1, -1, -1},
		// 1,001 over peaks summing to 5,500 Wh: 546, 364, 91.
		{"pro rata of peak, one item per block", types.SecurityFeeMethod_SECURITY_FEE_METHOD_PEAK, 1, 1_001, 546, 364, 91},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newFeeGrid(t, tc.budget)
			p := g.now() + 2
			rule := types.SecurityFeeRule{Method: tc.method, IntervalPeriods: 3, Amount: sdkmath.NewInt(tc.amount), Denom: fChf, FromPeriod: p}
			require.ErrorIs(t, g.setRule(g.a, rule), types.ErrUnauthorized)
			require.ErrorIs(t, g.setRule(g.stranger, rule), types.ErrUnauthorized)
			bad := rule
			bad.Amount = sdkmath.NewInt(-5)
			require.ErrorIs(t, g.setRule(g.operator, bad), types.ErrInvalidAmount)
			has, err := g.c.App.SettlementKeeper.SecurityFeeRule.Has(g.c.Ctx())
			require.NoError(t, err)
			require.False(t, has, "refused rules are not recorded")
			require.NoError(t, g.setRule(g.operator, rule))

			g.trade(t, p, 1_000)
			g.advanceTo(t, p+1)
			g.read(t, p, map[string]uint64{fSolar: 5_000, fLoadA: 1_000, fLoadB: 2_000, fLoadC: 1_000, fRoofC: 1_000})
			g.advanceTo(t, p+2)
			g.read(t, p+1, map[string]uint64{fSolar: 5_000, fLoadA: 3_000, fLoadB: 2_000, fLoadC: 1_500, fRoofC: 1_000})

			kind := types.ChargeKind_CHARGE_KIND_SECURITY_OF_SUPPLY
			g.settle(t, p+1)
			for _, who := range []sdk.AccAddress{g.a, g.b, g.prosumer} {
				require.Zero(t, g.line(t, who, p, kind).Charges, "not charged before the interval ends")
				require.Zero(t, g.line(t, who, p+1, kind).Charges, "not charged before the interval ends")
			}
			end, _ := g.settle(t, p+2)
			require.True(t, end.ConsumptionWalked)

			si, err := g.c.App.SettlementKeeper.SecurityIntervals.Get(g.c.Ctx(), p)
			require.NoError(t, err)
			require.True(t, si.Charged)
			require.Equal(t, p+2, si.LastPeriod)
			require.Equal(t, p+2, si.ChargedPeriod)
			require.EqualValues(t, 10_500, si.Wh, "total consumption: 4,000 + 4,000 + 2,500 Wh")
			require.EqualValues(t, 5_500, si.PeakWh)
			require.EqualValues(t, 3, si.Participants)
			res, err := g.q.SecurityInterval(g.c.Ctx(), &types.QuerySecurityIntervalRequest{Interval: p})
			require.NoError(t, err)
			require.Equal(t, si, res.Interval)
			require.Len(t, res.Usages, 3)
			_, err = g.q.SecurityInterval(g.c.Ctx(), &types.QuerySecurityIntervalRequest{Interval: p + 1})
			require.ErrorIs(t, err, types.ErrNotFound)

			paid := sdkmath.ZeroInt()
			for _, c := range []struct {
				who        sdk.AccAddress
				want       int64
				wh, peakWh int64
			}{{g.a, tc.wantA, 4_000, 3_000}, {g.b, tc.wantB, 4_000, 2_000}, {g.prosumer, tc.wantC, 2_500, 500}} {
				l := g.line(t, c.who, p+2, kind)
				require.EqualValues(t, 1, l.Charges)
				if tc.method == types.SecurityFeeMethod_SECURITY_FEE_METHOD_CONSUMPTION {
					exact := sdkmath.NewInt(tc.amount).MulRaw(c.wh).QuoRaw(10_500)
					require.True(t, l.Amounts.Payable.Equal(exact) || l.Amounts.Payable.Equal(exact.AddRaw(1)),
						"share of %d Wh is %s, not %s or one more", c.wh, l.Amounts.Payable, exact)
				} else {
					require.Equal(t, sdkmath.NewInt(c.want).String(), l.Amounts.Payable.String())
				}
				paid = paid.Add(l.Amounts.Payable)
			}
			if tc.method != types.SecurityFeeMethod_SECURITY_FEE_METHOD_FIXED {
				require.Equal(t, sdkmath.NewInt(tc.amount).String(), paid.String(), "the shares add up to the amount to the unit")
			}
			require.Equal(t, paid.String(), g.line(t, g.operator, p+2, kind).Amounts.Receivable.String(), "the grid operator receives the fee")
			require.Zero(t, g.line(t, g.producer, p+2, kind).Charges, "a participant without net consumption pays no security fee")
		})
	}
}

// The consumption records (x/delivery) and the security-fee intervals (x/settlement)
// survive an export and re-import: the totals are rebuilt to the same sums.
func TestGridFeeRecordsSurviveGenesis(t *testing.T) {
	g := newFeeGrid(t, 0)
	p := g.now() + 2
	require.NoError(t, g.setRule(g.operator, types.SecurityFeeRule{Method: types.SecurityFeeMethod_SECURITY_FEE_METHOD_CONSUMPTION,
		IntervalPeriods: 4, Amount: sdkmath.NewInt(900), Denom: fChf, FromPeriod: p}))
	g.trade(t, p, 1_000)
	g.advanceTo(t, p+1)
	g.read(t, p, feeReadings)
	g.settle(t, p)

	dk := g.c.App.DeliveryKeeper
	nets := map[string]uint64{}
	n, done, err := dk.ConsumptionStep(g.c.Ctx(), p, nil, 2, func(owner sdk.AccAddress, wh, _ uint64) error {
		nets[owner.String()] = wh
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, 2, n)
	require.False(t, done, "four records, two a page")
	require.Len(t, nets, 2)
	var last sdk.AccAddress
	for addr := range nets {
		a := sdk.MustAccAddressFromBech32(addr)
		if last == nil || string(a) > string(last) {
			last = a
		}
	}
	n, done, err = dk.ConsumptionStep(g.c.Ctx(), p, last, 10, func(owner sdk.AccAddress, wh, _ uint64) error {
		nets[owner.String()] = wh
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, 2, n)
	require.True(t, done)
	require.Equal(t, map[string]uint64{g.a.String(): 1_000, g.b.String(): 2_000, g.prosumer.String(): 3_000, g.producer.String(): 0}, nets,
		"net consumption per owner; the producer's is floored at zero")

	exported, err := dk.ExportGenesis(g.c.Ctx())
	require.NoError(t, err)
	require.NotEmpty(t, exported.Consumptions)
	si, err := g.c.App.SettlementKeeper.SecurityIntervals.Get(g.c.Ctx(), p)
	require.NoError(t, err)
	require.EqualValues(t, 7_000, si.Wh, "total consumption: 1,000 + 2,000 + 4,000 Wh")

	again := g.c.Reimport()
	total, err := again.App.DeliveryKeeper.ConsumptionTotal(again.Ctx(), p)
	require.NoError(t, err)
	require.EqualValues(t, 6_000, total)
	reexported, err := again.App.DeliveryKeeper.ExportGenesis(again.Ctx())
	require.NoError(t, err)
	require.Equal(t, exported.Consumptions, reexported.Consumptions)
	siAgain, err := again.App.SettlementKeeper.SecurityIntervals.Get(again.Ctx(), p)
	require.NoError(t, err)
	require.Equal(t, si, siAgain)
}

// The rule cannot change while a run is in progress: the run reads it in every block.
func TestSecurityFeeRuleWaitsForTheRun(t *testing.T) {
	g := newFeeGrid(t, 1)
	p := g.now() + 2
	rule := types.SecurityFeeRule{Method: types.SecurityFeeMethod_SECURITY_FEE_METHOD_FIXED, IntervalPeriods: 2,
		Amount: sdkmath.NewInt(10), Denom: fChf, FromPeriod: p}
	require.NoError(t, g.setRule(g.operator, rule))
	g.trade(t, p, 1_000)
	g.advanceTo(t, p+1)
	g.read(t, p, feeReadings)
	sk := g.c.App.SettlementKeeper
	for i := 0; ; i++ {
		require.Less(t, i, 300, "period %d's run did not start", p)
		run, err := sk.Runs.Get(g.c.Ctx(), p)
		if err == nil && !run.Done {
			break
		}
		g.c.NextBlock(time.Duration(et.DefaultPeriodSeconds) * time.Second)
	}
	changed := rule
	changed.Amount = sdkmath.NewInt(99)
	require.ErrorIs(t, g.setRule(g.operator, changed), types.ErrPeriodSettled)
	got, err := sk.SecurityFeeRule.Get(g.c.Ctx())
	require.NoError(t, err)
	require.Equal(t, rule, got, "refused, the rule is unchanged")
	g.settle(t, p)
	require.NoError(t, g.setRule(g.operator, changed), "accepted once the run has finished")
}
