package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// tradeSpan has the producer issue wh per period of solar over first..last with a
// settlement delay and sell the consumer side to buyer at meter; it returns the token id.
func (g *feeGrid) tradeSpan(t testing.TB, buyer sdk.AccAddress, meter string, first, last, wh, delay uint64) uint64 {
	t.Helper()
	ctx := g.c.Ctx()
	res, err := g.energy.IssueToken(ctx, &et.MsgIssueToken{
		Issuer: g.producer.String(), FirstPeriod: first, LastPeriod: last, WhPerPeriod: wh,
		Category: bt.EnergyCategory_ENERGY_CATEGORY_SOLAR, ProducerMeterId: fSolar, ConsumerMeterId: fSolar,
		FaceValuePerMwh: et.Money{Amount: sdkmath.NewInt(fFacePer), Denom: fChf},
		Terms: et.ContractTerms{SettlementDelayPeriods: delay, CancellationFee: sdkmath.ZeroInt(),
			ProducerDefaultFee: sdkmath.ZeroInt(), ConsumerDefaultFee: sdkmath.ZeroInt(), LegalFramework: "EFET-2007-CH"},
	})
	require.NoError(t, err)
	_, err = g.energy.SetAsk(ctx, &et.MsgSetAsk{Owner: g.producer.String(), TokenId: res.TokenId, Side: et.Side_SIDE_CONSUMER,
		Ask: et.Ask{ForSale: true, PricePerMwh: fFacePer, Denom: fChf}})
	require.NoError(t, err)
	_, err = g.energy.BuySide(ctx, &et.MsgBuySide{Buyer: buyer.String(), TokenId: res.TokenId, Side: et.Side_SIDE_CONSUMER,
		MaxPricePerMwh: fFacePer, Denom: fChf, MeterId: meter})
	require.NoError(t, err)
	return res.TokenId
}

// tokenFee is token id's transmission fee (zero when it carries none).
func (g *feeGrid) tokenFee(t testing.TB, id uint64) sdkmath.Int {
	t.Helper()
	tok, err := g.c.App.EnergyKeeper.Tokens.Get(g.c.Ctx(), id)
	require.NoError(t, err)
	return transmissionOf(t, tok.GridFees)
}

// dueFee is the transmission fee of token id's due copy; found says it is filed.
func (g *feeGrid) dueFee(t testing.TB, id uint64) (sdkmath.Int, bool) {
	t.Helper()
	tok, err := g.c.App.EnergyKeeper.Tokens.Get(g.c.Ctx(), id)
	require.NoError(t, err)
	due, err := g.c.App.EnergyKeeper.SettlementDue.Get(g.c.Ctx(), collections.Join(energykeeper.DuePeriod(tok), id))
	if err != nil {
		require.ErrorIs(t, err, collections.ErrNotFound)
		return sdkmath.ZeroInt(), false
	}
	return transmissionOf(t, due.GridFees), true
}

func transmissionOf(t testing.TB, fees []et.GridFee) sdkmath.Int {
	t.Helper()
	sum := sdkmath.ZeroInt()
	n := 0
	for _, f := range fees {
		if f.Kind == et.GridFeeKindTransmission {
			require.Equal(t, fChf, f.Amount.Denom)
			sum = sum.Add(f.Amount.Amount)
			n++
		}
	}
	require.LessOrEqual(t, n, 1, "one transmission entry per recipient and denom, whatever the periods")
	return sum
}

