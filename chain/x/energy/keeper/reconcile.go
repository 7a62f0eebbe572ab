package keeper

import (
	"context"
	"fmt"
	"math/big"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// Reconciliation (seed §3.5.1) runs in x/delivery, period after period, in order. What it
// needs from the market is the token sides delivering in a period, found without scanning:
// a sweep over time. A new token enters DeliveryQueue under its first period. When
// reconciliation reaches that period it takes the token from the queue and counts its
// sides at once; only a token delivering in later periods too moves to Delivering, under
// its last period, and is counted from there until that period is reconciled. So a
// one-period token (the common 15-minute product) is read once and never rewritten, and
// the walk of a period reads exactly the tokens delivering in it: work proportional to
// tokens × periods, never to the market. Frozen tokens cannot be split, merged or
// cancelled, so the sets need no other upkeep.

// ScheduleCursor is where a paged schedule walk stopped. The walk first goes through
// Delivering (tokens reached in earlier periods), after the entry (AfterLast, AfterID)
// once one was visited; Draining says it has moved on to the queue.
type ScheduleCursor struct {
	Draining           bool
	AfterLast, AfterID uint64
}

// ScheduledSide is one token side delivering in the period: +Wh for a producer side, −Wh
// for a consumer side, at its meter. Bridge says the token is a cross-grid purchase's
// bridge token (ADR 024 §5).
type ScheduledSide struct {
	MeterID  string
	Owner    string
	Category balancingtypes.EnergyCategory
	NetWh    int64
	TokenID  uint64
	Bridge   bool
}

// ScheduleStep visits the sides of up to limit tokens delivering in period, resuming at
// cursor, and says whether the period is done: first the tokens in Delivering, then the
// queue's tokens whose first period has come, which join Delivering only when they
// deliver later too (so no token is counted twice in one period). The two sides of a
// token at one meter cancel and are not visited (seed §3.5.1: tokens whose producer and
// consumer are the same are discarded). used is the number of entries read, each a unit
// of paged work.
func (k Keeper) ScheduleStep(ctx context.Context, period uint64, cursor ScheduleCursor, limit int,
	visit func(ScheduledSide) error,
) (next ScheduleCursor, used int, done bool, err error) {
	next = cursor
	if !next.Draining {
		n, exhausted, err := k.walkDelivering(ctx, period, &next, limit, visit)
		used += n
		if err != nil || !exhausted {
			return next, used, false, err
		}
		next.Draining = true
	}
	n, drained, err := k.drainQueue(ctx, period, limit-used, visit)
	return next, used + n, drained, err
}

// walkDelivering visits the Delivering tokens after the cursor, at most limit, dropping
// those whose last period this is.
func (k Keeper) walkDelivering(ctx context.Context, period uint64, cursor *ScheduleCursor, limit int,
	visit func(ScheduledSide) error,
) (used int, exhausted bool, err error) {
	rng := new(collections.Range[collections.Pair[uint64, uint64]])
	if cursor.AfterLast != 0 || cursor.AfterID != 0 {
		rng = rng.StartExclusive(collections.Join(cursor.AfterLast, cursor.AfterID))
	}
	keys, err := collectKeys(ctx, k.Delivering, rng, limit+1)
	if err != nil {
		return 0, false, err
	}
	exhausted = len(keys) <= limit
	if !exhausted {
		keys = keys[:limit]
	}
	for _, key := range keys {
		used++
		cursor.AfterLast, cursor.AfterID = key.K1(), key.K2()
		if key.K1() <= period {
			if err := k.Delivering.Remove(ctx, key); err != nil {
				return used, false, err
			}
		}
		if key.K1() < period {
			continue // left over from a genesis taken mid-period: reconciled already
		}
		t, err := k.Tokens.Get(ctx, key.K2())
		if err != nil {
			return used, false, err
		}
		if err := k.countDelivering(ctx, t, period); err != nil {
			return used, false, err
		}
		if err := visitSides(t, period, visit); err != nil {
			return used, false, err
		}
		if key.K1() == period {
			if err := k.markDue(ctx, t); err != nil {
				return used, false, err
			}
		}
	}
	return used, exhausted, nil
}

// drainQueue takes the queued tokens whose first period is at most period, at most limit
// of them, counts their sides and moves those delivering later into Delivering; drained
// says whether none is left.
func (k Keeper) drainQueue(ctx context.Context, period uint64, limit int, visit func(ScheduledSide) error) (n int, drained bool, err error) {
	if limit <= 0 {
		return 0, false, nil
	}
	rng := new(collections.Range[collections.Pair[uint64, uint64]]).EndInclusive(collections.Join(period, uint64(1<<64-1)))
	keys, err := collectKeys(ctx, k.DeliveryQueue, rng, limit+1)
	if err != nil {
		return 0, false, err
	}
	drained = len(keys) <= limit
	if !drained {
		keys = keys[:limit]
	}
	for _, key := range keys {
		if err := k.DeliveryQueue.Remove(ctx, key); err != nil {
			return n, false, err
		}
		n++
		t, err := k.Tokens.Get(ctx, key.K2())
		if err != nil {
			return n, false, err
		}
		// A token retired before its delivery (split, merged, cancelled) delivers nothing;
		// one whose last period has passed was reconciled before a genesis import.
		if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE || t.LastPeriod < period {
			continue
		}
		if err := k.countDelivering(ctx, t, period); err != nil {
			return n, false, err
		}
		if err := visitSides(t, period, visit); err != nil {
			return n, false, err
		}
		if t.LastPeriod > period {
			if err := k.Delivering.Set(ctx, collections.Join(t.LastPeriod, t.Id)); err != nil {
				return n, false, err
			}
		} else if err := k.markDue(ctx, t); err != nil {
			return n, false, err
		}
	}
	return n, drained, nil
}

// visitSides visits both sides of t in period, unless they cancel at one meter.
func visitSides(t types.Token, period uint64, visit func(ScheduledSide) error) error {
	if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE || t.FirstPeriod > period || t.LastPeriod < period ||
		t.Producer.MeterId == t.Consumer.MeterId {
		return nil
	}
	wh := int64(t.WhPerPeriod) // MaxWhPerPeriod keeps it far inside int64
	for _, s := range []ScheduledSide{
		{MeterID: t.Producer.MeterId, Owner: t.Producer.Owner, Category: t.Category, NetWh: wh, TokenID: t.Id, Bridge: t.Bridge != nil},
		{MeterID: t.Consumer.MeterId, Owner: t.Consumer.Owner, Category: t.Category, NetWh: -wh, TokenID: t.Id, Bridge: t.Bridge != nil},
	} {
		if err := visit(s); err != nil {
			return err
		}
	}
	return nil
}

func collectKeys[K any](ctx context.Context, s collections.KeySet[K], rng collections.Ranger[K], max int) ([]K, error) {
	it, err := s.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []K
	for ; it.Valid() && len(out) < max; it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, err
		}
		out = append(out, key)
	}
	return out, nil
}

