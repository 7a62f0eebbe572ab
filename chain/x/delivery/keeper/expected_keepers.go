package keeper

import (
	"context"
	"math/big"

	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	energykeeper "github.com/gridledger/gridledger/chain/x/energy/keeper"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
)

// BalancingKeeper is the registry: the meters and their keys, who is admitted, and the
// grid operator.
type BalancingKeeper interface {
	GetParticipant(ctx context.Context, addr sdk.AccAddress) (balancingtypes.Participant, bool, error)
	GetMeter(ctx context.Context, id string) (balancingtypes.Meter, bool, error)
	GridOperator(ctx context.Context) (string, error)
}

// EnergyKeeper gives the length of the elementary period, the current period and, for reconciliation, the
// token sides delivering in a period, the market's prices and the imbalance tokens.
type EnergyKeeper interface {
	PeriodSeconds(ctx context.Context) (uint64, error)
	CurrentPeriod(ctx context.Context) (uint64, error)
	ScheduleStep(ctx context.Context, period uint64, cursor energykeeper.ScheduleCursor, limit int,
		visit func(energykeeper.ScheduledSide) error) (energykeeper.ScheduleCursor, int, bool, error)
	MarketPrice(ctx context.Context, category balancingtypes.EnergyCategory, denom string, period uint64) (*big.Int, int64, error)
	CheckPricePerMwh(ctx context.Context, denomField, denom, field string, price int64) error
	CreateImbalanceToken(ctx context.Context, it energykeeper.ImbalanceToken) (uint64, error)
	WalkTokensDelivering(ctx context.Context, period uint64, visit func(energytypes.Token) error) error
	GateOpen(ctx context.Context, period uint64) (bool, error)
}
