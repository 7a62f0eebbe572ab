package keeper

import (
	"context"
	"errors"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"

	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// Redispatch across the path (seed §4.2, docs/adr/027). The grid operator of any chain on a
// done purchase's route cancels its whole chain of tokens:
//
//   - REQUEST: from the operator's chain along the route to the token's chain. Nothing changes
//     on the way; each chain checks its own token could go and passes the request on.
//   - SWEEP: from the token's chain back to the buyer's, carrying the refund as ICS-20 value:
//     the prepaid face value and its bank fee, which the token's chain takes out of its
//     interface account's settlement account, plus the compensation (the tokens' redispatch
//     price for the energy), which the requesting operator adds when the sweep passes its
//     chain. Each chain between receives and sends it on and waits (CANCELLING, nil ack).
//     The buyer's chain pays the buyer, removes its token, releases its capacity and
//     acknowledges; on that success acknowledgement every chain back to the token's removes
//     (or, on the token's chain, cancels) its token and releases its capacity: CANCELLED.
//   - An error acknowledgement or a timeout of a sweep packet is the one refund path: each
//     chain takes back what it sent, returns the compensation to its operator, gives the value
//     back where it came from (the token's chain puts the prepaid back into the settlement
//     account) and the purchase is DONE again, with the failure recorded in its cancel.

// defaultCancelTimeoutSeconds is a cancel's time in flight when the operator names none.
const defaultCancelTimeoutSeconds = types.DefaultPurchaseTimeoutSeconds

// StartCancel starts the cancel of a done purchase's chain of tokens for this chain's grid
// operator (msg.Operator, checked by the msg server): on the token's chain the sweep starts
// here, elsewhere a request goes towards the token's chain. It returns the stage sent and the
// compensation the operator pays when the sweep passes. A refusal changes nothing.
func (k Keeper) StartCancel(ctx context.Context, msg *types.MsgCancelRemote) (types.CancelStage, math.Int, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if len(msg.Reason) > types.MaxCancelReasonBytes {
		return 0, math.Int{}, errorsmod.Wrapf(types.ErrInvalidRequest, "the reason is %d bytes, at most %d", len(msg.Reason), types.MaxCancelReasonBytes)
	}
	timeoutSeconds := msg.TimeoutSeconds
	if timeoutSeconds == 0 {
		timeoutSeconds = defaultCancelTimeoutSeconds
	}
	if timeoutSeconds > 24*3600 {
		return 0, math.Int{}, errorsmod.Wrapf(types.ErrInvalidRequest, "timeout_seconds %d is longer than a day", timeoutSeconds)
	}
	hop, err := k.doneHop(ctx, msg.PurchaseId)
	if err != nil {
		return 0, math.Int{}, err
	}
	if !madeToken(hop) {
		return 0, math.Int{}, errorsmod.Wrapf(types.ErrTokenNotCancellable, "purchase %s made no token on this chain, so there is nothing to redispatch here", hop.PurchaseId)
	}
	compensation, err := k.checkCancellable(sdkCtx, hop)
	if err != nil {
		return 0, math.Int{}, err
	}
	if err := k.checkCanPay(ctx, msg.Operator, sdk.NewCoin(hop.Value.Denom, compensation)); err != nil {
		return 0, math.Int{}, err
	}
	route := hop.Packet.Route
	p := types.CancelPacket{
		PurchaseId: hop.PurchaseId, Route: route, Hop: hop.Packet.Hop, InitiatorChainId: sdkCtx.ChainID(),
		RequestedBy: msg.Operator, Reason: msg.Reason, ValueAmount: math.ZeroInt(),
		TimeoutTimestamp: uint64(sdkCtx.BlockTime().Add(time.Duration(timeoutSeconds) * time.Second).UnixNano()),
	}
	if int(hop.Packet.Hop) == len(route)-1 {
		return types.CancelStage_CANCEL_STAGE_SWEEP, compensation, k.startSweep(sdkCtx, hop, p, p.TimeoutTimestamp)
	}
	if err := k.sendRequest(sdkCtx, hop, p); err != nil {
		return 0, math.Int{}, err
	}
	return types.CancelStage_CANCEL_STAGE_REQUEST, compensation, nil
}

// doneHop loads a purchase that is done on this chain.
func (k Keeper) doneHop(ctx context.Context, id string) (types.PurchaseHop, error) {
	hop, err := k.Purchases.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return hop, errorsmod.Wrapf(types.ErrPurchaseNotFound, "no purchase %s passed this chain", id)
	} else if err != nil {
		return hop, err
	}
	if hop.State != types.PurchaseState_PURCHASE_STATE_DONE {
		return hop, errorsmod.Wrapf(types.ErrPurchaseNotDone, "purchase %s is %s here", id, hop.State)
	}
	return hop, nil
}

