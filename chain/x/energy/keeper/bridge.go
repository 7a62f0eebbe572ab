package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// Cross-grid purchases (ADR 024) are driven by x/interchain's packet state machine; these
// are the x/energy steps it calls. No message reaches them.
//
//   - On the token's chain the purchase's inbound interface account buys the consumer side
//     (BuySideForBridge) at exactly the quoted ask. The token stays an ordinary token there
//     and settles normally: the interface account pays its face value at delivery from the
//     value it holds.
//   - On the buyer's chain and every chain between, a bridge token mirrors the bought token
//     (IssueBridgeToken): same periods, energy, category, CO2, terms and capabilities, face
//     value zero, sides owned by interface accounts at their synthetic meters
//     (interface:<channel>) or, on the buyer's chain, by the buyer at its consumption meter.
//     Token.bridge marks it; no message changes it (checkNotBridge). RemoveBridgeToken undoes
//     one before its delivery, for a refund or a redispatch of the whole purchase.
//
// A bridge token's consumer side counts in its owner's position like any side (setToken
// indexes it): it is energy the buyer bought and will consume. Its limit is checked when the
// purchase starts (CheckBridgeConsumer), not when the token is issued on the success
// acknowledgement, because by then the far end has sold and the purchase can no longer fail.

// checkNotBridge refuses a message's change of a bridge token: it changes only with its
// purchase. Every participant's path (tradableToken) and the operator's (beforeDelivery)
// call it.
func checkNotBridge(t types.Token) error {
	if t.Bridge == nil {
		return nil
	}
	return errorsmod.Wrapf(types.ErrBridgeToken, "token %d is a bridge token of cross-grid purchase %s; it changes only with the purchase",
		t.Id, t.Bridge.PurchaseId)
}

// BuySideForBridge buys side s of token tokenID for a cross-grid purchase on the token's
// chain: buyer is the purchase's inbound interface account (x/interchain checked it; it is
// no participant and has no meter here), meterID its synthetic meter. The checks are
// BuySide's (the side offered, the ask in denom and within the band, the gate open, the
// token not committed nor a bridge token, the seller's position) except the buyer's
// admission, position limit, collateral and meter; only the consumer side is bought, and
// the ask must equal pricePerMwh, the price the purchase was quoted at. It pays through
// x/fiat as BuySide does and records the trade. A refusal changes nothing.
func (k Keeper) BuySideForBridge(ctx context.Context, buyer sdk.AccAddress, tokenID uint64, s types.Side, denom string, pricePerMwh int64, meterID string) (types.Trade, error) {
	if err := sdk.VerifyAddressFormat(buyer); err != nil {
		return types.Trade{}, errorsmod.Wrapf(types.ErrInvalidAddress, "buyer: %v", err)
	}
	if s != types.Side_SIDE_CONSUMER {
		return types.Trade{}, errorsmod.Wrapf(types.ErrInvalidSide, "a cross-grid purchase buys the consumer side of a token, not the %s side", s)
	}
	if !balancingtypes.IsInterfaceMeter(meterID) {
		return types.Trade{}, errorsmod.Wrapf(types.ErrInvalidMeter, "meter %q is no interface meter (%s<channel>): a cross-grid purchase lands at the link's interface", meterID, balancingtypes.InterfaceMeterPrefix)
	}
	buyerAddr, err := k.addressCodec.BytesToString(buyer)
	if err != nil {
		return types.Trade{}, err
	}
	m := msgServer{Keeper: k}
	t, err := k.tradableToken(ctx, tokenID)
	if err != nil {
		return types.Trade{}, err
	}
	old := t
	side, err := t.SideOf(s)
	if err != nil {
		return types.Trade{}, err
	}
	if side.Ask.ForSale && side.Ask.PricePerMwh != pricePerMwh {
		return types.Trade{}, errorsmod.Wrapf(types.ErrAskChanged, "the %s side of token %d now asks %d per MWh, the purchase was quoted at %d", s, t.Id, side.Ask.PricePerMwh, pricePerMwh)
	}
	if err := m.checkOffer(ctx, t, s, buyerAddr, denom, pricePerMwh); err != nil {
		return types.Trade{}, err
	}
	if err := k.checkNotStranded(ctx, t, s); err != nil {
		return types.Trade{}, err
	}
	// The seller gives the side up as in BuySide and is held to its limit; the interface
	// account has no position limit to check (it holds energy only in transit).
	seller := side.Owner
	if err := k.checkOwnerMoves(ctx, fmt.Sprintf("selling the %s side of token %d across grids", s, t.Id), &ownerMoves{
		owner: seller, moves: []sideMove{{side: s, first: t.FirstPeriod, last: t.LastPeriod, wh: t.WhPerPeriod, dropped: true}},
	}); err != nil {
		return types.Trade{}, err
	}
	sellerAddr, err := k.parseAddress("seller", seller)
	if err != nil {
		return types.Trade{}, err
	}
	paid := types.PriceFor(side.Ask.PricePerMwh, t.TotalWh())
	if err := m.settle(ctx, buyer, sellerAddr, paid, side.Ask.Denom, t.Id); err != nil {
		return types.Trade{}, err
	}
	trade := types.Trade{TokenId: t.Id, Side: s, Seller: seller, Buyer: buyerAddr,
		PricePerMwh: side.Ask.PricePerMwh, Denom: side.Ask.Denom, Paid: paid.Abs(), Compensation: math.ZeroInt(),
		Height: sdk.UnwrapSDKContext(ctx).BlockHeight()}
	side.Owner, side.MeterId, side.Ask = buyerAddr, meterID, types.Ask{}
	if err := k.setToken(ctx, &old, t); err != nil {
		return types.Trade{}, err
	}
	if err := k.recordTrade(ctx, t, trade); err != nil {
		return types.Trade{}, err
	}
	return trade, nil
}

