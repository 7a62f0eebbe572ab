package keeper_test

import (
	"bytes"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

func TestSubmitReadingsAccepted(t *testing.T) {
	cases := []struct {
		name      string
		meter     string
		ago       uint64 // periods before the current one
		operator  bool   // the grid operator submits instead of the data hub
		wantKind  bt.MeterKind
		wantPoint bt.MeteringPointKind
	}{
		{"ed25519 production meter of a company, last ended period", solarED, 1, false, bt.MeterKind_METER_KIND_PRODUCTION, bt.MeteringPointKind_METERING_POINT_KIND_COMPANY},
		{"secp256k1 consumption meter", loadSecp, 2, false, bt.MeterKind_METER_KIND_CONSUMPTION, bt.MeteringPointKind_METERING_POINT_KIND_COMPANY},
		{"aggregation point with its households' commitment", aggPoint, 3, false, bt.MeterKind_METER_KIND_CONSUMPTION, bt.MeteringPointKind_METERING_POINT_KIND_AGGREGATION_POINT},
		{"household that opted in", household, 1, false, bt.MeterKind_METER_KIND_PRODUCTION, bt.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN},
		{"oldest period the window still accepts", solarED, types.DefaultReadingWindowPeriods, false, bt.MeterKind_METER_KIND_PRODUCTION, bt.MeteringPointKind_METERING_POINT_KIND_COMPANY},
		{"the grid operator as metering operator", loadSecp, 1, true, bt.MeterKind_METER_KIND_CONSUMPTION, bt.MeteringPointKind_METERING_POINT_KIND_COMPANY},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := newGrid(t)
			ctx := g.c.Ctx()
			period := g.current() - tc.ago
			r := g.reading(t, tc.meter, period, 4_321)
			submitter := g.hub
			if tc.operator {
				submitter = g.operator
			}
			res, err := g.submit(t, ctx, submitter, r)
			require.NoError(t, err)
			require.Equal(t, &types.MsgSubmitReadingsResponse{Accepted: 1, Outcomes: []types.ReadingOutcome{{Index: 0, Accepted: true}}}, res)

			got, err := g.q.Reading(ctx, &types.QueryReadingRequest{MeterId: tc.meter, Period: period})
			require.NoError(t, err)
			require.Equal(t, types.Reading{
				MeterId: tc.meter, Period: period, Wh: 4_321, Commitment: r.Commitment, Signature: r.Signature,
				Kind: tc.wantKind, PointKind: tc.wantPoint, Height: ctx.BlockHeight(),
			}, got.Reading)
			want := types.PeriodTotals{Period: period, Readings: 1}
			if tc.wantKind == bt.MeterKind_METER_KIND_PRODUCTION {
				want.ProductionReadings, want.ProductionWh = 1, 4_321
			} else {
				want.ConsumptionReadings, want.ConsumptionWh = 1, 4_321
			}
			require.Equal(t, want, g.totals(t, period))
			apptest.RequireEvent(t, ctx, &types.EventReadingsSubmitted{Submitter: submitter.String(), Accepted: 1})
			page, err := g.q.PeriodReadings(ctx, &types.QueryPeriodReadingsRequest{Period: period})
			require.NoError(t, err)
			require.Equal(t, []types.Reading{got.Reading}, page.Readings)
		})
	}
}

// refusalCase is one reading the batch refuses, and why.
type refusalCase struct {
	name    string
	reading func(t *testing.T, g *grid) types.SignedReading
	want    *errorsmod.Error
}

