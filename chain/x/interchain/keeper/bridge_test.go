package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	tk "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

const (
	up   = types.BridgeDirection_BRIDGE_DIRECTION_UP
	down = types.BridgeDirection_BRIDGE_DIRECTION_DOWN
	now  = tk.FixturePeriod
)

// bridgeFixture is the parent of regional-east over energy channel-1, linked, with a
// capacity of 1000 Wh per period up and 500 Wh down.
func bridgeFixture(t *testing.T) *tk.InterchainFixture {
	t.Helper()
	f := linkedFixture(t)
	_, err := f.Msgs.Link(f.Ctx, link(f, child, "channel-1", "channel-0"))
	require.NoError(t, err)
	setCap(t, f, up, 1000)
	setCap(t, f, down, 500)
	return f
}

func setCap(t *testing.T, f *tk.InterchainFixture, d types.BridgeDirection, wh uint64) {
	t.Helper()
	_, err := f.Msgs.SetBridgeCapacity(f.Ctx, &types.MsgSetBridgeCapacity{Operator: f.Operator, ChannelId: "channel-1", Direction: d, WhPerPeriod: wh})
	require.NoError(t, err)
}

func reserved(t *testing.T, f *tk.InterchainFixture, d types.BridgeDirection, p uint64) uint64 {
	t.Helper()
	r, err := f.Keeper.BridgeReserved(f.Ctx, "channel-1", d, p)
	require.NoError(t, err)
	return r
}

func state(t *testing.T, f *tk.InterchainFixture) *types.GenesisState {
	t.Helper()
	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	return gs
}

func TestSetBridgeCapacityRecordsItAndAnswersThePreviousOne(t *testing.T) {
	f := linkedFixture(t)
	_, err := f.Msgs.Link(f.Ctx, link(f, child, "channel-1", "channel-0"))
	require.NoError(t, err)

	res, err := f.Msgs.SetBridgeCapacity(f.Ctx, &types.MsgSetBridgeCapacity{Operator: f.Operator, ChannelId: "channel-1", Direction: up, WhPerPeriod: 50_000_000})
	require.NoError(t, err)
	require.Zero(t, res.PreviousWhPerPeriod)
	res, err = f.Msgs.SetBridgeCapacity(f.Ctx, &types.MsgSetBridgeCapacity{Operator: f.Operator, ChannelId: "channel-1", Direction: up, WhPerPeriod: types.MaxBridgeCapacityWh})
	require.NoError(t, err)
	require.Equal(t, uint64(50_000_000), res.PreviousWhPerPeriod)

	caps, err := f.Queries.BridgeCapacities(f.Ctx, &types.QueryBridgeCapacitiesRequest{})
	require.NoError(t, err)
	require.Equal(t, []types.BridgeCapacity{{ChannelId: "channel-1", Direction: up, WhPerPeriod: types.MaxBridgeCapacityWh}}, caps.Capacities)
	ev := f.Ctx.EventManager().Events()
	require.Equal(t, "gridledger.interchain.v1.EventBridgeCapacitySet", ev[len(ev)-1].Type)
}

