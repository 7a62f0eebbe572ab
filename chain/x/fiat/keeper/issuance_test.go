package keeper_test

import (
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

const (
	pending = types.RedemptionStatus_REDEMPTION_STATUS_PENDING
	paid    = types.RedemptionStatus_REDEMPTION_STATUS_PAID
)

func TestAttestReserve(t *testing.T) {
	for _, tc := range []struct {
		name    string
		minted  int64 // outstanding before the attestation
		reserve math.Int
	}{
		{name: "first attestation", reserve: math.NewInt(5_000_000)},
		{name: "zero reserve with nothing outstanding", reserve: math.ZeroInt()},
		{name: "reserve lowered to exactly what is outstanding", minted: 700, reserve: math.NewInt(700)},
		{name: "reserve raised", minted: 700, reserve: math.NewInt(reserve * 3)},
		{name: "reserve of 2^128", reserve: maxAmount},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t).withBanks(t)
			if tc.minted > 0 {
				f.mint(t, alpine, f.alice, tc.minted)
			}
			ctx := f.ctx()
			_, err := f.msgs.AttestReserve(ctx, &types.MsgAttestReserve{
				Bank: f.alpineBank.String(), Denom: alpine, Reserve: tc.reserve, StatementHash: hashOf("audit-2026"),
			})
			require.NoError(t, err)

			b := f.bankOf(t, alpine)
			require.Equal(t, tc.reserve.String(), b.Reserve.String())
			require.Equal(t, hashOf("audit-2026"), b.ReserveStatementHash)
			hash := hex.EncodeToString(hashOf("audit-2026"))
			entry := f.lastAudit(t, alpine)
			require.Equal(t, types.AuditKind_AUDIT_KIND_ATTESTATION, entry.Kind)
			require.Equal(t, tc.reserve.String(), entry.Amount.String())
			require.Equal(t, hash, entry.Reference)
			require.Empty(t, entry.Account)
			require.Equal(t, ctx.BlockHeight(), entry.Height)
			apptest.RequireEvent(t, ctx, &types.EventReserveAttested{Denom: alpine, Reserve: tc.reserve.String(), StatementHash: hash})
		})
	}
}

func TestAttestReserveRejections(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.mint(t, alpine, f.alice, 1000)
	for _, tc := range []struct {
		name string
		edit func(*types.MsgAttestReserve)
		want error
	}{
		{"signed by another bank", func(m *types.MsgAttestReserve) { m.Bank = f.lakeBank.String() }, types.ErrNotTheBank},
		{"signed by a participant", func(m *types.MsgAttestReserve) { m.Bank = f.alice.String() }, types.ErrNotTheBank},
		{"signed by x/gov", func(m *types.MsgAttestReserve) { m.Bank = f.gov }, types.ErrNotTheBank},
		{"unknown denom", func(m *types.MsgAttestReserve) { m.Denom = summit }, types.ErrUnknownBank},
		{"malformed denom", func(m *types.MsgAttestReserve) { m.Denom = "Uchf.alpine" }, types.ErrInvalidDenom},
		{"reserve below outstanding", func(m *types.MsgAttestReserve) { m.Reserve = math.NewInt(999) }, types.ErrExceedsReserve},
		{"zero reserve with fiat outstanding", func(m *types.MsgAttestReserve) { m.Reserve = math.ZeroInt() }, types.ErrExceedsReserve},
		{"negative reserve", func(m *types.MsgAttestReserve) { m.Reserve = math.NewInt(-1) }, types.ErrInvalidAmount},
		{"reserve not set", func(m *types.MsgAttestReserve) { m.Reserve = math.Int{} }, types.ErrInvalidAmount},
		{"reserve above 2^128", func(m *types.MsgAttestReserve) { m.Reserve = tooMuch }, types.ErrInvalidAmount},
		{"31-byte hash", func(m *types.MsgAttestReserve) { m.StatementHash = m.StatementHash[:31] }, types.ErrInvalidHash},
		{"33-byte hash", func(m *types.MsgAttestReserve) { m.StatementHash = append(m.StatementHash, 0) }, types.ErrInvalidHash},
		{"no hash", func(m *types.MsgAttestReserve) { m.StatementHash = nil }, types.ErrInvalidHash},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := &types.MsgAttestReserve{Bank: f.alpineBank.String(), Denom: alpine, Reserve: math.NewInt(5000), StatementHash: hashOf("x")}
			tc.edit(msg)
			f.requireRejected(t, tc.want, func(ctx sdk.Context) error {
				_, err := f.msgs.AttestReserve(ctx, msg)
				return err
			})
		})
	}
}

