package keeper

import (
	"context"

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
		func() error { return k.Trades.Clear(ctx, nil) },
		func() error { return k.MarketDays.Clear(ctx, nil) },
		func() error { return k.PriceBands.Clear(ctx, nil) },
		func() error { return k.OperatorActs.Clear(ctx, nil) },
		func() error { return k.ProcurementTotals.Clear(ctx, nil) },
		// Reconciliation's token queues are rebuilt from the tokens: a token already
		// reconciled for some periods is skipped for them by its last period and by the
		// cursor x/delivery exports (reconcile.go).
		func() error { return k.DeliveryQueue.Clear(ctx, nil) },
		func() error { return k.Delivering.Clear(ctx, nil) },
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
	return k.TokenSeq.Set(ctx, max(gs.NextTokenId, 1))
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
	if gs.PriceBands, err = bands.Values(); err != nil {
		return nil, err
	}
	if gs.NextTokenId, err = k.TokenSeq.Peek(ctx); err != nil {
		return nil, err
	}
	return gs, nil
}
