import { serializeSignDoc, type StdSignDoc } from "@cosmjs/amino";
import { fromUtf8 } from "@cosmjs/encoding";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { GOV_AUTHORITY } from "../../chain.js";
import { BankEntityStatus } from "../../generated/gridledger/fiat/v1/types.js";
import { createGridledgerAminoTypes } from "../../registry.js";
import {
  approveBankMsg,
  attestReserveMsg,
  depositMsg,
  lockCollateralMsg,
  markRedemptionPaidMsg,
  mintMsg,
  redeemMsg,
  unlockCollateralMsg,
  updateBankMsg,
  withdrawMsg,
} from "./compose.js";
import {
  msgApproveBankTypeUrl,
  msgDepositTypeUrl,
  msgMintTypeUrl,
  msgRedeemTypeUrl,
  msgUpdateBankTypeUrl,
} from "./messages.js";

// Golden output of gridd's own LEGACY_AMINO_JSON sign-mode handler (app.TxConfig(), i.e.
// cosmossdk.io/x/tx v0.14.0 aminojson over the app's merged proto registry). A throwaway Go program
// decoded transactions that @gridledger/client had amino-signed for exactly these messages, derived
// their sign bytes as the ante handler does, verified the signatures and printed the messages.
// The chain verifies amino signatures over exactly these bytes, so any drift breaks Ledger signing.
const gov = GOV_AUTHORITY;
const bank = "grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw";
const alice = "grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648";
const hash = new Uint8Array(32).map((_, i) => i * 7);

