package keeper_test

import (
	"maps"
	"math"
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

// The fuzz input is a sequence of operations: one op byte, then that op's argument
// bytes in the order listed here (a missing byte reads as 0). Arguments mostly pick
// plausible values (the side's real owner, the buyer's own meter) so that sequences get
// far, and sometimes implausible ones so that refusals are exercised too.
const (
	opIssue         = iota // issuer, meters, first, periods, wh, co2, fee, denom
	opAsk                  // token, side, owner, for-sale, price, denom
	opBuy                  // token, side, buyer, max-price delta, denom, meter
	opHandOver             // token, side, from, to, meter
	opSplit                // token, signers, mode, part, skew
	opMerge                // count, token, token, token, signers
	opCancel               // token, who
	opCancelJointly        // token, signers
	opAggregate            // count, token, token, token, side, owner
	opDisaggregate         // token, side, owner, mode, part
	opCount
)

const maxFuzzOps = 48

var (
	fuzzWh     = []uint64{1, 500, 1000, 2500, 4000, 6000, 1_000_000, 1 << 62, math.MaxUint64}
	fuzzFees   = []int64{0, 1, 2_000_000, 1_000_000_000_000}
	fuzzPrices = []int64{-80_000_000, -1_000_000, -50, -1, 0, 1, 50, 1_000_000, 80_000_000, 1_000_000_000_000, -1_000_000_000_000}
	fuzzDeltas = []int64{0, 0, 1, -1, 1_000_000_000_000}
)

// FuzzMarketSequences decodes bytes into a sequence of market messages among a
// producer, a trader and a consumer. After every message both modules' invariants
// hold, a refused message changed nothing and carries a registered error, money is
// conserved, and no participant's net position moved beyond its position limit further
// from zero than it was (positions scanned from all tokens before and after).
// One app serves the whole run; every input starts from a cache of the same state.
func FuzzMarketSequences(f *testing.F) {
	m := newMarket(f)
	base := m.c.Ctx()
	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, _ := base.CacheContext()
		r := &fuzzRun{m: m, t: t, ctx: ctx, data: data, parties: []sdk.AccAddress{m.producer, m.trader, m.consumer}}
		r.market = r.marketMoney()
		for op := 0; op < maxFuzzOps && len(r.data) > 0; op++ {
			r.step(r.next() % opCount)
		}
		gs, err := m.c.App.EnergyKeeper.ExportGenesis(r.ctx)
		require.NoError(t, err)
		require.NoError(t, gs.Validate(), "the state exports as a valid genesis")
	})
}

