package keeper_test

import (
	"crypto/sha256"
	"math/big"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/fiat/keeper"
	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// The fixture's two banks: Alpine charges 25 basis points per payment, Lakeside a
// fixed 7 base units; a third denom is approved by the tests that need a no-fee bank.
const (
	alpine   = "uchf.alpine"
	lakeside = "ueur.lakeside"
	summit   = "uchf.summit"

	// voucher is what uchf.alpine looks like after an ICS-20 hop to another chain.
	voucher = "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2"

	// reserve is what the fixture's banks attest at the start.
	reserve = 1_000_000_000
)

var (
	feeNone = types.FeeModel{Kind: types.FeeKind_FEE_KIND_NONE, FixedAmount: math.ZeroInt()}
	fee25bp = bp(25)
	fee7    = fixedFee(7)

	// maxAmount is 2^128, the largest amount x/fiat accepts; tooMuch is one more.
	maxAmount = math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 128))
	tooMuch   = maxAmount.AddRaw(1)
)

func bp(n uint32) types.FeeModel {
	return types.FeeModel{Kind: types.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: n, FixedAmount: math.ZeroInt()}
}

func fixedFee(n int64) types.FeeModel {
	return types.FeeModel{Kind: types.FeeKind_FEE_KIND_FIXED, FixedAmount: math.NewInt(n)}
}

func coin(denom string, amount int64) sdk.Coin { return sdk.NewInt64Coin(denom, amount) }

// hashOf is a 32-byte statement hash named by seed.
func hashOf(seed string) []byte {
	h := sha256.Sum256([]byte(seed))
	return h[:]
}

// fixture is a whole gridd in memory with a grid operator, three admitted participants
// (alice, bob, carol), an account nobody admitted (outsider), and the accounts of up
// to three banks. newFixture approves no bank; withBanks approves Alpine and Lakeside.
type fixture struct {
	c    *apptest.Chain
	k    keeper.Keeper
	msgs types.MsgServer
	q    types.QueryServer
	gov  string

	staker, operator          sdk.AccAddress
	alpineBank, lakeBank      sdk.AccAddress
	summitBank                sdk.AccAddress
	alice, bob, carol         sdk.AccAddress
	outsider                  sdk.AccAddress
	escrow, fiatModuleAccount sdk.AccAddress
}

// newFixture starts the chain and registers a cleanup that checks the x/fiat
// invariants and money conservation once the test is over.
func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	f := &fixture{
		staker: apptest.NewAccount(), operator: apptest.NewAccount(),
		alpineBank: apptest.NewAccount(), lakeBank: apptest.NewAccount(), summitBank: apptest.NewAccount(),
		alice: apptest.NewAccount(), bob: apptest.NewAccount(), carol: apptest.NewAccount(),
		outsider: apptest.NewAccount(),
		gov:      apptest.GovAuthority(),
	}
	f.c = apptest.Setup(tb, f.operator, f.staker, f.operator)
	f.k = f.c.App.FiatKeeper
	f.msgs = keeper.NewMsgServerImpl(f.k)
	f.q = keeper.NewQueryServerImpl(f.k)
	f.escrow = f.c.App.AccountKeeper.GetModuleAddress(types.SettlementAccountName)
	f.fiatModuleAccount = f.c.App.AccountKeeper.GetModuleAddress(types.ModuleName)
	f.c.AdmitParticipant(f.operator, f.alice, "10X-ALICE-0001")
	f.c.AdmitParticipant(f.operator, f.bob, "10X-BOB-00001")
	f.c.AdmitParticipant(f.operator, f.carol, "10X-CAROL-0001")
	tb.Cleanup(func() { f.requireInvariants(tb) })
	return f
}

// withBanks approves Alpine (25 bp) and Lakeside (fixed 7) and has both attest reserve.
func (f *fixture) withBanks(tb testing.TB) *fixture {
	tb.Helper()
	f.approve(tb, alpine, f.alpineBank, fee25bp)
	f.approve(tb, lakeside, f.lakeBank, fee7)
	f.attest(tb, alpine, reserve)
	f.attest(tb, lakeside, reserve)
	return f
}

// ctx is a fresh context (with its own event manager) on the chain's state.
func (f *fixture) ctx() sdk.Context { return f.c.Ctx() }

