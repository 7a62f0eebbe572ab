package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

// BalancingKeeper is the registry: who is admitted, which meters they own, and who the
// grid operator is (it sets the price bands).
type BalancingKeeper interface {
	GetParticipant(ctx context.Context, addr sdk.AccAddress) (balancingtypes.Participant, bool, error)
	GetMeter(ctx context.Context, id string) (balancingtypes.Meter, bool, error)
	GridOperator(ctx context.Context) (string, error)
	Co2Authority(ctx context.Context) (sdk.AccAddress, bool, error)
}

// FiatKeeper settles every payment of the market, fees included.
type FiatKeeper interface {
	GetBank(ctx context.Context, denom string) (fiattypes.BankEntity, error)
	Pay(ctx context.Context, payer, payee sdk.AccAddress, amount sdk.Coin, reason string) (math.Int, error)
}
