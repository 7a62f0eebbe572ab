package keeper_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/energy/types"
	invariantskeeper "github.com/gridledger/gridledger/chain/x/invariants/keeper"
	invariantstypes "github.com/gridledger/gridledger/chain/x/invariants/types"
	settlementtypes "github.com/gridledger/gridledger/chain/x/settlement/types"
)

// livePass pages through one invariant with limit records a page, as the gridnet
// supervisor does, and returns the pages' results.
func livePass(t *testing.T, q invariantstypes.QueryServer, ctx sdk.Context, name string, limit uint32) []*invariantstypes.QueryCheckResponse {
	t.Helper()
	var pages []*invariantstypes.QueryCheckResponse
	var cursor []byte
	for {
		res, err := q.Check(ctx, &invariantstypes.QueryCheckRequest{Name: name, Cursor: cursor, Limit: limit})
		require.NoError(t, err, name)
		require.LessOrEqual(t, res.Checked, uint64(limit), "%s: a page checked more records than asked", name)
		pages = append(pages, res)
		if res.Broken || len(res.NextCursor) == 0 {
			return pages
		}
		require.Less(t, len(pages), 10_000, "%s: the pass does not end", name)
		cursor = res.NextCursor
	}
}

// TestLiveInvariants: the live check (x/invariants' Check query) passes a good state page by
// page, visiting every record once with at most limit records a page, and finds a broken
// record: it names the invariant's record and says what is wrong. Bad requests are refused
// with registered errors.
func TestLiveInvariants(t *testing.T) {
	m := newMarket(t)
	setup := m.c.Ctx()
	p := m.producer.String()
	live := m.issue(t, setup, func(msg *types.MsgIssueToken) { msg.Co2Grams = 800 })
	m.setAsk(t, setup, m.producer, live, consumerSide, 80_000_000, chf)
	cancelled := m.issue(t, setup, nil)
	_, err := m.msgs.CancelToken(setup, &types.MsgCancelToken{Owner: p, TokenId: cancelled})
	require.NoError(t, err)
	parent := m.issue(t, setup, nil)
	split, err := m.msgs.SplitToken(setup, &types.MsgSplitToken{ProducerOwner: p, ConsumerOwner: p, TokenId: parent, WhParts: []uint64{400, 600}})
	require.NoError(t, err)
	co2Src := m.issue(t, setup, func(msg *types.MsgIssueToken) { msg.Co2Grams = 500 })
	_, co2 := m.splitCo2(t, setup, m.producer, co2Src, 200)
	require.NoError(t, m.c.App.EnergyKeeper.CheckInvariants(setup))

	app := m.c.App
	q := invariantskeeper.NewQueryServerImpl(invariantskeeper.NewKeeper(app.EnergyKeeper, app.FiatKeeper, app.SettlementKeeper))
	list, err := q.Invariants(setup, &invariantstypes.QueryInvariantsRequest{})
	require.NoError(t, err)
	var names []string
	for _, inv := range list.Invariants {
		require.NotEmpty(t, inv.DesignItem, inv.Name)
		require.NotEmpty(t, inv.Description, inv.Name)
		names = append(names, inv.Name)
	}
	require.Equal(t, []string{"fiat-banks", "fiat-settlement-accounts", "energy-tokens", "energy-owner-index", "energy-co2-tokens", "settlement-runs"}, names)

	count := func(ctx sdk.Context, walk func(func() error) error) uint64 {
		n := uint64(0)
		require.NoError(t, walk(func() error { n++; return nil }))
		return n
	}
	k := app.EnergyKeeper
	tokens := count(setup, func(f func() error) error {
		return k.Tokens.Walk(setup, nil, func(uint64, types.Token) (bool, error) { return false, f() })
	})
	ownerEntries := count(setup, func(f func() error) error {
		return k.TokensByOwner.Walk(setup, nil, func(collections.Triple[sdk.AccAddress, int32, uint64], []byte) (bool, error) { return false, f() })
	})
	require.GreaterOrEqual(t, tokens, uint64(6))

	t.Run("a good state passes, page by page", func(t *testing.T) {
		for _, limit := range []uint32{1, 2, 1000} {
			for _, name := range names {
				pages := livePass(t, q, setup, name, limit)
				checked := uint64(0)
				for _, pg := range pages {
					require.False(t, pg.Broken, "%s: %s %s", name, pg.Record, pg.Message)
					checked += pg.Checked
				}
				switch name {
				case "energy-tokens":
					require.Equal(t, tokens, checked, "every token checked once")
					require.Len(t, pages, int((tokens+uint64(limit)-1)/uint64(limit)), "limit %d", limit)
				case "energy-owner-index":
					require.Equal(t, ownerEntries, checked)
				case "energy-co2-tokens", "fiat-banks":
					require.Positive(t, checked, name)
				}
			}
		}
	})

	for _, tc := range []struct {
		name      string
		invariant string
		record    string
		says      string
		corrupt   func(ctx sdk.Context) error
	}{
		{"owner index entry missing", "energy-tokens", fmt.Sprintf("token %d", live), "owner index", func(ctx sdk.Context) error {
			return k.TokensByOwner.Remove(ctx, collections.Join3(m.producer, int32(consumerSide), live))
		}},
		{"live side without an owner", "energy-tokens", fmt.Sprintf("token %d", live), "no valid owner", func(ctx sdk.Context) error {
			tok, err := k.Tokens.Get(ctx, live)
			if err != nil {
				return err
			}
			tok.Producer.Owner = ""
			return k.Tokens.Set(ctx, live, tok)
		}},
		{"split child gained energy", "energy-tokens", fmt.Sprintf("token %d", split.TokenIds[0]), fmt.Sprintf("split of token %d", parent), func(ctx sdk.Context) error {
			tok, err := k.Tokens.Get(ctx, split.TokenIds[1])
			if err != nil {
				return err
			}
			tok.WhPerPeriod++
			return k.Tokens.Set(ctx, tok.Id, tok)
		}},
		{"stray owner index entry of a cancelled token", "energy-owner-index", fmt.Sprintf("owner index entry of token %d, side SIDE_PRODUCER", cancelled), "not live", func(ctx sdk.Context) error {
			return k.TokensByOwner.Set(ctx, collections.Join3(m.producer, int32(producerSide), cancelled), make([]byte, 24))
		}},
		{"CO2 token due in the wrong period", "energy-co2-tokens", fmt.Sprintf("CO2 token %d", co2), "missing from the due index", func(ctx sdk.Context) error {
			c, err := k.Co2Tokens.Get(ctx, co2)
			if err != nil {
				return err
			}
			c.DuePeriod++
			return k.Co2Tokens.Set(ctx, co2, c)
		}},
		{"bank minted more than the supply", "fiat-banks", "bank of " + chf, "supply", func(ctx sdk.Context) error {
			b, err := app.FiatKeeper.Banks.Get(ctx, chf)
			if err != nil {
				return err
			}
			b.Minted = b.Minted.AddRaw(1)
			return app.FiatKeeper.Banks.Set(ctx, chf, b)
		}},
		{"settlement account locks more than it holds", "fiat-settlement-accounts", "settlement account in " + chf + " of " + m.consumer.String(), "locked", func(ctx sdk.Context) error {
			acc, err := app.FiatKeeper.GetSettlementAccount(ctx, m.consumer, chf)
			if err != nil {
				return err
			}
			acc.Locked = acc.Balance.AddRaw(1)
			return app.FiatKeeper.SettlementAccounts.Set(ctx, collections.Join(m.consumer, chf), acc)
		}},
		{"finished run disbursed less than it collected", "settlement-runs", "settlement run of period 7", "collected 10, disbursed 9", func(ctx sdk.Context) error {
			return app.SettlementKeeper.Runs.Set(ctx, 7, settlementtypes.SettlementRun{Period: 7, Done: true, Denoms: []settlementtypes.DenomRun{{
				Denom: chf, Gross: sdkmath.NewInt(10), NetPayable: sdkmath.NewInt(10), Collected: sdkmath.NewInt(10), Disbursed: sdkmath.NewInt(9),
			}}})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := setup.CacheContext()
			require.NoError(t, tc.corrupt(ctx))
			for _, limit := range []uint32{1, 1000} {
				pages := livePass(t, q, ctx, tc.invariant, limit)
				last := pages[len(pages)-1]
				require.True(t, last.Broken, "limit %d: the pass ended without finding the broken record", limit)
				require.Equal(t, tc.record, last.Record)
				require.Contains(t, last.Message, tc.says)
			}
			for _, other := range names {
				// the owner index and the tokens are checked from both ends: both see a broken link
				if other == tc.invariant || (other == "energy-tokens" || other == "energy-owner-index") && (tc.invariant == "energy-tokens" || tc.invariant == "energy-owner-index") {
					continue
				}
				for _, pg := range livePass(t, q, ctx, other, 1000) {
					require.False(t, pg.Broken, "%s blamed for %s: %s", other, tc.name, pg.Message)
				}
			}
		})
	}

	t.Run("refusals", func(t *testing.T) {
		_, err := q.Check(setup, &invariantstypes.QueryCheckRequest{Name: "no-such-invariant"})
		require.ErrorIs(t, err, invariantstypes.ErrUnknownInvariant)
		_, err = q.Check(setup, &invariantstypes.QueryCheckRequest{Name: "energy-tokens", Limit: invariantstypes.MaxLimit + 1})
		require.ErrorIs(t, err, invariantstypes.ErrInvalidRequest)
		_, err = q.Check(setup, &invariantstypes.QueryCheckRequest{Name: "energy-tokens", Cursor: []byte{1, 2, 3}})
		require.ErrorIs(t, err, invariantstypes.ErrInvalidRequest, "a uint64 key is 8 bytes")
		res, err := q.Check(setup, &invariantstypes.QueryCheckRequest{Name: "energy-tokens"})
		require.NoError(t, err)
		require.Equal(t, tokens, res.Checked, "limit 0 means 100")
	})
}
