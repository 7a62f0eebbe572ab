package types

import (
	"regexp"
	"strings"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

var (
	// denomPattern is stricter than the SDK's: lower case, no slash, so a bank denom can
	// never be mistaken for an IBC voucher (ibc/...) or a factory denom.
	denomPattern     = regexp.MustCompile(`^[a-z][a-z0-9.-]{2,63}$`)
	currencyPattern  = regexp.MustCompile(`^[A-Z]{3}$`)
	referencePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$`)
)

const (
	// MaxBasisPoints caps a percentage fee at 10%.
	MaxBasisPoints = 1000
	// maxExponent keeps display conversions within int64-friendly ranges.
	maxExponent = 18
	// StatementHashLen is the length of a SHA-256 hash.
	StatementHashLen = 32
)

// MaxAmount bounds every amount (2^128 base units). math.Int panics past 256 bits; with
// this bound no sum of amounts a chain can hold ever gets there.
var MaxAmount = math.NewIntFromBigInt(new(bigInt).Lsh(bigOne(), 128))

// ValidateDenom checks a bank denom's form.
func ValidateDenom(field, denom string) error {
	if !denomPattern.MatchString(denom) {
		return errorsmod.Wrapf(ErrInvalidDenom, "%s %q must be 3-64 characters of a-z 0-9 . - starting with a letter", field, denom)
	}
	if err := sdk.ValidateDenom(denom); err != nil {
		return errorsmod.Wrapf(ErrInvalidDenom, "%s %q: %v", field, denom, err)
	}
	return nil
}

// ValidateCurrency checks an ISO 4217 code's form.
func ValidateCurrency(currency string) error {
	if !currencyPattern.MatchString(currency) {
		return errorsmod.Wrapf(ErrInvalidCurrency, "currency %q must be an ISO 4217 code of three upper-case letters, e.g. CHF", currency)
	}
	return nil
}

// ValidateExponent checks the decimals of a denom. Zero is refused: the display unit
// differs from the base unit, and x/bank metadata with two units of exponent 0 fails
// its own validation (an exported genesis would not validate).
func ValidateExponent(exponent uint32) error {
	if exponent == 0 || exponent > maxExponent {
		return errorsmod.Wrapf(ErrInvalidDenom, "exponent %d must be 1-%d", exponent, maxExponent)
	}
	return nil
}

// Validate checks a fee model: a kind, and only the parameters of that kind.
func (f FeeModel) Validate() error {
	fixed := f.FixedAmount
	if fixed.IsNil() {
		fixed = math.ZeroInt()
	}
	switch f.Kind {
	case FeeKind_FEE_KIND_NONE:
		if f.BasisPoints != 0 || !fixed.IsZero() {
			return errorsmod.Wrap(ErrInvalidFeeModel, "fee_model: kind none takes no basis_points or fixed_amount")
		}
	case FeeKind_FEE_KIND_BASIS_POINTS:
		if f.BasisPoints == 0 || f.BasisPoints > MaxBasisPoints || !fixed.IsZero() {
			return errorsmod.Wrapf(ErrInvalidFeeModel, "fee_model: basis_points must be 1-%d and fixed_amount zero", MaxBasisPoints)
		}
	case FeeKind_FEE_KIND_FIXED:
		if f.BasisPoints != 0 || !fixed.IsPositive() || fixed.GT(MaxAmount) {
			return errorsmod.Wrap(ErrInvalidFeeModel, "fee_model: fixed_amount must be positive (and bounded) and basis_points zero")
		}
	default:
		return errorsmod.Wrapf(ErrInvalidFeeModel, "fee_model: unknown kind %d", f.Kind)
	}
	return nil
}

// Fee is what a payment of amount costs the payer on top, rounded down: the bank never
// receives more than its model says, and the rounding remainder stays with the payer.
func (f FeeModel) Fee(amount math.Int) math.Int {
	switch f.Kind {
	case FeeKind_FEE_KIND_BASIS_POINTS:
		return amount.MulRaw(int64(f.BasisPoints)).QuoRaw(10_000)
	case FeeKind_FEE_KIND_FIXED:
		return f.FixedAmount
	default:
		return math.ZeroInt()
	}
}

// ValidateAmount checks that an amount is set, positive and bounded.
func ValidateAmount(field string, amount math.Int) error {
	if amount.IsNil() || !amount.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidAmount, "%s must be positive", field)
	}
	if amount.GT(MaxAmount) {
		return errorsmod.Wrapf(ErrInvalidAmount, "%s exceeds the maximum of 2^128 base units", field)
	}
	return nil
}

// ValidateCoin checks a coin's denom form and amount.
func ValidateCoin(field string, coin sdk.Coin) error {
	if coin.Denom == "" {
		return errorsmod.Wrapf(ErrInvalidDenom, "%s has no denom", field)
	}
	if err := sdk.ValidateDenom(coin.Denom); err != nil {
		return errorsmod.Wrapf(ErrInvalidDenom, "%s denom %q: %v", field, coin.Denom, err)
	}
	return ValidateAmount(field, coin.Amount)
}

// ValidateReference checks a deposit or payout reference: an opaque bank reference, never
// a name or an IBAN in clear (seed §2.8).
func ValidateReference(field, ref string) error {
	if !referencePattern.MatchString(ref) {
		return errorsmod.Wrapf(ErrInvalidReference, "%s %q must be 1-64 characters of A-Z a-z 0-9 . _ : / -", field, ref)
	}
	return nil
}

// IsVoucher reports whether denom is an IBC voucher, which redeems only at its origin.
func IsVoucher(denom string) bool { return strings.HasPrefix(denom, "ibc/") }

// Outstanding is what a bank has issued and not yet had redeemed.
func (b BankEntity) Outstanding() math.Int { return b.Minted.Sub(b.Burned) }