func TestMint(t *testing.T) {
	for _, tc := range []struct {
		name   string
		setup  func(*testing.T, *fixture)
		to     func(*fixture) sdk.AccAddress
		amount math.Int
	}{
		{name: "to an admitted participant", to: func(f *fixture) sdk.AccAddress { return f.alice }, amount: math.NewInt(1_500_000)},
		{name: "one base unit", to: func(f *fixture) sdk.AccAddress { return f.bob }, amount: math.NewInt(1)},
		{
			name: "up to exactly the reserve, after earlier mints", to: func(f *fixture) sdk.AccAddress { return f.bob },
			setup:  func(t *testing.T, f *fixture) { f.mint(t, alpine, f.alice, 400_000_000) },
			amount: math.NewInt(reserve - 400_000_000),
		},
		{
			name: "redeemed fiat frees reserve for new issuance", to: func(f *fixture) sdk.AccAddress { return f.bob },
			setup: func(t *testing.T, f *fixture) {
				f.mint(t, alpine, f.alice, reserve)
				f.redeem(t, f.alice, coin(alpine, 10))
			},
			amount: math.NewInt(10),
		},
		{
			name: "to a suspended participant: only exclusion bars receiving", to: func(f *fixture) sdk.AccAddress { return f.carol },
			setup:  func(t *testing.T, f *fixture) { f.c.SuspendParticipant(f.operator, f.carol) },
			amount: math.NewInt(77),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t).withBanks(t)
			if tc.setup != nil {
				tc.setup(t, f)
			}
			to := tc.to(f)
			before, supplyBefore, bankBefore := f.balance(to, alpine), f.supply(alpine), f.bankOf(t, alpine)

			ctx := f.ctx()
			res, err := f.msgs.Mint(ctx, &types.MsgMint{
				Bank: f.alpineBank.String(), Denom: alpine, Recipient: to.String(), Amount: tc.amount, DepositReference: "DEP-2026/0042",
			})
			require.NoError(t, err)

			require.Equal(t, before.Add(tc.amount).String(), f.balance(to, alpine).String(), "recipient balance")
			require.Equal(t, supplyBefore.Add(tc.amount).String(), f.supply(alpine).String(), "supply")
			bankAfter := f.bankOf(t, alpine)
			require.Equal(t, bankBefore.Minted.Add(tc.amount).String(), bankAfter.Minted.String(), "bank.minted")
			require.Equal(t, bankBefore.Burned.String(), bankAfter.Burned.String())
			require.Equal(t, types.AuditEntry{
				Id: res.AuditId, Denom: alpine, Kind: types.AuditKind_AUDIT_KIND_MINT, Account: to.String(),
				Amount: tc.amount, Reference: "DEP-2026/0042", Height: ctx.BlockHeight(),
			}, f.lastAudit(t, alpine))
			apptest.RequireEvent(t, ctx, &types.EventMinted{Denom: alpine, Recipient: to.String(), Amount: tc.amount.String(), DepositReference: "DEP-2026/0042"})
		})
	}
}

