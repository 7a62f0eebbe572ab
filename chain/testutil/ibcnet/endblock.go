package ibcnet

import (
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"
)

// RunAtBlockEnd runs f on c's state as a block's end would (EndBlock work, whose events a
// block's transactions do not carry), queues the packets and acknowledgements its events
// announce, and commits the block so the counterparties can prove them.
func (n *Network) RunAtBlockEnd(c *Chain, f func(ctx sdk.Context) error) {
	t := n.T
	t.Helper()
	ctx := c.Ctx().WithEventManager(sdk.NewEventManager())
	require.NoError(t, f(ctx))
	c.NextBlock()
	n.Coord.IncrementTime()
	n.collect(c, &abci.ExecTxResult{Events: ctx.EventManager().ABCIEvents()}, false)
}
