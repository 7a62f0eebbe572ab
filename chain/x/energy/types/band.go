package types

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	errorsmod "cosmossdk.io/errors"
)

// DefaultBandDisplayUnits is the harmonised bound of European intraday power markets
// (SIDC: -9,999 to +9,999 EUR/MWh), applied per MWh in a denom's display unit when the
// grid operator set no band for it.
const DefaultBandDisplayUnits = 9_999

// DefaultPriceBand is ±DefaultBandDisplayUnits display units per MWh in base units of a
// denom with the given decimals (x/fiat's bank exponent, e.g. 6 for uchf.alpine:
// ±9,999,000,000). A price is an int64, so for 15 or more decimals the band saturates
// at the int64 range: no int64 price is then beyond 9,999 display units anyway.
func DefaultPriceBand(denom string, exponent uint32) PriceBand {
	bound := new(big.Int).Mul(big.NewInt(DefaultBandDisplayUnits), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exponent)), nil))
	if !bound.IsInt64() {
		return PriceBand{Denom: denom, MinPerMwh: math.MinInt64, MaxPerMwh: math.MaxInt64}
	}
	return PriceBand{Denom: denom, MinPerMwh: -bound.Int64(), MaxPerMwh: bound.Int64()}
}

// Validate checks that the band names a denom and is not empty.
func (b PriceBand) Validate() error {
	if b.Denom == "" {
		return errorsmod.Wrap(ErrInvalidRequest, "the price band has no denom: name the fiat denom it applies to")
	}
	if b.MinPerMwh > b.MaxPerMwh {
		return errorsmod.Wrapf(ErrInvalidRequest, "min_per_mwh %d is above max_per_mwh %d: set the lower bound first, at or below the upper one", b.MinPerMwh, b.MaxPerMwh)
	}
	return nil
}

// Contains says whether price (base units per MWh) lies in the band, bounds included.
func (b PriceBand) Contains(price int64) bool { return price >= b.MinPerMwh && price <= b.MaxPerMwh }

// Check refuses a price outside the band with ErrPriceOutOfBand, naming the field, the
// band in base and display units, and what to do.
func (b PriceBand) Check(field string, price int64, exponent uint32, display string) error {
	if b.Contains(price) {
		return nil
	}
	return errorsmod.Wrapf(ErrPriceOutOfBand, "%s %d %s per MWh is outside the band %d to %d %s per MWh (%s to %s %s): quote a price within it, or ask the grid operator to change the band",
		field, price, b.Denom, b.MinPerMwh, b.MaxPerMwh, b.Denom,
		DisplayAmount(b.MinPerMwh, exponent), DisplayAmount(b.MaxPerMwh, exponent), display)
}

// DisplayAmount writes base units in the display unit of a denom with the given
// decimals, without trailing zeros: 9999000000 with 6 decimals is "9999".
func DisplayAmount(base int64, exponent uint32) string {
	s := big.NewInt(base).String()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	if exponent == 0 {
		return sign + s
	}
	if len(s) <= int(exponent) {
		s = strings.Repeat("0", int(exponent)-len(s)+1) + s
	}
	whole, frac := s[:len(s)-int(exponent)], strings.TrimRight(s[len(s)-int(exponent):], "0")
	if frac == "" {
		return sign + whole
	}
	return fmt.Sprintf("%s%s.%s", sign, whole, frac)
}
