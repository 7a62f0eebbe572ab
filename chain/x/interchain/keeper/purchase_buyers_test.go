package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	"github.com/gridledger/gridledger/chain/testutil/ibcnet"
	tk "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// purchasesOf lists a buyer's purchases on c through the query, one page.
func purchasesOf(t *testing.T, c *ibcnet.Chain, buyer string, page *query.PageRequest) ([]string, *query.PageResponse) {
	t.Helper()
	res, err := keeper.NewQueryServerImpl(c.App.InterchainKeeper).PurchasesByBuyer(c.Ctx(),
		&types.QueryPurchasesByBuyerRequest{Buyer: buyer, Pagination: page})
	require.NoError(t, err)
	ids := []string{}
	for _, h := range res.Purchases {
		require.Equal(t, buyer, h.Packet.Buyer)
		ids = append(ids, h.PurchaseId)
	}
	return ids, res.Pagination
}

// A buyer's purchases are listed on its chain, in order, paged, done and refunded alike, and
// on no other chain of the route; each is dropped from the list when retention prunes it.
func TestPurchasesAreListedByBuyerUntilPruned(t *testing.T) {
	p := setupPurchase(t)
	buyer := ibcnet.SenderOf(p.buyer).String()
	done := p.buy(t, p.quote())
	p.net.Relay()
	refused := p.buy(t, p.quote()) // the side is sold: refunded
	p.net.Relay()
	pending := p.buy(t, p.quote()) // never relayed
	all := []string{done, refused, pending}

	ids, _ := purchasesOf(t, p.valley, buyer, nil)
	require.Equal(t, all, ids, "oldest first")
	ids, _ = purchasesOf(t, p.valley, buyer, &query.PageRequest{Reverse: true})
	require.Equal(t, []string{pending, refused, done}, ids, "reverse: newest first")
	ids, page := purchasesOf(t, p.valley, buyer, &query.PageRequest{Limit: 2, CountTotal: true})
	require.Equal(t, all[:2], ids)
	require.Equal(t, uint64(3), page.Total)
	require.NotEmpty(t, page.NextKey)
	ids, page = purchasesOf(t, p.valley, buyer, &query.PageRequest{Key: page.NextKey, Limit: 2})
	require.Equal(t, all[2:], ids)
	require.Empty(t, page.NextKey)
	states := map[string]types.PurchaseState{}
	res, err := keeper.NewQueryServerImpl(p.valley.App.InterchainKeeper).PurchasesByBuyer(p.valley.Ctx(), &types.QueryPurchasesByBuyerRequest{Buyer: buyer})
	require.NoError(t, err)
	for _, h := range res.Purchases {
		states[h.PurchaseId] = h.State
	}
	require.Equal(t, map[string]types.PurchaseState{done: types.PurchaseState_PURCHASE_STATE_DONE,
		refused: types.PurchaseState_PURCHASE_STATE_REFUNDED, pending: types.PurchaseState_PURCHASE_STATE_PENDING}, states)

	// Another account of the valley, and the buyer on chains it only passed: nothing.
	ids, _ = purchasesOf(t, p.valley, ibcnet.SenderOf(p.valley.Participant(0)).String(), nil)
	require.Empty(t, ids)
	for _, c := range []*ibcnet.Chain{p.east, p.trans, p.west} {
		ids, _ = purchasesOf(t, c, buyer, nil)
		require.Empty(t, ids, "only the origin lists a buyer's purchases, not %s", c.ChainID)
	}
	p.requireInterchainInvariants(t)

	// Retention prunes the finished ones: they leave the list, the pending one stays.
	p.setParams(t, types.Params{PurchaseKeepPeriods: 2, TrueupDelayPeriods: 1})
	p.periods(16)
	for _, id := range []string{done, refused} {
		_, err := keeper.NewQueryServerImpl(p.valley.App.InterchainKeeper).Purchase(p.valley.Ctx(), &types.QueryPurchaseRequest{PurchaseId: id})
		require.ErrorIs(t, err, types.ErrPurchasePruned, id)
	}
	ids, _ = purchasesOf(t, p.valley, buyer, nil)
	require.Equal(t, []string{pending}, ids, "pruned purchases leave the buyer's list")
	p.requireInterchainInvariants(t)

	// The pending one times out, is refunded and, long past its delivery, pruned: the list
	// and the index are empty.
	p.net.TimeoutExpired()
	p.net.Relay()
	ids, _ = purchasesOf(t, p.valley, buyer, nil)
	require.Empty(t, ids)
	n := 0
	require.NoError(t, p.valley.App.InterchainKeeper.PurchasesByBuyer.Walk(p.valley.Ctx(), nil,
		func(collections.Pair[string, uint64]) (bool, error) { n++; return false, nil }))
	require.Zero(t, n, "no index entry outlives its purchase")
	p.requireInterchainInvariants(t)
}

