package keeper

import (
	"context"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// SendHello sends this chain's facts on an open energy channel and counts the Hello.
func (k Keeper) SendHello(ctx context.Context, channelID string, timeoutSeconds uint64) (uint64, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if _, err := k.energyChannel(sdkCtx, channelID); err != nil {
		return 0, err
	}
	facts, err := k.OwnFacts(ctx)
	if err != nil {
		return 0, err
	}
	if timeoutSeconds == 0 {
		timeoutSeconds = types.DefaultHelloTimeoutSeconds
	}
	if timeoutSeconds > 7*24*3600 {
		return 0, errorsmod.Wrapf(types.ErrInvalidRequest, "timeout_seconds %d is longer than a week", timeoutSeconds)
	}
	timeout := uint64(sdkCtx.BlockTime().Add(time.Duration(timeoutSeconds) * time.Second).UnixNano())
	seq, err := k.sendEnergyPacket(sdkCtx, channelID, types.NewHelloPacket(facts), timeout)
	if err != nil {
		return 0, err
	}
	if err := k.updatePeer(ctx, channelID, func(p *types.Peer) { p.HellosSent++ }); err != nil {
		return 0, err
	}
	return seq, emit(ctx, &types.EventHelloSent{ChannelId: channelID, Sequence: seq})
}

// OnRecvHello records the counterparty's facts for the channel and answers with ours. The
// facts are recorded as they come: a link checks them against this chain's (MsgLink), so a
// Hello from a chain with another period length is still answered and its facts shown.
func (k Keeper) OnRecvHello(ctx context.Context, channelID string, h types.Hello) (types.Hello, error) {
	own, err := k.OwnFacts(ctx)
	if err != nil {
		return types.Hello{}, err
	}
	if err := k.updatePeer(ctx, channelID, func(p *types.Peer) {
		p.PeriodSeconds, p.SettlementDenoms, p.Known = h.PeriodSeconds, h.SettlementDenoms, true
		p.HellosReceived++
	}); err != nil {
		return types.Hello{}, err
	}
	return own, emit(ctx, &types.EventHelloReceived{ChannelId: channelID, PeriodSeconds: h.PeriodSeconds})
}

// OnHelloAcknowledged records the facts the counterparty answered with.
func (k Keeper) OnHelloAcknowledged(ctx context.Context, channelID string, sequence uint64, answer types.Hello) error {
	if err := answer.Validate(); err != nil {
		return err
	}
	if err := k.updatePeer(ctx, channelID, func(p *types.Peer) {
		p.PeriodSeconds, p.SettlementDenoms, p.Known = answer.PeriodSeconds, answer.SettlementDenoms, true
		p.HellosAcknowledged++
	}); err != nil {
		return err
	}
	return emit(ctx, &types.EventHelloAnswered{ChannelId: channelID, Sequence: sequence, Outcome: "acknowledged"})
}

// OnHelloFailed counts a Hello the counterparty refused (error ack) or that timed out. A
// Hello moves no value, so there is nothing to refund.
func (k Keeper) OnHelloFailed(ctx context.Context, channelID string, sequence uint64, timedOut bool) error {
	outcome := "refused"
	if err := k.updatePeer(ctx, channelID, func(p *types.Peer) {
		if timedOut {
			p.HellosTimedOut++
		} else {
			p.HellosRefused++
		}
	}); err != nil {
		return err
	}
	if timedOut {
		outcome = "timed_out"
	}
	return emit(ctx, &types.EventHelloAnswered{ChannelId: channelID, Sequence: sequence, Outcome: outcome})
}
