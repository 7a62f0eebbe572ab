/**
 * The pure part of the cross-grid purchase bench (purchase.ts): the order of the samples, the
 * time each sample counts from its timeline, percentiles, the ratio to the ICS-20 baseline and
 * the printed report. No network here: purchase.spec.ts tests it all.
 */
import { percentile } from "./judge.js";
import { round } from "./load.js";

/** GOAL_RATIO is issue 15's goal: a purchase completes in at most 1.2 times the ICS-20 baseline over the same path. */
export const GOAL_RATIO = 1.2;

/** SampleKind is what one sample times: a cross-grid purchase, or the baseline, ICS-20 transfers chained over the same path. */
export type SampleKind = "purchase" | "transfer";

/**
 * interleave orders n samples of each kind in pairs that alternate which kind goes first
 * (purchase, transfer, transfer, purchase, ...), so a drift over the minutes of a run (other
 * load on the machine, stores growing) weighs on both kinds alike and a linear one cancels.
 */
export function interleave(n: number): SampleKind[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`samples must be a positive integer, got ${n}`);
  const out: SampleKind[] = [];
  for (let i = 0; i < n; i++) out.push(...(i % 2 === 0 ? (["purchase", "transfer"] as const) : (["transfer", "purchase"] as const)));
  return out;
}

/**
 * PurchaseTimeline is one purchase as the bench saw it, in ms of the same clock: when its
 * transaction was handed to the buyer's client (signing and broadcast start), when the client
 * saw it in a block, and per chain of the route (buyer's first) when a poll first saw the
 * purchase's record there (pending; undefined if never seen before done) and when it first saw
 * it done.
 */
export interface PurchaseTimeline {
  broadcastAt: number;
  includedAt: number;
  seenAt: ReadonlyArray<number | undefined>;
  doneAt: ReadonlyArray<number | undefined>;
}

/**
 * purchaseCompletionMs is a purchase's time from broadcast to completion on every chain: the
 * first poll that saw it done on the buyer's chain. Every chain records done before it writes its
 * acknowledgement upstream, so done on the buyer's chain is the last of all: the final
 * acknowledgement arrived back and every chain holds its token. Throws when a chain of the route
 * was not seen done (the bench then reads it again before counting the sample).
 */
export function purchaseCompletionMs(t: PurchaseTimeline): number {
  const origin = t.doneAt[0];
  if (origin === undefined) throw new Error("the purchase is not done on the buyer's chain");
  const missing = t.doneAt.findIndex((d) => d === undefined);
  if (missing >= 0) throw new Error(`the purchase is done on the buyer's chain but not on chain ${missing} of its route`);
  return origin - t.broadcastAt;
}

/** TransferHopTimeline is one ICS-20 hop of the baseline: broadcast, seen in a block on its chain, funds seen on the next chain, and its acknowledgement seen back (the packet commitment gone). */
export interface TransferHopTimeline {
  broadcastAt: number;
  includedAt: number;
  arrivedAt: number;
  ackedAt: number;
}

/**
 * transferEndpoints gives a baseline sample's two times, both from the first hop's broadcast:
 * - arrivalMs: until the funds were seen on the last chain, what a user chaining transfers
 *   waits for (each hop is sent when the previous one's funds arrived; acks are not awaited);
 * - ackedMs: until, in addition, every hop's acknowledgement was back on its sender, the
 *   like-for-like end-point of a purchase, which completes only with its final ack back.
 */
export function transferEndpoints(hops: readonly TransferHopTimeline[]): { arrivalMs: number; ackedMs: number } {
  const first = hops[0];
  const last = hops[hops.length - 1];
  if (first === undefined || last === undefined) throw new Error("a baseline sample has at least one hop");
  hops.forEach((h, k) => {
    if (!(h.broadcastAt <= h.includedAt && h.includedAt <= h.arrivedAt && h.arrivedAt <= h.ackedAt)) throw new Error(`hop ${k}'s times are out of order: ${JSON.stringify(h)}`);
    const next = hops[k + 1];
    if (next !== undefined && next.broadcastAt < h.arrivedAt) throw new Error(`hop ${k + 1} was sent before hop ${k}'s funds arrived`);
  });
  return { arrivalMs: last.arrivedAt - first.broadcastAt, ackedMs: Math.max(...hops.map((h) => h.ackedAt)) - first.broadcastAt };
}

