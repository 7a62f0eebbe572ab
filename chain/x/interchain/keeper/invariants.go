package keeper

import (
	"context"
	"strings"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// CheckInvariants checks x/interchain's share of DESIGN.md §6 and returns the first broken
// one:
//
//   - invariant 6: the flow reserved over every link, direction and period is at most the
//     link's capacity in that direction, and it is reserved on a child link of this chain;
//     every usage record has its pruning index entry and the other way round;
//   - interface accounts hold value only in transit: no link's interface account holds a
//     settlement denom or an ICS-20 voucher. No purchase is in flight yet (issue 15 items
//     5-8), so none may hold any; the purchase engine will exempt what its in-flight
//     purchases account for;
//   - a fee true-up refunds exactly what it charged over the actual fee and never more
//     than the fees this chain held, and every purchase record is in the retention index
//     (docs/adr/029);
//   - every purchase this chain originated is in the buyer index, and every entry there
//     names such a purchase of that buyer.
func (k Keeper) CheckInvariants(ctx context.Context) error {
	err := k.Usage.Walk(ctx, nil, func(key collections.Triple[string, int32, uint64], reserved uint64) (bool, error) {
		channel, dir, period := key.K1(), types.BridgeDirection(key.K2()), key.K3()
		if has, err := k.Children.Has(ctx, channel); err != nil || !has {
			return true, errorsmod.Wrapf(types.ErrInvariantBroken, "%d Wh reserved %s in period %d on %s, which links no child", reserved, dir.Short(), period, channel)
		}
		capacity, err := k.BridgeCapacity(ctx, channel, dir)
		if err != nil {
			return true, err
		}
		if reserved > capacity {
			return true, errorsmod.Wrapf(types.ErrInvariantBroken,
				"invariant 6: %d Wh reserved %s in period %d on %s, over its capacity of %d Wh", reserved, dir.Short(), period, channel, capacity)
		}
		if has, err := k.UsageByPeriod.Has(ctx, collections.Join3(period, channel, int32(dir))); err != nil || !has {
			return true, errorsmod.Wrapf(types.ErrInvariantBroken, "usage %s %s %d has no pruning index entry", channel, dir.Short(), period)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	err = k.UsageByPeriod.Walk(ctx, nil, func(key collections.Triple[uint64, string, int32]) (bool, error) {
		if has, err := k.Usage.Has(ctx, collections.Join3(key.K2(), key.K3(), key.K1())); err != nil || !has {
			return true, errorsmod.Wrapf(types.ErrInvariantBroken, "pruning index entry %s %d %d has no usage", key.K2(), key.K3(), key.K1())
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if err := k.checkTrueUps(ctx); err != nil {
		return err
	}
	if err := k.checkBuyerIndex(ctx); err != nil {
		return err
	}
	return k.checkInterfaceAccountsEmpty(ctx)
}

// checkInterfaceAccountsEmpty refuses any fiat (a settlement denom or an ICS-20 voucher) on
// a link's interface account beyond the fees held for purchases in flight (docs/adr/024): an
// interface account holds value only in transit.
func (k Keeper) checkInterfaceAccountsEmpty(ctx context.Context) error {
	denoms, err := k.fiat.SettlementDenoms(ctx)
	if err != nil {
		return err
	}
	fiat := map[string]bool{}
	for _, d := range denoms {
		fiat[d] = true
	}
	held := map[string]sdk.Coins{} // by holder address: fees held by pending purchases
	err = k.Purchases.Walk(ctx, nil, func(_ string, hop types.PurchaseHop) (bool, error) {
		if hop.State == types.PurchaseState_PURCHASE_STATE_PENDING && hop.FeesHeld.IsPositive() {
			holder := hop.FeeHolder().String()
			held[holder] = held[holder].Add(sdk.NewCoin(hop.Value.Denom, hop.FeesHeld))
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	links, err := k.links(ctx)
	if err != nil {
		return err
	}
	for _, l := range links {
		addr := types.InterfaceAccount(l.EnergyChannelId)
		for _, c := range k.bank.GetAllBalances(ctx, addr) {
			if (fiat[c.Denom] || strings.HasPrefix(c.Denom, "ibc/")) && !c.Amount.Equal(held[addr.String()].AmountOf(c.Denom)) {
				return errorsmod.Wrapf(types.ErrInvariantBroken,
					"interface account %s of the link over %s holds %s; purchases in flight hold %s there",
					addr, l.EnergyChannelId, c, held[addr.String()].AmountOf(c.Denom))
			}
		}
	}
	return nil
}
