package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	tk "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

func TestSendHelloSendsOurFactsAndCountsIt(t *testing.T) {
	f := linkedFixture(t)
	f.Denoms = []string{"uchf.alpine", "ueur.leman"}
	resp, err := f.Msgs.SendHello(f.Ctx, &types.MsgSendHello{Operator: f.Operator, ChannelId: "channel-1", TimeoutSeconds: 60})
	require.NoError(t, err)
	require.Equal(t, uint64(1), resp.Sequence)
	require.Len(t, f.Sent, 1)
	require.Equal(t, "energy", f.Sent[0].Port)
	require.Equal(t, uint64(tk.FixtureTime.Unix()+60)*1_000_000_000, f.Sent[0].Timeout)
	data, err := types.DecodePacket(f.Sent[0].Data)
	require.NoError(t, err)
	require.Equal(t, &types.Hello{PeriodSeconds: 900, SettlementDenoms: []string{"uchf.alpine", "ueur.leman"}}, data.GetHello())

	p, err := f.Queries.Peer(f.Ctx, &types.QueryPeerRequest{ChannelId: "channel-1"})
	require.NoError(t, err)
	require.Equal(t, uint64(1), p.Peer.HellosSent)

	require.NoError(t, f.Keeper.OnHelloFailed(f.Ctx, "channel-1", 1, true))
	require.NoError(t, f.Keeper.OnHelloFailed(f.Ctx, "channel-1", 2, false))
	p, err = f.Queries.Peer(f.Ctx, &types.QueryPeerRequest{ChannelId: "channel-1"})
	require.NoError(t, err)
	require.Equal(t, uint64(1), p.Peer.HellosTimedOut)
	require.Equal(t, uint64(1), p.Peer.HellosRefused)
}

func TestSendHelloRefusals(t *testing.T) {
	cases := []struct {
		name string
		msg  types.MsgSendHello
		want error
	}{
		{"a stranger signs", types.MsgSendHello{Operator: testutil.Addr("stranger"), ChannelId: "channel-1"}, types.ErrUnauthorized},
		{"unknown channel", types.MsgSendHello{ChannelId: "channel-7"}, types.ErrUnknownChannel},
		{"a transfer channel", types.MsgSendHello{ChannelId: "channel-0"}, types.ErrUnknownChannel},
		{"timeout beyond a week", types.MsgSendHello{ChannelId: "channel-1", TimeoutSeconds: 8 * 24 * 3600}, types.ErrInvalidRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := linkedFixture(t)
			if tc.msg.Operator == "" {
				tc.msg.Operator = f.Operator
			}
			before, err := f.Keeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			_, err = f.Msgs.SendHello(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
			require.Empty(t, f.Sent)
			after, err := f.Keeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after)
		})
	}
}

func TestGenesisRoundTrip(t *testing.T) {
	f := linkedFixture(t)
	_, err := f.Msgs.Link(f.Ctx, link(f, child, "channel-1", "channel-0"))
	require.NoError(t, err)
	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())

	g := tk.Interchain(t)
	require.NoError(t, g.Keeper.InitGenesis(g.Ctx, *gs))
	again, err := g.Keeper.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, gs, again)

	twice := *gs
	twice.Children = append(twice.Children, twice.Children[0])
	require.ErrorIs(t, twice.Validate(), types.ErrInvalidGenesis)
}
