package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// InitGenesis loads parameters, tokens, trades and price bands; indexes are rebuilt from the tokens.
// Positions add up the tokens' sides, the market's totals add up the trades, and trades get
// fresh ids, so all three are cleared first: importing into a store that already holds
// them must not count them twice.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, clear := range []func() error{
		func() error { return k.Positions.Clear(ctx, nil) },
		func() error { return k.DayHolders.Clear(ctx, nil) },
		func() error { return k.OpenFaceValues.Clear(ctx, nil) }, // added up again by setToken
		func() error { return k.Trades.Clear(ctx, nil) },
		func() error { return k.MarketDays.Clear(ctx, nil) },
		func() error { return k.PriceBands.Clear(ctx, nil) },
		func() error { return k.OperatorActs.Clear(ctx, nil) },
		func() error { return k.ProcurementTotals.Clear(ctx, nil) },
		// Reconciliation's sweep is imported as exported (below); setToken queues every
		// live token only for a genesis written without it.
		func() error { return k.DeliveryQueue.Clear(ctx, nil) },
		func() error { return k.Delivering.Clear(ctx, nil) },
		func() error { return k.Co2Tokens.Clear(ctx, nil) },
		func() error { return k.Co2TokensByOwner.Clear(ctx, nil) },
		func() error { return k.Co2Offers.Clear(ctx, nil) },
		func() error { return k.Co2Intensities.Clear(ctx, nil) },
		func() error { return k.Co2Rates.Clear(ctx, nil) },
		func() error { return k.Co2Totals.Clear(ctx, nil) },
		func() error { return k.Co2Due.Clear(ctx, nil) },
	} {
		if err := clear(); err != nil {
			return err
		}
	}
	for _, t := range gs.Tokens {
		if err := k.setToken(ctx, nil, t); err != nil {
			return err
		}
	}
	for _, b := range gs.PriceBands {
		if err := k.PriceBands.Set(ctx, b.Denom, b); err != nil {
			return err
		}
	}
	if err := k.TradeSeq.Set(ctx, 1); err != nil {
		return err
	}
	for _, tr := range gs.Trades {
		t, err := k.Tokens.Get(ctx, tr.TokenId)
		if err != nil {
			return err
		}
		record := k.recordTrade
		if tr.Kind != types.TradeKind_TRADE_KIND_UNSPECIFIED {
			record = k.recordOperatorAct // and its statement
		}
		if err := record(ctx, t, tr); err != nil {
			return err
		}
	}
	if err := k.importSweep(ctx, gs.DeliverySweep); err != nil {
		return err
	}
	if err := k.importCo2(ctx, gs); err != nil {
		return err
	}
	return k.TokenSeq.Set(ctx, max(gs.NextTokenId, 1))
}

// importCo2 loads the CO2 tokens (indexes, the due index among them, rebuilt),
// publications, rates and period totals. CO2 token ids start at 1: 0 means "none" in a
// token's co2_split_into. A live CO2 token exported before CO2 tokens recorded their
// denom and due period takes them from the token it was split from.
func (k Keeper) importCo2(ctx context.Context, gs types.GenesisState) error {
	for _, c := range gs.Co2Tokens {
		if c.Status == types.TokenStatus_TOKEN_STATUS_ACTIVE && c.DuePeriod == 0 && c.Denom == "" {
			from, err := k.Tokens.Get(ctx, c.SplitFrom)
			if err != nil {
				return fmt.Errorf("CO2 token %d: split from token %d: %w", c.Id, c.SplitFrom, err)
			}
			c.Denom, c.DuePeriod = from.FaceValuePerMwh.Denom, DuePeriod(from)
		}
		if err := k.setCo2Token(ctx, nil, c); err != nil {
			return err
		}
	}
	for _, i := range gs.Co2Intensities {
		if err := k.Co2Intensities.Set(ctx, joinCategoryPeriod(i.Category, i.FromPeriod), i.GramsPerMwh); err != nil {
			return err
		}
	}
	for _, r := range gs.Co2Rates {
		if err := k.Co2Rates.Set(ctx, r.Denom, r.RatePerGram); err != nil {
			return err
		}
	}
	for _, t := range gs.Co2PeriodTotals {
		if err := k.Co2Totals.Set(ctx, joinCategoryPeriod(t.Category, t.Period), t); err != nil {
			return err
		}
	}
	return k.Co2TokenSeq.Set(ctx, max(gs.NextCo2TokenId, 1))
}