func TestMintRejections(t *testing.T) {
	f := newFixture(t).withBanks(t)
	excluded := apptest.NewAccount()
	f.c.AdmitParticipant(f.operator, excluded, "10X-EXCLUDED-01")
	f.c.ExcludeParticipant(f.operator, excluded)
	f.approve(t, summit, f.summitBank, feeNone)
	f.attest(t, summit, reserve)
	_, err := f.msgs.UpdateBank(f.ctx(), &types.MsgUpdateBank{Authority: f.gov, Denom: summit, FeeModel: feeNone, Status: revoked})
	require.NoError(t, err)
	f.mint(t, lakeside, f.alice, reserve-100) // 100 left under Lakeside's reserve

	for _, tc := range []struct {
		name string
		edit func(*types.MsgMint)
		want error
	}{
		{"signed by another bank", func(m *types.MsgMint) { m.Bank = f.lakeBank.String() }, types.ErrNotTheBank},
		{"signed by the recipient", func(m *types.MsgMint) { m.Bank = f.alice.String() }, types.ErrNotTheBank},
		{"signed by the grid operator", func(m *types.MsgMint) { m.Bank = f.operator.String() }, types.ErrNotTheBank},
		{"signed by x/gov", func(m *types.MsgMint) { m.Bank = f.gov }, types.ErrNotTheBank},
		{"by a revoked bank", func(m *types.MsgMint) { m.Bank, m.Denom = f.summitBank.String(), summit }, types.ErrBankRevoked},
		{"unknown denom", func(m *types.MsgMint) { m.Denom = "uusd.nobody" }, types.ErrUnknownBank},
		{"the staking denom", func(m *types.MsgMint) { m.Denom = app.BondDenom }, types.ErrUnknownBank},
		{"malformed denom", func(m *types.MsgMint) { m.Denom = "UCHF.alpine" }, types.ErrInvalidDenom},
		{"voucher denom", func(m *types.MsgMint) { m.Denom = voucher }, types.ErrInvalidDenom},
		{"empty denom", func(m *types.MsgMint) { m.Denom = "" }, types.ErrInvalidDenom},
		{"to an account never admitted", func(m *types.MsgMint) { m.Recipient = f.outsider.String() }, types.ErrRecipientNotAdmitted},
		{"to an excluded participant", func(m *types.MsgMint) { m.Recipient = excluded.String() }, types.ErrRecipientNotAdmitted},
		{"to the bank itself, not admitted", func(m *types.MsgMint) { m.Recipient = f.alpineBank.String() }, types.ErrRecipientNotAdmitted},
		{"to a malformed address", func(m *types.MsgMint) { m.Recipient = "grid1xyz" }, types.ErrInvalidAddress},
		{"to no address", func(m *types.MsgMint) { m.Recipient = "" }, types.ErrInvalidAddress},
		{"one unit above the reserve", func(m *types.MsgMint) { m.Amount = math.NewInt(reserve + 1) }, types.ErrExceedsReserve},
		{"above what is left of the reserve", func(m *types.MsgMint) {
			m.Bank, m.Denom, m.Amount = f.lakeBank.String(), lakeside, math.NewInt(101)
		}, types.ErrExceedsReserve},
		{"2^128", func(m *types.MsgMint) { m.Amount = maxAmount }, types.ErrExceedsReserve},
		{"zero", func(m *types.MsgMint) { m.Amount = math.ZeroInt() }, types.ErrInvalidAmount},
		{"negative", func(m *types.MsgMint) { m.Amount = math.NewInt(-5) }, types.ErrInvalidAmount},
		{"not set", func(m *types.MsgMint) { m.Amount = math.Int{} }, types.ErrInvalidAmount},
		{"above 2^128", func(m *types.MsgMint) { m.Amount = tooMuch }, types.ErrInvalidAmount},
		{"no deposit reference", func(m *types.MsgMint) { m.DepositReference = "" }, types.ErrInvalidReference},
		{"deposit reference with a space", func(m *types.MsgMint) { m.DepositReference = "DEP 1" }, types.ErrInvalidReference},
		{"deposit reference of 65 characters", func(m *types.MsgMint) { m.DepositReference = strings.Repeat("D", 65) }, types.ErrInvalidReference},
		{"deposit reference that starts with a dash", func(m *types.MsgMint) { m.DepositReference = "-DEP" }, types.ErrInvalidReference},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := &types.MsgMint{Bank: f.alpineBank.String(), Denom: alpine, Recipient: f.alice.String(), Amount: math.NewInt(100), DepositReference: "DEP-1"}
			tc.edit(msg)
			f.requireRejected(t, tc.want, func(ctx sdk.Context) error {
				_, err := f.msgs.Mint(ctx, msg)
				return err
			})
		})
	}
}

