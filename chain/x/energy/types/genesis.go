package types

import (
	"fmt"
	"math/bits"
	"slices"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// DefaultGenesis uses the default parameters, no tokens and no price bands.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextTokenId: 1, NextCo2TokenId: 1}
}

// Validate checks the genesis state record by record, so that `gridd genesis validate`
// refuses what InitChain would otherwise fail on (and halt the chain before its first
// block): every address, period, volume, amount, enum and reference between records.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	tokens := make(map[uint64]Token, len(gs.Tokens))
	for _, t := range gs.Tokens {
		if t.Id == 0 || t.Id >= gs.NextTokenId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "token id %d outside 1..next_token_id-1", t.Id)
		}
		if _, dup := tokens[t.Id]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "token %d listed twice", t.Id)
		}
		if err := t.validateStored(gs.Params); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "token %d: %v", t.Id, err)
		}
		tokens[t.Id] = t
	}
	for _, t := range gs.Tokens {
		for _, id := range append(append([]uint64{}, t.Parents...), t.Children...) {
			if _, ok := tokens[id]; !ok || id == t.Id {
				return errorsmod.Wrapf(ErrInvalidGenesis, "token %d: lineage names token %d, which is not in the genesis", t.Id, id)
			}
		}
		for _, b := range []Backing{t.BackedBy, t.Backs} {
			if err := b.validate(tokens, t.Id); err != nil {
				return errorsmod.Wrapf(ErrInvalidGenesis, "token %d: %v", t.Id, err)
			}
		}
	}
	if err := gs.DeliverySweep.validate(tokens); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "delivery_sweep: %v", err)
	}
	bands := make(map[string]bool, len(gs.PriceBands))
	for _, b := range gs.PriceBands {
		if err := b.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "price band: %v", err)
		}
		if bands[b.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "price band of %s listed twice", b.Denom)
		}
		bands[b.Denom] = true
	}
	for i, tr := range gs.Trades {
		t, ok := tokens[tr.TokenId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trade %d: token %d is not in the genesis", i, tr.TokenId)
		}
		if err := tr.validateStored(t); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trade %d of token %d: %v", i, tr.TokenId, err)
		}
	}
	return gs.validateCo2(tokens)
}

