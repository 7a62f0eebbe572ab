package keeper_test

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"syscall"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

var (
	filledTokens  = flag.Int("filled-tokens", 100_000, "BenchmarkFilledMarket: live offered tokens in the one market of the filled state")
	filledHeld    = flag.Int("filled-held", 2_000, "BenchmarkFilledMarket: live sides each buyer already holds at the filled state")
	filledDB      = flag.String("filled-db", "pebbledb", "BenchmarkFilledMarket: the app's database, pebbledb (as gridd runs) or memdb")
	filledTxs     = flag.Int("filled-txs", 300, "BenchmarkFilledMarket: transactions per timed block")
	filledBlocks  = flag.Int("filled-blocks", 3, "BenchmarkFilledMarket: timed blocks per round (rounds: send, buy, buy, send, hand-over)")
	filledCache   = flag.Int("filled-iavl-cache", 781_250, "BenchmarkFilledMarket: IAVL node cache per store (gridd's app.toml default iavl-cache-size is 781250)")
	filledProfile = flag.String("filled-cpuprofile", "", "BenchmarkFilledMarket: write a CPU profile of each state's buy blocks (and hand-over blocks) to this prefix")
)

const (
	filledBuyers   = 10   // keys that buy, receive hand-overs and send
	filledFillStep = 2000 // fill messages per committed block
	filledQueries  = 200  // Offers queries of each kind
)

// BenchmarkFilledMarket times a buy, a hand-over and an Offers page on a fresh market and
// on a filled one: -filled-tokens (default 100,000) live offered consumer sides in ONE
// market (solar, consumer side, one denom), all issued by one seller (a participant with
// many positions), and each of the buyers already holding -filled-held live sides. The
// whole app runs over PebbleDB in a temporary directory, as gridd does; every timed block
// is FinalizeBlock + Commit of signed transactions (ante handler, signature checks and the
// IAVL commit included), so the figures compare with a bank send's block at the same state.
//
// Each state runs the rounds send, buy, buy, send (-filled-blocks blocks of -filled-txs
// transactions each), then hand-over blocks (two signers), then Offers pages. It reports
// per state: wall and process CPU per transaction of a buy, a hand-over and a send, their
// ratios, gas per buy and Offers p50/p95.
//
//	go test -run '^$' -bench BenchmarkFilledMarket -benchtime 1x -timeout 60m ./x/energy/keeper -args -filled-cpuprofile /tmp/filled
func BenchmarkFilledMarket(b *testing.B) {
	for _, state := range []string{"fresh", "filled"} {
		b.Run(state, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				fill := 0
				if state == "filled" {
					fill = *filledTokens
				}
				benchFilled(b, state, fill)
			}
		})
	}
}

type filledBench struct {
	b       testing.TB
	c       *apptest.Chain
	seller  *apptest.Key
	buyers  []*apptest.Key
	now     uint64
	offered []uint64 // token ids still offered, for the timed rounds (taken from the end)
	rng     *rand.Rand
}

