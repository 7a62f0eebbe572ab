package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
)

// CheckReconciled checks DESIGN.md invariant 3 for a reconciled period: at every metering
// point but the balancing authority's, the live tokens of the period, imbalance tokens
// included, now schedule exactly what was measured (a physical meter's reading, zero when
// missing; zero at a virtual meter). Since every token produces what it consumes, each
// category then balances with the balancing authority included. It also checks that the
// statements list exactly the period's imbalance tokens. It reads every token.
func (k Keeper) CheckReconciled(ctx context.Context, period uint64) error {
	rec, err := k.Reconciliations.Get(ctx, period)
	if err != nil || rec.ReconciledHeight == 0 {
		return fmt.Errorf("period %d is not reconciled (%v)", period, err)
	}
	operator, err := k.registry.GridOperator(ctx)
	if err != nil {
		return err
	}
	net := map[string]math.Int{}
	imbalance := map[uint64]energytypes.Token{}
	add := func(m map[string]math.Int, key string, v math.Int) {
		if cur, ok := m[key]; ok {
			m[key] = cur.Add(v)
		} else {
			m[key] = v
		}
	}
	err = k.energy.WalkTokensDelivering(ctx, period, func(t energytypes.Token) error {
		wh := math.NewIntFromUint64(t.WhPerPeriod)
		if t.Producer.Owner != operator {
			add(net, t.Producer.MeterId, wh)
		}
		if t.Consumer.Owner != operator {
			add(net, t.Consumer.MeterId, wh.Neg())
		}
		if t.Imbalance != energytypes.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED {
			imbalance[t.Id] = t
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Every meter with a reading or a schedule must net to its measurement.
	measured := map[string]math.Int{}
	err = k.Readings.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](period), func(key collections.Pair[uint64, string], r types.Reading) (bool, error) {
		switch r.Kind {
		case balancingtypes.MeterKind_METER_KIND_PRODUCTION:
			measured[r.MeterId] = math.NewIntFromUint64(r.Wh)
		case balancingtypes.MeterKind_METER_KIND_CONSUMPTION:
			measured[r.MeterId] = math.NewIntFromUint64(r.Wh).Neg()
		}
		if _, ok := net[r.MeterId]; !ok {
			net[r.MeterId] = math.ZeroInt()
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for id, n := range net {
		meter, found, err := k.registry.GetMeter(ctx, id)
		if err != nil {
			return err
		}
		if !found || meter.Owner == operator {
			continue
		}
		want := measured[id]
		if want.IsNil() {
			want = math.ZeroInt()
		}
		if !n.Equal(want) {
			return fmt.Errorf("period %d: meter %s schedules %s Wh net after reconciliation, measured %s", period, id, n, want)
		}
	}
	// The statements list exactly the imbalance tokens.
	seen := 0
	err = k.walkStatementsOf(ctx, period, func(e types.ImbalanceEntry) error {
		t, ok := imbalance[e.TokenId]
		if !ok {
			return fmt.Errorf("period %d: statement of %s names token %d, which is no live imbalance token of the period", period, e.Owner, e.TokenId)
		}
		participant := t.Producer
		if t.Producer.Owner == operator {
			participant = t.Consumer
		}
		if t.WhPerPeriod != e.Wh || participant.Owner != e.Owner || participant.MeterId != e.MeterId || t.Imbalance != e.ImbalanceCase || t.Category != e.Category {
			return fmt.Errorf("period %d: statement entry for token %d does not match the token", period, e.TokenId)
		}
		seen++
		return nil
	})
	if err != nil {
		return err
	}
	if seen != len(imbalance) || uint64(seen) != rec.Tokens {
		return fmt.Errorf("period %d: %d statement entries, %d imbalance tokens, the record counts %d", period, seen, len(imbalance), rec.Tokens)
	}
	return k.checkConsumption(ctx, period, operator)
}

// checkConsumption checks a reconciled period's consumption records against its readings:
// each owner's consumed and produced Wh are its meters' readings (the operator's and
// unknown meters' left out), and the period's total is the sum of the nets.
func (k Keeper) checkConsumption(ctx context.Context, period uint64, operator string) error {
	want := map[string]*types.Consumption{}
	err := k.Readings.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](period), func(_ collections.Pair[uint64, string], r types.Reading) (bool, error) {
		meter, found, err := k.registry.GetMeter(ctx, r.MeterId)
		if err != nil || !found || meter.Owner == operator || r.Wh == 0 {
			return false, err
		}
		c := want[meter.Owner]
		if c == nil {
			c = &types.Consumption{Owner: meter.Owner, Period: period}
			want[meter.Owner] = c
		}
		switch meter.Kind {
		case balancingtypes.MeterKind_METER_KIND_CONSUMPTION:
			c.ConsumedWh += r.Wh
		case balancingtypes.MeterKind_METER_KIND_PRODUCTION:
			c.ProducedWh += r.Wh
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	sum, records := uint64(0), 0
	err = k.Consumptions.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](period), func(_ collections.Pair[uint64, sdk.AccAddress], c types.Consumption) (bool, error) {
		w := want[c.Owner]
		if w == nil || w.ConsumedWh != c.ConsumedWh || w.ProducedWh != c.ProducedWh {
			return true, fmt.Errorf("period %d: consumption of %s is %d Wh consumed, %d produced; its readings say %v", period, c.Owner, c.ConsumedWh, c.ProducedWh, w)
		}
		sum += NetConsumption(c)
		records++
		return false, nil
	})
	if err != nil {
		return err
	}
	if records != len(want) {
		return fmt.Errorf("period %d: %d consumption records, %d owners with readings", period, records, len(want))
	}
	total, err := k.ConsumptionTotal(ctx, period)
	if err != nil {
		return err
	}
	if total != sum {
		return fmt.Errorf("period %d: consumption total %d Wh, the nets add up to %d", period, total, sum)
	}
	return nil
}

// walkStatementsOf visits every statement entry of period (a full walk: invariants only).
func (k Keeper) walkStatementsOf(ctx context.Context, period uint64, visit func(types.ImbalanceEntry) error) error {
	return k.Statements.Walk(ctx, nil, func(_ collections.Triple[sdk.AccAddress, uint64, uint64], e types.ImbalanceEntry) (bool, error) {
		if e.Period != period {
			return false, nil
		}
		return false, visit(e)
	})
}
