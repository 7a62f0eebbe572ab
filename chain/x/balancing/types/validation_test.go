package types_test

import (
	"bytes"
	"crypto/sha256"
	"math/big"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// requireValid asserts err is nil when want is nil, and errors.Is(err, want) otherwise.
func requireValid(t *testing.T, want, err error) {
	t.Helper()
	if want == nil {
		require.NoError(t, err)
		return
	}
	require.ErrorIs(t, err, want)
}

func TestValidateLegalID(t *testing.T) {
	cases := []struct {
		name string
		id   string
		want error
	}{
		{"EIC code", "12X-ALPHA-TRADE1", nil},
		{"LEI", "529900T8BM49AURSDO55", nil},
		{"3 characters", "A1-", nil},
		{"35 characters", strings.Repeat("9", 35), nil},
		{"empty", "", types.ErrInvalidLegalID},
		{"2 characters", "A1", types.ErrInvalidLegalID},
		{"36 characters", strings.Repeat("9", 36), types.ErrInvalidLegalID},
		{"lower case", "12x-alpha", types.ErrInvalidLegalID},
		{"leading dash", "-12X", types.ErrInvalidLegalID},
		{"space", "12X ALPHA", types.ErrInvalidLegalID},
		{"underscore", "12X_ALPHA", types.ErrInvalidLegalID},
		{"trailing newline", "12XALPHA\n", types.ErrInvalidLegalID},
		{"non-ASCII letter", "12X-ÄLPHA", types.ErrInvalidLegalID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { requireValid(t, tc.want, types.ValidateLegalID(tc.id)) })
	}
}

func TestValidateDisplayName(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
	}{
		{"plain", "Alpha Trading AG", nil},
		{"accents and ampersand", "Énergie & Co", nil},
		{"64 bytes", strings.Repeat("x", 64), nil},
		{"empty", "", types.ErrInvalidDisplayName},
		{"blank", " \t ", types.ErrInvalidDisplayName},
		{"65 bytes", strings.Repeat("x", 65), types.ErrInvalidDisplayName},
		{"33 two-byte characters are 66 bytes", strings.Repeat("é", 33), types.ErrInvalidDisplayName},
		{"newline", "Alpha\nAG", types.ErrInvalidDisplayName},
		{"NUL", "Alpha\x00", types.ErrInvalidDisplayName},
		{"invalid UTF-8", "Alpha \xc3", types.ErrInvalidDisplayName},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { requireValid(t, tc.want, types.ValidateDisplayName(tc.in)) })
	}
}

func TestValidateRolesAndCategories(t *testing.T) {
	r := func(xs ...types.Role) []types.Role { return xs }
	c := func(xs ...types.EnergyCategory) []types.EnergyCategory { return xs }
	solar, wind := types.EnergyCategory_ENERGY_CATEGORY_SOLAR, types.EnergyCategory_ENERGY_CATEGORY_WIND
	cases := []struct {
		name  string
		roles []types.Role
		cats  []types.EnergyCategory
		want  error
	}{
		{"every role once", r(1, 2, 3, 4, 5, 6, 7, 8), nil, nil},
		{"trader with categories", r(types.Role_ROLE_TRADER), c(solar, wind), nil},
		{"retailer with every category", r(types.Role_ROLE_RETAILER), c(1, 2, 3, 4, 5, 6, 7, 8), nil},
		{"no roles", nil, nil, types.ErrInvalidRole},
		{"unspecified role", r(0), nil, types.ErrInvalidRole},
		{"unknown role", r(10), nil, types.ErrInvalidRole},
		{"negative role", r(-1), nil, types.ErrInvalidRole},
		{"duplicate role", r(4, 1, 4), nil, types.ErrInvalidRole},
		{"unspecified category", r(4), c(0), types.ErrInvalidCategory},
		{"unknown category", r(4), c(9), types.ErrInvalidCategory},
		{"duplicate category", r(4), c(solar, solar), types.ErrInvalidCategory},
		{"categories without trader or retailer", r(types.Role_ROLE_PRODUCER, types.Role_ROLE_BANK), c(solar), types.ErrInvalidCategory},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := types.ValidateRoles(tc.roles)
			if err == nil {
				err = types.ValidateTradedCategories(tc.roles, tc.cats)
			}
			requireValid(t, tc.want, err)
		})
	}
}

