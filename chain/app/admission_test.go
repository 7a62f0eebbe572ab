package app_test

import (
	"sort"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

const fiatDenom = "uchf.alpine"

// grid is a test chain with one account of every standing the door knows.
type grid struct {
	c                             *apptest.Chain
	operator, bank, relayer       *apptest.Key
	stranger, suspended, excluded *apptest.Key
	participants                  map[balancingtypes.Role]*apptest.Key
	validator                     sdk.AccAddress
	door                          app.AdmissionDecorator
}

func newGrid(t *testing.T) *grid {
	t.Helper()
	g := &grid{
		operator: apptest.NewKey(), bank: apptest.NewKey(), relayer: apptest.NewKey(),
		stranger: apptest.NewKey(), suspended: apptest.NewKey(), excluded: apptest.NewKey(),
		participants: map[balancingtypes.Role]*apptest.Key{},
	}
	staker := apptest.NewAccount()
	addrs := []sdk.AccAddress{staker, g.operator.Addr, g.bank.Addr, g.relayer.Addr, g.stranger.Addr, g.suspended.Addr, g.excluded.Addr}
	for r := range balancingtypes.Role_name {
		if role := balancingtypes.Role(r); role != balancingtypes.Role_ROLE_UNSPECIFIED {
			g.participants[role] = apptest.NewKey()
			addrs = append(addrs, g.participants[role].Addr)
		}
	}
	g.c = apptest.Setup(t, g.operator.Addr, addrs...)
	ctx := g.c.Ctx()
	i := 0
	for role, k := range g.participants {
		g.c.Admit(ctx, g.operator.Addr, k.Addr, apptest.Admission{LegalID: legalID(i), Roles: []balancingtypes.Role{role}})
		i++
	}
	for _, k := range []*apptest.Key{g.suspended, g.excluded} {
		g.c.Admit(ctx, g.operator.Addr, k.Addr, apptest.Admission{LegalID: legalID(i), Roles: []balancingtypes.Role{balancingtypes.Role_ROLE_TRADER}})
		i++
	}
	g.c.Suspend(ctx, g.operator.Addr, g.suspended.Addr)
	_, err := balancingkeeper.NewMsgServerImpl(g.c.App.BalancingKeeper).ExcludeParticipant(ctx, &balancingtypes.MsgExcludeParticipant{
		Operator: g.operator.Addr.String(), Address: g.excluded.Addr.String(), ReasonCode: "test",
	})
	require.NoError(t, err)
	_, err = balancingkeeper.NewMsgServerImpl(g.c.App.BalancingKeeper).RegisterRelayer(ctx, &balancingtypes.MsgRegisterRelayer{
		Operator: g.operator.Addr.String(), Address: g.relayer.Addr.String(),
	})
	require.NoError(t, err)
	g.c.ApproveBank(ctx, g.bank.Addr, fiatDenom, "chf.alpine", "CHF", fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_NONE}, sdkmath.NewInt(1_000_000_000_000))
	vals, err := g.c.App.StakingKeeper.GetAllValidators(ctx)
	require.NoError(t, err)
	valAddr, err := sdk.ValAddressFromBech32(vals[0].OperatorAddress)
	require.NoError(t, err)
	g.validator = sdk.AccAddress(valAddr)
	g.c.NextBlock(0)
	g.door = app.NewAdmissionDecorator(g.c.App.BalancingKeeper, g.c.App.FiatKeeper, g.c.App.StakingKeeper)
	return g
}

func legalID(i int) string {
	return "12X-TEST-" + string(rune('A'+i/26)) + string(rune('A'+i%26)) + "-00001"
}

// everyMsg returns one empty value of every message type the app routes, sorted by type URL.
func everyMsg(t *testing.T, a *app.App) []sdk.Msg {
	t.Helper()
	var msgs []sdk.Msg
	for _, url := range a.InterfaceRegistry().ListImplementations(sdk.MsgInterfaceProtoName) {
		if a.MsgServiceRouter().HandlerByTypeURL(url) == nil {
			continue
		}
		msg, err := a.InterfaceRegistry().Resolve(url)
		require.NoError(t, err)
		msgs = append(msgs, msg.(sdk.Msg))
	}
	sort.Slice(msgs, func(i, j int) bool { return sdk.MsgTypeURL(msgs[i]) < sdk.MsgTypeURL(msgs[j]) })
	require.Greater(t, len(msgs), 40, "the router should know every module's messages")
	return msgs
}

