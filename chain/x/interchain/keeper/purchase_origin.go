package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	clienttypes "github.com/cosmos/ibc-go/v10/modules/core/02-client/types"

	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// StartPurchase starts a cross-grid purchase on the buyer's chain (docs/adr/024 §4): it checks
// the buyer and the quote, takes the value from the buyer, holds this chain's fee, reserves
// capacity, sends the value and the order over the first link, and records the purchase as
// pending. The chains ahead answer by acknowledgement.
func (k Keeper) StartPurchase(ctx context.Context, msg *types.MsgBuyRemote) (string, math.Int, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	buyer, err := sdk.AccAddressFromBech32(msg.Buyer)
	if err != nil {
		return "", math.Int{}, errorsmod.Wrapf(types.ErrInvalidRequest, "buyer %q is not an address", msg.Buyer)
	}
	route := append([]string{sdkCtx.ChainID()}, msg.Route...)
	if err := types.ValidateRoute(route); err != nil {
		return "", math.Int{}, err
	}
	if msg.MeterId == "" || msg.PayDenom == "" {
		return "", math.Int{}, errorsmod.Wrap(types.ErrInvalidRequest, "name the consumption meter (meter_id) and the denom paying (pay_denom)")
	}
	out, err := k.linkTo(ctx, route[1])
	if err != nil {
		return "", math.Int{}, err
	}
	timeoutSeconds := msg.TimeoutSeconds
	if timeoutSeconds == 0 {
		timeoutSeconds = types.DefaultPurchaseTimeoutSeconds
	}
	if timeoutSeconds > 24*3600 {
		return "", math.Int{}, errorsmod.Wrapf(types.ErrInvalidRequest, "timeout_seconds %d is longer than a day", timeoutSeconds)
	}
	linkFees := make([]math.Int, len(msg.LinkFees))
	for i, f := range msg.LinkFees {
		fee, ok := math.NewIntFromString(f)
		if !ok || fee.IsNegative() {
			return "", math.Int{}, errorsmod.Wrapf(types.ErrInvalidRequest, "link_fees[%d] %q is not a whole number of base units", i, f)
		}
		linkFees[i] = fee
	}
	seq, err := k.PurchaseSeq.Next(ctx)
	if err != nil {
		return "", math.Int{}, err
	}
	id := types.PurchaseID(sdkCtx.ChainID(), seq+1)
	p := types.PurchasePacket{
		PurchaseId: id, Route: route, Hop: 1, TokenId: msg.TokenId, Side: msg.Side, AskDenom: msg.AskDenom,
		PricePerMwh: msg.PricePerMwh, FaceValuePerMwh: msg.FaceValuePerMwh, FirstPeriod: msg.FirstPeriod,
		LastPeriod: msg.LastPeriod, WhPerPeriod: msg.WhPerPeriod, LinkFees: linkFees, BankFees: msg.BankFees,
		ValueDenom: msg.PayDenom, ValueAmount: math.ZeroInt(), Buyer: msg.Buyer,
		TimeoutTimestamp: uint64(sdkCtx.BlockTime().Add(time.Duration(timeoutSeconds) * time.Second).UnixNano()),
	}
	if len(p.LinkFees) != len(route)-1 {
		return "", math.Int{}, errorsmod.Wrapf(types.ErrInvalidRequest, "link_fees lists %d fees; the route has %d links", len(p.LinkFees), len(route)-1)
	}
	total := p.GoodsValue()
	for _, f := range p.LinkFees {
		total = total.Add(f)
	}
	p.ValueAmount = total
	// The fee of a link this chain is the parent of is set per base denom: name the value by its
	// ICS-20 path (a voucher's trace), as the chains ahead see it, not by its ibc/ hash.
	if err := sdk.ValidateDenom(msg.PayDenom); err != nil {
		return "", math.Int{}, errorsmod.Wrapf(types.ErrInvalidRequest, "pay_denom %q: %v", msg.PayDenom, err)
	}
	payToken, err := k.transfer.TokenFromCoin(sdkCtx, sdk.NewCoin(msg.PayDenom, math.OneInt()))
	if err != nil {
		return "", math.Int{}, errorsmod.Wrapf(types.ErrInvalidRequest, "pay_denom %q is no denom this chain knows: %v", msg.PayDenom, err)
	}
	p.ValueDenom = payToken.Denom.Path()
	if err := p.Validate(); err != nil { // hop 1: the packet as the next chain will see it
		return "", math.Int{}, errorsmod.Wrap(types.ErrInvalidRequest, err.Error())
	}
	// The buyer, its meter and its position are checked now: once the token's chain has sold,
	// the bridge token must be made here whatever happens.
	template := energytypes.Token{FirstPeriod: p.FirstPeriod, LastPeriod: p.LastPeriod, WhPerPeriod: p.WhPerPeriod}
	if err := k.energy.CheckBridgeConsumer(ctx, template, msg.Buyer, msg.MeterId); err != nil {
		return "", math.Int{}, errorsmod.Wrap(types.ErrNotConsumer, err.Error())
	}
	if msg.MaxTotal.IsNil() || total.GT(msg.MaxTotal) {
		return "", math.Int{}, errorsmod.Wrapf(types.ErrAboveMaxTotal, "the purchase costs %s%s, max_total is %s", total, msg.PayDenom, msg.MaxTotal)
	}
	held, err := k.heldFees(ctx, p, 0, nil, &out)
	if err != nil {
		return "", math.Int{}, err
	}
	if err := k.reserveLinks(ctx, p, nil, &out); err != nil {
		return "", math.Int{}, err
	}
	if held.IsPositive() { // held by the link's interface account until the purchase is done
		if err := k.bank.SendCoins(ctx, buyer, types.InterfaceAccount(out.EnergyChannelId), sdk.NewCoins(sdk.NewCoin(msg.PayDenom, held))); err != nil {
			return "", math.Int{}, errorsmod.Wrapf(types.ErrWrongValue, "the buyer cannot pay %s%s: %v", total, msg.PayDenom, err)
		}
	}
	sent := sdk.NewCoin(msg.PayDenom, total.Sub(held))
	path, err := k.sendValue(sdkCtx, out, buyer, sent)
	if err != nil {
		return "", math.Int{}, errorsmod.Wrapf(types.ErrWrongValue, "the buyer cannot pay %s%s: %v", total, msg.PayDenom, err)
	}
	p.ValueDenom, p.ValueAmount = path, sent.Amount
	outSeq, err := k.sendPurchase(sdkCtx, out, p)
	if err != nil {
		return "", math.Int{}, err
	}
	own := p
	own.Hop, own.ValueDenom, own.ValueAmount = 0, msg.PayDenom, total
	hop := types.PurchaseHop{
		PurchaseId: id, Packet: own, OutChannel: out.EnergyChannelId, OutSequence: outSeq,
		Value: sdk.NewCoin(msg.PayDenom, total), FeesHeld: held, State: types.PurchaseState_PURCHASE_STATE_PENDING,
		OpenedHeight: sdkCtx.BlockHeight(), Sender: msg.Buyer, MeterId: msg.MeterId, Prepaid: math.ZeroInt(),
	}
	if err := k.recordPending(ctx, hop); err != nil {
		return "", math.Int{}, err
	}
	return id, total, emit(ctx, &types.EventPurchaseOpened{PurchaseId: id, Buyer: msg.Buyer, Route: route, TokenId: msg.TokenId, Paid: total.String(), Denom: msg.PayDenom})
}