func TestValidateMeterID(t *testing.T) {
	cases := []struct {
		name, id string
		want     error
	}{
		{"Swiss metering point id", "CH1012601234500000000000000000001", nil},
		{"all punctuation", "a.b_c:d-e", nil},
		{"one character", "7", nil},
		{"128 characters", strings.Repeat("m", 128), nil},
		{"virtual prefix in another case is a different id", "Virtual:x", nil},
		{"empty", "", types.ErrInvalidMeterID},
		{"129 characters", strings.Repeat("m", 129), types.ErrInvalidMeterID},
		{"leading dash", "-m", types.ErrInvalidMeterID},
		{"slash", "a/b", types.ErrInvalidMeterID},
		{"space", "a b", types.ErrInvalidMeterID},
		{"reserved virtual: prefix", "virtual:x", types.ErrInvalidMeterID},
		{"bare virtual: prefix", "virtual:", types.ErrInvalidMeterID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { requireValid(t, tc.want, types.ValidateMeterID(tc.id)) })
	}
}

func TestValidateLocation(t *testing.T) {
	cases := []struct {
		name string
		loc  types.Location
		want error
	}{
		{"grid node only", types.Location{GridNode: "ZH-SUB-7"}, nil},
		{"area only", types.Location{Area: "CH-ZH"}, nil},
		{"both with coordinates", types.Location{GridNode: "n", Area: "a/b:c", HasCoordinates: true, LatCenti: 4737, LonCenti: 854}, nil},
		{"coordinates at the limits", types.Location{Area: "a", HasCoordinates: true, LatCenti: 9000, LonCenti: -18000}, nil},
		{"coordinates at zero", types.Location{Area: "a", HasCoordinates: true}, nil},
		{"64-character area", types.Location{Area: strings.Repeat("a", 64)}, nil},
		{"nothing", types.Location{}, types.ErrInvalidLocation},
		{"coordinates only", types.Location{HasCoordinates: true, LatCenti: 1}, types.ErrInvalidLocation},
		{"65-character area", types.Location{Area: strings.Repeat("a", 65)}, types.ErrInvalidLocation},
		{"area with a space", types.Location{Area: "Bahnhofstrasse 1"}, types.ErrInvalidLocation},
		{"grid node with a leading slash", types.Location{GridNode: "/n"}, types.ErrInvalidLocation},
		{"valid area, invalid grid node", types.Location{GridNode: "n#1", Area: "CH-ZH"}, types.ErrInvalidLocation},
		{"latitude 90.01", types.Location{Area: "a", HasCoordinates: true, LatCenti: 9001}, types.ErrInvalidLocation},
		{"longitude -180.01", types.Location{Area: "a", HasCoordinates: true, LonCenti: -18001}, types.ErrInvalidLocation},
		{"longitude without the flag", types.Location{Area: "a", LonCenti: 854}, types.ErrInvalidLocation},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { requireValid(t, tc.want, types.ValidateLocation(tc.loc)) })
	}
}

// TestValidateLocationErrorIsDeterministic: with both names invalid the error must
// name the same field every time; validators run in the state machine.
func TestValidateLocationErrorIsDeterministic(t *testing.T) {
	loc := types.Location{GridNode: "bad node", Area: "bad area"}
	first := types.ValidateLocation(loc).Error()
	for i := 0; i < 200; i++ {
		require.Equal(t, first, types.ValidateLocation(loc).Error())
	}
}

