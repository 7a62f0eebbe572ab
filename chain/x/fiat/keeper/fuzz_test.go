package keeper_test

import (
	"encoding/binary"
	"fmt"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

// Operation codes of FuzzFiatOperations; the fuzz input is a sequence of
// [op, parameters...] records, read by fuzzReader (missing bytes read as zero).
const (
	opMint = iota
	opAttest
	opRedeem
	opMarkPaid
	opDeposit
	opWithdraw
	opLock
	opUnlock
	opPay
	opRevokeToggle
	opCount
)

// Amount selectors: how fuzzReader.amount turns a byte (and what follows) into an amount.
const (
	amtZero     = iota
	amtSmall    // 1..256
	amtMedium   // 1 + 997 * uint16: up to about 65 million
	amtMax      // 2^128, the largest amount accepted
	amtTooMuch  // 2^128 + 1
	amtExact    // exactly the balance that matters for the operation
	amtOverBy1  // that balance + 1
	amtNegative // -1
	amtCount
)

const maxFuzzOps = 48

// fuzzReader decodes the fuzz input.
type fuzzReader struct {
	data []byte
	pos  int
}

func (r *fuzzReader) done() bool { return r.pos >= len(r.data) }

func (r *fuzzReader) next() byte {
	if r.done() {
		return 0
	}
	b := r.data[r.pos]
	r.pos++
	return b
}

func (r *fuzzReader) pick(n int) int { return int(r.next()) % n }

// amount decodes an amount; relevant is the balance amtExact and amtOverBy1 refer to.
func (r *fuzzReader) amount(relevant math.Int) math.Int {
	switch r.pick(amtCount) {
	case amtZero:
		return math.ZeroInt()
	case amtSmall:
		return math.NewInt(1 + int64(r.next()))
	case amtMedium:
		return math.NewInt(1 + 997*int64(binary.BigEndian.Uint16([]byte{r.next(), r.next()})))
	case amtMax:
		return maxAmount
	case amtTooMuch:
		return tooMuch
	case amtExact:
		return relevant
	case amtOverBy1:
		return relevant.AddRaw(1)
	default:
		return math.NewInt(-1)
	}
}

// fuzzModel is what x/fiat's state should be, computed independently of the keeper.
// Actors 0-2 are admitted participants, 3 was never admitted; denoms 0 and 1 are the
// two banks', 2 is the staking denom and 3 an IBC voucher (neither is fiat).
type fuzzModel struct {
	reserve, minted, burned, fees [2]math.Int
	revoked                       [2]bool
	fee                           [2]types.FeeModel
	wallet                        [4][2]math.Int // actors' wallets
	bankWallet                    [2]math.Int    // each bank's own wallet, in its denom
	balance, locked               [4][2]math.Int
	redemptions                   []fuzzRedemption // index = id - 1
}

type fuzzRedemption struct {
	denom int
	paid  bool
}

func newFuzzModel(fees [2]types.FeeModel, reserves int64) *fuzzModel {
	m := &fuzzModel{fee: fees}
	for d := 0; d < 2; d++ {
		m.reserve[d], m.minted[d], m.burned[d], m.fees[d], m.bankWallet[d] = math.NewInt(reserves), math.ZeroInt(), math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
		for a := 0; a < 4; a++ {
			m.wallet[a][d], m.balance[a][d], m.locked[a][d] = math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
		}
	}
	return m
}

func (m *fuzzModel) outstanding(d int) math.Int { return m.minted[d].Sub(m.burned[d]) }

func (m *fuzzModel) available(a, d int) math.Int { return m.balance[a][d].Sub(m.locked[a][d]) }

// validAmount mirrors types.ValidateAmount.
func validAmount(x math.Int) bool { return x.IsPositive() && x.LTE(maxAmount) }

// fuzzWorld binds the model's indexes to the fixture's accounts and denoms.
type fuzzWorld struct {
	f      *fixture
	actors [4]sdk.AccAddress
	banks  [2]sdk.AccAddress
	denoms [4]string
}

// FuzzFiatOperations runs random sequences of mints, attestations, redemptions, payouts,
// deposits, withdrawals, locks, unlocks, payments and revocations between three
// participants (and one outsider) and two banks with different fee models. After every
// operation: the keeper agrees with an independent model on every balance and total,
// a rejected operation changed no state and emitted no event, errors are registered
// x/fiat errors, CheckInvariants passes, supply = minted - burned per denom, and all
// balances (settlement escrow included, fiat module account empty) sum to the supply.
//
// One app serves the whole run; every input works on its own cache branch of it.
func FuzzFiatOperations(f *testing.F) {
	fx := newFixture(f).withBanks(f)
	w := &fuzzWorld{
		f:      fx,
		actors: [4]sdk.AccAddress{fx.alice, fx.bob, fx.carol, fx.outsider},
		banks:  [2]sdk.AccAddress{fx.alpineBank, fx.lakeBank},
		denoms: [4]string{alpine, lakeside, app.BondDenom, voucher},
	}
	base := fx.ctx()
	// Store keys are looked up here: the chain reports to f, which the fuzz target may not use.
	stores := map[string]storetypes.StoreKey{}
	for _, name := range []string{types.StoreKey, banktypes.StoreKey, authtypes.StoreKey} {
		stores[name] = fx.c.StoreKey(name)
	}

	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, _ := base.CacheContext()
		m := newFuzzModel([2]types.FeeModel{fee25bp, fee7}, reserve)
		r := &fuzzReader{data: data}
		for i := 0; i < maxFuzzOps && !r.done(); i++ {
			before := map[string][]apptest.KV{}
			for name, key := range stores {
				before[name] = apptest.DumpStore(ctx, key)
			}
			opCtx := ctx.WithEventManager(sdk.NewEventManager())
			desc, wantOK, err := w.apply(t, opCtx, m, r)
			t.Logf("op %d %s: err=%v", i, desc, err)

			if err != nil {
				codespace, code, _ := errorsmod.ABCIInfo(err, false)
				require.Equal(t, types.ModuleName, codespace, "op %d %s: unregistered error %v", i, desc, err)
				require.Greater(t, code, uint32(1), "op %d %s: internal error %v", i, desc, err)
				require.Empty(t, opCtx.EventManager().Events(), "op %d %s: rejected but emitted events", i, desc)
				for name, key := range stores {
					require.Equal(t, before[name], apptest.DumpStore(ctx, key), "op %d %s: rejected (%v) but changed the %s store", i, desc, err, name)
				}
			}
			require.Equal(t, wantOK, err == nil, "op %d %s: model expected ok=%v, keeper said %v", i, desc, wantOK, err)
			w.requireMatches(t, ctx, m, fmt.Sprintf("after op %d %s", i, desc))
			requireInvariantsAt(t, fx.c.App, ctx)
		}
	})
}

