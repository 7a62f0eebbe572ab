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
}

func newLedger(r *runner) *ledger {
	return &ledger{r: r, lines: map[lineKey]*types.StatementLine{}, nets: map[netKey]*types.NetPosition{}}
}

// charge books amount from payer to payee. Nothing is booked between an account and
// itself, nor for a zero amount.
func (l *ledger) charge(ctx context.Context, payer, payee sdk.AccAddress, denom string, amount math.Int, kind types.ChargeKind, wh, co2 uint64) error {
	if !amount.IsPositive() || payer.Equals(payee) {
		return nil
	}
	for _, side := range []struct {
		owner   sdk.AccAddress
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

func (l *ledger) line(ctx context.Context, owner sdk.AccAddress, kind types.ChargeKind, denom string) (*types.StatementLine, error) {
	key := lineKey{owner.String(), kind, denom}
	if line, ok := l.lines[key]; ok {
		return line, nil
	}
	line, err := l.r.k.Lines.Get(ctx, collections.Join4(owner, l.r.run.Period, int32(kind), denom))
	if errors.Is(err, collections.ErrNotFound) {
		line, err = types.StatementLine{Owner: owner.String(), Period: l.r.run.Period, Kind: kind, Amounts: zeroAmounts(denom)}, nil
	}
	if err != nil {
		return nil, err
	}
	l.lines[key] = &line
	l.lineOrder = append(l.lineOrder, key)
	return &line, nil
}

func (l *ledger) net(ctx context.Context, owner sdk.AccAddress, denom string) (*types.NetPosition, error) {
	key := netKey{owner.String(), denom}
	if net, ok := l.nets[key]; ok {
		return net, nil
	}
	net, found, err := l.r.k.getNet(ctx, l.r.run.Period, owner, denom)
	if err != nil {
		return nil, err
	}
	if !found {
		l.r.run.Participants++
	}
	l.nets[key] = &net
	l.netOrder = append(l.netOrder, key)
	return &net, nil
}

// flush writes what the step touched, in first-touch order (deterministic, as the walks).
func (l *ledger) flush(ctx context.Context) error {
	for _, key := range l.lineOrder {
		line := l.lines[key]
		owner := sdk.MustAccAddressFromBech32(line.Owner)
		if err := l.r.k.Lines.Set(ctx, collections.Join4(owner, line.Period, int32(line.Kind), line.Amounts.Denom), *line); err != nil {
			return err
		}
	}
	for _, key := range l.netOrder {
		if err := l.r.k.setNet(ctx, *l.nets[key]); err != nil {
			return err
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

func (k Keeper) setNet(ctx context.Context, net types.NetPosition) error {
	owner := sdk.MustAccAddressFromBech32(net.Owner)
	if err := k.Nets.Set(ctx, collections.Join3(net.Period, owner, net.Gross.Denom), net); err != nil {
		return err
	}
	return k.NetsByOwner.Set(ctx, collections.Join3(owner, net.Period, net.Gross.Denom))
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
