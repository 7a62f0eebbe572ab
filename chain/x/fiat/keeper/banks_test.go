package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/app/apptest"
	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

const (
	active  = types.BankEntityStatus_BANK_ENTITY_STATUS_ACTIVE
	revoked = types.BankEntityStatus_BANK_ENTITY_STATUS_REVOKED
)

func TestApproveBank(t *testing.T) {
	for _, tc := range []struct {
		name     string
		edit     func(*types.MsgApproveBank)
		wantFee  types.FeeModel
		exponent uint32
	}{
		{name: "basis-point bank is stored active with zero totals", edit: func(m *types.MsgApproveBank) {}, wantFee: fee25bp, exponent: 6},
		{name: "fixed-fee bank keeps its amount", edit: func(m *types.MsgApproveBank) { m.FeeModel = fee7 }, wantFee: fee7, exponent: 6},
		{
			name: "no-fee bank without a fixed amount stores zero", wantFee: feeNone, exponent: 6,
			edit: func(m *types.MsgApproveBank) { m.FeeModel = types.FeeModel{Kind: types.FeeKind_FEE_KIND_NONE} },
		},
		{name: "fee bounds are inclusive: 1 bp", edit: func(m *types.MsgApproveBank) { m.FeeModel = bp(1) }, wantFee: bp(1), exponent: 6},
		{name: "fee bounds are inclusive: 1000 bp", edit: func(m *types.MsgApproveBank) { m.FeeModel = bp(1000) }, wantFee: bp(1000), exponent: 6},
		{
			name: "fee bounds are inclusive: fixed 2^128", wantFee: types.FeeModel{Kind: types.FeeKind_FEE_KIND_FIXED, FixedAmount: maxAmount}, exponent: 6,
			edit: func(m *types.MsgApproveBank) {
				m.FeeModel = types.FeeModel{Kind: types.FeeKind_FEE_KIND_FIXED, FixedAmount: maxAmount}
			},
		},
		{name: "one decimal", edit: func(m *types.MsgApproveBank) { m.Exponent = 1 }, wantFee: fee25bp, exponent: 1},
		{name: "eighteen decimals", edit: func(m *types.MsgApproveBank) { m.Exponent = 18 }, wantFee: fee25bp, exponent: 18},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			msg := f.approveMsg(alpine, f.alpineBank, fee25bp)
			tc.edit(msg)
			ctx := f.ctx()
			_, err := f.msgs.ApproveBank(ctx, msg)
			require.NoError(t, err)

			require.Equal(t, types.BankEntity{
				Denom: alpine, Address: f.alpineBank.String(), Currency: "CHF", Exponent: tc.exponent,
				FeeModel: tc.wantFee, Status: active, DisplayDenom: "chf.alpine",
				Reserve: math.ZeroInt(), Minted: math.ZeroInt(), Burned: math.ZeroInt(), FeesReceived: math.ZeroInt(),
			}, f.bankOf(t, alpine))
			apptest.RequireEvent(t, ctx, &types.EventBankApproved{Denom: alpine, Address: f.alpineBank.String(), Currency: "CHF"})

			// Wallets see the denom: base unit, display unit and exponent, in a form x/bank's
			// own genesis validation accepts (an export must validate).
			md, ok := f.c.App.BankKeeper.GetDenomMetaData(f.ctx(), alpine)
			require.True(t, ok, "no denom metadata")
			require.Equal(t, alpine, md.Base)
			require.Equal(t, "chf.alpine", md.Display)
			require.Equal(t, []*banktypes.DenomUnit{{Denom: alpine, Exponent: 0}, {Denom: "chf.alpine", Exponent: tc.exponent}}, md.DenomUnits)
			require.NoError(t, md.Validate())
		})
	}
}

