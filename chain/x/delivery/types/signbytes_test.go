package types_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// The test vectors of docs/adr/010-signed-meter-readings.md; ts-client's
// modules/delivery/signing.spec.ts checks the same strings.
const (
	vectorChainID   = "gridledger-lv-1"
	vectorSeedHex   = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	vectorPubHex    = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
	vectorBytesHex  = "475249444c45444745522d52454144494e4701000f677269646c65646765722d6c762d31002143483130313233303132333435303030303030303030303030303030303132333400000000001e0000000000000012d68700"
	vectorSigHex    = "f29e887f044a685498973a0499be13c1aaac1e9e32284905dbf9c7f49e35faf34b57fb4a229f0902d4777af32909528ed4ea9e799e98c21ad21c5c82681c9807"
	vectorCommitHex = "7caedc15c08ab8b134e9505b27ce8db191dfc120da3f5bff156c762bc71441b2"
	vectorAggHex    = "475249444c45444745522d52454144494e4701000f677269646c65646765722d6c762d31000f43482d4147472d52455441494c2d3100000000001e000000000000000006c2207caedc15c08ab8b134e9505b27ce8db191dfc120da3f5bff156c762bc71441b2"
	vectorAggSigHex = "6ca4a8df25b2c252652bc8d646c4b0ede3732e3a0dc1f39d760d324a1ee7a2018241cdce93a6ce5638a189fe00a825f111c565a8da49ecb717e3d8431ed77e04"
)

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	bz, err := hex.DecodeString(s)
	require.NoError(t, err)
	return bz
}

func TestReadingSignBytesVector(t *testing.T) {
	key := ed25519.NewKeyFromSeed(mustHex(t, vectorSeedHex))
	require.Equal(t, vectorPubHex, hex.EncodeToString(key.Public().(ed25519.PublicKey)))

	company := types.SignedReading{MeterId: "CH1012301234500000000000000001234", Period: 1966080, Wh: 1234567}
	bz := types.ReadingSignBytes(vectorChainID, company)
	require.Equal(t, vectorBytesHex, hex.EncodeToString(bz))
	require.Equal(t, vectorSigHex, hex.EncodeToString(ed25519.Sign(key, bz)))

	commitment, sum, err := types.HouseholdCommitment([]types.HouseholdReading{
		{Ref: "hh-b71e0c2a9d4f", Wh: 420}, {Ref: "hh-03f9aa51c7e2", Wh: 1310}, {Ref: "hh-5c2d81e0b6a4", Wh: 0},
	})
	require.NoError(t, err)
	require.Equal(t, vectorCommitHex, hex.EncodeToString(commitment))
	require.Equal(t, uint64(1730), sum)
	agg := types.SignedReading{MeterId: "CH-AGG-RETAIL-1", Period: 1966080, Wh: sum, Commitment: commitment}
	bz = types.ReadingSignBytes(vectorChainID, agg)
	require.Equal(t, vectorAggHex, hex.EncodeToString(bz))
	require.Equal(t, vectorAggSigHex, hex.EncodeToString(ed25519.Sign(key, bz)))

	// The decoder reads the vectors back.
	chainID, r, err := types.ParseReadingSignBytes(mustHex(t, vectorAggHex))
	require.NoError(t, err)
	require.Equal(t, vectorChainID, chainID)
	require.Equal(t, agg, r)
}

func TestHouseholdCommitmentIgnoresOrderAndRefusesDuplicates(t *testing.T) {
	a, _, err := types.HouseholdCommitment([]types.HouseholdReading{{Ref: "x", Wh: 1}, {Ref: "y", Wh: 2}})
	require.NoError(t, err)
	b, _, err := types.HouseholdCommitment([]types.HouseholdReading{{Ref: "y", Wh: 2}, {Ref: "x", Wh: 1}})
	require.NoError(t, err)
	require.Equal(t, a, b)
	c, _, err := types.HouseholdCommitment([]types.HouseholdReading{{Ref: "x", Wh: 2}, {Ref: "y", Wh: 1}})
	require.NoError(t, err)
	require.NotEqual(t, a, c, "moving Wh between households changes the commitment")
	_, _, err = types.HouseholdCommitment([]types.HouseholdReading{{Ref: "x", Wh: 1}, {Ref: "x", Wh: 1}})
	require.ErrorContains(t, err, "twice")
	_, _, err = types.HouseholdCommitment([]types.HouseholdReading{{Ref: "", Wh: 1}})
	require.Error(t, err)
	_, _, err = types.HouseholdCommitment([]types.HouseholdReading{{Ref: "a", Wh: ^uint64(0)}, {Ref: "b", Wh: 1}})
	require.ErrorContains(t, err, "overflow")
}

func TestParseReadingSignBytesRefuses(t *testing.T) {
	good := mustHex(t, vectorAggHex)
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	for name, bz := range map[string][]byte{
		"empty":                  nil,
		"other tag":              edit(func(b []byte) []byte { b[0] = 'X'; return b }),
		"version 2":              edit(func(b []byte) []byte { b[18] = 2; return b }),
		"truncated":              good[:len(good)-1],
		"trailing byte":          append(bytes.Clone(good), 0),
		"chain id length zero":   edit(func(b []byte) []byte { b[19], b[20] = 0, 0; return b }),
		"commitment length 31":   edit(func(b []byte) []byte { b[len(b)-33] = 31; return b[:len(b)-1] }),
		"meter id with a space":  edit(func(b []byte) []byte { b[38] = ' '; return b }),
		"chain id length beyond": edit(func(b []byte) []byte { b[19] = 0xff; return b }),
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := types.ParseReadingSignBytes(bz)
			require.Error(t, err)
		})
	}
}

// FuzzParseReadingSignBytes drives the decoder with hostile bytes: it never panics, and
// whatever it accepts re-encodes to exactly the same bytes (one encoding per reading).
func FuzzParseReadingSignBytes(f *testing.F) {
	f.Add(mustHex(&testing.T{}, vectorBytesHex))
	f.Add(mustHex(&testing.T{}, vectorAggHex))
	f.Add([]byte(types.ReadingSignTag))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, bz []byte) {
		chainID, r, err := types.ParseReadingSignBytes(bz)
		if err != nil {
			return
		}
		require.Equal(t, bz, types.ReadingSignBytes(chainID, r))
		require.NoError(t, types.ValidateSignedReading(r, false))
	})
}
