package keeper_test

import (
	"context"
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
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/gridledger/gridledger/chain/app"

	"github.com/gridledger/gridledger/chain/app/apptest"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	deliverykeeper "github.com/gridledger/gridledger/chain/x/delivery/keeper"
	deliverytypes "github.com/gridledger/gridledger/chain/x/delivery/types"
	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

var (
	settleTokens  = flag.String("settle-tokens", "10000,100000", "BenchmarkSettle: due token counts, comma separated")
	settleParties = flag.Int("settle-participants", 1000, "BenchmarkSettle: participants the tokens are spread among")
	settleDB      = flag.String("settle-db", "pebbledb", "BenchmarkSettle: the app's database, pebbledb (as gridd runs) or memdb")
	settleTrace   = flag.Bool("settle-trace", false, "BenchmarkSettle: log every settling block's stage, wall and CPU time")
	settleOther   = flag.Int("settle-other-tokens", 0, "BenchmarkSettle: tokens of the next period filled as well (the same way, due one period later, not settled by the timed run): a larger state at the same run size")
	settleSends   = flag.Int("settle-sends-per-block", 500, "BenchmarkSettle: bank sends in each block of the bank-send baseline")
	settleProf    = flag.String("settle-cpuprofile", "", "BenchmarkSettle: write a CPU profile of the settling blocks only (the fill left out) to this file, suffixed by the size")
)

const (
	settleFillBlock   = 2000        // tokens issued and bought per committed block of the fill
	settleEmptyBlocks = 30          // empty blocks timed for the baseline
	settleSendBlocks  = 5           // blocks of bank sends timed for the second baseline
	settleSendSenders = 10          // keys the bank sends are signed by, each sending many per block
	settleBlockTime   = time.Second // gridnet's timeout_commit: the time a block has
	settleCategory    = bt.EnergyCategory_ENERGY_CATEGORY_SOLAR
)

// BenchmarkSettle times the settlement run of one period in which N delivered tokens are
// due among -settle-participants participants (default 1,000), on the whole app over
// PebbleDB in a temporary directory, as gridd runs.
//
// The fill, untimed, is the chain's own path: the participants are admitted as traders
// with a virtual meter, fiat is minted to them and deposited in their settlement accounts,
// each token is issued through x/energy's message server by one participant and its
// consumer side bought by another, and then blocks run until x/delivery's reconciliation
// has passed the period, which files every token in x/energy's SettlementDue set (nothing
// is written into a module's store by the benchmark). Tokens are dealt in rounds of one
// token per participant with the same energy, so every participant produces as much as it
// consumes and reconciliation creates no imbalance tokens: exactly N tokens are due. Their
// prices differ, so every participant ends up a net payer or a net receiver.
//
// Then it waits for a quiet process (PebbleDB's compactions of the fill done, as npm run
// bench waits for a quiet gridd between phases), times empty blocks at that state (the baseline, nothing to settle yet) and every
// block from the one in which the period becomes settleable (its fee window passed) until
// its run is done, at the default max_settle_per_block. A block's time is FinalizeBlock +
// Commit. It reports the wall and process CPU time per 1,000 tokens, the gather stage's
// share of it (the part that grows with the tokens; collect and disburse grow with the
// participants), the longest and the median block against the empty block, and the run
// record's figures: tokens, participants, charges and payments (DenomRun.payments).
//
//	go test -run '^$' -bench BenchmarkSettle -benchtime 1x -timeout 60m ./x/settlement/keeper -args -settle-tokens 10000
func BenchmarkSettle(b *testing.B) {
	var sizes []int
	for _, f := range strings.Split(*settleTokens, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < *settleParties || n%*settleParties != 0 {
			b.Fatalf("-settle-tokens: %q is not a multiple of the %d participants", f, *settleParties)
		}
		sizes = append(sizes, n)
	}
	if *settleParties < 2 {
		b.Fatalf("-settle-participants: at least 2")
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("tokens=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				benchSettle(b, n, *settleParties)
			}
		})
	}
}