func TestRedeem(t *testing.T) {
	for _, tc := range []struct {
		name   string
		setup  func(*testing.T, *fixture)
		holder func(*fixture) sdk.AccAddress
		amount int64
	}{
		{name: "part of a holding", holder: func(f *fixture) sdk.AccAddress { return f.alice }, amount: 250},
		{name: "a whole holding", holder: func(f *fixture) sdk.AccAddress { return f.alice }, amount: 1000},
		{
			name: "of a revoked bank's fiat", holder: func(f *fixture) sdk.AccAddress { return f.alice }, amount: 10,
			setup: func(t *testing.T, f *fixture) {
				_, err := f.msgs.UpdateBank(f.ctx(), &types.MsgUpdateBank{Authority: f.gov, Denom: alpine, FeeModel: fee25bp, Status: revoked})
				require.NoError(t, err)
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t).withBanks(t)
			f.fund(t, f.alice, alpine, 1000, 0)
			if tc.setup != nil {
				tc.setup(t, f)
			}
			holder := tc.holder(f)
			before, supplyBefore, bankBefore := f.balance(holder, alpine), f.supply(alpine), f.bankOf(t, alpine)

			ctx := f.ctx()
			res, err := f.msgs.Redeem(ctx, &types.MsgRedeem{Holder: holder.String(), Amount: coin(alpine, tc.amount), PayoutReference: "PAY-2026-0001"})
			require.NoError(t, err)

			// Burned at once: the holder's balance and the supply drop in the same message.
			require.Equal(t, before.SubRaw(tc.amount).String(), f.balance(holder, alpine).String())
			require.Equal(t, supplyBefore.SubRaw(tc.amount).String(), f.supply(alpine).String())
			requireIntEq(t, 0, f.balance(f.fiatModuleAccount, alpine), "nothing waits in the module account")
			bankAfter := f.bankOf(t, alpine)
			require.Equal(t, bankBefore.Burned.AddRaw(tc.amount).String(), bankAfter.Burned.String())
			require.Equal(t, bankBefore.Minted.String(), bankAfter.Minted.String())

			r, err := f.q.Redemption(f.ctx(), &types.QueryRedemptionRequest{Id: res.RedemptionId})
			require.NoError(t, err)
			require.Equal(t, types.Redemption{
				Id: res.RedemptionId, Denom: alpine, Holder: holder.String(), Amount: math.NewInt(tc.amount),
				PayoutReference: "PAY-2026-0001", Status: pending, RequestedHeight: ctx.BlockHeight(),
			}, r.Redemption)
			require.Equal(t, types.AuditEntry{
				Id: f.lastAudit(t, alpine).Id, Denom: alpine, Kind: types.AuditKind_AUDIT_KIND_REDEMPTION, Account: holder.String(),
				Amount: math.NewInt(tc.amount), Reference: "PAY-2026-0001", Height: ctx.BlockHeight(), RedemptionId: res.RedemptionId,
			}, f.lastAudit(t, alpine))
			apptest.RequireEvent(t, ctx, &types.EventRedemptionRequested{
				RedemptionId: res.RedemptionId, Denom: alpine, Holder: holder.String(), Amount: math.NewInt(tc.amount).String(),
			})
		})
	}
}

func TestRedeemRejections(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.fund(t, f.alice, alpine, 1000, 0)
	f.fund(t, f.bob, alpine, 500, 500) // everything in the settlement account
	for _, tc := range []struct {
		name string
		msg  func() *types.MsgRedeem
		want error
	}{
		{"more than held", func() *types.MsgRedeem { return redeemMsg(f.alice, coin(alpine, 1001)) }, types.ErrInsufficientFunds},
		{"funds in the settlement account do not count", func() *types.MsgRedeem { return redeemMsg(f.bob, coin(alpine, 1)) }, types.ErrInsufficientFunds},
		{"by an account holding nothing", func() *types.MsgRedeem { return redeemMsg(f.carol, coin(alpine, 1)) }, types.ErrInsufficientFunds},
		{"another bank's fiat not held", func() *types.MsgRedeem { return redeemMsg(f.alice, coin(lakeside, 1)) }, types.ErrInsufficientFunds},
		{"an IBC voucher", func() *types.MsgRedeem { return redeemMsg(f.alice, coin(voucher, 1)) }, types.ErrRedeemAtOrigin},
		{"an unknown denom", func() *types.MsgRedeem { return redeemMsg(f.alice, coin(summit, 1)) }, types.ErrUnknownBank},
		{"the staking denom", func() *types.MsgRedeem { return redeemMsg(f.alice, coin(app.BondDenom, 1)) }, types.ErrUnknownBank},
		{"zero", func() *types.MsgRedeem { return redeemMsg(f.alice, coin(alpine, 0)) }, types.ErrInvalidAmount},
		{"negative", func() *types.MsgRedeem {
			return redeemMsg(f.alice, sdk.Coin{Denom: alpine, Amount: math.NewInt(-1)})
		}, types.ErrInvalidAmount},
		{"above 2^128", func() *types.MsgRedeem { return redeemMsg(f.alice, sdk.Coin{Denom: alpine, Amount: tooMuch}) }, types.ErrInvalidAmount},
		{"no denom", func() *types.MsgRedeem { return redeemMsg(f.alice, sdk.Coin{Amount: math.NewInt(1)}) }, types.ErrInvalidDenom},
		{"malformed denom", func() *types.MsgRedeem { return redeemMsg(f.alice, sdk.Coin{Denom: "1x", Amount: math.NewInt(1)}) }, types.ErrInvalidDenom},
		{"no payout reference", func() *types.MsgRedeem {
			m := redeemMsg(f.alice, coin(alpine, 1))
			m.PayoutReference = ""
			return m
		}, types.ErrInvalidReference},
		{"an IBAN in clear as payout reference", func() *types.MsgRedeem {
			m := redeemMsg(f.alice, coin(alpine, 1))
			m.PayoutReference = "CH93 0076 2011 6238 5295 7"
			return m
		}, types.ErrInvalidReference},
		{"malformed holder", func() *types.MsgRedeem {
			m := redeemMsg(f.alice, coin(alpine, 1))
			m.Holder = "cosmos1xyz"
			return m
		}, types.ErrInvalidAddress},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := tc.msg()
			f.requireRejected(t, tc.want, func(ctx sdk.Context) error {
				_, err := f.msgs.Redeem(ctx, msg)
				return err
			})
		})
	}
}

