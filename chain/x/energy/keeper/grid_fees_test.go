package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestAttachGridFee: a fee is added to the token, and to its due copy once the token is
// filed for settlement; fees of one kind, recipient and denom add up in one entry (a token
// delivering over many periods carries one transmission fee), others get their own; a zero
// fee changes nothing, and an unknown token is an error that changes nothing.
func TestAttachGridFee(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	k := m.c.App.EnergyKeeper
	id := m.issue(t, ctx, nil)
	fee := func(amount int64, denom string) types.GridFee {
		return types.GridFee{Kind: types.GridFeeKindTransmission, Recipient: m.operator.String(), Amount: types.Money{Amount: sdkmath.NewInt(amount), Denom: denom}}
	}
	fees := func() []types.GridFee {
		tok, err := k.Tokens.Get(ctx, id)
		require.NoError(t, err)
		return tok.GridFees
	}

	// Still delivering: only the token carries it.
	require.NoError(t, k.AttachGridFee(ctx, id, fee(100, chf)))
	require.Equal(t, []types.GridFee{fee(100, chf)}, fees())
	tok, err := k.Tokens.Get(ctx, id)
	require.NoError(t, err)
	key := collections.Join(keeper.DuePeriod(tok), id)
	has, err := k.SettlementDue.Has(ctx, key)
	require.NoError(t, err)
	require.False(t, has, "attaching a fee does not file the token")

	// Filed: the due copy gets the fee too, added into the one entry.
	require.NoError(t, k.SettlementDue.Set(ctx, key, types.DueToken{TokenId: id, GridFees: tok.GridFees}))
	require.NoError(t, k.AttachGridFee(ctx, id, fee(150, chf)))
	require.Equal(t, []types.GridFee{fee(250, chf)}, fees())
	due, err := k.SettlementDue.Get(ctx, key)
	require.NoError(t, err)
	require.Equal(t, []types.GridFee{fee(250, chf)}, due.GridFees)

	// Another denom is another entry; a zero fee changes nothing.
	require.NoError(t, k.AttachGridFee(ctx, id, fee(7, "ueur")))
	require.NoError(t, k.AttachGridFee(ctx, id, fee(0, chf)))
	require.Equal(t, []types.GridFee{fee(250, chf), fee(7, "ueur")}, fees())
	due, err = k.SettlementDue.Get(ctx, key)
	require.NoError(t, err)
	require.Equal(t, fees(), due.GridFees)

	require.Error(t, k.AttachGridFee(ctx, 999_999, fee(1, chf)))
	require.Equal(t, []types.GridFee{fee(250, chf), fee(7, "ueur")}, fees())
}