func refusalCases() []refusalCase {
	signed := func(meter string, ago uint64, edit func(r *types.SignedReading)) func(t *testing.T, g *grid) types.SignedReading {
		return func(t *testing.T, g *grid) types.SignedReading {
			r := g.reading(t, meter, g.current()-ago, 1_000)
			edit(&r)
			return r
		}
	}
	resign := func(meter string, ago uint64, edit func(r *types.SignedReading)) func(t *testing.T, g *grid) types.SignedReading {
		return func(t *testing.T, g *grid) types.SignedReading {
			r := types.SignedReading{MeterId: meter, Period: g.current() - ago, Wh: 1_000}
			edit(&r)
			return g.keys[solarED].sign(t, apptest.ChainID, r)
		}
	}
	return []refusalCase{
		{"signature by another meter's key", func(t *testing.T, g *grid) types.SignedReading {
			return g.keys[household].sign(t, apptest.ChainID, types.SignedReading{MeterId: solarED, Period: g.current() - 1, Wh: 1_000})
		}, types.ErrBadSignature},
		{"signature made for another chain", func(t *testing.T, g *grid) types.SignedReading {
			return g.keys[solarED].sign(t, "gridledger-other-1", types.SignedReading{MeterId: solarED, Period: g.current() - 1, Wh: 1_000})
		}, types.ErrBadSignature},
		{"wh changed after signing", signed(solarED, 1, func(r *types.SignedReading) { r.Wh++ }), types.ErrBadSignature},
		{"period changed after signing", signed(solarED, 1, func(r *types.SignedReading) { r.Period-- }), types.ErrBadSignature},
		{"secp256k1 signature with a flipped bit", signed(loadSecp, 1, func(r *types.SignedReading) { r.Signature[7] ^= 1 }), types.ErrBadSignature},
		{"aggregation commitment changed after signing", signed(aggPoint, 1, func(r *types.SignedReading) { r.Commitment[0] ^= 1 }), types.ErrBadSignature},
		{"unknown meter", resign("CH-NOBODY-1", 1, func(*types.SignedReading) {}), types.ErrUnknownMeter},
		{"virtual meter", func(t *testing.T, g *grid) types.SignedReading {
			return g.keys[solarED].sign(t, apptest.ChainID, types.SignedReading{MeterId: g.virtual, Period: g.current() - 1, Wh: 1})
		}, types.ErrVirtualMeter},
		{"retired meter", signed(retired, 1, func(*types.SignedReading) {}), types.ErrRetiredMeter},
		{"current period", signed(solarED, 0, func(*types.SignedReading) {}), types.ErrPeriodNotEnded},
		{"future period", func(t *testing.T, g *grid) types.SignedReading { return g.reading(t, solarED, g.current()+4, 1) }, types.ErrPeriodNotEnded},
		{"far-future period (max uint64)", func(t *testing.T, g *grid) types.SignedReading { return g.reading(t, solarED, ^uint64(0), 1) }, types.ErrPeriodNotEnded},
		{"closed window", signed(solarED, types.DefaultReadingWindowPeriods+1, func(*types.SignedReading) {}), types.ErrWindowClosed},
		{"period 0", func(t *testing.T, g *grid) types.SignedReading { return g.reading(t, solarED, 0, 1) }, types.ErrWindowClosed},
		{"aggregation point without commitment", resign(aggPoint, 1, func(*types.SignedReading) {}), types.ErrMalformedCommitment},
		{"company meter with a commitment", resign(solarED, 1, func(r *types.SignedReading) { r.Commitment = bytes.Repeat([]byte{1}, 32) }), types.ErrMalformedCommitment},
		{"household with a commitment", resign(household, 1, func(r *types.SignedReading) { r.Commitment = bytes.Repeat([]byte{1}, 32) }), types.ErrMalformedCommitment},
		{"31-byte commitment", signed(aggPoint, 1, func(r *types.SignedReading) { r.Commitment = r.Commitment[:31] }), types.ErrMalformedCommitment},
		{"63-byte signature", signed(solarED, 1, func(r *types.SignedReading) { r.Signature = r.Signature[:63] }), types.ErrMalformedReading},
		{"no signature", signed(solarED, 1, func(r *types.SignedReading) { r.Signature = nil }), types.ErrMalformedReading},
		{"empty meter id", resign("", 1, func(*types.SignedReading) {}), types.ErrMalformedReading},
		{"meter id of 129 characters", resign(strings.Repeat("M", 129), 1, func(*types.SignedReading) {}), types.ErrMalformedReading},
		{"meter id with a space", resign("CH 1", 1, func(*types.SignedReading) {}), types.ErrMalformedReading},
		{"wh above a TWh", resign(solarED, 1, func(r *types.SignedReading) { r.Wh = types.MaxReadingWh + 1 }), types.ErrMalformedReading},
	}
}