// checkCancellable checks that this chain's token of a done purchase can go now (the bought
// token cancelled on the token's chain, a bridge token removed elsewhere) and that it offers
// redispatch; it returns the compensation its redispatch price sets for the energy. It
// changes nothing.
func (k Keeper) checkCancellable(ctx sdk.Context, hop types.PurchaseHop) (math.Int, error) {
	if !madeToken(hop) { // its bridge token could not be made (the record says why): nothing goes here
		return math.ZeroInt(), nil
	}
	t, err := k.energy.GetToken(ctx, hop.TokenIds[0])
	if err != nil {
		return math.Int{}, err
	}
	redispatch := t.Capabilities.Redispatch
	if !redispatch.Offered || redispatch.PricePerMwh < 0 {
		return math.Int{}, errorsmod.Wrapf(types.ErrNoRedispatch, "token %d of purchase %s offers no redispatch at a price of zero or more", t.Id, hop.PurchaseId)
	}
	cache, _ := ctx.CacheContext() // a dry run: the token goes only when the buyer's side answered
	if err := k.dropToken(cache, hop, "check"); err != nil {
		return math.Int{}, errorsmod.Wrap(types.ErrTokenNotCancellable, err.Error())
	}
	return energytypes.PriceFor(redispatch.PricePerMwh, t.TotalWh()), nil
}

// madeToken says whether the purchase made a token on this chain: a chain whose bridge token
// could not be made when the purchase completed (ADR 024 §4) has none to cancel.
func madeToken(hop types.PurchaseHop) bool { return len(hop.TokenIds) > 0 && hop.TokenIds[0] != 0 }

// dropToken cancels this chain's token of the purchase: the bought token on the token's
// chain, a bridge token (removed) elsewhere; nothing where none was made.
func (k Keeper) dropToken(ctx sdk.Context, hop types.PurchaseHop, by string) error {
	if !madeToken(hop) {
		return nil
	}
	if hop.OutChannel == "" { // the token's chain
		return k.energy.CancelBoughtToken(ctx, hop.TokenIds[0], types.InterfaceAccount(hop.InChannel).String(), by, false)
	}
	return k.energy.RemoveBridgeToken(ctx, hop.TokenIds[0])
}

// checkCanPay refuses an operator who cannot pay amount now (it pays when the sweep passes;
// a shortfall then refunds the cancel everywhere).
func (k Keeper) checkCanPay(ctx context.Context, operator string, amount sdk.Coin) error {
	if !amount.IsPositive() {
		return nil
	}
	addr, err := sdk.AccAddressFromBech32(operator)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "operator %q is not an address", operator)
	}
	if have := k.bank.GetBalance(ctx, addr, amount.Denom); have.Amount.LT(amount.Amount) {
		return errorsmod.Wrapf(types.ErrCompensationUnpaid, "the compensation is %s, the operator holds %s", amount, have)
	}
	return nil
}

// sendRequest sends a cancel request one link further towards the token's chain.
func (k Keeper) sendRequest(ctx sdk.Context, hop types.PurchaseHop, p types.CancelPacket) error {
	out, err := k.linkOn(ctx, hop.OutChannel)
	if err != nil {
		return err
	}
	next := p
	next.Stage, next.Hop, next.ValueDenom, next.ValueAmount = types.CancelStage_CANCEL_STAGE_REQUEST, hop.Packet.Hop+1, "", math.ZeroInt()
	if _, err := k.sendCancel(ctx, out, next); err != nil {
		return err
	}
	return emit(ctx, &types.EventCancelStarted{PurchaseId: hop.PurchaseId, Stage: next.Stage, RequestedBy: p.RequestedBy, InitiatorChainId: p.InitiatorChainId})
}

// nextTimeout is the timeout of a packet sent on, a margin before the one that arrived, so
// a refund reaches the previous chain before its own packet could time out.
func nextTimeout(ctx sdk.Context, timeout uint64) (uint64, error) {
	margin := uint64(types.HopTimeoutMarginSeconds * time.Second)
	if now := uint64(ctx.BlockTime().UnixNano()); timeout < now+2*margin {
		return 0, errorsmod.Wrapf(types.ErrTimeoutTooShort, "the cancel times out in less than %d s", 2*types.HopTimeoutMarginSeconds)
	}
	return timeout - margin, nil
}

