import { Secp256k1Wallet } from "@cosmjs/amino";
import type { DeliverTxResponse } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { describe, expect, it, vi } from "vitest";

import { BECH32_PREFIX } from "./chain.js";
import { GridledgerClient } from "./client.js";
import { GridledgerTxError } from "./errors.js";
import { QueryParticipantResponse } from "./generated/gridledger/balancing/v1/query.js";
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
});
