package keeper_test

import (
	"math"
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// divideCo2 divides CO2 token id, signed by owner, and returns the parts.
func (m *market) divideCo2(t testing.TB, ctx sdk.Context, owner sdk.AccAddress, id uint64, grams ...uint64) []uint64 {
	t.Helper()
	res, err := m.msgs.DivideCo2Token(ctx, &types.MsgDivideCo2Token{Owner: owner.String(), Co2TokenId: id, GramsParts: grams})
	require.NoError(t, err)
	return res.Co2TokenIds
}

// TestDivideCo2Token: a 500 g CO2 token is divided into 200 g and 300 g; the parts keep
// its settlement terms and origin, the 200 g part is sold and merged into the buyer's
// token, the 300 g part is divided again; CO2 is conserved exactly at every step (the
// invariants run after the test) and the state survives an export and import.
func TestDivideCo2Token(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	src := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = 800 })
	_, whole := m.splitCo2(t, ctx, m.producer, src, 500)
	before := m.co2Token(t, ctx, whole)

	ev := withEvents(ctx)
	parts := m.divideCo2(t, ev, m.producer, whole, 200, 300)
	require.Len(t, parts, 2)
	evs := eventsOf[*types.EventCo2TokenDivided](t, ev)
	require.Len(t, evs, 1)
	require.Equal(t, types.EventCo2TokenDivided{Co2TokenId: whole, Parts: parts, GramsParts: []uint64{200, 300}}, *evs[0])

	divided := m.co2Token(t, ctx, whole)
	require.Equal(t, types.TokenStatus_TOKEN_STATUS_RETIRED, divided.Status)
	require.Equal(t, parts, divided.DividedInto)
	require.Equal(t, uint64(500), divided.Grams, "a divided token keeps its grams as a record")
	require.Zero(t, divided.MergedInto)
	require.False(t, divided.Consumed)
	for i, want := range []uint64{200, 300} {
		p := m.co2Token(t, ctx, parts[i])
		require.Equal(t, want, p.Grams)
		require.Equal(t, whole, p.DividedFrom)
		require.Equal(t, types.TokenStatus_TOKEN_STATUS_ACTIVE, p.Status)
		require.Equal(t, m.producer.String(), p.Owner)
		require.Equal(t, []any{before.SplitFrom, before.DuePeriod, before.Denom, before.Category, before.OriginShard, before.FirstPeriod, before.LastPeriod},
			[]any{p.SplitFrom, p.DuePeriod, p.Denom, p.Category, p.OriginShard, p.FirstPeriod, p.LastPeriod})
		due, err := m.c.App.EnergyKeeper.Co2Due.Has(ctx, collections.Join(p.DuePeriod, p.Id))
		require.NoError(t, err)
		require.True(t, due, "part %d is due where the divided token was", p.Id)
	}
	due, err := m.c.App.EnergyKeeper.Co2Due.Has(ctx, collections.Join(before.DuePeriod, whole))
	require.NoError(t, err)
	require.False(t, due, "a divided CO2 token is no longer due: its parts are")
	owned, err := m.q.Co2TokensByOwner(ctx, &types.QueryCo2TokensByOwnerRequest{Owner: m.producer.String()})
	require.NoError(t, err)
	require.Equal(t, parts, []uint64{owned.Co2Tokens[0].Id, owned.Co2Tokens[1].Id})
	require.Len(t, owned.Co2Tokens, 2)

	// The divided token is no longer held: it cannot be offered, bought, merged or divided.
	target := m.issue(t, ctx, nil)
	m.refused(t, ctx, types.ErrCo2TokenDivided, func(ctx sdk.Context) error {
		_, err := m.msgs.SetCo2Ask(ctx, &types.MsgSetCo2Ask{Owner: m.producer.String(), Co2TokenId: whole, Ask: types.Co2Ask{ForSale: true, Denom: chf}})
		return err
	})
	m.refused(t, ctx, types.ErrCo2TokenDivided, func(ctx sdk.Context) error {
		_, err := m.msgs.MergeCo2(ctx, &types.MsgMergeCo2{Owner: m.producer.String(), TokenId: target, Co2TokenIds: []uint64{whole}})
		return err
	})
	m.refused(t, ctx, types.ErrCo2TokenDivided, func(ctx sdk.Context) error {
		_, err := m.msgs.DivideCo2Token(ctx, &types.MsgDivideCo2Token{Owner: m.producer.String(), Co2TokenId: whole, GramsParts: []uint64{250, 250}})
		return err
	})

	// The 200 g part is sold (the seller pays 50 CHF per tonne to be rid of it) and merged.
	_, err = m.msgs.SetCo2Ask(ctx, &types.MsgSetCo2Ask{Owner: m.producer.String(), Co2TokenId: parts[0], Ask: types.Co2Ask{ForSale: true, PricePerTonne: -50_000_000, Denom: chf}})
	require.NoError(t, err)
	res, err := m.msgs.BuyCo2Token(ctx, &types.MsgBuyCo2Token{Buyer: m.trader.String(), Co2TokenId: parts[0], MaxPricePerTonne: 0, Denom: chf})
	require.NoError(t, err)
	require.Equal(t, int64(10_000), res.Paid.Int64(), "-50 CHF per tonne for 200 g")
	issued, err := m.msgs.IssueToken(ctx, func() *types.MsgIssueToken { msg := m.traderIssueMsg(); msg.Co2Grams = 100; return msg }())
	require.NoError(t, err)
	traderToken := issued.TokenId
	merged := m.mergeCo2(t, ctx, m.trader, traderToken, parts[0])
	require.Equal(t, uint64(300), m.token(t, ctx, merged).Co2Grams)

	// The 300 g part is divided again, into three.
	again := m.divideCo2(t, ctx, m.producer, parts[1], 100, 100, 100)
	require.Len(t, again, 3)
	require.Equal(t, parts[1], m.co2Token(t, ctx, again[2]).DividedFrom)

	gs, err := m.c.App.EnergyKeeper.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.NoError(t, m.c.App.EnergyKeeper.InitGenesis(ctx, *gs))
	require.Equal(t, m.co2Token(t, ctx, whole), divided)

	// At settlement the live parts are consumed, each charged to its holder, never the divided
	// token: the grams charged are exactly the 300 g left of the 500 g (200 g were merged).
	charged := map[uint64]uint64{}
	_, done, err := m.c.App.EnergyKeeper.Co2DueStep(ctx, before.DuePeriod, 10, func(c types.Co2Token) error {
		charged[c.Id] = c.Grams
		require.Equal(t, m.producer.String(), c.Owner)
		return nil
	})
	require.NoError(t, err)
	require.True(t, done)
	require.Equal(t, map[uint64]uint64{again[0]: 100, again[1]: 100, again[2]: 100}, charged)
	require.False(t, m.co2Token(t, ctx, whole).Consumed)
	require.False(t, m.co2Token(t, ctx, parts[1]).Consumed)
}

