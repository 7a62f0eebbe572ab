package keeper

import (
	"context"
	"math/bits"
	"strconv"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// PublishCo2Intensity publishes a category's standard CO2 intensity from a period on. Only
// the CO2 authority may, and only for periods whose gate is still open: a standard
// players already had to meet is never changed after the fact.
func (m msgServer) PublishCo2Intensity(ctx context.Context, msg *types.MsgPublishCo2Intensity) (*types.MsgPublishCo2IntensityResponse, error) {
	if err := m.requireCo2Authority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if _, known := balancingtypes.EnergyCategory_name[int32(msg.Category)]; !known || msg.Category == balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED {
		return nil, errorsmod.Wrapf(types.ErrInvalidCategory, "category %d is not an energy category", msg.Category)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime().Unix()
	if open := params.FirstOpenPeriod(now); msg.FromPeriod < open {
		return nil, errorsmod.Wrapf(types.ErrInvalidPeriods, "from_period %d has passed its gate closure (%s): publish from period %d or later",
			msg.FromPeriod, time.Unix(params.GateClosesAt(msg.FromPeriod), 0).UTC().Format(time.RFC3339), open)
	}
	if err := m.Co2Intensities.Set(ctx, joinCategoryPeriod(msg.Category, msg.FromPeriod), msg.GramsPerMwh); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventCo2IntensityPublished{
		Category: msg.Category, FromPeriod: msg.FromPeriod, GramsPerMwh: msg.GramsPerMwh,
	}); err != nil {
		return nil, err
	}
	return &types.MsgPublishCo2IntensityResponse{}, nil
}

// SetCo2Rate sets the payment per gram of consumed CO2 in an approved bank's denom. Only
// the CO2 authority may; zero is a rate (no payment), a negative one is refused.
func (m msgServer) SetCo2Rate(ctx context.Context, msg *types.MsgSetCo2Rate) (*types.MsgSetCo2RateResponse, error) {
	if err := m.requireCo2Authority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if _, err := m.fiat.GetBank(ctx, msg.Denom); err != nil {
		return nil, errorsmod.Wrapf(types.ErrUnknownCurrency, "denom %q is no approved bank's: %v", msg.Denom, err)
	}
	if msg.RatePerGram.IsNil() || msg.RatePerGram.IsNegative() {
		return nil, errorsmod.Wrapf(types.ErrInvalidCo2Rate, "rate_per_gram must be zero or more, got %s", msg.RatePerGram)
	}
	if err := types.CheckContractAmount("rate_per_gram", msg.RatePerGram); err != nil {
		return nil, err
	}
	if err := m.Co2Rates.Set(ctx, msg.Denom, msg.RatePerGram); err != nil {
		return nil, err
	}
	rate := types.Co2Rate{Denom: msg.Denom, RatePerGram: msg.RatePerGram}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventCo2RateSet{Rate: &rate}); err != nil {
		return nil, err
	}
	return &types.MsgSetCo2RateResponse{}, nil
}

// SplitCo2 moves grams of an energy token's CO2 into a new CO2 token. The signer must be
// an active participant holding both sides of the token while its gate is open, and
// neither side may back an aggregation (ownedToken): then no one else's claim on the
// token's CO2 changes. The token is retired and replaced by a child with the same
// energy and grams less CO2; parent CO2 = child CO2 + CO2 token grams, exactly.
func (m msgServer) SplitCo2(ctx context.Context, msg *types.MsgSplitCo2) (*types.MsgSplitCo2Response, error) {
	if _, _, err := m.activeParticipant(ctx, "owner", msg.Owner); err != nil {
		return nil, err
	}
	t, err := m.ownedToken(ctx, "split CO2 from", msg.TokenId, msg.Owner, msg.Owner)
	if err != nil {
		return nil, err
	}
	if msg.Grams == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidCo2Amount, "grams must be at least 1")
	}
	if msg.Grams > t.Co2Grams {
		return nil, errorsmod.Wrapf(types.ErrInvalidCo2Amount, "token %d carries %d g of CO2, fewer than the %d g to split off", t.Id, t.Co2Grams, msg.Grams)
	}
	co2ID, err := m.Co2TokenSeq.Next(ctx)
	if err != nil {
		return nil, err
	}
	child := t
	child.Co2Grams, child.Co2SplitInto, child.Co2MergedFrom = t.Co2Grams-msg.Grams, co2ID, nil
	childID, err := m.replaceForCo2(ctx, t, child)
	if err != nil {
		return nil, err
	}
	c := types.Co2Token{
		Id: co2ID, Owner: msg.Owner, Grams: msg.Grams, Category: t.Category, OriginShard: t.OriginShard,
		SplitFrom: t.Id, FirstPeriod: t.FirstPeriod, LastPeriod: t.LastPeriod,
		Status: types.TokenStatus_TOKEN_STATUS_ACTIVE, CreatedHeight: sdk.UnwrapSDKContext(ctx).BlockHeight(),
		Denom: t.FaceValuePerMwh.Denom, DuePeriod: DuePeriod(t),
	}
	if err := m.setCo2Token(ctx, nil, c); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventCo2Split{
		TokenId: t.Id, ChildId: childID, Co2TokenId: co2ID, Grams: msg.Grams,
	}); err != nil {
		return nil, err
	}
	return &types.MsgSplitCo2Response{TokenId: childID, Co2TokenId: co2ID}, nil
}