// requireInvariants runs the keeper's invariants and checks conservation against x/bank:
// for every bank denom the fiat module account holds nothing (it burns at once) and the
// balances of all accounts, the settlement escrow included, sum to the supply.
func (f *fixture) requireInvariants(tb testing.TB) {
	tb.Helper()
	requireInvariantsAt(tb, f.c.App, f.ctx())
}

func requireInvariantsAt(tb testing.TB, a *app.App, ctx sdk.Context) {
	tb.Helper()
	require.NoError(tb, a.FiatKeeper.CheckInvariants(ctx), "x/fiat invariants")
	sums := map[string]math.Int{}
	a.BankKeeper.IterateAllBalances(ctx, func(_ sdk.AccAddress, c sdk.Coin) bool {
		if s, ok := sums[c.Denom]; ok {
			sums[c.Denom] = s.Add(c.Amount)
		} else {
			sums[c.Denom] = c.Amount
		}
		return false
	})
	fiatAcc := a.AccountKeeper.GetModuleAddress(types.ModuleName)
	require.NoError(tb, a.FiatKeeper.Banks.Walk(ctx, nil, func(denom string, b types.BankEntity) (bool, error) {
		supply := a.BankKeeper.GetSupply(ctx, denom).Amount
		require.Equal(tb, b.Minted.Sub(b.Burned).String(), supply.String(), "%s supply = minted - burned", denom)
		held, ok := sums[denom]
		if !ok {
			held = math.ZeroInt()
		}
		require.Equal(tb, supply.String(), held.String(), "%s: balances (escrow included) = supply", denom)
		require.True(tb, a.BankKeeper.GetBalance(ctx, fiatAcc, denom).IsZero(), "%s left in the fiat module account", denom)
		return false, nil
	}))
}

// snapshot is everything a rejected message must leave alone: the fiat export, the
// raw fiat store (indexes and fee totals are not exported) and x/bank's state.
type snapshot struct {
	Fiat    *types.GenesisState
	FiatRaw []apptest.KV
	Bank    *banktypes.GenesisState
	AuthRaw []apptest.KV
}

func (f *fixture) snapshot(tb testing.TB) snapshot {
	tb.Helper()
	ctx := f.ctx()
	gs, err := f.k.ExportGenesis(ctx)
	require.NoError(tb, err)
	return snapshot{
		Fiat:    gs,
		FiatRaw: apptest.DumpStore(ctx, f.c.StoreKey(types.StoreKey)),
		Bank:    f.c.App.BankKeeper.ExportGenesis(ctx),
		AuthRaw: apptest.DumpStore(ctx, f.c.StoreKey(authtypes.StoreKey)),
	}
}

// requireRejected runs call on a fresh context and requires that it fails with want,
// emits no event, changes no state and leaves the invariants intact.
func (f *fixture) requireRejected(tb testing.TB, want error, call func(ctx sdk.Context) error) {
	tb.Helper()
	before := f.snapshot(tb)
	ctx := f.ctx()
	err := call(ctx)
	require.ErrorIs(tb, err, want)
	require.Empty(tb, ctx.EventManager().Events(), "a rejected message emitted events")
	require.Equal(tb, before, f.snapshot(tb), "a rejected message changed state")
	f.requireInvariants(tb)
}

// Shorthands that must succeed.

func (f *fixture) approveMsg(denom string, bank sdk.AccAddress, fee types.FeeModel) *types.MsgApproveBank {
	return &types.MsgApproveBank{
		Authority: f.gov, Address: bank.String(), Denom: denom, Currency: "CHF", Exponent: 6,
		FeeModel: fee, DisplayDenom: denom[1:],
	}
}

func (f *fixture) approve(tb testing.TB, denom string, bank sdk.AccAddress, fee types.FeeModel) {
	tb.Helper()
	_, err := f.msgs.ApproveBank(f.ctx(), f.approveMsg(denom, bank, fee))
	require.NoError(tb, err)
}

func (f *fixture) bankOf(tb testing.TB, denom string) types.BankEntity {
	tb.Helper()
	b, err := f.k.GetBank(f.ctx(), denom)
	require.NoError(tb, err)
	return b
}

func (f *fixture) attest(tb testing.TB, denom string, amount int64) {
	tb.Helper()
	_, err := f.msgs.AttestReserve(f.ctx(), &types.MsgAttestReserve{
		Bank: f.bankOf(tb, denom).Address, Denom: denom, Reserve: math.NewInt(amount), StatementHash: hashOf(denom),
	})
	require.NoError(tb, err)
}

