package types_test

import (
	"strings"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

func validBank(denom string) types.BankEntity {
	return types.BankEntity{
		Denom: denom, Address: testutil.Addr("bank-" + denom), Currency: "CHF", Exponent: 6, DisplayDenom: denom[1:],
		FeeModel: types.FeeModel{Kind: types.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: 25, FixedAmount: math.ZeroInt()},
		Status:   types.BankEntityStatus_BANK_ENTITY_STATUS_ACTIVE,
		Reserve:  math.NewInt(1000), Minted: math.NewInt(900), Burned: math.NewInt(100), FeesReceived: math.NewInt(3),
	}
}

// validGenesis has two banks, a trail, a redemption and two settlement accounts.
func validGenesis() types.GenesisState {
	return types.GenesisState{
		Banks: []types.BankEntity{validBank("uchf.alpine"), validBank("ueur.lakeside")},
		AuditEntries: []types.AuditEntry{
			{Id: 1, Denom: "uchf.alpine", Kind: types.AuditKind_AUDIT_KIND_ATTESTATION, Amount: math.NewInt(1000), Reference: "ab"},
			{Id: 2, Denom: "uchf.alpine", Kind: types.AuditKind_AUDIT_KIND_MINT, Account: testutil.Addr("alice"), Amount: math.NewInt(900), Reference: "DEP-1"},
		},
		Redemptions: []types.Redemption{
			{Id: 1, Denom: "uchf.alpine", Holder: testutil.Addr("alice"), Amount: math.NewInt(100), PayoutReference: "PAY-1", Status: types.RedemptionStatus_REDEMPTION_STATUS_PENDING},
		},
		SettlementAccounts: []types.SettlementAccount{
			{Owner: testutil.Addr("alice"), Denom: "uchf.alpine", Balance: math.NewInt(500), Locked: math.NewInt(500)},
			{Owner: testutil.Addr("alice"), Denom: "ueur.lakeside", Balance: math.NewInt(10), Locked: math.ZeroInt()},
		},
		NextAuditId: 3, NextRedemptionId: 2,
	}
}

func TestGenesisValidate(t *testing.T) {
	testutil.SetBech32Prefixes()
	require.NoError(t, types.DefaultGenesis().Validate(), "default genesis")
	require.NoError(t, validGenesis().Validate(), "full genesis")

	for _, tc := range []struct {
		name string
		edit func(*types.GenesisState)
		want error
	}{
		{"duplicate banks", func(gs *types.GenesisState) { gs.Banks = append(gs.Banks, validBank("uchf.alpine")) }, types.ErrInvalidGenesis},
		{"outstanding above reserve", func(gs *types.GenesisState) { gs.Banks[0].Reserve = math.NewInt(799) }, types.ErrInvalidGenesis},
		{"burned above minted", func(gs *types.GenesisState) { gs.Banks[0].Burned = math.NewInt(901) }, types.ErrInvalidGenesis},
		{"reserve not set", func(gs *types.GenesisState) { gs.Banks[0].Reserve = math.Int{} }, types.ErrInvalidGenesis},
		{"fees received not set", func(gs *types.GenesisState) { gs.Banks[1].FeesReceived = math.Int{} }, types.ErrInvalidGenesis},
		{"malformed bank denom", func(gs *types.GenesisState) { gs.Banks[0].Denom = "ibc/ABC" }, types.ErrInvalidDenom},
		{"malformed bank address", func(gs *types.GenesisState) { gs.Banks[0].Address = "cosmos1xyz" }, types.ErrInvalidAddress},
		{"lower-case currency", func(gs *types.GenesisState) { gs.Banks[0].Currency = "chf" }, types.ErrInvalidCurrency},
		{"invalid fee model", func(gs *types.GenesisState) { gs.Banks[0].FeeModel.BasisPoints = 1001 }, types.ErrInvalidFeeModel},
		{"no decimals", func(gs *types.GenesisState) { gs.Banks[0].Exponent = 0 }, types.ErrInvalidDenom},
		{"display denom equal to the denom", func(gs *types.GenesisState) { gs.Banks[0].DisplayDenom = gs.Banks[0].Denom }, types.ErrInvalidDenom},
		{"no display denom", func(gs *types.GenesisState) { gs.Banks[0].DisplayDenom = "" }, types.ErrInvalidDenom},
		{"bank status unspecified", func(gs *types.GenesisState) { gs.Banks[0].Status = 0 }, types.ErrInvalidStatus},
		{"locked above balance", func(gs *types.GenesisState) { gs.SettlementAccounts[0].Locked = math.NewInt(501) }, types.ErrInvalidGenesis},
		{"negative balance", func(gs *types.GenesisState) {
			gs.SettlementAccounts[1].Balance = math.NewInt(-1)
			gs.SettlementAccounts[1].Locked = math.NewInt(-2)
		}, types.ErrInvalidGenesis},
		{"balance not set", func(gs *types.GenesisState) { gs.SettlementAccounts[1].Balance = math.Int{} }, types.ErrInvalidGenesis},
		{"settlement account listed twice", func(gs *types.GenesisState) {
			gs.SettlementAccounts = append(gs.SettlementAccounts, gs.SettlementAccounts[0])
		}, types.ErrInvalidGenesis},
		{"settlement account of a malformed owner", func(gs *types.GenesisState) { gs.SettlementAccounts[0].Owner = "grid1bad" }, types.ErrInvalidAddress},
		{"audit entry of an unknown denom", func(gs *types.GenesisState) { gs.AuditEntries[0].Denom = "uchf.summit" }, types.ErrInvalidGenesis},
		{"audit entry id 0", func(gs *types.GenesisState) { gs.AuditEntries[0].Id = 0 }, types.ErrInvalidGenesis},
		{"audit entry id at next_audit_id", func(gs *types.GenesisState) { gs.NextAuditId = 2 }, types.ErrInvalidGenesis},
		{"redemption of an unknown denom", func(gs *types.GenesisState) { gs.Redemptions[0].Denom = "uchf.summit" }, types.ErrInvalidGenesis},
		{"redemption id at next_redemption_id", func(gs *types.GenesisState) { gs.NextRedemptionId = 1 }, types.ErrInvalidGenesis},
		{"audit entry id listed twice", func(gs *types.GenesisState) { gs.AuditEntries[1].Id = 1 }, types.ErrInvalidGenesis},
		{"redemption id listed twice", func(gs *types.GenesisState) {
			gs.Redemptions = append(gs.Redemptions, gs.Redemptions[0])
			gs.Redemptions[1].Denom = "ueur.lakeside"
		}, types.ErrInvalidGenesis},
		{"redemption status unspecified", func(gs *types.GenesisState) { gs.Redemptions[0].Status = 0 }, types.ErrInvalidGenesis},
		{"settlement account in a denom no bank issues", func(gs *types.GenesisState) { gs.SettlementAccounts[1].Denom = "ugrid" }, types.ErrInvalidGenesis},
		{"settlement account listed twice under two spellings of the owner", func(gs *types.GenesisState) {
			dup := gs.SettlementAccounts[0]
			dup.Owner = strings.ToUpper(dup.Owner)
			gs.SettlementAccounts = append(gs.SettlementAccounts, dup)
		}, types.ErrInvalidGenesis},
		{"negative reserve, minted and burned", func(gs *types.GenesisState) {
			gs.Banks[0].Reserve, gs.Banks[0].Minted, gs.Banks[0].Burned = math.NewInt(-1), math.NewInt(-5), math.NewInt(-5)
		}, types.ErrInvalidGenesis},
		{"negative fees received", func(gs *types.GenesisState) { gs.Banks[0].FeesReceived = math.NewInt(-1) }, types.ErrInvalidGenesis},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis()
			tc.edit(&gs)
			require.ErrorIs(t, gs.Validate(), tc.want)
		})
	}
}
