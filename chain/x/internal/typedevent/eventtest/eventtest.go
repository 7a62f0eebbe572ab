// Package eventtest gives the tests of typed-event builders the values that tell a
// correct builder from an almost correct one.
package eventtest

import (
	"math"
	"math/rand"
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
