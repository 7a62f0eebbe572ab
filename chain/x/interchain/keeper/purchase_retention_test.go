package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil/ibcnet"
	"github.com/gridledger/gridledger/chain/x/interchain/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// setParams sets every chain's interchain parameters.
func (p *purchaseNet) setParams(t *testing.T, params types.Params) {
	t.Helper()
	for _, c := range p.chains() {
		require.NoError(t, c.App.InterchainKeeper.Params.Set(c.Ctx(), params))
	}
}

func (p *purchaseNet) chains() []*ibcnet.Chain {
	return []*ibcnet.Chain{p.valley, p.east, p.trans, p.west}
}

// periods advances every chain's clock by n 15-minute periods, a block at a time per period
// (each block's end prunes and trues up).
func (p *purchaseNet) periods(n int) {
	for range n {
		p.net.AdvanceTime(15 * time.Minute)
	}
}

func TestFinishedPurchasesArePrunedAfterTheirRetention(t *testing.T) {
	p := setupPurchase(t)
	before := p.valley.Balance(ibcnet.SenderOf(p.buyer), p.payDenom)
	done := p.buy(t, p.quote())
	p.net.Relay()
	refused := p.buy(t, p.quote()) // the side is sold: refused at west, refunded on the way
	p.net.Relay()
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_REFUNDED, hopOn(t, p.valley, refused).State)
	pending := p.buy(t, p.quote()) // left pending: the relayer never carries it
	p.setParams(t, types.Params{PurchaseKeepPeriods: 2, TrueupDelayPeriods: 1})

	// Still within the delivery and the retention: everything kept.
	p.periods(10)
	for _, c := range p.chains() {
		require.Equal(t, types.PurchaseState_PURCHASE_STATE_DONE, hopOn(t, c, done).State, c.ChainID)
	}
	p.periods(6) // the first token's last period is now more than 2 periods behind
	for _, c := range p.chains() {
		// The refused purchase was refused at east (the bridge was full), so only valley kept it.
		for _, id := range []string{done, refused} {
			_, err := keeper.NewQueryServerImpl(c.App.InterchainKeeper).Purchase(c.Ctx(), &types.QueryPurchaseRequest{PurchaseId: id})
			if id == refused && c != p.valley {
				require.ErrorIs(t, err, types.ErrPurchaseNotFound, "%s never passed %s", id, c.ChainID)
				continue
			}
			require.ErrorIs(t, err, types.ErrPurchasePruned, "%s on %s", id, c.ChainID)
			require.Contains(t, err.Error(), "purchase_keep_periods")
		}
		n := 0
		require.NoError(t, c.App.InterchainKeeper.OutPackets.Walk(c.Ctx(), nil, func(collections.Pair[string, uint64], string) (bool, error) { n++; return false, nil }))
		if c == p.valley {
			require.Equal(t, 1, n, "only the pending purchase's packet stays indexed on %s", c.ChainID)
		} else {
			require.Zero(t, n, "no packet of a pruned purchase stays indexed on %s", c.ChainID)
		}
	}
	require.Equal(t, types.PurchaseState_PURCHASE_STATE_PENDING, hopOn(t, p.valley, pending).State, "a pending purchase is never pruned")
	// A purchase id no chain made is still "not found".
	_, err := keeper.NewQueryServerImpl(p.valley.App.InterchainKeeper).Purchase(p.valley.Ctx(), &types.QueryPurchaseRequest{PurchaseId: "elsewhere/1"})
	require.ErrorIs(t, err, types.ErrPurchaseNotFound)

	// The marks survive an export and import.
	gs, err := p.valley.App.InterchainKeeper.ExportGenesis(p.valley.Ctx())
	require.NoError(t, err)
	require.Equal(t, []types.PrunedPurchases{{OriginChainId: p.valley.ChainID, UpToSequence: 2}}, gs.Pruned)
	require.Equal(t, uint64(2), gs.Params.PurchaseKeepPeriods)
	require.NoError(t, gs.Validate())

	// The pending purchase still ends as any other: timed out and refunded, and then, its
	// delivery being long past, pruned at the next block's end.
	p.net.TimeoutExpired()
	p.net.Relay()
	_, err = keeper.NewQueryServerImpl(p.valley.App.InterchainKeeper).Purchase(p.valley.Ctx(), &types.QueryPurchaseRequest{PurchaseId: pending})
	require.ErrorIs(t, err, types.ErrPurchasePruned)
	require.Equal(t, before, p.valley.Balance(ibcnet.SenderOf(p.buyer), p.payDenom).Add(p.quote().MaxTotal), "the buyer paid the one done purchase only")
	p.requireConserved(t)
	p.requireInterchainInvariants(t)
}

func TestPurchasePruningIsBoundedPerBlock(t *testing.T) {
	p := setupPurchase(t)
	ids := []string{p.buy(t, p.quote())}
	p.net.Relay()
	ids = append(ids, p.buy(t, p.quote()), p.buy(t, p.quote())) // both refused: the side is sold
	p.net.Relay()
	// Long retention while time passes, so no block's end prunes on its own.
	p.setParams(t, types.Params{PurchaseKeepPeriods: 1_000_000, TrueupDelayPeriods: 1})
	p.periods(16)
	k := p.valley.App.InterchainKeeper
	ctx := p.valley.Ctx()
	require.NoError(t, k.Params.Set(ctx, types.Params{PurchaseKeepPeriods: 2, MaxPurchasePrunePerBlock: 2, TrueupDelayPeriods: 1}))
	n, err := k.PrunePurchases(ctx)
	require.NoError(t, err)
	require.Equal(t, 2, n, "at most max_purchase_prune_per_block records a block")
	n, err = k.PrunePurchases(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	n, err = k.PrunePurchases(ctx)
	require.NoError(t, err)
	require.Zero(t, n)
	for _, id := range ids {
		has, err := k.Purchases.Has(ctx, id)
		require.NoError(t, err)
		require.False(t, has, id)
	}
}

func TestParamsRefuseUnboundedBudgets(t *testing.T) {
	require.ErrorIs(t, types.Params{MaxPurchasePrunePerBlock: 10_001}.Validate(), types.ErrInvalidParams)
	require.ErrorIs(t, types.Params{MaxTrueupsPerBlock: 10_001}.Validate(), types.ErrInvalidParams)
	require.ErrorIs(t, types.Params{PurchaseKeepPeriods: 1_000_001}.Validate(), types.ErrInvalidParams)
	gs := types.DefaultGenesis()
	gs.Pruned = []types.PrunedPurchases{{OriginChainId: "a", UpToSequence: 1}, {OriginChainId: "a", UpToSequence: 2}}
	require.ErrorIs(t, gs.Validate(), types.ErrInvalidGenesis)
	require.Equal(t, uint64(3360), types.Params{}.KeepPeriods())
	require.Equal(t, 100, types.Params{}.PruneBudget())
}
