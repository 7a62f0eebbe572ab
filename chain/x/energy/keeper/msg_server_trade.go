package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// SetAsk offers a side at a price, or voids the price (for_sale false). Only the side's
// owner may do it (seed §3.2.1).
func (m msgServer) SetAsk(ctx context.Context, msg *types.MsgSetAsk) (*types.MsgSetAskResponse, error) {
	if _, err := m.parseAddress("owner", msg.Owner); err != nil {
		return nil, err
	}
	t, err := m.tradableToken(ctx, msg.TokenId)
	if err != nil {
		return nil, err
	}
	old := t
	side, err := t.SideOf(msg.Side)
	if err != nil {
		return nil, err
	}
	if side.Owner != msg.Owner {
		return nil, errorsmod.Wrapf(types.ErrNotSideOwner, "%s does not own the %s side of token %d", msg.Owner, msg.Side, t.Id)
	}
	if msg.Ask.ForSale {
		if err := checkUncommitted(t, msg.Side, "offer it"); err != nil {
			return nil, err
		}
	}
	if err := m.checkAsk(ctx, "ask", msg.Ask); err != nil {
		return nil, err
	}
	side.Ask = msg.Ask
	if err := m.setToken(ctx, &old, t); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAskChanged{TokenId: t.Id, Side: msg.Side, Ask: &msg.Ask}); err != nil {
		return nil, err
	}
	if msg.Ask.ForSale {
		countOffer(ctx, msg.Side)
	}
	return &types.MsgSetAskResponse{}, nil
}

// BuySide buys an offered side in one atomic step: checks, payment through x/fiat (fees
// included), new owner and meter, price voided. A negative price pays the buyer.
func (m msgServer) BuySide(ctx context.Context, msg *types.MsgBuySide) (*types.MsgBuySideResponse, error) {
	buyerAddr, buyer, err := m.activeParticipant(ctx, "buyer", msg.Buyer)
	if err != nil {
		return nil, err
	}
	t, err := m.tradableToken(ctx, msg.TokenId)
	if err != nil {
		return nil, err
	}
	old := t
	side, err := t.SideOf(msg.Side)
	if err != nil {
		return nil, err
	}
	if err := m.checkOffer(ctx, t, msg.Side, buyer.Address, msg.Denom, msg.MaxPricePerMwh); err != nil {
		return nil, err
	}
	if err := m.checkSideMove(ctx, "buying", t, msg.Side, buyer.Address); err != nil {
		return nil, err
	}
	meter, err := m.landing(ctx, t, msg.Side, buyer.Address, msg.MeterId)
	if err != nil {
		return nil, err
	}
	seller := side.Owner
	sellerAddr, err := m.parseAddress("seller", seller)
	if err != nil {
		return nil, err
	}
	if err := m.checkCollateral(ctx, buyerAddr, consumerFaceValue(t, msg.Side)); err != nil {
		return nil, err
	}
	paid := types.PriceFor(side.Ask.PricePerMwh, t.TotalWh())
	if err := m.settle(ctx, buyerAddr, sellerAddr, paid, side.Ask.Denom, t.Id); err != nil {
		return nil, err
	}
	trade := types.Trade{TokenId: t.Id, Side: msg.Side, Seller: seller, Buyer: buyer.Address,
		PricePerMwh: side.Ask.PricePerMwh, Denom: side.Ask.Denom, Paid: paid.Abs(), Compensation: math.ZeroInt()}
	side.Owner, side.MeterId, side.Ask = buyer.Address, meter.Id, types.Ask{}
	if err := m.setToken(ctx, &old, t); err != nil {
		return nil, err
	}
	if err := m.recordTrade(ctx, t, trade); err != nil {
		return nil, err
	}
	return &types.MsgBuySideResponse{Paid: paid.Abs()}, nil
}

// settle pays a side's price: buyer to seller for a positive price, seller to buyer for a
// negative one, nothing for zero.
func (m msgServer) settle(ctx context.Context, buyer, seller sdk.AccAddress, price math.Int, denom string, tokenID uint64) error {
	reason := "trade:" + math.NewIntFromUint64(tokenID).String()
	switch {
	case price.IsPositive():
		_, err := m.fiat.Pay(ctx, buyer, seller, sdk.NewCoin(denom, price), reason)
		return err
	case price.IsNegative():
		_, err := m.fiat.Pay(ctx, seller, buyer, sdk.NewCoin(denom, price.Neg()), reason)
		return err
	default:
		return nil
	}
}