func (f *fixture) mint(tb testing.TB, denom string, to sdk.AccAddress, amount int64) {
	tb.Helper()
	_, err := f.msgs.Mint(f.ctx(), &types.MsgMint{
		Bank: f.bankOf(tb, denom).Address, Denom: denom, Recipient: to.String(), Amount: math.NewInt(amount), DepositReference: "DEP-1",
	})
	require.NoError(tb, err)
}

func (f *fixture) redeem(tb testing.TB, holder sdk.AccAddress, amount sdk.Coin) uint64 {
	tb.Helper()
	res, err := f.msgs.Redeem(f.ctx(), &types.MsgRedeem{Holder: holder.String(), Amount: amount, PayoutReference: "PAY-1"})
	require.NoError(tb, err)
	return res.RedemptionId
}

func (f *fixture) markPaid(tb testing.TB, denom string, id uint64) {
	tb.Helper()
	_, err := f.msgs.MarkRedemptionPaid(f.ctx(), &types.MsgMarkRedemptionPaid{Bank: f.bankOf(tb, denom).Address, RedemptionId: id})
	require.NoError(tb, err)
}

func (f *fixture) deposit(tb testing.TB, owner sdk.AccAddress, amount sdk.Coin) {
	tb.Helper()
	_, err := f.msgs.Deposit(f.ctx(), &types.MsgDeposit{Owner: owner.String(), Amount: amount})
	require.NoError(tb, err)
}

func (f *fixture) lock(tb testing.TB, owner sdk.AccAddress, amount sdk.Coin) {
	tb.Helper()
	_, err := f.msgs.LockCollateral(f.ctx(), &types.MsgLockCollateral{Operator: f.operator.String(), Owner: owner.String(), Amount: amount})
	require.NoError(tb, err)
}

// fund mints amount of denom to owner and deposits deposit of it into its settlement account.
func (f *fixture) fund(tb testing.TB, owner sdk.AccAddress, denom string, amount, deposit int64) {
	tb.Helper()
	f.mint(tb, denom, owner, amount)
	if deposit > 0 {
		f.deposit(tb, owner, coin(denom, deposit))
	}
}

// feesDue is what the settlement escrow holds for a bank until the block ends.
func (f *fixture) feesDue(t testing.TB, denom string) math.Int {
	t.Helper()
	v, err := f.k.FeesDueOf(f.ctx(), denom)
	require.NoError(t, err)
	return v
}

func (f *fixture) balance(addr sdk.AccAddress, denom string) math.Int {
	return f.c.App.BankKeeper.GetBalance(f.ctx(), addr, denom).Amount
}

func (f *fixture) supply(denom string) math.Int {
	return f.c.App.BankKeeper.GetSupply(f.ctx(), denom).Amount
}

func (f *fixture) account(tb testing.TB, owner sdk.AccAddress, denom string) types.SettlementAccount {
	tb.Helper()
	acc, err := f.k.GetSettlementAccount(f.ctx(), owner, denom)
	require.NoError(tb, err)
	return acc
}

// requireAccount checks a settlement account's balance and locked part.
func (f *fixture) requireAccount(tb testing.TB, owner sdk.AccAddress, denom string, balance, locked int64) {
	tb.Helper()
	acc := f.account(tb, owner, denom)
	require.Equal(tb, math.NewInt(balance).String(), acc.Balance.String(), "settlement balance of %s", denom)
	require.Equal(tb, math.NewInt(locked).String(), acc.Locked.String(), "locked %s", denom)
}

func (f *fixture) auditTrail(tb testing.TB, denom string) []types.AuditEntry {
	tb.Helper()
	res, err := f.q.AuditTrail(f.ctx(), &types.QueryAuditTrailRequest{Denom: denom})
	require.NoError(tb, err)
	return res.Entries
}

// lastAudit is the newest entry of denom's audit trail.
func (f *fixture) lastAudit(tb testing.TB, denom string) types.AuditEntry {
	tb.Helper()
	trail := f.auditTrail(tb, denom)
	require.NotEmpty(tb, trail)
	return trail[len(trail)-1]
}

func requireIntEq(tb testing.TB, want int64, got math.Int, msgAndArgs ...any) {
	tb.Helper()
	require.Equal(tb, math.NewInt(want).String(), got.String(), msgAndArgs...)
}

// accountKey is the settlement-account collection key of owner in denom.
func accountKey(owner sdk.AccAddress, denom string) collections.Pair[sdk.AccAddress, string] {
	return collections.Join(owner, denom)
}