// The buyer index survives an export and import (it is rebuilt from the records), and the
// store migration to version 2 rebuilds it on a chain whose records predate it.
func TestBuyerIndexIsRebuiltByGenesisAndMigration(t *testing.T) {
	p := setupPurchase(t)
	buyer := ibcnet.SenderOf(p.buyer).String()
	done := p.buy(t, p.quote())
	p.net.Relay()
	k, ctx := p.valley.App.InterchainKeeper, p.valley.Ctx()

	require.NoError(t, k.PurchasesByBuyer.Clear(ctx, nil))
	require.ErrorIs(t, k.CheckInvariants(ctx), types.ErrInvariantBroken, "a purchase missing from the index breaks the invariant")
	require.NoError(t, keeper.NewMigrator(k).Migrate1to2(ctx))
	ids, _ := purchasesOf(t, p.valley, buyer, nil)
	require.Equal(t, []string{done}, ids)
	require.NoError(t, k.CheckInvariants(ctx))

	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, k.PurchasesByBuyer.Clear(ctx, nil))
	require.NoError(t, k.InitGenesis(ctx, *gs))
	ids, _ = purchasesOf(t, p.valley, buyer, nil)
	require.Equal(t, []string{done}, ids)

	// A stray entry (no such purchase) breaks the invariant too.
	require.NoError(t, k.PurchasesByBuyer.Set(ctx, collections.Join(buyer, uint64(99))))
	require.ErrorIs(t, k.CheckInvariants(ctx), types.ErrInvariantBroken)
}

func TestPurchasesByBuyerRefusesBadRequestsAndBoundsThePage(t *testing.T) {
	f := tk.Interchain(t)
	f.Ctx = f.Ctx.WithChainID("gridledger-local-valley-1")
	q := f.Queries
	_, err := q.PurchasesByBuyer(f.Ctx, nil)
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = q.PurchasesByBuyer(f.Ctx, &types.QueryPurchasesByBuyerRequest{Buyer: "not-an-address"})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	buyer := testutil.Addr("buyer")
	for seq := uint64(1); seq <= types.MaxPurchasesPage+5; seq++ {
		require.NoError(t, f.Keeper.PurchasesByBuyer.Set(f.Ctx, collections.Join(buyer, seq)))
		id := types.PurchaseID(f.Ctx.ChainID(), seq)
		require.NoError(t, f.Keeper.Purchases.Set(f.Ctx, id, types.PurchaseHop{PurchaseId: id, Packet: types.PurchasePacket{Buyer: buyer}}))
	}
	for _, limit := range []uint64{0, types.MaxPurchasesPage + 1, 1_000_000} {
		res, err := q.PurchasesByBuyer(f.Ctx, &types.QueryPurchasesByBuyerRequest{Buyer: buyer, Pagination: &query.PageRequest{Limit: limit}})
		require.NoError(t, err)
		require.Len(t, res.Purchases, types.MaxPurchasesPage, "limit %d", limit)
		require.NotEmpty(t, res.Pagination.NextKey)
	}
	res, err := q.PurchasesByBuyer(f.Ctx, &types.QueryPurchasesByBuyerRequest{Buyer: buyer})
	require.NoError(t, err)
	require.Len(t, res.Purchases, types.MaxPurchasesPage)
}