func benchFilled(b *testing.B, state string, fill int) {
	b.StopTimer()
	var db dbm.DB
	switch *filledDB {
	case "memdb":
		db = dbm.NewMemDB()
	case "pebbledb":
		var err error
		if db, err = dbm.NewDB("application", dbm.PebbleDBBackend, b.TempDir()); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = db.Close() })
	default:
		b.Fatalf("-filled-db %q: pebbledb or memdb", *filledDB)
	}
	perRound := *filledTxs * *filledBlocks
	timedTokens := 2*perRound + perRound // two buy rounds and a hand-over round
	fillStart := time.Now()
	f := newFilledBench(b, db, fill+timedTokens+100, fill > 0) // the fresh market: what the rounds buy, and a page more
	fillTime := time.Since(fillStart)
	runtime.GC()
	quiet := waitQuietProcess()

	var sendCPU, buyCPU, sendWall, buyWall time.Duration
	var buyGas, sendGas uint64
	profiles := 0
	profile := func(kind string) func() {
		if *filledProfile == "" {
			return func() {}
		}
		profiles++
		out, err := os.Create(fmt.Sprintf("%s.%s.%s.%d.pprof", *filledProfile, kind, state, profiles))
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.StartCPUProfile(out); err != nil {
			b.Fatal(err)
		}
		return func() { pprof.StopCPUProfile(); out.Close() }
	}
	b.StartTimer()
	for _, round := range []string{"send", "buy", "buy", "send"} {
		var stop func()
		if round == "buy" {
			stop = profile("buy")
		}
		for blk := 0; blk < *filledBlocks; blk++ {
			var txs [][]byte
			if round == "send" {
				txs = f.sendTxs(*filledTxs)
			} else {
				txs = f.buyTxs(*filledTxs)
			}
			wall, cpu, gas := f.timedBlock(b, round, txs)
			if round == "send" {
				sendWall, sendCPU, sendGas = sendWall+wall, sendCPU+cpu, sendGas+gas
			} else {
				buyWall, buyCPU, buyGas = buyWall+wall, buyCPU+cpu, buyGas+gas
			}
		}
		if stop != nil {
			stop()
		}
	}
	var handWall, handCPU time.Duration
	var handGas uint64
	stop := profile("handover")
	for blk := 0; blk < *filledBlocks; blk++ {
		wall, cpu, gas := f.timedBlock(b, "hand-over", f.handOverTxs(*filledTxs))
		handWall, handCPU, handGas = handWall+wall, handCPU+cpu, handGas+gas
	}
	stop()
	b.StopTimer()

	stop = profile("offers")
	first, window, second := f.offersLatency(b)
	stop()

	if err := f.c.App.EnergyKeeper.CheckInvariants(f.c.Ctx()); err != nil {
		b.Fatalf("x/energy invariants after the run: %v", err)
	}

	us := func(d time.Duration, n int) float64 { return float64(d) / float64(time.Microsecond) / float64(n) }
	sends, buys, hands := 2*perRound, 2*perRound, perRound
	b.ReportMetric(us(buyWall, buys), "buy-us/tx")
	b.ReportMetric(us(sendWall, sends), "send-us/tx")
	b.ReportMetric(us(handWall, hands), "handover-us/tx")
	b.ReportMetric(us(buyCPU, buys), "buy-cpu-us/tx")
	b.ReportMetric(us(sendCPU, sends), "send-cpu-us/tx")
	b.ReportMetric(us(handCPU, hands), "handover-cpu-us/tx")
	b.ReportMetric(float64(buyCPU)/float64(buys)/(float64(sendCPU)/float64(sends)), "buy-cpu/send-cpu")
	b.ReportMetric(float64(handCPU)/float64(hands)/(float64(sendCPU)/float64(sends)), "handover-cpu/send-cpu")
	b.ReportMetric(float64(sendWall)/float64(sends)/(float64(buyWall)/float64(buys)), "buy-tx/s/send-tx/s")
	b.ReportMetric(float64(buyGas)/float64(buys), "buy-gas")
	b.ReportMetric(float64(handGas)/float64(hands), "handover-gas")
	b.ReportMetric(float64(sendGas)/float64(sends), "send-gas")
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(p(first, 50)), "offers-p50-ms")
	b.ReportMetric(ms(p(first, 95)), "offers-p95-ms")
	b.ReportMetric(ms(p(window, 95)), "offers-day-p95-ms")
	b.ReportMetric(ms(p(second, 95)), "offers-next-p95-ms")
	b.ReportMetric(float64(fill), "offered-tokens")
	b.ReportMetric(fillTime.Seconds(), "fill-s")
	b.ReportMetric(quiet.Seconds(), "quiet-wait-s")
}

// p is the q-th percentile of ds.
func p(ds []time.Duration, q int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)-1)*q/100]
}

// timedBlock delivers txs in one block (FinalizeBlock + Commit) and returns its wall and
// process CPU time and the gas its transactions used; every transaction must succeed.
func (f *filledBench) timedBlock(b *testing.B, what string, txs [][]byte) (time.Duration, time.Duration, uint64) {
	b.Helper()
	start, cpu := time.Now(), processCPUTime()
	res := f.c.DeliverTxs(txs...)
	wall, used := time.Since(start), processCPUTime()-cpu
	var gas uint64
	for i, r := range res {
		if r.Code != 0 {
			b.Fatalf("%s %d refused: %s", what, i, r.Log)
		}
		gas += uint64(r.GasUsed)
	}
	return wall, used, gas
}

