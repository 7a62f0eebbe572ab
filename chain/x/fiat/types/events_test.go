package types_test

import (
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

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
		want, err := sdk.TypedEventToEvent(ev)
		require.NoError(t, err)
		require.Equal(t, want, ev.ToEvent(), "event %d: %+v", i, ev)
	}
}