// TestTransmissionFeesAttachedToTokens follows a's two tokens over three runs: t1 delivers
// 1,000 Wh in p and p+1 (due p+1), t2 3,000 Wh in p only with a settlement delay of two
// periods (due p+2); b has no token, so the imbalance tokens that supply it carry its
// share. Period p costs 600 over 6,000 Wh net (a 4,000, b 2,000): a's 400 is split 100 to
// t1 and 300 to t2 pro rata of their Wh, b's 200 goes to its imbalance token. Period p+1
// costs 300 over 2,000 Wh (a 1,000 through t1, b 1,000): t1 accumulates 100 + 150 in one
// fee. Each fee is charged when its token settles, as a TRANSMISSION line of that run.
func TestTransmissionFeesAttachedToTokens(t *testing.T) {
	for _, tc := range []struct {
		name   string
		budget uint64
	}{{"one block", 0}, {"one item per block", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			g := newFeeGrid(t, tc.budget)
			p := g.now() + 2
			t1 := g.tradeSpan(t, g.a, fLoadA, p, p+1, 1_000, 0)
			t2 := g.tradeSpan(t, g.a, fLoadA, p, p, 3_000, 2)
			g.advanceTo(t, p+1)
			g.read(t, p, map[string]uint64{fSolar: 4_000, fLoadA: 4_000, fLoadB: 2_000})
			require.NoError(t, g.declare(g.operator, p, sdkmath.NewInt(600), fChf))
			g.advanceTo(t, p+2)
			g.read(t, p+1, map[string]uint64{fSolar: 1_000, fLoadA: 1_000, fLoadB: 1_000})
			require.NoError(t, g.declare(g.operator, p+1, sdkmath.NewInt(300), fChf))

			kind := types.ChargeKind_CHARGE_KIND_TRANSMISSION
			g.settle(t, p)
			require.Equal(t, "100", g.tokenFee(t, t1).String())
			require.Equal(t, "300", g.tokenFee(t, t2).String())
			fee, filed := g.dueFee(t, t2)
			require.True(t, filed, "t2 is due at p+2")
			require.Equal(t, "300", fee.String(), "the due copy carries the fee settlement charges")
			if fee, filed := g.dueFee(t, t1); filed {
				require.Equal(t, "100", fee.String())
			}
			bFees := g.transmissionFees(t, g.b, p)
			require.Len(t, bFees, 1, "b's share is on the imbalance token that supplied it")
			require.Equal(t, "200", bFees[0].Amount.Amount.String())
			require.True(t, g.line(t, g.a, p, kind).Amounts.Payable.IsZero(), "a's tokens are not due yet")
			require.Equal(t, "200", g.line(t, g.b, p, kind).Amounts.Payable.String(), "b's imbalance token settles at once")
			rec, err := g.c.App.SettlementKeeper.TransmissionCosts.Get(g.c.Ctx(), p)
			require.NoError(t, err)
			require.True(t, rec.Allocated)
			require.EqualValues(t, 3, rec.Tokens)
			require.Equal(t, "600", rec.ToTokens.String())
			require.True(t, rec.ChargedDirect.IsZero())
			require.Nil(t, rec.Splitting)
			left, err := g.c.App.DeliveryKeeper.ConsumerTokens.Iterate(g.c.Ctx(), collections.NewPrefixedTripleRange[uint64, sdk.AccAddress, uint64](p))
			require.NoError(t, err)
			require.False(t, left.Valid(), "the run consumed the period's consumer tokens")
			left.Close()

			g.settle(t, p+1)
			require.Equal(t, "250", g.tokenFee(t, t1).String(), "one fee, accumulated over the periods")
			a1 := g.line(t, g.a, p+1, kind)
			require.Equal(t, "250", a1.Amounts.Payable.String(), "t1 settles with both periods' fees")
			require.EqualValues(t, 2_000, a1.Wh)
			require.Equal(t, "150", g.line(t, g.b, p+1, kind).Amounts.Payable.String())

			g.settle(t, p+2)
			require.Equal(t, "300", g.line(t, g.a, p+2, kind).Amounts.Payable.String(), "t2 settles two periods late, with its fee")
			received := sdkmath.ZeroInt()
			for _, q := range []uint64{p, p + 1, p + 2} {
				received = received.Add(g.line(t, g.operator, q, kind).Amounts.Receivable)
			}
			require.Equal(t, "900", received.String(), "the grid operator receives both costs, exactly")
		})
	}
}

// TestTransmissionShareWithoutTokensChargedInRun: a participant whose consumer tokens are
// not recorded (a chain restarted from an export between reconciliation and its run) is
// charged its share in the run, as a statement line, so the cost is still shared exactly.
func TestTransmissionShareWithoutTokensChargedInRun(t *testing.T) {
	g := newFeeGrid(t, 0)
	p := g.now() + 2
	g.trade(t, p, 1_000)
	g.advanceTo(t, p+1)
	g.read(t, p, feeReadings)
	require.NoError(t, g.declare(g.operator, p, sdkmath.NewInt(1_001), fChf))
	// Run reconciliation, then drop b's recorded tokens before the run starts.
	for i := 0; ; i++ {
		require.Less(t, i, 300)
		prog, err := g.c.App.DeliveryKeeper.Progress.Get(g.c.Ctx())
		require.NoError(t, err)
		if prog.NextPeriod > p {
			break
		}
		g.c.NextBlock(time.Duration(et.DefaultPeriodSeconds) * time.Second)
	}
	started, err := g.c.App.SettlementKeeper.Runs.Has(g.c.Ctx(), p)
	require.NoError(t, err)
	require.False(t, started, "the fee window holds the run back")
	require.NoError(t, g.c.App.DeliveryKeeper.ConsumerTokens.Clear(g.c.Ctx(),
		collections.NewSuperPrefixedTripleRange[uint64, sdk.AccAddress, uint64](p, g.b)))
	g.settle(t, p)

	kind := types.ChargeKind_CHARGE_KIND_TRANSMISSION
	rec, err := g.c.App.SettlementKeeper.TransmissionCosts.Get(g.c.Ctx(), p)
	require.NoError(t, err)
	require.True(t, rec.Allocated)
	bLine := g.line(t, g.b, p, kind)
	require.Equal(t, bLine.Amounts.Payable.String(), rec.ChargedDirect.String(), "b's share is charged in the run")
	require.EqualValues(t, 2_000, bLine.Wh, "its net consumption")
	require.Empty(t, g.transmissionFees(t, g.b, p), "no token of b's carries it")
	require.Equal(t, "1001", rec.ToTokens.Add(rec.ChargedDirect).String())
	require.Equal(t, "1001", g.line(t, g.operator, p, kind).Amounts.Receivable.String())

	// The invariant catches a cost whose parts do not add up.
	require.NoError(t, g.c.App.SettlementKeeper.CheckInvariants(g.c.Ctx(), g.clearingBalance))
	rec.ToTokens = rec.ToTokens.AddRaw(1)
	require.NoError(t, g.c.App.SettlementKeeper.TransmissionCosts.Set(g.c.Ctx(), p, rec))
	require.ErrorContains(t, g.c.App.SettlementKeeper.CheckInvariants(g.c.Ctx(), g.clearingBalance), "do not add up")
}
