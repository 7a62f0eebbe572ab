// Package keeper builds in-memory keepers for module tests: one store, one context,
// no app.
package keeper

import (
	"bytes"
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdktestutil "github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	"github.com/gridledger/gridledger/chain/x/balancing/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// FixtureHeight is the block height of every fixture context, so that recorded
// heights (admitted_height, registered_height) are checkable and not zero.
const FixtureHeight = 10

// BalancingFixture is an x/balancing keeper over an in-memory IAVL store, with its
// Msg and Query services and the two privileged addresses.
type BalancingFixture struct {
	Ctx     sdk.Context
	Keeper  keeper.Keeper
	Msgs    types.MsgServer
	Queries types.QueryServer
	// Authority is the x/gov module account, the only MsgUpdateParams signer.
	Authority string
	// Operator is the grid operator named in the fixture's genesis.
	Operator string

	storeKey *storetypes.KVStoreKey
}

// Balancing returns a fixture whose genesis names testutil.Addr("operator") as grid operator.
func Balancing(tb testing.TB) *BalancingFixture {
	tb.Helper()
	testutil.SetBech32Prefixes()
	gs := types.DefaultGenesis()
	gs.Params.GridOperator = testutil.Addr("operator")
	return BalancingWithGenesis(tb, *gs)
}

// BalancingWithGenesis returns a fixture initialised from gs (not validated first,
// as InitChain does not either). Events emitted by InitGenesis are dropped.
func BalancingWithGenesis(tb testing.TB, gs types.GenesisState) *BalancingFixture {
	tb.Helper()
	testutil.SetBech32Prefixes()

	storeKey := storetypes.NewKVStoreKey(types.StoreKey)
	tctx := sdktestutil.DefaultContextWithDB(tb, storeKey, storetypes.NewTransientStoreKey("transient_test"))
	encCfg := moduletestutil.MakeTestEncodingConfig()
	types.RegisterInterfaces(encCfg.InterfaceRegistry)

	authority := GovAuthority()
	k := keeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(storeKey), testutil.AddressCodec, authority)

	f := &BalancingFixture{
		Ctx:       tctx.Ctx.WithBlockHeight(FixtureHeight),
		Keeper:    k,
		Msgs:      keeper.NewMsgServerImpl(k),
		Queries:   keeper.NewQueryServerImpl(k),
		Authority: authority,
		Operator:  gs.Params.GridOperator,
		storeKey:  storeKey,
	}
	require.NoError(tb, k.InitGenesis(f.Ctx, gs))
	f.ResetEvents()
	return f
}

// GovAuthority is the x/gov module account in grid bech32, the keeper's authority
// as the app wires it.
func GovAuthority() string {
	s, err := testutil.AddressCodec.BytesToString(address.Module("gov"))
	if err != nil {
		panic(err)
	}
	return s
}

// ResetEvents gives the context a fresh event manager, so that Events returns only
// what the next calls emit.
func (f *BalancingFixture) ResetEvents() {
	f.Ctx = f.Ctx.WithEventManager(sdk.NewEventManager())
}

// Events returns the events emitted since the last ResetEvents.
func (f *BalancingFixture) Events() sdk.Events { return f.Ctx.EventManager().Events() }

// EventTypes returns the types of the events emitted since the last ResetEvents, in order.
func (f *BalancingFixture) EventTypes() []string {
	var out []string
	for _, e := range f.Events() {
		out = append(out, e.Type)
	}
	return out
}

// TypedEvents decodes every emitted event of want's type ("gridledger.balancing.v1.EventX").
func (f *BalancingFixture) TypedEvents(tb testing.TB, want proto.Message) []proto.Message {
	tb.Helper()
	name := proto.MessageName(want)
	var out []proto.Message
	for _, e := range f.Events() {
		if e.Type != name {
			continue
		}
		msg, err := sdk.ParseTypedEvent(abci.Event(e))
		require.NoError(tb, err)
		out = append(out, msg)
	}
	return out
}

// RequireEvent fails unless an event equal to want was emitted since the last ResetEvents.
func (f *BalancingFixture) RequireEvent(tb testing.TB, want proto.Message) {
	tb.Helper()
	got := f.TypedEvents(tb, want)
	for _, g := range got {
		if proto.Equal(g, want) {
			return
		}
	}
	require.Failf(tb, "event not emitted", "want %s %v\ngot %v (all types: %v)", proto.MessageName(want), want, got, f.EventTypes())
}

// KV is one raw store entry.
type KV struct{ Key, Value []byte }

// StoreDump returns every entry of the module store, indexes included, in key
// order. Comparing dumps before and after a rejected message proves it wrote nothing.
func (f *BalancingFixture) StoreDump(tb testing.TB) []KV {
	tb.Helper()
	return DumpStore(tb, f.Ctx, f.storeKey)
}

// DumpStore returns every entry under key in ctx (a cache context works too).
func DumpStore(tb testing.TB, ctx sdk.Context, key storetypes.StoreKey) []KV {
	tb.Helper()
	it := ctx.KVStore(key).Iterator(nil, nil)
	defer it.Close()
	var out []KV
	for ; it.Valid(); it.Next() {
		out = append(out, KV{Key: bytes.Clone(it.Key()), Value: bytes.Clone(it.Value())})
	}
	// No it.Error() check: a cache store's exhausted iterator reports itself invalid.
	return out
}

// StoreKey returns the module's store key, for DumpStore on a derived context.
func (f *BalancingFixture) StoreKey() storetypes.StoreKey { return f.storeKey }

