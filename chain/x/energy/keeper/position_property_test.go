package keeper_test

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestPositionLimitsHoldOverRandomSequences runs seeded random sequences of issues,
// purchases, hand-overs, splits, merges and cancellations (single and joint) among six
// participants with small limits, over a window of eight periods so that positions
// overlap. Each step runs like a transaction (its writes kept only when it succeeds).
// Before each step the test predicts, from a scan of every live token, where every
// participant's net position ends in every period; then it requires:
//   - the message is refused with ErrPositionLimit, naming a participant, a period and
//     a limit that break the rule, exactly when the prediction breaks it (|new| beyond
//     the limit and further from zero than before), and succeeds otherwise;
//   - after it, a scan of all tokens finds exactly the predicted positions;
//   - with fixed limits, no participant is beyond its limit in any period;
//   - x/energy's and x/fiat's invariants hold.
//
// The "lowered limits" sequences also let the operator change limits between steps, so
// participants end up beyond their limits and the rule for them (reduce the excess, never
// grow it) is exercised. Each of the checks a participant must pass (buyer, seller,
// giver, receiver, canceller, the cancelled token's other owner) is seen refusing.
func TestPositionLimitsHoldOverRandomSequences(t *testing.T) {
	m := newMarket(t)
	base := m.branch(t)
	parties := m.propParties(t, base)
	steps := 500 // 8 sequences: 4000 steps, about 12 s
	if testing.Short() {
		steps = 100
	}
	stats := map[string]int{}
	for _, run := range []struct {
		seed     int64
		lowering bool
	}{{1, false}, {2, false}, {3, false}, {4, false}, {5, false}, {6, false}, {7, true}, {8, true}} {
		name := fmt.Sprintf("seed %d", run.seed)
		if run.lowering {
			name += ", lowered limits"
		}
		t.Run(name, func(t *testing.T) {
			ctx, _ := base.CacheContext()
			r := &propRun{m: m, t: t, ctx: ctx, rng: rand.New(rand.NewSource(run.seed)), parties: parties, lowering: run.lowering, stats: stats}
			for i := 0; i < steps; i++ {
				r.step(i)
			}
		})
	}
	t.Logf("outcomes over all sequences: %v", stats)
	for _, want := range []string{
		"refused for buy buyer", "refused for buy seller", "refused for hand-over giver", "refused for hand-over receiver",
		"refused for cancel canceller", "refused for cancel other owner", "refused for cancel jointly owner",
		"accepted buy", "accepted hand-over", "accepted cancel", "accepted cancel jointly", "accepted split", "accepted merge",
		"accepted moving a participant beyond its limit, excess not growing",
	} {
		require.Positive(t, stats[want], "no step was %q: the sequences do not exercise it", want)
	}
}

// propParty is a participant of the property test and the meters it holds sides at
// ("-": it cannot hold that side; "": its virtual meter).
type propParty struct {
	name                         string
	addr                         sdk.AccAddress
	limit                        uint64
	producerMeter, consumerMeter string
	issues                       bool
}

// propParties gives the fixture's producer and consumer small limits and admits four
// funded traders with small limits (one of 1000 Wh, below most tokens).
func (m *market) propParties(t *testing.T, ctx sdk.Context) []propParty {
	m.setLimit(t, ctx, m.producer, 6000)
	parties := []propParty{
		{"producer", m.producer, 6000, solarMeter, producerLoad, true},
		{"consumer", m.consumer, consumerLimit, "-", consumerLoad, false},
	}
	for i, limit := range []uint64{1000, 3000, 5000, 8000} {
		who := apptest.NewAccount()
		m.c.Admit(ctx, m.operator, who, apptest.Admission{LegalID: fmt.Sprintf("12X-PROPTRADE-%02d", i), PositionLimitWh: limit,
			Roles: []balancingtypes.Role{balancingtypes.Role_ROLE_TRADER}, TradedCategories: []balancingtypes.EnergyCategory{solar}})
		m.c.Fund(ctx, m.bank, chf, who, sdkmath.NewInt(2*deposit), sdkmath.NewInt(deposit))
		parties = append(parties, propParty{fmt.Sprintf("trader %d", i), who, limit, "", "", true})
	}
	return parties
}

// propRun is one sequence.
type propRun struct {
	m        *market
	t        *testing.T
	ctx      sdk.Context
	rng      *rand.Rand
	parties  []propParty
	lowering bool
	stats    map[string]int
}

// positions maps (owner address, period) to consumer − producer Wh.
type positions map[string]map[uint64]int64