// validateCo2 checks the CO2 tokens (ids, owners, grams, references to energy tokens),
// the publications, rates and period totals.
func (gs GenesisState) validateCo2(tokens map[uint64]Token) error {
	co2s := make(map[uint64]bool, len(gs.Co2Tokens))
	for _, c := range gs.Co2Tokens {
		if c.Id == 0 || (gs.NextCo2TokenId != 0 && c.Id >= gs.NextCo2TokenId) || gs.NextCo2TokenId == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token id %d outside 1..next_co2_token_id-1", c.Id)
		}
		if co2s[c.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d listed twice", c.Id)
		}
		co2s[c.Id] = true
		if err := validateAddress("owner", c.Owner); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d: %v", c.Id, err)
		}
		if c.Grams == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d carries no CO2", c.Id)
		}
		if _, ok := tokens[c.SplitFrom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d: split_from names token %d, which is not in the genesis", c.Id, c.SplitFrom)
		}
		switch c.Status {
		case TokenStatus_TOKEN_STATUS_ACTIVE:
			if c.MergedInto != 0 || c.Consumed || len(c.DividedInto) > 0 {
				return errorsmod.Wrapf(ErrInvalidGenesis, "active CO2 token %d names merged_into %d, divided_into or is consumed", c.Id, c.MergedInto)
			}
		case TokenStatus_TOKEN_STATUS_RETIRED:
			if c.Consumed { // consumed at settlement, merged into nothing
				if c.MergedInto != 0 || len(c.DividedInto) > 0 {
					return errorsmod.Wrapf(ErrInvalidGenesis, "consumed CO2 token %d names merged_into %d or divided_into", c.Id, c.MergedInto)
				}
				break
			}
			if len(c.DividedInto) > 0 { // divided into parts, merged into nothing
				if c.MergedInto != 0 {
					return errorsmod.Wrapf(ErrInvalidGenesis, "divided CO2 token %d names merged_into %d", c.Id, c.MergedInto)
				}
				break
			}
			if _, ok := tokens[c.MergedInto]; !ok {
				return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d: merged_into names token %d, which is not in the genesis", c.Id, c.MergedInto)
			}
		default:
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d has status %s", c.Id, c.Status)
		}
		if c.Ask.ForSale && (c.Status != TokenStatus_TOKEN_STATUS_ACTIVE || sdk.ValidateDenom(c.Ask.Denom) != nil) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d: invalid ask", c.Id)
		}
	}
	if err := gs.validateCo2Divisions(); err != nil {
		return err
	}
	for _, t := range tokens {
		for _, id := range append([]uint64{t.Co2SplitInto}, t.Co2MergedFrom...) {
			if id != 0 && !co2s[id] {
				return errorsmod.Wrapf(ErrInvalidGenesis, "token %d names CO2 token %d, which is not in the genesis", t.Id, id)
			}
		}
	}
	intensities := map[string]bool{}
	for _, i := range gs.Co2Intensities {
		if _, known := balancingtypes.EnergyCategory_name[int32(i.Category)]; !known || i.Category == balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 intensity: category %d", i.Category)
		}
		key := fmt.Sprint(i.Category, "/", i.FromPeriod)
		if intensities[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 intensity of %s from period %d listed twice", i.Category, i.FromPeriod)
		}
		intensities[key] = true
	}
	rates := map[string]bool{}
	for _, r := range gs.Co2Rates {
		if sdk.ValidateDenom(r.Denom) != nil || r.RatePerGram.IsNil() || r.RatePerGram.IsNegative() || r.RatePerGram.GT(MaxContractAmount) || rates[r.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 rate of %q is invalid or listed twice", r.Denom)
		}
		rates[r.Denom] = true
	}
	totals := map[string]bool{}
	for _, t := range gs.Co2PeriodTotals {
		key := fmt.Sprint(t.Category, "/", t.Period)
		if t.Wh.IsNil() || t.Co2Grams.IsNil() || t.Wh.IsNegative() || t.Co2Grams.IsNegative() || totals[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 period total of %s in period %d is invalid or listed twice", t.Category, t.Period)
		}
		totals[key] = true
	}
	return nil
}