func benchSettle(b *testing.B, n, parties int) {
	b.StopTimer()
	var db dbm.DB
	switch *settleDB {
	case "memdb":
		db = dbm.NewMemDB()
	case "pebbledb":
		var err error
		if db, err = dbm.NewDB("application", dbm.PebbleDBBackend, b.TempDir()); err != nil {
			b.Fatal(err)
		}
		// Closed before the directory goes (cleanups run last first).
		b.Cleanup(func() { _ = db.Close() })
	default:
		b.Fatalf("-settle-db %q: pebbledb or memdb", *settleDB)
	}
	fillStart := time.Now()
	f := newSettleBench(b, db, n, parties)
	fill := time.Since(fillStart)
	runtime.GC() // the fill's garbage is not billed to the settling blocks
	quiet := waitQuiet()

	sk := f.c.App.SettlementKeeper
	// Baseline: empty blocks at the filled state; the period is not settleable yet.
	empty := make([]time.Duration, settleEmptyBlocks)
	emptyCPU := processCPU()
	for i := range empty {
		start := time.Now()
		f.c.NextBlock(time.Second)
		empty[i] = time.Since(start)
	}
	emptyCPU = processCPU() - emptyCPU
	sends, sendsCPU := f.sendBlocks(b)
	if has, err := sk.Runs.Has(f.c.Ctx(), f.period); err != nil || has {
		b.Fatalf("the settlement of period %d started during the baseline blocks (%v)", f.period, err)
	}
	if due, err := f.c.App.EnergyKeeper.HasDue(f.c.Ctx(), f.period); err != nil || !due {
		b.Fatalf("no token due in period %d before the run (%v)", f.period, err)
	}

	// The next period's reconciliation ends the fee window: every block from then on settles.
	dt := time.Duration(et.DefaultPeriodSeconds-uint64(f.c.Time.Unix())%et.DefaultPeriodSeconds) * time.Second
	if *settleProf != "" {
		out, err := os.Create(fmt.Sprintf("%s.%d", *settleProf, n))
		if err != nil {
			b.Fatal(err)
		}
		defer out.Close()
		if err := pprof.StartCPUProfile(out); err != nil {
			b.Fatal(err)
		}
	}
	var blocks, blocksCPU []time.Duration
	var gather time.Duration
	gatherCPU := time.Duration(0)
	b.StartTimer()
	cpu := processCPU()
	for {
		stage := types.RunStage_RUN_STAGE_ALLOCATE // before the run starts
		if run, err := sk.Runs.Get(f.c.Ctx(), f.period); err == nil {
			stage = run.Stage
		}
		start, startCPU := time.Now(), processCPU()
		f.c.NextBlock(dt)
		d, dc := time.Since(start), processCPU()-startCPU
		blocks, blocksCPU = append(blocks, d), append(blocksCPU, dc)
		if stage == types.RunStage_RUN_STAGE_ALLOCATE || stage == types.RunStage_RUN_STAGE_GATHER {
			gather += d
			gatherCPU += dc
		}
		if *settleTrace {
			fmt.Fprintf(os.Stderr, "block %3d from %-24s wall %7.1f ms cpu %7.1f ms\n", len(blocks), stage, float64(d)/1e6, float64(dc)/1e6)
		}
		dt = time.Second
		run, err := sk.Runs.Get(f.c.Ctx(), f.period)
		if err == nil && run.Done {
			break
		}
		if len(blocks) > 10*n {
			b.Fatalf("period %d not settled after %d blocks", f.period, len(blocks))
		}
	}
	b.StopTimer()
	cpu = processCPU() - cpu
	if *settleProf != "" {
		pprof.StopCPUProfile()
	}

	ctx := f.c.Ctx()
	run, err := sk.Runs.Get(ctx, f.period)
	if err != nil {
		b.Fatal(err)
	}
	if err := keeperInvariants(f, ctx); err != nil {
		b.Fatalf("after the run: %v", err)
	}
	if run.Tokens != uint64(n) {
		b.Fatalf("the run settled %d tokens, %d were due", run.Tokens, n)
	}
	if due, err := f.c.App.EnergyKeeper.HasDue(ctx, f.period); err != nil || due {
		b.Fatalf("tokens still due in period %d after its run (%v)", f.period, err)
	}
	if run.Postponed != 0 {
		b.Fatalf("%d payments postponed: every participant was funded", run.Postponed)
	}
	payments := uint64(0)
	for _, d := range run.Denoms {
		payments += d.Payments
	}

	var total, longest, longestCPU time.Duration
	for i, d := range blocks {
		total += d
		longest, longestCPU = max(longest, d), max(longestCPU, blocksCPU[i])
	}
	baseline := median(empty)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	per1k := float64(n) / 1000
	b.ReportMetric(ms(total)/per1k, "ms/1k-tokens")
	b.ReportMetric(ms(cpu)/per1k, "cpu-ms/1k-tokens")
	b.ReportMetric(ms(gather)/per1k, "gather-ms/1k-tokens")
	b.ReportMetric(ms(gatherCPU)/per1k, "gather-cpu-ms/1k-tokens")
	b.ReportMetric(ms(longest), "max-block-ms")
	b.ReportMetric(ms(median(blocks)), "p50-block-ms")
	b.ReportMetric(ms(baseline), "empty-block-ms")
	b.ReportMetric(ms(emptyCPU)/settleEmptyBlocks, "empty-block-cpu-ms")
	b.ReportMetric(ms(longest)/ms(baseline), "max/empty")
	b.ReportMetric(float64(*settleSends), "sends-per-block")
	b.ReportMetric(ms(median(sends)), "send-block-ms")
	b.ReportMetric(ms(sendsCPU)/settleSendBlocks, "send-block-cpu-ms")
	b.ReportMetric(ms(longest)/ms(median(sends)), "max/send-block")
	b.ReportMetric(ms(longest)/ms(settleBlockTime), "max/block-time")
	// CPU time is what other load on the machine disturbs least: the longest block's CPU
	// against a bank-send block's says what settling costs the node, whatever else runs.
	b.ReportMetric(ms(longestCPU), "max-block-cpu-ms")
	b.ReportMetric(ms(longestCPU)/(ms(sendsCPU)/settleSendBlocks), "max-cpu/send-block-cpu")
	b.ReportMetric(float64(len(blocks)), "blocks")
	b.ReportMetric(float64(run.Items), "items")
	b.ReportMetric(float64(run.Tokens), "tokens")
	b.ReportMetric(float64(run.Participants), "participants")
	b.ReportMetric(float64(run.Charges), "charges")
	b.ReportMetric(float64(payments), "payments")
	b.ReportMetric(fill.Seconds(), "fill-s")
	b.ReportMetric(quiet.Seconds(), "quiet-wait-s")
	if *settleOther > 0 {
		b.ReportMetric(float64(*settleOther), "other-tokens")
	}
}

