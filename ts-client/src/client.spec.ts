import { Secp256k1Wallet } from "@cosmjs/amino";
import type { DeliverTxResponse } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { describe, expect, it, vi } from "vitest";

import { BECH32_PREFIX } from "./chain.js";
import { GridledgerClient } from "./client.js";
import { GridledgerTxError } from "./errors.js";
import { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgSubmitProposal, MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";

import { GOV_AUTHORITY } from "./chain.js";
import { QueryParticipantResponse } from "./generated/gridledger/balancing/v1/query.js";
import { QueryBankResponse } from "./generated/gridledger/fiat/v1/query.js";
import { MsgRedeemResponse } from "./generated/gridledger/fiat/v1/tx.js";
import { BankEntityStatus, FeeKind } from "./generated/gridledger/fiat/v1/types.js";
import { approveBankMsg } from "./modules/fiat/compose.js";
import { msgLockCollateralTypeUrl, msgRedeemTypeUrl } from "./modules/fiat/messages.js";
import { ParticipantStatus, Role } from "./generated/gridledger/balancing/v1/types.js";
import { msgAdmitParticipantTypeUrl } from "./modules/balancing/messages.js";

// A Comet client that answers only what these tests need; no chain runs.
function fakeComet(overrides: Partial<Record<"abciQuery" | "tx", unknown>> = {}): CometClient {
  return { disconnect: () => undefined, ...overrides } as unknown as CometClient;
}

async function signingClient(comet: CometClient): Promise<{ client: GridledgerClient; operator: string }> {
  const wallet = await Secp256k1Wallet.fromKey(new Uint8Array(32).fill(9), BECH32_PREFIX);
  const [account] = await wallet.getAccounts();
  if (account === undefined) throw new Error("wallet without account");
  return { client: GridledgerClient.createWithSigner(comet, wallet), operator: account.address };
}

const delivered: DeliverTxResponse = {
  height: 10,
  txIndex: 0,
  code: 0,
  transactionHash: "AB12",
  events: [],
  msgResponses: [],
  gasUsed: 1n,
  gasWanted: 2n,
};

const admission = {
  address: "grid1participant",
  legalId: "10X1001A1001A450",
  displayName: "Trader",
  roles: [Role.ROLE_TRADER],
  positionLimitWh: 1000,
};

describe("GridledgerClient", () => {
  it("sends one typed message with fee auto by default", async () => {
    const { client, operator } = await signingClient(fakeComet());
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue(delivered);
    await expect(client.admitParticipant(operator, admission)).resolves.toBe(delivered);
    expect(send).toHaveBeenCalledWith(
      operator,
      [
        {
          typeUrl: msgAdmitParticipantTypeUrl,
          value: { operator, ...admission, positionLimitWh: 1000n, tradedCategories: [] },
        },
      ],
      "auto",
      undefined,
    );
  });

  it("throws GridledgerTxError with the codespace from the node when execution fails", async () => {
    const tx = vi.fn().mockResolvedValue({ result: { code: 8, codespace: "balancing" } });
    const { client, operator } = await signingClient(fakeComet({ tx }));
    vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue({
      ...delivered,
      code: 8,
      rawLog: "participant already admitted",
    });
    const failure = client.suspendParticipant(operator, "grid1x", "collateral", 1.5, "memo");
    await expect(failure).rejects.toBeInstanceOf(GridledgerTxError);
    await expect(failure).rejects.toMatchObject({
      phase: "deliverTx",
      code: 8,
      codespace: "balancing",
      transactionHash: "AB12",
      height: 10,
    });
    expect(tx).toHaveBeenCalledWith({ hash: new Uint8Array([0xab, 0x12]) });
  });

  it("translates a failed simulation", async () => {
    const { client, operator } = await signingClient(fakeComet());
    vi.spyOn(client.signingClient, "signAndBroadcast").mockRejectedValue(
      new Error("Query failed with (6): rpc error: ...: participant not admitted with gas used: '1': unknown request"),
    );
    await expect(client.reinstateParticipant(operator, "grid1x")).rejects.toMatchObject({
      phase: "simulate",
      codespace: "balancing",
      code: 10,
    });
  });

  it("is read-only when created without a signer", async () => {
    const client = GridledgerClient.create(fakeComet());
    await expect(client.excludeParticipant("grid1op", "grid1x", "default")).rejects.toThrow(/read-only/);
  });

  it("queries participants through the generated query service", async () => {
    const participant = {
      address: "grid1participant",
      legalId: "10X1001A1001A450",
      displayName: "Trader",
      roles: [Role.ROLE_TRADER],
      status: ParticipantStatus.PARTICIPANT_STATUS_ACTIVE,
      positionLimitWh: 1000n,
      tradedCategories: [],
      admittedHeight: 7n,
    };
    const abciQuery = vi.fn().mockResolvedValue({
      code: 0,
      height: 12,
      value: QueryParticipantResponse.encode({ participant }).finish(),
    });
    const client = GridledgerClient.create(fakeComet({ abciQuery }));
    await expect(client.query.balancing.participant("grid1participant")).resolves.toStrictEqual(participant);
    expect(abciQuery).toHaveBeenCalledWith(
      expect.objectContaining({ path: "/gridledger.balancing.v1.Query/Participant" }),
    );
    expect(client.queryClient).toBe(client.query);
  });

  it("redeems and returns the redemption id from the message response", async () => {
    const { client, operator: holder } = await signingClient(fakeComet());
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue({
      ...delivered,
      msgResponses: [
        {
          typeUrl: "/gridledger.fiat.v1.MsgRedeemResponse",
          value: MsgRedeemResponse.encode({ redemptionId: 42n }).finish() as Uint8Array<ArrayBuffer>,
        },
      ],
    });
    await expect(client.redeem(holder, { denom: "uchf.alpine", amount: 5n }, "PAYOUT-1")).resolves.toBe(42n);
    expect(send.mock.calls[0]?.[1]).toEqual([
      { typeUrl: msgRedeemTypeUrl, value: { holder, amount: { denom: "uchf.alpine", amount: "5" }, payoutReference: "PAYOUT-1" } },
    ]);
  });

  it("submits a gov v1 proposal with the messages as Anys and returns its id", async () => {
    const { client, operator: proposer } = await signingClient(fakeComet());
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue({
      ...delivered,
      msgResponses: [
        {
          typeUrl: "/cosmos.gov.v1.MsgSubmitProposalResponse",
          value: MsgSubmitProposalResponse.encode({ proposalId: 3n }).finish() as Uint8Array<ArrayBuffer>,
        },
      ],
    });
    const approve = approveBankMsg(GOV_AUTHORITY, {
      address: proposer,
      denom: "ueur.north",
      displayDenom: "eur.north",
      currency: "EUR",
      exponent: 6,
      feeModel: { kind: "none" },
    });
    const id = client.submitProposal(proposer, [approve], [{ denom: "ugrid", amount: 10_000_000 }], "Title", "Summary");
    await expect(id).resolves.toBe(3n);
    const sent = send.mock.calls[0]?.[1][0];
    expect(sent?.typeUrl).toBe("/cosmos.gov.v1.MsgSubmitProposal");
    const value = MsgSubmitProposal.fromPartial(sent?.value as Partial<MsgSubmitProposal>);
    expect(value).toMatchObject({ proposer, title: "Title", summary: "Summary", expedited: false });
    expect(value.initialDeposit).toEqual([{ denom: "ugrid", amount: "10000000" }]);
    expect(value.messages.map((m) => m.typeUrl)).toEqual(["/gridledger.fiat.v1.MsgApproveBank"]);
    expect(client.signingClient.registry.decode(value.messages[0]!)).toMatchObject({
      authority: GOV_AUTHORITY,
      denom: "ueur.north",
      feeModel: { kind: FeeKind.FEE_KIND_NONE, fixedAmount: "0" },
    });
  });

  it("votes with gov v1", async () => {
    const { client, operator: voter } = await signingClient(fakeComet());
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue(delivered);
    await client.vote(voter, 3, VoteOption.VOTE_OPTION_YES);
    expect(send.mock.calls[0]?.[1]).toEqual([
      { typeUrl: "/cosmos.gov.v1.MsgVote", value: { proposalId: 3n, voter, option: VoteOption.VOTE_OPTION_YES, metadata: "" } },
    ]);
  });

  it("tells x/fiat's errors from x/balancing's with the same text by the failing message", async () => {
    const { client, operator } = await signingClient(fakeComet());
    vi.spyOn(client.signingClient, "signAndBroadcast").mockRejectedValue(
      new Error(
        "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: " +
          "grid1x may not lock or unlock collateral: signer is not the grid operator with gas used: '1': unknown request",
      ),
    );
    const failure = client.lockCollateral(operator, "grid1owner", { denom: "uchf.alpine", amount: 1 });
    await expect(failure).rejects.toMatchObject({ phase: "simulate", codespace: "fiat", code: 21 });
    await expect(failure).rejects.toThrow(/lock or unlock collateral/);
    expect(msgLockCollateralTypeUrl).toBe("/gridledger.fiat.v1.MsgLockCollateral");
  });

  it("queries a bank through the fiat extension", async () => {
    const bank = {
      denom: "uchf.alpine",
      address: "grid1bank",
      currency: "CHF",
      exponent: 6,
      feeModel: { kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: 5, fixedAmount: "0" },
      status: BankEntityStatus.BANK_ENTITY_STATUS_ACTIVE,
      reserve: "1000",
      reserveStatementHash: new Uint8Array(32),
      minted: "700",
      burned: "100",
      displayDenom: "chf.alpine",
      feesReceived: "0",
    };
    const abciQuery = vi.fn().mockResolvedValue({ code: 0, height: 12, value: QueryBankResponse.encode({ bank }).finish() });
    const client = GridledgerClient.create(fakeComet({ abciQuery }));
    await expect(client.query.fiat.bank("uchf.alpine")).resolves.toStrictEqual(bank);
    expect(abciQuery).toHaveBeenCalledWith(expect.objectContaining({ path: "/gridledger.fiat.v1.Query/Bank" }));
  });
});
