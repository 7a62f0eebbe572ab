package keeper_test

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	dbm "github.com/cosmos/cosmos-db"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/keeper"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

var (
	reconTokens = flag.String("recon-tokens", "10000,100000", "BenchmarkReconcile: token counts, comma separated")
	reconDB     = flag.String("recon-db", "pebbledb", "BenchmarkReconcile: the app's database, pebbledb (as gridd runs) or memdb")
	reconTrace  = flag.Bool("recon-trace", false, "BenchmarkReconcile: log every reconciling block's stage, wall and CPU time")
	reconProf   = flag.String("recon-cpuprofile", "", "BenchmarkReconcile: write a CPU profile of the reconciling blocks only (the fill left out) to this file, suffixed by the size")
)

// The bench grid's shape per 1,000 tokens: one producer with 10 production meters (100
// tokens each) and one consumer with 100 consumption meters (10 purchases each), so the
// work per token is the same at every size and the ratio of two sizes shows linearity.
const (
	benchTokensPerProducer = 1000
	benchProdMeters        = 10
	benchConsMeters        = 100
	benchFillBlock         = 2000 // tokens issued and bought per committed block
	benchEmptyBlocks       = 30   // empty blocks timed for the baseline
)

var benchCategories = []bt.EnergyCategory{
	bt.EnergyCategory_ENERGY_CATEGORY_SOLAR, bt.EnergyCategory_ENERGY_CATEGORY_WIND,
	bt.EnergyCategory_ENERGY_CATEGORY_HYDRO, bt.EnergyCategory_ENERGY_CATEGORY_BIOMASS,
}

// BenchmarkReconcile fills one period with N real tokens through the message servers of
// the whole app (issued by producers at their production meters, consumer sides offered
// and bought by consumers landing at their consumption meters), signed readings for 90 %
// of the meters off their schedules, then runs end blocks until the period is reconciled
// at the default max_reconcile_per_block. The app runs over PebbleDB in a temporary
// directory, as gridd does (-recon-db memdb keeps the whole database in the Go heap).
//
// It reports the wall time of the reconciling blocks (FinalizeBlock and Commit) per 1,000
// tokens, the longest and the median of them, the process's CPU time per 1,000 tokens
// (all threads, GC included: what other load on a shared machine disturbs least), and the
// time of an empty block at the same state measured just before (the baseline). npm run
// bench runs it at 10,000 and 100,000 tokens (bench/src/reconcile.ts); no test asserts a
// speed. -recon-trace prints every reconciling block; -recon-cpuprofile F profiles the
// reconciling blocks alone (the fill left out).
//
//	go test -run '^$' -bench BenchmarkReconcile -benchtime 1x -timeout 60m ./x/delivery/keeper -args -recon-tokens 10000
func BenchmarkReconcile(b *testing.B) {
	var sizes []int
	for _, f := range strings.Split(*reconTokens, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < benchTokensPerProducer || n%benchTokensPerProducer != 0 {
			b.Fatalf("-recon-tokens: %q is not a multiple of %d", f, benchTokensPerProducer)
		}
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("tokens=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				benchReconcile(b, n)
			}
		})
	}
}