// waitQuiet waits until the process uses under 20 % of a CPU over a second (at most two
// minutes), as npm run bench waits for a quiet gridd between its phases: PebbleDB's
// compactions of what the fill wrote are not billed to the settling blocks (the run's own
// compactions are). It returns how long it waited.
func waitQuiet() time.Duration {
	start := time.Now()
	for time.Since(start) < 2*time.Minute {
		cpu := processCPU()
		time.Sleep(time.Second)
		if processCPU()-cpu < 200*time.Millisecond {
			break
		}
	}
	return time.Since(start)
}

// keeperInvariants checks x/settlement's invariants (debts equal claims, the clearing
// account empty between runs, every run disbursed what it collected) after the run.
func keeperInvariants(f *settleBench, ctx sdk.Context) error {
	return f.c.App.SettlementKeeper.CheckInvariants(ctx, func(ctx context.Context, clearing sdk.AccAddress, denom string) (sdkmath.Int, error) {
		acc, err := f.c.App.FiatKeeper.GetSettlementAccount(ctx, clearing, denom)
		return acc.Balance, err
	})
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

// settleBench is a chain with n delivered tokens due in period among the participants.
type settleBench struct {
	c       *apptest.Chain
	period  uint64
	senders []*apptest.Key // admitted accounts with stake, for the bank-send baseline
}

// sendBlocks times settleSendBlocks blocks of -settle-sends-per-block signed bank sends
// at the filled state (the second baseline: a busy block of the cheapest transaction, as
// npm run bench's trade phase compares a buy with a send). Signing is done before each
// block's clock starts. It returns each block's wall time and the CPU time of them all.
func (f *settleBench) sendBlocks(b *testing.B) ([]time.Duration, time.Duration) {
	b.Helper()
	times := make([]time.Duration, settleSendBlocks)
	var cpu time.Duration
	for i := range times {
		txs := make([][]byte, *settleSends)
		for j := range txs {
			from, to := f.senders[j%len(f.senders)], f.senders[(j+1)%len(f.senders)]
			txs[j] = f.c.SignTx(from, 200_000, nil, banktypes.NewMsgSend(from.Addr, to.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1))))
			from.Seq++
		}
		start, startCPU := time.Now(), processCPU()
		res := f.c.DeliverTxs(txs...)
		times[i], cpu = time.Since(start), cpu+processCPU()-startCPU
		for j, r := range res {
			if r.Code != 0 {
				b.Fatalf("bank send %d of baseline block %d refused: %s", j, i, r.Log)
			}
		}
	}
	return times, cpu
}