// MergeCo2 adds whole CO2 tokens to an energy token. The signer holds both sides of the
// energy token (as for a split) and every CO2 token; they are retired, and the energy
// token is replaced by a child with the same energy and their CO2 added, exactly.
func (m msgServer) MergeCo2(ctx context.Context, msg *types.MsgMergeCo2) (*types.MsgMergeCo2Response, error) {
	if _, _, err := m.activeParticipant(ctx, "owner", msg.Owner); err != nil {
		return nil, err
	}
	if len(msg.Co2TokenIds) == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "co2_token_ids needs at least one CO2 token")
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if uint64(len(msg.Co2TokenIds)) > params.MaxMergeInputs {
		return nil, errorsmod.Wrapf(types.ErrTooManyInputs, "co2_token_ids lists %d CO2 tokens, more than max_merge_inputs %d", len(msg.Co2TokenIds), params.MaxMergeInputs)
	}
	t, err := m.ownedToken(ctx, "merge CO2 into", msg.TokenId, msg.Owner, msg.Owner)
	if err != nil {
		return nil, err
	}
	total := t.Co2Grams
	added := uint64(0)
	seen := map[uint64]bool{}
	co2s := make([]types.Co2Token, 0, len(msg.Co2TokenIds))
	for _, id := range msg.Co2TokenIds {
		if seen[id] {
			return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "CO2 token %d listed twice", id)
		}
		seen[id] = true
		c, err := m.GetCo2Token(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := co2Live(c); err != nil {
			return nil, err
		}
		if c.Owner != msg.Owner {
			return nil, errorsmod.Wrapf(types.ErrNotCo2Holder, "CO2 token %d is held by %s", id, c.Owner)
		}
		var carry uint64
		if total, carry = bits.Add64(total, c.Grams, 0); carry != 0 {
			return nil, errorsmod.Wrapf(types.ErrInvalidCo2Amount, "token %d's CO2 with CO2 token %d's would overflow 64 bits", t.Id, id)
		}
		added += c.Grams // at most total, so no overflow either
		co2s = append(co2s, c)
	}
	child := t
	child.Co2Grams, child.Co2SplitInto, child.Co2MergedFrom = total, 0, append([]uint64(nil), msg.Co2TokenIds...)
	childID, err := m.replaceForCo2(ctx, t, child)
	if err != nil {
		return nil, err
	}
	for _, c := range co2s {
		old := c
		c.Status, c.MergedInto, c.Ask = types.TokenStatus_TOKEN_STATUS_RETIRED, childID, types.Co2Ask{}
		if err := m.setCo2Token(ctx, &old, c); err != nil {
			return nil, err
		}
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventCo2Merged{
		TokenId: t.Id, ChildId: childID, Co2TokenIds: msg.Co2TokenIds, Grams: added,
	}); err != nil {
		return nil, err
	}
	return &types.MsgMergeCo2Response{TokenId: childID}, nil
}

// replaceForCo2 retires t and stores child (t with other CO2) under a new id, as split
// and merge do (issueChild, retire): same owners, meters and energy, so no position
// moves. The child joins the delivery queue (setLineageToken), so reconciliation reaches it.
func (m msgServer) replaceForCo2(ctx context.Context, t, child types.Token) (uint64, error) {
	id, err := m.issueChild(ctx, child, []uint64{t.Id})
	if err != nil {
		return 0, err
	}
	return id, m.retire(ctx, t, []uint64{id})
}