func TestDivideCo2TokenRefusals(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	src := m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.Co2Grams = 1_000 })
	c1, co2 := m.splitCo2(t, ctx, m.producer, src, 500)
	c2, offered := m.splitCo2(t, ctx, m.producer, c1, 100)
	_, merged := m.splitCo2(t, ctx, m.producer, c2, 50)
	_, err := m.msgs.SetCo2Ask(ctx, &types.MsgSetCo2Ask{Owner: m.producer.String(), Co2TokenId: offered, Ask: types.Co2Ask{ForSale: true, PricePerTonne: -1, Denom: chf}})
	require.NoError(t, err)
	m.mergeCo2(t, ctx, m.producer, m.issue(t, ctx, nil), merged)
	// A CO2 token consumed at settlement (the due step of its period).
	_, consumed := m.splitCo2(t, ctx, m.producer, m.issue(t, ctx, func(msg *types.MsgIssueToken) { msg.LastPeriod = m.now + 4 }), 20)
	_, _, err = m.c.App.EnergyKeeper.Co2DueStep(ctx, m.co2Token(t, ctx, consumed).DuePeriod, 1, func(types.Co2Token) error { return nil })
	require.NoError(t, err)
	require.True(t, m.co2Token(t, ctx, consumed).Consumed)

	tooMany := make([]uint64, types.DefaultParams().MaxSplitParts+1) // adding up to 500 g
	for i := range tooMany {
		tooMany[i] = 1
	}
	tooMany[0] = 500 - uint64(len(tooMany)-1)
	divide := func(owner sdk.AccAddress, id uint64, grams ...uint64) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := m.msgs.DivideCo2Token(ctx, &types.MsgDivideCo2Token{Owner: owner.String(), Co2TokenId: id, GramsParts: grams})
			return err
		}
	}
	for _, tc := range []struct {
		name string
		run  func(sdk.Context) error
		want error
	}{
		{"not the holder", divide(m.trader, co2, 200, 300), types.ErrNotCo2Holder},
		{"a suspended participant", divide(m.suspended, co2, 200, 300), types.ErrNotAdmitted},
		{"a stranger", divide(m.stranger, co2, 200, 300), types.ErrNotAdmitted},
		{"a malformed address", func(ctx sdk.Context) error {
			_, err := m.msgs.DivideCo2Token(ctx, &types.MsgDivideCo2Token{Owner: "grid1nope", Co2TokenId: co2, GramsParts: []uint64{200, 300}})
			return err
		}, types.ErrInvalidAddress},
		{"a zero part", divide(m.producer, co2, 0, 500), types.ErrInvalidCo2Amount},
		{"one part", divide(m.producer, co2, 500), types.ErrInvalidCo2Amount},
		{"no part", divide(m.producer, co2), types.ErrInvalidCo2Amount},
		{"parts adding up to less (CO2 not conserved)", divide(m.producer, co2, 200, 299), types.ErrInvalidCo2Amount},
		{"parts adding up to more (too many grams)", divide(m.producer, co2, 200, 301), types.ErrInvalidCo2Amount},
		{"parts past 2^64 g", divide(m.producer, co2, math.MaxUint64, 501), types.ErrInvalidCo2Amount},
		{"more parts than max_split_parts", divide(m.producer, co2, tooMany...), types.ErrTooManyParts},
		{"a CO2 token offered for sale", divide(m.producer, offered, 40, 60), types.ErrCo2TokenOffered},
		{"a merged CO2 token", divide(m.producer, merged, 20, 30), types.ErrCo2TokenNotActive},
		{"a consumed CO2 token", divide(m.producer, consumed, 10, 10), types.ErrCo2TokenConsumed},
		{"an unknown CO2 token", divide(m.producer, 999, 1, 1), types.ErrUnknownCo2Token},
	} {
		t.Run(tc.name, func(t *testing.T) { m.refused(t, ctx, tc.want, tc.run) })
	}

	// Withdrawn from sale, the offered token divides.
	_, err = m.msgs.SetCo2Ask(ctx, &types.MsgSetCo2Ask{Owner: m.producer.String(), Co2TokenId: offered, Ask: types.Co2Ask{}})
	require.NoError(t, err)
	require.Len(t, m.divideCo2(t, ctx, m.producer, offered, 40, 60), 2)
}

