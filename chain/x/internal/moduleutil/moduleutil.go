// Package moduleutil holds the small pieces every gridledger module repeats: address
// parsing with a field-naming, module-registered error, autocli positional arguments, and
// listing a collection's values for a genesis export.
package moduleutil

import (
	"context"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// ParseAddress decodes a bech32 account address. Failures wrap the calling module's
// invalid-address error and name the field, so clients see which input was wrong.
func ParseAddress(codec address.Codec, errInvalid *errorsmod.Error, field, addr string) (sdk.AccAddress, error) {
	if addr == "" {
		return nil, errorsmod.Wrapf(errInvalid, "%s is empty", field)
	}
	bz, err := codec.StringToBytes(addr)
	if err != nil {
		return nil, errorsmod.Wrapf(errInvalid, "%s %q: %v", field, addr, err)
	}
	return bz, nil
}

// Positional lists proto fields as autocli positional arguments, in order.
func Positional(fields ...string) []*autocliv1.PositionalArgDescriptor {
	out := make([]*autocliv1.PositionalArgDescriptor, len(fields))
	for i, f := range fields {
		out[i] = &autocliv1.PositionalArgDescriptor{ProtoField: f}
	}
	return out
}

// Values lists every value of m in key order, as a genesis export writes them.
func Values[K, V any](ctx context.Context, m collections.Map[K, V]) ([]V, error) {
	it, err := m.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	return it.Values()
}