// consumingRoles are the roles that may consume a cross-grid purchase's energy (seed §4.4:
// only a consumer sees and pays the grid fees it was quoted).
var consumingRoles = []balancingtypes.Role{balancingtypes.Role_ROLE_CONSUMER, balancingtypes.Role_ROLE_PROSUMER}

// CheckBridgeConsumer checks, on the buyer's chain before a cross-grid purchase starts,
// that consumer may take the consumer side of a bridge token shaped like template at its
// meter consumerMeter: an active participant with a consuming role, its own consumption
// meter, and room in its position limit for the energy. IssueBridgeToken repeats all but
// the limit when the purchase completes.
func (k Keeper) CheckBridgeConsumer(ctx context.Context, template types.Token, consumer, consumerMeter string) error {
	if err := k.checkBridgeConsumer(ctx, template, consumer, consumerMeter); err != nil {
		return err
	}
	gained := template
	gained.Status = types.TokenStatus_TOKEN_STATUS_ACTIVE
	return k.checkOwnerMoves(ctx, "buying the consumer side of a token across grids", &ownerMoves{
		owner: consumer, moves: []sideMove{{side: types.Side_SIDE_CONSUMER, first: gained.FirstPeriod, last: gained.LastPeriod, wh: gained.WhPerPeriod}},
	})
}

// checkBridgeConsumer is CheckBridgeConsumer without the position limit.
func (k Keeper) checkBridgeConsumer(ctx context.Context, template types.Token, consumer, consumerMeter string) error {
	if err := types.ValidateVolume(template.FirstPeriod, template.LastPeriod, template.WhPerPeriod); err != nil {
		return err
	}
	_, p, err := k.activeParticipant(ctx, "consumer", consumer)
	if err != nil {
		return err
	}
	if !hasAnyRole(p.Roles, consumingRoles) {
		return errorsmod.Wrapf(types.ErrInvalidRole, "consumer %s needs a consuming role (consumer or prosumer) to buy from another grid", consumer)
	}
	if consumerMeter == "" {
		return errorsmod.Wrap(types.ErrInvalidMeter, "name the consumption meter the energy from another grid is consumed at")
	}
	meter, err := k.resolveMeter(ctx, consumer, types.Side_SIDE_CONSUMER, template.Category, consumerMeter)
	if err != nil {
		return err
	}
	if meter.Kind != balancingtypes.MeterKind_METER_KIND_CONSUMPTION {
		return errorsmod.Wrapf(types.ErrInvalidMeter, "meter %s is a %s meter: energy from another grid is consumed at a consumption meter", meter.Id, meter.Kind)
	}
	return nil
}

