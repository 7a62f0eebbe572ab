package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// appendAudit writes the next line of a bank's audit trail and returns its id.
func (k Keeper) appendAudit(ctx context.Context, denom string, kind types.AuditKind, account string, amount math.Int, ref string, redemptionID uint64) (uint64, error) {
	id, err := k.AuditSeq.Next(ctx)
	if err != nil {
		return 0, err
	}
	entry := types.AuditEntry{
		Id: id, Denom: denom, Kind: kind, Account: account, Amount: amount, Reference: ref,
		Height: sdk.UnwrapSDKContext(ctx).BlockHeight(), RedemptionId: redemptionID,
	}
	return id, k.AuditEntries.Set(ctx, collections.Join(denom, id), entry)
}

// setRedemption stores r and moves its (denom, status) index entry from old.
func (k Keeper) setRedemption(ctx context.Context, old *types.Redemption, r types.Redemption) error {
	if old != nil {
		if err := k.RedemptionsByDenomStatus.Remove(ctx, collections.Join3(old.Denom, int32(old.Status), old.Id)); err != nil {
			return err
		}
	}
	if err := k.RedemptionsByDenomStatus.Set(ctx, collections.Join3(r.Denom, int32(r.Status), r.Id)); err != nil {
		return err
	}
	return k.Redemptions.Set(ctx, r.Id, r)
}