// HandOverSide moves a side outside the market; both owners sign the message.
func (m msgServer) HandOverSide(ctx context.Context, msg *types.MsgHandOverSide) (*types.MsgHandOverSideResponse, error) {
	if _, err := m.parseAddress("from", msg.From); err != nil {
		return nil, err
	}
	toAddr, to, err := m.activeParticipant(ctx, "to", msg.To)
	if err != nil {
		return nil, err
	}
	t, err := m.tradableToken(ctx, msg.TokenId)
	if err != nil {
		return nil, err
	}
	old := t
	side, err := t.SideOf(msg.Side)
	if err != nil {
		return nil, err
	}
	if side.Owner != msg.From {
		return nil, errorsmod.Wrapf(types.ErrNotSideOwner, "%s does not own the %s side of token %d", msg.From, msg.Side, t.Id)
	}
	if to.Address == msg.From {
		return nil, errorsmod.Wrap(types.ErrOwnSide, "from and to are the same participant")
	}
	if err := checkUncommitted(t, msg.Side, "hand it over"); err != nil {
		return nil, err
	}
	if err := m.checkSideMove(ctx, "handing over", t, msg.Side, to.Address); err != nil {
		return nil, err
	}
	meter, err := m.landing(ctx, t, msg.Side, to.Address, msg.MeterId)
	if err != nil {
		return nil, err
	}
	// A side handed over is taken on like one bought: no way around a collateral requirement.
	if err := m.checkCollateral(ctx, toAddr, consumerFaceValue(t, msg.Side)); err != nil {
		return nil, err
	}
	side.Owner, side.MeterId, side.Ask = to.Address, meter.Id, types.Ask{}
	if err := m.setToken(ctx, &old, t); err != nil {
		return nil, err
	}
	trade := types.Trade{TokenId: t.Id, Side: msg.Side, Seller: msg.From, Buyer: to.Address, Paid: math.ZeroInt(), Compensation: math.ZeroInt()}
	if err := m.recordTrade(ctx, t, trade); err != nil {
		return nil, err
	}
	return &types.MsgHandOverSideResponse{}, nil
}

// checkOffer checks a purchase of side s of t by buyer at most maxPrice per MWh in denom:
// the side is offered, not committed, not the buyer's, priced in denom within the band
// (the ask too: it may have been set before the operator narrowed the band) and at most
// maxPrice. BuySide and the operator's Procure share it.
func (m msgServer) checkOffer(ctx context.Context, t types.Token, s types.Side, buyer, denom string, maxPrice int64) error {
	side, err := t.SideOf(s)
	if err != nil {
		return err
	}
	if !side.Ask.ForSale {
		return errorsmod.Wrapf(types.ErrNotForSale, "the %s side of token %d is not offered", s, t.Id)
	}
	if err := checkUncommitted(t, s, "buy it"); err != nil { // never offered; a guard all the same
		return err
	}
	if side.Owner == buyer {
		return errorsmod.Wrapf(types.ErrOwnSide, "%s already owns the %s side of token %d", buyer, s, t.Id)
	}
	if denom != side.Ask.Denom {
		return errorsmod.Wrapf(types.ErrInvalidAsk, "the side is priced in %s, not %s", side.Ask.Denom, denom)
	}
	if err := m.checkPrices(ctx, "denom", denom, []string{"max_price_per_mwh", "the side's ask (its owner must re-price it)"},
		[]int64{maxPrice, side.Ask.PricePerMwh}); err != nil {
		return err
	}
	if side.Ask.PricePerMwh > maxPrice {
		return errorsmod.Wrapf(types.ErrPriceAboveMax, "ask %d per MWh is above max_price_per_mwh %d", side.Ask.PricePerMwh, maxPrice)
	}
	return nil
}

// landing resolves the meter side s of t moves to with its new owner, and refuses a move
// that would strand the old owner's other side or put a producer side on an audited meter
// emitting more CO2 than the token states.
func (m msgServer) landing(ctx context.Context, t types.Token, s types.Side, owner, meterID string) (balancingtypes.Meter, error) {
	meter, err := m.resolveMeter(ctx, owner, s, t.Category, meterID)
	if err != nil {
		return meter, err
	}
	if err := m.checkNotStranded(ctx, t, s); err != nil {
		return meter, err
	}
	return meter, checkCO2Fits(t, s, meter)
}
