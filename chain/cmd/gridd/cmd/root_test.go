package cmd_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/cmd/gridd/cmd"
)

// TestEveryModuleCommandBuilds builds the CLI as `gridd` does: autocli generates a command
// per Msg and query and panics on a clash (a proto field named like a global flag, e.g.
// `note`), which only a real start of the binary would otherwise show.
func TestEveryModuleCommandBuilds(t *testing.T) {
	root := cmd.NewRootCmd()
	for _, path := range [][]string{
		{"tx", "settlement", "declare-transmission-cost"},
		{"query", "settlement", "statement"},
		{"tx", "energy", "buy-side"},
		{"query", "delivery", "reconciliation"},
	} {
		found, _, err := root.Find(path)
		require.NoError(t, err, "gridd %v", path)
		require.Equal(t, path[len(path)-1], found.Name(), "gridd %v", path)
	}
}