func TestSubmitReadingsRefusedPerReading(t *testing.T) {
	for _, tc := range refusalCases() {
		t.Run(tc.name, func(t *testing.T) {
			g := newGrid(t)
			r := tc.reading(t, g)
			ctx := g.c.Ctx()
			before := g.c.StoreDump(t, ctx, types.StoreKey)
			res, err := g.submit(t, ctx, g.hub, r)
			require.NoError(t, err, "a refused reading does not fail its batch")
			require.Equal(t, uint32(0), res.Accepted)
			require.Len(t, res.Outcomes, 1)
			o := res.Outcomes[0]
			require.False(t, o.Accepted)
			require.Equal(t, tc.want.ABCICode(), o.Code, o.Reason)
			require.NotEmpty(t, o.Reason)
			require.Equal(t, before, g.c.StoreDump(t, ctx, types.StoreKey), "a refused reading changed the store")
			apptest.RequireEvent(t, ctx, &types.EventReadingRefused{Index: 0, MeterId: r.MeterId, Period: r.Period, Code: o.Code})
			apptest.RequireEvent(t, ctx, &types.EventReadingsSubmitted{Submitter: g.hub.String(), Refused: 1})
		})
	}
}

func TestSubmitReadingsReplay(t *testing.T) {
	g := newGrid(t)
	p := g.current() - 1
	first := g.reading(t, solarED, p, 700)
	_, err := g.submit(t, g.c.Ctx(), g.hub, first)
	require.NoError(t, err)

	t.Run("the same reading again", func(t *testing.T) {
		ctx := g.c.Ctx()
		before := g.c.StoreDump(t, ctx, types.StoreKey)
		res, err := g.submit(t, ctx, g.hub, first)
		require.NoError(t, err)
		require.Equal(t, types.ErrReplay.ABCICode(), res.Outcomes[0].Code)
		require.Equal(t, before, g.c.StoreDump(t, ctx, types.StoreKey))
	})
	t.Run("another value for the same meter and period", func(t *testing.T) {
		res, err := g.submit(t, g.c.Ctx(), g.hub, g.reading(t, solarED, p, 701))
		require.NoError(t, err)
		require.Equal(t, types.ErrReplay.ABCICode(), res.Outcomes[0].Code)
	})
	t.Run("twice in one batch: the first is stored, the second refused", func(t *testing.T) {
		a, b := g.reading(t, loadSecp, p, 10), g.reading(t, loadSecp, p, 11)
		res, err := g.submit(t, g.c.Ctx(), g.hub, a, b)
		require.NoError(t, err)
		require.Equal(t, uint32(1), res.Accepted)
		require.True(t, res.Outcomes[0].Accepted)
		require.Equal(t, types.ErrReplay.ABCICode(), res.Outcomes[1].Code)
		got, err := g.q.Reading(g.c.Ctx(), &types.QueryReadingRequest{MeterId: loadSecp, Period: p})
		require.NoError(t, err)
		require.Equal(t, uint64(10), got.Reading.Wh)
	})
	t.Run("a forged duplicate before a good one does not block it", func(t *testing.T) {
		good := g.reading(t, household, p, 12)
		forged := good
		forged.Wh = 99_999
		res, err := g.submit(t, g.c.Ctx(), g.hub, forged, good)
		require.NoError(t, err)
		require.Equal(t, types.ErrBadSignature.ABCICode(), res.Outcomes[0].Code)
		require.True(t, res.Outcomes[1].Accepted)
	})
	require.Equal(t, types.PeriodTotals{Period: p, Readings: 3, ProductionReadings: 2, ProductionWh: 712, ConsumptionReadings: 1, ConsumptionWh: 10}, g.totals(t, p))
}

func TestSubmitReadingsMixedBatch(t *testing.T) {
	g := newGrid(t)
	cur := g.current()
	var batch []types.SignedReading
	var want []bool
	var prodWh, consWh, n uint64
	// Good readings of four meters over 40 periods, each followed by one refused reading,
	// so the batch is large enough for parallel verification.
	cases := refusalCases()
	for i := 0; i < 40; i++ {
		meter := []string{solarED, loadSecp, aggPoint, household}[i%4]
		p := cur - 1 - uint64(i/4)
		wh := uint64(100 + i)
		batch = append(batch, g.reading(t, meter, p, wh))
		want = append(want, true)
		n++
		if meter == loadSecp || meter == aggPoint {
			consWh += wh
		} else {
			prodWh += wh
		}
		batch = append(batch, cases[i%len(cases)].reading(t, g))
		want = append(want, false)
	}
	ctx := g.c.Ctx()
	res, err := g.submit(t, ctx, g.hub, batch...)
	require.NoError(t, err)
	require.Equal(t, uint32(n), res.Accepted)
	require.Len(t, res.Outcomes, len(batch))
	var stored, sumProd, sumCons, sumReadings uint64
	for i, o := range res.Outcomes {
		require.Equal(t, uint32(i), o.Index)
		require.Equal(t, want[i], o.Accepted, "reading %d: %s", i, o.Reason)
		_, err := g.q.Reading(ctx, &types.QueryReadingRequest{MeterId: batch[i].MeterId, Period: batch[i].Period})
		if want[i] {
			require.NoError(t, err)
		}
	}
	for p := cur - 10; p < cur; p++ {
		page, err := g.q.PeriodReadings(ctx, &types.QueryPeriodReadingsRequest{Period: p})
		require.NoError(t, err)
		stored += uint64(len(page.Readings))
		tot := g.totals(t, p)
		sumProd, sumCons, sumReadings = sumProd+tot.ProductionWh, sumCons+tot.ConsumptionWh, sumReadings+tot.Readings
		require.Equal(t, uint64(len(page.Readings)), tot.Readings)
	}
	require.Equal(t, n, stored, "exactly the good readings are stored")
	require.Equal(t, n, sumReadings)
	require.Equal(t, prodWh, sumProd)
	require.Equal(t, consWh, sumCons)
}

