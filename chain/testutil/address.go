// Package testutil holds helpers shared by the chain's module tests: the grid
// bech32 prefixes and deterministic test addresses.
package testutil

import (
	"crypto/sha256"
	"sync"

	"cosmossdk.io/core/address"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Bech32Prefix is the account prefix of gridledger addresses (app.Bech32Prefix);
// repeated here so that module tests need not build the whole app.
const Bech32Prefix = "grid"

// AddressCodec encodes and decodes grid account addresses, as the app's keepers do.
var AddressCodec address.Codec = addresscodec.NewBech32Codec(Bech32Prefix)

var prefixOnce sync.Once

// SetBech32Prefixes installs the grid prefixes in the SDK's global config. Records
// such as Participant.Address are written with sdk.AccAddress.String and checked
// with sdk.AccAddressFromBech32, which read the global config, so tests must agree
// with the address codec. It never seals the config and does nothing when the
// prefixes are already set (by app.SetAddressPrefixes, say); it panics only when a
// sealed config carries another prefix, which no grid test can work with.
func SetBech32Prefixes() {
	prefixOnce.Do(func() {
		cfg := sdk.GetConfig()
		if cfg.GetBech32AccountAddrPrefix() == Bech32Prefix {
			return
		}
		cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32Prefix+sdk.PrefixPublic)
		cfg.SetBech32PrefixForValidator(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator,
			Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator+sdk.PrefixPublic)
		cfg.SetBech32PrefixForConsensusNode(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus,
			Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus+sdk.PrefixPublic)
	})
}

// AccAddress derives a 20-byte account address from seed, so that tests name
// accounts ("trader-1") instead of pasting bech32 strings.
func AccAddress(seed string) sdk.AccAddress {
	sum := sha256.Sum256([]byte(seed))
	return sdk.AccAddress(sum[:20])
}

// Addr is the grid bech32 form of AccAddress(seed).
func Addr(seed string) string {
	s, err := AddressCodec.BytesToString(AccAddress(seed))
	if err != nil {
		panic(err)
	}
	return s
}