/** Summary is the distribution of one kind of sample, in ms. */
export interface Summary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
}

/** summarize gives p50 and p95 (nearest rank, as the rest of the bench), min, max and mean. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error("no samples to summarize");
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50), 0),
    p95Ms: round(percentile(sorted, 95), 0),
    minMs: round(sorted[0] as number, 0),
    maxMs: round(sorted[sorted.length - 1] as number, 0),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / sorted.length, 0),
  };
}

/** ratio is a/b to two decimals. */
export function ratio(a: number, b: number): number {
  if (!(b > 0)) throw new Error(`a ratio to ${b} ms means nothing`);
  return round(a / b, 2);
}

/** PathResult is one path's samples and figures: the purchase against both end-points of the baseline. */
export interface PathResult {
  name: string;
  /** route lists the chain names, buyer's first, token's last. */
  route: string[];
  links: number;
  purchases: PurchaseTimeline[];
  transfers: TransferHopTimeline[][];
  purchase: Summary;
  transferArrival: Summary;
  transferAcked: Summary;
  /** Ratios purchase/baseline at p50 and p95, against either end-point. */
  vsArrival: { p50: number; p95: number };
  vsAcked: { p50: number; p95: number };
  /** Median time of each stage (see stages), to see where a purchase's time goes. */
  purchaseStagesMs: Record<string, number>;
  transferStagesMs: Record<string, number>;
}

/** pathResult computes one path's figures from its samples. */
export function pathResult(name: string, route: readonly string[], purchases: readonly PurchaseTimeline[], transfers: readonly (readonly TransferHopTimeline[])[]): PathResult {
  const purchase = summarize(purchases.map(purchaseCompletionMs));
  const ends = transfers.map(transferEndpoints);
  const transferArrival = summarize(ends.map((e) => e.arrivalMs));
  const transferAcked = summarize(ends.map((e) => e.ackedMs));
  return {
    name,
    route: [...route],
    links: route.length - 1,
    purchases: [...purchases],
    transfers: transfers.map((t) => [...t]),
    purchase,
    transferArrival,
    transferAcked,
    vsArrival: { p50: ratio(purchase.p50Ms, transferArrival.p50Ms), p95: ratio(purchase.p95Ms, transferArrival.p95Ms) },
    vsAcked: { p50: ratio(purchase.p50Ms, transferAcked.p50Ms), p95: ratio(purchase.p95Ms, transferAcked.p95Ms) },
    purchaseStagesMs: medianStages(purchases.map((p) => purchaseStages(route, p))),
    transferStagesMs: medianStages(transfers.map((t) => transferStages(route, t))),
  };
}

/**
 * purchaseStages splits a purchase's time: its transaction into a block, then the forward
 * packet reaching each next chain, then the acknowledgement coming back to each chain (done
 * there). A stage a poll missed (a record first seen done) is folded into the next one.
 */
export function purchaseStages(route: readonly string[], t: PurchaseTimeline): Record<string, number> {
  const out: Record<string, number> = { "tx in a block": t.includedAt - t.broadcastAt };
  let at = t.includedAt;
  const last = route.length - 1;
  for (let k = 1; k <= last; k++) {
    const seen = k === last ? t.doneAt[k] : (t.seenAt[k] ?? t.doneAt[k]);
    if (seen === undefined) continue;
    out[`packet ${route[k - 1]} -> ${route[k]}`] = Math.max(0, seen - at);
    at = Math.max(at, seen);
  }
  for (let k = last - 1; k >= 0; k--) {
    const done = t.doneAt[k];
    if (done === undefined) continue;
    out[`ack ${route[k + 1]} -> ${route[k]}`] = Math.max(0, done - at);
    at = Math.max(at, done);
  }
  return out;
}