// fuzzSeeds are sequences that reach every message, successes and refusals.
func fuzzSeeds() [][]byte {
	cat := func(ops ...[]byte) []byte {
		var out []byte
		for _, op := range ops {
			out = append(out, op...)
		}
		return out
	}
	issue := []byte{opIssue, 0, 0, 5, 3, 2, 10, 2, 0}      // producer, solar, now+4..now+7, 1000 Wh, fee 2 CHF, CHF
	issueWind := []byte{opIssue, 0, 2, 5, 3, 2, 10, 2, 0}  // the same from the wind park
	issueTrader := []byte{opIssue, 1, 0, 3, 1, 1, 3, 0, 1} // trader, virtual solar, now+2..now+3, 500 Wh, no fee, EUR
	issueHuge := []byte{opIssue, 0, 0, 5, 0, 8, 1, 1, 0}   // producer, one period of 2^64-1 Wh
	askConsumer := []byte{opAsk, 0, 1, 0, 1, 8, 0}         // token 1, consumer side, by its owner, 80 CHF/MWh
	askNegative := []byte{opAsk, 0, 0, 0, 1, 0, 0}         // token 1, producer side, -80 CHF/MWh
	buyConsumer := []byte{opBuy, 0, 1, 2, 0, 1, 1}         // token 1, consumer side, by the consumer at its own meter
	buyTrader := []byte{opBuy, 0, 0, 1, 0, 1, 0}           // token 1, producer side, by the trader on its virtual meter
	handOver := []byte{opHandOver, 0, 1, 0, 1, 0}          // token 1, consumer side, to the trader
	splitVolume := []byte{opSplit, 0, 0, 0, 40, 1}         // token 1 by volume
	splitPeriod := []byte{opSplit, 0, 0, 2, 1, 1}          // token 1 after its first period
	merge := []byte{opMerge, 0, 1, 2, 0, 0}                // tokens 2 and 3
	cancelByConsumer := []byte{opCancel, 0, 1}             // token 1 by its consumer-side owner
	cancelJointly := []byte{opCancelJointly, 0, 0}         // token 1 by both owners
	aggregate := []byte{opAggregate, 0, 1, 2, 0, 1, 0}     // the consumer sides of tokens 2 and 3 by their owner
	disaggregate := []byte{opDisaggregate, 0, 1, 0, 0, 40} // the consumer side of token 1 by volume
	refusals := []byte{opIssue, 2, 0, 0, 0, 0, 0, 0, 3, opAsk, 250, 4, 255, 0, 3, 3, opBuy, 250, 0, 0, 3, 0, 2}
	return [][]byte{
		cat(issue),
		cat(issue, askConsumer, buyConsumer),
		cat(issue, askNegative, buyTrader),
		cat(issue, handOver, askConsumer, cancelByConsumer),
		cat(issue, splitVolume, merge),
		cat(issue, splitPeriod, merge),
		cat(issue, issueWind, cancelJointly, merge),
		cat(issueHuge, []byte{opAsk, 0, 1, 0, 1, 4, 0}, buyConsumer),
		cat(issue, issueTrader, askConsumer, buyConsumer, handOver, splitVolume, merge, cancelByConsumer, cancelJointly),
		cat(issue, issue, issue, []byte{opHandOver, 1, 1, 0, 1, 0, opHandOver, 2, 1, 0, 1, 0}, aggregate, []byte{opCancel, 3, 1}),
		cat(issue, handOver, disaggregate, []byte{opAsk, 0, 1, 0, 1, 8, 0}, []byte{opCancel, 1, 1}, merge),
		refusals,
		{opCount + opSplit, opCount + opMerge, opCount + opCancel},
	}
}

// fuzzRun replays one input on a scratch copy of the market.
type fuzzRun struct {
	m       *market
	t       *testing.T
	ctx     sdk.Context
	data    []byte
	parties []sdk.AccAddress // producer, trader, consumer
	// market is, per denom, what the participants hold in settlement accounts plus what
	// the banks earned in fees: the market moves money, it never makes or burns any.
	market map[string]sdkmath.Int
}

func (r *fuzzRun) next() byte {
	if len(r.data) == 0 {
		return 0
	}
	b := r.data[0]
	r.data = r.data[1:]
	return b
}

// step runs one operation and checks everything that must hold after it.
func (r *fuzzRun) step(op byte) {
	t := r.t
	before := r.m.c.StoreDump(r.t, r.ctx, "energy", "fiat", "bank", "acc")
	held := r.positions()
	var err error
	switch op {
	case opIssue:
		err = r.issue()
	case opAsk:
		err = r.ask()
	case opBuy:
		err = r.buy()
	case opHandOver:
		err = r.handOver()
	case opSplit:
		err = r.split()
	case opMerge:
		err = r.merge()
	case opCancel:
		err = r.cancel()
	case opCancelJointly:
		err = r.cancelJointly()
	case opAggregate:
		err = r.aggregate()
	case opDisaggregate:
		err = r.disaggregate()
	}
	if err != nil {
		codespace, _, _ := errorsmod.ABCIInfo(err, false)
		require.Contains(t, []string{types.ModuleName, fiattypes.ModuleName}, codespace, "op %d refused without a registered error: %v", op, err)
		if after := r.m.c.StoreDump(r.t, r.ctx, "energy", "fiat", "bank", "acc"); !maps.Equal(before, after) {
			require.Equal(t, before, after, "op %d was refused (%v) but changed state", op, err)
		}
	} else {
		r.withinLimits(held, op)
	}
	require.NoError(t, r.m.c.App.EnergyKeeper.CheckInvariants(r.ctx), "x/energy invariants after op %d", op)
	require.NoError(t, r.m.c.App.FiatKeeper.CheckInvariants(r.ctx), "x/fiat invariants after op %d", op)
	r.moneyConserved(op)
}

func (r *fuzzRun) party(b byte) sdk.AccAddress { return r.parties[int(b)%len(r.parties)] }

