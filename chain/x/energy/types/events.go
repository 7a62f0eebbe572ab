package types

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/internal/typedevent"
)

// eventSideTradedType is proto.MessageName(&EventSideTraded{}); a package variable would
// run before the generated init registers the name (the test checks it).
const eventSideTradedType = "gridledger.energy.v1.EventSideTraded"

// ToEvent is sdk.TypedEventToEvent(e) built without its JSON round trip: every trade emits
// one (x/internal/typedevent; events_test.go proves the two equal).
func (e *EventSideTraded) ToEvent() sdk.Event {
	return typedevent.New(eventSideTradedType, 7).
		String("buyer", e.Buyer).
		String("denom", e.Denom).
		String("paid", e.Paid).
		Int64("price_per_mwh", e.PricePerMwh).
		String("seller", e.Seller).
		Enum("side", e.Side.String()).
		Uint64("token_id", e.TokenId).
		Event()
}
