package keeper

import (
	"context"
	"math"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// The grid operator is the balancing authority (DESIGN.md §4). Until gate closure it buys
// offered sides as reserve or grid-loss energy (Procure, seed §3.3.2); until delivery
// begins, also after gate closure, it moves sides to other participants' meters
// (Redispatch, §3.3.3). Its acts are recorded as trades of their kind, indexed for its
// statement (OperatorStatement).

// beforeDelivery loads a live token whose delivery has not begun: the operator's acts.
func (m msgServer) beforeDelivery(ctx context.Context, id uint64) (types.Token, error) {
	t, phase, _, err := m.activeTokenAtPhase(ctx, id)
	if err != nil {
		return t, err
	}
	if err := checkNotBridge(t); err != nil {
		return t, err
	}
	if phase != types.TokenPhase_TOKEN_PHASE_OPEN && phase != types.TokenPhase_TOKEN_PHASE_FROZEN {
		return t, errorsmod.Wrapf(types.ErrTokenFrozen, "token %d is %s: its delivery has begun, so it is no longer procured or redispatched", id, phase)
	}
	return t, nil
}

// reserveCapability is the capability a reserve purchase relies on.
func reserveCapability(t types.Token, kind types.TradeKind) (types.Capability, bool) {
	switch kind {
	case types.TradeKind_TRADE_KIND_RESERVE_PRIMARY:
		return t.Capabilities.Primary, true
	case types.TradeKind_TRADE_KIND_RESERVE_SECONDARY:
		return t.Capabilities.Secondary, true
	case types.TradeKind_TRADE_KIND_RESERVE_TERTIARY:
		return t.Capabilities.Tertiary, true
	}
	return types.Capability{}, false
}

// Procure buys an offered side as the balancing authority.
func (m msgServer) Procure(ctx context.Context, msg *types.MsgProcure) (*types.MsgProcureResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator, "procure as balancing authority"); err != nil {
		return nil, err
	}
	operator, err := m.parseAddress("operator", msg.Operator)
	if err != nil {
		return nil, err
	}
	// Procurement buys offers, and offers close at gate closure: the balancing authority
	// procures ahead, and acts on frozen tokens by redispatch (seed §3.3.3).
	t, err := m.tradableToken(ctx, msg.TokenId)
	if err != nil {
		return nil, err
	}
	old := t
	side, err := t.SideOf(msg.Side)
	if err != nil {
		return nil, err
	}
	capability, reserve := reserveCapability(t, msg.Kind)
	switch {
	case reserve && !capability.Offered:
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "token %d offers no %s: procure a reserve from tokens that offer it", t.Id, msg.Kind)
	case msg.Kind == types.TradeKind_TRADE_KIND_GRID_LOSSES && msg.Side != types.Side_SIDE_CONSUMER:
		return nil, errorsmod.Wrap(types.ErrInvalidSide, "grid-loss energy is a consumer side: the grid consumes its losses")
	case !reserve && msg.Kind != types.TradeKind_TRADE_KIND_GRID_LOSSES:
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "kind %s is not a procurement: name a reserve (primary, secondary, tertiary) or grid losses", msg.Kind)
	}
	// The balancing authority buys like anyone.
	if err := m.checkOffer(ctx, t, msg.Side, msg.Operator, msg.Denom, msg.MaxPricePerMwh); err != nil {
		return nil, err
	}
	if reserve && side.Ask.Denom != t.FaceValuePerMwh.Denom {
		return nil, errorsmod.Wrapf(types.ErrInvalidAsk, "the side is priced in %s: a reserve is procured in the token's currency %s, in which its availability price is stated",
			side.Ask.Denom, t.FaceValuePerMwh.Denom)
	}
	if err := m.checkSideMove(ctx, "procuring", t, msg.Side, msg.Operator); err != nil {
		return nil, err
	}
	meter, err := m.operatorMeter(ctx, msg.Operator, msg.Side, t.Category, msg.MeterId)
	if err != nil {
		return nil, err
	}
	if err := m.checkNotStranded(ctx, t, msg.Side); err != nil {
		return nil, err
	}
	seller, err := m.parseAddress("seller", side.Owner)
	if err != nil {
		return nil, err
	}
	paid := types.PriceFor(side.Ask.PricePerMwh, t.TotalWh())
	if err := m.settle(ctx, operator, seller, paid, side.Ask.Denom, t.Id); err != nil {
		return nil, err
	}
	compensation := sdkmath.ZeroInt()
	if reserve {
		// The availability price goes to whoever provides the reserve: the other side.
		other, _ := t.SideOf(otherSide(msg.Side))
		provider, err := m.parseAddress("reserve provider", other.Owner)
		if err != nil {
			return nil, err
		}
		if other.Owner != msg.Operator { // its own reserve costs the operator nothing
			compensation = types.PriceFor(capability.PricePerMwh, t.TotalWh())
			if err := m.settle(ctx, operator, provider, compensation, t.FaceValuePerMwh.Denom, t.Id); err != nil {
				return nil, err
			}
		}
	}
	trade := types.Trade{TokenId: t.Id, Side: msg.Side, Seller: side.Owner, Buyer: msg.Operator, PricePerMwh: side.Ask.PricePerMwh,
		Denom: side.Ask.Denom, Paid: paid.Abs(), Kind: msg.Kind, Compensation: compensation}
	denom := side.Ask.Denom
	side.Owner, side.MeterId, side.Ask = msg.Operator, meter, types.Ask{}
	if err := m.setToken(ctx, &old, t); err != nil {
		return nil, err
	}
	if err := m.recordOperatorAct(ctx, t, trade); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventProcured{
		TokenId: t.Id, Side: msg.Side, Kind: msg.Kind, Seller: trade.Seller, Paid: trade.Paid.String(),
		Compensation: compensation.String(), Denom: denom,
	}); err != nil {
		return nil, err
	}
	return &types.MsgProcureResponse{Paid: trade.Paid, Compensation: compensation}, nil
}

