package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// CheckInvariants verifies DESIGN.md §6 items 1 and 4 for x/fiat and returns the first
// violation. Tests call it after every scenario:
//   - each bank's supply on this chain = minted - burned (ICS-20 escrows, never burns,
//     what leaves, so outgoing transfers do not change supply), and outstanding <= reserve;
//   - the settlement escrow holds exactly the sum of the settlement accounts and the fees
//     due to banks at the end of the block, per denom, and no account has more locked than
//     it holds;
//   - fees paid by payers = fees received by the banks, per denom.
func (k Keeper) CheckInvariants(ctx context.Context) error {
	sums := map[string]math.Int{}
	err := k.SettlementAccounts.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, string], acc types.SettlementAccount) (bool, error) {
		if acc.Locked.IsNegative() || acc.Locked.GT(acc.Balance) {
			return true, fmt.Errorf("settlement account %s/%s: locked %s outside 0..balance %s", acc.Owner, acc.Denom, acc.Locked, acc.Balance)
		}
		if s, ok := sums[acc.Denom]; ok {
			sums[acc.Denom] = s.Add(acc.Balance)
		} else {
			sums[acc.Denom] = acc.Balance
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	escrow := k.accounts.GetModuleAddress(types.SettlementAccountName)
	return k.Banks.Walk(ctx, nil, func(denom string, b types.BankEntity) (bool, error) {
		if supply := k.bank.GetSupply(ctx, denom).Amount; !supply.Equal(b.Outstanding()) {
			return true, fmt.Errorf("%s: supply %s != minted %s - burned %s", denom, supply, b.Minted, b.Burned)
		}
		if b.Outstanding().GT(b.Reserve) {
			return true, fmt.Errorf("%s: outstanding %s above reserve %s", denom, b.Outstanding(), b.Reserve)
		}
		sum, ok := sums[denom]
		if !ok {
			sum = math.ZeroInt()
		}
		due, err := k.FeesDueOf(ctx, denom)
		if err != nil {
			return true, err
		}
		if held := k.bank.GetBalance(ctx, escrow, denom).Amount; !held.Equal(sum.Add(due)) {
			return true, fmt.Errorf("%s: settlement escrow holds %s, accounts sum to %s and fees due to %s", denom, held, sum, due)
		}
		paid, err := totalOf(ctx, k.FeesPaid, denom)
		if err != nil {
			return true, err
		}
		if !paid.Equal(b.FeesReceived) {
			return true, fmt.Errorf("%s: fees paid %s != fees received %s", denom, paid, b.FeesReceived)
		}
		return false, nil
	})
}
