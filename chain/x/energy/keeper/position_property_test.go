package keeper_test

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

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
	if testing.Short() {
		return // too few steps to see every outcome
	}
	for _, want := range []string{
		"refused for buy buyer", "refused for buy seller", "refused for hand-over giver", "refused for hand-over receiver",
		"refused for cancel canceller", "refused for cancel other owner", "refused for cancel jointly owner",
		"accepted buy", "accepted hand-over", "accepted cancel", "accepted cancel jointly", "accepted split", "accepted merge",
		"accepted moving a participant beyond its limit, excess not growing",
	} {
		require.Positive(t, stats[want], "no step was %q: the sequences do not exercise it", want)
	}
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
	for owner, periods := range before {
		for period, was := range periods {
			if predicted[owner][period] != was && abs(was) > r.limitOf(owner) {
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
