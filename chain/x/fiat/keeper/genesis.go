package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// InitGenesis loads banks, audit trails, redemptions and settlement accounts, and
// rebuilds the redemption index and the fees-paid totals from them.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	for _, b := range gs.Banks {
		if err := k.Banks.Set(ctx, b.Denom, b); err != nil {
			return err
		}
		if err := k.FeesPaid.Set(ctx, b.Denom, b.FeesReceived); err != nil {
			return err
		}
		if !k.bank.HasDenomMetaData(ctx, b.Denom) {
			k.bank.SetDenomMetaData(ctx, denomMetadata(b))
		}
	}
	for _, e := range gs.AuditEntries {
		if err := k.AuditEntries.Set(ctx, collections.Join(e.Denom, e.Id), e); err != nil {
			return err
		}
	}
	for _, r := range gs.Redemptions {
		if err := k.setRedemption(ctx, nil, r); err != nil {
			return err
		}
	}
	for _, a := range gs.SettlementAccounts {
		owner, err := k.addressCodec.StringToBytes(a.Owner)
		if err != nil {
			return err
		}
		if err := k.setSettlementAccount(ctx, owner, a); err != nil {
			return err
		}
	}
	for _, c := range gs.FeesDue {
		if err := k.FeesDue.Set(ctx, c.Denom, c.Amount); err != nil {
			return err
		}
	}
	if err := k.AuditSeq.Set(ctx, max(gs.NextAuditId, 1)); err != nil {
		return err
	}
	return k.RedemptionSeq.Set(ctx, max(gs.NextRedemptionId, 1))
}

// ExportGenesis writes the state out in key order.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Banks, err = moduleutil.Values(ctx, k.Banks); err != nil {
		return nil, err
	}
	if gs.AuditEntries, err = moduleutil.Values(ctx, k.AuditEntries); err != nil {
		return nil, err
	}
	if gs.Redemptions, err = moduleutil.Values(ctx, k.Redemptions); err != nil {
		return nil, err
	}
	if gs.SettlementAccounts, err = moduleutil.Values(ctx, k.SettlementAccounts); err != nil {
		return nil, err
	}
	if gs.NextAuditId, err = k.AuditSeq.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.NextRedemptionId, err = k.RedemptionSeq.Peek(ctx); err != nil {
		return nil, err
	}
	// Fees due are claims on the escrow's coins: an export that dropped them would leave
	// the escrow holding coins nobody accounts for.
	err = k.FeesDue.Walk(ctx, nil, func(denom string, amount math.Int) (bool, error) {
		if amount.IsPositive() {
			gs.FeesDue = append(gs.FeesDue, sdk.NewCoin(denom, amount))
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return gs, nil
}
