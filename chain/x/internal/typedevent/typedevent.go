// Package typedevent builds the ABCI form of a typed event directly, for the events a
// market emits on every trade.
//
// sdk.EventManager.EmitTypedEvent marshals the event with jsonpb, parses that JSON back
// into a map and sorts its keys: two reflection passes and a dozen allocations per event,
// which a profile of a block of trades shows as a tenth of a trade's message cost. A
// Builder writes the same attributes (jsonpb with OrigName and EmitDefaults, as the SDK
// configures it: 64-bit integers and enum names quoted, strings JSON-escaped) in one pass.
// Each event built this way has a test proving it equal to sdk.TypedEventToEvent, so
// sdk.ParseTypedEvent and every client reading typed events see no difference.
package typedevent

import (
	"encoding/json"
	"strconv"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Builder collects the attributes of one event. Add them in the byte order of their keys
// (the order TypedEventToEvent sorts them into).
type Builder struct {
	event sdk.Event
}

// New starts an event of the given proto message name with room for n attributes.
func New(typeName string, n int) *Builder {
	return &Builder{event: sdk.Event{Type: typeName, Attributes: make([]abci.EventAttribute, 0, n)}}
}

// String adds a string field: a JSON string, escaped as encoding/json escapes it.
func (b *Builder) String(key, value string) *Builder {
	return b.add(key, quoteJSON(value))
}

// Uint64 adds a uint64 field: jsonpb quotes 64-bit integers.
func (b *Builder) Uint64(key string, value uint64) *Builder {
	return b.add(key, `"`+strconv.FormatUint(value, 10)+`"`)
}

// Int64 adds an int64 field, quoted like Uint64.
func (b *Builder) Int64(key string, value int64) *Builder {
	return b.add(key, `"`+strconv.FormatInt(value, 10)+`"`)
}

// Enum adds an enum field by its name (what the enum's String method returns).
func (b *Builder) Enum(key, name string) *Builder {
	return b.add(key, quoteJSON(name))
}

// Event returns the built event.
func (b *Builder) Event() sdk.Event { return b.event }

func (b *Builder) add(key, value string) *Builder {
	b.event.Attributes = append(b.event.Attributes, abci.EventAttribute{Key: key, Value: value})
	return b
}

// quoteJSON is json.Marshal of a string, without its reflection for the usual case of a
// string that needs no escaping (bech32 addresses, denoms, numbers).
func quoteJSON(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			bz, _ := json.Marshal(s) // a string always marshals
			return string(bz)
		}
	}
	return `"` + s + `"`
}