// sendCancel sends a cancel packet over link l's energy channel.
func (k Keeper) sendCancel(ctx sdk.Context, l types.Link, p types.CancelPacket) (uint64, error) {
	return k.sendEnergyPacket(ctx, l.EnergyChannelId, types.NewCancelPacket(p), p.TimeoutTimestamp)
}

// compensate has the requesting operator pay the compensation to to, when this chain is the
// initiator's; it returns what was paid (zero elsewhere).
func (k Keeper) compensate(ctx sdk.Context, hop types.PurchaseHop, p types.CancelPacket, denom string, to sdk.AccAddress) (math.Int, error) {
	if p.InitiatorChainId != ctx.ChainID() {
		return math.ZeroInt(), nil
	}
	if err := k.requireOperator(ctx, p.RequestedBy); err != nil {
		return math.Int{}, err
	}
	compensation, err := k.checkCancellable(ctx, hop)
	if err != nil {
		return math.Int{}, err
	}
	if !compensation.IsPositive() {
		return math.ZeroInt(), nil
	}
	op := sdk.MustAccAddressFromBech32(p.RequestedBy) // requireOperator compared it with the operator's address
	if err := k.bank.SendCoins(ctx, op, to, sdk.NewCoins(sdk.NewCoin(denom, compensation))); err != nil {
		return math.Int{}, errorsmod.Wrapf(types.ErrCompensationUnpaid, "the compensation is %s%s: %v", compensation, denom, err)
	}
	return compensation, nil
}

// startSweep starts the sweep on the token's chain: it checks the bought token can be
// cancelled, takes the prepaid face value and its bank fee out of the interface account's
// settlement account, adds the compensation if this chain's operator asked, and sends the
// value and the sweep towards the buyer's chain, timing out at timeout. The purchase is
// CANCELLING here until the buyer's side answers.
func (k Keeper) startSweep(ctx sdk.Context, hop types.PurchaseHop, p types.CancelPacket, timeout uint64) error {
	if _, err := k.checkCancellable(ctx, hop); err != nil {
		return err
	}
	holder := types.InterfaceAccount(hop.InChannel)
	toward, err := k.linkOn(ctx, hop.InChannel)
	if err != nil {
		return err
	}
	prepaid := sdk.NewCoin(hop.Packet.AskDenom, amountOf(hop.Prepaid))
	if prepaid.IsPositive() {
		if err := k.fiat.WithdrawFor(ctx, holder, prepaid); err != nil {
			return err
		}
	}
	compensation, err := k.compensate(ctx, hop, p, prepaid.Denom, holder)
	if err != nil {
		return err
	}
	next := p
	next.Stage, next.Hop, next.TimeoutTimestamp = types.CancelStage_CANCEL_STAGE_SWEEP, hop.Packet.Hop-1, timeout
	c := &types.PurchaseCancel{InitiatorChainId: p.InitiatorChainId, RequestedBy: p.RequestedBy, Reason: p.Reason,
		Value: prepaid, Compensation: compensation}
	return k.sendSweep(ctx, hop, c, toward, holder, next)
}

// sendSweep sends the value (c.Value and c.Compensation) from holder and the sweep over
// link toward, and records the purchase CANCELLING with c.
func (k Keeper) sendSweep(ctx sdk.Context, hop types.PurchaseHop, c *types.PurchaseCancel, toward types.Link, holder sdk.AccAddress, next types.CancelPacket) error {
	value := c.Value.AddAmount(c.Compensation)
	next.ValueDenom, next.ValueAmount = "", value.Amount
	if value.IsPositive() {
		path, err := k.sendValue(ctx, toward, holder, value)
		if err != nil {
			return err
		}
		next.ValueDenom = path
	}
	seq, err := k.sendCancel(ctx, toward, next)
	if err != nil {
		return err
	}
	c.OutChannel, c.OutSequence, c.Height, c.Failure = toward.EnergyChannelId, seq, ctx.BlockHeight(), ""
	hop.State, hop.Cancel = types.PurchaseState_PURCHASE_STATE_CANCELLING, c
	if err := k.Purchases.Set(ctx, hop.PurchaseId, hop); err != nil {
		return err
	}
	if err := k.OutPackets.Set(ctx, collections.Join(toward.EnergyChannelId, seq), hop.PurchaseId); err != nil {
		return err
	}
	if c.InChannel != "" {
		return nil
	}
	return emit(ctx, &types.EventCancelStarted{PurchaseId: hop.PurchaseId, Stage: next.Stage, RequestedBy: c.RequestedBy, InitiatorChainId: c.InitiatorChainId})
}

