package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/internal/pagecheck"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// ClearingBalance is what the clearing account holds in denom.
type ClearingBalance func(ctx context.Context, clearing sdk.AccAddress, denom string) (math.Int, error)

// CheckInvariants checks settlement's share of DESIGN.md §6 item 4 and returns the first
// violation:
//   - the debts and claims add up to their totals, per denom, and between runs the totals
//     are equal: what defaulters owe is exactly what the others are owed and were not paid;
//   - between runs the clearing account holds only the debt paid back since the last run;
//   - every finished run disbursed exactly what it collected (a receiver's own debt
//     deducted counts as disbursed to it);
//   - every allocated transmission cost went in full onto tokens or into statement lines
//     (checkTransmissionCosts).
func (k Keeper) CheckInvariants(ctx context.Context, clearingBalance ClearingBalance) error {
	if err := k.checkTransmissionCosts(ctx); err != nil {
		return err
	}
	debts, err := sumBy(ctx, k.Debts, func(d types.Debt) (string, math.Int) { return d.Denom, d.Amount })
	if err != nil {
		return err
	}
	claims, err := sumBy(ctx, k.Claims, func(c types.Claim) (string, math.Int) { return c.Denom, c.Amount })
	if err != nil {
		return err
	}
	for _, check := range []struct {
		name string
		sums map[string]math.Int
		m    collections.Map[string, math.Int]
	}{{"debts", debts, k.DebtTotals}, {"claims", claims, k.ClaimTotals}} {
		totals, err := asMap(ctx, check.m)
		if err != nil {
			return err
		}
		if err := sameSums(check.sums, totals); err != nil {
			return fmt.Errorf("%s: %w", check.name, err)
		}
	}
	running := false
	denoms := map[string]bool{} // every denom settled in: the clearing account's to check
	err = k.Runs.Walk(ctx, nil, func(period uint64, r types.SettlementRun) (bool, error) {
		for _, d := range r.Denoms {
			denoms[d.Denom] = true
		}
		if !r.Done {
			running = true
			return false, nil
		}
		return false, checkRun(period, r)
	})
	if err != nil || running {
		return err // mid-run, postponed debts wait for the claims the disburse stage makes
	}
	pending, err := asMap(ctx, k.PendingRecovered)
	if err != nil {
		return err
	}
	for denom, d := range debts {
		c := claims[denom]
		if c.IsNil() {
			c = math.ZeroInt()
		}
		p := pending[denom]
		if p.IsNil() {
			p = math.ZeroInt()
		}
		// Collateral seized between runs has reduced the debt but not yet paid the claims.
		if !d.Add(p).Equal(c) {
			return fmt.Errorf("%s: debts %s + seized pending %s != unpaid claims %s", denom, d, p, c)
		}
	}
	for denom, c := range claims {
		if _, ok := debts[denom]; !ok && !c.Equal(pending[denom]) {
			return fmt.Errorf("%s: unpaid claims %s with no debt left and %v pending", denom, c, pending[denom])
		}
	}
	if clearingBalance == nil {
		return nil
	}
	for d := range debts {
		denoms[d] = true
	}
	for d := range pending {
		denoms[d] = true
	}
	for denom := range denoms {
		held, err := clearingBalance(ctx, k.clearing, denom)
		if err != nil {
			return err
		}
		want := pending[denom]
		if want.IsNil() {
			want = math.ZeroInt()
		}
		if !held.Equal(want) {
			return fmt.Errorf("%s: the clearing account holds %s between runs; only %s of seized collateral should wait there", denom, held, want)
		}
	}
	return nil
}

// checkRun checks that a finished run disbursed exactly what it collected, per denom.
func checkRun(period uint64, r types.SettlementRun) error {
	if !r.Done {
		return nil
	}
	for _, d := range r.Denoms {
		if !d.Collected.Equal(d.Disbursed) {
			return fmt.Errorf("run %d %s: collected %s, disbursed %s", period, d.Denom, d.Collected, d.Disbursed)
		}
	}
	return nil
}

// CheckRunsPage checks DESIGN.md §6 item 4 on one page of settlement runs: every finished
// run disbursed exactly what it collected (checkRun). Debts against claims and the
// clearing account need every debt and claim at once: they are left to CheckInvariants.
func (k Keeper) CheckRunsPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error) {
	return pagecheck.Walk(ctx, k.Runs, cursor, limit,
		func(period uint64) string { return fmt.Sprintf("settlement run of period %d", period) },
		checkRun)
}

func sumBy[K any, V any](ctx context.Context, m collections.Map[K, V], f func(V) (string, math.Int)) (map[string]math.Int, error) {
	out := map[string]math.Int{}
	err := m.Walk(ctx, nil, func(_ K, v V) (bool, error) {
		denom, amount := f(v)
		if !amount.IsPositive() {
			return true, fmt.Errorf("%s entry of %s is not positive", denom, amount)
		}
		if s, ok := out[denom]; ok {
			out[denom] = s.Add(amount)
		} else {
			out[denom] = amount
		}
		return false, nil
	})
	return out, err
}

func asMap(ctx context.Context, m collections.Map[string, math.Int]) (map[string]math.Int, error) {
	out := map[string]math.Int{}
	err := m.Walk(ctx, nil, func(denom string, v math.Int) (bool, error) {
		out[denom] = v
		return false, nil
	})
	return out, err
}

func sameSums(a, b map[string]math.Int) error {
	for denom, v := range a {
		if w, ok := b[denom]; !ok || !w.Equal(v) {
			return fmt.Errorf("%s: entries sum to %s, total says %v", denom, v, b[denom])
		}
	}
	for denom, v := range b {
		if _, ok := a[denom]; !ok {
			return fmt.Errorf("%s: total %s without entries", denom, v)
		}
	}
	return nil
}
