package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// splitShapes gives the periods and Wh per period of the parts that a split (or a
// disaggregation, seed §3.2.2) of t makes: by volume (whParts, same periods, Wh per period
// split) or by time (splitAfter, same Wh, periods split). The parts add up to t exactly.
func (m msgServer) splitShapes(ctx context.Context, t types.Token, whParts []uint64, splitAfter uint64) ([]types.Token, error) {
	var shapes []types.Token // first, last and wh of each part
	switch {
	case len(whParts) > 0 && splitAfter != 0:
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "set wh_parts or split_after_period, not both")
	case len(whParts) > 0:
		if len(whParts) < 2 {
			return nil, errorsmod.Wrap(types.ErrInvalidVolume, "wh_parts needs at least two parts")
		}
		params, err := m.Params.Get(ctx)
		if err != nil {
			return nil, err
		}
		if uint64(len(whParts)) > params.MaxSplitParts {
			return nil, errorsmod.Wrapf(types.ErrTooManyParts, "wh_parts has %d parts, more than max_split_parts %d: split in several transactions, splitting a part again",
				len(whParts), params.MaxSplitParts)
		}
		var sum uint64
		for i, part := range whParts {
			if part == 0 || sum+part < sum {
				return nil, errorsmod.Wrapf(types.ErrInvalidVolume, "wh_parts[%d] must be positive and the sum must not overflow", i)
			}
			sum += part
			shapes = append(shapes, types.Token{FirstPeriod: t.FirstPeriod, LastPeriod: t.LastPeriod, WhPerPeriod: part})
		}
		if sum != t.WhPerPeriod {
			return nil, errorsmod.Wrapf(types.ErrInvalidVolume, "wh_parts add up to %d Wh per period, the token has %d", sum, t.WhPerPeriod)
		}
	case splitAfter != 0:
		if splitAfter < t.FirstPeriod || splitAfter >= t.LastPeriod {
			return nil, errorsmod.Wrapf(types.ErrInvalidPeriods, "split_after_period must be in %d..%d", t.FirstPeriod, t.LastPeriod-1)
		}
		shapes = []types.Token{
			{FirstPeriod: t.FirstPeriod, LastPeriod: splitAfter, WhPerPeriod: t.WhPerPeriod},
			{FirstPeriod: splitAfter + 1, LastPeriod: t.LastPeriod, WhPerPeriod: t.WhPerPeriod},
		}
	default:
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "set wh_parts or split_after_period")
	}
	return shapes, nil
}

// combine is the cumulative shape of tokens sorted by first period (a merge, or an
// aggregation, seed §3.2.2): tokens of identical periods add their Wh per period, tokens
// of adjacent periods and equal Wh join. The result is tokens[0] with the combined
// periods and volume; co2 and fee are the sums of the tokens' CO2 and cancellation fees.
func combine(params types.Params, tokens []types.Token) (merged types.Token, co2, fee math.Int, err error) {
	merged = tokens[0]
	co2, fee = math.ZeroInt(), math.ZeroInt()
	samePeriods, adjacent := true, true
	for i, t := range tokens {
		co2, fee = co2.Add(math.NewIntFromUint64(t.Co2Grams)), fee.Add(t.Terms.CancellationFee)
		if i == 0 {
			continue
		}
		samePeriods = samePeriods && t.FirstPeriod == merged.FirstPeriod && t.LastPeriod == merged.LastPeriod
		adjacent = adjacent && t.WhPerPeriod == merged.WhPerPeriod && t.FirstPeriod == tokens[i-1].LastPeriod+1
	}
	switch {
	case samePeriods:
		var wh uint64
		for _, t := range tokens {
			if wh+t.WhPerPeriod < wh {
				return merged, co2, fee, errorsmod.Wrap(types.ErrInvalidVolume, "the combined Wh per period overflows 64 bits")
			}
			wh += t.WhPerPeriod
		}
		merged.WhPerPeriod = wh
	case adjacent:
		merged.LastPeriod = tokens[len(tokens)-1].LastPeriod
		if merged.Periods() > params.MaxTokenPeriods {
			return merged, co2, fee, errorsmod.Wrapf(types.ErrInvalidPeriods, "the combined token would span %d periods, more than %d", merged.Periods(), params.MaxTokenPeriods)
		}
	default:
		return merged, co2, fee, errorsmod.Wrap(types.ErrInvalidPeriods, "tokens must have identical periods, or adjacent periods and equal Wh per period")
	}
	if err := types.ValidateVolume(merged.FirstPeriod, merged.LastPeriod, merged.WhPerPeriod); err != nil {
		return merged, co2, fee, err
	}
	if !co2.IsUint64() {
		return merged, co2, fee, errorsmod.Wrap(types.ErrInvalidVolume, "the combined CO2 overflows 64 bits")
	}
	return merged, co2, fee, nil
}
