package types

import (
	"encoding/binary"

	errorsmod "cosmossdk.io/errors"
)

// The canonical bytes a meter signs (docs/adr/010-signed-meter-readings.md). They are
// written by hand, not by protobuf, so that a meter vendor can produce them in a few lines
// of C: a domain tag, a version byte, then every field at a fixed place or behind its length.
//
//	tag         18 bytes  ASCII "GRIDLEDGER-READING"
//	version      1 byte   0x01
//	chain_id     u16 BE length, then the bytes (1-255)
//	meter_id     u16 BE length, then the bytes (1-128)
//	period       u64 BE
//	wh           u64 BE
//	commitment   u8 length (0 or 32), then the bytes
const (
	// ReadingSignTag separates reading signatures from every other use of a meter key.
	ReadingSignTag = "GRIDLEDGER-READING"
	// ReadingSignVersion is the layout's version; a new layout gets a new version.
	ReadingSignVersion byte = 1
	// CommitmentLen is an aggregation point's commitment length (SHA-256).
	CommitmentLen = 32
	// SignatureLen is the length of an ed25519 signature and of a secp256k1 r || s.
	SignatureLen = 64
	// MaxChainIDLen and MaxMeterIDLen bound the two strings.
	MaxChainIDLen = 255
	MaxMeterIDLen = 128
	// MaxReadingWh bounds one reading: 1 TWh in one period is beyond any metering point, and
	// the bound keeps a period's totals far from overflowing.
	MaxReadingWh = 1_000_000_000_000
)

// ReadingSignBytes returns the bytes the meter signs for r on chainID. It does not check
// the fields; ValidateSignedReading does.
func ReadingSignBytes(chainID string, r SignedReading) []byte {
	out := make([]byte, 0, len(ReadingSignTag)+1+2+len(chainID)+2+len(r.MeterId)+8+8+1+len(r.Commitment))
	out = append(out, ReadingSignTag...)
	out = append(out, ReadingSignVersion)
	out = binary.BigEndian.AppendUint16(out, uint16(len(chainID)))
	out = append(out, chainID...)
	out = binary.BigEndian.AppendUint16(out, uint16(len(r.MeterId)))
	out = append(out, r.MeterId...)
	out = binary.BigEndian.AppendUint64(out, r.Period)
	out = binary.BigEndian.AppendUint64(out, r.Wh)
	out = append(out, byte(len(r.Commitment)))
	return append(out, r.Commitment...)
}

// ParseReadingSignBytes decodes sign bytes into the chain id and the reading they cover
// (without signature). It accepts exactly what ReadingSignBytes writes for a valid reading,
// so each reading has one encoding; vendors' test tools use it to check their encoders.
func ParseReadingSignBytes(bz []byte) (chainID string, r SignedReading, err error) {
	bad := func(what string) (string, SignedReading, error) {
		return "", SignedReading{}, errorsmod.Wrapf(ErrMalformedReading, "sign bytes: %s", what)
	}
	if len(bz) < len(ReadingSignTag)+1 || string(bz[:len(ReadingSignTag)]) != ReadingSignTag {
		return bad("missing the " + ReadingSignTag + " tag")
	}
	bz = bz[len(ReadingSignTag):]
	if bz[0] != ReadingSignVersion {
		return bad("unknown version")
	}
	bz = bz[1:]
	str := func(max int) (string, bool) {
		if len(bz) < 2 {
			return "", false
		}
		n := int(binary.BigEndian.Uint16(bz))
		if n == 0 || n > max || len(bz) < 2+n {
			return "", false
		}
		s := string(bz[2 : 2+n])
		bz = bz[2+n:]
		return s, true
	}
	var ok bool
	if chainID, ok = str(MaxChainIDLen); !ok {
		return bad("chain_id length")
	}
	if r.MeterId, ok = str(MaxMeterIDLen); !ok {
		return bad("meter_id length")
	}
	if len(bz) < 17 {
		return bad("truncated period, wh or commitment")
	}
	r.Period, r.Wh = binary.BigEndian.Uint64(bz), binary.BigEndian.Uint64(bz[8:])
	n := int(bz[16])
	bz = bz[17:]
	if (n != 0 && n != CommitmentLen) || len(bz) != n {
		return bad("commitment length")
	}
	if n > 0 {
		r.Commitment = append([]byte(nil), bz...)
	}
	if err := ValidateSignedReading(r, false); err != nil {
		return "", SignedReading{}, err
	}
	return chainID, r, nil
}

// ValidateSignedReading checks a reading's form on its own, before any state is read:
// a meter id in the registry's form, Wh within MaxReadingWh, a commitment of 0 or 32 bytes,
// and (withSignature) a 64-byte signature. Which meters need a commitment is state.
func ValidateSignedReading(r SignedReading, withSignature bool) error {
	if len(r.MeterId) == 0 || len(r.MeterId) > MaxMeterIDLen || !meterIDChars(r.MeterId) {
		return errorsmod.Wrapf(ErrMalformedReading, "meter_id %q must be 1-%d characters of A-Z a-z 0-9 . _ : -", r.MeterId, MaxMeterIDLen)
	}
	if r.Wh > MaxReadingWh {
		return errorsmod.Wrapf(ErrMalformedReading, "wh %d is above the %d a reading may carry", r.Wh, uint64(MaxReadingWh))
	}
	if len(r.Commitment) != 0 && len(r.Commitment) != CommitmentLen {
		return errorsmod.Wrapf(ErrMalformedCommitment, "commitment has %d bytes: it is empty, or the %d-byte hash of `gridd delivery commitment`", len(r.Commitment), CommitmentLen)
	}
	if withSignature && len(r.Signature) != SignatureLen {
		return errorsmod.Wrapf(ErrMalformedReading, "signature has %d bytes, not %d", len(r.Signature), SignatureLen)
	}
	return nil
}

// meterIDChars matches x/balancing's meter id alphabet without a regexp: it runs for every
// reading of every batch.
func meterIDChars(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == ':' || c == '-'):
		default:
			return false
		}
	}
	return true
}