func benchReconcile(b *testing.B, n int) {
	b.StopTimer()
	var db dbm.DB
	switch *reconDB {
	case "memdb":
		db = dbm.NewMemDB()
	case "pebbledb":
		var err error
		if db, err = dbm.NewDB("application", dbm.PebbleDBBackend, b.TempDir()); err != nil {
			b.Fatal(err)
		}
		// Closed before the directory goes (cleanups run last first): PebbleDB's background
		// compactions would otherwise find their files gone and exit the process.
		b.Cleanup(func() { _ = db.Close() })
	default:
		b.Fatalf("-recon-db %q: pebbledb or memdb", *reconDB)
	}
	fillStart := time.Now()
	f := newReconBench(b, db, n)
	fill := time.Since(fillStart)
	// The fill's garbage is collected now, not billed to whichever blocks a GC cycle lands
	// in: at 10,000 tokens one cycle is as long as the whole reconciliation. The cycles the
	// reconciliation's own garbage causes are counted.
	runtime.GC()

	// Baseline: empty blocks at the filled state, nothing due (the window of p is open).
	empty := make([]time.Duration, benchEmptyBlocks)
	emptyCPU := processCPU()
	for i := range empty {
		start := time.Now()
		f.c.NextBlock(time.Second)
		empty[i] = time.Since(start)
	}
	emptyCPU = processCPU() - emptyCPU
	if f.now() != f.period+1 {
		b.Fatalf("the baseline blocks left period %d", f.period+1)
	}

	// The period's window closes at the next period: every block from then on reconciles.
	var blocks []time.Duration
	dt := time.Duration(et.DefaultPeriodSeconds-uint64(f.c.Time.Unix())%et.DefaultPeriodSeconds) * time.Second
	if *reconProf != "" {
		out, err := os.Create(fmt.Sprintf("%s.%d", *reconProf, n))
		if err != nil {
			b.Fatal(err)
		}
		defer out.Close()
		if err := pprof.StartCPUProfile(out); err != nil {
			b.Fatal(err)
		}
	}
	b.StartTimer()
	cpu := processCPU()
	for {
		start, startCPU := time.Now(), processCPU()
		prog, _ := f.c.App.DeliveryKeeper.Progress.Get(f.c.Ctx())
		f.c.NextBlock(dt)
		blocks = append(blocks, time.Since(start))
		if *reconTrace {
			fmt.Fprintf(os.Stderr, "block %3d from %-32s wall %7.1f ms cpu %7.1f ms\n", len(blocks), prog.Stage, float64(time.Since(start))/1e6, float64(processCPU()-startCPU)/1e6)
		}
		dt = time.Second
		rec, err := f.c.App.DeliveryKeeper.Reconciliations.Get(f.c.Ctx(), f.period)
		if err == nil && rec.ReconciledHeight > 0 {
			break
		}
		if len(blocks) > 10*n {
			b.Fatalf("period %d not reconciled after %d blocks", f.period, len(blocks))
		}
	}
	b.StopTimer()
	cpu = processCPU() - cpu
	if *reconProf != "" {
		pprof.StopCPUProfile()
	}

	rec, err := f.c.App.DeliveryKeeper.Reconciliations.Get(f.c.Ctx(), f.period)
	if err != nil {
		b.Fatal(err)
	}
	if err := f.c.App.DeliveryKeeper.CheckReconciled(f.c.Ctx(), f.period); err != nil {
		b.Fatal(err)
	}
	pruneTotal, pruneLongest, pruned := benchPrune(b, f)
	var total, longest time.Duration
	for _, d := range blocks {
		total += d
		longest = max(longest, d)
	}
	baseline := median(empty)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(total)/float64(n/1000), "ms/1k-tokens")
	b.ReportMetric(ms(longest), "max-block-ms")
	b.ReportMetric(ms(median(blocks)), "p50-block-ms")
	b.ReportMetric(ms(baseline), "empty-block-ms")
	b.ReportMetric(ms(longest)/ms(baseline), "max/empty")
	// The process's CPU time (all threads, GC included) is the view that other load on a
	// shared machine disturbs least.
	b.ReportMetric(ms(cpu)/float64(n/1000), "cpu-ms/1k-tokens")
	b.ReportMetric(ms(emptyCPU)/benchEmptyBlocks, "empty-block-cpu-ms")
	b.ReportMetric(float64(len(blocks)), "blocks")
	b.ReportMetric(float64(rec.Items), "items")
	b.ReportMetric(float64(rec.Tokens), "imbalance-tokens")
	b.ReportMetric(fill.Seconds(), "fill-s")
	b.ReportMetric(ms(pruneTotal)/(float64(pruned)/1000), "prune-ms/1k-readings")
	b.ReportMetric(ms(pruneLongest), "prune-max-block-ms")
}

