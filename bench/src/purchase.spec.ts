/**
 * The cross-grid purchase bench's pure parts: sample order, each sample's end-points, percentiles,
 * ratios, stages and the report (the network run itself: `npm run bench -- --purchase-only`).
 */
import { describe, expect, it } from "vitest";

import { splitPurchaseArgs } from "./purchase.js";
import {
  goalMet,
  interleave,
  pathResult,
  purchaseCompletionMs,
  purchaseReport,
  purchaseStages,
  ratio,
  summarize,
  transferEndpoints,
  type PurchaseTimeline,
  type TransferHopTimeline,
} from "./purchase-stats.js";

const ROUTE = ["local-valley", "regional-east", "transmission", "regional-west"];

/** A three-link purchase: in a block after 1 s, forward 2 s a hop, acks 2 s a hop; done at 13 s. */
const purchase = (offset = 0): PurchaseTimeline => ({
  broadcastAt: offset,
  includedAt: offset + 1000,
  seenAt: [offset + 1000, offset + 3000, offset + 5000, undefined],
  doneAt: [offset + 13_000, offset + 11_000, offset + 9000, offset + 7000],
});

/** Three chained hops of 1 s in a block and 2 s relayed, next hop sent 0.5 s after arrival; last ack 1.5 s after arrival. */
const transfer = (offset = 0): TransferHopTimeline[] => [
  { broadcastAt: offset, includedAt: offset + 1000, arrivedAt: offset + 3000, ackedAt: offset + 5000 },
  { broadcastAt: offset + 3500, includedAt: offset + 4500, arrivedAt: offset + 6500, ackedAt: offset + 8000 },
  { broadcastAt: offset + 7000, includedAt: offset + 8000, arrivedAt: offset + 10_000, ackedAt: offset + 11_500 },
];

