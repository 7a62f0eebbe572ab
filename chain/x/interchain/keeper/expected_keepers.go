package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v10/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"
	"github.com/cosmos/ibc-go/v10/modules/core/exported"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
)

// BalancingKeeper names the grid operator, the only signer of the module's operator
// messages, registers each link's interface account as a non-personal participant, and
// reads participants.
type BalancingKeeper interface {
	GridOperator(ctx context.Context) (string, error)
	RegisterInterfaceAccount(ctx context.Context, addr sdk.AccAddress, legalID, displayName string) error
	GetParticipant(ctx context.Context, addr sdk.AccAddress) (balancingtypes.Participant, bool, error)
}

// EnergyKeeper gives the period length a link must share with its counterparty and the
// current period (bridge usage is pruned behind it), and buys and makes the tokens of
// cross-grid purchases (docs/adr/024).
type EnergyKeeper interface {
	PeriodSeconds(ctx context.Context) (uint64, error)
	CurrentPeriod(ctx context.Context) (uint64, error)
	GetToken(ctx context.Context, id uint64) (energytypes.Token, error)
	BuySideForBridge(ctx context.Context, buyer sdk.AccAddress, tokenID uint64, side energytypes.Side,
		denom string, pricePerMwh int64, meterID string) (energytypes.Trade, error)
	CheckBridgeConsumer(ctx context.Context, template energytypes.Token, consumer, consumerMeter string) error
	IssueBridgeToken(ctx context.Context, template energytypes.Token, bridge energytypes.BridgeRef,
		producerOwner, producerMeter, consumerOwner, consumerMeter string) (uint64, error)
	RemoveBridgeToken(ctx context.Context, id uint64) error
	CancelBoughtToken(ctx context.Context, tokenID uint64, holder, by string, dryRun bool) error
}

// BankKeeper reads interface accounts' balances (they hold value only in transit) and moves
// held fees and the buyer's payment between accounts of this chain.
type BankKeeper interface {
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	SendCoins(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) error
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
}

// FiatKeeper names the approved banks' denoms, the chain's settlement currencies, and puts
// an interface account's value into its settlement account to pay an ask (and takes the
// prepaid face value out again when a purchase's chain of tokens is cancelled).
type FiatKeeper interface {
	SettlementDenoms(ctx context.Context) ([]string, error)
	DepositFor(ctx context.Context, owner sdk.AccAddress, amount sdk.Coin) error
	WithdrawFor(ctx context.Context, owner sdk.AccAddress, amount sdk.Coin) error
	FeeFor(ctx context.Context, amount sdk.Coin) (math.Int, error)
}

// TransferKeeper is ICS-20's keeper: a purchase's value crosses a link by its own escrow and
// voucher rules on the link's transfer channel, so every voucher it makes is one an ICS-20
// transfer would have made, and one refund path undoes either side exactly.
type TransferKeeper interface {
	SendTransfer(ctx sdk.Context, sourcePort, sourceChannel string, token transfertypes.Token, sender sdk.AccAddress) error
	OnRecvPacket(ctx sdk.Context, data transfertypes.InternalTransferRepresentation,
		sourcePort, sourceChannel, destPort, destChannel string) error
	OnTimeoutPacket(ctx sdk.Context, sourcePort, sourceChannel string, data transfertypes.InternalTransferRepresentation) error
	TokenFromCoin(ctx sdk.Context, coin sdk.Coin) (transfertypes.Token, error)
}

// ChannelKeeper reads channel ends and the light client under them.
type ChannelKeeper interface {
	GetChannel(ctx sdk.Context, portID, channelID string) (channeltypes.Channel, bool)
	GetChannelClientState(ctx sdk.Context, portID, channelID string) (string, exported.ClientState, error)
}

// ICS4Wrapper sends packets and writes the acknowledgements a purchase answers late (IBC
// core's channel keeper).
type ICS4Wrapper interface {
	SendPacket(ctx sdk.Context, sourcePort, sourceChannel string, timeoutHeight clienttypes.Height,
		timeoutTimestamp uint64, data []byte) (uint64, error)
	WriteAcknowledgement(ctx sdk.Context, packet exported.PacketI, acknowledgement exported.Acknowledgement) error
}
