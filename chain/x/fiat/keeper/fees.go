package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// SettleFees runs at the end of every block: it sends each denom's fees due from the
// settlement escrow to its bank's account, one x/bank send per denom, and emits
// EventFeesSettled. A send that fails (a bank account that cannot receive) leaves the
// fees due for the next block and is logged: fees are never lost, and the chain never
// halts on a bank's account.
func (k Keeper) SettleFees(ctx context.Context) error {
	due, err := k.FeesDue.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	kvs, err := due.KeyValues()
	if err != nil {
		return err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	for _, kv := range kvs {
		if err := k.settleFee(sdkCtx, kv.Key, kv.Value); err != nil {
			sdkCtx.Logger().Error("fees stay due in the settlement escrow", "denom", kv.Key, "amount", kv.Value.String(), "err", err)
		}
	}
	return nil
}

// settleFee pays one denom's due fees to its bank in a cache context, so that a failed
// send changes nothing.
func (k Keeper) settleFee(ctx sdk.Context, denom string, amount math.Int) error {
	cacheCtx, write := ctx.CacheContext()
	bank, err := k.GetBank(cacheCtx, denom)
	if err != nil {
		return err
	}
	bankAddr, err := k.parseAddress("bank", bank.Address)
	if err != nil {
		return err
	}
	if amount.IsPositive() {
		if err := k.bank.SendCoinsFromModuleToAccount(cacheCtx, types.SettlementAccountName, bankAddr, sdk.NewCoins(sdk.NewCoin(denom, amount))); err != nil {
			return err
		}
	}
	if err := k.FeesDue.Remove(cacheCtx, denom); err != nil {
		return err
	}
	if err := k.emit(cacheCtx, &types.EventFeesSettled{Bank: bank.Address, Denom: denom, Amount: amount.String()}); err != nil {
		return err
	}
	write()
	ctx.EventManager().EmitEvents(cacheCtx.EventManager().Events())
	return nil
}

// FeesDueOf is what the settlement escrow holds of a denom for its bank until the block
// ends (zero between blocks).
func (k Keeper) FeesDueOf(ctx context.Context, denom string) (math.Int, error) {
	return totalOf(ctx, k.FeesDue, denom)
}
