package types_test

import (
	"math/rand"
	"testing"
	"unicode/utf8"

	"github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/internal/typedevent/eventtest"
)

// ToEvent must give exactly what EmitTypedEvent would have: clients and
// sdk.ParseTypedEvent read these attributes.
func TestEventSideTradedToEventIsTypedEventToEvent(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		ev := &types.EventSideTraded{
			TokenId: eventtest.Uint64(r), Side: types.Side(r.Intn(3)),
			Seller: eventtest.String(r), Buyer: eventtest.String(r),
			PricePerMwh: eventtest.Int64(r), Denom: eventtest.String(r), Paid: eventtest.String(r),
		}
		eventtest.RequireTypedEvent(t, ev, ev.ToEvent(), utf8.ValidString(ev.Seller+ev.Buyer+ev.Denom+ev.Paid))
	}
}
