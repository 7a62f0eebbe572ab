package types_test

import (
	"math/rand"
	"testing"
	"unicode/utf8"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

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
		want, err := sdk.TypedEventToEvent(ev)
		require.NoError(t, err)
		require.Equal(t, want, ev.ToEvent(), "event %d: %+v", i, ev)
		if !utf8.ValidString(ev.Seller + ev.Buyer + ev.Denom + ev.Paid) {
			continue // JSON replaces invalid UTF-8, whichever way the event was built
		}
		parsed, err := sdk.ParseTypedEvent(abci.Event(ev.ToEvent()))
		require.NoError(t, err)
		require.Equal(t, ev, parsed)
	}
}