// benchPrune shortens the dispute window to one period, as governance could, and times
// the blocks that prune the reconciled period's readings (the same budget as
// reconciliation; a pruned reading is one item). It returns their total and longest time
// and the readings pruned.
func benchPrune(b *testing.B, f *reconBench) (total, longest time.Duration, pruned uint64) {
	b.Helper()
	k := f.c.App.DeliveryKeeper
	params, err := k.Params.Get(f.c.Ctx())
	if err != nil {
		b.Fatal(err)
	}
	params.DisputeWindowPeriods = 1
	if err := k.Params.Set(f.c.Ctx(), params); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	// p is prunable once the current period is after p + window 1 + dispute 1.
	dt := time.Duration(et.DefaultPeriodSeconds-uint64(f.c.Time.Unix())%et.DefaultPeriodSeconds) * time.Second
	for blocks := 0; ; blocks++ {
		start := time.Now()
		f.c.NextBlock(dt)
		if f.now() > f.period+2 {
			d := time.Since(start)
			total += d
			longest = max(longest, d)
			dt = time.Second
		}
		pp, err := k.PruneProgress.Get(f.c.Ctx())
		if err == nil && pp.NextPeriod > f.period {
			return total, longest, pp.PrunedReadings
		}
		if blocks > 1000 {
			b.Fatalf("period %d not pruned after %d blocks", f.period, blocks)
		}
	}
}

// processCPU is the user and system CPU time the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// reconBench is a grid of n/1000 producers and consumers with one period of n tokens.
type reconBench struct {
	c      *apptest.Chain
	period uint64
}

func (f *reconBench) now() uint64 { return uint64(f.c.Time.Unix()) / et.DefaultPeriodSeconds }

