package keeper_test

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// FuzzSubmitReadings drives the batch handler with hostile batches decoded from the fuzz
// input: known, virtual, retired, unknown and malformed meter ids, periods around the
// reading window (past, current, future, wrapping), any Wh, commitments of any length,
// and signatures that are valid, for the wrong bytes, truncated or random, duplicates
// included. Whatever the batch, the handler answers one outcome per reading, stores
// exactly the accepted ones with what was signed, and the totals grow by exactly them.
func FuzzSubmitReadings(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0})
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 2, 1, 0, 0, 0, 0, 0, 0, 0, 9, 1, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 9, 1, 0})
	f.Add(make([]byte, 120))
	g := newGrid(f)
	meters := []string{solarED, loadSecp, aggPoint, household, retired, "", "CH-NOBODY", "bad id", "virtual"}
	f.Fuzz(func(t *testing.T, in []byte) {
		const size = 12
		var batch []types.SignedReading
		cur := g.current()
		for len(in) >= size && len(batch) < 64 {
			b := in[:size]
			in = in[size:]
			meter := meters[int(b[0])%len(meters)]
			if meter == "virtual" {
				meter = g.virtual
			}
			period := cur + uint64(int64(int8(b[1]))) // -128..+127 around the current period, wrapping below 0
			if b[1] == 0x80 {
				period = ^uint64(0)
			}
			wh := binary.BigEndian.Uint64(b[2:10])
			if b[10]&1 == 0 {
				wh %= 1_000_000
			}
			r := types.SignedReading{MeterId: meter, Period: period, Wh: wh}
			switch b[11] % 4 {
			case 1:
				r.Commitment = make([]byte, 32)
			case 2:
				r.Commitment = make([]byte, int(b[11]/4)%40)
			}
			if meter == aggPoint && b[11]%4 == 0 {
				r.Commitment = make([]byte, 32)
			}
			key, ok := g.keys[meter]
			if !ok {
				key = edMeterKey(meter)
			}
			switch (b[11] / 4) % 5 {
			case 0, 1:
				r = key.sign(t, apptest.ChainID, r)
			case 2:
				r = key.sign(t, apptest.ChainID, r)
				r.Wh ^= 1 // signed other bytes
			case 3:
				r = key.sign(t, apptest.ChainID, r)
				r.Signature = r.Signature[:int(b[10])%64]
			default:
				r.Signature = append([]byte(nil), in[:min(len(in), 64)]...)
			}
			batch = append(batch, r)
		}
		if len(batch) == 0 {
			return
		}
		ctx, _ := g.c.Ctx().CacheContext()
		before := map[uint64]types.PeriodTotals{}
		for _, r := range batch {
			res, err := g.q.PeriodTotals(ctx, &types.QueryPeriodTotalsRequest{Period: r.Period})
			require.NoError(t, err)
			before[r.Period] = res.Totals
		}
		res, err := g.submit(t, ctx, g.hub, batch...)
		require.NoError(t, err)
		require.Len(t, res.Outcomes, len(batch))
		var accepted uint32
		added := map[uint64]uint64{}
		for i, o := range res.Outcomes {
			require.Equal(t, uint32(i), o.Index)
			if !o.Accepted {
				require.GreaterOrEqual(t, o.Code, types.ErrBadSignature.ABCICode())
				require.LessOrEqual(t, o.Code, types.ErrMalformedReading.ABCICode())
				require.NotEmpty(t, o.Reason)
				continue
			}
			accepted++
			added[batch[i].Period]++
			got, err := g.q.Reading(ctx, &types.QueryReadingRequest{MeterId: batch[i].MeterId, Period: batch[i].Period})
			require.NoError(t, err)
			require.Equal(t, batch[i].Wh, got.Reading.Wh)
			require.Equal(t, batch[i].Signature, got.Reading.Signature)
			require.Less(t, batch[i].Period, cur)
		}
		require.Equal(t, accepted, res.Accepted)
		for p, n := range added {
			after, err := g.q.PeriodTotals(ctx, &types.QueryPeriodTotalsRequest{Period: p})
			require.NoError(t, err)
			require.Equal(t, before[p].Readings+n, after.Totals.Readings)
		}
	})
}
