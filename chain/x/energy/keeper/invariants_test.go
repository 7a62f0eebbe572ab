package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestCheckInvariantsDetectsCorruption corrupts the store behind the keeper's back, one
// way at a time, and expects CheckInvariants to notice: the invariant tests after every
// scenario would otherwise prove nothing.
func TestCheckInvariantsDetectsCorruption(t *testing.T) {
	m := newMarket(t)
	setup := m.c.Ctx()
	p := m.producer.String()
	live := m.issue(t, setup, nil)
	m.setAsk(t, setup, m.producer, live, consumerSide, 80_000_000, chf)
	cancelled := m.issue(t, setup, nil)
	_, err := m.msgs.CancelToken(setup, &types.MsgCancelToken{Owner: p, TokenId: cancelled})
	require.NoError(t, err)
	parent := m.issue(t, setup, nil)
	split, err := m.msgs.SplitToken(setup, &types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: parent, WhParts: []uint64{400, 600}})
	require.NoError(t, err)
	merged, err := m.msgs.MergeTokens(setup, &types.MsgMergeTokens{ProducerOwner: p, ConsumerOwner: p, TokenIds: split.TokenIds})
	require.NoError(t, err)
	require.NoError(t, m.c.App.EnergyKeeper.CheckInvariants(setup))

	k := m.c.App.EnergyKeeper
	liveToken, err := k.GetToken(setup, live)
	require.NoError(t, err)
	liveDay := keeper.DayOf(liveToken.FirstPeriod)
	edit := func(ctx sdk.Context, id uint64, change func(*types.Token)) error {
		tok, err := k.Tokens.Get(ctx, id)
		if err != nil {
			return err
		}
		change(&tok)
		return k.Tokens.Set(ctx, id, tok)
	}
	for _, tc := range []struct {
		name    string
		corrupt func(ctx sdk.Context) error
	}{
		{"owner index entry missing", func(ctx sdk.Context) error {
			return k.TokensByOwner.Remove(ctx, collections.Join3(m.producer, int32(consumerSide), live))
		}},
		{"stray owner index entry of a cancelled token", func(ctx sdk.Context) error {
			return k.TokensByOwner.Set(ctx, collections.Join3(m.producer, int32(producerSide), cancelled), make([]byte, 24))
		}},
		{"position record missing", func(ctx sdk.Context) error {
			return k.Positions.Remove(ctx, collections.Join(m.producer, liveDay))
		}},
		{"position record off by one Wh", func(ctx sdk.Context) error {
			return k.Positions.Set(ctx, collections.Join(m.producer, liveDay), []byte{0, 1, 0}) // period 0: 1 Wh produced
		}},
		{"stray position record", func(ctx sdk.Context) error {
			return k.Positions.Set(ctx, collections.Join(m.stranger, liveDay), []byte{0, 1, 0})
		}},
		{"offer missing from its delivery day", func(ctx sdk.Context) error {
			return k.Offers.Remove(ctx, collections.Join4(keeper.OfferMarket(consumerSide, int32(solar), chf), liveDay, int64(80_000_000), live))
		}},
		{"offer missing from the price list of all days", func(ctx sdk.Context) error {
			return k.Offers.Remove(ctx, collections.Join4(keeper.OfferMarket(consumerSide, int32(solar), chf), uint64(keeper.AnyDay), int64(80_000_000), live))
		}},
		{"offer with a wrong delivery window", func(ctx sdk.Context) error {
			return k.Offers.Set(ctx, collections.Join4(keeper.OfferMarket(consumerSide, int32(solar), chf), uint64(keeper.AnyDay), int64(80_000_000), live), make([]byte, 16))
		}},
		{"stray offer", func(ctx sdk.Context) error {
			return k.Offers.Set(ctx, collections.Join4(keeper.OfferMarket(producerSide, int32(solar), chf), uint64(keeper.AnyDay), int64(1), live), make([]byte, 16))
		}},
		{"ask set without its offer entry", func(ctx sdk.Context) error {
			return edit(ctx, live, func(tok *types.Token) { tok.Producer.Ask = types.Ask{ForSale: true, Denom: chf} })
		}},
		{"cancellation fee above the contract maximum", func(ctx sdk.Context) error {
			return edit(ctx, cancelled, func(tok *types.Token) { tok.Terms.CancellationFee = types.MaxContractAmount.AddRaw(1) })
		}},
		{"live side without an owner", func(ctx sdk.Context) error {
			return edit(ctx, live, func(tok *types.Token) { tok.Producer.Owner = "" })
		}},
		{"split child lost CO2", func(ctx sdk.Context) error {
			return edit(ctx, split.TokenIds[0], func(tok *types.Token) { tok.Co2Grams-- })
		}},
		{"split child gained energy", func(ctx sdk.Context) error {
			return edit(ctx, split.TokenIds[1], func(tok *types.Token) { tok.WhPerPeriod++ })
		}},
		{"merged token gained a period", func(ctx sdk.Context) error {
			return edit(ctx, merged.TokenId, func(tok *types.Token) { tok.LastPeriod++ })
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := setup.CacheContext() // not m.branch: its clean-up would fail on purpose
			require.NoError(t, tc.corrupt(ctx))
			require.Error(t, k.CheckInvariants(ctx))
		})
	}

	t.Run("fiat: a settlement account out of step with the escrow", func(t *testing.T) {
		ctx, _ := setup.CacheContext()
		acc, err := m.c.App.FiatKeeper.GetSettlementAccount(ctx, m.consumer, chf)
		require.NoError(t, err)
		acc.Balance = acc.Balance.AddRaw(1)
		require.NoError(t, m.c.App.FiatKeeper.SettlementAccounts.Set(ctx, collections.Join(m.consumer, chf), acc))
		require.Error(t, m.c.App.FiatKeeper.CheckInvariants(ctx))
	})
}
