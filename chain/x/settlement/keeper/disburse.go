package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// disburse pays every net receiver of the run its one payment out of what was collected.
// When every net payer paid, that is its whole net receivable. When some were postponed,
// the collection is shared pro rata of the net receivables (share: exact to the unit), and
// each receiver's unpaid rest becomes its claim.
func (r *runner) disburse(ctx context.Context, budget int) (int, bool, error) {
	return r.walkNets(ctx, budget, r.disburseNet)
}

func (r *runner) disburseNet(ctx context.Context, net *types.NetPosition) error {
	owed := netReceivable(net)
	if !owed.IsPositive() {
		return nil
	}
	owner := sdk.MustAccAddressFromBech32(net.Owner)
	denom := net.Gross.Denom
	d := r.denom(denom)
	paid := share(d.Collected, d.NetPayable, d.DisburseWalked, owed)
	d.DisburseWalked = d.DisburseWalked.Add(owed)
	net.Unpaid = owed.Sub(paid)
	if err := r.k.addClaim(ctx, owner, denom, net.Unpaid); err != nil {
		return err
	}
	// A receiver that owes an old debt pays it back out of what it receives: netting.
	debt, err := r.k.getDebt(ctx, owner, denom)
	if err != nil {
		return err
	}
	if offset := math.MinInt(paid, debt.Amount); offset.IsPositive() {
		net.Offset = offset
		paid = paid.Sub(offset)
		d.Disbursed = d.Disbursed.Add(offset)
		if err := r.recover(ctx, debt, offset); err != nil {
			return err
		}
	}
	net.Received = paid
	if !paid.IsPositive() {
		return nil
	}
	d.Disbursed = d.Disbursed.Add(paid)
	d.Payments++
	return r.k.fiat.Disburse(ctx, r.k.clearing, owner, sdk.NewCoin(denom, paid), "settlement")
}

// snapshotClaims records, per denom with money recovered, the claims to share it among.
func (r *runner) snapshotClaims(ctx context.Context) error {
	for i := range r.run.Denoms {
		d := &r.run.Denoms[i]
		if !d.Recovered.IsPositive() {
			continue
		}
		t, err := total(ctx, r.k.ClaimTotals, d.Denom)
		if err != nil {
			return err
		}
		d.ClaimsTotal = t
	}
	return nil
}

// payClaims shares what debtors paid back in the run among the unpaid claims, pro rata,
// at most budget claims per block.
func (r *runner) payClaims(ctx context.Context, budget int) (int, bool, error) {
	recovering := false
	for _, d := range r.run.Denoms {
		recovering = recovering || d.Recovered.IsPositive()
	}
	if !recovering {
		return 0, true, nil
	}
	page, done, err := readPage(ctx, r.k.Claims, r.afterOwnerDenom(), budget)
	if err != nil {
		return 0, false, err
	}
	for i, kv := range page {
		c := kv.Value
		r.run.AfterOwner, r.run.AfterDenom = c.Owner, c.Denom
		if err := r.payClaim(ctx, c); err != nil {
			return i, false, err
		}
	}
	return len(page), done, nil
}

func (r *runner) payClaim(ctx context.Context, c types.Claim) error {
	d := r.denom(c.Denom)
	if !d.Recovered.IsPositive() || d.ClaimsTotal.IsZero() {
		return nil
	}
	paid := share(d.Recovered, d.ClaimsTotal, d.ClaimsWalked, c.Amount)
	d.ClaimsWalked = d.ClaimsWalked.Add(c.Amount)
	if !paid.IsPositive() {
		return nil
	}
	owner := sdk.MustAccAddressFromBech32(c.Owner)
	c.Amount = c.Amount.Sub(paid)
	if err := addTotal(ctx, r.k.ClaimTotals, c.Denom, paid.Neg()); err != nil {
		return err
	}
	if c.Amount.IsZero() {
		if err := r.k.Claims.Remove(ctx, collections.Join(owner, c.Denom)); err != nil {
			return err
		}
	} else if err := r.k.Claims.Set(ctx, collections.Join(owner, c.Denom), c); err != nil {
		return err
	}
	d.Payments++
	return r.k.fiat.Disburse(ctx, r.k.clearing, owner, sdk.NewCoin(c.Denom, paid), "settlement claim")
}