func TestSetBridgeCapacityRefusals(t *testing.T) {
	cases := []struct {
		name  string
		setup func(f *tk.InterchainFixture)
		msg   types.MsgSetBridgeCapacity
		want  error
		text  string
	}{
		{name: "a stranger signs", want: types.ErrUnauthorized,
			msg: types.MsgSetBridgeCapacity{Operator: testutil.Addr("stranger"), ChannelId: "channel-1", Direction: up, WhPerPeriod: 10}},
		{name: "no direction", want: types.ErrInvalidRequest, text: "BRIDGE_DIRECTION_UP or BRIDGE_DIRECTION_DOWN",
			msg: types.MsgSetBridgeCapacity{ChannelId: "channel-1", WhPerPeriod: 10}},
		{name: "zero", want: types.ErrInvalidCapacity, text: "not 0",
			msg: types.MsgSetBridgeCapacity{ChannelId: "channel-1", Direction: up}},
		{name: "over the bound", want: types.ErrInvalidCapacity, text: "1 to 1000000000000000 Wh",
			msg: types.MsgSetBridgeCapacity{ChannelId: "channel-1", Direction: down, WhPerPeriod: types.MaxBridgeCapacityWh + 1}},
		{name: "uint64 max", want: types.ErrInvalidCapacity,
			msg: types.MsgSetBridgeCapacity{ChannelId: "channel-1", Direction: down, WhPerPeriod: ^uint64(0)}},
		{name: "malformed channel", want: types.ErrInvalidRequest,
			msg: types.MsgSetBridgeCapacity{ChannelId: "x", Direction: up, WhPerPeriod: 10}},
		{name: "unknown channel", want: types.ErrUnknownChannel, text: "energy channel channel-9 links no child of this chain",
			msg: types.MsgSetBridgeCapacity{ChannelId: "channel-9", Direction: up, WhPerPeriod: 10}},
		{name: "an energy channel open but not linked", want: types.ErrUnknownChannel, setup: func(f *tk.InterchainFixture) {
			f.OpenChannel(types.PortID, "channel-7", "connection-3", "channel-2", "gridledger-other-1")
		}, msg: types.MsgSetBridgeCapacity{ChannelId: "channel-7", Direction: up, WhPerPeriod: 10}},
		{name: "the child's side", want: types.ErrNotParentSide, text: "set and kept by the parent's grid operator", setup: func(f *tk.InterchainFixture) {
			f.OpenChannel(types.TransferPortID, "channel-4", "connection-2", "channel-0", "gridledger-transmission-1")
			f.OpenChannel(types.PortID, "channel-5", "connection-2", "channel-3", "gridledger-transmission-1")
			_, err := f.Keeper.OnRecvHello(f.Ctx, "channel-5", types.Hello{PeriodSeconds: 900, SettlementDenoms: []string{"uchf.alpine"}})
			require.NoError(t, err)
			_, err = f.Msgs.Link(f.Ctx, link(f, parent, "channel-5", "channel-4"))
			require.NoError(t, err)
		}, msg: types.MsgSetBridgeCapacity{ChannelId: "channel-5", Direction: up, WhPerPeriod: 10}},
		{name: "below what is reserved", want: types.ErrInvalidCapacity, text: "below the 800 Wh already reserved in period 1964002", setup: func(f *tk.InterchainFixture) {
			require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now+2, now+2, 800))
		}, msg: types.MsgSetBridgeCapacity{ChannelId: "channel-1", Direction: up, WhPerPeriod: 799}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := bridgeFixture(t)
			if tc.setup != nil {
				tc.setup(f)
			}
			before := state(t, f)
			msg := tc.msg
			if msg.Operator == "" {
				msg.Operator = f.Operator
			}
			_, err := f.Msgs.SetBridgeCapacity(f.Ctx, &msg)
			require.ErrorIs(t, err, tc.want)
			if tc.text != "" {
				require.ErrorContains(t, err, tc.text)
			}
			require.Equal(t, before, state(t, f), "a refused capacity changes no state")
		})
	}
}

func TestLoweringACapacityToExactlyWhatIsReservedIsAllowed(t *testing.T) {
	f := bridgeFixture(t)
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now, now+1, 600))
	setCap(t, f, up, 600)
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
	require.ErrorIs(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now, now, 1), types.ErrBridgeFull)
}

func TestReserveBridgeIsAllOrNothingAcrossPeriods(t *testing.T) {
	f := bridgeFixture(t)
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now+2, now+2, 700))
	before := state(t, f)

	// 400 Wh fits in periods now, now+1, now+3 but not now+2 (300 Wh free there).
	err := f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now, now+3, 400)
	require.ErrorIs(t, err, types.ErrBridgeFull)
	require.ErrorContains(t, err, "the link channel-1 to gridledger-regional-east-1 has 300 Wh free up in period 1964002 (capacity 1000 Wh, reserved 700 Wh), 400 Wh asked")
	require.Equal(t, before, state(t, f), "a refused reservation reserves nothing in any period")

	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now, now+3, 300))
	for p, want := range map[uint64]uint64{now: 300, now + 1: 300, now + 2: 1000, now + 3: 300, now + 4: 0} {
		require.Equal(t, want, reserved(t, f, up, p), "period %d", p)
	}
	require.Zero(t, reserved(t, f, down, now), "directions are separate")
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))

	// The other direction has its own capacity.
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", down, now, now, 500))
	require.ErrorContains(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", down, now, now, 1), "has 0 Wh free down in period 1964000")
}

