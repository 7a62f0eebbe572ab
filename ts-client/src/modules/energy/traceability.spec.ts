import type { CometClient } from "@cosmjs/tendermint-rpc";
import { describe, expect, it, vi } from "vitest";

import { GridledgerClient } from "../../client.js";
import { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import { QueryTraceabilityRequest, QueryTraceabilityResponse } from "../../generated/gridledger/energy/v1/trace.js";
import { addTracePages, traceByCategory } from "./traceability.js";

// A Comet client that answers only what these tests need; no chain runs.
function fakeComet(overrides: Partial<Record<"abciQuery", unknown>> = {}): CometClient {
  return { disconnect: () => undefined, ...overrides } as unknown as CometClient;
}

const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const WIND = EnergyCategory.ENERGY_CATEGORY_WIND;
const shard = "gridledger-lv-1";
const trader = "grid1trader";
const retailer = "grid1retailer";

const page1 = QueryTraceabilityResponse.fromPartial({
  consumedWh: 2000n,
  co2Grams: 67n,
  consumedTokens: 1n,
  origins: [
    { category: SOLAR, originShard: shard, area: "CH-BE", wh: 923n, co2Grams: 31n },
    { category: SOLAR, originShard: shard, area: "CH-ZH", wh: 1077n, co2Grams: 36n },
  ],
  intermediaries: [
    { address: retailer, emitted: true, resold: true },
    { address: trader, resold: true },
  ],
  more: true,
  nextTokenId: 12n,
});
const page2 = QueryTraceabilityResponse.fromPartial({
  consumedWh: 1500n,
  co2Grams: 10n,
  consumedTokens: 2n,
  origins: [
    { category: SOLAR, originShard: shard, area: "CH-ZH", wh: 500n, co2Grams: 4n },
    { category: WIND, originShard: shard, area: "CH-ZH", wh: 1000n, co2Grams: 6n },
  ],
  intermediaries: [{ address: trader, splitOrMerged: true }],
});

describe("traceability", () => {
  it("adds pages up: origins by key, intermediaries' roles together, totals that still add up", () => {
    const got = addTracePages([page1, page2]);
    expect(got).toEqual({
      consumedWh: 3500n,
      co2Grams: 77n,
      consumedTokens: 3n,
      pages: 2,
      origins: [
        { category: SOLAR, originShard: shard, area: "CH-BE", balancing: false, wh: 923n, co2Grams: 31n },
        { category: SOLAR, originShard: shard, area: "CH-ZH", balancing: false, wh: 1577n, co2Grams: 40n },
        { category: WIND, originShard: shard, area: "CH-ZH", balancing: false, wh: 1000n, co2Grams: 6n },
      ],
      intermediaries: [
        { address: retailer, emitted: true, splitOrMerged: false, resold: true },
        { address: trader, emitted: false, splitOrMerged: true, resold: true },
      ],
    });
    expect(got.origins.reduce((s, o) => s + o.wh, 0n)).toBe(got.consumedWh);
    expect(got.origins.reduce((s, o) => s + o.co2Grams, 0n)).toBe(got.co2Grams);
    expect(traceByCategory(got)).toEqual([
      { category: SOLAR, wh: 2500n, co2Grams: 71n },
      { category: WIND, wh: 1000n, co2Grams: 6n },
    ]);
  });

  it("reads every page through the client, resuming at next_token_id", async () => {
    const abciQuery = vi
      .fn()
      .mockResolvedValueOnce({ code: 0, height: 3, value: QueryTraceabilityResponse.encode(page1).finish() })
      .mockResolvedValueOnce({ code: 0, height: 3, value: QueryTraceabilityResponse.encode(page2).finish() });
    const client = GridledgerClient.create(fakeComet({ abciQuery }));
    const got = await client.query.energy.traceability("grid1consumer", 100, 200);
    expect(got.consumedWh).toBe(3500n);
    const calls = abciQuery.mock.calls as Array<[{ path: string; data: Uint8Array }]>;
    expect(calls.map(([c]) => c.path)).toEqual([
      "/gridledger.energy.v1.Query/Traceability",
      "/gridledger.energy.v1.Query/Traceability",
    ]);
    expect(calls.map(([c]) => QueryTraceabilityRequest.decode(c.data))).toEqual([
      { consumer: "grid1consumer", fromPeriod: 100n, toPeriod: 200n, startTokenId: 0n },
      { consumer: "grid1consumer", fromPeriod: 100n, toPeriod: 200n, startTokenId: 12n },
    ]);
  });

  it("stops on a page that does not advance instead of looping", async () => {
    const stuck = QueryTraceabilityResponse.fromPartial({ more: true, nextTokenId: 0n });
    const abciQuery = vi.fn().mockResolvedValue({ code: 0, height: 3, value: QueryTraceabilityResponse.encode(stuck).finish() });
    const client = GridledgerClient.create(fakeComet({ abciQuery }));
    await expect(client.query.energy.traceability("grid1consumer", 1, 2)).rejects.toThrow(/did not advance/);
  });
});