func redeemMsg(holder sdk.AccAddress, amount sdk.Coin) *types.MsgRedeem {
	return &types.MsgRedeem{Holder: holder.String(), Amount: amount, PayoutReference: "PAY-1"}
}

func TestMarkRedemptionPaid(t *testing.T) {
	for _, tc := range []struct {
		name   string
		revoke bool
	}{
		{name: "by the issuing bank"},
		{name: "by a revoked bank: payouts of its fiat continue", revoke: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t).withBanks(t)
			f.fund(t, f.alice, alpine, 1000, 0)
			id := f.redeem(t, f.alice, coin(alpine, 600))
			if tc.revoke {
				_, err := f.msgs.UpdateBank(f.ctx(), &types.MsgUpdateBank{Authority: f.gov, Denom: alpine, FeeModel: fee25bp, Status: revoked})
				require.NoError(t, err)
			}
			f.c.NextBlock(5 * time.Second)
			supply := f.supply(alpine)

			ctx := f.ctx()
			_, err := f.msgs.MarkRedemptionPaid(ctx, &types.MsgMarkRedemptionPaid{Bank: f.alpineBank.String(), RedemptionId: id})
			require.NoError(t, err)

			r, err := f.q.Redemption(f.ctx(), &types.QueryRedemptionRequest{Id: id})
			require.NoError(t, err)
			require.Equal(t, paid, r.Redemption.Status)
			require.Equal(t, ctx.BlockHeight(), r.Redemption.PaidHeight)
			require.Less(t, r.Redemption.RequestedHeight, r.Redemption.PaidHeight)
			require.Equal(t, supply.String(), f.supply(alpine).String(), "payout happens off chain: supply unchanged")
			require.Equal(t, types.AuditEntry{
				Id: f.lastAudit(t, alpine).Id, Denom: alpine, Kind: types.AuditKind_AUDIT_KIND_PAYOUT, Account: f.alice.String(),
				Amount: math.NewInt(600), Reference: "PAY-1", Height: ctx.BlockHeight(), RedemptionId: id,
			}, f.lastAudit(t, alpine))
			apptest.RequireEvent(t, ctx, &types.EventRedemptionPaid{RedemptionId: id, Denom: alpine})
		})
	}
}

func TestMarkRedemptionPaidRejections(t *testing.T) {
	f := newFixture(t).withBanks(t)
	f.fund(t, f.alice, alpine, 1000, 0)
	open := f.redeem(t, f.alice, coin(alpine, 100))
	done := f.redeem(t, f.alice, coin(alpine, 100))
	f.markPaid(t, alpine, done)

	for _, tc := range []struct {
		name string
		msg  *types.MsgMarkRedemptionPaid
		want error
	}{
		{"paid twice", &types.MsgMarkRedemptionPaid{Bank: f.alpineBank.String(), RedemptionId: done}, types.ErrAlreadyPaid},
		{"by another bank", &types.MsgMarkRedemptionPaid{Bank: f.lakeBank.String(), RedemptionId: open}, types.ErrNotTheBank},
		{"by the holder", &types.MsgMarkRedemptionPaid{Bank: f.alice.String(), RedemptionId: open}, types.ErrNotTheBank},
		{"unknown id", &types.MsgMarkRedemptionPaid{Bank: f.alpineBank.String(), RedemptionId: 99}, types.ErrUnknownRedemption},
		{"id zero", &types.MsgMarkRedemptionPaid{Bank: f.alpineBank.String(), RedemptionId: 0}, types.ErrUnknownRedemption},
		{"malformed bank address", &types.MsgMarkRedemptionPaid{Bank: "grid1bad", RedemptionId: open}, types.ErrInvalidAddress},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.requireRejected(t, tc.want, func(ctx sdk.Context) error {
				_, err := f.msgs.MarkRedemptionPaid(ctx, tc.msg)
				return err
			})
		})
	}
}
