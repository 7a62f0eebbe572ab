/**
 * A phase measured in rounds. The bank send and the buy it is the baseline of run in the
 * order buy, send, send, buy (each round half the transactions, back to back with no pause
 * between them, so that the last round, a buy, carries the tail of background work the phase
 * leaves: Bench.measureInRounds): whatever drifts over the
 * minutes a run takes (the host's other load, the CPU clock, compactions that grow with
 * the stores) then weighs on both alike, and a linear drift cancels exactly. Measured in
 * one block each, the phase that ran second was the slower one by up to 30 % in the same
 * arithmetic (secp256k1 verification per transaction, from CPU profiles), which is as
 * large as the effect the ratio is meant to show.
 */
import { round, type PhaseStats } from "./load.js";

/** RoundSummary is what the combined stats keep of each round. */
export interface RoundSummary {
  name: string;
  committed: number;
  firstHeight: number;
  lastHeight: number;
  txPerSecond: number;
  steadyTxPerSecond: number | null;
  griddMsPerTx: number | null;
}

/**
 * combineRounds adds up the rounds of one phase: throughput is all transactions over all
 * block-time spans (and steady throughput likewise), CPU is summed, blocks and header times
 * are the rounds' one after the other. firstHeight and lastHeight span all rounds; the
 * block count is the rounds' own.
 */
export function combineRounds(name: string, rounds: readonly PhaseStats[]): PhaseStats & { rounds: RoundSummary[]; blockCount: number } {
  if (rounds.length === 0) throw new Error(`phase ${name}: no rounds`);
  const sum = (f: (s: PhaseStats) => number) => rounds.reduce((n, s) => n + f(s), 0);
  const committed = sum((s) => s.committed);
  const chainSeconds = sum((s) => s.chainSeconds);
  const steady = rounds.every((s) => s.steadyTxs !== null && s.steadySeconds !== null);
  const steadyTxs = steady ? sum((s) => s.steadyTxs ?? 0) : null;
  const steadySeconds = steady ? sum((s) => s.steadySeconds ?? 0) : null;
  const blockCount = sum((s) => s.lastHeight - s.firstHeight + 1);
  const griddSeconds = sum((s) => s.cpu?.griddSeconds ?? 0);
  const depthBlocks = sum((s) => Math.max(0, s.blocks.length - 1));
  const first = rounds[0] as PhaseStats;
  return {
    name,
    txs: sum((s) => s.txs),
    msgsPerTx: first.msgsPerTx,
    committed,
    failed: sum((s) => s.failed),
    rejected: sum((s) => s.rejected),
    skipped: sum((s) => s.skipped),
    firstHeight: Math.min(...rounds.map((s) => s.firstHeight)),
    lastHeight: Math.max(...rounds.map((s) => s.lastHeight)),
    txPerSecond: round(chainSeconds > 0 ? committed / chainSeconds : 0, 1),
    steadyTxPerSecond: steadyTxs !== null && steadySeconds ? round(steadyTxs / steadySeconds, 1) : null,
    steadyTxs,
    steadySeconds: steadySeconds === null ? null : round(steadySeconds, 3),
    chainSeconds: round(chainSeconds, 3),
    headerTimes: rounds.flatMap((s) => s.headerTimes),
    submitSeconds: round(sum((s) => s.submitSeconds), 3),
    wallSeconds: round(sum((s) => s.wallSeconds), 3),
    avgTxsPerBlock: round(committed / Math.max(1, blockCount), 1),
    maxTxsPerBlock: Math.max(...rounds.map((s) => s.maxTxsPerBlock)),
    mempoolMin: Math.min(...rounds.map((s) => s.mempoolMin)),
    mempoolAvg: Math.round(sum((s) => s.mempoolAvg * Math.max(0, s.blocks.length - 1)) / Math.max(1, depthBlocks)),
    gasUsedAvg: Math.round(sum((s) => s.gasUsedAvg * s.committed) / Math.max(1, committed)),
    gasUsedMax: Math.max(...rounds.map((s) => s.gasUsedMax)),
    gasWanted: first.gasWanted,
    cpu: {
      griddSeconds: round(griddSeconds, 2),
      clientSeconds: round(sum((s) => s.cpu?.clientSeconds ?? 0), 2),
      griddMsPerTx: round((griddSeconds * 1000) / Math.max(1, committed), 3),
    },
    failures: rounds.flatMap((s) => s.failures).slice(0, 5),
    blocks: rounds.flatMap((s) => s.blocks),
    blockCount,
    rounds: rounds.map((s) => ({
      name: s.name,
      committed: s.committed,
      firstHeight: s.firstHeight,
      lastHeight: s.lastHeight,
      txPerSecond: s.txPerSecond,
      steadyTxPerSecond: s.steadyTxPerSecond,
      griddMsPerTx: s.cpu?.griddMsPerTx ?? null,
    })),
  };
}
