package types

import (
	"math/bits"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// Periods is the number of delivery periods of the token.
func (t Token) Periods() uint64 { return t.LastPeriod - t.FirstPeriod + 1 }

// TotalWh is the token's whole energy; issue refuses tokens where it would overflow.
func (t Token) TotalWh() uint64 { return t.WhPerPeriod * t.Periods() }

// SideOf returns a pointer to the named side, or an error for an unknown side.
func (t *Token) SideOf(s Side) (*TokenSide, error) {
	switch s {
	case Side_SIDE_PRODUCER:
		return &t.Producer, nil
	case Side_SIDE_CONSUMER:
		return &t.Consumer, nil
	default:
		return nil, errorsmod.Wrapf(ErrInvalidSide, "side must be producer or consumer, got %d", s)
	}
}

// MaxWhPerPeriod caps one token's load at 1 TWh per period, far above any real load
// (a whole country draws a few GWh per 15 minutes), so that sums of many tokens in
// positions and average prices stay within 64 bits.
const MaxWhPerPeriod = 1_000_000_000_000

// ValidateVolume checks periods and Wh per period, and that the total fits in uint64.
func ValidateVolume(first, last, whPerPeriod uint64) error {
	if last < first {
		return errorsmod.Wrapf(ErrInvalidPeriods, "last_period %d is before first_period %d", last, first)
	}
	if whPerPeriod == 0 || whPerPeriod > MaxWhPerPeriod {
		return errorsmod.Wrapf(ErrInvalidVolume, "wh_per_period must be 1-%d Wh", uint64(MaxWhPerPeriod))
	}
	if hi, _ := bits.Mul64(whPerPeriod, last-first+1); hi != 0 || last-first+1 == 0 {
		return errorsmod.Wrap(ErrInvalidVolume, "wh_per_period x periods overflows 64 bits")
	}
	return nil
}

// PriceFor is what price_per_mwh costs for wh Wh, rounded toward zero: the payer never
// pays, and the payee never receives, more than the exact price, and both see the same
// amount, so rounding creates or destroys no money.
func PriceFor(pricePerMWh int64, wh uint64) math.Int {
	exact := math.NewInt(pricePerMWh).Mul(math.NewIntFromUint64(wh))
	return exact.Quo(math.NewInt(WhPerMWh)) // Quo truncates toward zero
}

// OfferKey combines side and category in one sortable index component.
func OfferKey(side Side, category int32) int32 { return int32(side)*64 + category }

// MaxContractAmount bounds every amount in a token's terms (face value per MWh,
// cancellation fee, producer and consumer default fees per MWh), in base units: 10^27,
// a billion display units even for an 18-decimal denom. A token holds at most
// MaxWhPerPeriod × MaxTokenPeriodsLimit periods < 10^10 MWh, so any of these amounts
// times the token's energy is below 10^37, under x/fiat's MaxAmount (2^128 ≈ 3.4·10^38): every
// payment a contract can call for stays payable, and no sum, product or split of
// them comes near math.Int's 256-bit limit. Checked at issue and on every merge.
var MaxContractAmount = math.NewIntWithDecimal(1, 27)

// CheckContractAmount refuses an amount above MaxContractAmount, naming the field.
func CheckContractAmount(field string, amount math.Int) error {
	if amount.GT(MaxContractAmount) {
		return errorsmod.Wrapf(ErrAmountTooLarge, "%s %s is above the maximum of 10^27 base units: contract amounts that large cannot be settled", field, amount)
	}
	return nil
}

// CheckAmounts refuses a token whose face value or fees are negative or above
// MaxContractAmount: a genesis file is not checked by IssueToken, and a split or cancel
// of such a token could overflow math.Int and halt the chain.
func (t Token) CheckAmounts() error {
	names := []string{"face_value_per_mwh.amount", "terms.cancellation_fee", "terms.producer_default_fee", "terms.consumer_default_fee"}
	for i, v := range []math.Int{t.FaceValuePerMwh.Amount, t.Terms.CancellationFee, t.Terms.ProducerDefaultFee, t.Terms.ConsumerDefaultFee} {
		if err := validateAmount(names[i], v); err != nil {
			return err
		}
	}
	return nil
}

// FaceValue is what the token's consumer side pays for its energy: face value per MWh
// times MWh, rounded down to the base unit (x/settlement charges the same amount).
func (t Token) FaceValue() math.Int {
	if t.FaceValuePerMwh.Amount.IsNil() || !t.FaceValuePerMwh.Amount.IsPositive() {
		return math.ZeroInt()
	}
	return t.FaceValuePerMwh.Amount.Mul(math.NewIntFromUint64(t.TotalWh())).QuoRaw(1_000_000)
}

// GridFeeKindTransmission is the kind of the grid fee x/settlement attaches to a
// consumer's tokens: its share of a delivered period's transmission cost (seed §3.5.2).
const GridFeeKindTransmission = "transmission"
