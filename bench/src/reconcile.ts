/**
 * Reconciliation of one period's tokens (issue 12): the Go benchmark BenchmarkReconcile
 * (chain/x/delivery/keeper/reconcile_bench_test.go) runs the whole app in process over
 * PebbleDB, fills one period with N real tokens (sides sold to many meters, readings for most
 * of them) and runs end blocks until the period is reconciled. It is run at two sizes; the
 * figures per 1,000 tokens of the larger are compared with the smaller's (linear: at most 1.2
 * times), and the longest reconciling block with an empty block at the same state, measured
 * in the same run (the baseline). No test asserts a speed.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { round } from "./load.js";

export interface ReconcileOptions {
  /** Token counts, smallest first; multiples of 1,000. */
  tokens: number[];
  /** The app's database: pebbledb (as gridd runs) or memdb. */
  db: "pebbledb" | "memdb";
  /** Write a CPU profile of the reconciling blocks of each size to this path (suffixed by the size). */
  cpuProfile?: string;
  log: (message: string) => void;
}

export const DEFAULT_RECONCILE: Omit<ReconcileOptions, "log"> = { tokens: [10_000, 100_000], db: "pebbledb" };
export const QUICK_RECONCILE: Partial<ReconcileOptions> = { tokens: [1_000, 10_000] };

/** ReconcileSize is one size's figures, as BenchmarkReconcile reports them. */
export interface ReconcileSize {
  tokens: number;
  /** Reconciling blocks, and the work items of the period (token sides, readings, meters). */
  blocks: number;
  items: number;
  imbalanceTokens: number;
  /** Wall time of the reconciling blocks (FinalizeBlock and Commit) per 1,000 tokens. */
  msPer1kTokens: number;
  /** CPU time of the process (all threads, GC included) over those blocks per 1,000 tokens. */
  cpuMsPer1kTokens: number;
  maxBlockMs: number;
  p50BlockMs: number;
  /** The baseline: an empty block at the same state, just before (median of 30). */
  emptyBlockMs: number;
  emptyBlockCpuMs: number;
  maxVsEmpty: number;
  /** Seconds to fill the period (messages through the app), untimed. */
  fillSeconds: number;
  /** Pruning the period's readings afterwards (dispute window shortened to one period): wall time per 1,000 readings, and the longest block. */
  pruneMsPer1kReadings: number;
  pruneMaxBlockMs: number;
}

export interface ReconcileResult {
  db: string;
  sizes: ReconcileSize[];
  /** Largest over smallest size, per 1,000 tokens. */
  linearity: { wall: number; cpu: number; fromTokens: number; toTokens: number };
  goals: { linearity: number };
  command: string;
}

const CHAIN_DIR = fileURLToPath(new URL("../../chain", import.meta.url));

/** parseBenchOutput reads BenchmarkReconcile's result lines ("value unit" pairs after the iteration count). */
export function parseBenchOutput(stdout: string): ReconcileSize[] {
  const sizes: ReconcileSize[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^BenchmarkReconcile\/tokens=(\d+)(?:-\d+)?\s+\d+\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const metrics = new Map<string, number>();
    const fields = (m[2] as string).trim().split(/\s+/);
    for (let i = 0; i + 1 < fields.length; i += 2) metrics.set(fields[i + 1] as string, Number(fields[i]));
    const get = (unit: string): number => {
      const v = metrics.get(unit);
      if (v === undefined || Number.isNaN(v)) throw new Error(`BenchmarkReconcile reported no ${unit}: ${line}`);
      return v;
    };
    sizes.push({
      tokens: Number(m[1]),
      blocks: get("blocks"),
      items: get("items"),
      imbalanceTokens: get("imbalance-tokens"),
      msPer1kTokens: get("ms/1k-tokens"),
      cpuMsPer1kTokens: get("cpu-ms/1k-tokens"),
      maxBlockMs: get("max-block-ms"),
      p50BlockMs: get("p50-block-ms"),
      emptyBlockMs: get("empty-block-ms"),
      emptyBlockCpuMs: get("empty-block-cpu-ms"),
      maxVsEmpty: get("max/empty"),
      fillSeconds: get("fill-s"),
      pruneMsPer1kReadings: get("prune-ms/1k-readings"),
      pruneMaxBlockMs: get("prune-max-block-ms"),
    });
  }
  return sizes;
}

