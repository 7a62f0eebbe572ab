package keeper_test

import (
	stdmath "math"
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestImbalanceTokenNegativePrice: reconciliation's imbalance tokens keep a face value of
// at least zero; a price below zero is kept as its magnitude in negative_price_per_mwh,
// copied to the due token settlement reads; genesis refuses it on any other token.
func TestImbalanceTokenNegativePrice(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	m.issue(t, ctx, nil)
	other := balancingtypes.EnergyCategory_ENERGY_CATEGORY_OTHER
	for _, c := range []struct {
		price    int64
		face     int64
		negative uint64
	}{{90_000_000, 90_000_000, 0}, {0, 0, 0}, {-45_000_000, 0, 45_000_000}, {stdmath.MinInt64, 0, 1 << 63}} {
		id, err := m.c.App.EnergyKeeper.CreateImbalanceToken(ctx, keeper.ImbalanceToken{
			Period: m.now + 6, Wh: 250, Category: other, Case: types.ImbalanceCase_IMBALANCE_CASE_OVER_CONSUMPTION,
			Producer:    types.TokenSide{Owner: m.operator.String(), MeterId: balancingtypes.VirtualMeterID(m.operator.String(), other)},
			Consumer:    types.TokenSide{Owner: m.consumer.String(), MeterId: consumerLoad},
			PricePerMwh: c.price, Denom: chf, Issuer: m.operator.String(),
		})
		require.NoError(t, err)
		tok, err := m.c.App.EnergyKeeper.Tokens.Get(ctx, id)
		require.NoError(t, err)
		require.EqualValues(t, c.face, tok.FaceValuePerMwh.Amount.Int64(), "price %d", c.price)
		require.Equal(t, c.negative, tok.NegativePricePerMwh, "price %d", c.price)
		due, err := m.c.App.EnergyKeeper.SettlementDue.Get(ctx, collections.Join(m.now+6, id))
		require.NoError(t, err)
		require.Equal(t, c.negative, due.NegativePricePerMwh)
		require.EqualValues(t, c.face, due.FaceValuePerMwh.Amount.Int64())
	}
	require.NoError(t, m.c.App.EnergyKeeper.CheckInvariants(ctx))

	gs, err := m.c.App.EnergyKeeper.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate(), "reconciliation's negative prices are valid state")
	market := types.Token{}
	for i, tok := range gs.Tokens {
		if tok.Imbalance == types.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED {
			bad := *gs
			bad.Tokens = append([]types.Token(nil), gs.Tokens...)
			bad.Tokens[i].NegativePricePerMwh = 1
			require.ErrorIs(t, bad.Validate(), types.ErrInvalidGenesis, "a market token with a negative price")
			market = tok
			break
		}
	}
	require.NotZero(t, market.Id, "the market has a token")
	for i, tok := range gs.Tokens {
		if tok.Imbalance != types.ImbalanceCase_IMBALANCE_CASE_UNSPECIFIED && tok.FaceValuePerMwh.Amount.IsPositive() {
			bad := *gs
			bad.Tokens = append([]types.Token(nil), gs.Tokens...)
			bad.Tokens[i].NegativePricePerMwh = 1
			require.ErrorIs(t, bad.Validate(), types.ErrInvalidGenesis, "an imbalance token with both a face value and a negative price")
			return
		}
	}
	t.Fatal("no positively priced imbalance token")
}