describe("cross-grid purchase bench", () => {
  it("interleaves the samples in pairs that alternate which kind goes first", () => {
    expect(interleave(1)).toEqual(["purchase", "transfer"]);
    expect(interleave(4)).toEqual(["purchase", "transfer", "transfer", "purchase", "purchase", "transfer", "transfer", "purchase"]);
    const order = interleave(7);
    expect(order.filter((k) => k === "purchase")).toHaveLength(7);
    expect(order.filter((k) => k === "transfer")).toHaveLength(7);
    expect(() => interleave(0)).toThrow(/positive integer/);
    expect(() => interleave(1.5)).toThrow(/positive integer/);
  });

  it("times a purchase from its broadcast to done on the buyer's chain, and only when every chain is done", () => {
    expect(purchaseCompletionMs(purchase())).toBe(13_000);
    expect(purchaseCompletionMs(purchase(5000))).toBe(13_000);
    expect(() => purchaseCompletionMs({ ...purchase(), doneAt: [undefined, 11_000, 9000, 7000] })).toThrow(/not done on the buyer's chain/);
    expect(() => purchaseCompletionMs({ ...purchase(), doneAt: [13_000, 11_000, undefined, 7000] })).toThrow(/not on chain 2/);
  });

  it("times the baseline from the first broadcast to the funds on the last chain, and to every hop's ack back", () => {
    expect(transferEndpoints(transfer())).toEqual({ arrivalMs: 10_000, ackedMs: 11_500 });
    // An earlier hop's ack can be the last one back.
    const late = transfer();
    late[0] = { ...(late[0] as TransferHopTimeline), ackedAt: 12_000 };
    expect(transferEndpoints(late)).toEqual({ arrivalMs: 10_000, ackedMs: 12_000 });
    expect(transferEndpoints([{ broadcastAt: 100, includedAt: 1100, arrivedAt: 3100, ackedAt: 4600 }])).toEqual({ arrivalMs: 3000, ackedMs: 4500 });
    expect(() => transferEndpoints([])).toThrow(/at least one hop/);
    const early = transfer();
    early[1] = { ...(early[1] as TransferHopTimeline), broadcastAt: 2000 };
    expect(() => transferEndpoints(early)).toThrow(/sent before hop 0's funds arrived/);
    expect(() => transferEndpoints([{ broadcastAt: 0, includedAt: 1000, arrivedAt: 3000, ackedAt: 2000 }])).toThrow(/out of order/);
  });

  it("gives p50 and p95 by nearest rank, and ratios to two decimals", () => {
    const ms = Array.from({ length: 20 }, (_, i) => (i + 1) * 1000).reverse();
    expect(summarize(ms)).toEqual({ count: 20, p50Ms: 10_000, p95Ms: 19_000, minMs: 1000, maxMs: 20_000, meanMs: 10_500 });
    expect(summarize([4200])).toMatchObject({ p50Ms: 4200, p95Ms: 4200 });
    expect(() => summarize([])).toThrow(/no samples/);
    expect(ratio(13_000, 10_000)).toBe(1.3);
    expect(ratio(2, 3)).toBe(0.67);
    expect(() => ratio(1, 0)).toThrow(/means nothing/);
    expect(goalMet({ p50: 1.2, p95: 1.2 })).toBe(true);
    expect(goalMet({ p50: 1.1, p95: 1.21 })).toBe(false);
  });

  it("splits a purchase into its transaction, each forward packet and each ack back, folding what a poll missed into the next stage", () => {
    expect(purchaseStages(ROUTE, purchase())).toEqual({
      "tx in a block": 1000,
      "packet local-valley -> regional-east": 2000,
      "packet regional-east -> transmission": 2000,
      "packet transmission -> regional-west": 2000,
      "ack regional-west -> transmission": 2000,
      "ack transmission -> regional-east": 2000,
      "ack regional-east -> local-valley": 2000,
    });
    // regional-east first seen done: its forward packet and ack are not told apart.
    const missed = { ...purchase(), seenAt: [1000, undefined, 5000, undefined] };
    expect(purchaseStages(ROUTE, missed)).toMatchObject({ "packet local-valley -> regional-east": 10_000, "packet regional-east -> transmission": 0 });
  });

  it("computes a path's figures and ratios against both end-points and reports whether the goal is met", () => {
    const r = pathResult("three links", ROUTE, [purchase(0), purchase(100_000)], [transfer(50_000), transfer(150_000)]);
    expect(r.links).toBe(3);
    expect(r.purchase).toMatchObject({ count: 2, p50Ms: 13_000, p95Ms: 13_000 });
    expect(r.transferArrival).toMatchObject({ p50Ms: 10_000, p95Ms: 10_000 });
    expect(r.transferAcked).toMatchObject({ p50Ms: 11_500, p95Ms: 11_500 });
    expect(r.vsArrival).toEqual({ p50: 1.3, p95: 1.3 });
    expect(r.vsAcked).toEqual({ p50: 1.13, p95: 1.13 });
    expect(r.transferStagesMs).toMatchObject({ "hop 2: funds seen -> next broadcast": 500, "hop 3: relayed to regional-west": 2000, "last ack back after arrival": 1500 });
    const text = purchaseReport([r], { blockTime: "1s", hermesClearInterval: 10, pollMs: 200 });
    expect(text).toContain("three links: local-valley -> regional-east -> transmission -> regional-west (3 links), 2 samples of each");
    expect(text).toContain("ratio purchase/transfer (funds arrived): p50 1.30x, p95 1.30x (goal <= 1.2x) — goal missed");
    expect(text).toContain("ratio purchase/transfer (acks back):     p50 1.13x, p95 1.13x (goal <= 1.2x) — goal met");
    expect(text).toContain("purchase, broadcast -> done on every chain (final ack back)   p50 13.0 s  p95 13.0 s");
  });

  it("takes its options out of the bench's arguments", () => {
    expect(splitPurchaseArgs(["--purchase-only", "--purchase-samples", "15", "--purchase-home", "/tmp/x", "--purchase-keep", "--quick"])).toEqual({
      rest: ["--quick"],
      only: true,
      samples: 15,
      home: "/tmp/x",
      keep: true,
    });
    expect(splitPurchaseArgs([])).toEqual({ rest: [], only: false, samples: 10, keep: false });
    expect(() => splitPurchaseArgs(["--purchase-samples", "0"])).toThrow(/positive integer/);
    expect(() => splitPurchaseArgs(["--purchase-home"])).toThrow(/home directory/);
  });
});