func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// waitQuietProcess waits (at most two minutes) until the process uses under 20 % of a CPU
// over a second, so PebbleDB's compactions of the fill are not billed to the timed blocks.
func waitQuietProcess() time.Duration {
	start := time.Now()
	for time.Since(start) < 2*time.Minute {
		cpu := processCPUTime()
		time.Sleep(time.Second)
		if processCPUTime()-cpu < 200*time.Millisecond {
			break
		}
	}
	return time.Since(start)
}

func newFilledBench(b *testing.B, db dbm.DB, offered int, filled bool) *filledBench {
	b.Helper()
	operator, bank := apptest.NewAccount(), apptest.NewAccount()
	f := &filledBench{b: b, seller: apptest.NewKey(), rng: rand.New(rand.NewSource(int64(offered)))}
	funded := []sdk.AccAddress{apptest.NewAccount(), operator, f.seller.Addr}
	for i := 0; i < filledBuyers; i++ {
		f.buyers = append(f.buyers, apptest.NewKey())
		funded = append(funded, f.buyers[i].Addr)
	}
	f.c = apptest.SetupWithOptions(b, db, []func(*baseapp.BaseApp){baseapp.SetIAVLCacheSize(*filledCache)}, operator, funded...)
	ctx := f.c.Ctx()
	f.c.ApproveBank(ctx, bank, chf, "chf.alpine", "CHF", fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: 10, FixedAmount: sdkmath.ZeroInt()},
		sdkmath.NewInt(1_000_000_000_000_000_000))
	for i, k := range append([]*apptest.Key{f.seller}, f.buyers...) {
		f.c.Admit(ctx, operator, k.Addr, apptest.Admission{LegalID: fmt.Sprintf("12X-FILLED-%04d", i), PositionLimitWh: 1 << 50,
			Roles: []bt.Role{bt.Role_ROLE_TRADER}, TradedCategories: []bt.EnergyCategory{solar}})
		f.c.Fund(ctx, bank, chf, k.Addr, sdkmath.NewInt(1_000_000_000_000_000), sdkmath.NewInt(1_000_000_000_000_000))
	}
	f.c.NextBlock(time.Second)
	f.now = uint64(f.c.Time.Unix()) / types.DefaultPeriodSeconds

	msgs := keeper.NewMsgServerImpl(f.c.App.EnergyKeeper)
	held := 0
	if filled {
		held = *filledHeld * filledBuyers
	}
	seller := f.seller.Addr.String()
	for i := 0; i < offered+held; i++ {
		ctx := f.c.Ctx()
		first := f.now + 20 + uint64(f.rng.Intn(30*96))
		span := uint64(1 + f.rng.Intn(96))
		price := int64(40_000_000 + f.rng.Intn(60_000_000))
		res, err := msgs.IssueToken(ctx, &types.MsgIssueToken{
			Issuer: seller, FirstPeriod: first, LastPeriod: first + span - 1, WhPerPeriod: uint64(1_000 + f.rng.Intn(9_000)), Category: solar,
			ProducerMeterId: bt.VirtualMeterID(seller, solar), ConsumerMeterId: bt.VirtualMeterID(seller, solar),
			ConsumerAsk:     types.Ask{ForSale: true, PricePerMwh: price, Denom: chf},
			FaceValuePerMwh: types.Money{Amount: sdkmath.NewInt(price), Denom: chf},
			Terms: types.ContractTerms{CancellationFee: sdkmath.ZeroInt(), ProducerDefaultFee: sdkmath.ZeroInt(),
				ConsumerDefaultFee: sdkmath.ZeroInt(), LegalFramework: "EFET-2007-CH"},
		})
		if err != nil {
			b.Fatalf("fill token %d: %v", i, err)
		}
		if i < held { // the buyers' holdings
			buyer := f.buyers[i%filledBuyers].Addr.String()
			if _, err := msgs.BuySide(ctx, &types.MsgBuySide{Buyer: buyer, TokenId: res.TokenId, Side: consumerSide, MaxPricePerMwh: price, Denom: chf}); err != nil {
				b.Fatalf("fill buy %d: %v", i, err)
			}
		} else {
			f.offered = append(f.offered, res.TokenId)
		}
		if (i+1)%filledFillStep == 0 {
			f.c.NextBlock(time.Second)
		}
	}
	f.c.NextBlock(time.Second)
	f.rng.Shuffle(len(f.offered), func(i, j int) { f.offered[i], f.offered[j] = f.offered[j], f.offered[i] })
	return f
}

