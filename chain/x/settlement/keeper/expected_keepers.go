package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
)

// BalancingKeeper is the registry: who is admitted, the grid operator, and the default
// rules' suspension and exclusion.
type BalancingKeeper interface {
	GetParticipant(ctx context.Context, addr sdk.AccAddress) (balancingtypes.Participant, bool, error)
	GridOperator(ctx context.Context) (string, error)
	SetStatusBySettlement(ctx context.Context, addr sdk.AccAddress, next balancingtypes.ParticipantStatus) error
}

// EnergyKeeper gives the period length and the delivered tokens due for settlement.
type EnergyKeeper interface {
	PeriodSeconds(ctx context.Context) (uint64, error)
	DueStep(ctx context.Context, period uint64, limit int, visit func(energytypes.Token) error) (int, bool, error)
	HasDue(ctx context.Context, period uint64) (bool, error)
}

// DeliveryKeeper says how far reconciliation has come: no period is settled before it is
// reconciled.
type DeliveryKeeper interface {
	ReconciledBefore(ctx context.Context) (uint64, error)
}

// FiatKeeper moves money between settlement accounts and the clearing account.
type FiatKeeper interface {
	Collect(ctx context.Context, payer, clearing sdk.AccAddress, amount sdk.Coin, reason string) (math.Int, error)
	Disburse(ctx context.Context, clearing, payee sdk.AccAddress, amount sdk.Coin, reason string) error
	SeizeCollateral(ctx context.Context, owner, clearing sdk.AccAddress, denom string, max math.Int) (math.Int, error)
	LockedCollateral(ctx context.Context, owner sdk.AccAddress, denom string) (math.Int, error)
	CheckSettlementDenom(ctx context.Context, denom string) error
}

// CO2Keeper is the CO2 authority and its rate per gram (seed §2.4); nil until wired.
type CO2Keeper interface {
	Co2Authority(ctx context.Context) (sdk.AccAddress, bool, error)
	Co2Rate(ctx context.Context, denom string) (math.Int, error)
}
