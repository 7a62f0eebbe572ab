import { describe, expect, it } from "vitest";

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
