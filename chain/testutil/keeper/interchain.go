package keeper

import (
	"context"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdktestutil "github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	clienttypes "github.com/cosmos/ibc-go/v10/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v10/modules/core/04-channel/types"
	"github.com/cosmos/ibc-go/v10/modules/core/exported"
	ibctm "github.com/cosmos/ibc-go/v10/modules/light-clients/07-tendermint"

	"github.com/gridledger/gridledger/chain/testutil"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/interchain/keeper"
	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// InterchainFixture is an x/interchain keeper over an in-memory store, with fakes for the
// registry, the period length, the banks and IBC core's channels. Channels are set with
// OpenChannel; SendPacket records packets in Sent.
type InterchainFixture struct {
	Ctx      sdk.Context
	Keeper   keeper.Keeper
	Msgs     types.MsgServer
	Queries  types.QueryServer
	Operator string

	Period uint64
	Denoms []string
	// Current is x/energy's current period.
	Current uint64
	// Registered are the interface accounts registered in the registry, by address, with
	// their legal id; RegisterErr, when set, refuses the next registration.
	Registered  map[string]string
	RegisterErr error
	// Balances are bank balances by address.
	Balances map[string]sdk.Coins
	Channels map[string]channeltypes.Channel // by "port/channel"
	ChainIDs map[string]string               // light client's chain-id by connection
	Sent     []SentPacket
}

// SentPacket is one packet the keeper sent.
type SentPacket struct {
	Port, Channel string
	Timeout       uint64
	Data          []byte
}

type icFakes struct{ f *InterchainFixture }

func (x icFakes) GridOperator(context.Context) (string, error)  { return x.f.Operator, nil }
func (x icFakes) PeriodSeconds(context.Context) (uint64, error) { return x.f.Period, nil }
func (x icFakes) CurrentPeriod(context.Context) (uint64, error) { return x.f.Current, nil }
func (x icFakes) GetAllBalances(_ context.Context, addr sdk.AccAddress) sdk.Coins {
	return x.f.Balances[addr.String()]
}

func (x icFakes) RegisterInterfaceAccount(_ context.Context, addr sdk.AccAddress, legalID, _ string) error {
	if err := x.f.RegisterErr; err != nil {
		return err
	}
	if _, taken := x.f.Registered[addr.String()]; taken {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidRequest, "address %s is already a participant", addr)
	}
	x.f.Registered[addr.String()] = legalID
	return nil
}
func (x icFakes) SettlementDenoms(context.Context) ([]string, error) { return x.f.Denoms, nil }
func (x icFakes) GetChannel(_ sdk.Context, port, channel string) (channeltypes.Channel, bool) {
	ch, ok := x.f.Channels[port+"/"+channel]
	return ch, ok
}

func (x icFakes) GetChannelClientState(_ sdk.Context, port, channel string) (string, exported.ClientState, error) {
	ch, ok := x.f.Channels[port+"/"+channel]
	if !ok {
		return "", nil, errorsmod.Wrap(channeltypes.ErrChannelNotFound, channel)
	}
	conn := ch.ConnectionHops[0]
	return "07-tendermint-" + conn, &ibctm.ClientState{ChainId: x.f.ChainIDs[conn]}, nil
}

func (x icFakes) SendPacket(_ sdk.Context, port, channel string, _ clienttypes.Height, timeout uint64, data []byte) (uint64, error) {
	if _, ok := x.f.Channels[port+"/"+channel]; !ok {
		return 0, channeltypes.ErrChannelNotFound
	}
	x.f.Sent = append(x.f.Sent, SentPacket{Port: port, Channel: channel, Timeout: timeout, Data: data})
	return uint64(len(x.f.Sent)), nil
}

// The purchase keepers are not faked: cross-grid purchases are tested on real chains
// (chain/testutil/ibcnet). These answer a fixture that strays there with an error.
var errNotInFixture = errorsmod.Wrap(types.ErrInvalidRequest, "not part of the interchain fixture: test purchases on testutil/ibcnet")

