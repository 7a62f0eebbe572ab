package keeper_test

import (
	"testing"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// freshImport loads gs into an empty x/energy store, as InitChain would, and returns the
// error InitGenesis gives (a panic fails the test).
func freshImport(t *testing.T, cdc codec.BinaryCodec, gs types.GenesisState) error {
	t.Helper()
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("transient_test")).Ctx
	var addrCodec address.Codec = addresscodec.NewBech32Codec(app.Bech32Prefix)
	k := keeper.NewKeeper(cdc, runtime.NewKVStoreService(key), addrCodec, nil, nil)
	return k.InitGenesis(ctx, gs)
}

// mutate changes one field of one record of gs, chosen and valued by the fuzzer: the
// kinds of damage a hand-edited or corrupted genesis file carries.
func mutate(gs *types.GenesisState, record, field uint8, n int64, s string) {
	if len(gs.Tokens) == 0 {
		return
	}
	t := &gs.Tokens[int(record)%len(gs.Tokens)]
	switch field % 24 {
	case 0:
		t.Id = uint64(n)
	case 1:
		t.Issuer = s
	case 2:
		t.FirstPeriod = uint64(n)
	case 3:
		t.LastPeriod = uint64(n)
	case 4:
		t.WhPerPeriod = uint64(n)
	case 5:
		t.Category = balancingtypes.EnergyCategory(n)
	case 6:
		t.Status = types.TokenStatus(n)
	case 7:
		t.FaceValuePerMwh.Amount = math.NewInt(n)
	case 8:
		t.FaceValuePerMwh.Denom = s
	case 9:
		t.Terms.CancellationFee = math.NewInt(n).Mul(types.MaxContractAmount)
	case 10:
		t.Producer.Owner = s
	case 11:
		t.Consumer.Owner = s
	case 12:
		t.Consumer.MeterId = s
	case 13:
		t.Consumer.Ask = types.Ask{ForSale: n%2 == 0, PricePerMwh: n, Denom: s}
	case 14:
		t.Parents = append(t.Parents, uint64(n))
	case 15:
		t.Children = append(t.Children, uint64(n))
	case 16:
		gs.NextTokenId = uint64(n)
	case 17:
		gs.Tokens = append(gs.Tokens, *t)
	case 18:
		gs.Params.MaxTokenPeriods = uint64(n)
	case 19:
		t.GridFees = append(t.GridFees, types.GridFee{Kind: s, Recipient: s, Amount: types.Money{Amount: math.NewInt(n), Denom: s}})
	default:
		if len(gs.Trades) == 0 {
			return
		}
		tr := &gs.Trades[int(record)%len(gs.Trades)]
		switch field % 24 {
		case 20:
			tr.TokenId = uint64(n)
		case 21:
			tr.Buyer = s
		case 22:
			tr.Paid = math.NewInt(n)
		default:
			tr.Denom, tr.PricePerMwh = s, n
		}
	}
}

// FuzzGenesisValidateGuardsInitChain: whatever one field of an exported market genesis is
// changed to, either `Validate` refuses it or InitGenesis loads it without an error or a
// panic. InitChain turns any InitGenesis error into a halt before the first block, so
// validate-genesis must catch them all first.
func FuzzGenesisValidateGuardsInitChain(f *testing.F) {
	m := newMarket(f)
	ctx := m.c.Ctx()
	m.buildHistory(f, ctx)
	exported, err := m.c.App.EnergyKeeper.ExportGenesis(ctx)
	require.NoError(f, err)
	bz, err := exported.Marshal()
	require.NoError(f, err)
	owner, cdc := m.producer.String(), m.c.App.AppCodec()
	for field := uint8(0); field < 24; field++ {
		f.Add(field, field, int64(0), "")
		f.Add(field*7, field, int64(-1), owner)
		f.Add(field*3, field, int64(1)<<40, "uchf.alpine")
	}
	f.Fuzz(func(t *testing.T, record, field uint8, n int64, s string) {
		var gs types.GenesisState
		require.NoError(t, gs.Unmarshal(bz))
		mutate(&gs, record, field, n, s)
		if gs.Validate() != nil {
			return
		}
		require.NotPanics(t, func() {
			require.NoError(t, freshImport(t, cdc, gs), "validate-genesis accepted a genesis that InitChain fails on")
		})
	})
}
