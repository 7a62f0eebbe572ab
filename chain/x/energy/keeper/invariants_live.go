package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/internal/pagecheck"
)

// CheckTokensPage checks DESIGN.md §6 items 2 and 7 on one page of tokens, each on its own
// (checkToken): amounts, both owners and the index entries of a live token, the split or
// merge that made it conserving Wh x periods and CO2, its backing. The totals that need
// every token at once (positions, market days, entry counts) are left to CheckInvariants.
func (k Keeper) CheckTokensPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error) {
	return pagecheck.Walk(ctx, k.Tokens, cursor, limit,
		func(id uint64) string { return fmt.Sprintf("token %d", id) },
		func(_ uint64, t types.Token) error {
			_, _, _, err := k.checkToken(ctx, t, map[string]*dayHoldings{}, openFaceValues{})
			return err
		})
}

// CheckOwnerIndexPage checks one page of the owner index against the tokens: every entry
// names a live token whose side it lists is owned by the entry's owner. With
// CheckTokensPage (every live side has its entry) the index holds exactly the live sides.
func (k Keeper) CheckOwnerIndexPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error) {
	return pagecheck.Walk(ctx, k.TokensByOwner, cursor, limit,
		func(key collections.Triple[sdk.AccAddress, int32, uint64]) string {
			return fmt.Sprintf("owner index entry of token %d, side %s", key.K3(), types.Side(key.K2()))
		},
		func(key collections.Triple[sdk.AccAddress, int32, uint64], _ []byte) error {
			t, err := k.Tokens.Get(ctx, key.K3())
			if err != nil {
				return fmt.Errorf("the entry names token %d, which cannot be read: %w", key.K3(), err)
			}
			if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
				return fmt.Errorf("the entry names token %d, which is %s, not live", t.Id, t.Status)
			}
			side, err := t.SideOf(types.Side(key.K2()))
			if err != nil {
				return fmt.Errorf("the entry names side %d of token %d: %w", key.K2(), t.Id, err)
			}
			owner, err := k.addressCodec.BytesToString(key.K1())
			if err != nil {
				return fmt.Errorf("the entry's owner cannot be encoded: %w", err)
			}
			if side.Owner != owner {
				return fmt.Errorf("the entry lists %s as owner of token %d's %s side, which %s owns", owner, t.Id, types.Side(key.K2()), side.Owner)
			}
			return nil
		})
}

// CheckCo2TokensPage checks DESIGN.md §6 item 7 on one page of CO2 tokens, each on its own
// (checkCo2Token); the entry counts are left to CheckInvariants.
func (k Keeper) CheckCo2TokensPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error) {
	return pagecheck.Walk(ctx, k.Co2Tokens, cursor, limit,
		func(id uint64) string { return fmt.Sprintf("CO2 token %d", id) },
		func(id uint64, c types.Co2Token) error {
			_, _, err := k.checkCo2Token(ctx, id, c)
			return err
		})
}
