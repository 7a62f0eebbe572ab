package types_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

func params(periodSeconds, maxTokenPeriods, maxSplitParts, maxMergeInputs uint64) types.Params {
	return types.Params{PeriodSeconds: periodSeconds, MaxTokenPeriods: maxTokenPeriods, MaxSplitParts: maxSplitParts, MaxMergeInputs: maxMergeInputs}
}

func TestParamsValidate(t *testing.T) {
	require.Equal(t, params(900, 2976, 64, 64), types.DefaultParams())
	for _, tc := range []struct {
		name   string
		params types.Params
		ok     bool
	}{
		{"default: 15-minute periods", types.DefaultParams(), true},
		{"hourly periods", params(3600, 744, 2, 2), true},
		{"the largest caps", params(900, 2976, 256, 256), true},
		{"zero period", params(0, 10, 64, 64), false},
		{"period not dividing a day", params(7, 10, 64, 64), false},
		{"no token periods", params(900, 0, 64, 64), false},
		{"the longest tokens allowed", params(900, 8928, 64, 64), true},
		{"too many token periods", params(900, 8929, 64, 64), false},
		{"no split parts (the field missing from old params)", params(900, 2976, 0, 64), false},
		{"a split into one part", params(900, 2976, 1, 64), false},
		{"too many split parts", params(900, 2976, 257, 64), false},
		{"no merge inputs", params(900, 2976, 64, 0), false},
		{"a merge of one token", params(900, 2976, 64, 1), false},
		{"too many merge inputs", params(900, 2976, 64, 257), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.params.Validate()
			if tc.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, types.ErrInvalidParams)
		})
	}
	p := types.DefaultParams()
	require.Equal(t, uint64(0), p.PeriodAt(-5), "before 1970 is period 0")
	require.Equal(t, uint64(1963584), p.PeriodAt(1767225600), "2026-01-01T00:00:00Z")
	require.Equal(t, uint64(1963584), p.PeriodAt(1767225600+899))
	require.Equal(t, uint64(1963585), p.PeriodAt(1767225600+900))
}

func withFee(t types.Token, fee math.Int) types.Token {
	t.Terms.CancellationFee = fee
	return t
}

func TestGenesisValidate(t *testing.T) {
	token := func(id uint64) types.Token {
		return types.Token{Id: id, Producer: types.TokenSide{Owner: "p"}, Consumer: types.TokenSide{Owner: "c"}}
	}
	for _, tc := range []struct {
		name string
		gs   types.GenesisState
		want error
	}{
		{"default", *types.DefaultGenesis(), nil},
		{"tokens below next id", types.GenesisState{Params: types.DefaultParams(), Tokens: []types.Token{token(1), token(2)}, NextTokenId: 3}, nil},
		{"bad params", types.GenesisState{Params: types.Params{}, NextTokenId: 1}, types.ErrInvalidParams},
		{"token id zero", types.GenesisState{Params: types.DefaultParams(), Tokens: []types.Token{token(0)}, NextTokenId: 3}, types.ErrInvalidGenesis},
		{"token id at next id", types.GenesisState{Params: types.DefaultParams(), Tokens: []types.Token{token(3)}, NextTokenId: 3}, types.ErrInvalidGenesis},
		{"token listed twice", types.GenesisState{Params: types.DefaultParams(), Tokens: []types.Token{token(1), token(1)}, NextTokenId: 3}, types.ErrInvalidGenesis},
		{"token without a consumer-side owner", types.GenesisState{Params: types.DefaultParams(),
			Tokens: []types.Token{{Id: 1, Producer: types.TokenSide{Owner: "p"}}}, NextTokenId: 3}, types.ErrInvalidGenesis},
		{"a token's fee above the contract maximum", types.GenesisState{Params: types.DefaultParams(), NextTokenId: 3,
			Tokens: []types.Token{withFee(token(1), types.MaxContractAmount.AddRaw(1))}}, types.ErrInvalidGenesis},
		{"a token's fee at the contract maximum", types.GenesisState{Params: types.DefaultParams(), NextTokenId: 3,
			Tokens: []types.Token{withFee(token(1), types.MaxContractAmount)}}, nil},
		{"a negative fee", types.GenesisState{Params: types.DefaultParams(), NextTokenId: 3,
			Tokens: []types.Token{withFee(token(1), math.NewInt(-1))}}, types.ErrInvalidGenesis},
		{"price bands", types.GenesisState{Params: types.DefaultParams(), NextTokenId: 1,
			PriceBands: []types.PriceBand{{Denom: "uchf.alpine", MinPerMwh: -5, MaxPerMwh: 5}, {Denom: "ueur.nordic", MinPerMwh: 7, MaxPerMwh: 7}}}, nil},
		{"an empty price band", types.GenesisState{Params: types.DefaultParams(), NextTokenId: 1,
			PriceBands: []types.PriceBand{{Denom: "uchf.alpine", MinPerMwh: 5, MaxPerMwh: 4}}}, types.ErrInvalidGenesis},
		{"a price band without denom", types.GenesisState{Params: types.DefaultParams(), NextTokenId: 1,
			PriceBands: []types.PriceBand{{MinPerMwh: 4, MaxPerMwh: 5}}}, types.ErrInvalidGenesis},
		{"a denom's band listed twice", types.GenesisState{Params: types.DefaultParams(), NextTokenId: 1,
			PriceBands: []types.PriceBand{{Denom: "uchf.alpine", MaxPerMwh: 5}, {Denom: "uchf.alpine", MaxPerMwh: 6}}}, types.ErrInvalidGenesis},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.gs.Validate()
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}