// scan reads every token of the store and returns the live ones, by id, and the net
// positions they make: the independent account the keeper's records are held to.
func (r *propRun) scan() ([]types.Token, positions) {
	var live []types.Token
	require.NoError(r.t, r.m.c.App.EnergyKeeper.Tokens.Walk(r.ctx, nil, func(_ uint64, tok types.Token) (bool, error) {
		if tok.Status == types.TokenStatus_TOKEN_STATUS_ACTIVE {
			live = append(live, tok)
		}
		return false, nil
	}))
	pos := positions{}
	pos.apply(live, 1)
	return live, pos
}

// apply adds (sign 1) or removes (sign −1) the tokens' sides.
func (p positions) apply(tokens []types.Token, sign int64) {
	add := func(owner string, period uint64, wh int64) {
		if p[owner] == nil {
			p[owner] = map[uint64]int64{}
		}
		p[owner][period] += wh
		if p[owner][period] == 0 {
			delete(p[owner], period)
		}
		if len(p[owner]) == 0 {
			delete(p, owner)
		}
	}
	for _, tok := range tokens {
		for period := tok.FirstPeriod; period <= tok.LastPeriod; period++ {
			add(tok.Consumer.Owner, period, sign*int64(tok.WhPerPeriod))
			add(tok.Producer.Owner, period, -sign*int64(tok.WhPerPeriod))
		}
	}
}

func (p positions) clone() positions {
	out := positions{}
	for owner, periods := range p {
		out[owner] = map[uint64]int64{}
		for period, wh := range periods {
			out[owner][period] = wh
		}
	}
	return out
}

// limitOf is the participant's current limit, read from x/balancing.
func (r *propRun) limitOf(addr string) int64 {
	acc, err := sdk.AccAddressFromBech32(addr)
	require.NoError(r.t, err)
	p, ok, err := r.m.c.App.BalancingKeeper.GetParticipant(r.ctx, acc)
	require.NoError(r.t, err)
	require.True(r.t, ok)
	return int64(p.PositionLimitWh)
}

// violation is a participant and period where a change breaks the rule.
type violation struct {
	owner  string
	period uint64
	limit  int64
}

// violations lists, in a stable order, where after breaks the rule against before:
// |after| above the limit and above |before|.
func (r *propRun) violations(before, after positions) []violation {
	var out []violation
	for owner, periods := range after {
		for period, wh := range periods {
			now, was := abs(wh), abs(before[owner][period])
			if limit := r.limitOf(owner); now > limit && now > was {
				out = append(out, violation{owner, period, limit})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].owner < out[j].owner || out[i].owner == out[j].owner && out[i].period < out[j].period
	})
	return out
}

// propStep is one message: its name, what it does to positions (tokens whose live sides
// go away and come), the role of each participant it moves, and how to run it.
type propStep struct {
	kind           string
	removed, added []types.Token
	roles          map[string]string // address -> role in this message
	run            func(ctx sdk.Context) error
}

func (r *propRun) step(i int) {
	t := r.t
	live, before := r.scan()
	s := r.pick(live)
	if s == nil {
		return // nothing to do this time (no live token, no mergeable pair)
	}
	predicted := before.clone()
	predicted.apply(s.removed, -1)
	predicted.apply(s.added, 1)
	broken := r.violations(before, predicted)
	movedBeyond := false // a participant beyond its limit whose position moves
	for owner, periods := range predicted {
		for period, wh := range periods {
			if was := before[owner][period]; was != wh && abs(was) > r.limitOf(owner) {
				movedBeyond = true
			}
		}
	}

	stepCtx, write := r.ctx.CacheContext()
	err := s.run(stepCtx)
	if len(broken) > 0 {
		require.ErrorIs(t, err, types.ErrPositionLimit, "step %d (%s) breaks the rule at %v, yet was not refused for it", i, s.kind, broken)
		named := false
		for _, v := range broken {
			named = named || strings.Contains(err.Error(), fmt.Sprintf("%s's position in period %d", v.owner, v.period)) &&
				strings.Contains(err.Error(), fmt.Sprintf("limit of %d Wh", v.limit))
		}
		require.True(t, named, "step %d (%s): %v names none of %v", i, s.kind, err, broken)
		seen := map[string]bool{}
		for _, v := range broken {
			if role := s.roles[v.owner]; !seen[role] {
				seen[role] = true
				r.stats["refused for "+s.kind+" "+role]++
			}
		}
	} else {
		require.NoError(t, err, "step %d (%s) keeps everyone within the rule", i, s.kind)
		write()
		r.stats["accepted "+s.kind]++
		if movedBeyond {
			r.stats["accepted moving a participant beyond its limit, excess not growing"]++
		}
	}

	_, after := r.scan()
	if err != nil {
		predicted = before
	}
	require.Equal(t, predicted, after, "step %d (%s): positions found by a scan of all tokens", i, s.kind)
	if !r.lowering {
		for owner, periods := range after {
			for period, wh := range periods {
				require.LessOrEqual(t, abs(wh), r.limitOf(owner), "step %d (%s): %s holds %d Wh net in period %d", i, s.kind, owner, wh, period)
			}
		}
	}
	require.NoError(t, r.m.c.App.EnergyKeeper.CheckInvariants(r.ctx), "x/energy invariants after step %d (%s)", i, s.kind)
	require.NoError(t, r.m.c.App.FiatKeeper.CheckInvariants(r.ctx), "x/fiat invariants after step %d (%s)", i, s.kind)
}

