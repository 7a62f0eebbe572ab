package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/internal/pagecheck"
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
		if err := checkSettlementAccount(acc); err != nil {
			return true, err
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
		if err := k.checkBank(ctx, denom, b); err != nil {
			return true, err
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
		return false, nil
	})
}

// checkBank checks one bank on its own: its denom's supply is minted - burned, its
// outstanding issuance at most its reserve, and the fees paid in its denom what it received.
func (k Keeper) checkBank(ctx context.Context, denom string, b types.BankEntity) error {
	if supply := k.bank.GetSupply(ctx, denom).Amount; !supply.Equal(b.Outstanding()) {
		return fmt.Errorf("%s: supply %s != minted %s - burned %s", denom, supply, b.Minted, b.Burned)
	}
	if b.Outstanding().GT(b.Reserve) {
		return fmt.Errorf("%s: outstanding %s above reserve %s", denom, b.Outstanding(), b.Reserve)
	}
	paid, err := totalOf(ctx, k.FeesPaid, denom)
	if err != nil {
		return err
	}
	if !paid.Equal(b.FeesReceived) {
		return fmt.Errorf("%s: fees paid %s != fees received %s", denom, paid, b.FeesReceived)
	}
	return nil
}

// checkSettlementAccount checks that an account's lock is within 0..balance.
func checkSettlementAccount(acc types.SettlementAccount) error {
	if acc.Locked.IsNegative() || acc.Locked.GT(acc.Balance) {
		return fmt.Errorf("settlement account %s/%s: locked %s outside 0..balance %s", acc.Owner, acc.Denom, acc.Locked, acc.Balance)
	}
	return nil
}

// CheckBanksPage checks DESIGN.md §6 item 1 on one page of banks (checkBank). The
// settlement escrow's sum over every account is left to CheckInvariants.
func (k Keeper) CheckBanksPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error) {
	return pagecheck.Walk(ctx, k.Banks, cursor, limit,
		func(denom string) string { return "bank of " + denom },
		func(denom string, b types.BankEntity) error { return k.checkBank(ctx, denom, b) })
}

// CheckSettlementAccountsPage checks one page of settlement accounts: none has a negative
// lock or more locked than it holds (DESIGN.md §6 item 4).
func (k Keeper) CheckSettlementAccountsPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error) {
	return pagecheck.Walk(ctx, k.SettlementAccounts, cursor, limit,
		func(key collections.Pair[sdk.AccAddress, string]) string {
			return fmt.Sprintf("settlement account in %s of %s", key.K2(), k.addressString(key.K1()))
		},
		func(_ collections.Pair[sdk.AccAddress, string], acc types.SettlementAccount) error {
			return checkSettlementAccount(acc)
		})
}

// addressString encodes an address for a sentence, or says it cannot.
func (k Keeper) addressString(a sdk.AccAddress) string {
	if s, err := k.addressCodec.BytesToString(a); err == nil {
		return s
	}
	return fmt.Sprintf("undecodable address %X", []byte(a))
}