// OnRecvCancel handles a cancel packet. A request is passed on (or, on the token's chain,
// starts the sweep) and acknowledged at once. A sweep is carried out at once on the buyer's
// chain; between, it is sent on and answered later (a nil ack). Any failure is an error
// acknowledgement and ibc-go drops every state change of the receipt.
func (k Keeper) OnRecvCancel(ctx sdk.Context, packet channeltypes.Packet, p types.CancelPacket) (*types.CancelAck, error) {
	i := int(p.Hop)
	if p.Route[i] != ctx.ChainID() {
		return nil, errorsmod.Wrapf(types.ErrInvalidRoute, "the cancel is for %s at this hop, not %s", p.Route[i], ctx.ChainID())
	}
	hop, err := k.doneHop(ctx, p.PurchaseId)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(hop.Packet.Route, p.Route) || int(hop.Packet.Hop) != i {
		return nil, errorsmod.Wrapf(types.ErrInvalidRoute, "the cancel's route differs from purchase %s's", p.PurchaseId)
	}
	if p.Stage == types.CancelStage_CANCEL_STAGE_REQUEST {
		if packet.DestinationChannel != hop.InChannel {
			return nil, errorsmod.Wrapf(types.ErrInvalidRoute, "a cancel request arrives from the buyer's side (%s), not over %s", hop.InChannel, packet.DestinationChannel)
		}
		if i == len(p.Route)-1 {
			timeout, err := nextTimeout(ctx, p.TimeoutTimestamp)
			if err != nil {
				return nil, err
			}
			if err := k.startSweep(ctx, hop, p, timeout); err != nil {
				return nil, err
			}
		} else {
			if _, err := k.checkCancellable(ctx, hop); err != nil {
				return nil, err
			}
			next := p
			if next.TimeoutTimestamp, err = nextTimeout(ctx, p.TimeoutTimestamp); err != nil {
				return nil, err
			}
			out, err := k.linkOn(ctx, hop.OutChannel)
			if err != nil {
				return nil, err
			}
			next.Hop++
			if _, err := k.sendCancel(ctx, out, next); err != nil {
				return nil, err
			}
		}
		return &types.CancelAck{Stage: p.Stage}, nil
	}
	if packet.DestinationChannel != hop.OutChannel {
		return nil, errorsmod.Wrapf(types.ErrInvalidRoute, "a cancel sweep arrives from the token's side (%s), not over %s", hop.OutChannel, packet.DestinationChannel)
	}
	from, err := k.linkOn(ctx, hop.OutChannel)
	if err != nil {
		return nil, err
	}
	holder := types.InterfaceAccount(hop.OutChannel)
	value := sdk.NewCoin(hop.Value.Denom, math.ZeroInt())
	if p.ValueAmount.IsPositive() {
		if value, err = k.receiveValue(ctx, from, holder, p.ValueDenom, p.ValueAmount); err != nil {
			return nil, err
		}
		if value.Denom != hop.Value.Denom {
			return nil, errorsmod.Wrapf(types.ErrWrongValue, "the refund arrives as %s; the purchase was paid in %s here", value.Denom, hop.Value.Denom)
		}
	}
	c := &types.PurchaseCancel{InitiatorChainId: p.InitiatorChainId, RequestedBy: p.RequestedBy, Reason: p.Reason,
		InChannel: packet.DestinationChannel, InSequence: packet.Sequence, Value: value}
	if i == 0 {
		return &types.CancelAck{Stage: p.Stage}, k.completeAtBuyer(ctx, hop, p, c, holder)
	}
	if _, err := k.checkCancellable(ctx, hop); err != nil {
		return nil, err
	}
	if c.Compensation, err = k.compensate(ctx, hop, p, value.Denom, holder); err != nil {
		return nil, err
	}
	if c.InPacket, err = packet.Marshal(); err != nil {
		return nil, err
	}
	toward, err := k.linkOn(ctx, hop.InChannel)
	if err != nil {
		return nil, err
	}
	next := p
	next.Hop--
	if next.TimeoutTimestamp, err = nextTimeout(ctx, p.TimeoutTimestamp); err != nil {
		return nil, err
	}
	return nil, k.sendSweep(ctx, hop, c, toward, holder, next)
}