// IssueBridgeToken creates a bridge token for a completed cross-grid purchase on the buyer's
// chain or a chain between, and returns its id. It copies template (the bought token as the
// token's chain holds it): periods, Wh, category, CO2, terms, capabilities and origin; its
// face value is zero in template's denom, its issuer producerOwner, its sides unoffered.
// The producer side is an interface account's, at its interface meter; the consumer side
// too on a chain between, and on the buyer's chain (bridge.origin_chain_id) the buyer's, at
// its consumption meter (checkBridgeConsumer). The gate is not checked: the far end has
// sold, and the token must exist for the energy to be delivered. A refusal changes nothing.
func (k Keeper) IssueBridgeToken(ctx context.Context, template types.Token, bridge types.BridgeRef,
	producerOwner, producerMeter, consumerOwner, consumerMeter string,
) (uint64, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if err := validateBridgeRef(bridge, sdkCtx.ChainID()); err != nil {
		return 0, err
	}
	if err := k.validateBridgeTemplate(ctx, template); err != nil {
		return 0, err
	}
	if _, err := k.parseAddress("producer owner", producerOwner); err != nil {
		return 0, err
	}
	if !balancingtypes.IsInterfaceMeter(producerMeter) {
		return 0, errorsmod.Wrapf(types.ErrInvalidMeter, "producer meter %q is no interface meter: a bridge token's energy enters at a link's interface", producerMeter)
	}
	if producerMeter == consumerMeter {
		return 0, errorsmod.Wrapf(types.ErrInvalidMeter, "both sides are at %s: a bridge token carries energy from one interface to another place", producerMeter)
	}
	origin := bridge.OriginChainId == sdkCtx.ChainID()
	switch {
	case origin && balancingtypes.IsInterfaceMeter(consumerMeter):
		return 0, errorsmod.Wrapf(types.ErrInvalidBridge, "on the buyer's chain %s the consumer side is the buyer's, at its consumption meter, not at %s", bridge.OriginChainId, consumerMeter)
	case origin:
		if err := k.checkBridgeConsumer(ctx, template, consumerOwner, consumerMeter); err != nil {
			return 0, err
		}
	case !balancingtypes.IsInterfaceMeter(consumerMeter):
		return 0, errorsmod.Wrapf(types.ErrInvalidMeter, "consumer meter %q is no interface meter: on a chain between the buyer's (%s) and the token's, the energy leaves at a link's interface",
			consumerMeter, bridge.OriginChainId)
	default:
		if _, err := k.parseAddress("consumer owner", consumerOwner); err != nil {
			return 0, err
		}
	}
	id, err := k.TokenSeq.Next(ctx)
	if err != nil {
		return 0, err
	}
	originShard := template.OriginShard
	if originShard == "" {
		originShard = bridge.TokenChainId
	}
	ref := bridge
	t := types.Token{
		Id: id, Issuer: producerOwner, FirstPeriod: template.FirstPeriod, LastPeriod: template.LastPeriod,
		WhPerPeriod: template.WhPerPeriod, Category: template.Category, Co2Grams: template.Co2Grams,
		FaceValuePerMwh: types.Money{Amount: math.ZeroInt(), Denom: template.FaceValuePerMwh.Denom},
		Terms:           template.Terms, Capabilities: template.Capabilities,
		Producer:    types.TokenSide{Owner: producerOwner, MeterId: producerMeter},
		Consumer:    types.TokenSide{Owner: consumerOwner, MeterId: consumerMeter},
		Status:      types.TokenStatus_TOKEN_STATUS_ACTIVE,
		OriginShard: originShard, IssuedHeight: sdkCtx.BlockHeight(), Bridge: &ref,
	}
	if err := k.setToken(ctx, nil, t); err != nil {
		return 0, err
	}
	if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventTokenIssued{
		TokenId: id, Issuer: t.Issuer, FirstPeriod: t.FirstPeriod, LastPeriod: t.LastPeriod, WhPerPeriod: t.WhPerPeriod,
	}); err != nil {
		return 0, err
	}
	return id, nil
}

// validateBridgeRef checks a bridge reference: every field set, and the bought token on
// another chain than this one (there it is an ordinary token, never a bridge token).
func validateBridgeRef(b types.BridgeRef, chainID string) error {
	switch {
	case b.PurchaseId == "" || b.OriginChainId == "" || b.TokenChainId == "":
		return errorsmod.Wrap(types.ErrInvalidBridge, "the bridge reference needs the purchase id, the buyer's chain-id and the token's chain-id")
	case b.TokenChainId == chainID:
		return errorsmod.Wrapf(types.ErrInvalidBridge, "token %d lives on this chain (%s): the bought token is no bridge token here", b.TokenId, chainID)
	case b.OriginChainId == b.TokenChainId:
		return errorsmod.Wrapf(types.ErrInvalidBridge, "purchase %s starts and ends on %s: a cross-grid purchase crosses at least one link", b.PurchaseId, b.TokenChainId)
	}
	return nil
}

