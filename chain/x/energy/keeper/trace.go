package keeper

import (
	"context"
	"errors"
	"math/big"
	"sort"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// Traceability (seed §3.5.3) answers where a consumer's energy came from. Delivered tokens
// are never pruned (only meter readings are, x/delivery prune.go): a delivered token stays
// active in Tokens and in the owner index, so past periods trace like future ones, and a
// frozen token cannot change hands, so today's consumer-side owner is the one who took
// the energy.
//
// The consumed energy is every consumer side the account holds whose token delivers in
// the range (Wh per period times the periods inside it), except sides that deliver nothing
// (both sides at one meter, as reconciliation discards them) and sides an emitter passes
// energy through: kept consumer sides that back an aggregation or disaggregation (their
// energy went on to the emitted tokens), and its consumer sides of tokens emitted against
// kept producer sides (their energy goes on through those). Each
// consumed token's energy is followed to its origin:
//   - a token whose producer side backs emitted tokens (backs.side = producer) gets its
//     energy from them: those tokens' producers deliver it;
//   - a token emitted against consumer sides (backed_by.side = consumer) gets its energy
//     from those sources;
//   - any other token is an origin: its category, origin shard and the coarse area of its
//     producer meter (imbalance tokens: the balancing authority).
//
// Where several tokens feed one, each period's energy is shared among those delivering in
// that period in proportion to their Wh per period. Shares are exact fractions (big.Rat);
// the only rounding is the last step, largest remainder (traceRound). CO2 follows energy:
// a consumed token's CO2 is its own co2_grams times the share of its energy consumed in
// the range (CO2 tokens may move CO2 between tokens, so the consumer's token is what the
// consumer is accountable for), spread over the origins like its energy.

// errTraceBudget stops a walk that would read more than its budget.
var errTraceBudget = errors.New("traceability read budget spent")

// originKey is one origin bucket.
type originKey struct {
	category  balancingtypes.EnergyCategory
	shard     string
	area      string
	balancing bool
}

// tracer walks one page. Every store read first spends a unit of the budget (spend).
type tracer struct {
	k      Keeper
	ctx    context.Context
	budget int
	used   int
	tokens map[uint64]types.Token
	areas  map[string]string
	walked map[uint64]bool // tokens whose lineage and trades were read
	// inter and excluded (producers, who are no intermediaries) are what the tokens
	// traced so far found; pending and pendingExcluded what the current token found,
	// kept apart so a token the budget cuts off leaves nothing behind.
	inter, pending           map[string]*types.TraceIntermediary
	excluded, pendingExclude map[string]bool
}

func (tr *tracer) spend() error {
	if tr.used >= tr.budget {
		return errTraceBudget
	}
	tr.used++
	return nil
}

func (tr *tracer) token(id uint64) (types.Token, error) {
	if t, ok := tr.tokens[id]; ok {
		return t, nil
	}
	if err := tr.spend(); err != nil {
		return types.Token{}, err
	}
	t, err := tr.k.GetToken(tr.ctx, id)
	if err != nil {
		return t, err
	}
	tr.tokens[id] = t
	return t, nil
}

// area is the producing meter's area, never anything finer; empty for a meter this chain
// does not hold (another shard's) or one without an area (virtual meters).
func (tr *tracer) area(meterID string) (string, error) {
	if a, ok := tr.areas[meterID]; ok {
		return a, nil
	}
	if err := tr.spend(); err != nil {
		return "", err
	}
	m, ok, err := tr.k.registry.GetMeter(tr.ctx, meterID)
	if err != nil {
		return "", err
	}
	a := ""
	if ok {
		a = m.Location.Area
	}
	tr.areas[meterID] = a
	return a, nil
}

func (tr *tracer) mark(addr string, set func(*types.TraceIntermediary)) {
	if addr == "" {
		return
	}
	in, ok := tr.pending[addr]
	if !ok {
		in = &types.TraceIntermediary{Address: addr}
		tr.pending[addr] = in
	}
	set(in)
}

// commit keeps what the current token found.
func (tr *tracer) commit() {
	for addr, in := range tr.pending {
		cur, ok := tr.inter[addr]
		if !ok {
			cur = &types.TraceIntermediary{Address: addr}
			tr.inter[addr] = cur
		}
		cur.Emitted = cur.Emitted || in.Emitted
		cur.SplitOrMerged = cur.SplitOrMerged || in.SplitOrMerged
		cur.Resold = cur.Resold || in.Resold
	}
	for addr := range tr.pendingExclude {
		tr.excluded[addr] = true
	}
	tr.reset()
}

// reset forgets what the current token found.
func (tr *tracer) reset() {
	tr.pending, tr.pendingExclude = map[string]*types.TraceIntermediary{}, map[string]bool{}
}

// links returns the tokens t's energy comes from: the tokens emitted against its kept
// producer side, or the sources it was emitted against; none for an origin.
func links(t types.Token) []uint64 {
	switch {
	case len(t.Backs.TokenIds) > 0 && t.Backs.Side == types.Side_SIDE_PRODUCER:
		return t.Backs.TokenIds
	case len(t.BackedBy.TokenIds) > 0 && t.BackedBy.Side == types.Side_SIDE_CONSUMER:
		return t.BackedBy.TokenIds
	}
	return nil
}

// attribute credits amount Wh of t's energy in periods [a, b] (spread evenly over them) to
// its origins in into.
func (tr *tracer) attribute(t types.Token, a, b uint64, amount *big.Rat, into map[originKey]*big.Rat) error {
	if err := tr.lineage(t); err != nil {
		return err
	}
	ids := links(t)
	var feeds []types.Token
	for _, id := range ids {
		l, err := tr.token(id)
		if err != nil {
			return err
		}
		if l.FirstPeriod <= b && l.LastPeriod >= a && l.WhPerPeriod > 0 {
			feeds = append(feeds, l)
		}
	}
	if len(feeds) == 0 {
		return tr.origin(t, amount, into)
	}
	if t.Backs.Side == types.Side_SIDE_PRODUCER && len(t.Backs.TokenIds) > 0 {
		for _, l := range feeds {
			tr.mark(l.Issuer, func(in *types.TraceIntermediary) { in.Emitted = true })
		}
	} else {
		tr.mark(t.Issuer, func(in *types.TraceIntermediary) { in.Emitted = true })
	}
	// Segments of [a, b] in which the same feeds deliver.
	cuts := []uint64{a, b + 1}
	for _, l := range feeds {
		for _, c := range []uint64{l.FirstPeriod, l.LastPeriod + 1} {
			if c > a && c <= b {
				cuts = append(cuts, c)
			}
		}
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i] < cuts[j] })
	span := new(big.Rat).SetUint64(b - a + 1)
	for i := 0; i+1 < len(cuts); i++ {
		if cuts[i+1] == cuts[i] {
			continue
		}
		x, y := cuts[i], cuts[i+1]-1
		seg := new(big.Rat).Mul(amount, new(big.Rat).SetFrac(new(big.Int).SetUint64(y-x+1), span.Num()))
		var sum uint64
		for _, l := range feeds {
			if l.FirstPeriod <= x && l.LastPeriod >= y {
				sum += l.WhPerPeriod
			}
		}
		if sum == 0 { // no feed delivers here: t is its own origin for this segment
			if err := tr.origin(t, seg, into); err != nil {
				return err
			}
			continue
		}
		for _, l := range feeds {
			if l.FirstPeriod <= x && l.LastPeriod >= y {
				part := new(big.Rat).Mul(seg, new(big.Rat).SetFrac(new(big.Int).SetUint64(l.WhPerPeriod), new(big.Int).SetUint64(sum)))
				if err := tr.attribute(l, x, y, part, into); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// origin credits amount to t's own origin bucket.
func (tr *tracer) origin(t types.Token, amount *big.Rat, into map[originKey]*big.Rat) error {
	key := originKey{category: t.Category, shard: t.OriginShard, balancing: t.Imbalance != types.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED}
	if !key.balancing {
		tr.pendingExclude[t.Producer.Owner] = true
		tr.pendingExclude[t.Issuer] = true
		area, err := tr.area(t.Producer.MeterId)
		if err != nil {
			return err
		}
		key.area = area
	}
	addRat(into, key, amount)
	return nil
}

// lineage records, once per token, who split or merged its ancestors (their consumer-side
// owners) and who resold its consumer side (its and its ancestors' trade histories).
func (tr *tracer) lineage(t types.Token) error {
	queue := []types.Token{t}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if tr.walked[cur.Id] {
			continue
		}
		tr.walked[cur.Id] = true
		if cur.Status == types.TokenStatus_TOKEN_STATUS_RETIRED {
			tr.mark(cur.Consumer.Owner, func(in *types.TraceIntermediary) { in.SplitOrMerged = true })
		}
		if err := tr.resellers(cur.Id); err != nil {
			return err
		}
		for _, p := range cur.Parents {
			parent, err := tr.token(p)
			if err != nil {
				return err
			}
			queue = append(queue, parent)
		}
	}
	return nil
}

// resellers marks the sellers of a token's consumer side.
func (tr *tracer) resellers(id uint64) error {
	it, err := tr.k.Trades.Iterate(tr.ctx, collections.NewPrefixedPairRange[uint64, uint64](id))
	if err != nil {
		return err
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		if err := tr.spend(); err != nil {
			return err
		}
		trade, err := it.Value()
		if err != nil {
			return err
		}
		if trade.Side == types.Side_SIDE_CONSUMER {
			tr.mark(trade.Seller, func(in *types.TraceIntermediary) { in.Resold = true })
		}
	}
	return nil
}

func addRat(m map[originKey]*big.Rat, key originKey, v *big.Rat) {
	if cur, ok := m[key]; ok {
		cur.Add(cur, v)
		return
	}
	m[key] = new(big.Rat).Set(v)
}

// consumedShare is a consumed token's energy (Wh, exact) and CO2 (grams, a fraction) in
// [from, to].
func consumedShare(t types.Token, from, to uint64) (a, b uint64, wh uint64, co2 *big.Rat) {
	a, b = max(t.FirstPeriod, from), min(t.LastPeriod, to)
	wh = t.WhPerPeriod * (b - a + 1)
	co2 = new(big.Rat).SetFrac(new(big.Int).Mul(new(big.Int).SetUint64(t.Co2Grams), new(big.Int).SetUint64(wh)),
		new(big.Int).SetUint64(t.TotalWh()))
	return a, b, wh, co2
}

// delivers says whether a consumer side consumes anything of its own: not a side at the
// producer's meter (nothing flows), not a kept side that backs emitted tokens, and not the
// emitter's consumer side of a token emitted against kept producer sides (it takes the
// energy those producer sides deliver on).
func delivers(t types.Token) bool {
	switch {
	case t.Producer.MeterId == t.Consumer.MeterId || t.WhPerPeriod == 0:
		return false
	case len(t.Backs.TokenIds) > 0 && t.Backs.Side == types.Side_SIDE_CONSUMER:
		return false
	case len(t.BackedBy.TokenIds) > 0 && t.BackedBy.Side == types.Side_SIDE_PRODUCER && t.Consumer.Owner == t.Issuer:
		return false
	}
	return true
}

// Traceability traces one page of the consumer's consumption in [from, to] with at most
// budget store reads (types.MaxTraceReads for the query).
func (k Keeper) Traceability(ctx context.Context, req *types.QueryTraceabilityRequest, budget int) (*types.QueryTraceabilityResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	consumer, err := k.parseAddress("consumer", req.Consumer)
	if err != nil {
		return nil, err
	}
	if req.FromPeriod > req.ToPeriod {
		return nil, errorsmod.Wrapf(types.ErrInvalidPeriods, "from_period %d is after to_period %d", req.FromPeriod, req.ToPeriod)
	}
	if req.ToPeriod-req.FromPeriod >= types.MaxTracePeriods {
		return nil, errorsmod.Wrapf(types.ErrTraceRangeTooLong, "periods %d to %d are %d periods, more than %d: ask for a shorter range and add the results up",
			req.FromPeriod, req.ToPeriod, req.ToPeriod-req.FromPeriod+1, types.MaxTracePeriods)
	}
	tr := &tracer{
		k: k, ctx: ctx, budget: budget,
		tokens: map[uint64]types.Token{}, areas: map[string]string{}, walked: map[uint64]bool{},
		inter: map[string]*types.TraceIntermediary{}, excluded: map[string]bool{},
	}
	tr.reset()
	res := &types.QueryTraceabilityResponse{}
	whs, co2s := map[originKey]*big.Rat{}, map[originKey]*big.Rat{}
	co2Total := new(big.Rat)

	side := int32(types.Side_SIDE_CONSUMER)
	rng := new(collections.Range[collections.Triple[sdk.AccAddress, int32, uint64]]).
		StartInclusive(collections.Join3(consumer, side, req.StartTokenId)).
		EndInclusive(collections.Join3(consumer, side, ^uint64(0)))
	it, err := k.TokensByOwner.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	entries := 0 // index entries this page visited
	for ; it.Valid(); it.Next() {
		entries++
		key, err := it.Key()
		if err != nil {
			return nil, err
		}
		id := key.K3()
		// A page ends before the entry that would cross the budget, at a token boundary.
		savedUsed := tr.used
		if err := tr.spend(); err != nil {
			res.More, res.NextTokenId = true, id
			break
		}
		span, err := it.Value()
		if err != nil {
			return nil, err
		}
		first, last := decodeSpan(span)
		if first > req.ToPeriod || last < req.FromPeriod {
			continue
		}
		t, err := tr.token(id)
		if err == nil && !delivers(t) {
			continue
		}
		local := map[originKey]*big.Rat{}
		var a, b, wh uint64
		var co2 *big.Rat
		if err == nil {
			a, b, wh, co2 = consumedShare(t, req.FromPeriod, req.ToPeriod)
			err = tr.attribute(t, a, b, new(big.Rat).SetUint64(wh), local)
		}
		if errors.Is(err, errTraceBudget) {
			// Only a token that opens its page is too large for any page; after other
			// entries, the next page starts with it.
			if entries == 1 {
				return nil, errorsmod.Wrapf(types.ErrTraceTooLarge, "token %d's lineage needs more than %d reads: ask for a shorter range, or trace its sources (token query) one by one",
					id, budget)
			}
			// Forget the partial walk of this token and stop before it.
			tr.used = savedUsed
			tr.reset()
			res.More, res.NextTokenId = true, id
			break
		}
		if err != nil {
			return nil, err
		}
		tr.commit()
		res.ConsumedTokens++
		res.ConsumedWh += wh
		co2Total.Add(co2Total, co2)
		perWh := new(big.Rat).Quo(co2, new(big.Rat).SetUint64(wh))
		for key, v := range local {
			addRat(whs, key, v)
			addRat(co2s, key, new(big.Rat).Mul(v, perWh))
		}
	}
	res.Co2Grams = roundHalfUp(co2Total)
	keys := make([]originKey, 0, len(whs))
	for key := range whs {
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool { return lessOrigin(keys[i], keys[j]) })
	whParts := traceRound(keys, whs, res.ConsumedWh)
	co2Parts := traceRound(keys, co2s, res.Co2Grams)
	for i, key := range keys {
		res.Origins = append(res.Origins, types.OriginBucket{
			Category: key.category, OriginShard: key.shard, Area: key.area, Balancing: key.balancing,
			Wh: whParts[i], Co2Grams: co2Parts[i],
		})
	}
	for addr, in := range tr.inter {
		// The consumer is no intermediary of its own energy; a producer is one only where
		// it emitted tokens against others' sides.
		if addr != req.Consumer && (!tr.excluded[addr] || in.Emitted) {
			res.Intermediaries = append(res.Intermediaries, *in)
		}
	}
	sort.Slice(res.Intermediaries, func(i, j int) bool { return res.Intermediaries[i].Address < res.Intermediaries[j].Address })
	res.TokensRead = uint64(tr.used)
	return res, nil
}

func lessOrigin(a, b originKey) bool {
	switch {
	case a.category != b.category:
		return a.category < b.category
	case a.shard != b.shard:
		return a.shard < b.shard
	case a.area != b.area:
		return a.area < b.area
	}
	return !a.balancing && b.balancing
}

// traceRound turns exact shares into whole units that add up to total (largest
// remainder): every share is rounded down, and the units left go one each to the shares
// with the largest fractional parts, ties to the earlier bucket. total is within the
// number of shares of the sum of the floors (it is the exact sum, or that sum rounded).
func traceRound(keys []originKey, shares map[originKey]*big.Rat, total uint64) []uint64 {
	out := make([]uint64, len(keys))
	fracs := make([]*big.Rat, len(keys))
	var given uint64
	for i, key := range keys {
		v := shares[key]
		if v == nil {
			v = new(big.Rat)
		}
		floor := new(big.Int).Quo(v.Num(), v.Denom())
		out[i] = floor.Uint64()
		given += out[i]
		fracs[i] = new(big.Rat).Sub(v, new(big.Rat).SetInt(floor))
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return fracs[order[i]].Cmp(fracs[order[j]]) > 0 })
	for i := 0; given < total && i < len(order); i++ {
		out[order[i]]++
		given++
	}
	return out
}

// roundHalfUp rounds a non-negative fraction to the nearest integer, halves up.
func roundHalfUp(v *big.Rat) uint64 {
	twice := new(big.Int).Mul(v.Num(), big.NewInt(2))
	twice.Add(twice, v.Denom())
	return new(big.Int).Quo(twice, new(big.Int).Mul(v.Denom(), big.NewInt(2))).Uint64()
}

// decodeSpan reads the first and last period of an owner index value (encodeSpan).
func decodeSpan(bz []byte) (first, last uint64) {
	if len(bz) < 16 {
		return 0, ^uint64(0)
	}
	return beUint64(bz[0:8]), beUint64(bz[8:16])
}

func beUint64(b []byte) uint64 {
	var v uint64
	for _, x := range b {
		v = v<<8 | uint64(x)
	}
	return v
}
