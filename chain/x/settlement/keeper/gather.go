package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// whPerMWh converts the face value per MWh to the token's energy in Wh.
var whPerMWh = math.NewInt(energytypes.WhPerMWh)

// gather turns up to budget due tokens into charges: the due energy tokens first, then,
// once none is left, the due CO2 tokens (their holders bear their grams).
func (r *runner) gather(ctx context.Context, budget int) (int, bool, error) {
	l := newLedger(r)
	used, done, err := r.k.energy.DueStep(ctx, r.run.Period, budget, func(t energytypes.DueToken) error {
		r.run.Tokens++
		r.run.AfterToken = t.TokenId
		return r.chargeToken(ctx, l, t)
	})
	if err != nil {
		return used, false, err
	}
	if done && r.k.co2 != nil {
		if used < budget {
			n, co2Done, err := r.k.co2.Co2DueStep(ctx, r.run.Period, budget-used, func(c energytypes.Co2Token) error {
				r.run.Co2Tokens++
				r.run.AfterCo2Token = c.Id
				return r.chargeCo2Token(ctx, l, c)
			})
			used += n
			if err != nil {
				return used, false, err
			}
			done = co2Done
		} else if due, err := r.k.co2.HasCo2Due(ctx, r.run.Period); err != nil {
			return used, false, err
		} else {
			done = !due
		}
	}
	return used, done, l.flush(ctx)
}

// chargeToken books what a delivered token calls for (seed §3.6.1): its face value for all
// its energy from the consumer side's owner to the producer side's owner (for an imbalance
// priced below zero, the price's magnitude the other way), its grid fees
// from the consumer side's owner to each fee's recipient, and the CO2 the consumer side
// consumed to the CO2 authority at its rate. A bridge token (ADR 024 §5) books no energy and
// no fees: they are paid once, on the bought token's chain, and the link fee estimates paid
// at purchase stand in for this chain's fees. Its CO2 is the buyer's, like a local token's:
// on the buyer's chain (bridge.origin_chain_id) it is booked to the buyer at this chain's
// rate; on a chain between nothing is, and on the token's chain x/energy files the bought
// token's CO2 as zero (its consumer side is an interface account's), so it counts once.
func (r *runner) chargeToken(ctx context.Context, l *ledger, t energytypes.DueToken) error {
	if t.Bridge != nil {
		if t.Bridge.OriginChainId != sdk.UnwrapSDKContext(ctx).ChainID() {
			return nil
		}
		return r.chargeCO2(ctx, l, t)
	}
	kind := types.ChargeKind_CHARGE_KIND_ENERGY
	if t.Imbalance != energytypes.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED {
		kind = types.ChargeKind_CHARGE_KIND_IMBALANCE
	}
	if err := l.chargeBech32(ctx, t.ConsumerOwner, t.ProducerOwner, t.FaceValuePerMwh.Denom, FaceValue(t), kind, t.Wh, 0); err != nil {
		return err
	}
	// An imbalance reconciliation priced below zero is paid the other way (issue 14).
	if err := l.chargeBech32(ctx, t.ProducerOwner, t.ConsumerOwner, t.FaceValuePerMwh.Denom, NegativeValue(t), kind, t.Wh, 0); err != nil {
		return err
	}
	for _, fee := range t.GridFees {
		if err := l.chargeBech32(ctx, t.ConsumerOwner, fee.Recipient, fee.Amount.Denom, fee.Amount.Amount, gridFeeKind(fee), t.Wh, 0); err != nil {
			return err
		}
	}
	return r.chargeCO2(ctx, l, t)
}

// gridFeeKind is the statement kind of a token's grid fee: the transmission fees the
// allocate stage attached (allocate.go) keep their own kind.
func gridFeeKind(fee energytypes.GridFee) types.ChargeKind {
	if fee.Kind == energytypes.GridFeeKindTransmission {
		return types.ChargeKind_CHARGE_KIND_TRANSMISSION
	}
	return types.ChargeKind_CHARGE_KIND_TOKEN_GRID_FEE
}

// chargeCO2 books the consumed CO2 of a token to the CO2 authority (seed §2.4).
func (r *runner) chargeCO2(ctx context.Context, l *ledger, t energytypes.DueToken) error {
	if r.k.co2 == nil || t.Co2Grams == 0 || t.FaceValuePerMwh.Denom == "" {
		return nil
	}
	authority, found, err := r.co2Authority(ctx)
	if err != nil || !found {
		return err
	}
	rate, err := r.k.co2.Co2Rate(ctx, t.FaceValuePerMwh.Denom)
	if err != nil {
		return err
	}
	fee := rate.Mul(math.NewIntFromUint64(t.Co2Grams))
	return l.chargeBech32(ctx, t.ConsumerOwner, authority, t.FaceValuePerMwh.Denom, fee, types.ChargeKind_CHARGE_KIND_CO2, t.Wh, t.Co2Grams)
}

// chargeCo2Token books a due CO2 token's grams to its holder, payable to the CO2 authority
// at its rate in the token's denom (the face value denom of the energy token it was split
// from), as chargeCO2 books the CO2 a consumer side consumed (issue 14: CO2 split off a
// token and never merged back does not escape the fee). No authority, no denom or a zero
// rate: nothing is booked, as for energy tokens; the CO2 token is consumed all the same.
func (r *runner) chargeCo2Token(ctx context.Context, l *ledger, c energytypes.Co2Token) error {
	if c.Grams == 0 || c.Denom == "" {
		return nil
	}
	authority, found, err := r.co2Authority(ctx)
	if err != nil || !found {
		return err
	}
	rate, err := r.k.co2.Co2Rate(ctx, c.Denom)
	if err != nil {
		return err
	}
	fee := rate.Mul(math.NewIntFromUint64(c.Grams))
	return l.chargeBech32(ctx, c.Owner, authority, c.Denom, fee, types.ChargeKind_CHARGE_KIND_CO2, 0, c.Grams)
}

// co2Authority is the CO2 authority's address, read once per block.
func (r *runner) co2Authority(ctx context.Context) (string, bool, error) {
	if r.co2Read {
		return r.co2Addr, r.co2Addr != "", nil
	}
	addr, found, err := r.k.co2.Co2Authority(ctx)
	if err != nil {
		return "", false, err
	}
	r.co2Read = true
	if found {
		r.co2Addr = addr.String()
	}
	return r.co2Addr, found, nil
}

// FaceValue is what the token's consumer side pays for its energy: face value per MWh
// times MWh, rounded down to the base unit (the one rounding of a token's settlement;
// payer and payee see the same amount, so no money is created or lost).
func FaceValue(t energytypes.DueToken) math.Int {
	if t.FaceValuePerMwh.Amount.IsNil() || !t.FaceValuePerMwh.Amount.IsPositive() {
		return math.ZeroInt()
	}
	return t.FaceValuePerMwh.Amount.Mul(math.NewIntFromUint64(t.Wh)).Quo(whPerMWh)
}

// NegativeValue is what the producer side of an imbalance token priced below zero pays its
// consumer side: the price's magnitude times MWh, rounded down to the base unit as
// FaceValue is (x/delivery's statement shows the same amount, signed). Zero for every
// other token.
func NegativeValue(t energytypes.DueToken) math.Int {
	if t.NegativePricePerMwh == 0 {
		return math.ZeroInt()
	}
	return math.NewIntFromUint64(t.NegativePricePerMwh).Mul(math.NewIntFromUint64(t.Wh)).Quo(whPerMWh)
}