// completeAtBuyer carries the sweep out on the buyer's chain: the buyer receives the value and
// the compensation (when this chain's operator asked), its token goes and its capacity is
// released.
func (k Keeper) completeAtBuyer(ctx sdk.Context, hop types.PurchaseHop, p types.CancelPacket, c *types.PurchaseCancel, holder sdk.AccAddress) error {
	buyer, err := sdk.AccAddressFromBech32(hop.Sender)
	if err != nil {
		return err
	}
	if c.Value.IsPositive() {
		if err := k.bank.SendCoins(ctx, holder, buyer, sdk.NewCoins(c.Value)); err != nil {
			return err
		}
	}
	if c.Compensation, err = k.compensate(ctx, hop, p, c.Value.Denom, buyer); err != nil {
		return err
	}
	if err := k.dropToken(ctx, hop, p.RequestedBy); err != nil {
		return errorsmod.Wrap(types.ErrTokenNotCancellable, err.Error())
	}
	if err := k.releaseHop(ctx, hop); err != nil {
		return err
	}
	c.Height = ctx.BlockHeight()
	hop.State, hop.Cancel = types.PurchaseState_PURCHASE_STATE_CANCELLED, c
	if err := k.Purchases.Set(ctx, hop.PurchaseId, hop); err != nil {
		return err
	}
	refunded := c.Value.AddAmount(c.Compensation)
	return emit(ctx, &types.EventPurchaseCancelled{PurchaseId: hop.PurchaseId, TokenId: hop.TokenIds[0], Refunded: refunded.Amount.String(), Denom: refunded.Denom})
}

// releaseHop releases the capacity the purchase reserved on this chain's links.
func (k Keeper) releaseHop(ctx sdk.Context, hop types.PurchaseHop) error {
	var in, out *types.Link
	for _, ch := range []struct {
		id   string
		link **types.Link
	}{{hop.InChannel, &in}, {hop.OutChannel, &out}} {
		if ch.id == "" {
			continue
		}
		l, err := k.linkOn(ctx, ch.id)
		if err != nil {
			return err
		}
		*ch.link = &l
	}
	return k.releaseLinks(ctx, hop.Packet, in, out)
}

// cancellingHop finds the cancelling purchase a sweep packet this chain sent belongs to.
func (k Keeper) cancellingHop(ctx sdk.Context, channelID string, sequence uint64) (types.PurchaseHop, error) {
	id, err := k.OutPackets.Get(ctx, collections.Join(channelID, sequence))
	if errors.Is(err, collections.ErrNotFound) {
		return types.PurchaseHop{}, errorsmod.Wrapf(types.ErrPurchaseNotFound, "no cancel left by packet %d on %s", sequence, channelID)
	} else if err != nil {
		return types.PurchaseHop{}, err
	}
	hop, err := k.Purchases.Get(ctx, id)
	if err != nil {
		return types.PurchaseHop{}, err
	}
	if hop.State != types.PurchaseState_PURCHASE_STATE_CANCELLING || hop.Cancel == nil ||
		hop.Cancel.OutChannel != channelID || hop.Cancel.OutSequence != sequence {
		return types.PurchaseHop{}, errorsmod.Wrapf(types.ErrPurchaseState, "purchase %s is %s, not cancelling by packet %d on %s", id, hop.State, sequence, channelID)
	}
	return hop, nil
}

// OnCancelAcknowledged finishes a sweep on this chain once the buyer's side carried it out:
// this chain's token goes, its capacity is released, the purchase is CANCELLED and, between,
// the sweep that brought it is acknowledged. The chains towards the buyer have cancelled, so
// a token that can no longer go stays, and the record says why.
func (k Keeper) OnCancelAcknowledged(ctx sdk.Context, packet channeltypes.Packet) error {
	hop, err := k.cancellingHop(ctx, packet.SourceChannel, packet.Sequence)
	if err != nil {
		return err
	}
	c := hop.Cancel
	cache, write := ctx.CacheContext()
	if err := k.dropToken(cache, hop, c.RequestedBy); err != nil {
		c.Failure = "token kept: " + err.Error()
	} else {
		write()
	}
	cache, write = ctx.CacheContext()
	if err := k.releaseHop(cache, hop); err != nil {
		c.Failure += "capacity kept: " + err.Error()
	} else {
		write()
	}
	c.Height = ctx.BlockHeight()
	hop.State = types.PurchaseState_PURCHASE_STATE_CANCELLED
	if err := k.Purchases.Set(ctx, hop.PurchaseId, hop); err != nil {
		return err
	}
	if len(c.InPacket) > 0 {
		result := types.EnergyAck{Result: &types.EnergyAck_Cancel{Cancel: &types.CancelAck{Stage: types.CancelStage_CANCEL_STAGE_SWEEP}}}
		bz, err := result.Marshal()
		if err != nil {
			return err
		}
		if err := k.writeCancelAck(ctx, hop, channeltypes.NewResultAcknowledgement(bz)); err != nil {
			return err
		}
	}
	return emit(ctx, &types.EventPurchaseCancelled{PurchaseId: hop.PurchaseId, TokenId: hop.TokenIds[0]})
}