// Redispatch moves a side to another participant's meter before delivery.
func (m msgServer) Redispatch(ctx context.Context, msg *types.MsgRedispatch) (*types.MsgRedispatchResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator, "redispatch"); err != nil {
		return nil, err
	}
	operator, err := m.parseAddress("operator", msg.Operator)
	if err != nil {
		return nil, err
	}
	_, to, err := m.activeParticipant(ctx, "to", msg.To)
	if err != nil {
		return nil, err
	}
	t, err := m.beforeDelivery(ctx, msg.TokenId)
	if err != nil {
		return nil, err
	}
	old := t
	side, err := t.SideOf(msg.Side)
	if err != nil {
		return nil, err
	}
	if !t.Capabilities.Redispatch.Offered {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "token %d offers no redispatch: only tokens that state a redispatch price can be redispatched", t.Id)
	}
	if side.Owner == to.Address {
		return nil, errorsmod.Wrapf(types.ErrOwnSide, "%s already owns the %s side of token %d", msg.To, msg.Side, t.Id)
	}
	if err := checkUncommitted(t, msg.Side, "redispatch it"); err != nil {
		return nil, err
	}
	if err := m.checkSideMove(ctx, "redispatching", t, msg.Side, to.Address); err != nil {
		return nil, err
	}
	meter, err := m.landing(ctx, t, msg.Side, to.Address, msg.MeterId)
	if err != nil {
		return nil, err
	}
	from := side.Owner
	fromAddr, err := m.parseAddress("side owner", from)
	if err != nil {
		return nil, err
	}
	compensation := sdkmath.ZeroInt()
	if from != msg.Operator { // moving its own side costs the operator nothing
		compensation = types.PriceFor(t.Capabilities.Redispatch.PricePerMwh, t.TotalWh())
		if err := m.settle(ctx, operator, fromAddr, compensation, t.FaceValuePerMwh.Denom, t.Id); err != nil {
			return nil, err
		}
	}
	side.Owner, side.MeterId, side.Ask = to.Address, meter.Id, types.Ask{}
	if err := m.setToken(ctx, &old, t); err != nil {
		return nil, err
	}
	trade := types.Trade{TokenId: t.Id, Side: msg.Side, Seller: from, Buyer: to.Address, Paid: sdkmath.ZeroInt(),
		Kind: types.TradeKind_TRADE_KIND_REDISPATCH, Compensation: compensation}
	if err := m.recordOperatorAct(ctx, t, trade); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRedispatched{
		TokenId: t.Id, Side: msg.Side, From: from, To: to.Address, MeterId: meter.Id,
		Compensation: compensation.String(), Denom: t.FaceValuePerMwh.Denom,
	}); err != nil {
		return nil, err
	}
	return &types.MsgRedispatchResponse{Compensation: compensation}, nil
}

