package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// BankKeeper is the part of x/bank that x/fiat moves, mints and burns coins with.
type BankKeeper interface {
	MintCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	BurnCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipient sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromAccountToModule(ctx context.Context, sender sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SpendableCoin(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetSupply(ctx context.Context, denom string) sdk.Coin
	HasSupply(ctx context.Context, denom string) bool
	HasDenomMetaData(ctx context.Context, denom string) bool
	SetDenomMetaData(ctx context.Context, denomMetaData banktypes.Metadata)
}

// AccountKeeper gives the module accounts' addresses.
type AccountKeeper interface {
	GetModuleAddress(moduleName string) sdk.AccAddress
}

// BalancingKeeper is the registry: who the grid operator is and who is admitted.
type BalancingKeeper interface {
	GridOperator(ctx context.Context) (string, error)
	GetParticipant(ctx context.Context, addr sdk.AccAddress) (balancingtypes.Participant, bool, error)
}
