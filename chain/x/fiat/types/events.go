package types

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/internal/typedevent"
)

// eventPaymentType is proto.MessageName(&EventPayment{}); a package variable would run
// before the generated init registers the name (the test checks it).
const eventPaymentType = "gridledger.fiat.v1.EventPayment"

// ToEvent is sdk.TypedEventToEvent(e) built without its JSON round trip: every payment
// emits one (x/internal/typedevent; events_test.go proves the two equal).
func (e *EventPayment) ToEvent() sdk.Event {
	return typedevent.New(eventPaymentType, 6).
		String("amount", e.Amount).
		String("denom", e.Denom).
		String("fee", e.Fee).
		String("from", e.From).
		String("reason", e.Reason).
		String("to", e.To).
		Event()
}