func (r *fuzzRun) denom(b byte) string { return [...]string{chf, eur, chf, "ufake.bank"}[b%4] }

func (r *fuzzRun) side(b byte) types.Side {
	return [...]types.Side{producerSide, consumerSide, producerSide, consumerSide, types.Side_SIDE_UNSPECIFIED}[b%5]
}

// token picks an existing token mostly, sometimes id 0 or the next unused id.
func (r *fuzzRun) token(b byte) uint64 {
	next, err := r.m.c.App.EnergyKeeper.TokenSeq.Peek(r.ctx)
	require.NoError(r.t, err)
	if next <= 1 || b >= 240 {
		return [...]uint64{0, next}[b%2]
	}
	return 1 + uint64(b)%(next-1)
}

// lookup returns the token, or a zero token when it does not exist.
func (r *fuzzRun) lookup(id uint64) types.Token {
	tok, _ := r.m.c.App.EnergyKeeper.Tokens.Get(r.ctx, id)
	return tok
}

// owner is the side's owner when b is below 200, else any party.
func (r *fuzzRun) owner(tok types.Token, s types.Side, b byte) string {
	if side, err := tok.SideOf(s); err == nil && side.Owner != "" && b < 200 {
		return side.Owner
	}
	return r.party(b).String()
}

// meter is a meter for who to hold side s at: its virtual meter, its own physical
// meter for the side, or any meter at all.
func (r *fuzzRun) meter(who sdk.AccAddress, s types.Side, b byte) string {
	m := r.m
	switch b % 4 {
	case 1:
		switch {
		case who.Equals(m.consumer):
			return consumerLoad
		case who.Equals(m.producer) && s == consumerSide:
			return producerLoad
		case who.Equals(m.producer):
			return [...]string{solarMeter, solarMeter2, windMeter}[int(b/4)%3]
		}
	case 2:
		all := []string{solarMeter, solarMeter2, windMeter, producerLoad, consumerLoad, m.virtual(m.trader, solar), m.virtual(m.trader, wind)}
		return all[int(b/4)%len(all)]
	}
	return ""
}

func (r *fuzzRun) issue() error {
	m := r.m
	issuer, meters := r.party(r.next()), r.next()
	msg := m.issueMsg()
	msg.Issuer = issuer.String()
	category := [...]balancingtypes.EnergyCategory{solar, wind}[meters%2]
	switch {
	case meters >= 128:
		all := []string{solarMeter, solarMeter2, windMeter, producerLoad, consumerLoad, m.virtual(m.trader, solar), m.virtual(m.trader, wind), ""}
		msg.ProducerMeterId, msg.ConsumerMeterId = all[int(meters)%len(all)], all[int(meters/8)%len(all)]
	case issuer.Equals(m.producer):
		msg.ProducerMeterId, msg.ConsumerMeterId = [...]string{solarMeter, solarMeter2, windMeter}[meters%3], producerLoad
	case issuer.Equals(m.trader):
		msg.ProducerMeterId, msg.ConsumerMeterId = m.virtual(m.trader, category), ""
	default:
		msg.ProducerMeterId, msg.ConsumerMeterId = consumerLoad, consumerLoad
	}
	msg.FirstPeriod = m.now + uint64(r.next()%10) - 1 // now-1 and now are refused
	periods := r.next()
	msg.LastPeriod = msg.FirstPeriod + uint64(periods%6)
	if periods >= 250 {
		msg.LastPeriod = msg.FirstPeriod - 1
	}
	msg.WhPerPeriod = fuzzWh[int(r.next())%len(fuzzWh)]
	msg.Co2Grams = uint64(r.next()) * 7
	msg.Terms.CancellationFee = ints(fuzzFees[int(r.next())%len(fuzzFees)])
	msg.FaceValuePerMwh.Denom = r.denom(r.next())
	_, err := m.msgs.IssueToken(r.ctx, msg)
	return err
}

func (r *fuzzRun) ask() error {
	id := r.token(r.next())
	side := r.side(r.next())
	owner := r.owner(r.lookup(id), side, r.next())
	forSale := r.next()%5 != 0
	price := fuzzPrices[int(r.next())%len(fuzzPrices)]
	denom := r.denom(r.next())
	ask := types.Ask{}
	if forSale {
		ask = types.Ask{ForSale: true, PricePerMwh: price, Denom: denom}
	}
	_, err := r.m.msgs.SetAsk(r.ctx, &types.MsgSetAsk{Owner: owner, TokenId: id, Side: side, Ask: ask})
	return err
}