// apply decodes one operation, predicts its outcome on the model (updating the model
// when it should succeed) and runs it on the keeper.
func (w *fuzzWorld) apply(t *testing.T, ctx sdk.Context, m *fuzzModel, r *fuzzReader) (desc string, wantOK bool, err error) {
	f := w.f
	op := r.pick(opCount)
	switch op {
	case opMint:
		d, a, signer := r.pick(2), r.pick(4), r.pick(2)
		amt := r.amount(m.reserve[d].Sub(m.outstanding(d)))
		desc = fmt.Sprintf("mint %s %s to actor %d by bank %d", amt, w.denoms[d], a, signer)
		wantOK = signer == d && !m.revoked[d] && a < 3 && validAmount(amt) && m.outstanding(d).Add(amt).LTE(m.reserve[d])
		if wantOK {
			m.wallet[a][d] = m.wallet[a][d].Add(amt)
			m.minted[d] = m.minted[d].Add(amt)
		}
		_, err = f.msgs.Mint(ctx, &types.MsgMint{Bank: w.banks[signer].String(), Denom: w.denoms[d], Recipient: w.actors[a].String(), Amount: amt, DepositReference: "DEP-F"})

	case opAttest:
		d := r.pick(2)
		amt := r.amount(m.outstanding(d))
		desc = fmt.Sprintf("attest %s reserve %s", w.denoms[d], amt)
		wantOK = !amt.IsNegative() && amt.LTE(maxAmount) && amt.GTE(m.outstanding(d))
		if wantOK {
			m.reserve[d] = amt
		}
		_, err = f.msgs.AttestReserve(ctx, &types.MsgAttestReserve{Bank: w.banks[d].String(), Denom: w.denoms[d], Reserve: amt, StatementHash: hashOf("fuzz")})

	case opRedeem:
		a, d := r.pick(4), r.pick(4)
		held := math.ZeroInt()
		if d < 2 {
			held = m.wallet[a][d]
		}
		amt := r.amount(held)
		desc = fmt.Sprintf("redeem %s %s by actor %d", amt, w.denoms[d], a)
		wantOK = d < 2 && validAmount(amt) && held.GTE(amt)
		if wantOK {
			m.wallet[a][d] = m.wallet[a][d].Sub(amt)
			m.burned[d] = m.burned[d].Add(amt)
			m.redemptions = append(m.redemptions, fuzzRedemption{denom: d})
		}
		_, err = f.msgs.Redeem(ctx, &types.MsgRedeem{Holder: w.actors[a].String(), Amount: sdk.Coin{Denom: w.denoms[d], Amount: amt}, PayoutReference: "PAY-F"})

	case opMarkPaid:
		signer := r.pick(2)
		id := uint64(r.pick(len(m.redemptions) + 2)) // 0 and one past the last are unknown
		desc = fmt.Sprintf("mark redemption %d paid by bank %d", id, signer)
		if id >= 1 && id <= uint64(len(m.redemptions)) {
			red := &m.redemptions[id-1]
			wantOK = red.denom == signer && !red.paid
			if wantOK {
				red.paid = true
			}
		}
		_, err = f.msgs.MarkRedemptionPaid(ctx, &types.MsgMarkRedemptionPaid{Bank: w.banks[signer].String(), RedemptionId: id})

	case opDeposit:
		a, d := r.pick(4), r.pick(4)
		amt := r.amount(w.walletOf(m, a, d))
		desc = fmt.Sprintf("deposit %s %s by actor %d", amt, w.denoms[d], a)
		wantOK = d < 2 && a < 3 && validAmount(amt) && m.wallet[a][d].GTE(amt)
		if wantOK {
			m.wallet[a][d] = m.wallet[a][d].Sub(amt)
			m.balance[a][d] = m.balance[a][d].Add(amt)
		}
		_, err = f.msgs.Deposit(ctx, &types.MsgDeposit{Owner: w.actors[a].String(), Amount: sdk.Coin{Denom: w.denoms[d], Amount: amt}})

	case opWithdraw:
		a, d := r.pick(4), r.pick(4)
		amt := r.amount(w.availableOf(m, a, d))
		desc = fmt.Sprintf("withdraw %s %s by actor %d", amt, w.denoms[d], a)
		wantOK = d < 2 && validAmount(amt) && m.available(a, d).GTE(amt)
		if wantOK {
			m.balance[a][d] = m.balance[a][d].Sub(amt)
			m.wallet[a][d] = m.wallet[a][d].Add(amt)
		}
		_, err = f.msgs.Withdraw(ctx, &types.MsgWithdraw{Owner: w.actors[a].String(), Amount: sdk.Coin{Denom: w.denoms[d], Amount: amt}})

	case opLock, opUnlock:
		a, d, byOperator := r.pick(4), r.pick(4), r.pick(4) != 0
		signer := f.operator
		if !byOperator {
			signer = w.actors[a]
		}
		var amt math.Int
		if op == opLock {
			amt = r.amount(w.availableOf(m, a, d))
			wantOK = byOperator && d < 2 && validAmount(amt) && m.available(a, d).GTE(amt)
		} else {
			amt = r.amount(w.lockedOf(m, a, d))
			wantOK = byOperator && d < 2 && validAmount(amt) && m.locked[a][d].GTE(amt)
		}
		coin := sdk.Coin{Denom: w.denoms[d], Amount: amt}
		if op == opLock {
			desc = fmt.Sprintf("lock %s %s of actor %d (by operator: %v)", amt, w.denoms[d], a, byOperator)
			if wantOK {
				m.locked[a][d] = m.locked[a][d].Add(amt)
			}
			_, err = f.msgs.LockCollateral(ctx, &types.MsgLockCollateral{Operator: signer.String(), Owner: w.actors[a].String(), Amount: coin})
		} else {
			desc = fmt.Sprintf("unlock %s %s of actor %d (by operator: %v)", amt, w.denoms[d], a, byOperator)
			if wantOK {
				m.locked[a][d] = m.locked[a][d].Sub(amt)
			}
			_, err = f.msgs.UnlockCollateral(ctx, &types.MsgUnlockCollateral{Operator: signer.String(), Owner: w.actors[a].String(), Amount: coin})
		}

	case opPay:
		from, to, d := r.pick(4), r.pick(4), r.pick(4)
		amt := r.amount(w.availableOf(m, from, d))
		desc = fmt.Sprintf("pay %s %s from actor %d to actor %d", amt, w.denoms[d], from, to)
		// Actor 3 was never admitted: fiat reaches it by no path, payments included.
		if d < 2 && validAmount(amt) && from != to && to != 3 {
			fee := m.fee[d].Fee(amt)
			wantOK = m.available(from, d).GTE(amt.Add(fee))
			if wantOK {
				m.balance[from][d] = m.balance[from][d].Sub(amt).Sub(fee)
				m.balance[to][d] = m.balance[to][d].Add(amt)
				m.bankWallet[d] = m.bankWallet[d].Add(fee)
				m.fees[d] = m.fees[d].Add(fee)
			}
		}
		var fee math.Int
		fee, err = f.k.Pay(ctx, w.actors[from], w.actors[to], sdk.Coin{Denom: w.denoms[d], Amount: amt}, "fuzz")
		if err == nil && wantOK {
			require.Equal(t, m.fee[d].Fee(amt).String(), fee.String(), "%s: returned fee", desc)
		}

	case opRevokeToggle:
		d := r.pick(2)
		m.revoked[d] = !m.revoked[d]
		status := active
		if m.revoked[d] {
			status = revoked
		}
		desc, wantOK = fmt.Sprintf("set %s %s", w.denoms[d], status), true
		_, err = f.msgs.UpdateBank(ctx, &types.MsgUpdateBank{Authority: f.gov, Denom: w.denoms[d], FeeModel: m.fee[d], Status: status})
	}
	return desc, wantOK, err
}