// SetCo2Ask offers a CO2 token at a price per tonne (any sign: a holder may pay to be rid
// of the CO2), or voids its price. Only its holder may.
func (m msgServer) SetCo2Ask(ctx context.Context, msg *types.MsgSetCo2Ask) (*types.MsgSetCo2AskResponse, error) {
	if _, err := m.parseAddress("owner", msg.Owner); err != nil {
		return nil, err
	}
	c, err := m.GetCo2Token(ctx, msg.Co2TokenId)
	if err != nil {
		return nil, err
	}
	if err := co2Live(c); err != nil {
		return nil, err
	}
	if c.Owner != msg.Owner {
		return nil, errorsmod.Wrapf(types.ErrNotCo2Holder, "%s does not hold CO2 token %d", msg.Owner, c.Id)
	}
	if !msg.Ask.ForSale {
		if msg.Ask.PricePerTonne != 0 || msg.Ask.Denom != "" {
			return nil, errorsmod.Wrap(types.ErrInvalidAsk, "ask is void (for_sale false) and takes no price or denom")
		}
	} else if _, err := m.fiat.GetBank(ctx, msg.Ask.Denom); err != nil {
		return nil, errorsmod.Wrapf(types.ErrUnknownCurrency, "ask.denom %q is no approved bank's: %v", msg.Ask.Denom, err)
	}
	old := c
	c.Ask = msg.Ask
	if err := m.setCo2Token(ctx, &old, c); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventCo2AskChanged{Co2TokenId: c.Id, Ask: &msg.Ask}); err != nil {
		return nil, err
	}
	return &types.MsgSetCo2AskResponse{}, nil
}

// BuyCo2Token buys an offered CO2 token whole, in one step: price per tonne times its
// grams, rounded toward zero (types.PriceFor: a tonne is 10^6 g as a MWh is 10^6 Wh),
// paid through x/fiat, buyer to seller or, for a negative price, seller to buyer.
func (m msgServer) BuyCo2Token(ctx context.Context, msg *types.MsgBuyCo2Token) (*types.MsgBuyCo2TokenResponse, error) {
	buyerAddr, buyer, err := m.activeParticipant(ctx, "buyer", msg.Buyer)
	if err != nil {
		return nil, err
	}
	c, err := m.GetCo2Token(ctx, msg.Co2TokenId)
	if err != nil {
		return nil, err
	}
	if err := co2Live(c); err != nil {
		return nil, err
	}
	if !c.Ask.ForSale {
		return nil, errorsmod.Wrapf(types.ErrNotForSale, "CO2 token %d is not offered", c.Id)
	}
	if c.Owner == buyer.Address {
		return nil, errorsmod.Wrapf(types.ErrOwnSide, "%s already holds CO2 token %d", buyer.Address, c.Id)
	}
	if msg.Denom != c.Ask.Denom {
		return nil, errorsmod.Wrapf(types.ErrInvalidAsk, "CO2 token %d is priced in %s, not %s", c.Id, c.Ask.Denom, msg.Denom)
	}
	if c.Ask.PricePerTonne > msg.MaxPricePerTonne {
		return nil, errorsmod.Wrapf(types.ErrPriceAboveMax, "ask %d per tonne is above max_price_per_tonne %d", c.Ask.PricePerTonne, msg.MaxPricePerTonne)
	}
	sellerAddr, err := m.parseAddress("seller", c.Owner)
	if err != nil {
		return nil, err
	}
	paid := types.PriceFor(c.Ask.PricePerTonne, c.Grams)
	if err := m.payCo2(ctx, buyerAddr, sellerAddr, paid, c.Ask.Denom, c.Id); err != nil {
		return nil, err
	}
	old, ask, seller := c, c.Ask, c.Owner
	c.Owner, c.Ask = buyer.Address, types.Co2Ask{}
	if err := m.setCo2Token(ctx, &old, c); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventCo2TokenTraded{
		Co2TokenId: c.Id, Seller: seller, Buyer: buyer.Address, PricePerTonne: ask.PricePerTonne, Denom: ask.Denom, Paid: paid.Abs().String(),
	}); err != nil {
		return nil, err
	}
	return &types.MsgBuyCo2TokenResponse{Paid: paid.Abs()}, nil
}

// payCo2 pays a CO2 token's price like settle pays a side's, with its own reason.
func (m msgServer) payCo2(ctx context.Context, buyer, seller sdk.AccAddress, price math.Int, denom string, id uint64) error {
	reason := "co2-trade:" + strconv.FormatUint(id, 10)
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

// co2Live refuses a CO2 token that is no longer held: merged into an energy token,
// divided into parts, or consumed at settlement (its holder was charged its grams;
// co2_due.go).
func co2Live(c types.Co2Token) error {
	if c.Consumed {
		return errorsmod.Wrapf(types.ErrCo2TokenConsumed, "CO2 token %d was consumed at the settlement of period %d: its holder %s was charged its %d g",
			c.Id, c.ConsumedPeriod, c.Owner, c.Grams)
	}
	if c.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE && len(c.DividedInto) > 0 {
		return errorsmod.Wrapf(types.ErrCo2TokenDivided, "CO2 token %d was divided into CO2 tokens %v: use its parts", c.Id, c.DividedInto)
	}
	if c.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
		return errorsmod.Wrapf(types.ErrCo2TokenNotActive, "CO2 token %d was merged into token %d", c.Id, c.MergedInto)
	}
	return nil
}
