package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// Grid fees are "calculated and attached to the token upon delivery, ultimately to be
// paid by the consumer" (seed §3). x/settlement computes a delivered period's
// transmission fees in the run of that period and attaches them here, to the token and
// to its due copy when the token is filed for settlement already (due.go): a token
// delivering in a period is due at that period or later, and runs go period by period,
// so the fee is always attached before the token is gathered. Fees of one kind, recipient
// and denom are added into one entry, so a token delivering over many periods carries
// one transmission fee, not one per period.

// AttachGridFee adds fee to delivered token id and to its due copy.
func (k Keeper) AttachGridFee(ctx context.Context, id uint64, fee types.GridFee) error {
	if !fee.Amount.Amount.IsPositive() {
		return nil
	}
	t, err := k.Tokens.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("attaching a grid fee to token %d: %w", id, err)
	}
	old := t
	t.GridFees = addGridFee(append([]types.GridFee(nil), t.GridFees...), fee)
	if err := k.setToken(ctx, &old, t); err != nil {
		return err
	}
	key := collections.Join(DuePeriod(t), t.Id)
	due, err := k.SettlementDue.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return nil // still delivering: filed with its fees when its last period is reconciled
	}
	if err != nil {
		return err
	}
	due.GridFees = addGridFee(due.GridFees, fee)
	return k.SettlementDue.Set(ctx, key, due)
}

// addGridFee adds fee to the entry of its kind, recipient and denom, or appends it.
func addGridFee(fees []types.GridFee, fee types.GridFee) []types.GridFee {
	for i := range fees {
		f := &fees[i]
		if f.Kind == fee.Kind && f.Recipient == fee.Recipient && f.Amount.Denom == fee.Amount.Denom {
			f.Amount.Amount = f.Amount.Amount.Add(fee.Amount.Amount)
			return fees
		}
	}
	return append(fees, fee)
}