func TestValidateMeterKey(t *testing.T) {
	sum := sha256.Sum256([]byte("meter"))
	secp := secp256k1.PrivKeyFromBytes(sum[:]).PubKey()
	secpAlg, edAlg := types.KeyAlgorithm_KEY_ALGORITHM_SECP256K1, types.KeyAlgorithm_KEY_ALGORITHM_ED25519
	cases := []struct {
		name string
		alg  types.KeyAlgorithm
		key  []byte
		want error
	}{
		{"compressed secp256k1", secpAlg, secp.SerializeCompressed(), nil},
		{"ed25519", edAlg, sum[:], nil},
		{"uncompressed secp256k1", secpAlg, secp.SerializeUncompressed(), types.ErrInvalidPublicKey},
		{"secp256k1 of 32 bytes", secpAlg, secp.SerializeCompressed()[:32], types.ErrInvalidPublicKey},
		{"33 bytes, x above the field prime", secpAlg, append([]byte{0x03}, bytes.Repeat([]byte{0xff}, 32)...), types.ErrInvalidPublicKey},
		{"33 bytes, prefix 0x04", secpAlg, append([]byte{0x04}, secp.SerializeCompressed()[1:]...), types.ErrInvalidPublicKey},
		{"33 zero bytes", secpAlg, make([]byte, 33), types.ErrInvalidPublicKey},
		{"ed25519 of 31 bytes", edAlg, sum[:31], types.ErrInvalidPublicKey},
		{"ed25519 of 33 bytes", edAlg, secp.SerializeCompressed(), types.ErrInvalidPublicKey},
		{"empty key", edAlg, nil, types.ErrInvalidPublicKey},
		{"unspecified algorithm", types.KeyAlgorithm_KEY_ALGORITHM_UNSPECIFIED, sum[:], types.ErrInvalidPublicKey},
		{"unknown algorithm", types.KeyAlgorithm(3), sum[:], types.ErrInvalidPublicKey},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { requireValid(t, tc.want, types.ValidateMeterKey(tc.alg, tc.key)) })
	}
}

func TestValidateReasonCode(t *testing.T) {
	cases := []struct {
		name, code string
		want       error
	}{
		{"empty", "", nil},
		{"snake case", "late_payment", nil},
		{"kebab case with digits", "rule-4-2", nil},
		{"32 characters", strings.Repeat("r", 32), nil},
		{"33 characters", strings.Repeat("r", 33), types.ErrInvalidReasonCode},
		{"upper case", "Late", types.ErrInvalidReasonCode},
		{"space", "late payment", types.ErrInvalidReasonCode},
		{"prose", "did not pay.", types.ErrInvalidReasonCode},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { requireValid(t, tc.want, types.ValidateReasonCode(tc.code)) })
	}
}

func TestVirtualMeterID(t *testing.T) {
	owner := "grid1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du"
	want := map[types.EnergyCategory]string{
		types.EnergyCategory_ENERGY_CATEGORY_SOLAR:   "solar",
		types.EnergyCategory_ENERGY_CATEGORY_WIND:    "wind",
		types.EnergyCategory_ENERGY_CATEGORY_HYDRO:   "hydro",
		types.EnergyCategory_ENERGY_CATEGORY_NUCLEAR: "nuclear",
		types.EnergyCategory_ENERGY_CATEGORY_COAL:    "coal",
		types.EnergyCategory_ENERGY_CATEGORY_METHANE: "methane",
		types.EnergyCategory_ENERGY_CATEGORY_BIOMASS: "biomass",
		types.EnergyCategory_ENERGY_CATEGORY_OTHER:   "other",
	}
	require.Len(t, want, len(types.EnergyCategory_name)-1, "a category was added: name its virtual meter here")
	for c, name := range want {
		id := types.VirtualMeterID(owner, c)
		require.Equal(t, "virtual:"+owner+":"+name, id)
		// A derived id can never be registered as a physical meter.
		require.ErrorIs(t, types.ValidateMeterID(id), types.ErrInvalidMeterID)
	}
}