func (r *fuzzRun) buy() error {
	id := r.token(r.next())
	side := r.side(r.next())
	buyer := r.party(r.next())
	delta := fuzzDeltas[int(r.next())%len(fuzzDeltas)]
	denomChoice := r.next()
	meterChoice := r.next()
	tok := r.lookup(id)
	var ask types.Ask
	if s, err := tok.SideOf(side); err == nil {
		ask = s.Ask
	}
	denom := ask.Denom
	if denom == "" || denomChoice%5 == 0 {
		denom = r.denom(denomChoice)
	}
	msg := &types.MsgBuySide{Buyer: buyer.String(), TokenId: id, Side: side, MaxPricePerMwh: ask.PricePerMwh + delta,
		Denom: denom, MeterId: r.meter(buyer, side, meterChoice)}
	res, err := r.m.msgs.BuySide(r.ctx, msg)
	if err != nil {
		return err
	}
	require.Equal(r.t, types.PriceFor(ask.PricePerMwh, tok.TotalWh()).Abs().String(), res.Paid.String(), "paid")
	after := r.lookup(id)
	got, _ := after.SideOf(side)
	require.Equal(r.t, buyer.String(), got.Owner)
	require.Equal(r.t, types.Ask{}, got.Ask, "a bought side's price is void")
	return nil
}

func (r *fuzzRun) handOver() error {
	id := r.token(r.next())
	side := r.side(r.next())
	tok := r.lookup(id)
	from := r.owner(tok, side, r.next())
	to := r.party(r.next())
	meter := r.meter(to, side, r.next())
	if _, err := r.m.msgs.HandOverSide(r.ctx, &types.MsgHandOverSide{From: from, To: to.String(), TokenId: id, Side: side, MeterId: meter}); err != nil {
		return err
	}
	after := r.lookup(id)
	got, _ := after.SideOf(side)
	require.Equal(r.t, to.String(), got.Owner)
	return nil
}

// signers are the token's two owners when b is below 200, else two parties.
func (r *fuzzRun) signers(tok types.Token, b byte) (string, string) {
	if b < 200 && tok.Producer.Owner != "" {
		return tok.Producer.Owner, tok.Consumer.Owner
	}
	return r.party(b).String(), r.party(b / 3).String()
}

func (r *fuzzRun) split() error {
	id := r.token(r.next())
	tok := r.lookup(id)
	producer, consumer := r.signers(tok, r.next())
	mode, part, skew := r.next(), r.next(), r.next()
	msg := &types.MsgSplitToken{ProducerOwner: producer, ConsumerOwner: consumer, TokenId: id}
	wh := tok.WhPerPeriod
	switch mode % 3 {
	case 0:
		first := wh / 101 * uint64(part%100+1)
		if wh < 101 {
			first = wh * uint64(part%100+1) / 101
		}
		msg.WhParts = []uint64{first, wh - first}
	case 1:
		msg.WhParts = []uint64{wh / 3, wh / 3, wh - 2*(wh/3)}
	default:
		msg.SplitAfterPeriod = tok.FirstPeriod + uint64(part)%(tok.Periods()+1)
	}
	if skew%7 == 0 && len(msg.WhParts) > 0 {
		msg.WhParts[0]++ // no longer adds up (or overflows)
	}
	res, err := r.m.msgs.SplitToken(r.ctx, msg)
	if err != nil {
		return err
	}
	var sum uint64
	for _, child := range res.TokenIds {
		c := r.lookup(child)
		sum += c.TotalWh()
		require.Equal(r.t, tok.Producer.Owner, c.Producer.Owner)
		require.Equal(r.t, tok.Consumer.Owner, c.Consumer.Owner)
	}
	require.Equal(r.t, tok.TotalWh(), sum, "a split conserves energy")
	return nil
}

func (r *fuzzRun) merge() error {
	n := 2 + int(r.next()%2)
	ids := []uint64{r.token(r.next()), r.token(r.next()), r.token(r.next())}[:n]
	producer, consumer := r.signers(r.lookup(ids[0]), r.next())
	_, err := r.m.msgs.MergeTokens(r.ctx, &types.MsgMergeTokens{ProducerOwner: producer, ConsumerOwner: consumer, TokenIds: ids})
	return err
}