// validateStored checks a token as the store holds it.
func (t Token) validateStored(params Params) error {
	if err := validateAddress("issuer", t.Issuer); err != nil {
		return err
	}
	if err := ValidateVolume(t.FirstPeriod, t.LastPeriod, t.WhPerPeriod); err != nil {
		return err
	}
	if t.Periods() > params.MaxTokenPeriods {
		return errorsmod.Wrapf(ErrInvalidPeriods, "%d periods, more than max_token_periods %d", t.Periods(), params.MaxTokenPeriods)
	}
	if _, ok := balancingtypes.EnergyCategory_name[int32(t.Category)]; !ok || t.Category == balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED {
		return errorsmod.Wrapf(ErrInvalidGenesis, "category %d is not an energy category", t.Category)
	}
	if _, ok := TokenStatus_name[int32(t.Status)]; !ok || t.Status == TokenStatus_TOKEN_STATUS_UNSPECIFIED {
		return errorsmod.Wrapf(ErrInvalidGenesis, "status %d is not a token status", t.Status)
	}
	if err := t.CheckAmounts(); err != nil {
		return err
	}
	// An imbalance token reconciled before the operator published any reference price is
	// unpriced: zero and no denom (x/delivery, PRICE_SOURCE_UNPRICED).
	unpriced := t.Imbalance != ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED && t.FaceValuePerMwh.Denom == "" && t.FaceValuePerMwh.Amount.IsZero()
	if _, ok := ImbalanceCase_name[int32(t.Imbalance)]; !ok {
		return errorsmod.Wrapf(ErrInvalidGenesis, "imbalance %d is not an imbalance case", t.Imbalance)
	}
	if t.NegativePricePerMwh != 0 && (t.Imbalance == ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED || !t.FaceValuePerMwh.Amount.IsZero()) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "negative_price_per_mwh is %d on a token that is not a zero-face imbalance token: only reconciliation prices an imbalance below zero", t.NegativePricePerMwh)
	}
	if err := sdk.ValidateDenom(t.FaceValuePerMwh.Denom); err != nil && !unpriced {
		return errorsmod.Wrapf(ErrUnknownCurrency, "face_value_per_mwh.denom: %v", err)
	}
	for _, f := range t.GridFees {
		if err := validateAddress("grid_fees.recipient", f.Recipient); err != nil {
			return err
		}
		if err := validateAmount("grid_fees.amount", f.Amount.Amount); err != nil {
			return err
		}
	}
	for _, s := range []struct {
		name string
		side TokenSide
	}{{"producer", t.Producer}, {"consumer", t.Consumer}} {
		if err := validateAddress(s.name+".owner", s.side.Owner); err != nil {
			return err
		}
		if s.side.MeterId == "" {
			return errorsmod.Wrapf(ErrInvalidMeter, "%s.meter_id is empty", s.name)
		}
		if s.side.Ask.ForSale {
			if err := sdk.ValidateDenom(s.side.Ask.Denom); err != nil {
				return errorsmod.Wrapf(ErrInvalidAsk, "%s.ask.denom: %v", s.name, err)
			}
		} else if s.side.Ask.Denom != "" || s.side.Ask.PricePerMwh != 0 {
			return errorsmod.Wrapf(ErrInvalidAsk, "%s.ask is void but has a price", s.name)
		}
	}
	return nil
}

// validateStored checks a trade of token t as the store holds it.
func (tr Trade) validateStored(t Token) error {
	if tr.Side != Side_SIDE_PRODUCER && tr.Side != Side_SIDE_CONSUMER {
		return errorsmod.Wrapf(ErrInvalidSide, "side %d", tr.Side)
	}
	if err := validateAddress("seller", tr.Seller); err != nil {
		return err
	}
	if err := validateAddress("buyer", tr.Buyer); err != nil {
		return err
	}
	if err := validateAmount("paid", tr.Paid); err != nil {
		return err
	}
	if !tr.Compensation.IsNil() && tr.Compensation.Abs().GT(maxCompensation) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "compensation %s is beyond what any token can call for", tr.Compensation)
	}
	if tr.Kind < TradeKind_TRADE_KIND_UNSPECIFIED || tr.Kind > TradeKind_TRADE_KIND_REDISPATCH {
		return errorsmod.Wrapf(ErrInvalidGenesis, "unknown trade kind %d", tr.Kind)
	}
	// A market trade has a currency; a hand-over has neither currency nor price.
	if tr.Denom != "" {
		if err := sdk.ValidateDenom(tr.Denom); err != nil {
			return errorsmod.Wrapf(ErrUnknownCurrency, "denom: %v", err)
		}
	} else if tr.PricePerMwh != 0 || !tr.Paid.IsZero() {
		return errorsmod.Wrap(ErrInvalidGenesis, "a hand-over (no denom) has no price and pays nothing")
	}
	if tr.Height < 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "height %d is negative", tr.Height)
	}
	return nil
}

func validateAddress(field, addr string) error {
	if _, err := sdk.AccAddressFromBech32(addr); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q: %v", field, addr, err)
	}
	return nil
}

// validateAmount checks a stored amount: absent (zero) or positive, within MaxContractAmount.
func validateAmount(field string, v math.Int) error {
	if v.IsNil() {
		return nil // absent in the file: decodes as zero
	}
	if v.IsNegative() {
		return errorsmod.Wrapf(ErrInvalidTerms, "%s %s is negative", field, v)
	}
	return CheckContractAmount(field, v)
}

