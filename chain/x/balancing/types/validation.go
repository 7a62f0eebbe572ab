package types

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

var (
	// legalIDPattern accepts EIC codes (16 characters), LEIs (20) and national
	// register numbers: upper-case letters, digits and dashes.
	legalIDPattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{2,34}$`)
	// meterIDPattern accepts metering-point ids such as Swiss 33-character MP ids.
	meterIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`)
	// locationNamePattern accepts grid-node and area names, never street addresses.
	locationNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$`)
	reasonCodePattern   = regexp.MustCompile(`^[a-z0-9_-]{0,32}$`)
)

const (
	maxDisplayNameLen = 64
	// VirtualMeterPrefix starts every virtual meter id; physical meters may not use it.
	VirtualMeterPrefix = "virtual:"
	// InterfaceMeterPrefix starts the synthetic meter id of an interface account's sides
	// (x/interchain, ADR 024 §5): the point where a link meets this grid. No physical
	// meter may use it, so no reading can ever be filed against one.
	InterfaceMeterPrefix = "interface:"
)

// ValidateLegalID checks a legal identifier's form.
func ValidateLegalID(id string) error {
	if !legalIDPattern.MatchString(id) {
		return errorsmod.Wrapf(ErrInvalidLegalID, "legal_id %q must be 3-35 upper-case letters, digits or dashes (e.g. an EIC code)", id)
	}
	return nil
}

// ValidateDisplayName checks a display name: 1-64 printable characters.
func ValidateDisplayName(name string) error {
	if strings.TrimSpace(name) == "" || len(name) > maxDisplayNameLen {
		return errorsmod.Wrapf(ErrInvalidDisplayName, "display_name must be 1-%d bytes of printable UTF-8, got %d", maxDisplayNameLen, len(name))
	}
	// Ranging over invalid UTF-8 yields U+FFFD, which is printable: check the encoding first.
	if !utf8.ValidString(name) {
		return errorsmod.Wrap(ErrInvalidDisplayName, "display_name is not valid UTF-8")
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return errorsmod.Wrapf(ErrInvalidDisplayName, "display_name has a non-printable character %U", r)
		}
	}
	return nil
}

// ValidateRoles checks that roles is non-empty, known and free of duplicates.
func ValidateRoles(roles []Role) error {
	if len(roles) == 0 {
		return errorsmod.Wrap(ErrInvalidRole, "roles must name at least one role")
	}
	seen := make(map[Role]bool, len(roles))
	for _, r := range roles {
		if _, known := Role_name[int32(r)]; !known || r == Role_ROLE_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidRole, "roles: unknown role %d", r)
		}
		if seen[r] {
			return errorsmod.Wrapf(ErrInvalidRole, "roles: %s listed twice", r)
		}
		seen[r] = true
	}
	return nil
}

// ValidateCategory checks that c is a known energy category.
func ValidateCategory(field string, c EnergyCategory) error {
	if _, known := EnergyCategory_name[int32(c)]; !known || c == EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED {
		return errorsmod.Wrapf(ErrInvalidCategory, "%s: unknown energy category %d", field, c)
	}
	return nil
}

// ValidateTradedCategories checks traded categories against the roles: only traders
// and retailers hold virtual meters (seed §2.3).
func ValidateTradedCategories(roles []Role, categories []EnergyCategory) error {
	seen := make(map[EnergyCategory]bool, len(categories))
	for _, c := range categories {
		if err := ValidateCategory("traded_categories", c); err != nil {
			return err
		}
		if seen[c] {
			return errorsmod.Wrapf(ErrInvalidCategory, "traded_categories: %s listed twice", c)
		}
		seen[c] = true
	}
	if len(categories) > 0 && !HasRole(roles, Role_ROLE_TRADER) && !HasRole(roles, Role_ROLE_RETAILER) {
		return errorsmod.Wrap(ErrInvalidCategory, "traded_categories needs the trader or retailer role")
	}
	return nil
}

// HasRole reports whether roles contains r.
func HasRole(roles []Role, r Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// ValidateMeterID checks a physical meter id's form.
func ValidateMeterID(id string) error {
	if !meterIDPattern.MatchString(id) {
		return errorsmod.Wrapf(ErrInvalidMeterID, "id %q must be 1-128 characters of A-Z a-z 0-9 . _ : -", id)
	}
	if strings.HasPrefix(id, VirtualMeterPrefix) {
		return errorsmod.Wrapf(ErrInvalidMeterID, "id %q: the prefix %q is reserved for virtual meters", id, VirtualMeterPrefix)
	}
	if strings.HasPrefix(id, InterfaceMeterPrefix) {
		return errorsmod.Wrapf(ErrInvalidMeterID, "id %q: the prefix %q is reserved for the interface meters of cross-grid links", id, InterfaceMeterPrefix)
	}
	return nil
}

// ValidateLocation checks a coarse location: a grid node or an area, and coordinates
// only when flagged, within range.
func ValidateLocation(loc Location) error {
	if loc.GridNode == "" && loc.Area == "" {
		return errorsmod.Wrap(ErrInvalidLocation, "location needs a grid_node or an area")
	}
	// A slice, not a map: ranging over a map would name a random field when both are
	// bad, and validators run in the state machine.
	for _, f := range [...]struct{ field, v string }{{"grid_node", loc.GridNode}, {"area", loc.Area}} {
		if f.v != "" && !locationNamePattern.MatchString(f.v) {
			return errorsmod.Wrapf(ErrInvalidLocation, "location.%s %q must be 1-64 characters of A-Z a-z 0-9 . _ : / -", f.field, f.v)
		}
	}
	if !loc.HasCoordinates {
		if loc.LatCenti != 0 || loc.LonCenti != 0 {
			return errorsmod.Wrap(ErrInvalidLocation, "location has lat/lon but has_coordinates is false")
		}
		return nil
	}
	if loc.LatCenti < -9000 || loc.LatCenti > 9000 {
		return errorsmod.Wrapf(ErrInvalidLocation, "location.lat_centi %d outside -9000..9000", loc.LatCenti)
	}
	if loc.LonCenti < -18000 || loc.LonCenti > 18000 {
		return errorsmod.Wrapf(ErrInvalidLocation, "location.lon_centi %d outside -18000..18000", loc.LonCenti)
	}
	return nil
}

// ValidateMeterKey checks a meter's public key against its algorithm.
func ValidateMeterKey(alg KeyAlgorithm, key []byte) error {
	switch alg {
	case KeyAlgorithm_KEY_ALGORITHM_SECP256K1:
		if len(key) != 33 {
			return errorsmod.Wrapf(ErrInvalidPublicKey, "public_key: secp256k1 keys are 33 bytes (compressed), got %d", len(key))
		}
		if _, err := secp256k1.ParsePubKey(key); err != nil {
			return errorsmod.Wrapf(ErrInvalidPublicKey, "public_key is not a secp256k1 point: %v", err)
		}
	case KeyAlgorithm_KEY_ALGORITHM_ED25519:
		if len(key) != 32 {
			return errorsmod.Wrapf(ErrInvalidPublicKey, "public_key: ed25519 keys are 32 bytes, got %d", len(key))
		}
	default:
		return errorsmod.Wrapf(ErrInvalidPublicKey, "key_algorithm %d is not secp256k1 or ed25519", alg)
	}
	return nil
}

// ConsentHashLen is the length of a household's consent hash (SHA-256).
const ConsentHashLen = 32

// ValidatePointKind checks a physical meter's metering point kind and its consent hash:
// a household that opted in names the hash of its consent record (kept off-chain by the
// owner, seed §2.8.4), every other kind names none.
func ValidatePointKind(kind MeteringPointKind, consentHash []byte) error {
	switch kind {
	case MeteringPointKind_METERING_POINT_KIND_COMPANY, MeteringPointKind_METERING_POINT_KIND_AGGREGATION_POINT:
		if len(consentHash) != 0 {
			return errorsmod.Wrapf(ErrInvalidPointKind, "consent_hash is for a household that opted in, not a %s", kind)
		}
	case MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN:
		if len(consentHash) != ConsentHashLen {
			return errorsmod.Wrapf(ErrInvalidPointKind,
				"consent_hash: a household's opt-in needs the %d-byte hash of its consent record, got %d bytes", ConsentHashLen, len(consentHash))
		}
	case MeteringPointKind_METERING_POINT_KIND_UNSPECIFIED:
		return errorsmod.Wrap(ErrInvalidPointKind,
			"point_kind is required: company, aggregation-point (a retailer's sum over households) or household-opt-in")
	default:
		return errorsmod.Wrapf(ErrInvalidPointKind, "point_kind: unknown metering point kind %d", kind)
	}
	return nil
}

// ValidateReasonCode checks an operator's reason code: a short machine code, never prose
// about people (seed §2.8).
func ValidateReasonCode(code string) error {
	if !reasonCodePattern.MatchString(code) {
		return errorsmod.Wrapf(ErrInvalidReasonCode, "reason_code %q must be at most 32 characters of a-z 0-9 _ -", code)
	}
	return nil
}

// InterfaceMeterID is the synthetic meter of the interface account on the energy channel
// channelID: where a cross-grid purchase's energy enters or leaves this grid.
func InterfaceMeterID(channelID string) string { return InterfaceMeterPrefix + channelID }

// IsInterfaceMeter says whether id is an interface account's synthetic meter.
func IsInterfaceMeter(id string) bool { return strings.HasPrefix(id, InterfaceMeterPrefix) }

// VirtualMeterID is the id of a trader's virtual meter for one category; derived,
// never chosen, so it cannot collide with a physical meter.
func VirtualMeterID(owner string, c EnergyCategory) string {
	name := strings.ToLower(strings.TrimPrefix(c.String(), "ENERGY_CATEGORY_"))
	return fmt.Sprintf("%s%s:%s", VirtualMeterPrefix, owner, name)
}
