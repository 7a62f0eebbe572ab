package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

func TestParamsValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		params types.Params
		ok     bool
	}{
		{"default: 15-minute periods", types.DefaultParams(), true},
		{"hourly periods", types.Params{PeriodSeconds: 3600, MaxTokenPeriods: 744}, true},
		{"zero period", types.Params{PeriodSeconds: 0, MaxTokenPeriods: 10}, false},
		{"period not dividing a day", types.Params{PeriodSeconds: 7, MaxTokenPeriods: 10}, false},
		{"no token periods", types.Params{PeriodSeconds: 900, MaxTokenPeriods: 0}, false},
		{"too many token periods", types.Params{PeriodSeconds: 900, MaxTokenPeriods: 100_001}, false},
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