/** linearity compares the largest size with the smallest, per 1,000 tokens. */
export function linearity(sizes: readonly ReconcileSize[]): ReconcileResult["linearity"] {
  const sorted = [...sizes].sort((a, b) => a.tokens - b.tokens);
  const small = sorted[0];
  const large = sorted[sorted.length - 1];
  if (small === undefined || large === undefined) throw new Error("no reconciliation figures");
  return {
    wall: round(large.msPer1kTokens / small.msPer1kTokens, 2),
    cpu: round(large.cpuMsPer1kTokens / small.cpuMsPer1kTokens, 2),
    fromTokens: small.tokens,
    toTokens: large.tokens,
  };
}

/** runReconcileBench runs BenchmarkReconcile once at every size and collects its figures. */
export async function runReconcileBench(o: ReconcileOptions): Promise<ReconcileResult> {
  const args = ["test", "-run", "^$", "-bench", "^BenchmarkReconcile$", "-benchtime", "1x", "-timeout", "60m", "./x/delivery/keeper", "-args", "-recon-tokens", o.tokens.join(","), "-recon-db", o.db];
  if (o.cpuProfile) args.push("-recon-cpuprofile", o.cpuProfile);
  const command = `(cd chain && go ${args.join(" ")})`;
  o.log(`reconcile: ${o.tokens.join(" and ")} tokens in one period, in process over ${o.db}: ${command}`);
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn("go", args, { cwd: CHAIN_DIR, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let logged = 0;
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      // A result line comes in two writes (its name, then its figures): log complete ones once.
      const results = out.split("\n").slice(0, -1).filter((l) => l.startsWith("BenchmarkReconcile/") && l.includes("ns/op"));
      for (const line of results.slice(logged)) o.log(`reconcile: ${line.trim()}`);
      logged = results.length;
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`go test -bench BenchmarkReconcile exited with ${code}:\n${out}\n${err}`))));
  });
  const sizes = parseBenchOutput(stdout);
  if (sizes.length !== o.tokens.length) throw new Error(`BenchmarkReconcile reported ${sizes.length} sizes, expected ${o.tokens.length}:\n${stdout}`);
  return { db: o.db, sizes, linearity: linearity(sizes), goals: { linearity: 1.2 }, command };
}

function pad(s: string | number, n: number, left = false): string {
  return left ? String(s).padEnd(n) : String(s).padStart(n);
}

/** reconcileReport prints the sizes as a table, the linearity against its goal and the longest block against the baseline. */
export function reconcileReport(r: ReconcileResult): string {
  const lines = [
    `reconciliation of one period (in-process app over ${r.db}, default max_reconcile_per_block; BenchmarkReconcile)`,
    `${pad("tokens", 9)}${pad("blocks", 8)}${pad("items", 9)}${pad("ms/1k tok", 11)}${pad("cpu ms/1k", 11)}${pad("p50 blk ms", 12)}${pad("max blk ms", 12)}${pad("empty ms", 10)}${pad("max/empty", 11)}${pad("fill s", 8)}`,
  ];
  for (const s of r.sizes) {
    lines.push(
      `${pad(s.tokens, 9)}${pad(s.blocks, 8)}${pad(s.items, 9)}${pad(round(s.msPer1kTokens, 1), 11)}${pad(round(s.cpuMsPer1kTokens, 1), 11)}` +
        `${pad(round(s.p50BlockMs, 1), 12)}${pad(round(s.maxBlockMs, 1), 12)}${pad(round(s.emptyBlockMs, 2), 10)}${pad(Math.round(s.maxVsEmpty), 11)}${pad(round(s.fillSeconds, 1), 8)}`,
    );
  }
  const l = r.linearity;
  const met = l.wall <= r.goals.linearity;
  lines.push(
    `  per 1,000 tokens, ${l.toTokens} vs ${l.fromTokens} tokens: ${l.wall}x wall time, ${l.cpu}x CPU time (goal <= ${r.goals.linearity}x) — ${met ? "met" : "NOT met"}`,
  );
  const largest = r.sizes[r.sizes.length - 1];
  if (largest) {
    lines.push(
      `  longest block at ${largest.tokens} tokens: ${round(largest.maxBlockMs, 1)} ms, ${Math.round(largest.maxVsEmpty)}x an empty block at the same state (${round(largest.emptyBlockMs, 2)} ms)`,
    );
  }
  lines.push("  (wall: FinalizeBlock + Commit of the reconciling blocks; CPU: the process's, GC included, less disturbed by other load)");
  lines.push(
    `  then pruning the period's readings: ${r.sizes.map((s) => `${round(s.pruneMsPer1kReadings, 1)} ms per 1,000 readings (longest block ${round(s.pruneMaxBlockMs, 1)} ms) at ${s.tokens}`).join(", ")}`,
  );
  return lines.join("\n");
}