// take returns the next offered token for a timed transaction.
func (f *filledBench) take() types.Token {
	b := f.b
	if len(f.offered) == 0 {
		b.Fatal("no offered token left")
	}
	id := f.offered[len(f.offered)-1]
	f.offered = f.offered[:len(f.offered)-1]
	t, err := f.c.App.EnergyKeeper.Tokens.Get(f.c.Ctx(), id)
	if err != nil {
		b.Fatal(err)
	}
	return t
}

func (f *filledBench) sendTxs(n int) [][]byte {
	txs := make([][]byte, n)
	for j := range txs {
		from, to := f.buyers[j%filledBuyers], f.buyers[(j+1)%filledBuyers]
		txs[j] = f.c.SignTx(from, 200_000, nil, banktypes.NewMsgSend(from.Addr, to.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1))))
		from.Seq++
	}
	return txs
}

func (f *filledBench) buyTxs(n int) [][]byte {
	txs := make([][]byte, n)
	for j := range txs {
		buyer := f.buyers[j%filledBuyers]
		t := f.take()
		txs[j] = f.c.SignTx(buyer, 1_000_000, nil, &types.MsgBuySide{Buyer: buyer.Addr.String(), TokenId: t.Id, Side: consumerSide,
			MaxPricePerMwh: t.Consumer.Ask.PricePerMwh, Denom: chf})
		buyer.Seq++
	}
	return txs
}

func (f *filledBench) handOverTxs(n int) [][]byte {
	txs := make([][]byte, n)
	for j := range txs {
		to := f.buyers[j%filledBuyers]
		t := f.take()
		txs[j] = f.signMulti(1_000_000, []*apptest.Key{f.seller, to}, &types.MsgHandOverSide{From: f.seller.Addr.String(), To: to.Addr.String(),
			TokenId: t.Id, Side: consumerSide})
		f.seller.Seq++
		to.Seq++
	}
	return txs
}

// signMulti signs msgs by every key (a hand-over has two signers).
func (f *filledBench) signMulti(gas uint64, keys []*apptest.Key, msgs ...sdk.Msg) []byte {
	ctx := f.c.Ctx()
	var nums, seqs []uint64
	var privs []cryptotypes.PrivKey
	for _, k := range keys {
		nums = append(nums, f.c.App.AccountKeeper.GetAccount(ctx, k.Addr).GetAccountNumber())
		seqs = append(seqs, k.Seq)
		privs = append(privs, k.Priv)
	}
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(1)), f.c.App.TxConfig(), msgs, nil, gas, apptest.ChainID, nums, seqs, privs...)
	if err != nil {
		panic(err)
	}
	bz, err := f.c.App.TxConfig().TxEncoder()(tx)
	if err != nil {
		panic(err)
	}
	return bz
}

// offersLatency times Offers pages of the market through the query server on the
// committed state: the first page (limit 50), a one-day window's first page, and a second
// page by next_key.
func (f *filledBench) offersLatency(b *testing.B) (first, window, second []time.Duration) {
	q := keeper.NewQueryServerImpl(f.c.App.EnergyKeeper)
	base := types.QueryOffersRequest{Side: consumerSide, Denom: chf, Category: solar}
	run := func(req types.QueryOffersRequest) (time.Duration, *types.QueryOffersResponse) {
		ctx := f.c.Ctx()
		start := time.Now()
		res, err := q.Offers(ctx, &req)
		d := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		return d, res
	}
	for i := 0; i < filledQueries; i++ {
		req := base
		req.Pagination = &query.PageRequest{Limit: 50}
		d, res := run(req)
		first = append(first, d)
		if len(res.Tokens) == 0 {
			b.Fatal("no offers on the first page")
		}
		day := f.now + 20 + uint64(f.rng.Intn(30))*96
		req.FromPeriod, req.ToPeriod = day, day+95
		d, _ = run(req)
		window = append(window, d)
		req = base
		req.Pagination = &query.PageRequest{Limit: 50, Key: res.Pagination.NextKey}
		d, _ = run(req)
		second = append(second, d)
	}
	return first, window, second
}