// MarketPrice is what a period's market traded in a category and denom: its energy and
// its volume-weighted average price per MWh, truncated toward zero (0 when nothing traded).
func (k Keeper) MarketPrice(ctx context.Context, category balancingtypes.EnergyCategory, denom string, period uint64) (wh *big.Int, avgPerMwh int64, err error) {
	p, err := k.periodTradesOf(ctx, int32(category), denom, period)
	if err != nil {
		return nil, 0, err
	}
	if p.wh.Sign() == 0 {
		return new(big.Int), 0, nil
	}
	avg := new(big.Int).Quo(&p.value, &p.wh) // prices are bounded by the band, so it fits
	return new(big.Int).Set(&p.wh), avg.Int64(), nil
}

// CheckPricePerMwh checks a price per MWh against the denom's price band, like an ask.
func (k Keeper) CheckPricePerMwh(ctx context.Context, denomField, denom, field string, price int64) error {
	return k.checkPrices(ctx, denomField, denom, []string{field}, []int64{price})
}

// ImbalanceToken is a token reconciliation creates in one period between a participant's
// meter and the balancing authority (seed §3.5.1).
type ImbalanceToken struct {
	Period      uint64
	Wh          uint64
	Category    balancingtypes.EnergyCategory
	Case        types.ImbalanceCase
	Producer    types.TokenSide
	Consumer    types.TokenSide
	PricePerMwh int64 // any sign: the face value above zero, negative_price_per_mwh below
	Denom       string
	Issuer      string // the balancing authority
}

// CreateImbalanceToken stores an imbalance token, delivered and not for sale, and returns
// its id. It never enters the delivery queue: it is the outcome of reconciliation; it is
// due for settlement at once.
func (k Keeper) CreateImbalanceToken(ctx context.Context, it ImbalanceToken) (uint64, error) {
	if it.Wh == 0 || it.Wh > types.MaxWhPerPeriod || it.Case == types.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED {
		return 0, fmt.Errorf("reconciliation asked for an imbalance token of %d Wh, case %s", it.Wh, it.Case)
	}
	id, err := k.TokenSeq.Next(ctx)
	if err != nil {
		return 0, err
	}
	// The face value keeps the market's rule (never below zero); a negative price keeps
	// its magnitude apart, for settlement to charge the other way (a negative price pays
	// the buyer: the consumer side is paid).
	face, negative := math.ZeroInt(), uint64(0)
	switch {
	case it.PricePerMwh > 0:
		face = math.NewInt(it.PricePerMwh)
	case it.PricePerMwh < 0:
		negative = uint64(-(it.PricePerMwh + 1)) + 1 // |price|, also for the lowest int64
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	t := types.Token{
		Id: id, Issuer: it.Issuer, FirstPeriod: it.Period, LastPeriod: it.Period, WhPerPeriod: it.Wh,
		Category: it.Category, FaceValuePerMwh: types.Money{Amount: face, Denom: it.Denom},
		Terms:    types.ContractTerms{CancellationFee: math.ZeroInt(), ProducerDefaultFee: math.ZeroInt(), ConsumerDefaultFee: math.ZeroInt()},
		Producer: it.Producer, Consumer: it.Consumer, Status: types.TokenStatus_TOKEN_STATUS_ACTIVE,
		OriginShard: sdkCtx.ChainID(), IssuedHeight: sdkCtx.BlockHeight(), Imbalance: it.Case,
		NegativePricePerMwh: negative,
	}
	if err := k.setToken(ctx, nil, t); err != nil {
		return 0, err
	}
	return id, k.markDue(ctx, t)
}

// WalkTokensDelivering visits every live token delivering in period, imbalance tokens
// included. It reads the whole token table: for invariant checks, never for a block's work.
func (k Keeper) WalkTokensDelivering(ctx context.Context, period uint64, visit func(types.Token) error) error {
	return k.Tokens.Walk(ctx, nil, func(_ uint64, t types.Token) (bool, error) {
		if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE || t.FirstPeriod > period || t.LastPeriod < period {
			return false, nil
		}
		return false, visit(t)
	})
}

// GateOpen says whether period's gate is still open: its tokens still trade. It is the
// rule new tokens are held to (checkGateOpen).
func (k Keeper) GateOpen(ctx context.Context, period uint64) (bool, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return false, err
	}
	return period >= p.FirstOpenPeriod(sdk.UnwrapSDKContext(ctx).BlockTime().Unix()), nil
}