func TestReserveBridgeRefusals(t *testing.T) {
	cases := []struct {
		name               string
		channel            string
		dir                types.BridgeDirection
		first, last, wh    uint64
		want               error
		text               string
		noCapacitySetFirst bool
	}{
		{name: "no capacity set", channel: "channel-1", dir: up, first: now, last: now, wh: 1, want: types.ErrBridgeFull, text: "has 0 Wh free up", noCapacitySetFirst: true},
		{name: "more than the capacity", channel: "channel-1", dir: up, first: now, last: now, wh: 1001, want: types.ErrBridgeFull},
		{name: "no direction", channel: "channel-1", first: now, last: now, wh: 1, want: types.ErrInvalidRequest},
		{name: "zero Wh", channel: "channel-1", dir: up, first: now, last: now, want: types.ErrInvalidRequest},
		{name: "a flow beyond any capacity", channel: "channel-1", dir: up, first: now, last: now, wh: ^uint64(0), want: types.ErrInvalidRequest},
		{name: "last before first", channel: "channel-1", dir: up, first: now + 1, last: now, wh: 1, want: types.ErrInvalidRequest},
		{name: "too many periods", channel: "channel-1", dir: up, first: now, last: now + types.MaxBridgePeriods, wh: 1, want: types.ErrInvalidRequest, text: "more than 2976 periods"},
		{name: "a past period", channel: "channel-1", dir: up, first: now - 1, last: now, wh: 1, want: types.ErrInvalidRequest, text: "period 1963999 has passed"},
		{name: "unknown channel", channel: "channel-9", dir: up, first: now, last: now, wh: 1, want: types.ErrUnknownChannel},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := linkedFixture(t)
			_, err := f.Msgs.Link(f.Ctx, link(f, child, "channel-1", "channel-0"))
			require.NoError(t, err)
			if !tc.noCapacitySetFirst {
				setCap(t, f, up, 1000)
			}
			before := state(t, f)
			err = f.Keeper.ReserveBridge(f.Ctx, tc.channel, tc.dir, tc.first, tc.last, tc.wh)
			require.ErrorIs(t, err, tc.want)
			if tc.text != "" {
				require.ErrorContains(t, err, tc.text)
			}
			require.Equal(t, before, state(t, f))
		})
	}
}

func TestReserveBridgeTheLongestRangeAllowed(t *testing.T) {
	f := bridgeFixture(t)
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", down, now, now+types.MaxBridgePeriods-1, 500))
	require.Equal(t, uint64(500), reserved(t, f, down, now+types.MaxBridgePeriods-1))
	require.NoError(t, f.Keeper.ReleaseBridge(f.Ctx, "channel-1", down, now, now+types.MaxBridgePeriods-1, 500))
	require.Empty(t, state(t, f).BridgeUsages)
}

func TestReleaseBridgeUndoesAReservationExactly(t *testing.T) {
	f := bridgeFixture(t)
	empty := state(t, f)
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now, now+2, 400))
	afterFirst := state(t, f)
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now+1, now+1, 250))

	require.NoError(t, f.Keeper.ReleaseBridge(f.Ctx, "channel-1", up, now+1, now+1, 250))
	require.Equal(t, afterFirst, state(t, f))

	// Releasing more than is reserved in any one period releases nothing.
	require.NoError(t, f.Keeper.ReleaseBridge(f.Ctx, "channel-1", up, now+1, now+1, 100))
	before := state(t, f)
	err := f.Keeper.ReleaseBridge(f.Ctx, "channel-1", up, now, now+2, 400)
	require.ErrorIs(t, err, types.ErrReleaseTooLarge)
	require.ErrorContains(t, err, "has 300 Wh reserved up in period 1964001, 400 Wh to release")
	require.Equal(t, before, state(t, f))
	require.ErrorIs(t, f.Keeper.ReleaseBridge(f.Ctx, "channel-1", down, now, now, 1), types.ErrReleaseTooLarge, "nothing reserved down")

	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now+1, now+1, 100))
	require.NoError(t, f.Keeper.ReleaseBridge(f.Ctx, "channel-1", up, now, now+2, 400))
	require.Equal(t, empty, state(t, f), "no zero usage records are left")
	has, err := f.Keeper.UsageByPeriod.Has(f.Ctx, collections.Join3(uint64(now), "channel-1", int32(up)))
	require.NoError(t, err)
	require.False(t, has, "the pruning index entry goes with the record")
}