// validateBridgeTemplate checks what a bridge token copies from the bought token: a volume
// and span a token may have, a face value denom, and terms within the contract bounds.
func (k Keeper) validateBridgeTemplate(ctx context.Context, t types.Token) error {
	if err := types.ValidateVolume(t.FirstPeriod, t.LastPeriod, t.WhPerPeriod); err != nil {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if periods := t.LastPeriod - t.FirstPeriod + 1; periods > params.MaxTokenPeriods {
		return errorsmod.Wrapf(types.ErrInvalidPeriods, "the token spans %d periods, more than max_token_periods %d", periods, params.MaxTokenPeriods)
	}
	if t.FaceValuePerMwh.Denom == "" {
		return errorsmod.Wrap(types.ErrInvalidBridge, "the bought token names no face value denom")
	}
	terms := []math.Int{t.Terms.CancellationFee, t.Terms.ProducerDefaultFee, t.Terms.ConsumerDefaultFee}
	for i, name := range []string{"terms.cancellation_fee", "terms.producer_default_fee", "terms.consumer_default_fee"} {
		if terms[i].IsNil() || terms[i].IsNegative() {
			return errorsmod.Wrapf(types.ErrInvalidTerms, "%s must be set and not negative", name)
		}
		if err := types.CheckContractAmount(name, terms[i]); err != nil {
			return err
		}
	}
	return nil
}

// RemoveBridgeToken deletes bridge token id with every index entry, as though it had never
// been issued: the refund of a purchase or the redispatch of a whole cross-grid chain of
// tokens. Only a live bridge token whose first period reconciliation has not reached (it
// is still in the delivery queue) is removed; a refusal changes nothing.
func (k Keeper) RemoveBridgeToken(ctx context.Context, id uint64) error {
	t, err := k.GetToken(ctx, id)
	if err != nil {
		return err
	}
	if t.Bridge == nil {
		return errorsmod.Wrapf(types.ErrNotBridgeToken, "token %d is no bridge token: only a cross-grid purchase's bridge tokens are removed with it", id)
	}
	if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
		return errorsmod.Wrapf(types.ErrTokenNotActive, "token %d is %s", id, t.Status)
	}
	queued := collections.Join(t.FirstPeriod, t.Id)
	has, err := k.DeliveryQueue.Has(ctx, queued)
	if err != nil {
		return err
	}
	if !has {
		return errorsmod.Wrapf(types.ErrBridgeDelivered, "bridge token %d of purchase %s: reconciliation has reached its first period %d, so it stays and is delivered",
			id, t.Bridge.PurchaseId, t.FirstPeriod)
	}
	// Nothing else names it: a bridge token has no trades, lineage, backing or grid fees
	// before delivery (the invariants check the rest).
	if has, err := k.hasTrades(ctx, id); err != nil || has {
		if err == nil {
			err = fmt.Errorf("bridge token %d has trades", id)
		}
		return err
	}
	for _, s := range sides {
		if err := k.indexHolding(ctx, t, s, false); err != nil {
			return err
		}
		if err := k.indexOffer(ctx, t, s, false); err != nil {
			return err
		}
	}
	if err := k.DeliveryQueue.Remove(ctx, queued); err != nil {
		return err
	}
	return k.Tokens.Remove(ctx, id)
}

// hasTrades says whether any trade of token id is recorded.
func (k Keeper) hasTrades(ctx context.Context, id uint64) (bool, error) {
	it, err := k.Trades.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](id))
	if err != nil {
		return false, err
	}
	defer it.Close()
	return it.Valid(), nil
}

// checkBridgeToken is the invariant of a bridge token: face value zero, neither side ever
// offered, and no lineage, backing or imbalance (no message reaches it).
func checkBridgeToken(t types.Token) error {
	if t.Bridge == nil {
		return nil
	}
	switch {
	case t.FaceValuePerMwh.Amount.IsNil() || !t.FaceValuePerMwh.Amount.IsZero() || t.NegativePricePerMwh != 0:
		return fmt.Errorf("bridge token %d has face value %v %s: a bridge token's energy is paid on the token's chain", t.Id, t.FaceValuePerMwh.Amount, t.FaceValuePerMwh.Denom)
	case t.Producer.Ask.ForSale || t.Consumer.Ask.ForSale:
		return fmt.Errorf("bridge token %d has an offered side", t.Id)
	case len(t.Parents) > 0 || len(t.Children) > 0 || len(t.Backs.TokenIds) > 0 || len(t.BackedBy.TokenIds) > 0 ||
		t.Imbalance != types.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED || t.Co2SplitInto != 0 || len(t.Co2MergedFrom) > 0:
		return fmt.Errorf("bridge token %d was split, merged, aggregated or reconciled", t.Id)
	}
	return nil
}

// IsBridgeToken says whether token id is a bridge token; unknown ids are not.
func (k Keeper) IsBridgeToken(ctx context.Context, id uint64) (bool, error) {
	t, err := k.Tokens.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return false, nil
	}
	return err == nil && t.Bridge != nil, err
}