// maxCompensation bounds a trade's compensation: a 64-bit price per MWh for at most
// MaxWhPerPeriod × MaxTokenPeriodsLimit Wh.
var maxCompensation = PriceFor(1<<63-1, MaxWhPerPeriod).MulRaw(MaxTokenPeriodsLimit)

// validate checks a backing as genesis holds it: a real side exactly when it names
// tokens, and tokens that are in the genesis, each once, none of them self.
func (b Backing) validate(tokens map[uint64]Token, self uint64) error {
	if len(b.TokenIds) == 0 {
		if b.Side != Side_SIDE_UNSPECIFIED {
			return fmt.Errorf("backing of side %s names no token", b.Side)
		}
		return nil
	}
	if b.Side != Side_SIDE_PRODUCER && b.Side != Side_SIDE_CONSUMER {
		return fmt.Errorf("backing names tokens %v but side %s", b.TokenIds, b.Side)
	}
	seen := make(map[uint64]bool, len(b.TokenIds))
	for _, id := range b.TokenIds {
		if _, ok := tokens[id]; !ok || id == self || seen[id] {
			return fmt.Errorf("backing names token %d, which is not in the genesis, is itself or is named twice", id)
		}
		seen[id] = true
	}
	return nil
}

// validate checks that the sweep names each token once, under its own first (queue) or
// last (delivering) period; a nil sweep (a genesis written by hand) is rebuilt on import.
func (s *DeliverySweep) validate(tokens map[uint64]Token) error {
	if s == nil {
		return nil
	}
	seen := map[uint64]bool{}
	for _, list := range []struct {
		name    string
		entries []SweepEntry
		period  func(Token) uint64
	}{
		{"queue", s.Queue, func(t Token) uint64 { return t.FirstPeriod }},
		{"delivering", s.Delivering, func(t Token) uint64 { return t.LastPeriod }},
	} {
		for _, e := range list.entries {
			t, ok := tokens[e.TokenId]
			if !ok || seen[e.TokenId] {
				return fmt.Errorf("%s names token %d, which is not in the genesis or is named twice", list.name, e.TokenId)
			}
			seen[e.TokenId] = true
			if e.Period != list.period(t) || t.Imbalance != ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED {
				return fmt.Errorf("%s holds token %d under period %d, not its own, or an imbalance token", list.name, e.TokenId, e.Period)
			}
		}
	}
	return nil
}

// validateCo2Divisions checks that divided CO2 tokens and their parts name each other
// and that the parts carry exactly the divided token's grams.
func (gs GenesisState) validateCo2Divisions() error {
	byID := make(map[uint64]Co2Token, len(gs.Co2Tokens))
	for _, c := range gs.Co2Tokens {
		byID[c.Id] = c
	}
	for _, c := range gs.Co2Tokens {
		if c.DividedFrom != 0 {
			parent, ok := byID[c.DividedFrom]
			if !ok || !slices.Contains(parent.DividedInto, c.Id) {
				return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d: divided_from names CO2 token %d, which does not name it", c.Id, c.DividedFrom)
			}
		}
		if len(c.DividedInto) == 0 {
			continue
		}
		var sum uint64
		for _, id := range c.DividedInto {
			part, ok := byID[id]
			if !ok || part.DividedFrom != c.Id {
				return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d: divided_into names CO2 token %d, which does not name it", c.Id, id)
			}
			var carry uint64
			if sum, carry = bits.Add64(sum, part.Grams, 0); carry != 0 {
				return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d: its parts overflow 64 bits", c.Id)
			}
		}
		if sum != c.Grams {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CO2 token %d carries %d g, its parts %d g", c.Id, c.Grams, sum)
		}
	}
	return nil
}
