package keeper

import (
	"context"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"

	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// OnRecvPurchase handles a purchase arriving over an energy channel. On the token's chain it
// buys the side and answers at once (ack non-nil; a failure there is an error ack and ibc-go
// drops every state change of the receipt). On a chain between it holds its fees, reserves
// capacity, sends the rest on and answers later: a nil ack (docs/adr/024 §4).
func (k Keeper) OnRecvPurchase(ctx sdk.Context, packet channeltypes.Packet, p types.PurchasePacket) (*types.PurchaseAck, error) {
	i := int(p.Hop)
	if p.Route[i] != ctx.ChainID() {
		return nil, errorsmod.Wrapf(types.ErrInvalidRoute, "the purchase is for %s at this hop, not %s", p.Route[i], ctx.ChainID())
	}
	in, err := k.linkOn(ctx, packet.DestinationChannel)
	if err != nil {
		return nil, err
	}
	if in.CounterpartyChainId != p.Route[i-1] {
		return nil, errorsmod.Wrapf(types.ErrInvalidRoute, "the purchase came from %s, not from %s as its route says", in.CounterpartyChainId, p.Route[i-1])
	}
	holder := types.InterfaceAccount(in.EnergyChannelId)
	value, err := k.receiveValue(ctx, in, holder, p.ValueDenom, p.ValueAmount)
	if err != nil {
		return nil, err
	}
	if i == len(p.Route)-1 {
		return k.completeAtToken(ctx, in, holder, value, p)
	}
	out, err := k.linkTo(ctx, p.Route[i+1])
	if err != nil {
		return nil, err
	}
	held, err := k.heldFees(ctx, p, i, &in, &out)
	if err != nil {
		return nil, err
	}
	if held.GTE(value.Amount) {
		return nil, errorsmod.Wrapf(types.ErrWrongValue, "the value %s does not cover this chain's fees %s", value, held)
	}
	if err := k.reserveLinks(ctx, p, &in, &out); err != nil {
		return nil, err
	}
	next := p
	next.Hop++
	margin := uint64(types.HopTimeoutMarginSeconds * time.Second)
	now := uint64(ctx.BlockTime().UnixNano())
	if p.TimeoutTimestamp < now+2*margin {
		return nil, errorsmod.Wrapf(types.ErrTimeoutTooShort, "the purchase times out in less than %d s", 2*types.HopTimeoutMarginSeconds)
	}
	next.TimeoutTimestamp = p.TimeoutTimestamp - margin
	sent := sdk.NewCoin(value.Denom, value.Amount.Sub(held))
	if next.ValueDenom, err = k.sendValue(ctx, out, holder, sent); err != nil {
		return nil, err
	}
	next.ValueAmount = sent.Amount
	outSeq, err := k.sendPurchase(ctx, out, next)
	if err != nil {
		return nil, err
	}
	inPacket, err := packet.Marshal()
	if err != nil {
		return nil, err
	}
	hop := types.PurchaseHop{
		PurchaseId: p.PurchaseId, Packet: p, InChannel: in.EnergyChannelId, InSequence: packet.Sequence,
		OutChannel: out.EnergyChannelId, OutSequence: outSeq, Value: value, FeesHeld: held,
		State: types.PurchaseState_PURCHASE_STATE_PENDING, OpenedHeight: ctx.BlockHeight(),
		InPacket: inPacket, Sender: holder.String(), Prepaid: math.ZeroInt(),
	}
	if err := k.recordPending(ctx, hop); err != nil {
		return nil, err
	}
	return nil, emit(ctx, &types.EventPurchaseForwarded{PurchaseId: p.PurchaseId, ChannelId: out.EnergyChannelId, Sequence: outSeq})
}

// completeAtToken buys the side on the token's chain for the inbound interface account: the
// quote must hold exactly, the value must be the ask's currency and amount, and the face value
// stays prepaid in the interface account's settlement account until delivery.
func (k Keeper) completeAtToken(ctx sdk.Context, in types.Link, holder sdk.AccAddress, value sdk.Coin, p types.PurchasePacket) (*types.PurchaseAck, error) {
	if value.Denom != p.AskDenom {
		return nil, errorsmod.Wrapf(types.ErrWrongValue, "the value arrives as %s; the side is priced in %s", value.Denom, p.AskDenom)
	}
	i := len(p.Route) - 1
	held, err := k.heldFees(ctx, p, i, &in, nil)
	if err != nil {
		return nil, err
	}
	if want := p.GoodsValue().Add(held); !value.Amount.Equal(want) {
		return nil, errorsmod.Wrapf(types.ErrWrongValue, "the value is %s, the quote needs %s", value.Amount, want)
	}
	t, err := k.energy.GetToken(ctx, p.TokenId)
	if err != nil {
		return nil, err
	}
	if err := checkQuotedToken(t, p); err != nil {
		return nil, err
	}
	askFee, err := k.paymentFee(ctx, sdk.NewCoin(p.AskDenom, energytypes.PriceFor(p.PricePerMwh, p.TotalWh())))
	if err != nil {
		return nil, err
	}
	faceFee, err := k.paymentFee(ctx, sdk.NewCoin(p.AskDenom, p.FaceValue()))
	if err != nil {
		return nil, err
	}
	if due := askFee.Add(faceFee); !due.Equal(p.BankFees) {
		return nil, errorsmod.Wrapf(types.ErrQuoteMismatch, "the bank's fees are %s now, quoted %s", due, p.BankFees)
	}
	if err := k.reserveLinks(ctx, p, &in, nil); err != nil {
		return nil, err
	}
	if err := k.payFees(ctx, holder, sdk.NewCoin(value.Denom, held)); err != nil {
		return nil, err
	}
	if err := k.fiat.DepositFor(ctx, holder, sdk.NewCoin(value.Denom, value.Amount.Sub(held))); err != nil {
		return nil, err
	}
	if _, err := k.energy.BuySideForBridge(ctx, holder, p.TokenId, p.Side, p.AskDenom, p.PricePerMwh, interfaceMeter(in.EnergyChannelId)); err != nil {
		return nil, err
	}
	bought, err := k.energy.GetToken(ctx, p.TokenId)
	if err != nil {
		return nil, err
	}
	hop := types.PurchaseHop{
		PurchaseId: p.PurchaseId, Packet: p, InChannel: in.EnergyChannelId, Value: value, FeesHeld: held,
		State: types.PurchaseState_PURCHASE_STATE_DONE, TokenIds: []uint64{p.TokenId},
		OpenedHeight: ctx.BlockHeight(), ClosedHeight: ctx.BlockHeight(), Sender: holder.String(),
		Prepaid: p.FaceValue().Add(faceFee), // a cancel of the chain of tokens returns it (docs/adr/027)
	}
	if err := k.recordPending(ctx, hop); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventPurchaseDone{PurchaseId: p.PurchaseId, TokenIds: hop.TokenIds, FeesPaid: held.String()}); err != nil {
		return nil, err
	}
	return &types.PurchaseAck{TokenIds: hop.TokenIds, Token: bought}, nil
}

