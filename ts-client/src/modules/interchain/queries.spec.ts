import type { QueryClient } from "@cosmjs/stargate";
import { describe, expect, it } from "vitest";

import { Params } from "../../generated/gridledger/interchain/v1/params.js";
import { PurchaseHop, PurchaseState } from "../../generated/gridledger/interchain/v1/purchase.js";
import {
  QueryParamsRequest,
  QueryParamsResponse,
  QueryPurchasesByBuyerRequest,
  QueryPurchasesByBuyerResponse,
} from "../../generated/gridledger/interchain/v1/query.js";
import { MAX_PURCHASES_PAGE, setupInterchainExtension } from "./queries.js";

// A base query client that answers ABCI queries from `answer` and records each request's path and bytes.
function fakeBase(answer: (path: string, data: Uint8Array) => Uint8Array) {
  const calls: Array<{ path: string; data: Uint8Array }> = [];
  const base = {
    queryAbci: async (path: string, data: Uint8Array) => {
      calls.push({ path, data });
      return { value: answer(path, data), height: 1 };
    },
  } as unknown as QueryClient;
  return { calls, interchain: setupInterchainExtension(base).interchain };
}

const BUYER = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w";
const hop = (seq: number) => PurchaseHop.fromPartial({ purchaseId: `gridledger-local-valley-1/${seq}`, state: PurchaseState.PURCHASE_STATE_DONE });

describe("interchain.purchasesByBuyer", () => {
  it("asks the buyer index for one page, newest first when reversed, and decodes the purchases and the next key", async () => {
    const { calls, interchain } = fakeBase(() =>
      QueryPurchasesByBuyerResponse.encode({ purchases: [hop(3), hop(2)], pagination: { nextKey: new Uint8Array([7]), total: 0n } }).finish(),
    );
    const res = await interchain.purchasesByBuyer(BUYER, { reverse: true, limit: 2, paginationKey: new Uint8Array([5]) });
    expect(calls[0]?.path).toBe("/gridledger.interchain.v1.Query/PurchasesByBuyer");
    const req = QueryPurchasesByBuyerRequest.decode(calls[0]!.data);
    expect(req.buyer).toBe(BUYER);
    expect(req.pagination?.reverse).toBe(true);
    expect(req.pagination?.limit).toBe(2n);
    expect(req.pagination?.key).toEqual(new Uint8Array([5]));
    expect(res.purchases.map((h) => h.purchaseId)).toEqual(["gridledger-local-valley-1/3", "gridledger-local-valley-1/2"]);
    expect(res.pagination?.nextKey).toEqual(new Uint8Array([7]));
  });

  it("asks for a full page by default and never for more than the chain's bound", async () => {
    const { calls, interchain } = fakeBase(() => QueryPurchasesByBuyerResponse.encode({ purchases: [], pagination: undefined }).finish());
    await interchain.purchasesByBuyer(BUYER);
    await interchain.purchasesByBuyer(BUYER, { limit: 10_000 });
    for (const call of calls) {
      const req = QueryPurchasesByBuyerRequest.decode(call.data);
      expect(req.pagination?.limit).toBe(BigInt(MAX_PURCHASES_PAGE));
      expect(req.pagination?.reverse).toBe(false);
      expect(req.pagination?.key).toHaveLength(0);
    }
    expect(MAX_PURCHASES_PAGE).toBe(100);
  });
});

describe("interchain.params", () => {
  it("returns the parameters as set", async () => {
    const params = Params.fromPartial({ purchaseKeepPeriods: 960n, maxTrueupsPerBlock: 10 });
    const { calls, interchain } = fakeBase(() => QueryParamsResponse.encode({ params }).finish());
    expect(await interchain.params()).toEqual(params);
    expect(calls[0]?.path).toBe("/gridledger.interchain.v1.Query/Params");
    expect(QueryParamsRequest.decode(calls[0]!.data)).toEqual({});
  });
  it("refuses an answer without parameters", async () => {
    const { interchain } = fakeBase(() => QueryParamsResponse.encode({ params: undefined }).finish());
    await expect(interchain.params()).rejects.toThrow(/no params/);
  });
});