// pick draws the next message.
func (r *propRun) pick(live []types.Token) *propStep {
	roll := r.rng.Intn(100)
	if r.lowering && roll < 6 {
		return r.changeLimit()
	}
	if len(live) == 0 || roll < 20 {
		return r.issue()
	}
	tok := live[r.rng.Intn(len(live))]
	switch {
	case roll < 42:
		return r.buy(tok)
	case roll < 60:
		return r.handOver(tok)
	case roll < 70:
		return r.split(tok)
	case roll < 80:
		return r.merge(tok, live)
	default:
		// Mostly a token with two owners: cancelling one leg of a hedge is what moves a
		// position.
		var legs []types.Token
		for _, o := range live {
			if o.Producer.Owner != o.Consumer.Owner {
				legs = append(legs, o)
			}
		}
		if len(legs) > 0 && r.rng.Intn(5) > 0 {
			tok = legs[r.rng.Intn(len(legs))]
		}
		return r.cancel(tok)
	}
}

// meter is where p holds side s, and whether it can.
func (p propParty) meter(s types.Side) (string, bool) {
	m := p.producerMeter
	if s == consumerSide {
		m = p.consumerMeter
	}
	return m, m != "-"
}

// other picks a party other than owner that can hold side s.
func (r *propRun) other(owner string, s types.Side) propParty {
	for {
		p := r.parties[r.rng.Intn(len(r.parties))]
		if _, ok := p.meter(s); ok && p.addr.String() != owner {
			return p
		}
	}
}

var propWh = []uint64{500, 1000, 2000, 3000}

func (r *propRun) issue() *propStep {
	var issuers []propParty
	for _, p := range r.parties {
		if p.issues {
			issuers = append(issuers, p)
		}
	}
	p := issuers[r.rng.Intn(len(issuers))]
	msg := r.m.issueMsg()
	msg.Issuer = p.addr.String()
	msg.FirstPeriod = r.m.now + 4 + uint64(r.rng.Intn(8))
	msg.LastPeriod = min(msg.FirstPeriod+uint64(r.rng.Intn(3)), r.m.now+11)
	msg.WhPerPeriod = propWh[r.rng.Intn(len(propWh))]
	msg.Terms.CancellationFee = sdkmath.NewInt(1000)
	if p.producerMeter == "" {
		msg.ProducerMeterId, msg.ConsumerMeterId = r.m.virtual(p.addr, solar), ""
	}
	return &propStep{kind: "issue", run: func(ctx sdk.Context) error {
		_, err := r.m.msgs.IssueToken(ctx, msg)
		return err
	}}
}

func (r *propRun) buy(tok types.Token) *propStep {
	s := []types.Side{producerSide, consumerSide}[r.rng.Intn(2)]
	side, _ := tok.SideOf(s)
	buyer := r.other(side.Owner, s)
	meter, _ := buyer.meter(s)
	price := []int64{-1_000_000, 0, 2_000_000}[r.rng.Intn(3)]
	after := tok
	moved, _ := after.SideOf(s)
	moved.Owner = buyer.addr.String()
	return &propStep{kind: "buy", removed: []types.Token{tok}, added: []types.Token{after},
		roles: map[string]string{side.Owner: "seller", buyer.addr.String(): "buyer"},
		run: func(ctx sdk.Context) error {
			ask := types.Ask{ForSale: true, PricePerMwh: price, Denom: chf}
			if _, err := r.m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: side.Owner, TokenId: tok.Id, Side: s, Ask: ask}); err != nil {
				return err
			}
			_, err := r.m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: buyer.addr.String(), TokenId: tok.Id, Side: s,
				MaxPricePerMwh: price, Denom: chf, MeterId: meter})
			return err
		}}
}

