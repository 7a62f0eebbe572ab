package apptest

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"cosmossdk.io/log"
	storetypes "cosmossdk.io/store/types"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// GovAuthority is the x/gov module account, the signer of every governance-only message.
func GovAuthority() string { return authtypes.NewModuleAddress(govtypes.ModuleName).String() }

// NewApp builds a fresh gridd over an empty in-memory database, ready for InitChain.
func NewApp(tb testing.TB) *app.App {
	tb.Helper()
	return app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(tb.TempDir()),
		baseapp.SetChainID(ChainID))
}

// Reimport commits the current block, exports the app state at the current height and
// starts a fresh chain from it, as an operator restarting from an exported genesis would.
func (c *Chain) Reimport() *Chain {
	c.t.Helper()
	c.NextBlock(time.Second)
	exported, err := c.App.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(c.t, err)
	var genesis map[string]json.RawMessage
	require.NoError(c.t, json.Unmarshal(exported.AppState, &genesis))
	return InitChain(c.t, NewApp(c.t), genesis)
}

// AdmitParticipant has operator admit who as a consumer and fails the test unless it succeeds.
func (c *Chain) AdmitParticipant(operator, who sdk.AccAddress, legalID string) {
	c.t.Helper()
	_, err := balancingkeeper.NewMsgServerImpl(c.App.BalancingKeeper).AdmitParticipant(c.Ctx(), &balancingtypes.MsgAdmitParticipant{
		Operator: operator.String(), Address: who.String(), LegalId: legalID, DisplayName: "Test Co",
		Roles: []balancingtypes.Role{balancingtypes.Role_ROLE_CONSUMER},
	})
	require.NoError(c.t, err)
}

// SuspendParticipant has operator suspend who and fails the test unless it succeeds.
func (c *Chain) SuspendParticipant(operator, who sdk.AccAddress) {
	c.t.Helper()
	_, err := balancingkeeper.NewMsgServerImpl(c.App.BalancingKeeper).SuspendParticipant(c.Ctx(), &balancingtypes.MsgSuspendParticipant{
		Operator: operator.String(), Address: who.String(), ReasonCode: "test",
	})
	require.NoError(c.t, err)
}

// ExcludeParticipant has operator exclude who and fails the test unless it succeeds.
func (c *Chain) ExcludeParticipant(operator, who sdk.AccAddress) {
	c.t.Helper()
	_, err := balancingkeeper.NewMsgServerImpl(c.App.BalancingKeeper).ExcludeParticipant(c.Ctx(), &balancingtypes.MsgExcludeParticipant{
		Operator: operator.String(), Address: who.String(), ReasonCode: "test",
	})
	require.NoError(c.t, err)
}

// PassProposal submits msgs as one governance proposal by staker (who must hold the
// staking power, see Setup), votes yes, runs blocks past the voting period and returns
// the proposal as it ended. The caller checks its status: a message that fails in the
// end blocker leaves the proposal failed, not passed.
func (c *Chain) PassProposal(staker sdk.AccAddress, title string, msgs ...sdk.Msg) govv1.Proposal {
	c.t.Helper()
	params, err := c.App.GovKeeper.Params.Get(c.Ctx())
	require.NoError(c.t, err)
	proposal, err := govv1.NewMsgSubmitProposal(msgs, params.MinDeposit, staker.String(), "", title, title, false)
	require.NoError(c.t, err)
	govMsgs := govkeeper.NewMsgServerImpl(&c.App.GovKeeper)
	res, err := govMsgs.SubmitProposal(c.Ctx(), proposal)
	require.NoError(c.t, err)
	c.NextBlock(time.Second)
	_, err = govMsgs.Vote(c.Ctx(), govv1.NewMsgVote(staker, res.ProposalId, govv1.OptionYes, ""))
	require.NoError(c.t, err)
	c.NextBlock(time.Second)
	c.NextBlock(*params.VotingPeriod + time.Second)
	c.NextBlock(time.Second)
	p, err := c.App.GovKeeper.Proposals.Get(c.Ctx(), res.ProposalId)
	require.NoError(c.t, err)
	return p
}

// StoreKey returns the KV store key mounted under name (a module's store key).
func (c *Chain) StoreKey(name string) storetypes.StoreKey {
	c.t.Helper()
	byName, ok := c.App.CommitMultiStore().(interface {
		StoreKeysByName() map[string]storetypes.StoreKey
	})
	require.True(c.t, ok, "commit multistore does not list its keys")
	key, ok := byName.StoreKeysByName()[name]
	require.True(c.t, ok, "no store named %s", name)
	return key
}

// KV is one raw store entry.
type KV struct{ Key, Value []byte }

// DumpStore returns every entry of a store in ctx, in key order; indexes and counters
// included. Comparing dumps before and after a rejected message proves it wrote nothing.
func DumpStore(ctx sdk.Context, key storetypes.StoreKey) []KV {
	it := ctx.KVStore(key).Iterator(nil, nil)
	defer it.Close()
	var out []KV
	for ; it.Valid(); it.Next() {
		out = append(out, KV{Key: bytes.Clone(it.Key()), Value: bytes.Clone(it.Value())})
	}
	return out
}

// TypedEvents decodes every event of want's proto type emitted in ctx.
func TypedEvents(tb testing.TB, ctx sdk.Context, want proto.Message) []proto.Message {
	tb.Helper()
	name := proto.MessageName(want)
	var out []proto.Message
	for _, e := range ctx.EventManager().Events() {
		if e.Type != name {
			continue
		}
		msg, err := sdk.ParseTypedEvent(abci.Event(e))
		require.NoError(tb, err)
		out = append(out, msg)
	}
	return out
}

// RequireEvent fails unless ctx saw an event equal to want.
func RequireEvent(tb testing.TB, ctx sdk.Context, want proto.Message) {
	tb.Helper()
	got := TypedEvents(tb, ctx, want)
	for _, g := range got {
		if proto.Equal(g, want) {
			return
		}
	}
	var types []string
	for _, e := range ctx.EventManager().Events() {
		types = append(types, e.Type)
	}
	require.Failf(tb, "event not emitted", "want %s %v\ngot %v (all types: %v)", proto.MessageName(want), want, got, types)
}