// TestDoorMatrix asserts the door's decision for every routed message and every standing.
// Module rules (roles, ownership) come after the door and have their own tests.
func TestDoorMatrix(t *testing.T) {
	g := newGrid(t)
	ctx := g.c.Ctx().WithChainID(apptest.ChainID)
	isIBCCore := func(url string) bool { return strings.HasPrefix(url, "/ibc.core.") }
	isValidatorMsg := func(url string) bool {
		for _, p := range []string{"/cosmos.staking.", "/cosmos.distribution.", "/cosmos.slashing.", "/cosmos.gov.", "/cosmos.bank."} {
			if strings.HasPrefix(url, p) {
				return true
			}
		}
		return false
	}
	const createValidator = "/cosmos.staking.v1beta1.MsgCreateValidator"
	type who struct {
		name  string
		addr  sdk.AccAddress
		allow func(url string) bool
		err   *errorsmod.Error
	}
	everyone := []who{
		{"stranger", g.stranger.Addr, func(string) bool { return false }, balancingtypes.ErrNotAdmitted},
		{"suspended", g.suspended.Addr, func(string) bool { return false }, balancingtypes.ErrNotInGoodStanding},
		{"excluded", g.excluded.Addr, func(string) bool { return false }, balancingtypes.ErrNotInGoodStanding},
		{"operator", g.operator.Addr, func(string) bool { return true }, nil},
		{"bank", g.bank.Addr, func(string) bool { return true }, nil},
		{"validator", g.validator, isValidatorMsg, balancingtypes.ErrMessageNotAllowed},
		{"relayer", g.relayer.Addr, isIBCCore, balancingtypes.ErrMessageNotAllowed},
	}
	for role, k := range g.participants {
		role := role
		everyone = append(everyone, who{"participant " + role.String(), k.Addr, func(url string) bool {
			return url != createValidator || role == balancingtypes.Role_ROLE_VALIDATOR
		}, balancingtypes.ErrMessageNotAllowed})
	}
	msgs := everyMsg(t, g.c.App)
	allowed := 0
	for _, w := range everyone {
		for _, msg := range msgs {
			url := sdk.MsgTypeURL(msg)
			err := g.door.Admit(ctx, w.addr, []sdk.Msg{msg})
			if w.allow(url) {
				require.NoError(t, err, "%s sending %s", w.name, url)
				allowed++
				continue
			}
			require.ErrorIs(t, err, w.err, "%s sending %s", w.name, url)
			require.Contains(t, err.Error(), w.addr.String(), "the refusal names the account")
		}
	}
	require.Greater(t, allowed, len(msgs), "the matrix allows something")
}

// TestCheckTxRefusesAtTheDoor sends real signed transactions through CheckTx, as a
// broadcast would, and checks the code, the message and that nothing changed.
func TestCheckTxRefusesAtTheDoor(t *testing.T) {
	g := newGrid(t)
	trader := g.participants[balancingtypes.Role_ROLE_TRADER]
	send := func(from *apptest.Key) sdk.Msg {
		return banktypes.NewMsgSend(from.Addr, g.operator.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
	}
	cases := []struct {
		name string
		from *apptest.Key
		msg  sdk.Msg
		code uint32
		says string
	}{
		{"a stranger", g.stranger, send(g.stranger), balancingtypes.ErrNotAdmitted.ABCICode(), "is not admitted on gridledger-test-1: ask the grid operator to admit it"},
		{"a suspended participant", g.suspended, send(g.suspended), balancingtypes.ErrNotInGoodStanding.ABCICode(), "ask the grid operator to reinstate it"},
		{"an excluded participant", g.excluded, send(g.excluded), balancingtypes.ErrNotInGoodStanding.ABCICode(), "was excluded"},
		{"a relayer sending a bank send", g.relayer, send(g.relayer), balancingtypes.ErrMessageNotAllowed.ABCICode(), "IBC core messages only"},
		{"an admitted trader", trader, send(trader), 0, ""},
		{"the operator", g.operator, send(g.operator), 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := g.c.App.BankKeeper.GetAllBalances(g.c.Ctx(), tc.from.Addr)
			res := g.c.CheckTx(tc.from, 200_000, tc.msg)
			require.Equal(t, tc.code, res.Code, res.Log)
			if tc.code != 0 {
				require.Equal(t, balancingtypes.ModuleName, res.Codespace)
				require.Contains(t, res.Log, tc.says)
				require.Contains(t, res.Log, tc.from.Addr.String())
				// Refused in the block too, if a proposer put it there anyway.
				out := g.c.DeliverTxs(g.c.SignTx(tc.from, 200_000, nil, tc.msg))[0]
				require.Equal(t, tc.code, out.Code)
				require.Equal(t, before, g.c.App.BankKeeper.GetAllBalances(g.c.Ctx(), tc.from.Addr))
				require.Zero(t, g.c.App.AccountKeeper.GetAccount(g.c.Ctx(), tc.from.Addr).GetSequence(), "a refused transaction spends no sequence")
			}
		})
	}
}