// Fuzz targets. Each holds an invariant against an oracle written without the
// module's regular expressions, so a change of pattern that breaks the documented
// form fails here; `go test` runs the seeds, `go test -fuzz=^FuzzX$` explores.

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

// legalIDOracle: 3-35 upper-case letters, digits or dashes, not starting with a dash.
func legalIDOracle(id string) bool {
	if len(id) < 3 || len(id) > 35 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		upperOrDigit := c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !upperOrDigit && (c != '-' || i == 0) {
			return false
		}
	}
	return true
}

// nameOracle: 1-max characters of A-Z a-z 0-9 and extra, starting with a letter or digit.
func nameOracle(s string, max int, extra string) bool {
	if len(s) < 1 || len(s) > max || !isAlnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isAlnum(s[i]) && !strings.ContainsRune(extra, rune(s[i])) {
			return false
		}
	}
	return true
}

func FuzzValidateLegalID(f *testing.F) {
	for _, s := range []string{"12X-ALPHA-TRADE1", "A1-", "AB", "-AB", "ab-c", "12X\n", strings.Repeat("Z", 35), strings.Repeat("Z", 36), "", "ÄBC", "A\x00B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		err := types.ValidateLegalID(id)
		require.Equal(t, legalIDOracle(id), err == nil, "ValidateLegalID(%q) = %v", id, err)
		if err != nil {
			require.ErrorIs(t, err, types.ErrInvalidLegalID)
		}
	})
}

func FuzzValidateMeterID(f *testing.F) {
	for _, s := range []string{"CH1012601234500000000000000000001", "a.b_c:d-e", "virtual:x", "virtual:", "Virtual:x", "interface:channel-0", "Interface:x", "", ".a", "a/b", strings.Repeat("m", 128), strings.Repeat("m", 129), "m\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		err := types.ValidateMeterID(id)
		want := nameOracle(id, 128, "._:-") && !strings.HasPrefix(id, types.VirtualMeterPrefix) && !strings.HasPrefix(id, types.InterfaceMeterPrefix)
		require.Equal(t, want, err == nil, "ValidateMeterID(%q) = %v", id, err)
		if err != nil {
			require.ErrorIs(t, err, types.ErrInvalidMeterID)
		}
	})
}

func FuzzValidateLocation(f *testing.F) {
	f.Add("ZH-SUB-7", "CH-ZH", true, int32(4737), int32(854))
	f.Add("", "", false, int32(0), int32(0))
	f.Add("", "a", false, int32(1), int32(0))
	f.Add("n", "", true, int32(9001), int32(0))
	f.Add("n", "", true, int32(-9000), int32(-18001))
	f.Add("bad node", "bad area", false, int32(0), int32(0))
	f.Add(strings.Repeat("a", 65), "/x", true, int32(0), int32(18000))
	f.Fuzz(func(t *testing.T, gridNode, area string, has bool, lat, lon int32) {
		loc := types.Location{GridNode: gridNode, Area: area, HasCoordinates: has, LatCenti: lat, LonCenti: lon}
		err := types.ValidateLocation(loc)
		const extra = "._:/-"
		want := (gridNode != "" || area != "") &&
			(gridNode == "" || nameOracle(gridNode, 64, extra)) &&
			(area == "" || nameOracle(area, 64, extra))
		if has {
			want = want && lat >= -9000 && lat <= 9000 && lon >= -18000 && lon <= 18000
		} else {
			want = want && lat == 0 && lon == 0
		}
		require.Equal(t, want, err == nil, "ValidateLocation(%+v) = %v", loc, err)
		if err != nil {
			require.ErrorIs(t, err, types.ErrInvalidLocation)
			for i := 0; i < 8; i++ {
				require.Equal(t, err.Error(), types.ValidateLocation(loc).Error(), "error text must not vary")
			}
		}
	})
}

