package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// The default rules of x/settlement (seed §3.6.2) hand a defaulter's open sides to the
// balancing authority "at the terms the tokens state". x/settlement pages through the
// defaulter's sides with OwnerSidesStep, decides side by side (gate, contractual delay,
// default fee) and moves the side with HandOverToOperator, which, like the operator's
// procurement and redispatch, needs no signature and goes through setToken, so the
// owner index, positions, offers and open face values stay in step.

// OwnerSidesStep visits, in (side, token id) order, up to limit of owner's live sides after
// the cursor (afterSide 0: from the start); done says none is left after them. The keys
// are read before any is visited, so visit may move the side it is given.
func (k Keeper) OwnerSidesStep(ctx context.Context, owner sdk.AccAddress, afterSide int32, afterID uint64, limit int,
	visit func(t types.Token, s types.Side) error,
) (used int, done bool, err error) {
	if limit <= 0 {
		return 0, false, nil
	}
	rng := keyRange[collections.Triple[sdk.AccAddress, int32, uint64]]{
		start: collections.RangeKeyExact(collections.TriplePrefix[sdk.AccAddress, int32, uint64](owner)),
		end:   collections.RangeKeyPrefixEnd(collections.TriplePrefix[sdk.AccAddress, int32, uint64](owner)),
	}
	if afterSide != 0 {
		rng.start = collections.RangeKeyNext(collections.Join3(owner, afterSide, afterID))
	}
	it, err := k.TokensByOwner.Iterate(ctx, rng)
	if err != nil {
		return 0, false, err
	}
	keys, err := it.Keys()
	if err != nil {
		return 0, false, err
	}
	done = len(keys) <= limit
	if !done {
		keys = keys[:limit]
	}
	for _, key := range keys {
		t, err := k.Tokens.Get(ctx, key.K3())
		if err != nil {
			return used, false, err
		}
		used++
		if err := visit(t, types.Side(key.K2())); err != nil {
			return used, false, err
		}
	}
	return used, done, nil
}

// HandOverToOperator moves side s of token id to the grid operator, at its virtual meter
// of the token's category, its price voided, and records it among the operator's acts
// (TRADE_KIND_DEFAULT_HANDOVER). Only x/settlement's default rules call it: no signature,
// no payment, no position limit (the balancing authority has to take the side).
func (k Keeper) HandOverToOperator(ctx context.Context, id uint64, s types.Side, operator string) error {
	t, err := k.activeToken(ctx, id)
	if err != nil {
		return err
	}
	old := t
	side, err := t.SideOf(s)
	if err != nil {
		return err
	}
	from := side.Owner
	if from == operator {
		return nil
	}
	side.Owner, side.MeterId, side.Ask = operator, balancingtypes.VirtualMeterID(operator, t.Category), types.Ask{}
	if err := k.setToken(ctx, &old, t); err != nil {
		return err
	}
	return k.recordOperatorAct(ctx, t, types.Trade{TokenId: t.Id, Side: s, Seller: from, Buyer: operator,
		Paid: sdkmath.ZeroInt(), Compensation: sdkmath.ZeroInt(), Kind: types.TradeKind_TRADE_KIND_DEFAULT_HANDOVER})
}
