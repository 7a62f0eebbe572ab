package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	deliverykeeper "github.com/gridledger/gridledger/chain/x/delivery/keeper"
	dt "github.com/gridledger/gridledger/chain/x/delivery/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/keeper"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// TestNegativeImbalancePrice reconciles a period priced below zero (a reference price of
// −50 CHF per MWh: a negative price pays the buyer) and settles it: the producer whose
// plant fed in 1 MWh it had not sold pays the balancing authority for taking it, the
// consumer who took 1 MWh it had not bought is paid for it, each exactly what x/delivery's
// statement shows, signed; money is conserved and the invariants hold.
func TestNegativeImbalancePrice(t *testing.T) {
	g := newGrid(t)
	ctx := g.c.Ctx()
	g.c.Fund(ctx, g.bank, sChf, g.operator, sdkmath.NewInt(funds), sdkmath.NewInt(funds))
	p := g.now() + 2
	_, err := deliverykeeper.NewMsgServerImpl(g.c.App.DeliveryKeeper).PublishReferencePrice(ctx, &dt.MsgPublishReferencePrice{
		Operator: g.operator.String(), FromPeriod: p, PricePerMwh: -50_000_000, Denom: sChf,
	})
	require.NoError(t, err)
	conserved := g.money(t)
	g.advanceTo(t, p+1)
	g.read(t, sSolar, p, mwh) // fed in, not sold: a surplus
	g.read(t, sLoad, p, mwh)  // taken, not bought: a deficit
	run := g.settle(t, p)
	require.Equal(t, conserved, g.money(t), "settlement moves money between accounts only")

	// x/delivery's statement: the producer owes, the consumer is owed.
	entries := map[string]dt.ImbalanceEntry{}
	require.NoError(t, g.c.App.DeliveryKeeper.Statements.Walk(g.c.Ctx(), nil, func(_ collections.Triple[sdk.AccAddress, uint64, uint64], e dt.ImbalanceEntry) (bool, error) {
		if e.Period == p {
			entries[e.Owner] = e
		}
		return false, nil
	}))
	require.Len(t, entries, 2)
	surplus, deficit := entries[g.producer.String()], entries[g.consumer.String()]
	require.Negative(t, surplus.PricePerMwh)
	require.Negative(t, deficit.PricePerMwh)
	require.True(t, surplus.Receivable.IsNegative(), "a surplus priced below zero costs its producer: %s", surplus.Receivable)
	require.True(t, deficit.Receivable.IsPositive(), "a deficit priced below zero pays its consumer: %s", deficit.Receivable)
	// −55 and −45 CHF per MWh: the average −50, 10 % off for the surplus, on for the deficit.
	require.Equal(t, "-55000000", surplus.Receivable.String())
	require.Equal(t, "45000000", deficit.Receivable.String())

	// The tokens keep a zero face value and carry the price's magnitude.
	for _, e := range []dt.ImbalanceEntry{surplus, deficit} {
		tok, err := g.c.App.EnergyKeeper.Tokens.Get(g.c.Ctx(), e.TokenId)
		require.NoError(t, err)
		require.True(t, tok.FaceValuePerMwh.Amount.IsZero())
		require.EqualValues(t, -e.PricePerMwh, tok.NegativePricePerMwh)
	}

	// Settlement charged them the other way, as imbalance.
	line := func(owner sdk.AccAddress) types.StatementLine {
		l, err := g.c.App.SettlementKeeper.Lines.Get(g.c.Ctx(), collections.Join4(owner, p, int32(types.ChargeKind_CHARGE_KIND_IMBALANCE), sChf))
		require.NoError(t, err)
		return l
	}
	pl, cl, ol := line(g.producer), line(g.consumer), line(g.operator)
	require.Equal(t, surplus.Receivable.Neg().String(), pl.Amounts.Payable.String())
	require.True(t, pl.Amounts.Receivable.IsZero())
	require.Equal(t, deficit.Receivable.String(), cl.Amounts.Receivable.String())
	require.True(t, cl.Amounts.Payable.IsZero())
	require.Equal(t, deficit.Receivable.String(), ol.Amounts.Payable.String(), "the authority pays the consumer")
	require.Equal(t, surplus.Receivable.Neg().String(), ol.Amounts.Receivable.String(), "and is paid by the producer")
	require.EqualValues(t, mwh, pl.Wh)
	require.EqualValues(t, mwh, cl.Wh)

	net := func(owner sdk.AccAddress) types.NetPosition {
		n, err := g.c.App.SettlementKeeper.Nets.Get(g.c.Ctx(), collections.Join3(p, owner, sChf))
		require.NoError(t, err)
		return n
	}
	require.Equal(t, "55000000", net(g.producer).Paid.String(), "the producer paid")
	require.Equal(t, "45000000", net(g.consumer).Received.String(), "the consumer was paid")
	require.True(t, net(g.operator).Received.Add(net(g.operator).Paid).Equal(sdkmath.NewInt(10_000_000)),
		"the authority keeps the 10 CHF margin between them, netted")
	// x/delivery's reconciliation record shows the same margin as the balancing fee.
	rec, err := g.c.App.DeliveryKeeper.Reconciliations.Get(g.c.Ctx(), p)
	require.NoError(t, err)
	fee := sdkmath.ZeroInt()
	for _, c := range rec.Categories {
		require.Negative(t, c.AveragePricePerMwh)
		fee = fee.Add(c.BalancingFee)
	}
	require.Equal(t, "10000000", fee.String(), "the balancing fee is what the authority keeps")
	require.Len(t, run.Denoms, 1)
	require.Equal(t, run.Denoms[0].Collected.String(), run.Denoms[0].Disbursed.String())
	require.True(t, run.Denoms[0].Gross.Equal(sdkmath.NewInt(100_000_000)))
	g.invariants(t)

	// A positive price still charges the face value one way only (the sign is carried only
	// by reconciliation).
	due := et.DueToken{Wh: mwh, NegativePricePerMwh: 0, FaceValuePerMwh: et.Money{Amount: sdkmath.NewInt(7_000_000), Denom: sChf}}
	require.True(t, keeper.NegativeValue(due).IsZero())
}