func TestBridgeUsageQuery(t *testing.T) {
	f := bridgeFixture(t)
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now+1, now+1, 250))
	res, err := f.Queries.BridgeUsage(f.Ctx, &types.QueryBridgeUsageRequest{ChannelId: "channel-1", FirstPeriod: now, LastPeriod: now + 1})
	require.NoError(t, err)
	require.Equal(t, types.InterfaceAccount("channel-1").String(), res.InterfaceAccount)
	require.Equal(t, []types.BridgePeriodUsage{
		{Period: now, Direction: up, CapacityWh: 1000, FreeWh: 1000},
		{Period: now, Direction: down, CapacityWh: 500, FreeWh: 500},
		{Period: now + 1, Direction: up, CapacityWh: 1000, ReservedWh: 250, FreeWh: 750},
		{Period: now + 1, Direction: down, CapacityWh: 500, FreeWh: 500},
	}, res.Usage)

	one, err := f.Queries.BridgeUsage(f.Ctx, &types.QueryBridgeUsageRequest{ChannelId: "channel-1", FirstPeriod: now + 1})
	require.NoError(t, err)
	require.Len(t, one.Usage, 2, "last_period 0 means first_period")

	for _, bad := range []*types.QueryBridgeUsageRequest{
		nil,
		{ChannelId: "channel-1", FirstPeriod: now, LastPeriod: now + types.MaxBridgeUsageQueryPeriods},
		{ChannelId: "channel-1", FirstPeriod: now + 1, LastPeriod: now},
		{ChannelId: "bad", FirstPeriod: now},
	} {
		_, err := f.Queries.BridgeUsage(f.Ctx, bad)
		require.ErrorIs(t, err, types.ErrInvalidRequest)
	}
	_, err = f.Queries.BridgeUsage(f.Ctx, &types.QueryBridgeUsageRequest{ChannelId: "channel-9", FirstPeriod: now})
	require.ErrorIs(t, err, types.ErrUnknownChannel)
}

func TestBridgeCapacitiesQueryIsPaged(t *testing.T) {
	f := bridgeFixture(t)
	page, err := f.Queries.BridgeCapacities(f.Ctx, &types.QueryBridgeCapacitiesRequest{Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, []types.BridgeCapacity{{ChannelId: "channel-1", Direction: up, WhPerPeriod: 1000}}, page.Capacities)
	require.NotEmpty(t, page.Pagination.NextKey)
	next, err := f.Queries.BridgeCapacities(f.Ctx, &types.QueryBridgeCapacitiesRequest{Pagination: &query.PageRequest{Key: page.Pagination.NextKey, Limit: 1000}})
	require.NoError(t, err)
	require.Equal(t, []types.BridgeCapacity{{ChannelId: "channel-1", Direction: down, WhPerPeriod: 500}}, next.Capacities)
}

func TestPruneBridgeUsageBehindTheRetentionWeek(t *testing.T) {
	f := bridgeFixture(t)
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now, now+1, 100))
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", down, now, now, 100))
	week := types.BridgeUsageRetentionSeconds / 900 // 672 periods

	f.Current = now + week
	n, err := f.Keeper.PruneBridgeUsage(f.Ctx)
	require.NoError(t, err)
	require.Zero(t, n, "period now is exactly a week behind: kept")

	f.Current = now + week + 1
	n, err = f.Keeper.PruneBridgeUsage(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, 2, n, "both directions of period now")
	require.Equal(t, []types.BridgeUsage{{ChannelId: "channel-1", Direction: up, Period: now + 1, ReservedWh: 100}}, state(t, f).BridgeUsages)
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
}

