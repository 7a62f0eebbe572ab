package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// recordTrade appends a trade to the token's history and, for market trades (with a
// denom), to its market's totals (market.go); then emits the trade event.
func (k Keeper) recordTrade(ctx context.Context, t types.Token, trade types.Trade) error {
	id, err := k.TradeSeq.Next(ctx)
	if err != nil {
		return err
	}
	if trade.Height == 0 {
		trade.Height = sdk.UnwrapSDKContext(ctx).BlockHeight()
	}
	key := collections.Join(trade.TokenId, id)
	if err := k.Trades.Set(ctx, key, trade); err != nil {
		return err
	}
	if trade.Denom != "" {
		if err := k.addTrade(ctx, int32(t.Category), trade.Denom, t.FirstPeriod, t.LastPeriod, t.WhPerPeriod, trade.PricePerMwh); err != nil {
			return err
		}
	}
	ev := types.EventSideTraded{
		TokenId: trade.TokenId, Side: trade.Side, Seller: trade.Seller, Buyer: trade.Buyer,
		PricePerMwh: trade.PricePerMwh, Denom: trade.Denom, Paid: trade.Paid.String(),
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(ev.ToEvent())
	countTrade(ctx, t, trade)
	return nil
}
