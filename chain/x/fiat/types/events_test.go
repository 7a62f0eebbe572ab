package types_test

import (
	"math/rand"
	"testing"
	"unicode/utf8"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/internal/typedevent/eventtest"
)

// ToEvent must give exactly what EmitTypedEvent would have: clients and
// sdk.ParseTypedEvent read these attributes.
func TestEventPaymentToEventIsTypedEventToEvent(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		ev := &types.EventPayment{
			From: eventtest.String(r), To: eventtest.String(r), Denom: eventtest.String(r),
			Amount: eventtest.String(r), Fee: eventtest.String(r), Reason: eventtest.String(r),
		}
		eventtest.RequireTypedEvent(t, ev, ev.ToEvent(), utf8.ValidString(ev.From+ev.To+ev.Denom+ev.Amount+ev.Fee+ev.Reason))
	}
}