/** transferStages splits a baseline sample: per hop, into a block, relayed to the next chain; and the wait for the last acknowledgement after the funds arrived. */
export function transferStages(route: readonly string[], hops: readonly TransferHopTimeline[]): Record<string, number> {
  const out: Record<string, number> = {};
  let at = hops[0]?.broadcastAt ?? 0;
  hops.forEach((h, k) => {
    if (k > 0) out[`hop ${k + 1}: funds seen -> next broadcast`] = h.broadcastAt - at;
    out[`hop ${k + 1}: tx in a block on ${route[k]}`] = h.includedAt - h.broadcastAt;
    out[`hop ${k + 1}: relayed to ${route[k + 1]}`] = h.arrivedAt - h.includedAt;
    at = h.arrivedAt;
  });
  out["last ack back after arrival"] = Math.max(...hops.map((h) => h.ackedAt)) - at;
  return out;
}

function medianStages(samples: readonly Record<string, number>[]): Record<string, number> {
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s)))];
  return Object.fromEntries(keys.map((k) => [k, round(percentile(samples.map((s) => s[k]).filter((v): v is number => v !== undefined).sort((a, b) => a - b), 50), 0)]));
}

/** goalMet says whether a path meets the goal: the purchase's p50 and p95 within GOAL_RATIO of the baseline's. */
export function goalMet(vs: { p50: number; p95: number }, goal = GOAL_RATIO): boolean {
  return vs.p50 <= goal && vs.p95 <= goal;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const x = (r: number) => `${r.toFixed(2)}x`;

/** purchaseReport prints every path's figures, ratios and whether the goal is met, against both end-points of the baseline. */
export function purchaseReport(paths: readonly PathResult[], context: { blockTime: string; hermesClearInterval: number; pollMs: number; file?: string }): string {
  const lines = [
    `cross-grid purchase completion vs ICS-20 transfers over the same path (default hierarchy, Hermes; blocks ${context.blockTime}, clear_interval ${context.hermesClearInterval}, polls every ${context.pollMs} ms)`,
  ];
  for (const p of paths) {
    lines.push(
      "",
      `${p.name}: ${p.route.join(" -> ")} (${p.links} link${p.links === 1 ? "" : "s"}), ${p.purchase.count} samples of each`,
      `  purchase, broadcast -> done on every chain (final ack back)   p50 ${s(p.purchase.p50Ms)}  p95 ${s(p.purchase.p95Ms)}  (min ${s(p.purchase.minMs)}, max ${s(p.purchase.maxMs)})`,
      `  ICS-20 chained, first broadcast -> funds on the last chain     p50 ${s(p.transferArrival.p50Ms)}  p95 ${s(p.transferArrival.p95Ms)}  (min ${s(p.transferArrival.minMs)}, max ${s(p.transferArrival.maxMs)})`,
      `  ICS-20 chained, first broadcast -> every hop's ack back        p50 ${s(p.transferAcked.p50Ms)}  p95 ${s(p.transferAcked.p95Ms)}  (min ${s(p.transferAcked.minMs)}, max ${s(p.transferAcked.maxMs)})`,
      `  ratio purchase/transfer (funds arrived): p50 ${x(p.vsArrival.p50)}, p95 ${x(p.vsArrival.p95)} (goal <= ${GOAL_RATIO}x) — ${goalMet(p.vsArrival) ? "goal met" : "goal missed"}`,
      `  ratio purchase/transfer (acks back):     p50 ${x(p.vsAcked.p50)}, p95 ${x(p.vsAcked.p95)} (goal <= ${GOAL_RATIO}x) — ${goalMet(p.vsAcked) ? "goal met" : "goal missed"}`,
      `  purchase stages (median): ${Object.entries(p.purchaseStagesMs).map(([k, v]) => `${k} ${s(v)}`).join(", ")}`,
      `  transfer stages (median): ${Object.entries(p.transferStagesMs).map(([k, v]) => `${k} ${s(v)}`).join(", ")}`,
    );
  }
  if (context.file !== undefined) lines.push("", `written to ${context.file}`);
  return lines.join("\n");
}