func TestApproveBankRejections(t *testing.T) {
	f := newFixture(t)
	f.approve(t, alpine, f.alpineBank, fee25bp)
	// A denom x/bank already describes, though nobody holds any.
	f.c.App.BankKeeper.SetDenomMetaData(f.ctx(), banktypes.Metadata{
		Base: "uusd.ghost", Display: "usd.ghost", Name: "ghost", Symbol: "USD",
		DenomUnits: []*banktypes.DenomUnit{{Denom: "uusd.ghost"}, {Denom: "usd.ghost", Exponent: 6}},
	})

	for _, tc := range []struct {
		name string
		edit func(*types.MsgApproveBank)
		want error
	}{
		{"signed by the grid operator instead of x/gov", func(m *types.MsgApproveBank) { m.Authority = f.operator.String() }, types.ErrInvalidAuthority},
		{"signed by the bank itself", func(m *types.MsgApproveBank) { m.Authority = f.summitBank.String() }, types.ErrInvalidAuthority},
		{"no signer", func(m *types.MsgApproveBank) { m.Authority = "" }, types.ErrInvalidAuthority},
		{"malformed bank address", func(m *types.MsgApproveBank) { m.Address = "grid1notanaddress" }, types.ErrInvalidAddress},
		{"empty bank address", func(m *types.MsgApproveBank) { m.Address = "" }, types.ErrInvalidAddress},
		{"upper-case denom", func(m *types.MsgApproveBank) { m.Denom = "UCHF.summit" }, types.ErrInvalidDenom},
		{"denom with a slash, like a voucher", func(m *types.MsgApproveBank) { m.Denom = "ibc/chf" }, types.ErrInvalidDenom},
		{"denom of two characters", func(m *types.MsgApproveBank) { m.Denom = "uc" }, types.ErrInvalidDenom},
		{"denom starting with a digit", func(m *types.MsgApproveBank) { m.Denom = "1chf" }, types.ErrInvalidDenom},
		{"display denom equal to the denom", func(m *types.MsgApproveBank) { m.DisplayDenom = m.Denom }, types.ErrInvalidDenom},
		{"malformed display denom", func(m *types.MsgApproveBank) { m.DisplayDenom = "CHF" }, types.ErrInvalidDenom},
		{"empty display denom", func(m *types.MsgApproveBank) { m.DisplayDenom = "" }, types.ErrInvalidDenom},
		{"denom of an approved bank", func(m *types.MsgApproveBank) { m.Denom = alpine; m.DisplayDenom = "chf.alpine2" }, types.ErrDenomTaken},
		{"the staking denom, which has supply", func(m *types.MsgApproveBank) { m.Denom = app.BondDenom; m.DisplayDenom = "grid" }, types.ErrDenomTaken},
		{"a denom x/bank has metadata for", func(m *types.MsgApproveBank) { m.Denom = "uusd.ghost"; m.DisplayDenom = "usd.ghost" }, types.ErrDenomTaken},
		{"lower-case currency", func(m *types.MsgApproveBank) { m.Currency = "chf" }, types.ErrInvalidCurrency},
		{"four-letter currency", func(m *types.MsgApproveBank) { m.Currency = "CHFX" }, types.ErrInvalidCurrency},
		{"empty currency", func(m *types.MsgApproveBank) { m.Currency = "" }, types.ErrInvalidCurrency},
		{"currency with a digit", func(m *types.MsgApproveBank) { m.Currency = "CH1" }, types.ErrInvalidCurrency},
		{"nineteen decimals", func(m *types.MsgApproveBank) { m.Exponent = 19 }, types.ErrInvalidDenom},
		{"no decimals: display and base unit would coincide", func(m *types.MsgApproveBank) { m.Exponent = 0 }, types.ErrInvalidDenom},
		{"fee kind unspecified", func(m *types.MsgApproveBank) { m.FeeModel = types.FeeModel{FixedAmount: math.ZeroInt()} }, types.ErrInvalidFeeModel},
		{"fee kind unknown", func(m *types.MsgApproveBank) { m.FeeModel = types.FeeModel{Kind: 9, FixedAmount: math.ZeroInt()} }, types.ErrInvalidFeeModel},
		{"0 basis points", func(m *types.MsgApproveBank) { m.FeeModel = bp(0) }, types.ErrInvalidFeeModel},
		{"1001 basis points", func(m *types.MsgApproveBank) { m.FeeModel = bp(1001) }, types.ErrInvalidFeeModel},
		{"fixed fee of 0", func(m *types.MsgApproveBank) { m.FeeModel = fixedFee(0) }, types.ErrInvalidFeeModel},
		{"fixed fee without amount", func(m *types.MsgApproveBank) { m.FeeModel = types.FeeModel{Kind: types.FeeKind_FEE_KIND_FIXED} }, types.ErrInvalidFeeModel},
		{"negative fixed fee", func(m *types.MsgApproveBank) { m.FeeModel = fixedFee(-1) }, types.ErrInvalidFeeModel},
		{"fixed fee above 2^128", func(m *types.MsgApproveBank) {
			m.FeeModel = types.FeeModel{Kind: types.FeeKind_FEE_KIND_FIXED, FixedAmount: tooMuch}
		}, types.ErrInvalidFeeModel},
		{"basis points with a fixed amount", func(m *types.MsgApproveBank) { m.FeeModel = bp(25); m.FeeModel.FixedAmount = math.NewInt(1) }, types.ErrInvalidFeeModel},
		{"fixed fee with basis points", func(m *types.MsgApproveBank) { m.FeeModel = fixedFee(7); m.FeeModel.BasisPoints = 25 }, types.ErrInvalidFeeModel},
		{"no fee with basis points", func(m *types.MsgApproveBank) { m.FeeModel = feeNone; m.FeeModel.BasisPoints = 1 }, types.ErrInvalidFeeModel},
		{"no fee with a fixed amount", func(m *types.MsgApproveBank) { m.FeeModel = feeNone; m.FeeModel.FixedAmount = math.NewInt(1) }, types.ErrInvalidFeeModel},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := f.approveMsg(summit, f.summitBank, fee25bp)
			tc.edit(msg)
			f.requireRejected(t, tc.want, func(ctx sdk.Context) error {
				_, err := f.msgs.ApproveBank(ctx, msg)
				return err
			})
		})
	}
}

