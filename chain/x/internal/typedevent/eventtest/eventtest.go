// Package eventtest gives the tests of typed-event builders the values that tell a
// correct builder from an almost correct one, and the check they share.
package eventtest

import (
	"math"
	"math/rand"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// pieces are the fragments random strings are made of: what JSON must escape (quotes,
// backslashes, control bytes, the HTML characters encoding/json escapes, U+2028), other
// non-ASCII text, an invalid UTF-8 byte, and the plain text addresses and denoms are made of.
var pieces = []string{
	"", "a", "gl1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", "uchf", "trade:42", "0", "-17",
	`"`, `\`, "\n", "\t", "\x00", "\x1f", "<", ">", "&", "\u2028", "\u2029", "é", "€", "日本",
	"\xff", "😀", " ", "/", "'",
}

// String returns a random string of up to five pieces.
func String(r *rand.Rand) string {
	s := ""
	for n := r.Intn(6); n > 0; n-- {
		s += pieces[r.Intn(len(pieces))]
	}
	return s
}

// Int64 returns a random int64, often one of the extremes.
func Int64(r *rand.Rand) int64 {
	switch r.Intn(5) {
	case 0:
		return 0
	case 1:
		return math.MinInt64
	case 2:
		return math.MaxInt64
	default:
		return r.Int63() - r.Int63()
	}
}

// Uint64 returns a random uint64, often one of the extremes.
func Uint64(r *rand.Rand) uint64 {
	switch r.Intn(4) {
	case 0:
		return 0
	case 1:
		return math.MaxUint64
	default:
		return r.Uint64() >> uint(r.Intn(64))
	}
}

// RequireTypedEvent checks that built is exactly what sdk.TypedEventToEvent makes of ev,
// and that sdk.ParseTypedEvent gives ev back. validUTF8 says whether ev's strings are
// valid UTF-8: JSON replaces invalid bytes, however the event was built, so only then can
// the round trip give ev back.
func RequireTypedEvent(t *testing.T, ev proto.Message, built sdk.Event, validUTF8 bool) {
	t.Helper()
	want, err := sdk.TypedEventToEvent(ev)
	require.NoError(t, err)
	require.Equal(t, want, built, "%+v", ev)
	if !validUTF8 {
		return
	}
	parsed, err := sdk.ParseTypedEvent(abci.Event(built))
	require.NoError(t, err)
	require.Equal(t, ev, parsed)
}
