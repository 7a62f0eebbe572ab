package keeper_test

import (
	"fmt"
	"testing"

	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// BenchmarkIngest measures one batch of 1,000 readings of 1,000 ed25519 company meters
// through the message server on the in-memory app (profile with -cpuprofile).
func BenchmarkIngest(b *testing.B) {
	g := newGrid(b)
	const n = 1000
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("CH-BENCH-%06d", i)
		g.registerMeter(b, ids[i], g.consumer, bt.MeterKind_METER_KIND_CONSUMPTION, 0, bt.MeteringPointKind_METERING_POINT_KIND_COMPANY, nil)
	}
	params := types.DefaultParams()
	params.ReadingWindowPeriods = types.MaxReadingWindowPeriods
	ctx := g.c.Ctx()
	if err := g.c.App.DeliveryKeeper.Params.Set(ctx, params); err != nil {
		b.Fatal(err)
	}
	g.c.NextBlock(0)
	batches := make([][]types.SignedReading, b.N)
	for j := range batches {
		batches[j] = make([]types.SignedReading, n)
		for i, id := range ids {
			batches[j][i] = g.reading(b, id, g.current()-1-uint64(j%8000), uint64(100+i))
		}
	}
	b.ResetTimer()
	for j := 0; j < b.N; j++ {
		res, err := g.submit(b, g.c.Ctx(), g.hub, batches[j]...)
		if err != nil || res.Accepted != n {
			b.Fatalf("%v %v", err, res.Accepted)
		}
		g.c.NextBlock(0)
	}
}
