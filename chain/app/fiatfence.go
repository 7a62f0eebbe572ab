package app

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/telemetry"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"
	channelkeeper "github.com/cosmos/ibc-go/v10/modules/core/04-channel/keeper"
	"github.com/hashicorp/go-metrics"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// BankAddresses is what the fence needs from x/fiat: which accounts are banks.
type BankAddresses interface {
	IsBankAddress(ctx context.Context, addr sdk.AccAddress) (bool, error)
}

// FiatFence keeps every token but the staking token inside the admitted set (DESIGN.md §6,
// invariant 8): as an x/bank send restriction it runs on every transfer, whatever module
// or message makes it. A recipient must be the grid operator, an admitted participant (of
// any status, so that what a suspended participant is owed can still be paid), a bank
// entity, a module account, or the ICS-20 escrow of a transfer channel. An ICS-20 packet
// for anyone else fails on receipt, so its sender is refunded by the error acknowledgement.
type FiatFence struct {
	registry Registry
	banks    BankAddresses
	channels *channelkeeper.Keeper
	modules  map[string]bool
}

// NewFiatFence builds the fence; modules are the names of the app's module accounts.
func NewFiatFence(r Registry, b BankAddresses, channels *channelkeeper.Keeper, modules []string) FiatFence {
	f := FiatFence{registry: r, banks: b, channels: channels, modules: make(map[string]bool, len(modules))}
	for _, name := range modules {
		f.modules[string(authtypes.NewModuleAddress(name))] = true
	}
	return f
}

// Restrict is the bank send restriction: it refuses a fenced denom for a recipient outside.
func (f FiatFence) Restrict(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) (sdk.AccAddress, error) {
	fenced := fencedDenom(amt)
	if fenced == "" {
		return to, nil
	}
	inside, err := f.inside(ctx, to)
	if err != nil {
		return nil, err
	}
	if !inside {
		countFenced(ctx, fenced)
		return nil, errorsmod.Wrapf(balancingtypes.ErrFiatFenced,
			"%s may not receive %s: fiat is held only by participants admitted on %s; ask the grid operator to admit the account first",
			to, fenced, sdk.UnwrapSDKContext(ctx).ChainID())
	}
	return to, nil
}

// inside reports whether addr may hold fenced denoms, cheapest test first.
func (f FiatFence) inside(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	if f.modules[string(addr)] {
		return true, nil
	}
	op, err := f.registry.GridOperator(ctx)
	if err != nil {
		return false, err
	}
	if op == addr.String() {
		return true, nil
	}
	if _, admitted, err := f.registry.GetParticipant(ctx, addr); err != nil || admitted {
		return admitted, err
	}
	if bank, err := f.banks.IsBankAddress(ctx, addr); err != nil || bank {
		return bank, err
	}
	// Escrow accounts of ICS-20 channels are derived addresses, not module accounts.
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	for _, ch := range f.channels.GetAllChannelsWithPortPrefix(sdkCtx, ibctransfertypes.PortID) {
		if addr.Equals(ibctransfertypes.GetEscrowAddress(ch.PortId, ch.ChannelId)) {
			return true, nil
		}
	}
	return false, nil
}

// FiatSendDecorator refuses plain x/bank sends of fenced denoms. Fiat moves between
// participants only through gridledger's own messages, each of which pays the issuing
// bank's fee (seed §2.7); a bank send would settle a trade around the fee.
type FiatSendDecorator struct{}

// AnteHandle refuses a MsgSend or MsgMultiSend carrying any denom but the staking token.
func (FiatSendDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	for _, msg := range tx.GetMsgs() {
		var coins []sdk.Coin
		switch m := msg.(type) {
		case *banktypes.MsgSend:
			coins = m.Amount
		case *banktypes.MsgMultiSend:
			for _, in := range m.Inputs {
				coins = append(coins, in.Coins...)
			}
		default:
			continue
		}
		if fenced := fencedDenom(coins); fenced != "" {
			return ctx, errorsmod.Wrapf(balancingtypes.ErrFiatFenced,
				"%s cannot move by a bank send: fiat moves between participants through gridledger's messages (buy-side, fiat deposit and withdraw), which pay the issuing bank's fee", fenced)
		}
	}
	return next(ctx, tx, simulate)
}

// fencedDenom is the first denom of coins that the fence keeps inside the admitted set
// (every denom but the staking token), or "" when there is none.
// metricFenced counts fiat the fence refused (gridd_fiat_fenced{denom}, docs/operations/metrics.md).
var metricFenced = []string{"fiat", "fenced"}

// countFenced counts a refusal in a block being executed: a send to an outsider, or an incoming
// IBC transfer to one, whose error acknowledgement has the sending chain refund it. CheckTx
// refusals (a fee offered in fiat) stay out: every node would count its mempool's.
func countFenced(ctx context.Context, denom string) {
	if !telemetry.IsTelemetryEnabled() || sdk.UnwrapSDKContext(ctx).ExecMode() != sdk.ExecModeFinalize {
		return
	}
	telemetry.IncrCounterWithLabels(metricFenced, 1, []metrics.Label{telemetry.NewLabel("denom", denom)})
}

func fencedDenom(coins []sdk.Coin) string {
	for _, c := range coins {
		if c.Denom != BondDenom {
			return c.Denom
		}
	}
	return ""
}