func TestTxLimitsAtTheDoor(t *testing.T) {
	g := newGrid(t)
	trader := g.participants[balancingtypes.Role_ROLE_TRADER]
	limits := balancingtypes.DefaultTxLimits()
	one := banktypes.NewMsgSend(trader.Addr, g.operator.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))

	res := g.c.CheckTx(trader, limits.MaxGas+1, one)
	require.Equal(t, balancingtypes.ErrTxTooLarge.ABCICode(), res.Code, res.Log)
	require.Contains(t, res.Log, "split the work")

	many := make([]sdk.Msg, limits.MaxMsgs+1)
	for i := range many {
		many[i] = one
	}
	res = g.c.CheckTx(trader, limits.MaxGas, many...)
	require.Equal(t, balancingtypes.ErrTxTooLarge.ABCICode(), res.Code, res.Log)
	require.Contains(t, res.Log, "101 messages")

	res = g.c.CheckTx(trader, limits.MaxGas, many[:limits.MaxMsgs]...)
	require.Zero(t, res.Code, res.Log)

	// Fees only in the staking token: fiat paid as a fee would leave the admitted set.
	bz := g.c.SignTx(trader, 200_000, sdk.NewCoins(sdk.NewInt64Coin(fiatDenom, 1)), one)
	chk, err := g.c.App.CheckTx(checkNew(bz))
	require.NoError(t, err)
	require.Equal(t, balancingtypes.ErrFiatFenced.ABCICode(), chk.Code, chk.Log)
}

// TestMempoolQuota floods CheckTx from one participant: it is held to its quota of
// pending gas while another participant and the operator still get in, and the quota
// frees up once a block is committed.
func TestMempoolQuota(t *testing.T) {
	g := newGrid(t)
	flooder := g.participants[balancingtypes.Role_ROLE_TRADER]
	other := g.participants[balancingtypes.Role_ROLE_CONSUMER]
	limits := balancingtypes.DefaultTxLimits()
	gas := limits.MaxGas / 5
	send := func(k *apptest.Key) sdk.Msg {
		return banktypes.NewMsgSend(k.Addr, g.operator.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
	}
	accepted := 0
	for i := 0; i < 20; i++ {
		res := g.c.CheckTx(flooder, gas, send(flooder))
		if res.Code != 0 {
			require.Equal(t, balancingtypes.ErrSenderQuota.ABCICode(), res.Code, res.Log)
			require.Contains(t, res.Log, "wait for the next block")
			continue
		}
		accepted++
	}
	require.Equal(t, int(limits.SenderPendingGas/gas), accepted, "the flooder gets exactly its quota into the mempool")
	require.Zero(t, g.c.CheckTx(other, gas, send(other)).Code, "another participant still gets in")
	for i := 0; i < 10; i++ {
		require.Zero(t, g.c.CheckTx(g.operator, gas, send(g.operator)).Code, "the grid operator is exempt")
	}
	// Each committed block frees the quota (CometBFT re-checks what is still waiting).
	g.c.NextBlock(0)
	flooder.Seq = g.c.App.AccountKeeper.GetAccount(g.c.Ctx(), flooder.Addr).GetSequence()
	require.Zero(t, g.c.CheckTx(flooder, gas, send(flooder)).Code)
}

// TestFiatStaysInside covers the bank send restriction and the refusal of bank sends of fiat.
func TestFiatStaysInside(t *testing.T) {
	g := newGrid(t)
	trader := g.participants[balancingtypes.Role_ROLE_TRADER]
	consumer := g.participants[balancingtypes.Role_ROLE_CONSUMER]
	ctx := g.c.Ctx()
	g.c.Fund(ctx, g.bank.Addr, fiatDenom, trader.Addr, sdkmath.NewInt(1_000_000), sdkmath.ZeroInt())
	g.c.NextBlock(0)
	coins := sdk.NewCoins(sdk.NewInt64Coin(fiatDenom, 10))

	// Any module's transfer to an outsider is refused by the send restriction.
	for _, outsider := range []sdk.AccAddress{g.stranger.Addr, g.relayer.Addr, g.validator, apptest.NewAccount()} {
		err := g.c.App.BankKeeper.SendCoins(g.c.Ctx(), trader.Addr, outsider, coins)
		require.ErrorIs(t, err, balancingtypes.ErrFiatFenced)
		require.Contains(t, err.Error(), "ask the grid operator to admit the account first")
		require.True(t, g.c.App.BankKeeper.GetBalance(g.c.Ctx(), outsider, fiatDenom).IsZero())
	}
	// Inside the admitted set, suspended included (what it is owed must still reach it).
	for _, insider := range []sdk.AccAddress{consumer.Addr, g.suspended.Addr, g.operator.Addr, g.bank.Addr} {
		require.NoError(t, g.c.App.BankKeeper.SendCoins(g.c.Ctx(), trader.Addr, insider, coins))
	}
	// The staking token is not fenced: validators and strangers' genesis balances use it.
	require.NoError(t, g.c.App.BankKeeper.SendCoins(g.c.Ctx(), trader.Addr, g.stranger.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1))))

	// A bank send of fiat is refused at the door, even between two participants.
	res := g.c.CheckTx(trader, 200_000, banktypes.NewMsgSend(trader.Addr, consumer.Addr, coins))
	require.Equal(t, balancingtypes.ErrFiatFenced.ABCICode(), res.Code, res.Log)
	require.Contains(t, res.Log, "pay the issuing bank's fee")
}

func checkNew(tx []byte) *abci.RequestCheckTx {
	return &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New}
}
