import { describe, expect, it } from "vitest";

import { dayAverage, niceCeiling } from "../market/PriceChart.js";
import { websocketBase } from "./blocks.js";
import { hashQueryKey, refreshesAt } from "./querykeys.js";

describe("live refresh", () => {
  it("opens the websocket on the RPC's host (CosmJS adds /websocket)", () => {
    expect(websocketBase("http://127.0.0.1:27000/")).toBe("ws://127.0.0.1:27000");
    expect(websocketBase("https://rpc.example.org")).toBe("wss://rpc.example.org");
  });

  it("reads block queries every block, slow ones every fifth, static ones never", () => {
    expect([1, 2, 5].map((h) => refreshesAt("block", h))).toEqual([true, true, true]);
    expect([1, 4, 5, 10].map((h) => refreshesAt("slow", h))).toEqual([false, false, true, true]);
    expect(refreshesAt("never", 5)).toBe(false);
  });

  it("hashes query keys with bigints, object keys in any order", () => {
    expect(hashQueryKey(["offers", { b: 2n, a: 1 }])).toBe(hashQueryKey(["offers", { a: 1, b: 2n }]));
    expect(hashQueryKey([1n])).not.toBe(hashQueryKey(["1"]));
  });
});

describe("the price chart's numbers", () => {
  it("ends the energy axis on a round number", () => {
    expect([0.25, 0.26, 1, 1.2, 3, 7, 0].map(niceCeiling)).toEqual([0.5, 0.5, 1, 2, 5, 10, 1]);
  });

  it("averages a day by traded volume over the periods that traded", () => {
    const p = (pricePerMwh: bigint, tradedWh: bigint, trades: bigint) => ({ period: 1n, pricePerMwh, tradedWh, trades });
    expect(dayAverage([p(0n, 0n, 0n)])).toBeUndefined();
    expect(dayAverage([p(80_000_000n, 1_000_000n, 1n), p(0n, 0n, 0n), p(100_000_000n, 3_000_000n, 2n)])).toEqual({ pricePerMwh: 95_000_000n, tradedWh: 4_000_000n, periods: 2 });
  });
});
