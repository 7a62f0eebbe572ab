package app

import (
	"os"
	"path/filepath"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// AppName is the application's name in logs and version output.
	AppName = "gridd"
	// Bech32Prefix is the human-readable part of every gridledger address.
	Bech32Prefix = "grid"
	// BondDenom is the staking and fee token of a grid chain. Money for energy is
	// tokenised fiat (x/fiat), never this token.
	BondDenom = "ugrid"
)

// DefaultNodeHome is where gridd keeps its data unless --home says otherwise.
var DefaultNodeHome = func() string {
	home, err := os.UserHomeDir()
	if err != nil {
		home = "."
	}
	return filepath.Join(home, ".gridd")
}()

// SetAddressPrefixes installs the grid bech32 prefixes in the SDK's global config.
// It is idempotent and must run before any address is parsed.
func SetAddressPrefixes() {
	cfg := sdk.GetConfig()
	if cfg.GetBech32AccountAddrPrefix() == Bech32Prefix {
		return
	}
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32Prefix+sdk.PrefixPublic)
	cfg.SetBech32PrefixForValidator(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator, Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator+sdk.PrefixPublic)
	cfg.SetBech32PrefixForConsensusNode(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus, Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus+sdk.PrefixPublic)
	cfg.Seal()
}

func init() {
	SetAddressPrefixes()
	sdk.DefaultBondDenom = BondDenom
}
