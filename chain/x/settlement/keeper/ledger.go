package keeper

import (
	"context"
	"errors"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// A charge is one obligation of a run: payer owes payee amount of denom for kind. The
// ledger adds a step's charges up in memory and writes each touched statement line and
// net position once at the step's end, so a run's writes grow with its participants, not
// with its tokens.

type lineKey struct {
	owner string
	kind  types.ChargeKind
	denom string
}

type netKey struct {
	owner string
	denom string
}

type ledger struct {
	r         *runner
	lines     map[lineKey]*types.StatementLine
	lineOrder []lineKey
	nets      map[netKey]*types.NetPosition
	netOrder  []netKey
	// created marks net positions new in this step: only they need the owner index.
	created map[netKey]bool
	// addrs caches decoded addresses: a step charges the same few participants many times.
	addrs map[string]sdk.AccAddress
}

func newLedger(r *runner) *ledger {
	return &ledger{r: r, lines: map[lineKey]*types.StatementLine{}, nets: map[netKey]*types.NetPosition{},
		created: map[netKey]bool{}, addrs: map[string]sdk.AccAddress{}}
}

// charge books amount from payer to payee. Nothing is booked between an account and
// itself, nor for a zero amount.
func (l *ledger) charge(ctx context.Context, payer, payee sdk.AccAddress, denom string, amount math.Int, kind types.ChargeKind, wh, co2 uint64) error {
	p, q := payer.String(), payee.String()
	l.addrs[p], l.addrs[q] = payer, payee
	return l.chargeBech32(ctx, p, q, denom, amount, kind, wh, co2)
}

// chargeBech32 is charge with the addresses as their bech32 strings, as tokens carry them.
func (l *ledger) chargeBech32(ctx context.Context, payer, payee, denom string, amount math.Int, kind types.ChargeKind, wh, co2 uint64) error {
	if !amount.IsPositive() || payer == payee {
		return nil
	}
	for _, side := range []struct {
		owner   string
		payable bool
	}{{payer, true}, {payee, false}} {
		line, err := l.line(ctx, side.owner, kind, denom)
		if err != nil {
			return err
		}
		net, err := l.net(ctx, side.owner, denom)
		if err != nil {
			return err
		}
		line.Charges++
		line.Wh += wh
		line.Co2Grams += co2
		if side.payable {
			line.Amounts.Payable = line.Amounts.Payable.Add(amount)
			net.Gross.Payable = net.Gross.Payable.Add(amount)
		} else {
			line.Amounts.Receivable = line.Amounts.Receivable.Add(amount)
			net.Gross.Receivable = net.Gross.Receivable.Add(amount)
		}
	}
	d := l.r.denom(denom)
	d.Gross = d.Gross.Add(amount)
	l.r.run.Charges++
	return nil
}

// addr decodes a bech32 address once per step.
func (l *ledger) addr(owner string) (sdk.AccAddress, error) {
	if a, ok := l.addrs[owner]; ok {
		return a, nil
	}
	a, err := sdk.AccAddressFromBech32(owner)
	if err != nil {
		return nil, err
	}
	l.addrs[owner] = a
	return a, nil
}

func (l *ledger) line(ctx context.Context, owner string, kind types.ChargeKind, denom string) (*types.StatementLine, error) {
	key := lineKey{owner, kind, denom}
	if line, ok := l.lines[key]; ok {
		return line, nil
	}
	addr, err := l.addr(owner)
	if err != nil {
		return nil, err
	}
	line, err := l.r.k.Lines.Get(ctx, collections.Join4(addr, l.r.run.Period, int32(kind), denom))
	if errors.Is(err, collections.ErrNotFound) {
		line, err = types.StatementLine{Owner: owner, Period: l.r.run.Period, Kind: kind, Amounts: zeroAmounts(denom)}, nil
	}
	if err != nil {
		return nil, err
	}
	l.lines[key] = &line
	l.lineOrder = append(l.lineOrder, key)
	return &line, nil
}

func (l *ledger) net(ctx context.Context, owner string, denom string) (*types.NetPosition, error) {
	key := netKey{owner, denom}
	if net, ok := l.nets[key]; ok {
		return net, nil
	}
	addr, err := l.addr(owner)
	if err != nil {
		return nil, err
	}
	net, found, err := l.r.k.getNet(ctx, l.r.run.Period, addr, denom)
	if err != nil {
		return nil, err
	}
	if !found {
		l.r.run.Participants++
		l.created[key] = true
	}
	l.nets[key] = &net
	l.netOrder = append(l.netOrder, key)
	return &net, nil
}

// flush writes what the step touched, in first-touch order (deterministic, as the walks).
func (l *ledger) flush(ctx context.Context) error {
	for _, key := range l.lineOrder {
		line := l.lines[key]
		if err := l.r.k.Lines.Set(ctx, collections.Join4(l.addrs[key.owner], line.Period, int32(line.Kind), line.Amounts.Denom), *line); err != nil {
			return err
		}
	}
	for _, key := range l.netOrder {
		net := l.nets[key]
		owner := l.addrs[key.owner]
		if err := l.r.k.Nets.Set(ctx, collections.Join3(net.Period, owner, key.denom), *net); err != nil {
			return err
		}
		if l.created[key] {
			if err := l.r.k.NetsByOwner.Set(ctx, collections.Join3(owner, net.Period, key.denom)); err != nil {
				return err
			}
		}
	}
	return nil
}

// getNet reads a net position; a new one is zero.
func (k Keeper) getNet(ctx context.Context, period uint64, owner sdk.AccAddress, denom string) (types.NetPosition, bool, error) {
	net, err := k.Nets.Get(ctx, collections.Join3(period, owner, denom))
	if errors.Is(err, collections.ErrNotFound) {
		return types.NetPosition{
			Owner: owner.String(), Period: period, Gross: zeroAmounts(denom),
			Paid: math.ZeroInt(), BankFee: math.ZeroInt(), Received: math.ZeroInt(),
			Postponed: math.ZeroInt(), Unpaid: math.ZeroInt(), Offset: math.ZeroInt(),
		}, false, nil
	}
	return net, err == nil, err
}

// setNet stores a net position and its owner index entry (genesis; runs use the ledger,
// and the walks of collect and disburse rewrite positions that are indexed already).
func (k Keeper) setNet(ctx context.Context, net types.NetPosition) error {
	owner := sdk.MustAccAddressFromBech32(net.Owner)
	if err := k.Nets.Set(ctx, collections.Join3(net.Period, owner, net.Gross.Denom), net); err != nil {
		return err
	}
	return k.NetsByOwner.Set(ctx, collections.Join3(owner, net.Period, net.Gross.Denom))
}

// updateNet rewrites a net position that exists.
func (k Keeper) updateNet(ctx context.Context, owner sdk.AccAddress, net types.NetPosition) error {
	return k.Nets.Set(ctx, collections.Join3(net.Period, owner, net.Gross.Denom), net)
}

func zeroAmounts(denom string) types.Amounts {
	return types.Amounts{Denom: denom, Payable: math.ZeroInt(), Receivable: math.ZeroInt()}
}

// denom returns the run's totals of denom, adding them (in denom order) on first use.
func (r *runner) denom(denom string) *types.DenomRun {
	list := r.run.Denoms
	i := sort.Search(len(list), func(i int) bool { return list[i].Denom >= denom })
	if i < len(list) && list[i].Denom == denom {
		return &r.run.Denoms[i]
	}
	z := math.ZeroInt()
	d := types.DenomRun{Denom: denom, Gross: z, NetPayable: z, Collected: z, Disbursed: z, Recovered: z,
		ClaimsTotal: z, ClaimsWalked: z, DisburseWalked: z}
	r.run.Denoms = append(list[:i], append([]types.DenomRun{d}, list[i:]...)...)
	return &r.run.Denoms[i]
}

// share is the part of pool due to the entry whose amounts run from walked to
// walked+amount out of whole: floor(pool·(walked+amount)/whole) − floor(pool·walked/whole).
// Summed over all entries it is exactly pool, whatever the order, so a paged walk shares
// a sum out without creating or losing a unit.
func share(pool, whole, walked, amount math.Int) math.Int {
	if whole.IsZero() || pool.Equal(whole) {
		return amount
	}
	return pool.Mul(walked.Add(amount)).Quo(whole).Sub(pool.Mul(walked).Quo(whole))
}

// readPage reads up to limit entries of m in rng, in key order, and says whether none is
// left after them: the one bounded read every paged stage of a run makes.
func readPage[K, V any](ctx context.Context, m collections.Map[K, V], rng collections.Ranger[K], limit int) ([]collections.KeyValue[K, V], bool, error) {
	it, err := m.Iterate(ctx, rng)
	if err != nil {
		return nil, false, err
	}
	defer it.Close()
	var page []collections.KeyValue[K, V]
	for ; it.Valid() && len(page) < limit; it.Next() {
		kv, err := it.KeyValue()
		if err != nil {
			return nil, false, err
		}
		page = append(page, kv)
	}
	return page, !it.Valid(), nil
}

// afterOwnerDenom is the range after the run's (owner, denom) cursor: the debts' and the
// claims' walks resume there.
func (r *runner) afterOwnerDenom() collections.Ranger[collections.Pair[sdk.AccAddress, string]] {
	if r.run.AfterOwner == "" {
		return nil
	}
	return new(collections.Range[collections.Pair[sdk.AccAddress, string]]).
		StartExclusive(collections.Join(sdk.MustAccAddressFromBech32(r.run.AfterOwner), r.run.AfterDenom))
}