func (x icFakes) GetParticipant(context.Context, sdk.AccAddress) (balancingtypes.Participant, bool, error) {
	return balancingtypes.Participant{}, false, nil
}
func (x icFakes) GetToken(context.Context, uint64) (energytypes.Token, error) {
	return energytypes.Token{}, errNotInFixture
}
func (x icFakes) BuySideForBridge(context.Context, sdk.AccAddress, uint64, energytypes.Side, string, int64, string) (energytypes.Trade, error) {
	return energytypes.Trade{}, errNotInFixture
}
func (x icFakes) CheckBridgeConsumer(context.Context, energytypes.Token, string, string) error {
	return errNotInFixture
}
func (x icFakes) IssueBridgeToken(context.Context, energytypes.Token, energytypes.BridgeRef, string, string, string, string) (uint64, error) {
	return 0, errNotInFixture
}
func (x icFakes) DepositFor(context.Context, sdk.AccAddress, sdk.Coin) error  { return errNotInFixture }
func (x icFakes) WithdrawFor(context.Context, sdk.AccAddress, sdk.Coin) error { return errNotInFixture }
func (x icFakes) RemoveBridgeToken(context.Context, uint64) error             { return errNotInFixture }
func (x icFakes) CancelBoughtToken(context.Context, uint64, string, string, bool) error {
	return errNotInFixture
}
func (x icFakes) SendCoins(context.Context, sdk.AccAddress, sdk.AccAddress, sdk.Coins) error {
	return errNotInFixture
}
func (x icFakes) GetBalance(_ context.Context, addr sdk.AccAddress, denom string) sdk.Coin {
	return sdk.NewCoin(denom, x.f.Balances[addr.String()].AmountOf(denom))
}
func (x icFakes) FeeFor(context.Context, sdk.Coin) (math.Int, error) {
	return math.Int{}, errNotInFixture
}
func (x icFakes) WriteAcknowledgement(sdk.Context, exported.PacketI, exported.Acknowledgement) error {
	return errNotInFixture
}

// InterchainAuthority is the governance authority of every interchain fixture.
var InterchainAuthority = testutil.Addr("gov")

// FixturePeriod is x/energy's current period in every interchain fixture.
const FixturePeriod = 1_964_000

// FixtureTime is the block time of every interchain fixture context.
var FixtureTime = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// Interchain returns a fixture of a chain with 900-second periods settling in uchf.alpine,
// operated by testutil.Addr("operator"), with no channel yet.
func Interchain(tb testing.TB) *InterchainFixture {
	tb.Helper()
	testutil.SetBech32Prefixes()
	storeKey := storetypes.NewKVStoreKey(types.StoreKey)
	tctx := sdktestutil.DefaultContextWithDB(tb, storeKey, storetypes.NewTransientStoreKey("transient_test"))
	encCfg := moduletestutil.MakeTestEncodingConfig()
	types.RegisterInterfaces(encCfg.InterfaceRegistry)
	f := &InterchainFixture{
		Operator: testutil.Addr("operator"),
		Period:   900,
		Denoms:   []string{"uchf.alpine"},
		Channels: map[string]channeltypes.Channel{},
		ChainIDs: map[string]string{},
		Current:  FixturePeriod,

		Registered: map[string]string{},
		Balances:   map[string]sdk.Coins{},
	}
	fakes := icFakes{f}
	f.Keeper = keeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(storeKey), InterchainAuthority, fakes, fakes, fakes, fakes, fakes, fakes)
	f.Msgs = keeper.NewMsgServerImpl(f.Keeper)
	f.Queries = keeper.NewQueryServerImpl(f.Keeper)
	f.Ctx = tctx.Ctx.WithBlockHeight(FixtureHeight).WithBlockTime(FixtureTime)
	return f
}

// OpenChannel records an open channel end on port over connection to a chain, with the
// counterparty's channel id, as IBC core would after a handshake.
func (f *InterchainFixture) OpenChannel(port, channel, connection, counterpartyChannel, chainID string) {
	version := types.Version
	if port == types.TransferPortID {
		version = "ics20-1"
	}
	f.Channels[port+"/"+channel] = channeltypes.Channel{
		State: channeltypes.OPEN, Ordering: channeltypes.UNORDERED,
		Counterparty:   channeltypes.Counterparty{PortId: port, ChannelId: counterpartyChannel},
		ConnectionHops: []string{connection}, Version: version,
	}
	f.ChainIDs[connection] = chainID
}