func (f *settleBench) now() uint64 { return uint64(f.c.Time.Unix()) / et.DefaultPeriodSeconds }

func newSettleBench(b *testing.B, db dbm.DB, n, parties int) *settleBench {
	b.Helper()
	operator, bank := apptest.NewAccount(), apptest.NewAccount()
	participants := make([]sdk.AccAddress, parties)
	for i := range participants {
		participants[i] = apptest.NewAccount()
	}
	senders := make([]*apptest.Key, settleSendSenders)
	funded := []sdk.AccAddress{apptest.NewAccount(), operator}
	for i := range senders {
		senders[i] = apptest.NewKey()
		funded = append(funded, senders[i].Addr)
	}
	f := &settleBench{c: apptest.SetupWithDB(b, db, operator, funded...), senders: senders}
	ctx := f.c.Ctx()
	for i, k := range senders {
		f.c.Admit(ctx, operator, k.Addr, apptest.Admission{LegalID: fmt.Sprintf("12X-SENDER-%03d", i), Roles: []bt.Role{bt.Role_ROLE_TRADER}})
	}
	f.c.ApproveBank(ctx, bank, sChf, "chf.settle", "CHF", fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: 1, FixedAmount: sdkmath.ZeroInt()},
		sdkmath.NewInt(1_000_000_000_000_000_000))
	for i, p := range participants {
		f.c.Admit(ctx, operator, p, apptest.Admission{
			LegalID: fmt.Sprintf("12X-SETTLE-%05d", i), PositionLimitWh: 1 << 50,
			Roles: []bt.Role{bt.Role_ROLE_TRADER}, TradedCategories: []bt.EnergyCategory{settleCategory},
		})
		// Enough to buy its sides and pay any net position, so no payment is postponed.
		f.c.Fund(ctx, bank, sChf, p, sdkmath.NewInt(1_000_000_000_000_000), sdkmath.NewInt(1_000_000_000_000_000))
	}
	dparams, err := f.c.App.DeliveryKeeper.Params.Get(ctx)
	if err != nil {
		b.Fatal(err)
	}
	dparams.ReadingWindowPeriods = 1
	if err := f.c.App.DeliveryKeeper.Params.Set(ctx, dparams); err != nil {
		b.Fatal(err)
	}
	f.c.NextBlock(time.Second) // reconciliation and settlement start at this period
	if _, err := deliverykeeper.NewMsgServerImpl(f.c.App.DeliveryKeeper).PublishReferencePrice(f.c.Ctx(), &deliverytypes.MsgPublishReferencePrice{
		Operator: operator.String(), FromPeriod: f.now() + 2, PricePerMwh: 70_000_000, Denom: sChf,
	}); err != nil {
		b.Fatal(err)
	}

	// n tokens of one period in rounds of one per participant: in round r participant p
	// issues a token at its virtual meter and participant p+1+r (mod parties) buys its
	// consumer side, all tokens of a round with the same energy, so every virtual meter's
	// schedule nets to zero. Prices (and so face values) differ per token.
	f.period = f.now() + 4
	rng := rand.New(rand.NewSource(int64(n)))
	energy := energykeeper.NewMsgServerImpl(f.c.App.EnergyKeeper)
	// -settle-other-tokens more of the next period make the state larger, not the run.
	if *settleOther%parties != 0 {
		b.Fatalf("-settle-other-tokens: %d is not a multiple of the %d participants", *settleOther, parties)
	}
	for i := 0; i < n+*settleOther; i++ {
		ctx := f.c.Ctx()
		period := f.period
		if i >= n {
			period = f.period + 1
		}
		round, p := i/parties, i%parties
		producer, consumer := participants[p], participants[(p+1+round%(parties-1))%parties]
		wh := uint64(1_000 + (round*7919)%9_000)
		price := int64(40_000_000 + rng.Intn(60_000_000))
		res, err := energy.IssueToken(ctx, &et.MsgIssueToken{
			Issuer: producer.String(), FirstPeriod: period, LastPeriod: period, WhPerPeriod: wh, Category: settleCategory,
			ProducerMeterId: bt.VirtualMeterID(producer.String(), settleCategory), ConsumerMeterId: bt.VirtualMeterID(producer.String(), settleCategory),
			ConsumerAsk:     et.Ask{ForSale: true, PricePerMwh: price, Denom: sChf},
			FaceValuePerMwh: et.Money{Amount: sdkmath.NewInt(price), Denom: sChf},
			Terms: et.ContractTerms{SettlementDelayPeriods: 0, CancellationFee: sdkmath.ZeroInt(),
				ProducerDefaultFee: sdkmath.ZeroInt(), ConsumerDefaultFee: sdkmath.ZeroInt(), LegalFramework: "EFET-2007-CH"},
		})
		if err != nil {
			b.Fatalf("token %d: %v", i, err)
		}
		if _, err := energy.BuySide(ctx, &et.MsgBuySide{Buyer: consumer.String(), TokenId: res.TokenId, Side: et.Side_SIDE_CONSUMER,
			MaxPricePerMwh: price, Denom: sChf}); err != nil {
			b.Fatalf("token %d: %v", i, err)
		}
		if (i+1)%settleFillBlock == 0 {
			f.c.NextBlock(time.Second)
		}
	}

	// Blocks until reconciliation has passed the period and filed its tokens as due, and
	// settlement has come up to it; the period is settleable once reconciliation has passed
	// it by fee_window_periods, so the clock stops one period short of that.
	sparams, err := f.c.App.SettlementKeeper.Params.Get(f.c.Ctx())
	if err != nil {
		b.Fatal(err)
	}
	lastQuiet := f.period + sparams.FeeWindow() // reconciledBefore, at most, before the run may start
	// Reconciliation of period q runs once the current period is past q + the reading
	// window: at p + fee window + reading window, q = p + fee window - 1 is the last one.
	quietPeriod := lastQuiet + dparams.ReadingWindowPeriods
	for blocks := 0; ; blocks++ {
		rb, err := f.c.App.DeliveryKeeper.ReconciledBefore(f.c.Ctx())
		if err != nil {
			b.Fatal(err)
		}
		next, err := f.c.App.SettlementKeeper.NextPeriod.Get(f.c.Ctx())
		if err != nil {
			b.Fatal(err)
		}
		if rb == lastQuiet && next == f.period {
			break
		}
		dt := time.Second
		if f.now() < quietPeriod {
			dt = time.Duration(et.DefaultPeriodSeconds-uint64(f.c.Time.Unix())%et.DefaultPeriodSeconds) * time.Second
		}
		f.c.NextBlock(dt)
		if blocks > 10*n {
			b.Fatalf("period %d not reconciled after %d blocks (reconciled before %d, settlement at %d)", f.period, blocks, rb, next)
		}
	}
	if has, err := f.c.App.SettlementKeeper.Runs.Has(f.c.Ctx(), f.period); err != nil || has {
		b.Fatalf("the settlement of period %d started during the fill (%v)", f.period, err)
	}
	return f
}
