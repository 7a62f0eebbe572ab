/**
 * The pure arithmetic of the node bench (issue 17): percentiles, gridd's CPU time from
 * /proc/<pid>/stat and its billing to rounds, the goals and how each run is judged against
 * them, and the spread over runs. Nothing here talks to a node (judge.spec.ts tests it).
 */
import { round } from "./load.js";

/** The goals every run is judged on, in both states (fresh and filled market). */
export const GOALS = {
  /** A buy's tx/s over the bank send's, measured on the same state: at least. */
  txPerSecondRatio: 0.8,
  /** gridd's CPU time per buy over a bank send's, on the same state: at most. */
  cpuPerTxRatio: 1.25,
  /** An Offers page at 100,000 live offers in one market: p95 below, in ms. */
  offersP95Ms: 50,
} as const;

export interface LatencyStats {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
}

/** percentile is the nearest-rank percentile of sorted samples (0 for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function latencyStats(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50), 2),
    p95Ms: round(percentile(sorted, 95), 2),
    maxMs: round(sorted[sorted.length - 1] ?? 0, 2),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length), 2),
  };
}

/**
 * procStatCpuSeconds reads utime + stime (fields 14 and 15 of /proc/<pid>/stat, in clock
 * ticks) as seconds. The command name (field 2) may hold spaces and parentheses, so fields are
 * counted from the last ")".
 */
export function procStatCpuSeconds(stat: string, ticksPerSecond = 100): number {
  const close = stat.lastIndexOf(")");
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: "${stat.slice(0, 80)}"`);
  const fields = stat.slice(close + 2).trim().split(/\s+/);
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`no utime/stime in "${stat.slice(0, 80)}"`);
  return (utime + stime) / ticksPerSecond;
}

/**
 * billRounds turns gridd CPU readings taken when each round of a phase started and one taken
 * once the node was quiet after the last round into each round's CPU seconds. The intervals
 * are contiguous: every CPU second from the first round's start to the quiet node is billed
 * to the round that was running when it was spent, or had just ended (background storage work
 * spills into the next round, the last round's into the tail up to the quiet node).
 */
export function billRounds(marks: readonly number[]): number[] {
  if (marks.length < 2) throw new Error("billRounds needs a reading at the start of each round and one at the end");
  const out: number[] = [];
  for (let i = 1; i < marks.length; i++) {
    const d = (marks[i] as number) - (marks[i - 1] as number);
    if (d < 0) throw new Error(`gridd's CPU time went backwards between readings ${i - 1} and ${i}: the node restarted?`);
    out.push(d);
  }
  return out;
}

export interface Figure {
  measured: number | null;
  target: number;
  /** ">=": measured must be at least target; "<=": at most; "<": below. */
  op: ">=" | "<=" | "<";
  met: boolean | null;
}

export function figure(measured: number | null, op: Figure["op"], target: number): Figure {
  if (measured === null || !Number.isFinite(measured)) return { measured: null, target, op, met: null };
  const met = op === ">=" ? measured >= target : op === "<=" ? measured <= target : measured < target;
  return { measured, target, op, met };
}

/** What the judging needs of a phase: its tx/s and gridd's CPU per committed transaction. */
export interface PhaseFigures {
  txPerSecond: number;
  cpu?: { griddMsPerTx: number } | undefined;
}

export interface StateJudgement {
  /** buy tx/s over bank-send tx/s, same state. */
  txPerSecond: Figure;
  /** buy gridd ms/tx over bank-send gridd ms/tx, same state. */
  cpuPerTx: Figure;
}

/** judgeState judges a buy against the bank send measured on the same state. */
export function judgeState(send: PhaseFigures, buy: PhaseFigures): StateJudgement {
  const tx = send.txPerSecond > 0 ? round(buy.txPerSecond / send.txPerSecond, 3) : null;
  const sendCpu = send.cpu?.griddMsPerTx ?? 0;
  const buyCpu = buy.cpu?.griddMsPerTx;
  const cpu = sendCpu > 0 && buyCpu !== undefined ? round(buyCpu / sendCpu, 3) : null;
  return { txPerSecond: figure(tx, ">=", GOALS.txPerSecondRatio), cpuPerTx: figure(cpu, "<=", GOALS.cpuPerTxRatio) };
}

export interface Spread {
  values: Array<number | null>;
  min: number | null;
  max: number | null;
  /** Runs that met the goal, of the runs judged. */
  met: number;
  judged: number;
}

/** spreadOf summarises one figure over runs: every value, min and max, and how many runs met the goal. */
export function spreadOf(figures: ReadonlyArray<Figure | null | undefined>): Spread {
  const values = figures.map((f) => f?.measured ?? null);
  const present = values.filter((v): v is number => v !== null);
  return {
    values,
    min: present.length ? Math.min(...present) : null,
    max: present.length ? Math.max(...present) : null,
    met: figures.filter((f) => f?.met === true).length,
    judged: figures.filter((f) => f?.met === true || f?.met === false).length,
  };
}

/** verdict prints a figure's judgement: "met", "MISSED" or "not measured". */
export function verdict(f: Figure | null | undefined): string {
  if (!f || f.met === null) return "not measured";
  return f.met ? "goal met" : "goal MISSED";
}

/** ratioOf is a / b rounded, or null when b is not positive. */
export function ratioOf(a: number, b: number, digits = 2): number | null {
  return b > 0 ? round(a / b, digits) : null;
}