func (r *propRun) handOver(tok types.Token) *propStep {
	s := []types.Side{producerSide, consumerSide}[r.rng.Intn(2)]
	side, _ := tok.SideOf(s)
	from := side.Owner
	to := r.other(from, s)
	meter, _ := to.meter(s)
	after := tok
	moved, _ := after.SideOf(s)
	moved.Owner = to.addr.String()
	return &propStep{kind: "hand-over", removed: []types.Token{tok}, added: []types.Token{after},
		roles: map[string]string{from: "giver", to.addr.String(): "receiver"},
		run: func(ctx sdk.Context) error {
			_, err := r.m.msgs.HandOverSide(ctx, &types.MsgHandOverSide{From: from, To: to.addr.String(), TokenId: tok.Id, Side: s, MeterId: meter})
			return err
		}}
}

func (r *propRun) split(tok types.Token) *propStep {
	msg := &types.MsgSplitToken{ProducerOwner: tok.Producer.Owner, ConsumerOwner: tok.Consumer.Owner, TokenId: tok.Id}
	switch {
	case tok.Periods() > 1 && r.rng.Intn(2) == 0:
		msg.SplitAfterPeriod = tok.FirstPeriod + uint64(r.rng.Intn(int(tok.Periods()-1)))
	case tok.WhPerPeriod > 1:
		part := 1 + uint64(r.rng.Int63n(int64(tok.WhPerPeriod-1)))
		msg.WhParts = []uint64{part, tok.WhPerPeriod - part}
	default:
		return nil
	}
	return &propStep{kind: "split", run: func(ctx sdk.Context) error {
		_, err := r.m.msgs.SplitToken(ctx, msg)
		return err
	}}
}

// merge merges tok with a live token it can merge with, if there is one.
func (r *propRun) merge(tok types.Token, live []types.Token) *propStep {
	var mates []types.Token
	for _, o := range live {
		same := o.Id != tok.Id && o.Producer.Owner == tok.Producer.Owner && o.Consumer.Owner == tok.Consumer.Owner &&
			o.Producer.MeterId == tok.Producer.MeterId && o.Consumer.MeterId == tok.Consumer.MeterId
		periods := o.FirstPeriod == tok.FirstPeriod && o.LastPeriod == tok.LastPeriod
		adjacent := o.WhPerPeriod == tok.WhPerPeriod && (o.FirstPeriod == tok.LastPeriod+1 || tok.FirstPeriod == o.LastPeriod+1)
		if same && (periods || adjacent) {
			mates = append(mates, o)
		}
	}
	if len(mates) == 0 {
		return nil
	}
	mate := mates[r.rng.Intn(len(mates))]
	msg := &types.MsgMergeTokens{ProducerOwner: tok.Producer.Owner, ConsumerOwner: tok.Consumer.Owner, TokenIds: []uint64{tok.Id, mate.Id}}
	return &propStep{kind: "merge", run: func(ctx sdk.Context) error {
		_, err := r.m.msgs.MergeTokens(ctx, msg)
		return err
	}}
}

func (r *propRun) cancel(tok types.Token) *propStep {
	producer, consumer := tok.Producer.Owner, tok.Consumer.Owner
	s := &propStep{removed: []types.Token{tok}}
	switch mode := r.rng.Intn(3); {
	case mode == 2 || producer == consumer || !tok.Terms.CancellationFee.IsPositive(): // a split may leave a child no fee
		s.kind = "cancel jointly"
		s.roles = map[string]string{producer: "owner", consumer: "owner"}
		s.run = func(ctx sdk.Context) error {
			_, err := r.m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: producer, ConsumerOwner: consumer, TokenId: tok.Id})
			return err
		}
	default:
		canceller, other := producer, consumer
		if mode == 1 {
			canceller, other = consumer, producer
		}
		s.kind = "cancel"
		s.roles = map[string]string{canceller: "canceller", other: "other owner"}
		s.run = func(ctx sdk.Context) error {
			_, err := r.m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: canceller, TokenId: tok.Id})
			return err
		}
	}
	return s
}

// changeLimit has the operator give a party a new limit, often below its position.
func (r *propRun) changeLimit() *propStep {
	p := r.parties[r.rng.Intn(len(r.parties))]
	limit := []uint64{0, 1000, 2000, 4000, 8000}[r.rng.Intn(5)]
	return &propStep{kind: "limit change", run: func(ctx sdk.Context) error {
		cur, _, err := r.m.c.App.BalancingKeeper.GetParticipant(ctx, p.addr)
		if err != nil {
			return err
		}
		_, err = balancingkeeper.NewMsgServerImpl(r.m.c.App.BalancingKeeper).UpdateParticipant(ctx, &balancingtypes.MsgUpdateParticipant{
			Operator: r.m.operator.String(), Address: p.addr.String(), DisplayName: cur.DisplayName, Roles: cur.Roles,
			PositionLimitWh: limit, TradedCategories: cur.TradedCategories,
		})
		return err
	}}
}
