import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import type { DeliverTxResponse } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { describe, expect, it, vi } from "vitest";

import { BECH32_PREFIX } from "../../chain.js";
import { GridledgerClient } from "../../client.js";
import { GridledgerTxError } from "../../errors.js";
import { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import {
  QueryPruningResponse,
  QueryReconciliationProgressResponse,
  QueryReconciliationResponse,
  QueryReferencePricesRequest,
  QueryReferencePricesResponse,
  QueryStatementRequest,
  QueryStatementResponse,
} from "../../generated/gridledger/delivery/v1/query.js";
import {
  type ImbalanceEntry,
  PriceSource,
  ReconciliationPhase,
  ReconciliationStage,
} from "../../generated/gridledger/delivery/v1/types.js";
import { ImbalanceCase } from "../../generated/gridledger/energy/v1/types.js";
import { msgPublishReferencePriceTypeUrl } from "./messages.js";

// A Comet client that answers only what these tests need; no chain runs.
function fakeComet(overrides: Partial<Record<"abciQuery" | "tx", unknown>> = {}): CometClient {
  return { disconnect: () => undefined, ...overrides } as unknown as CometClient;
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

async function operatorClient(comet: CometClient = fakeComet()) {
  const wallet = await DirectSecp256k1Wallet.fromKey(new Uint8Array(32).fill(31), BECH32_PREFIX);
  const [account] = await wallet.getAccounts();
  if (account === undefined) throw new Error("wallet without account");
  return { client: GridledgerClient.createWithSigner(comet, wallet), operator: account.address };
}

/** answering returns an abciQuery mock that answers each query path with its encoded response. */
function answering(responses: Record<string, Uint8Array>) {
  return vi.fn().mockImplementation(async ({ path }: { path: string }) => {
    const method = path.slice(path.lastIndexOf("/") + 1);
    const value = responses[method];
    if (value === undefined) throw new Error(`unexpected query ${path}`);
    return { code: 0, height: 3, value };
  });
}

const entry: ImbalanceEntry = {
  owner: "grid1owner",
  period: 99n,
  meterId: "CH-LOAD-1",
  category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
  imbalanceCase: ImbalanceCase.IMBALANCE_CASE_UNDER_CONSUMPTION,
  wh: 10_000n,
  pricePerMwh: 76_500_007n,
  denom: "uchf.alpine",
  source: PriceSource.PRICE_SOURCE_MARKET,
  tokenId: 4n,
  receivable: "765000",
};

describe("GridledgerClient x/delivery reconciliation", () => {
  it("publishes a reference price as the operator, negative prices included", async () => {
    const { client, operator } = await operatorClient();
    const send = vi.spyOn(client.signingClient, "signAndBroadcast").mockResolvedValue(delivered);
    await expect(
      client.publishReferencePrice(operator, { category: EnergyCategory.ENERGY_CATEGORY_WIND, fromPeriod: 2_000_000, pricePerMwh: -5_000_000, denom: "uchf.alpine" }),
    ).resolves.toBe(delivered);
    expect(send).toHaveBeenCalledWith(
      operator,
      [
        {
          typeUrl: msgPublishReferencePriceTypeUrl,
          value: { operator, category: EnergyCategory.ENERGY_CATEGORY_WIND, fromPeriod: 2_000_000n, pricePerMwh: -5_000_000n, denom: "uchf.alpine" },
        },
      ],
      "auto",
      undefined,
    );
    // Left out, the category is every category's.
    await client.publishReferencePrice(operator, { fromPeriod: 1n, pricePerMwh: 1, denom: "uchf.alpine" }, 1.5, "memo");
    expect(send.mock.calls[1]?.[1][0]?.value).toMatchObject({ category: EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED });
    expect(send.mock.calls[1]?.slice(2)).toEqual([1.5, "memo"]);
  });

  it("turns a participant's refused publication into delivery error 20 with its sentence", async () => {
    const { client, operator } = await operatorClient();
    vi.spyOn(client.signingClient, "signAndBroadcast").mockRejectedValue(
      new Error(
        "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: " +
          "grid1x is not the grid operator: only the grid operator publishes reference prices: only the grid operator may do this with gas used: '1': unknown request",
      ),
    );
    const failure = client.publishReferencePrice(operator, { fromPeriod: 1, pricePerMwh: 1, denom: "uchf.alpine" });
    await expect(failure).rejects.toBeInstanceOf(GridledgerTxError);
    await expect(failure).rejects.toMatchObject({ phase: "simulate", codespace: "delivery", code: 20 });
    await expect(failure).rejects.toThrow(/^Only the grid operator publishes reference prices/);
  });

  it("reads a period's reconciliation and the progress, records always present", async () => {
    const record = {
      period: 99n,
      categories: [],
      meters: 3n,
      missingReadings: 1n,
      tokens: 3n,
      items: 7n,
      startedHeight: 40n,
      reconciledHeight: 40n,
    };
    const abciQuery = answering({
      Reconciliation: QueryReconciliationResponse.encode({ phase: ReconciliationPhase.RECONCILIATION_PHASE_RECONCILED, windowClosesAt: 2_000n, record }).finish(),
      ReconciliationProgress: QueryReconciliationProgressResponse.encode({
        progress: {
          nextPeriod: 100n,
          stage: ReconciliationStage.RECONCILIATION_STAGE_SCHEDULE,
          scheduleDraining: false,
          scheduleAfterLast: 0n,
          scheduleAfterId: 0n,
          afterMeter: "",
          startedHeight: 0n,
          systemNet: [],
          items: 0n,
        },
        duePeriods: 0n,
        started: true,
      }).finish(),
      Pruning: QueryPruningResponse.encode({
        progress: { nextPeriod: 7n, periodReadings: 0n, prunedReadings: 12n, lastHeight: 30n },
        prunableBefore: 9n,
        duePeriods: 2n,
        disputeWindowPeriods: 2880n,
      }).finish(),
    });
    const client = GridledgerClient.create(fakeComet({ abciQuery }));
    await expect(client.query.delivery.reconciliation(99)).resolves.toStrictEqual({
      phase: ReconciliationPhase.RECONCILIATION_PHASE_RECONCILED,
      windowClosesAt: 2_000n,
      record,
    });
    await expect(client.query.delivery.reconciliationProgress()).resolves.toMatchObject({ started: true, progress: { nextPeriod: 100n } });
    await expect(client.query.delivery.pruning()).resolves.toMatchObject({ progress: { nextPeriod: 7n, prunedReadings: 12n }, prunableBefore: 9n, duePeriods: 2n });
  });

  it("asks for a statement by period range and key, and for reference prices by category", async () => {
    const abciQuery = answering({
      Statement: QueryStatementResponse.encode({ entries: [entry], pagination: { nextKey: new Uint8Array([1]), total: 0n } }).finish(),
      ReferencePrices: QueryReferencePricesResponse.encode({ prices: [], pagination: undefined }).finish(),
    });
    const client = GridledgerClient.create(fakeComet({ abciQuery }));
    const page = await client.query.delivery.statement("grid1owner", { fromPeriod: 99, toPeriod: 100n, limit: 1, paginationKey: new Uint8Array(16) });
    expect(page.entries).toStrictEqual([entry]);
    const statementCall = abciQuery.mock.calls[0] as [{ path: string; data: Uint8Array }];
    expect(statementCall[0].path).toBe("/gridledger.delivery.v1.Query/Statement");
    expect(QueryStatementRequest.decode(statementCall[0].data)).toMatchObject({
      owner: "grid1owner",
      fromPeriod: 99n,
      toPeriod: 100n,
      pagination: { key: new Uint8Array(16), limit: 1n, offset: 0n, reverse: false },
    });
    await client.query.delivery.statement("grid1owner");
    expect(QueryStatementRequest.decode((abciQuery.mock.calls[1] as [{ data: Uint8Array }])[0].data)).toMatchObject({ fromPeriod: 0n, toPeriod: 0n, pagination: undefined });
    await client.query.delivery.referencePrices({ category: EnergyCategory.ENERGY_CATEGORY_HYDRO });
    const prices = (abciQuery.mock.calls[2] as [{ path: string; data: Uint8Array }])[0];
    expect(prices.path).toBe("/gridledger.delivery.v1.Query/ReferencePrices");
    expect(QueryReferencePricesRequest.decode(prices.data)).toMatchObject({ category: EnergyCategory.ENERGY_CATEGORY_HYDRO, pagination: undefined });
  });
});
