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

// gather turns up to budget due tokens into charges.
func (r *runner) gather(ctx context.Context, budget int) (int, bool, error) {
	l := newLedger(r)
	used, done, err := r.k.energy.DueStep(ctx, r.run.Period, budget, func(t energytypes.Token) error {
		r.run.Tokens++
		r.run.AfterToken = t.Id
		return r.chargeToken(ctx, l, t)
	})
	if err != nil {
		return used, false, err
	}
	return used, done, l.flush(ctx)
}

// chargeToken books what a delivered token calls for (seed §3.6.1): its face value for all
// its energy from the consumer side's owner to the producer side's owner, its grid fees
// from the consumer side's owner to each fee's recipient, and the CO2 the consumer side
// consumed to the CO2 authority at its rate.
func (r *runner) chargeToken(ctx context.Context, l *ledger, t energytypes.Token) error {
	consumer, err := sdk.AccAddressFromBech32(t.Consumer.Owner)
	if err != nil {
		return err
	}
	producer, err := sdk.AccAddressFromBech32(t.Producer.Owner)
	if err != nil {
		return err
	}
	wh := TokenWh(t)
	kind := types.ChargeKind_CHARGE_KIND_ENERGY
	if t.Imbalance != energytypes.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED {
		kind = types.ChargeKind_CHARGE_KIND_IMBALANCE
	}
	face := FaceValue(t)
	if err := l.charge(ctx, consumer, producer, t.FaceValuePerMwh.Denom, face, kind, wh, 0); err != nil {
		return err
	}
	for _, fee := range t.GridFees {
		recipient, err := sdk.AccAddressFromBech32(fee.Recipient)
		if err != nil {
			return err
		}
		if err := l.charge(ctx, consumer, recipient, fee.Amount.Denom, fee.Amount.Amount, types.ChargeKind_CHARGE_KIND_TOKEN_GRID_FEE, wh, 0); err != nil {
			return err
		}
	}
	return r.chargeCO2(ctx, l, consumer, t, wh)
}

// chargeCO2 books the consumed CO2 of a token to the CO2 authority (seed §2.4).
func (r *runner) chargeCO2(ctx context.Context, l *ledger, consumer sdk.AccAddress, t energytypes.Token, wh uint64) error {
	if r.k.co2 == nil || t.Co2Grams == 0 || t.FaceValuePerMwh.Denom == "" {
		return nil
	}
	authority, found, err := r.k.co2.Co2Authority(ctx)
	if err != nil || !found {
		return err
	}
	rate, err := r.k.co2.Co2Rate(ctx, t.FaceValuePerMwh.Denom)
	if err != nil {
		return err
	}
	fee := rate.Mul(math.NewIntFromUint64(t.Co2Grams))
	return l.charge(ctx, consumer, authority, t.FaceValuePerMwh.Denom, fee, types.ChargeKind_CHARGE_KIND_CO2, wh, t.Co2Grams)
}

// TokenWh is all the energy a token delivers: Wh per period times its periods (at most
// 10¹² × 10⁵, inside 64 bits).
func TokenWh(t energytypes.Token) uint64 {
	return t.WhPerPeriod * (t.LastPeriod - t.FirstPeriod + 1)
}

// FaceValue is what the token's consumer side pays for its energy: face value per MWh
// times MWh, rounded down to the base unit (the one rounding of a token's settlement;
// payer and payee see the same amount, so no money is created or lost).
func FaceValue(t energytypes.Token) math.Int {
	if t.FaceValuePerMwh.Amount.IsNil() || !t.FaceValuePerMwh.Amount.IsPositive() {
		return math.ZeroInt()
	}
	return t.FaceValuePerMwh.Amount.Mul(math.NewIntFromUint64(TokenWh(t))).Quo(whPerMWh)
}