// OnCancelFailed is the one refund path of a sweep, for an error acknowledgement and a
// timeout alike: this chain takes back what it sent, returns the compensation to its
// operator, gives the value back where it came from (the prepaid into the settlement account
// on the token's chain; between, the exact inverse of its receipt), and the purchase is DONE
// again, before the refusal is passed on.
func (k Keeper) OnCancelFailed(ctx sdk.Context, packet channeltypes.Packet, failure string) error {
	hop, err := k.cancellingHop(ctx, packet.SourceChannel, packet.Sequence)
	if err != nil {
		return err
	}
	c := hop.Cancel
	toward, err := k.linkOn(ctx, c.OutChannel)
	if err != nil {
		return err
	}
	holderChannel := c.InChannel
	if holderChannel == "" { // the token's chain
		holderChannel = hop.InChannel
	}
	holder := types.InterfaceAccount(holderChannel)
	if sent := c.Value.AddAmount(c.Compensation); sent.IsPositive() {
		if err := k.unsendValue(ctx, toward, holder, sent); err != nil {
			return err
		}
	}
	if c.Compensation.IsPositive() {
		op, err := sdk.AccAddressFromBech32(c.RequestedBy)
		if err != nil {
			return err
		}
		if err := k.bank.SendCoins(ctx, holder, op, sdk.NewCoins(sdk.NewCoin(c.Value.Denom, c.Compensation))); err != nil {
			return err
		}
	}
	if c.Value.IsPositive() {
		if c.InChannel == "" {
			if err := k.fiat.DepositFor(ctx, holder, c.Value); err != nil {
				return err
			}
		} else {
			from, err := k.linkOn(ctx, c.InChannel)
			if err != nil {
				return err
			}
			if err := k.unreceiveValue(ctx, from, holder, c.Value); err != nil {
				return err
			}
		}
	}
	c.Failure, c.Height = failure, ctx.BlockHeight()
	hop.State = types.PurchaseState_PURCHASE_STATE_DONE
	if err := k.Purchases.Set(ctx, hop.PurchaseId, hop); err != nil {
		return err
	}
	if len(c.InPacket) > 0 {
		refusal := errorsmod.Wrap(types.ErrCancelRefusedAhead, failure)
		if err := k.writeCancelAck(ctx, hop, channeltypes.NewErrorAcknowledgement(refusal)); err != nil {
			return err
		}
	}
	return emit(ctx, &types.EventCancelFailed{PurchaseId: hop.PurchaseId, Failure: failure})
}

// OnCancelRequestFailed records on the sending chain that a request was refused or timed out
// ahead; nothing changed anywhere.
func (k Keeper) OnCancelRequestFailed(ctx sdk.Context, p types.CancelPacket, failure string) error {
	return emit(ctx, &types.EventCancelFailed{PurchaseId: p.PurchaseId, Failure: failure})
}

// writeCancelAck answers the sweep that brought the cancel, now that the buyer's side did.
func (k Keeper) writeCancelAck(ctx sdk.Context, hop types.PurchaseHop, ack channeltypes.Acknowledgement) error {
	var inbound channeltypes.Packet
	if err := inbound.Unmarshal(hop.Cancel.InPacket); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidPacket, "purchase %s kept an unreadable inbound cancel: %v", hop.PurchaseId, err)
	}
	return k.ics4.WriteAcknowledgement(ctx, inbound, ack)
}

// amountOf reads an amount a record written before it existed lacks as zero.
func amountOf(a math.Int) math.Int {
	if a.IsNil() {
		return math.ZeroInt()
	}
	return a
}