const cases: ReadonlyArray<[string, EncodeObject, string]> = [
  [
    "MsgApproveBank, basis points: fee_model nested without {type, value}, fixed_amount \"0\" kept",
    approveBankMsg(gov, {
      address: bank,
      denom: "uchf.alpine",
      displayDenom: "chf.alpine",
      currency: "CHF",
      exponent: 6,
      feeModel: { kind: "basisPoints", basisPoints: 5 },
    }),
    String.raw`{"type":"gridledger/MsgApproveBank","value":{"address":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","authority":"grid10d07y265gmmuvt4z0w9aw880jnsr700jhrgegj","currency":"CHF","denom":"uchf.alpine","display_denom":"chf.alpine","exponent":6,"fee_model":{"basis_points":5,"fixed_amount":"0","kind":2}}}`,
  ],
  [
    "MsgApproveBank, fixed fee above 2^64; exponent 0 omitted (the chain refuses 0, the signature must still verify)",
    approveBankMsg(gov, {
      address: bank,
      denom: "ueur.north",
      displayDenom: "eur.north",
      currency: "EUR",
      exponent: 0,
      feeModel: { kind: "fixed", fixedAmount: 36893488147419103232n },
    }),
    String.raw`{"type":"gridledger/MsgApproveBank","value":{"address":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","authority":"grid10d07y265gmmuvt4z0w9aw880jnsr700jhrgegj","currency":"EUR","denom":"ueur.north","display_denom":"eur.north","fee_model":{"fixed_amount":"36893488147419103232","kind":3}}}`,
  ],
  [
    "MsgApproveBank, raw partial without fee_model",
    { typeUrl: msgApproveBankTypeUrl, value: { authority: gov, denom: "uchf.x" } },
    String.raw`{"type":"gridledger/MsgApproveBank","value":{"authority":"grid10d07y265gmmuvt4z0w9aw880jnsr700jhrgegj","denom":"uchf.x","fee_model":{"fixed_amount":"0"}}}`,
  ],
  [
    "MsgUpdateBank, revoke with no fee",
    updateBankMsg(gov, {
      denom: "uchf.alpine",
      feeModel: { kind: "none" },
      status: BankEntityStatus.BANK_ENTITY_STATUS_REVOKED,
    }),
    String.raw`{"type":"gridledger/MsgUpdateBank","value":{"authority":"grid10d07y265gmmuvt4z0w9aw880jnsr700jhrgegj","denom":"uchf.alpine","fee_model":{"fixed_amount":"0","kind":1},"status":2}}`,
  ],
  [
    "MsgUpdateBank, raw partial: status and fee_model unset",
    { typeUrl: msgUpdateBankTypeUrl, value: { authority: gov, denom: "uchf.alpine" } },
    String.raw`{"type":"gridledger/MsgUpdateBank","value":{"authority":"grid10d07y265gmmuvt4z0w9aw880jnsr700jhrgegj","denom":"uchf.alpine","fee_model":{"fixed_amount":"0"}}}`,
  ],
  [
    "MsgAttestReserve, 2^128 and a statement hash in padded base64",
    attestReserveMsg(bank, { denom: "uchf.alpine", reserve: 2n ** 128n, statementHash: hash }),
    String.raw`{"type":"gridledger/MsgAttestReserve","value":{"bank":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","denom":"uchf.alpine","reserve":"340282366920938463463374607431768211456","statement_hash":"AAcOFRwjKjE4P0ZNVFtiaXB3foWMk5qhqK+2vcTL0tk="}}`,
  ],
  [
    "MsgAttestReserve, zero reserve kept, empty hash omitted",
    attestReserveMsg(bank, { denom: "uchf.alpine", reserve: 0, statementHash: new Uint8Array() }),
    String.raw`{"type":"gridledger/MsgAttestReserve","value":{"bank":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","denom":"uchf.alpine","reserve":"0"}}`,
  ],
  [
    "MsgMint, leading zeros normalised, reference with / and :",
    mintMsg(bank, { denom: "uchf.alpine", recipient: alice, amount: "0001000000", depositReference: "DEP:2026/0001" }),
    String.raw`{"type":"gridledger/MsgMint","value":{"amount":"1000000","bank":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","denom":"uchf.alpine","deposit_reference":"DEP:2026/0001","recipient":"grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648"}}`,
  ],
  [
    "MsgMint, raw partial: empty amount written as \"0\"",
    { typeUrl: msgMintTypeUrl, value: { bank, denom: "uchf.alpine" } },
    String.raw`{"type":"gridledger/MsgMint","value":{"amount":"0","bank":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","denom":"uchf.alpine"}}`,
  ],
  [
    "MsgMint, HTML characters escaped as Go does",
    mintMsg(bank, { denom: "uchf.alpine", recipient: alice, amount: 5, depositReference: "<a&b>" }),
    String.raw`{"type":"gridledger/MsgMint","value":{"amount":"5","bank":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","denom":"uchf.alpine","deposit_reference":"\u003ca\u0026b\u003e","recipient":"grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648"}}`,
  ],
  [
    "MsgRedeem",
    redeemMsg(alice, { denom: "uchf.alpine", amount: 250_000 }, "PAYOUT-2026-0001"),
    String.raw`{"type":"gridledger/MsgRedeem","value":{"amount":{"amount":"250000","denom":"uchf.alpine"},"holder":"grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648","payout_reference":"PAYOUT-2026-0001"}}`,
  ],
  [
    "MsgRedeem, raw partial without amount: coin written as {\"amount\":\"0\"}",
    { typeUrl: msgRedeemTypeUrl, value: { holder: alice } },
    String.raw`{"type":"gridledger/MsgRedeem","value":{"amount":{"amount":"0"},"holder":"grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648"}}`,
  ],
  [
    "MsgMarkRedemptionPaid, max uint64 as a string",
    markRedemptionPaidMsg(bank, 18446744073709551615n),
    String.raw`{"type":"gridledger/MsgMarkRedemptionPaid","value":{"bank":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","redemption_id":"18446744073709551615"}}`,
  ],
  [
    "MsgMarkRedemptionPaid, id 0 omitted",
    markRedemptionPaidMsg(bank, 0),
    String.raw`{"type":"gridledger/MsgMarkRedemptionPaid","value":{"bank":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw"}}`,
  ],
  [
    "MsgDeposit",
    depositMsg(alice, { denom: "uchf.alpine", amount: 400_000n }),
    String.raw`{"type":"gridledger/MsgDeposit","value":{"amount":{"amount":"400000","denom":"uchf.alpine"},"owner":"grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648"}}`,
  ],
  [
    "MsgDeposit, coin without denom omits it",
    { typeUrl: msgDepositTypeUrl, value: { owner: alice, amount: { denom: "", amount: "3" } } },
    String.raw`{"type":"gridledger/MsgDeposit","value":{"amount":{"amount":"3"},"owner":"grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648"}}`,
  ],
  [
    "MsgWithdraw",
    withdrawMsg(alice, { denom: "uchf.alpine", amount: "100000" }),
    String.raw`{"type":"gridledger/MsgWithdraw","value":{"amount":{"amount":"100000","denom":"uchf.alpine"},"owner":"grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648"}}`,
  ],
  [
    "MsgLockCollateral",
    lockCollateralMsg(bank, alice, { denom: "uchf.alpine", amount: 300_000 }),
    String.raw`{"type":"gridledger/MsgLockCollateral","value":{"amount":{"amount":"300000","denom":"uchf.alpine"},"operator":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","owner":"grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648"}}`,
  ],
  [
    "MsgUnlockCollateral",
    unlockCollateralMsg(bank, alice, { denom: "uchf.alpine", amount: 1 }),
    String.raw`{"type":"gridledger/MsgUnlockCollateral","value":{"amount":{"amount":"1","denom":"uchf.alpine"},"operator":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","owner":"grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648"}}`,
  ],
];

/** signedMsgs is the "msgs" part of the document CosmJS signs: sorted keys, HTML escaped. */
function signedMsgs(amino: StdSignDoc["msgs"][number]): string {
  const signDoc: StdSignDoc = {
    chain_id: "c",
    account_number: "0",
    sequence: "0",
    fee: { amount: [], gas: "0" },
    msgs: [amino],
    memo: "",
  };
  const signed = fromUtf8(serializeSignDoc(signDoc));
  const start = signed.indexOf('"msgs":[') + '"msgs":['.length;
  return signed.slice(start, signed.lastIndexOf('],"sequence"'));
}

describe("x/fiat amino JSON matches gridd's sign-mode handler byte for byte", () => {
  const aminoTypes = createGridledgerAminoTypes();

  it.each(cases)("%s", (_name, msg, golden) => {
    expect(signedMsgs(aminoTypes.toAmino(msg))).toBe(golden);
  });

  it("covers every x/fiat message type", () => {
    const types = new Set(cases.map(([, msg]) => msg.typeUrl));
    expect(types.size).toBe(10);
  });
});
