package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// BalancingKeeper is the registry: the meters and their keys, who is admitted, and the
// grid operator.
type BalancingKeeper interface {
	GetParticipant(ctx context.Context, addr sdk.AccAddress) (balancingtypes.Participant, bool, error)
	GetMeter(ctx context.Context, id string) (balancingtypes.Meter, bool, error)
	GridOperator(ctx context.Context) (string, error)
}

// EnergyKeeper gives the length of the elementary period.
type EnergyKeeper interface {
	PeriodSeconds(ctx context.Context) (uint64, error)
}