// sendPurchase sends the order over link l's energy channel.
func (k Keeper) sendPurchase(ctx sdk.Context, l types.Link, p types.PurchasePacket) (uint64, error) {
	return k.sendEnergyPacket(ctx, l.EnergyChannelId, types.NewPurchasePacket(p), p.TimeoutTimestamp)
}

// sendEnergyPacket sends one packet of any kind on an energy channel, timing out at timeout
// (ns since the epoch, no height): the one place every kind is marshalled and sent.
func (k Keeper) sendEnergyPacket(ctx sdk.Context, channelID string, data types.EnergyPacketData, timeout uint64) (uint64, error) {
	bz, err := data.Marshal()
	if err != nil {
		return 0, err
	}
	return k.ics4.SendPacket(ctx, types.PortID, channelID, clienttypes.ZeroHeight(), timeout, bz)
}

// recordPending stores a pending hop and indexes its outbound packet.
func (k Keeper) recordPending(ctx context.Context, hop types.PurchaseHop) error {
	if has, err := k.Purchases.Has(ctx, hop.PurchaseId); err != nil {
		return err
	} else if has {
		return errorsmod.Wrapf(types.ErrInvalidPacket, "purchase %s passed this chain already", hop.PurchaseId)
	}
	if err := k.Purchases.Set(ctx, hop.PurchaseId, hop); err != nil {
		return err
	}
	if err := k.indexPurchase(ctx, hop); err != nil {
		return err
	}
	if hop.OutChannel == "" {
		return nil
	}
	return k.OutPackets.Set(ctx, collections.Join(hop.OutChannel, hop.OutSequence), hop.PurchaseId)
}