// secpOracle decides whether key is a compressed secp256k1 point with math/big:
// prefix 02 or 03, x below the field prime, x³+7 a square mod p.
func secpOracle(key []byte) bool {
	p, _ := new(big.Int).SetString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16)
	if len(key) != 33 || (key[0] != 0x02 && key[0] != 0x03) {
		return false
	}
	x := new(big.Int).SetBytes(key[1:])
	if x.Cmp(p) >= 0 {
		return false
	}
	rhs := new(big.Int).Exp(x, big.NewInt(3), p)
	rhs.Add(rhs, big.NewInt(7)).Mod(rhs, p)
	return big.Jacobi(rhs, p) == 1 // 0 would need y = 0, which no x on secp256k1 has
}

func FuzzValidateMeterKey(f *testing.F) {
	sum := sha256.Sum256([]byte("seed"))
	pub := secp256k1.PrivKeyFromBytes(sum[:]).PubKey()
	f.Add(int32(1), pub.SerializeCompressed())
	f.Add(int32(1), pub.SerializeUncompressed())
	f.Add(int32(1), append([]byte{0x02}, bytes.Repeat([]byte{0xff}, 32)...))
	f.Add(int32(1), append([]byte{0x02}, make([]byte, 32)...))
	f.Add(int32(1), append([]byte{0x05}, sum[:]...))
	f.Add(int32(2), sum[:])
	f.Add(int32(2), sum[:31])
	f.Add(int32(0), sum[:])
	f.Add(int32(3), pub.SerializeCompressed())
	f.Add(int32(-1), []byte{})
	f.Fuzz(func(t *testing.T, alg int32, key []byte) {
		err := types.ValidateMeterKey(types.KeyAlgorithm(alg), key)
		var want bool
		switch types.KeyAlgorithm(alg) {
		case types.KeyAlgorithm_KEY_ALGORITHM_SECP256K1:
			want = secpOracle(key)
		case types.KeyAlgorithm_KEY_ALGORITHM_ED25519:
			want = len(key) == 32
		}
		require.Equal(t, want, err == nil, "ValidateMeterKey(%d, %x) = %v", alg, key, err)
		if err != nil {
			require.ErrorIs(t, err, types.ErrInvalidPublicKey)
			return
		}
		if alg == int32(types.KeyAlgorithm_KEY_ALGORITHM_SECP256K1) {
			// An accepted key is the canonical encoding of its point.
			pk, perr := secp256k1.ParsePubKey(key)
			require.NoError(t, perr)
			require.Equal(t, key, pk.SerializeCompressed())
		}
	})
}

func FuzzValidateDisplayName(f *testing.F) {
	for _, s := range []string{"Alpha AG", "", "  ", "\xff\xfe", "Énergie", strings.Repeat("é", 32), strings.Repeat("é", 33), "a\u200bb", "a\x7fb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		err := types.ValidateDisplayName(name)
		want := utf8.ValidString(name) && len(name) <= 64 && strings.TrimSpace(name) != "" &&
			strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) < 0
		require.Equal(t, want, err == nil, "ValidateDisplayName(%q) = %v", name, err)
		if err != nil {
			require.ErrorIs(t, err, types.ErrInvalidDisplayName)
		}
	})
}

func FuzzValidateReasonCode(f *testing.F) {
	for _, s := range []string{"", "late_payment", "Late", "a b", strings.Repeat("r", 33)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		err := types.ValidateReasonCode(code)
		want := len(code) <= 32
		for i := 0; i < len(code); i++ {
			c := code[i]
			want = want && (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')
		}
		require.Equal(t, want, err == nil, "ValidateReasonCode(%q) = %v", code, err)
		if err != nil {
			require.ErrorIs(t, err, types.ErrInvalidReasonCode)
		}
	})
}