func TestSubmitReadingsBatchRefused(t *testing.T) {
	cases := []struct {
		name      string
		submitter func(g *grid) string
		readings  func(t *testing.T, g *grid) []types.SignedReading
		want      *errorsmod.Error
	}{
		{"stranger submits", func(g *grid) string { return g.stranger.String() }, nil, types.ErrNotAdmitted},
		{"suspended participant submits", func(g *grid) string { return g.suspended.String() }, nil, types.ErrNotAdmitted},
		{"malformed submitter", func(*grid) string { return "grid1notanaddress" }, nil, types.ErrInvalidAddress},
		{"empty batch", nil, func(*testing.T, *grid) []types.SignedReading { return nil }, types.ErrEmptyBatch},
		{"one reading more than max_readings_per_tx", nil, func(t *testing.T, g *grid) []types.SignedReading {
			r := g.reading(t, solarED, g.current()-1, 1)
			out := make([]types.SignedReading, types.DefaultMaxReadingsPerTx+1)
			for i := range out {
				out[i] = r
			}
			return out
		}, types.ErrBatchTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := newGrid(t)
			submitter := g.hub.String()
			if tc.submitter != nil {
				submitter = tc.submitter(g)
			}
			readings := []types.SignedReading{g.reading(t, solarED, g.current()-1, 1)}
			if tc.readings != nil {
				readings = tc.readings(t, g)
			}
			ctx := g.c.Ctx()
			before := g.c.StoreDump(t, ctx, types.StoreKey)
			_, err := g.msgs.SubmitReadings(ctx, &types.MsgSubmitReadings{Submitter: submitter, Readings: readings})
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, g.c.StoreDump(t, ctx, types.StoreKey))
			require.Empty(t, ctx.EventManager().Events())
		})
	}
}

func TestReadingsAfterKeyRotationAndRetirement(t *testing.T) {
	g := newGrid(t)
	p := g.current() - 1
	old := g.reading(t, solarED, p, 5)
	newKey := secpMeterKey("replacement element")
	balancing := balancingkeeper.NewMsgServerImpl(g.c.App.BalancingKeeper)
	_, err := balancing.RotateMeterKey(g.c.Ctx(), &bt.MsgRotateMeterKey{Operator: g.operator.String(), Id: solarED, KeyAlgorithm: newKey.alg, PublicKey: newKey.pub()})
	require.NoError(t, err)

	res, err := g.submit(t, g.c.Ctx(), g.hub, old)
	require.NoError(t, err)
	require.Equal(t, types.ErrBadSignature.ABCICode(), res.Outcomes[0].Code, "the old key no longer signs")
	res, err = g.submit(t, g.c.Ctx(), g.hub, newKey.sign(t, apptest.ChainID, types.SignedReading{MeterId: solarED, Period: p, Wh: 5}))
	require.NoError(t, err)
	require.True(t, res.Outcomes[0].Accepted, res.Outcomes[0].Reason)

	_, err = balancing.RetireMeter(g.c.Ctx(), &bt.MsgRetireMeter{Operator: g.operator.String(), Id: solarED})
	require.NoError(t, err)
	res, err = g.submit(t, g.c.Ctx(), g.hub, newKey.sign(t, apptest.ChainID, types.SignedReading{MeterId: solarED, Period: p - 1, Wh: 5}))
	require.NoError(t, err)
	require.Equal(t, types.ErrRetiredMeter.ABCICode(), res.Outcomes[0].Code)
}