func TestPruneBridgeUsageIsBoundedPerBlock(t *testing.T) {
	f := bridgeFixture(t)
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now, now+299, 1))
	f.Current = now + 10_000
	n, err := f.Keeper.PruneBridgeUsage(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, types.MaxBridgePrunePerBlock, n)
	n, err = f.Keeper.PruneBridgeUsage(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, 300-types.MaxBridgePrunePerBlock, n)
	require.Empty(t, state(t, f).BridgeUsages)
}

func TestInvariantsCatchABrokenState(t *testing.T) {
	t.Run("usage over capacity", func(t *testing.T) {
		f := bridgeFixture(t)
		require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now, now, 1000))
		require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
		require.NoError(t, f.Keeper.Capacities.Set(f.Ctx, collections.Join("channel-1", int32(up)), 999))
		err := f.Keeper.CheckInvariants(f.Ctx)
		require.ErrorIs(t, err, types.ErrInvariantBroken)
		require.ErrorContains(t, err, "invariant 6: 1000 Wh reserved up in period 1964000 on channel-1, over its capacity of 999 Wh")
	})
	t.Run("usage on a channel that links no child", func(t *testing.T) {
		f := bridgeFixture(t)
		require.NoError(t, f.Keeper.Usage.Set(f.Ctx, collections.Join3("channel-8", int32(up), uint64(now)), 1))
		require.ErrorContains(t, f.Keeper.CheckInvariants(f.Ctx), "on channel-8, which links no child")
	})
	t.Run("usage without its index entry", func(t *testing.T) {
		f := bridgeFixture(t)
		require.NoError(t, f.Keeper.Usage.Set(f.Ctx, collections.Join3("channel-1", int32(up), uint64(now)), 1))
		require.ErrorContains(t, f.Keeper.CheckInvariants(f.Ctx), "has no pruning index entry")
	})
	t.Run("an index entry without usage", func(t *testing.T) {
		f := bridgeFixture(t)
		require.NoError(t, f.Keeper.UsageByPeriod.Set(f.Ctx, collections.Join3(uint64(now), "channel-1", int32(up))))
		require.ErrorContains(t, f.Keeper.CheckInvariants(f.Ctx), "has no usage")
	})
	t.Run("fiat on an interface account", func(t *testing.T) {
		f := bridgeFixture(t)
		iface := types.InterfaceAccount("channel-1").String()
		f.Balances[iface] = sdk.NewCoins(sdk.NewCoin("ugrid", sdkmath.NewInt(5)))
		require.NoError(t, f.Keeper.CheckInvariants(f.Ctx), "the staking denom is not fiat")
		f.Balances[iface] = sdk.NewCoins(sdk.NewCoin("uchf.alpine", sdkmath.NewInt(1)))
		err := f.Keeper.CheckInvariants(f.Ctx)
		require.ErrorIs(t, err, types.ErrInvariantBroken)
		require.ErrorContains(t, err, "holds 1uchf.alpine; purchases in flight hold 0 there")
		f.Balances[iface] = sdk.NewCoins(sdk.NewCoin("ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2", sdkmath.NewInt(1)))
		require.ErrorIs(t, f.Keeper.CheckInvariants(f.Ctx), types.ErrInvariantBroken, "a voucher is fiat too")
	})
}

func TestBridgesSurviveGenesisExportAndImport(t *testing.T) {
	f := bridgeFixture(t)
	require.NoError(t, f.Keeper.ReserveBridge(f.Ctx, "channel-1", up, now, now+1, 100))
	gs := state(t, f)
	require.Len(t, gs.BridgeCapacities, 2)
	require.Len(t, gs.BridgeUsages, 2)

	g := tk.Interchain(t)
	require.NoError(t, g.Keeper.InitGenesis(g.Ctx, *gs))
	require.Equal(t, gs, state(t, g))
	require.NoError(t, g.Keeper.CheckInvariants(g.Ctx))

	bad := *gs
	bad.BridgeUsages = []types.BridgeUsage{{ChannelId: "channel-1", Direction: down, Period: now, ReservedWh: 501}}
	require.ErrorContains(t, bad.Validate(), "more than the capacity 500 Wh")
	bad.BridgeUsages = nil
	bad.BridgeCapacities = []types.BridgeCapacity{{ChannelId: "channel-9", Direction: up, WhPerPeriod: 1}}
	require.ErrorContains(t, bad.Validate(), "links no child")
}