func (r *fuzzRun) cancel() error {
	id := r.token(r.next())
	tok := r.lookup(id)
	who := r.next()
	owner := r.party(who).String()
	switch {
	case who%4 == 0 && tok.Producer.Owner != "":
		owner = tok.Producer.Owner
	case who%4 == 1 && tok.Consumer.Owner != "":
		owner = tok.Consumer.Owner
	}
	_, err := r.m.msgs.CancelToken(r.ctx, &types.MsgCancelToken{Owner: owner, TokenId: id})
	return err
}

func (r *fuzzRun) cancelJointly() error {
	id := r.token(r.next())
	producer, consumer := r.signers(r.lookup(id), r.next())
	_, err := r.m.msgs.CancelTokenJointly(r.ctx, &types.MsgCancelTokenJointly{ProducerOwner: producer, ConsumerOwner: consumer, TokenId: id})
	return err
}

// aggregate keeps one side of two or three tokens and emits their sum (seed §3.2.2).
func (r *fuzzRun) aggregate() error {
	n := 2 + int(r.next()%2)
	ids := []uint64{r.token(r.next()), r.token(r.next()), r.token(r.next())}[:n]
	side := r.side(r.next())
	owner := r.owner(r.lookup(ids[0]), side, r.next())
	issue := r.m.issueMsg()
	res, err := r.m.msgs.AggregateSides(r.ctx, &types.MsgAggregateSides{Owner: owner, Side: side, SourceTokenIds: ids,
		FaceValuePerMwh: issue.FaceValuePerMwh, Terms: issue.Terms})
	if err != nil {
		return err
	}
	var sources []types.Token
	for _, id := range ids {
		sources = append(sources, r.lookup(id))
	}
	r.transposed(sources, []types.Token{r.lookup(res.TokenId)})
	return nil
}

// disaggregate keeps one side of a token and emits it in parts.
func (r *fuzzRun) disaggregate() error {
	id := r.token(r.next())
	src := r.lookup(id)
	side := r.side(r.next())
	owner := r.owner(src, side, r.next())
	mode, part := r.next(), r.next()
	issue := r.m.issueMsg()
	msg := &types.MsgDisaggregateSide{Owner: owner, Side: side, SourceTokenId: id, FaceValuePerMwh: issue.FaceValuePerMwh, Terms: issue.Terms}
	if mode%2 == 0 {
		first := src.WhPerPeriod * uint64(part%100+1) / 101
		msg.WhParts = []uint64{first, src.WhPerPeriod - first}
	} else {
		msg.SplitAfterPeriod = src.FirstPeriod + uint64(part)%(src.Periods()+1)
	}
	res, err := r.m.msgs.DisaggregateSide(r.ctx, msg)
	if err != nil {
		return err
	}
	var emitted []types.Token
	for _, e := range res.TokenIds {
		emitted = append(emitted, r.lookup(e))
	}
	r.transposed([]types.Token{src}, emitted)
	return nil
}

// transposed asserts that emitted tokens hold exactly their sources' energy and CO2.
func (r *fuzzRun) transposed(sources, emitted []types.Token) {
	var srcWh, srcCO2, wh, co2 uint64
	for _, t := range sources {
		srcWh, srcCO2 = srcWh+t.TotalWh(), srcCO2+t.Co2Grams
	}
	for _, t := range emitted {
		wh, co2 = wh+t.TotalWh(), co2+t.Co2Grams
	}
	require.Equal(r.t, []uint64{srcWh, srcCO2}, []uint64{wh, co2}, "emitted Wh and CO2 equal the sources'")
}

// marketMoney is, per denom, the participants' settlement balances plus the fees the
// bank received.
func (r *fuzzRun) marketMoney() map[string]sdkmath.Int {
	m := r.m
	out := map[string]sdkmath.Int{}
	for _, denom := range []string{chf, eur} {
		sum := sdkmath.ZeroInt()
		for _, who := range []sdk.AccAddress{m.producer, m.consumer, m.trader, m.trader2, m.suspended, m.pureProducer} {
			sum = sum.Add(m.settlement(r.ctx, who, denom))
		}
		bank, err := m.c.App.FiatKeeper.GetBank(r.ctx, denom)
		require.NoError(r.t, err)
		out[denom] = sum.Add(bank.FeesReceived)
	}
	return out
}

