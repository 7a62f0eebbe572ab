package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	clienttypes "github.com/cosmos/ibc-go/v10/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"
	"github.com/cosmos/ibc-go/v10/modules/core/exported"
)

// BalancingKeeper names the grid operator, the only signer of the module's messages, and
// registers each link's interface account as a non-personal participant.
type BalancingKeeper interface {
	GridOperator(ctx context.Context) (string, error)
	RegisterInterfaceAccount(ctx context.Context, addr sdk.AccAddress, legalID, displayName string) error
}

// EnergyKeeper gives the period length a link must share with its counterparty, and the
// current period bridge usage is pruned behind.
type EnergyKeeper interface {
	PeriodSeconds(ctx context.Context) (uint64, error)
	CurrentPeriod(ctx context.Context) (uint64, error)
}

// BankKeeper reads interface accounts' balances for the invariant that they hold value only
// in transit.
type BankKeeper interface {
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
}

// FiatKeeper names the approved banks' denoms, the chain's settlement currencies.
type FiatKeeper interface {
	SettlementDenoms(ctx context.Context) ([]string, error)
}

// ChannelKeeper reads channel ends and the light client under them.
type ChannelKeeper interface {
	GetChannel(ctx sdk.Context, portID, channelID string) (channeltypes.Channel, bool)
	GetChannelClientState(ctx sdk.Context, portID, channelID string) (string, exported.ClientState, error)
}

// ICS4Wrapper sends packets (IBC core's channel keeper).
type ICS4Wrapper interface {
	SendPacket(ctx sdk.Context, sourcePort, sourceChannel string, timeoutHeight clienttypes.Height,
		timeoutTimestamp uint64, data []byte) (uint64, error)
}