// operatorMeter is the meter the balancing authority holds a side at: one of its own
// registered meters, or by default its virtual meter of the category, which exists
// without registration (the operator trades every category as balancing authority).
func (m msgServer) operatorMeter(ctx context.Context, operator string, s types.Side, category balancingtypes.EnergyCategory, meterID string) (string, error) {
	if meterID == "" {
		return balancingtypes.VirtualMeterID(operator, category), nil
	}
	meter, err := m.resolveMeter(ctx, operator, s, category, meterID)
	return meter.Id, err
}

func otherSide(s types.Side) types.Side {
	if s == types.Side_SIDE_PRODUCER {
		return types.Side_SIDE_CONSUMER
	}
	return types.Side_SIDE_PRODUCER
}

// recordOperatorAct records an act of the balancing authority like any trade, indexes it
// for the operator's statement and, for a procurement, adds it to the totals.
func (k Keeper) recordOperatorAct(ctx context.Context, t types.Token, trade types.Trade) error {
	next, err := k.TradeSeq.Peek(ctx) // the id recordTrade is about to take
	if err != nil {
		return err
	}
	if err := k.recordTrade(ctx, t, trade); err != nil {
		return err
	}
	if err := k.OperatorActs.Set(ctx, collections.Join(math.MaxUint64-next, t.Id)); err != nil { // newest first
		return err
	}
	if trade.Kind == types.TradeKind_TRADE_KIND_REDISPATCH || trade.Kind == types.TradeKind_TRADE_KIND_DEFAULT_HANDOVER {
		return nil
	}
	key := collections.Join(int32(trade.Kind), trade.Denom)
	total, err := k.ProcurementTotals.Get(ctx, key)
	if err != nil && !errorsmod.IsOf(err, collections.ErrNotFound) {
		return err
	}
	if err != nil {
		total = types.ProcurementTotal{Kind: trade.Kind, Denom: trade.Denom, Wh: sdkmath.ZeroInt(), Paid: sdkmath.ZeroInt(), Compensation: sdkmath.ZeroInt()}
	}
	paid := trade.Paid
	if trade.PricePerMwh < 0 {
		paid = paid.Neg()
	}
	total.Trades++
	total.Wh = total.Wh.Add(sdkmath.NewIntFromUint64(t.TotalWh()))
	total.Paid, total.Compensation = total.Paid.Add(paid), total.Compensation.Add(trade.Compensation)
	return k.ProcurementTotals.Set(ctx, key, total)
}

// maxStatementPage bounds a statement page.
const maxStatementPage = 100

// OperatorStatement returns the procurement totals and a page of the operator's acts.
func (q queryServer) OperatorStatement(ctx context.Context, req *types.QueryOperatorStatementRequest) (*types.QueryOperatorStatementResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	res := &types.QueryOperatorStatementResponse{}
	err := q.k.ProcurementTotals.Walk(ctx, nil, func(_ collections.Pair[int32, string], total types.ProcurementTotal) (bool, error) {
		if req.Kind == types.TradeKind_TRADE_KIND_UNSPECIFIED || req.Kind == total.Kind {
			res.Totals = append(res.Totals, total)
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	page := req.Pagination
	if page == nil {
		page = &query.PageRequest{}
	}
	if page.Limit == 0 || page.Limit > maxStatementPage {
		page.Limit = maxStatementPage
	}
	acts, pageRes, err := query.CollectionFilteredPaginate(ctx, q.k.OperatorActs, page,
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (bool, error) {
			if req.Kind == types.TradeKind_TRADE_KIND_UNSPECIFIED {
				return true, nil
			}
			tr, err := q.k.Trades.Get(ctx, collections.Join(key.K2(), math.MaxUint64-key.K1()))
			return err == nil && tr.Kind == req.Kind, err
		},
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (types.Trade, error) {
			return q.k.Trades.Get(ctx, collections.Join(key.K2(), math.MaxUint64-key.K1()))
		})
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, err.Error())
	}
	res.Acts, res.Pagination = acts, pageRes
	return res, nil
}