// checkQuotedToken refuses a purchase whose token is not the one quoted: delivery, face value
// and the side's ask must be exactly as the buyer saw them.
func checkQuotedToken(t energytypes.Token, p types.PurchasePacket) error {
	if t.FirstPeriod != p.FirstPeriod || t.LastPeriod != p.LastPeriod || t.WhPerPeriod != p.WhPerPeriod {
		return errorsmod.Wrapf(types.ErrQuoteMismatch, "token %d delivers %d Wh in periods %d-%d, quoted %d Wh in %d-%d",
			t.Id, t.WhPerPeriod, t.FirstPeriod, t.LastPeriod, p.WhPerPeriod, p.FirstPeriod, p.LastPeriod)
	}
	if t.FaceValuePerMwh.Denom != p.AskDenom || !t.FaceValuePerMwh.Amount.Equal(p.FaceValuePerMwh) {
		return errorsmod.Wrapf(types.ErrQuoteMismatch, "token %d's face value is %s%s per MWh, quoted %s%s",
			t.Id, t.FaceValuePerMwh.Amount, t.FaceValuePerMwh.Denom, p.FaceValuePerMwh, p.AskDenom)
	}
	side, err := t.SideOf(p.Side)
	if err != nil {
		return err
	}
	if !side.Ask.ForSale || side.Ask.Denom != p.AskDenom || side.Ask.PricePerMwh != p.PricePerMwh {
		return errorsmod.Wrapf(types.ErrQuoteMismatch, "the %s side of token %d is no longer offered at %d%s per MWh", p.Side, t.Id, p.PricePerMwh, p.AskDenom)
	}
	return nil
}

// paymentFee is the bank's fee on a payment of amount; nothing is paid, so no fee is due, on
// a zero amount (a free ask, a token without face value).
func (k Keeper) paymentFee(ctx context.Context, amount sdk.Coin) (math.Int, error) {
	if amount.IsZero() {
		return math.ZeroInt(), nil
	}
	return k.fiat.FeeFor(ctx, amount)
}

// payFees pays held fees to this chain's grid operator.
func (k Keeper) payFees(ctx context.Context, holder sdk.AccAddress, fees sdk.Coin) error {
	if !fees.IsPositive() {
		return nil
	}
	opAddr, err := k.operatorAddress(ctx)
	if err != nil {
		return err
	}
	return k.bank.SendCoins(ctx, holder, opAddr, sdk.NewCoins(fees))
}
