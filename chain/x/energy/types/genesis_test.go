package types_test

import (
	stdmath "math"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

func params(periodSeconds, maxTokenPeriods, maxSplitParts, maxMergeInputs uint64) types.Params {
	return types.Params{PeriodSeconds: periodSeconds, MaxTokenPeriods: maxTokenPeriods, MaxSplitParts: maxSplitParts, MaxMergeInputs: maxMergeInputs}
}

func TestParamsValidate(t *testing.T) {
	withGate := func(p types.Params, gate, freezes uint64) types.Params {
		p.GateClosureSeconds, p.MaxFreezesPerBlock = gate, freezes
		return p
	}
	require.Equal(t, withGate(params(900, 2976, 64, 64), 900, 1000), types.DefaultParams())
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
		{"gate closure at the start of delivery", withGate(params(900, 2976, 64, 64), 0, 1000), true},
		{"gate closure a week ahead", withGate(params(900, 2976, 64, 64), 7*86400, 1000), true},
		{"gate closure more than a week ahead", withGate(params(900, 2976, 64, 64), 7*86400+1, 1000), false},
		{"freezes per block unset (old params: the default applies)", withGate(params(900, 2976, 64, 64), 900, 0), true},
		{"too many freezes per block", withGate(params(900, 2976, 64, 64), 900, 100_001), false},
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
	require.Equal(t, uint64(1000), withGate(p, 900, 0).FreezesPerBlock())
}

// TestPhases walks a period through its life at the default 15-minute gate closure.
func TestPhases(t *testing.T) {
	p := types.DefaultParams()
	const n = 1963588 // starts at 1767229200, 2026-01-01T01:00:00Z
	start := p.StartOf(n)
	require.Equal(t, int64(1767229200), start)
	require.Equal(t, start-900, p.GateClosesAt(n))
	for _, tc := range []struct {
		now  int64
		want types.TokenPhase
	}{
		{start - 901, types.TokenPhase_TOKEN_PHASE_OPEN},
		{start - 900, types.TokenPhase_TOKEN_PHASE_FROZEN},
		{start - 1, types.TokenPhase_TOKEN_PHASE_FROZEN},
		{start, types.TokenPhase_TOKEN_PHASE_IN_DELIVERY},
		{start + 2*900 - 1, types.TokenPhase_TOKEN_PHASE_IN_DELIVERY}, // a two-period token
		{start + 2*900, types.TokenPhase_TOKEN_PHASE_DELIVERED},
	} {
		require.Equal(t, tc.want, p.PhaseAt(tc.now, n, n+1), "at %d", tc.now-start)
	}
	require.Equal(t, uint64(n), p.FirstOpenPeriod(start-901), "the last second before gate closure")
	require.Equal(t, uint64(n+1), p.FirstOpenPeriod(start-900))
	require.Equal(t, types.TokenPhase_TOKEN_PHASE_OPEN, p.PhaseAt(0, stdmath.MaxUint64/2, stdmath.MaxUint64), "periods no clock reaches never overflow")
	require.Equal(t, int64(stdmath.MaxInt64), p.StartOf(stdmath.MaxUint64))
}

func withFee(t types.Token, fee math.Int) types.Token {
	t.Terms.CancellationFee = fee
	return t
}

func TestGenesisValidate(t *testing.T) {
	owner := sdk.AccAddress(make([]byte, 20)).String()
	token := func(id uint64) types.Token {
		return types.Token{
			Id: id, Issuer: owner, FirstPeriod: 10, LastPeriod: 13, WhPerPeriod: 1000,
			Category: balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR, Status: types.TokenStatus_TOKEN_STATUS_ACTIVE,
			FaceValuePerMwh: types.Money{Amount: math.NewInt(80), Denom: "uchf.alpine"},
			Producer:        types.TokenSide{Owner: owner, MeterId: "pv-1"},
			Consumer:        types.TokenSide{Owner: owner, MeterId: "load-1"},
		}
	}
	with := func(id uint64, edit func(*types.Token)) types.Token {
		t := token(id)
		edit(&t)
		return t
	}
	one := func(t types.Token) types.GenesisState {
		return types.GenesisState{Params: types.DefaultParams(), Tokens: []types.Token{t}, NextTokenId: 3}
	}
	trade := func(edit func(*types.Trade)) types.GenesisState {
		tr := types.Trade{TokenId: 1, Side: types.Side_SIDE_CONSUMER, Seller: owner, Buyer: owner, PricePerMwh: 80, Denom: "uchf.alpine", Paid: math.NewInt(3)}
		edit(&tr)
		gs := one(token(1))
		gs.Trades = []types.Trade{tr}
		return gs
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
		{"token without a consumer-side owner", one(with(1, func(t *types.Token) { t.Consumer.Owner = "" })), types.ErrInvalidGenesis},
		{"an issuer that is not an address", one(with(1, func(t *types.Token) { t.Issuer = "grid1nope" })), types.ErrInvalidGenesis},
		{"periods reversed", one(with(1, func(t *types.Token) { t.FirstPeriod = 14 })), types.ErrInvalidGenesis},
		{"no energy", one(with(1, func(t *types.Token) { t.WhPerPeriod = 0 })), types.ErrInvalidGenesis},
		{"more periods than max_token_periods", one(with(1, func(t *types.Token) { t.LastPeriod = t.FirstPeriod + types.DefaultMaxTokenPeriods })), types.ErrInvalidGenesis},
		{"no category", one(with(1, func(t *types.Token) { t.Category = 0 })), types.ErrInvalidGenesis},
		{"an unknown category", one(with(1, func(t *types.Token) { t.Category = 99 })), types.ErrInvalidGenesis},
		{"an unknown status", one(with(1, func(t *types.Token) { t.Status = 9 })), types.ErrInvalidGenesis},
		{"a face value without denom", one(with(1, func(t *types.Token) { t.FaceValuePerMwh.Denom = "" })), types.ErrInvalidGenesis},
		{"a side without meter", one(with(1, func(t *types.Token) { t.Producer.MeterId = "" })), types.ErrInvalidGenesis},
		{"an ask for sale without denom", one(with(1, func(t *types.Token) { t.Consumer.Ask = types.Ask{ForSale: true, PricePerMwh: 5} })), types.ErrInvalidGenesis},
		{"a void ask with a price", one(with(1, func(t *types.Token) { t.Consumer.Ask = types.Ask{PricePerMwh: 5} })), types.ErrInvalidGenesis},
		{"a grid fee to nobody", one(with(1, func(t *types.Token) { t.GridFees = []types.GridFee{{Amount: types.Money{Amount: math.NewInt(1)}}} })), types.ErrInvalidGenesis},
		{"lineage to a missing token", one(with(1, func(t *types.Token) { t.Parents = []uint64{2} })), types.ErrInvalidGenesis},
		{"lineage to itself", one(with(1, func(t *types.Token) { t.Children = []uint64{1} })), types.ErrInvalidGenesis},
		{"a backing by a missing token", one(with(1, func(t *types.Token) {
			t.BackedBy = types.Backing{Side: types.Side_SIDE_CONSUMER, TokenIds: []uint64{2}}
		})), types.ErrInvalidGenesis},
		{"a backing of itself", one(with(1, func(t *types.Token) { t.Backs = types.Backing{Side: types.Side_SIDE_CONSUMER, TokenIds: []uint64{1}} })), types.ErrInvalidGenesis},
		{"a backing without side", one(with(1, func(t *types.Token) { t.BackedBy = types.Backing{TokenIds: []uint64{1}} })), types.ErrInvalidGenesis},
		{"a side backing nothing", one(with(1, func(t *types.Token) { t.Backs = types.Backing{Side: types.Side_SIDE_PRODUCER} })), types.ErrInvalidGenesis},
		{"a trade", trade(func(*types.Trade) {}), nil},
		{"a hand-over", trade(func(tr *types.Trade) { tr.Denom, tr.PricePerMwh, tr.Paid = "", 0, math.ZeroInt() }), nil},
		{"a trade of a missing token", trade(func(tr *types.Trade) { tr.TokenId = 2 }), types.ErrInvalidGenesis},
		{"a trade without side", trade(func(tr *types.Trade) { tr.Side = 0 }), types.ErrInvalidGenesis},
		{"a trade by a bad buyer", trade(func(tr *types.Trade) { tr.Buyer = "x" }), types.ErrInvalidGenesis},
		{"a trade paying a negative amount", trade(func(tr *types.Trade) { tr.Paid = math.NewInt(-1) }), types.ErrInvalidGenesis},
		{"a hand-over with a price", trade(func(tr *types.Trade) { tr.Denom = "" }), types.ErrInvalidGenesis},
		{"a trade at a negative height", trade(func(tr *types.Trade) { tr.Height = -1 }), types.ErrInvalidGenesis},
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
