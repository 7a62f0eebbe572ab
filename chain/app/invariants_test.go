package app_test

import (
	"context"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	invariantstypes "github.com/gridledger/gridledger/chain/x/invariants/types"
)

// TestLiveInvariantsAreServed: the invariants queries are routed, and a fresh chain passes
// every invariant in one page each.
func TestLiveInvariantsAreServed(t *testing.T) {
	staker, operator := apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, operator, staker, operator)
	query := func(path string, req interface{ Marshal() ([]byte, error) }) []byte {
		bz, err := req.Marshal()
		require.NoError(t, err)
		res, err := c.App.Query(context.Background(), &abci.RequestQuery{Path: path, Data: bz})
		require.NoError(t, err)
		require.Zero(t, res.Code, res.Log)
		return res.Value
	}
	var list invariantstypes.QueryInvariantsResponse
	require.NoError(t, list.Unmarshal(query("/gridledger.invariants.v1.Query/Invariants", &invariantstypes.QueryInvariantsRequest{})))
	require.NotEmpty(t, list.Invariants)
	for _, inv := range list.Invariants {
		var res invariantstypes.QueryCheckResponse
		require.NoError(t, res.Unmarshal(query("/gridledger.invariants.v1.Query/Check", &invariantstypes.QueryCheckRequest{Name: inv.Name, Limit: invariantstypes.MaxLimit})))
		require.False(t, res.Broken, "%s: %s %s", inv.Name, res.Record, res.Message)
		require.Empty(t, res.NextCursor, inv.Name)
	}
}