func (w *fuzzWorld) walletOf(m *fuzzModel, a, d int) math.Int {
	if d >= 2 {
		return math.OneInt()
	}
	return m.wallet[a][d]
}

func (w *fuzzWorld) availableOf(m *fuzzModel, a, d int) math.Int {
	if d >= 2 {
		return math.OneInt()
	}
	return m.available(a, d)
}

func (w *fuzzWorld) lockedOf(m *fuzzModel, a, d int) math.Int {
	if d >= 2 {
		return math.OneInt()
	}
	return m.locked[a][d]
}

// requireMatches compares the keeper's and x/bank's state with the model.
func (w *fuzzWorld) requireMatches(t *testing.T, ctx sdk.Context, m *fuzzModel, when string) {
	t.Helper()
	require.NoError(t, w.f.k.CheckInvariants(ctx), "%s: before the end of the block", when)
	require.NoError(t, w.f.k.SettleFees(ctx), "%s: end of block", when) // the model pays fees to the banks at once
	f := w.f
	bank := f.c.App.BankKeeper
	for d := 0; d < 2; d++ {
		denom := w.denoms[d]
		b, err := f.k.GetBank(ctx, denom)
		require.NoError(t, err)
		require.Equal(t, m.reserve[d].String(), b.Reserve.String(), "%s: %s reserve", when, denom)
		require.Equal(t, m.minted[d].String(), b.Minted.String(), "%s: %s minted", when, denom)
		require.Equal(t, m.burned[d].String(), b.Burned.String(), "%s: %s burned", when, denom)
		require.Equal(t, m.fees[d].String(), b.FeesReceived.String(), "%s: %s fees", when, denom)
		require.Equal(t, m.revoked[d], b.Status == revoked, "%s: %s status", when, denom)
		require.Equal(t, m.outstanding(d).String(), bank.GetSupply(ctx, denom).Amount.String(), "%s: %s supply = minted - burned", when, denom)
		require.Equal(t, m.bankWallet[d].String(), bank.GetBalance(ctx, w.banks[d], denom).Amount.String(), "%s: bank %d wallet", when, d)
		escrow, wallets := math.ZeroInt(), m.bankWallet[d]
		for a := 0; a < 4; a++ {
			wallets = wallets.Add(m.wallet[a][d])
			require.Equal(t, m.wallet[a][d].String(), bank.GetBalance(ctx, w.actors[a], denom).Amount.String(), "%s: actor %d wallet %s", when, a, denom)
			acc, err := f.k.GetSettlementAccount(ctx, w.actors[a], denom)
			require.NoError(t, err)
			require.Equal(t, m.balance[a][d].String(), acc.Balance.String(), "%s: actor %d settlement %s", when, a, denom)
			require.Equal(t, m.locked[a][d].String(), acc.Locked.String(), "%s: actor %d locked %s", when, a, denom)
			escrow = escrow.Add(m.balance[a][d])
		}
		require.Equal(t, escrow.String(), bank.GetBalance(ctx, f.escrow, denom).Amount.String(), "%s: %s escrow", when, denom)
		// Conservation: the wallets and the escrow hold the whole supply, nothing else does.
		require.Equal(t, m.outstanding(d).String(), wallets.Add(escrow).String(), "%s: %s wallets + escrow = minted - burned", when, denom)
	}
	for i, red := range m.redemptions {
		got, err := f.k.Redemptions.Get(ctx, uint64(i+1))
		require.NoError(t, err, "%s: redemption %d", when, i+1)
		require.Equal(t, w.denoms[red.denom], got.Denom, "%s: redemption %d denom", when, i+1)
		require.Equal(t, red.paid, got.Status == paid, "%s: redemption %d status", when, i+1)
	}
	next, err := f.k.RedemptionSeq.Peek(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(len(m.redemptions)+1), next, "%s: next redemption id", when)
}

