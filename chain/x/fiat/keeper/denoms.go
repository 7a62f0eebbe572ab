package keeper

import (
	"context"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// SettlementDenoms lists the denoms of the active approved banks in key (sorted) order: the
// currencies this chain settles in, as x/interchain tells its neighbours.
func (k Keeper) SettlementDenoms(ctx context.Context) ([]string, error) {
	denoms := []string{}
	err := k.Banks.Walk(ctx, nil, func(denom string, b types.BankEntity) (bool, error) {
		if b.Status == types.BankEntityStatus_BANK_ENTITY_STATUS_ACTIVE {
			denoms = append(denoms, denom)
		}
		return false, nil
	})
	return denoms, err
}
