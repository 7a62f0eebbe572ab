package app_test

import (
	"context"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
)

// TestEnergyModuleIsWired: every x/energy message has a route, a routed message reaches
// the keeper (and its registry and fiat dependencies), and queries are served over ABCI.
func TestEnergyModuleIsWired(t *testing.T) {
	staker, operator := apptest.NewAccount(), apptest.NewAccount()
	c := apptest.Setup(t, operator, staker, operator)

	msgs := []sdk.Msg{
		&energytypes.MsgIssueToken{}, &energytypes.MsgSetAsk{}, &energytypes.MsgBuySide{}, &energytypes.MsgHandOverSide{},
		&energytypes.MsgSplitToken{}, &energytypes.MsgMergeTokens{}, &energytypes.MsgCancelToken{}, &energytypes.MsgCancelTokenJointly{},
		&energytypes.MsgAggregateSides{}, &energytypes.MsgDisaggregateSide{},
	}
	for _, msg := range msgs {
		require.NotNil(t, c.App.MsgServiceRouter().Handler(msg), "no route for %s", sdk.MsgTypeURL(msg))
	}

	handler := c.App.MsgServiceRouter().Handler(&energytypes.MsgIssueToken{})
	_, err := handler(c.Ctx(), &energytypes.MsgIssueToken{Issuer: staker.String(), FirstPeriod: 1 << 40, LastPeriod: 1 << 40, WhPerPeriod: 1})
	require.ErrorIs(t, err, energytypes.ErrNotAdmitted, "the staker was never admitted by the grid operator")

	req, err := (&energytypes.QueryParamsRequest{}).Marshal()
	require.NoError(t, err)
	res, err := c.App.Query(context.Background(), &abci.RequestQuery{Path: "/gridledger.energy.v1.Query/Params", Data: req})
	require.NoError(t, err)
	require.Zero(t, res.Code, res.Log)
	var params energytypes.QueryParamsResponse
	require.NoError(t, params.Unmarshal(res.Value))
	require.Equal(t, energytypes.DefaultParams(), params.Params)
}