// TestInvariantsCatchCo2DivisionNotConserved: a part whose grams no longer add up with
// its siblings' to the divided token's, or a part its divided token does not name,
// breaks the invariants.
func TestInvariantsCatchCo2DivisionNotConserved(t *testing.T) {
	m := newMarket(t)
	ctx, _ := m.c.Ctx().CacheContext() // not m.branch: the invariants must fail here
	k := m.c.App.EnergyKeeper
	_, co2 := m.splitCo2(t, ctx, m.producer, m.issue(t, ctx, nil), 100)
	parts := m.divideCo2(t, ctx, m.producer, co2, 30, 70)
	require.NoError(t, k.CheckInvariants(ctx))

	more, _ := ctx.CacheContext()
	p := m.co2Token(t, more, parts[0])
	p.Grams++
	require.NoError(t, k.Co2Tokens.Set(more, p.Id, p))
	require.ErrorContains(t, k.CheckInvariants(more), "its parts 101 g")

	orphan, _ := ctx.CacheContext()
	p = m.co2Token(t, orphan, parts[1])
	p.DividedFrom = 999
	require.NoError(t, k.Co2Tokens.Set(orphan, p.Id, p))
	require.ErrorContains(t, k.CheckInvariants(orphan), "does not name it")

	gs, err := k.ExportGenesis(more)
	require.NoError(t, err)
	require.ErrorContains(t, gs.Validate(), "its parts 101 g")
}
