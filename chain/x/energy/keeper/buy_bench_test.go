package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// BenchmarkBuySide is the message handler of a buy alone (no ante, no commit), on a
// book of b.N offered tokens spread over three weeks like the bench's, each buy in a
// branch of a block's branch of the store as baseapp runs it (blocks of 500 buys):
// go test -bench BuySide -benchmem -memprofile shows what a buy allocates.
func BenchmarkBuySide(b *testing.B) {
	m := newMarket(b)
	ctx := m.c.Ctx()
	m.c.Fund(ctx, m.bank, chf, m.trader2, sdkmath.NewInt(1_000_000_000_000), sdkmath.NewInt(1_000_000_000_000))
	m.setLimit(b, ctx, m.trader, 1<<50) // the seller's position grows with the book, and is checked too
	ids := make([]uint64, b.N)
	for i := range ids {
		first := m.now + 20 + uint64(i%2000)
		msg := m.traderIssueMsg()
		msg.FirstPeriod, msg.LastPeriod = first, first+3
		res, err := m.msgs.IssueToken(ctx, msg)
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = res.TokenId
		m.setAsk(b, ctx, m.trader, res.TokenId, consumerSide, 50_000_000+int64(i%100)*1_000_000, chf)
	}
	buyer := m.trader2.String()
	b.ReportAllocs()
	b.ResetTimer()
	block, writeBlock := ctx.CacheContext()
	for i, id := range ids {
		tx, writeTx := block.CacheContext()
		if _, err := m.msgs.BuySide(tx, &types.MsgBuySide{Buyer: buyer, TokenId: id, Side: consumerSide,
			MaxPricePerMwh: 50_000_000 + int64(i%100)*1_000_000, Denom: chf}); err != nil {
			b.Fatal(err)
		}
		writeTx()
		if i%500 == 499 {
			writeBlock()
			block, writeBlock = ctx.CacheContext()
		}
	}
	writeBlock()
}