// fuzzSeeds are a few sequences that reach every operation's success path and the
// interesting failures; go test runs them, go test -fuzz grows from them.
func fuzzSeeds() [][]byte {
	small := func(n byte) []byte { return []byte{amtSmall, n} }
	medium := func(hi, lo byte) []byte { return []byte{amtMedium, hi, lo} }
	cat := func(parts ...[]byte) []byte {
		var out []byte
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	op := func(code int, params ...byte) []byte { return append([]byte{byte(code)}, params...) }
	return [][]byte{
		// A full life cycle in Alpine (25 bp): mint, deposit, lock, pay, unlock, withdraw,
		// redeem, payout.
		cat(
			op(opMint, 0, 0, 0), medium(0, 100), // alice gets 99_701
			op(opDeposit, 0, 0), medium(0, 50),
			op(opLock, 0, 0, 1), small(200),
			op(opPay, 0, 1, 0), medium(0, 10), // to bob, fee 24
			op(opUnlock, 0, 0, 1), []byte{amtExact},
			op(opWithdraw, 1, 0), []byte{amtExact},
			op(opRedeem, 1, 0), small(100),
			op(opMarkPaid, 0, 1),
		),
		// Lakeside's fixed fee, payments that cannot cover it, and an outsider paid into.
		cat(
			op(opMint, 1, 2, 1), small(50),
			op(opDeposit, 2, 1), []byte{amtExact},
			op(opPay, 2, 3, 1), []byte{amtExact}, // amount + 7 > balance
			op(opPay, 2, 3, 1), small(20),
			op(opWithdraw, 3, 1), []byte{amtExact},
			op(opDeposit, 3, 1), small(1), // outsider may not deposit
			op(opRedeem, 3, 1), []byte{amtExact},
			op(opMarkPaid, 0, 1), // wrong bank
			op(opMarkPaid, 1, 1),
			op(opMarkPaid, 1, 1), // twice
		),
		// Amounts at and over every bound.
		cat(
			op(opAttest, 0), []byte{amtMax},
			op(opMint, 0, 1, 0), []byte{amtMax},
			op(opMint, 0, 1, 0), []byte{amtTooMuch},
			op(opAttest, 0), []byte{amtOverBy1},
			op(opAttest, 1), []byte{amtNegative},
			op(opDeposit, 1, 0), []byte{amtOverBy1},
			op(opDeposit, 1, 0), []byte{amtExact},
			op(opPay, 1, 0, 0), []byte{amtExact},
			op(opLock, 1, 0, 1), []byte{amtExact},
			op(opWithdraw, 1, 0), small(1),
			op(opUnlock, 1, 0, 1), []byte{amtOverBy1},
			op(opRedeem, 1, 0), []byte{amtZero},
		),
		// Revocation, signers that are not the bank or the operator, non-fiat denoms.
		cat(
			op(opMint, 0, 0, 1), small(5), // wrong bank
			op(opRevokeToggle, 0),
			op(opMint, 0, 0, 0), small(5), // revoked
			op(opRevokeToggle, 0),
			op(opMint, 0, 0, 0), small(5),
			op(opDeposit, 0, 2), small(1), // staking denom
			op(opRedeem, 0, 3), small(1), // voucher
			op(opLock, 0, 0, 0), small(1), // not the operator
			op(opPay, 0, 0, 0), small(1), // to oneself
			op(opAttest, 0), []byte{amtExact},
			op(opMint, 0, 0, 0), small(1), // above the reserve
		),
		[]byte("gridledger fuzz: arbitrary bytes decode into operations too"),
		{},
	}
}
