package types

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
)

// HouseholdCommitmentTag separates household commitments from every other hash.
const HouseholdCommitmentTag = "GRIDLEDGER-HOUSEHOLDS"

// HouseholdReading is one household's energy in an aggregation point's reading, kept
// off-chain by the aggregator. Ref is the aggregator's pseudonymous reference of the
// household (random, at least 16 bytes of entropy, never a name or an address).
type HouseholdReading struct {
	Ref string
	Wh  uint64
}

// HouseholdCommitment is the commitment an aggregation point's reading carries: SHA-256 of
//
//	"GRIDLEDGER-HOUSEHOLDS" || 0x01 || u32 BE count || for each household in byte order
//	of ref: u16 BE len(ref) || ref || u64 BE wh
//
// The sort makes the commitment independent of the order the aggregator lists them in.
// It returns the commitment and the households' sum, which the reading's wh must equal.
func HouseholdCommitment(households []HouseholdReading) ([]byte, uint64, error) {
	sorted := append([]HouseholdReading(nil), households...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Ref < sorted[j].Ref })
	var buf bytes.Buffer
	buf.WriteString(HouseholdCommitmentTag)
	buf.WriteByte(1)
	buf.Write(binary.BigEndian.AppendUint32(nil, uint32(len(sorted))))
	var sum uint64
	for i, h := range sorted {
		if h.Ref == "" || len(h.Ref) > 0xffff {
			return nil, 0, fmt.Errorf("household %d: ref must be 1-65535 bytes", i+1)
		}
		if i > 0 && sorted[i-1].Ref == h.Ref {
			return nil, 0, fmt.Errorf("household %q is listed twice", h.Ref)
		}
		if sum+h.Wh < sum {
			return nil, 0, fmt.Errorf("the households' Wh overflow a uint64")
		}
		sum += h.Wh
		buf.Write(binary.BigEndian.AppendUint16(nil, uint16(len(h.Ref))))
		buf.WriteString(h.Ref)
		buf.Write(binary.BigEndian.AppendUint64(nil, h.Wh))
	}
	digest := sha256.Sum256(buf.Bytes())
	return digest[:], sum, nil
}