func newReconBench(b *testing.B, db dbm.DB, n int) *reconBench {
	b.Helper()
	operator, bank := apptest.NewAccount(), apptest.NewAccount()
	parties := n / benchTokensPerProducer
	producers, consumers := make([]sdk.AccAddress, parties), make([]sdk.AccAddress, parties)
	for i := range producers {
		producers[i], consumers[i] = apptest.NewAccount(), apptest.NewAccount()
	}
	f := &reconBench{c: apptest.SetupWithDB(b, db, operator, apptest.NewAccount(), operator)}
	ctx := f.c.Ctx()
	reg := balancingkeeper.NewMsgServerImpl(f.c.App.BalancingKeeper)
	keys := map[string]meterKey{}
	register := func(id string, owner sdk.AccAddress, kind bt.MeterKind, cat bt.EnergyCategory) {
		keys[id] = edMeterKey(id)
		if _, err := reg.RegisterMeter(ctx, &bt.MsgRegisterMeter{
			Operator: operator.String(), Id: id, Owner: owner.String(), Kind: kind, Category: cat,
			PointKind: bt.MeteringPointKind_METERING_POINT_KIND_COMPANY, Location: bt.Location{GridNode: "ZH-7", Area: "CH-ZH"},
			KeyAlgorithm: bt.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: keys[id].pub(),
		}); err != nil {
			b.Fatal(err)
		}
	}
	f.c.ApproveBank(ctx, bank, rChf, "chf.recon", "CHF", fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: 1, FixedAmount: sdkmath.ZeroInt()},
		sdkmath.NewInt(1_000_000_000_000_000))
	var prodMeters, consMeters []string
	catOf := map[string]bt.EnergyCategory{}
	for i := range producers {
		f.c.Admit(ctx, operator, producers[i], apptest.Admission{LegalID: fmt.Sprintf("12X-BPROD-%05d", i), PositionLimitWh: 1 << 50, Roles: []bt.Role{bt.Role_ROLE_PRODUCER}})
		f.c.Admit(ctx, operator, consumers[i], apptest.Admission{LegalID: fmt.Sprintf("12X-BCONS-%05d", i), PositionLimitWh: 1 << 50, Roles: []bt.Role{bt.Role_ROLE_CONSUMER}})
		for j := 0; j < benchProdMeters; j++ {
			id := fmt.Sprintf("B-PROD-%05d-%02d", i, j)
			catOf[id] = benchCategories[(i*benchProdMeters+j)%len(benchCategories)]
			register(id, producers[i], bt.MeterKind_METER_KIND_PRODUCTION, catOf[id])
			prodMeters = append(prodMeters, id)
		}
		for j := 0; j < benchConsMeters; j++ {
			id := fmt.Sprintf("B-CONS-%05d-%03d", i, j)
			register(id, consumers[i], bt.MeterKind_METER_KIND_CONSUMPTION, 0)
			consMeters = append(consMeters, id)
		}
		f.c.Fund(ctx, bank, rChf, consumers[i], sdkmath.NewInt(1_000_000_000_000), sdkmath.NewInt(1_000_000_000_000))
	}
	params := types.DefaultParams()
	params.ReadingWindowPeriods = 1
	if err := f.c.App.DeliveryKeeper.Params.Set(ctx, params); err != nil {
		b.Fatal(err)
	}
	msgs := keeper.NewMsgServerImpl(f.c.App.DeliveryKeeper)
	f.c.NextBlock(time.Second) // reconciliation starts at this period
	if _, err := msgs.PublishReferencePrice(f.c.Ctx(), &types.MsgPublishReferencePrice{
		Operator: operator.String(), FromPeriod: f.now() + 2, // the first period still trading
		PricePerMwh: 70_000_000, Denom: rChf,
	}); err != nil {
		b.Fatal(err)
	}

	// n tokens of one period, 1-10 kWh each: token i from production meter i mod P (owned by
	// its producer), consumer side bought by the owner of consumption meter i mod C.
	f.period = f.now() + 4
	rng := rand.New(rand.NewSource(int64(n)))
	energy := energykeeper.NewMsgServerImpl(f.c.App.EnergyKeeper)
	scheduled := map[string]uint64{}
	for i := 0; i < n; i++ {
		ctx := f.c.Ctx()
		pm, cm := prodMeters[i%len(prodMeters)], consMeters[i%len(consMeters)]
		producer, consumer := producers[i%len(prodMeters)/benchProdMeters], consumers[i%len(consMeters)/benchConsMeters]
		wh := uint64(1_000 + rng.Intn(9_000))
		price := int64(40_000_000 + rng.Intn(60_000_000))
		ask := et.Ask{ForSale: true, PricePerMwh: price, Denom: rChf}
		res, err := energy.IssueToken(ctx, &et.MsgIssueToken{
			Issuer: producer.String(), FirstPeriod: f.period, LastPeriod: f.period, WhPerPeriod: wh, Category: catOf[pm],
			ProducerMeterId: pm, ConsumerMeterId: pm, ConsumerAsk: ask,
			FaceValuePerMwh: et.Money{Amount: sdkmath.NewInt(price), Denom: rChf},
			Terms: et.ContractTerms{SettlementDelayPeriods: 4, CancellationFee: sdkmath.ZeroInt(),
				ProducerDefaultFee: sdkmath.ZeroInt(), ConsumerDefaultFee: sdkmath.ZeroInt(), LegalFramework: "EFET-2007-CH"},
		})
		if err != nil {
			b.Fatalf("token %d: %v", i, err)
		}
		if _, err := energy.BuySide(ctx, &et.MsgBuySide{Buyer: consumer.String(), TokenId: res.TokenId, Side: et.Side_SIDE_CONSUMER,
			MaxPricePerMwh: price, Denom: rChf, MeterId: cm}); err != nil {
			b.Fatalf("token %d: %v", i, err)
		}
		scheduled[pm] += wh
		scheduled[cm] += wh
		if (i+1)%benchFillBlock == 0 {
			f.c.NextBlock(time.Second)
		}
	}

	// Readings once the period has ended: 90 % of the meters, off their schedule by up to
	// ±10 % (a tenth of those exactly on it), in batches of max_readings_per_tx.
	for f.now() <= f.period {
		f.c.NextBlock(time.Duration(et.DefaultPeriodSeconds) * time.Second)
	}
	var batch []types.SignedReading
	submit := func() {
		res, err := msgs.SubmitReadings(f.c.Ctx(), &types.MsgSubmitReadings{Submitter: operator.String(), Readings: batch})
		if err != nil || int(res.Accepted) != len(batch) {
			b.Fatalf("readings: %v (%v accepted of %d)", err, res, len(batch))
		}
		batch = batch[:0]
	}
	for _, id := range append(slices.Clone(prodMeters), consMeters...) {
		if rng.Intn(10) == 0 {
			continue // missing
		}
		wh := scheduled[id]
		if rng.Intn(10) != 0 {
			wh = wh * uint64(90+rng.Intn(21)) / 100
		}
		batch = append(batch, keys[id].sign(b, apptest.ChainID, types.SignedReading{MeterId: id, Period: f.period, Wh: wh}))
		if len(batch) == int(params.MaxReadingsPerTx) {
			submit()
		}
	}
	if len(batch) > 0 {
		submit()
	}
	f.c.NextBlock(time.Second)
	return f
}