// moneyConserved checks that no money was made or destroyed: every coin of a fiat denom
// is in a wallet, in the settlement escrow (fees due to a bank until the block ends
// included), or a fee in the bank's wallet, and together they are the supply; and what the
// market holds plus fees never changes.
func (r *fuzzRun) moneyConserved(op byte) {
	m := r.m
	escrow := m.c.App.AccountKeeper.GetModuleAddress(fiattypes.SettlementAccountName)
	for _, b := range []struct {
		bank  sdk.AccAddress
		denom string
	}{{m.bank, chf}, {m.bank2, eur}} {
		sum := m.wallet(r.ctx, escrow, b.denom).Add(m.wallet(r.ctx, b.bank, b.denom))
		for _, who := range []sdk.AccAddress{m.producer, m.consumer, m.trader, m.trader2, m.suspended, m.pureProducer} {
			sum = sum.Add(m.wallet(r.ctx, who, b.denom))
		}
		supply := m.c.App.BankKeeper.GetSupply(r.ctx, b.denom).Amount
		require.Equal(r.t, supply.String(), sum.String(), "%s: wallets + escrow + bank fees = supply after op %d", b.denom, op)
		bank, err := m.c.App.FiatKeeper.GetBank(r.ctx, b.denom)
		require.NoError(r.t, err)
		due, err := m.c.App.FiatKeeper.FeesDueOf(r.ctx, b.denom)
		require.NoError(r.t, err)
		require.Equal(r.t, bank.FeesReceived.String(), m.wallet(r.ctx, b.bank, b.denom).Add(due).String(), "%s: fees went to the bank or wait in the escrow", b.denom)
	}
	now := r.marketMoney()
	for denom, want := range r.market {
		require.Equal(r.t, want.String(), now[denom].String(), "%s: settlement balances + fees changed after op %d", denom, op)
	}
}

// positions scans every token and returns each owner's net position (consumer −
// producer Wh, exact) per period over its live sides.
func (r *fuzzRun) positions() map[string]map[uint64]sdkmath.Int {
	out := map[string]map[uint64]sdkmath.Int{}
	add := func(owner string, period uint64, wh sdkmath.Int) {
		if out[owner] == nil {
			out[owner] = map[uint64]sdkmath.Int{}
		}
		if v, ok := out[owner][period]; ok {
			wh = wh.Add(v)
		}
		out[owner][period] = wh
	}
	require.NoError(r.t, r.m.c.App.EnergyKeeper.Tokens.Walk(r.ctx, nil, func(_ uint64, tok types.Token) (bool, error) {
		if tok.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
			return false, nil
		}
		wh := sdkmath.NewIntFromUint64(tok.WhPerPeriod)
		for period := tok.FirstPeriod; period <= tok.LastPeriod; period++ {
			add(tok.Consumer.Owner, period, wh)
			add(tok.Producer.Owner, period, wh.Neg())
		}
		return false, nil
	}))
	return out
}

// withinLimits checks the position-limit rule for every participant after a message
// that succeeded: in each period, |net| is within the limit or no further from zero than
// it was before (a limit the operator lowered). The fuzz never lowers limits, so the first
// half holds throughout.
func (r *fuzzRun) withinLimits(before map[string]map[uint64]sdkmath.Int, op byte) {
	for owner, periods := range r.positions() {
		acc, err := sdk.AccAddressFromBech32(owner)
		require.NoError(r.t, err)
		p, ok, err := r.m.c.App.BalancingKeeper.GetParticipant(r.ctx, acc)
		require.NoError(r.t, err)
		require.True(r.t, ok, "%s holds a side but is no participant", owner)
		limit := sdkmath.NewIntFromUint64(p.PositionLimitWh)
		for period, net := range periods {
			was, ok := before[owner][period]
			if !ok {
				was = sdkmath.ZeroInt()
			}
			require.True(r.t, net.Abs().LTE(limit) || net.Abs().LTE(was.Abs()),
				"after op %d %s holds %s Wh net in period %d (before: %s), limit %s", op, owner, net, period, was, limit)
		}
	}
}