func TestUpdateBank(t *testing.T) {
	t.Run("fee model changes, totals and status stay", func(t *testing.T) {
		f := newFixture(t).withBanks(t)
		f.fund(t, f.alice, alpine, 1000, 0)
		before := f.bankOf(t, alpine)

		ctx := f.ctx()
		_, err := f.msgs.UpdateBank(ctx, &types.MsgUpdateBank{Authority: f.gov, Denom: alpine, FeeModel: fixedFee(3), Status: active})
		require.NoError(t, err)
		after := f.bankOf(t, alpine)
		require.Equal(t, fixedFee(3), after.FeeModel)
		after.FeeModel = before.FeeModel
		require.Equal(t, before, after, "only the fee model may change")
		apptest.RequireEvent(t, ctx, &types.EventBankUpdated{Denom: alpine, Status: "BANK_ENTITY_STATUS_ACTIVE"})
	})

	t.Run("no-fee model without a fixed amount stores zero", func(t *testing.T) {
		f := newFixture(t).withBanks(t)
		_, err := f.msgs.UpdateBank(f.ctx(), &types.MsgUpdateBank{
			Authority: f.gov, Denom: lakeside, FeeModel: types.FeeModel{Kind: types.FeeKind_FEE_KIND_NONE}, Status: active,
		})
		require.NoError(t, err)
		require.Equal(t, feeNone, f.bankOf(t, lakeside).FeeModel)
	})

	t.Run("revocation stops minting, not redemption or payout, and can be lifted", func(t *testing.T) {
		f := newFixture(t).withBanks(t)
		f.fund(t, f.alice, alpine, 1000, 0)

		ctx := f.ctx()
		_, err := f.msgs.UpdateBank(ctx, &types.MsgUpdateBank{Authority: f.gov, Denom: alpine, FeeModel: fee25bp, Status: revoked})
		require.NoError(t, err)
		require.Equal(t, revoked, f.bankOf(t, alpine).Status)
		apptest.RequireEvent(t, ctx, &types.EventBankUpdated{Denom: alpine, Status: "BANK_ENTITY_STATUS_REVOKED"})

		f.requireRejected(t, types.ErrBankRevoked, func(ctx sdk.Context) error {
			_, err := f.msgs.Mint(ctx, &types.MsgMint{Bank: f.alpineBank.String(), Denom: alpine, Recipient: f.alice.String(), Amount: math.NewInt(1), DepositReference: "DEP-2"})
			return err
		})
		id := f.redeem(t, f.alice, coin(alpine, 400))
		f.markPaid(t, alpine, id)
		requireIntEq(t, 600, f.supply(alpine))

		_, err = f.msgs.UpdateBank(f.ctx(), &types.MsgUpdateBank{Authority: f.gov, Denom: alpine, FeeModel: fee25bp, Status: active})
		require.NoError(t, err)
		f.mint(t, alpine, f.bob, 5)
		requireIntEq(t, 605, f.supply(alpine))
	})
}

func TestUpdateBankRejections(t *testing.T) {
	f := newFixture(t).withBanks(t)
	for _, tc := range []struct {
		name string
		edit func(*types.MsgUpdateBank)
		want error
	}{
		{"signed by the bank instead of x/gov", func(m *types.MsgUpdateBank) { m.Authority = f.alpineBank.String() }, types.ErrInvalidAuthority},
		{"signed by the grid operator", func(m *types.MsgUpdateBank) { m.Authority = f.operator.String() }, types.ErrInvalidAuthority},
		{"unknown denom", func(m *types.MsgUpdateBank) { m.Denom = summit }, types.ErrUnknownBank},
		{"malformed denom", func(m *types.MsgUpdateBank) { m.Denom = "UCHF.alpine" }, types.ErrInvalidDenom},
		{"voucher denom", func(m *types.MsgUpdateBank) { m.Denom = voucher }, types.ErrInvalidDenom},
		{"invalid fee model", func(m *types.MsgUpdateBank) { m.FeeModel = bp(1001) }, types.ErrInvalidFeeModel},
		{"mixed fee model", func(m *types.MsgUpdateBank) { m.FeeModel = fixedFee(7); m.FeeModel.BasisPoints = 1 }, types.ErrInvalidFeeModel},
		{"status unspecified", func(m *types.MsgUpdateBank) { m.Status = types.BankEntityStatus_BANK_ENTITY_STATUS_UNSPECIFIED }, types.ErrInvalidStatus},
		{"status unknown", func(m *types.MsgUpdateBank) { m.Status = 7 }, types.ErrInvalidStatus},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := &types.MsgUpdateBank{Authority: f.gov, Denom: alpine, FeeModel: fee7, Status: revoked}
			tc.edit(msg)
			f.requireRejected(t, tc.want, func(ctx sdk.Context) error {
				_, err := f.msgs.UpdateBank(ctx, msg)
				return err
			})
		})
	}
}
