import { serializeSignDoc, type StdSignDoc } from "@cosmjs/amino";
import { fromUtf8 } from "@cosmjs/encoding";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { describe, expect, it } from "vitest";

import { GOV_AUTHORITY } from "../../chain.js";
import { BankEntityStatus } from "../../generated/gridledger/fiat/v1/types.js";
import { createGridledgerAminoTypes, createGridledgerRegistry } from "../../registry.js";
import { approveBankMsg, updateBankMsg } from "../fiat/compose.js";
import { submitProposalMsg, voteMsg } from "./compose.js";

// Golden output of gridd's LEGACY_AMINO_JSON sign-mode handler, produced and signature-checked the
// same way as ../fiat/aminojson.golden.spec.ts. A proposal's messages are Anys, written as their own
// {type, value}; initial_deposit is always a list (legacy_coins); MsgVote's proposal_id is always set.
const gov = GOV_AUTHORITY;
const bank = "grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw";
const alice = "grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648";
const registry = createGridledgerRegistry();

const cases: ReadonlyArray<[string, EncodeObject, string]> = [
  [
    "MsgSubmitProposal carrying MsgApproveBank",
    submitProposalMsg(
      registry,
      bank,
      [
        approveBankMsg(gov, {
          address: bank,
          denom: "ueur.north",
          displayDenom: "eur.north",
          currency: "EUR",
          exponent: 6,
          feeModel: { kind: "basisPoints", basisPoints: 10 },
        }),
      ],
      [{ denom: "ugrid", amount: 10_000_000 }],
      "Approve North Bank",
      "ueur.north issued by North Bank",
    ),
    String.raw`{"type":"cosmos-sdk/v1/MsgSubmitProposal","value":{"initial_deposit":[{"amount":"10000000","denom":"ugrid"}],"messages":[{"type":"gridledger/MsgApproveBank","value":{"address":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","authority":"grid10d07y265gmmuvt4z0w9aw880jnsr700jhrgegj","currency":"EUR","denom":"ueur.north","display_denom":"eur.north","exponent":6,"fee_model":{"basis_points":10,"fixed_amount":"0","kind":2}}}],"proposer":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","summary":"ueur.north issued by North Bank","title":"Approve North Bank"}}`,
  ],
  [
    "MsgSubmitProposal, two messages of two modules, expedited, metadata, empty deposit []",
    submitProposalMsg(
      registry,
      bank,
      [
        updateBankMsg(gov, {
          denom: "uchf.alpine",
          feeModel: { kind: "fixed", fixedAmount: 10 },
          status: BankEntityStatus.BANK_ENTITY_STATUS_ACTIVE,
        }),
        {
          typeUrl: "/cosmos.bank.v1beta1.MsgSend",
          value: { fromAddress: gov, toAddress: alice, amount: [{ denom: "ugrid", amount: "1" }] },
        },
      ],
      [],
      "T",
      "S",
      { metadata: "ipfs://x", expedited: true },
    ),
    String.raw`{"type":"cosmos-sdk/v1/MsgSubmitProposal","value":{"expedited":true,"initial_deposit":[],"messages":[{"type":"gridledger/MsgUpdateBank","value":{"authority":"grid10d07y265gmmuvt4z0w9aw880jnsr700jhrgegj","denom":"uchf.alpine","fee_model":{"fixed_amount":"10","kind":3},"status":1}},{"type":"cosmos-sdk/MsgSend","value":{"amount":[{"amount":"1","denom":"ugrid"}],"from_address":"grid10d07y265gmmuvt4z0w9aw880jnsr700jhrgegj","to_address":"grid1tlevqelcr3589tdmcwh7z3j3c398maugpah648"}}],"metadata":"ipfs://x","proposer":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw","summary":"S","title":"T"}}`,
  ],
  [
    "MsgVote yes",
    voteMsg(bank, 7, VoteOption.VOTE_OPTION_YES),
    String.raw`{"type":"cosmos-sdk/v1/MsgVote","value":{"option":1,"proposal_id":"7","voter":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw"}}`,
  ],
  [
    "MsgVote, proposal 0 kept, unspecified option omitted",
    voteMsg(bank, 0, VoteOption.VOTE_OPTION_UNSPECIFIED),
    String.raw`{"type":"cosmos-sdk/v1/MsgVote","value":{"proposal_id":"0","voter":"grid167hsuwdlxwmrl9jk7gjumjqn39qm8l0dgk25qw"}}`,
  ],
];

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
  return signed.slice(signed.indexOf('"msgs":[') + '"msgs":['.length, signed.lastIndexOf('],"sequence"'));
}

describe("gov v1 amino JSON matches gridd's sign-mode handler byte for byte", () => {
  const aminoTypes = createGridledgerAminoTypes(registry);

  it.each(cases)("%s", (_name, msg, golden) => {
    expect(signedMsgs(aminoTypes.toAmino(msg))).toBe(golden);
  });

  it("round-trips a proposal through amino to the same protobuf bytes", () => {
    for (const [, msg] of cases) {
      const back = aminoTypes.fromAmino(aminoTypes.toAmino(msg));
      expect(registry.encode(back)).toEqual(registry.encode(msg));
    }
  });
});