// Export returns the exported genesis, failing the test on error.
func (f *BalancingFixture) Export(tb testing.TB) *types.GenesisState {
	tb.Helper()
	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(tb, err)
	return gs
}

// Admit runs msg with the operator as signer (Operator is filled when empty) and
// fails the test unless it succeeds.
func (f *BalancingFixture) Admit(tb testing.TB, msg types.MsgAdmitParticipant) *types.MsgAdmitParticipantResponse {
	tb.Helper()
	if msg.Operator == "" {
		msg.Operator = f.Operator
	}
	res, err := f.Msgs.AdmitParticipant(f.Ctx, &msg)
	require.NoError(tb, err)
	return res
}

// RegisterMeter runs msg with the operator as signer (Operator is filled when empty,
// PointKind is a company meter when unspecified)
// and fails the test unless it succeeds.
func (f *BalancingFixture) RegisterMeter(tb testing.TB, msg types.MsgRegisterMeter) {
	tb.Helper()
	if msg.Operator == "" {
		msg.Operator = f.Operator
	}
	if msg.PointKind == types.MeteringPointKind_METERING_POINT_KIND_UNSPECIFIED {
		msg.PointKind = types.MeteringPointKind_METERING_POINT_KIND_COMPANY
	}
	_, err := f.Msgs.RegisterMeter(f.Ctx, &msg)
	require.NoError(tb, err)
}

// Suspend suspends addr and fails the test unless it succeeds.
func (f *BalancingFixture) Suspend(tb testing.TB, addr string) {
	tb.Helper()
	_, err := f.Msgs.SuspendParticipant(f.Ctx, &types.MsgSuspendParticipant{Operator: f.Operator, Address: addr, ReasonCode: "test"})
	require.NoError(tb, err)
}

// Exclude excludes addr and fails the test unless it succeeds.
func (f *BalancingFixture) Exclude(tb testing.TB, addr string) {
	tb.Helper()
	_, err := f.Msgs.ExcludeParticipant(f.Ctx, &types.MsgExcludeParticipant{Operator: f.Operator, Address: addr, ReasonCode: "test"})
	require.NoError(tb, err)
}

// RequireIndexesConsistent fails unless every secondary index holds exactly the
// entries its records imply: no stale entry after a status or role change, none
// missing after InitGenesis.
func (f *BalancingFixture) RequireIndexesConsistent(tb testing.TB) {
	tb.Helper()
	k, ctx := f.Keeper, f.Ctx

	wantLegal := map[string]string{}
	var wantStatus, wantRole []string
	require.NoError(tb, k.Participants.Walk(ctx, nil, func(addr sdk.AccAddress, p types.Participant) (bool, error) {
		wantLegal[p.LegalId] = addr.String()
		wantStatus = append(wantStatus, fmt.Sprintf("%d/%s", p.Status, addr))
		for _, r := range p.Roles {
			wantRole = append(wantRole, fmt.Sprintf("%d/%d/%s", r, p.Status, addr))
		}
		return false, nil
	}))
	gotLegal := map[string]string{}
	require.NoError(tb, k.ParticipantsByLegalID.Walk(ctx, nil, func(id string, addr []byte) (bool, error) {
		gotLegal[id] = sdk.AccAddress(addr).String()
		return false, nil
	}))
	var gotStatus, gotRole []string
	require.NoError(tb, k.ParticipantsByStatus.Walk(ctx, nil, func(key collections.Pair[int32, sdk.AccAddress]) (bool, error) {
		gotStatus = append(gotStatus, fmt.Sprintf("%d/%s", key.K1(), key.K2()))
		return false, nil
	}))
	require.NoError(tb, k.ParticipantsByRole.Walk(ctx, nil, func(key collections.Triple[int32, int32, sdk.AccAddress]) (bool, error) {
		gotRole = append(gotRole, fmt.Sprintf("%d/%d/%s", key.K1(), key.K2(), key.K3()))
		return false, nil
	}))
	require.Equal(tb, wantLegal, gotLegal, "participants_by_legal_id")
	require.ElementsMatch(tb, wantStatus, gotStatus, "participants_by_status")
	require.ElementsMatch(tb, wantRole, gotRole, "participants_by_role")

	var wantOwner, wantCat, wantArea, gotOwner, gotCat, gotArea []string
	require.NoError(tb, k.Meters.Walk(ctx, nil, func(id string, m types.Meter) (bool, error) {
		wantOwner = append(wantOwner, m.Owner+"/"+id)
		wantCat = append(wantCat, fmt.Sprintf("%d/%s", m.Category, id))
		if m.Location.Area != "" {
			wantArea = append(wantArea, m.Location.Area+"/"+id)
		}
		return false, nil
	}))
	require.NoError(tb, k.MetersByOwner.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, string]) (bool, error) {
		gotOwner = append(gotOwner, key.K1().String()+"/"+key.K2())
		return false, nil
	}))
	require.NoError(tb, k.MetersByCategory.Walk(ctx, nil, func(key collections.Pair[int32, string]) (bool, error) {
		gotCat = append(gotCat, fmt.Sprintf("%d/%s", key.K1(), key.K2()))
		return false, nil
	}))
	require.NoError(tb, k.MetersByArea.Walk(ctx, nil, func(key collections.Pair[string, string]) (bool, error) {
		gotArea = append(gotArea, key.K1()+"/"+key.K2())
		return false, nil
	}))
	require.ElementsMatch(tb, wantOwner, gotOwner, "meters_by_owner")
	require.ElementsMatch(tb, wantCat, gotCat, "meters_by_category")
	require.ElementsMatch(tb, wantArea, gotArea, "meters_by_area")
}