// exportCo2 writes the CO2 state out in key order.
func (k Keeper) exportCo2(ctx context.Context, gs *types.GenesisState) error {
	co2s, err := k.Co2Tokens.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	if gs.Co2Tokens, err = co2s.Values(); err != nil {
		return err
	}
	err = k.Co2Intensities.Walk(ctx, nil, func(key collections.Pair[int32, uint64], grams uint64) (bool, error) {
		gs.Co2Intensities = append(gs.Co2Intensities, types.Co2Intensity{
			Category: balancingtypes.EnergyCategory(key.K1()), FromPeriod: key.K2(), GramsPerMwh: grams,
		})
		return false, nil
	})
	if err != nil {
		return err
	}
	err = k.Co2Rates.Walk(ctx, nil, func(denom string, rate math.Int) (bool, error) {
		gs.Co2Rates = append(gs.Co2Rates, types.Co2Rate{Denom: denom, RatePerGram: rate})
		return false, nil
	})
	if err != nil {
		return err
	}
	totals, err := k.Co2Totals.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	if gs.Co2PeriodTotals, err = totals.Values(); err != nil {
		return err
	}
	gs.NextCo2TokenId, err = k.Co2TokenSeq.Peek(ctx)
	return err
}

// importSweep replaces the queue setToken rebuilt with the exported sweep, when there is
// one: mid-period, x/delivery's cursor and working records match it, not a rebuilt queue.
func (k Keeper) importSweep(ctx context.Context, sweep *types.DeliverySweep) error {
	if sweep == nil {
		return nil
	}
	if err := k.DeliveryQueue.Clear(ctx, nil); err != nil {
		return err
	}
	for _, e := range sweep.Queue {
		if err := k.DeliveryQueue.Set(ctx, collections.Join(e.Period, e.TokenId)); err != nil {
			return err
		}
	}
	for _, e := range sweep.Delivering {
		if err := k.Delivering.Set(ctx, collections.Join(e.Period, e.TokenId)); err != nil {
			return err
		}
	}
	for _, e := range sweep.Due {
		t, err := k.Tokens.Get(ctx, e.TokenId)
		if err != nil {
			return fmt.Errorf("due token %d: %w", e.TokenId, err)
		}
		if err := k.SettlementDue.Set(ctx, collections.Join(e.Period, e.TokenId), dueToken(t)); err != nil {
			return err
		}
	}
	return nil
}

// exportSweep lists the delivery sweep's keys.
func (k Keeper) exportSweep(ctx context.Context) (*types.DeliverySweep, error) {
	sweep := &types.DeliverySweep{Queue: []types.SweepEntry{}, Delivering: []types.SweepEntry{}, Due: []types.SweepEntry{}}
	err := k.DeliveryQueue.Walk(ctx, nil, func(key collections.Pair[uint64, uint64]) (bool, error) {
		sweep.Queue = append(sweep.Queue, types.SweepEntry{Period: key.K1(), TokenId: key.K2()})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Delivering.Walk(ctx, nil, func(key collections.Pair[uint64, uint64]) (bool, error) {
		sweep.Delivering = append(sweep.Delivering, types.SweepEntry{Period: key.K1(), TokenId: key.K2()})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.SettlementDue.Walk(ctx, nil, func(key collections.Pair[uint64, uint64], _ types.DueToken) (bool, error) {
		sweep.Due = append(sweep.Due, types.SweepEntry{Period: key.K1(), TokenId: key.K2()})
		return false, nil
	})
	return sweep, err
}

// ExportGenesis exports parameters, tokens, trades (token by token, each token's oldest
// first) and the price bands the operator set (by denom).
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	tokens, err := k.Tokens.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	if gs.Tokens, err = tokens.Values(); err != nil {
		return nil, err
	}
	trades, err := k.Trades.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	if gs.Trades, err = trades.Values(); err != nil {
		return nil, err
	}
	bands, err := k.PriceBands.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	if gs.DeliverySweep, err = k.exportSweep(ctx); err != nil {
		return nil, err
	}
	if gs.PriceBands, err = bands.Values(); err != nil {
		return nil, err
	}
	if gs.NextTokenId, err = k.TokenSeq.Peek(ctx); err != nil {
		return nil, err
	}
	if err := k.exportCo2(ctx, gs); err != nil {
		return nil, err
	}
	return gs, nil
}
