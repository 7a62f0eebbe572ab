package fiat

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// AutoCLIOptions generates `gridd tx fiat ...` and `gridd query fiat ...` from proto.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.fiat.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Bank", Use: "bank [denom]", Short: "Show a bank entity: reserve, minted, burned, fees", PositionalArgs: moduleutil.Positional("denom")},
				{RpcMethod: "Banks", Use: "banks", Short: "List the bank entities"},
				{RpcMethod: "AuditTrail", Use: "audit-trail [denom]", Short: "List a bank's attestations, mints, redemptions and payouts", PositionalArgs: moduleutil.Positional("denom")},
				{RpcMethod: "Redemption", Use: "redemption [id]", Short: "Show a redemption request", PositionalArgs: moduleutil.Positional("id")},
				{RpcMethod: "Redemptions", Use: "redemptions [denom]", Short: "List a bank's redemptions, optionally by --status", PositionalArgs: moduleutil.Positional("denom")},
				{RpcMethod: "SettlementAccount", Use: "settlement-account [owner] [denom]", Short: "Show a settlement account", PositionalArgs: moduleutil.Positional("owner", "denom")},
				{RpcMethod: "SettlementAccounts", Use: "settlement-accounts [owner]", Short: "List a participant's settlement accounts", PositionalArgs: moduleutil.Positional("owner")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "gridledger.fiat.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "ApproveBank", Use: "approve-bank [address] [denom] [currency] [exponent] [display-denom] --fee-model '{\"kind\":\"FEE_KIND_BASIS_POINTS\",\"basis_points\":10}'", GovProposal: true,
					Short:          "Propose to governance that an account become the bank issuing a fiat denom (submits a proposal; --deposit, --title, --summary)",
					PositionalArgs: moduleutil.Positional("address", "denom", "currency", "exponent", "display_denom"),
				},
				{
					RpcMethod: "UpdateBank", Use: "update-bank [denom] --fee-model <json> --status active|revoked", GovProposal: true,
					Short:          "Propose to governance a change of a bank's fee model or status (submits a proposal; --deposit, --title, --summary)",
					PositionalArgs: moduleutil.Positional("denom"),
				},
				{
					RpcMethod: "AttestReserve", Use: "attest-reserve [denom] [reserve] [statement-hash-hex]",
					Short: "Attest the bank's reserve (bank only)", PositionalArgs: moduleutil.Positional("denom", "reserve", "statement_hash"),
				},
				{
					RpcMethod: "Mint", Use: "mint [denom] [recipient] [amount] [deposit-reference]",
					Short: "Mint fiat to an admitted participant against a deposit (bank only)", PositionalArgs: moduleutil.Positional("denom", "recipient", "amount", "deposit_reference"),
				},
				{
					RpcMethod: "Redeem", Use: "redeem [amount] [payout-reference]", Example: "gridd tx fiat redeem 1000000uchf.alpine PAYOUT-2026-0001 --from alice",
					Short: "Burn fiat and ask its bank to pay it out", PositionalArgs: moduleutil.Positional("amount", "payout_reference"),
				},
				{
					RpcMethod: "MarkRedemptionPaid", Use: "mark-redemption-paid [redemption-id]",
					Short: "Record the payout of a redemption (bank only)", PositionalArgs: moduleutil.Positional("redemption_id"),
				},
				{RpcMethod: "Deposit", Use: "deposit [amount]", Short: "Move fiat into your settlement account", PositionalArgs: moduleutil.Positional("amount")},
				{RpcMethod: "Withdraw", Use: "withdraw [amount]", Short: "Move unlocked fiat out of your settlement account", PositionalArgs: moduleutil.Positional("amount")},
				{RpcMethod: "LockCollateral", Use: "lock-collateral [owner] [amount]", Short: "Lock collateral (grid operator only)", PositionalArgs: moduleutil.Positional("owner", "amount")},
				{RpcMethod: "UnlockCollateral", Use: "unlock-collateral [owner] [amount]", Short: "Release collateral (grid operator only)", PositionalArgs: moduleutil.Positional("owner", "amount")},
			},
		},
	}
}
