/**
 * Settlement of one period's due tokens among 1,000 participants (issue 14): the Go benchmark
 * BenchmarkSettle (chain/x/settlement/keeper/settle_bench_test.go) runs the whole app in
 * process over PebbleDB, fills one period with N real delivered tokens (issued and bought
 * through the message servers, filed as due by x/delivery's reconciliation) and runs end
 * blocks until the period's settlement run is done. It is run at two sizes; the time per
 * 1,000 tokens of the larger is compared with the smaller's (at most 1.2 times), the payments
 * with the tokens and the participants (netting: about one per participant), and the longest
 * settling block with an empty block at the same state, measured in the same run (the
 * baseline). No test asserts a speed.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { round } from "./load.js";

export interface SettleOptions {
  /** Due token counts, smallest first; multiples of the participants. */
  tokens: number[];
  participants: number;
  /** The app's database: pebbledb (as gridd runs) or memdb. */
  db: "pebbledb" | "memdb";
  /** Write a CPU profile of the settling blocks of each size to this path (suffixed by the size). */
  cpuProfile?: string;
  log: (message: string) => void;
}

export const DEFAULT_SETTLE: Omit<SettleOptions, "log"> = { tokens: [10_000, 100_000], participants: 1000, db: "pebbledb" };
export const QUICK_SETTLE: Partial<SettleOptions> = { tokens: [1_000, 10_000] };

/** SettleSize is one size's figures, as BenchmarkSettle reports them. */
export interface SettleSize {
  tokens: number;
  /** Settling blocks, and the run's work items (tokens gathered, net positions collected and disbursed). */
  blocks: number;
  items: number;
  /** From the run record: participants with a net position, charges booked, payments made (DenomRun.payments). */
  participants: number;
  charges: number;
  payments: number;
  /** Wall time of the settling blocks (FinalizeBlock and Commit) per 1,000 tokens. */
  msPer1kTokens: number;
  /** CPU time of the process (all threads, GC included) over those blocks per 1,000 tokens. */
  cpuMsPer1kTokens: number;
  /** The same for the blocks that began in the allocate or gather stage: the part that grows with the tokens. */
  gatherMsPer1kTokens: number;
  gatherCpuMsPer1kTokens: number;
  maxBlockMs: number;
  p50BlockMs: number;
  /** The baseline: an empty block at the same state, just before (median of 30). */
  emptyBlockMs: number;
  emptyBlockCpuMs: number;
  maxVsEmpty: number;
  /** The second baseline: a block of bank sends at the same state (median of 5), its size, and the longest settling block against it and against the block time. */
  sendsPerBlock: number;
  sendBlockMs: number;
  sendBlockCpuMs: number;
  maxVsSendBlock: number;
  maxVsBlockTime: number;
  /** The longest settling block's CPU time, and its ratio to a bank-send block's CPU time (less disturbed by other load than wall time). */
  maxBlockCpuMs: number;
  maxCpuVsSendBlockCpu: number;
  /** Seconds to fill and reconcile the period, untimed, and then to wait for a quiet process (the fill's compactions). */
  fillSeconds: number;
  quietWaitSeconds: number;
}

export interface SettleResult {
  db: string;
  participants: number;
  sizes: SettleSize[];
  /** Largest over smallest size, per 1,000 tokens. */
  linearity: { wall: number; cpu: number; gatherWall: number; gatherCpu: number; fromTokens: number; toTokens: number };
  goals: { linearity: number; paymentsPerParticipant: number };
  command: string;
}

const CHAIN_DIR = fileURLToPath(new URL("../../chain", import.meta.url));

/** parseSettleOutput reads BenchmarkSettle's result lines ("value unit" pairs after the iteration count). */
export function parseSettleOutput(stdout: string): SettleSize[] {
  const sizes: SettleSize[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^BenchmarkSettle\/tokens=(\d+)(?:-\d+)?\s+\d+\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const metrics = new Map<string, number>();
    const fields = (m[2] as string).trim().split(/\s+/);
    for (let i = 0; i + 1 < fields.length; i += 2) metrics.set(fields[i + 1] as string, Number(fields[i]));
    const get = (unit: string): number => {
      const v = metrics.get(unit);
      if (v === undefined || Number.isNaN(v)) throw new Error(`BenchmarkSettle reported no ${unit}: ${line}`);
      return v;
    };
    sizes.push({
      tokens: Number(m[1]),
      blocks: get("blocks"),
      items: get("items"),
      participants: get("participants"),
      charges: get("charges"),
      payments: get("payments"),
      msPer1kTokens: get("ms/1k-tokens"),
      cpuMsPer1kTokens: get("cpu-ms/1k-tokens"),
      gatherMsPer1kTokens: get("gather-ms/1k-tokens"),
      gatherCpuMsPer1kTokens: get("gather-cpu-ms/1k-tokens"),
      maxBlockMs: get("max-block-ms"),
      p50BlockMs: get("p50-block-ms"),
      emptyBlockMs: get("empty-block-ms"),
      emptyBlockCpuMs: get("empty-block-cpu-ms"),
      maxVsEmpty: get("max/empty"),
      sendsPerBlock: get("sends-per-block"),
      sendBlockMs: get("send-block-ms"),
      sendBlockCpuMs: get("send-block-cpu-ms"),
      maxVsSendBlock: get("max/send-block"),
      maxVsBlockTime: get("max/block-time"),
      maxBlockCpuMs: get("max-block-cpu-ms"),
      maxCpuVsSendBlockCpu: get("max-cpu/send-block-cpu"),
      fillSeconds: get("fill-s"),
      quietWaitSeconds: get("quiet-wait-s"),
    });
    const tokens = get("tokens");
    if (tokens !== Number(m[1])) throw new Error(`BenchmarkSettle settled ${tokens} tokens at size ${m[1]}: ${line}`);
  }
  return sizes;
}

/** settleLinearity compares the largest size with the smallest, per 1,000 tokens. */
export function settleLinearity(sizes: readonly SettleSize[]): SettleResult["linearity"] {
  const sorted = [...sizes].sort((a, b) => a.tokens - b.tokens);
  const small = sorted[0];
  const large = sorted[sorted.length - 1];
  if (small === undefined || large === undefined) throw new Error("no settlement figures");
  return {
    wall: round(large.msPer1kTokens / small.msPer1kTokens, 2),
    cpu: round(large.cpuMsPer1kTokens / small.cpuMsPer1kTokens, 2),
    gatherWall: round(large.gatherMsPer1kTokens / small.gatherMsPer1kTokens, 2),
    gatherCpu: round(large.gatherCpuMsPer1kTokens / small.gatherCpuMsPer1kTokens, 2),
    fromTokens: small.tokens,
    toTokens: large.tokens,
  };
}

/** runSettleBench runs BenchmarkSettle once at every size and collects its figures. */
export async function runSettleBench(o: SettleOptions): Promise<SettleResult> {
  const args = [
    "test", "-run", "^$", "-bench", "^BenchmarkSettle$", "-benchtime", "1x", "-timeout", "60m", "./x/settlement/keeper",
    "-args", "-settle-tokens", o.tokens.join(","), "-settle-participants", String(o.participants), "-settle-db", o.db,
  ];
  if (o.cpuProfile) args.push("-settle-cpuprofile", o.cpuProfile);
  const command = `(cd chain && go ${args.join(" ")})`;
  o.log(`settle: ${o.tokens.join(" and ")} due tokens among ${o.participants} participants, in process over ${o.db}: ${command}`);
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn("go", args, { cwd: CHAIN_DIR, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let logged = 0;
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      // A result line comes in two writes (its name, then its figures): log complete ones once.
      const results = out.split("\n").slice(0, -1).filter((l) => l.startsWith("BenchmarkSettle/") && l.includes("ns/op"));
      for (const line of results.slice(logged)) o.log(`settle: ${line.trim()}`);
      logged = results.length;
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`go test -bench BenchmarkSettle exited with ${code}:\n${out}\n${err}`))));
  });
  const sizes = parseSettleOutput(stdout);
  if (sizes.length !== o.tokens.length) throw new Error(`BenchmarkSettle reported ${sizes.length} sizes, expected ${o.tokens.length}:\n${stdout}`);
  return { db: o.db, participants: o.participants, sizes, linearity: settleLinearity(sizes), goals: { linearity: 1.2, paymentsPerParticipant: 1 }, command };
}

/** The block time gridnet's nodes run at (timeout_commit); the Go benchmark divides by the same. */
const SETTLE_BLOCK_TIME_MS = 1000;

function pad(s: string | number, n: number, left = false): string {
  return left ? String(s).padEnd(n) : String(s).padStart(n);
}

/** settleReport prints the sizes as a table, the linearity and the payments against their goals, and the longest block against the baseline. */
export function settleReport(r: SettleResult): string {
  const lines = [
    `settlement of one period's due tokens among ${r.participants} participants (in-process app over ${r.db}, default max_settle_per_block; BenchmarkSettle)`,
    `${pad("tokens", 9)}${pad("blocks", 8)}${pad("ms/1k tok", 11)}${pad("cpu ms/1k", 11)}${pad("gather ms/1k", 14)}${pad("p50 blk ms", 12)}${pad("max blk ms", 12)}` +
      `${pad("empty ms", 10)}${pad("max/empty", 11)}${pad("send blk ms", 13)}${pad("max/send", 10)}${pad("payments", 10)}${pad("pay/tok", 9)}${pad("pay/part", 10)}${pad("fill s", 8)}`,
  ];
  for (const s of r.sizes) {
    lines.push(
      `${pad(s.tokens, 9)}${pad(s.blocks, 8)}${pad(round(s.msPer1kTokens, 1), 11)}${pad(round(s.cpuMsPer1kTokens, 1), 11)}${pad(round(s.gatherMsPer1kTokens, 1), 14)}` +
        `${pad(round(s.p50BlockMs, 1), 12)}${pad(round(s.maxBlockMs, 1), 12)}${pad(round(s.emptyBlockMs, 2), 10)}${pad(Math.round(s.maxVsEmpty), 11)}` +
        `${pad(round(s.sendBlockMs, 1), 13)}${pad(round(s.maxVsSendBlock, 2), 10)}${pad(s.payments, 10)}${pad(round(s.payments / s.tokens, 3), 9)}${pad(round(s.payments / s.participants, 2), 10)}${pad(round(s.fillSeconds, 1), 8)}`,
    );
  }
  const l = r.linearity;
  const met = l.wall <= r.goals.linearity;
  lines.push(
    `  per 1,000 tokens, ${l.toTokens} vs ${l.fromTokens} tokens: ${l.wall}x wall time, ${l.cpu}x CPU time (goal <= ${r.goals.linearity}x) — ${met ? "met" : "NOT met"}`,
  );
  lines.push(
    `  gather stage alone (grows with the tokens; collect and disburse grow with the participants): ${l.gatherWall}x wall time, ${l.gatherCpu}x CPU time`,
  );
  const worst = Math.max(...r.sizes.map((s) => s.payments / s.participants));
  const paysOk = r.sizes.every((s) => s.payments <= s.participants * r.goals.paymentsPerParticipant);
  lines.push(
    `  payments: ${r.sizes.map((s) => `${s.payments} for ${s.tokens} tokens among ${s.participants} participants`).join(", ")} — ` +
      `at most ${round(worst, 2)} per participant (goal <= ${r.goals.paymentsPerParticipant} per participant per run) — ${paysOk ? "met" : "NOT met"}`,
  );
  const largest = r.sizes[r.sizes.length - 1];
  if (largest) {
    lines.push(
      `  longest settling block at ${largest.tokens} tokens: ${round(largest.maxBlockMs, 1)} ms, ${Math.round(largest.maxVsEmpty)}x an empty block at the same state (${round(largest.emptyBlockMs, 2)} ms), ` +
        `${round(largest.maxVsSendBlock, 2)}x a block of ${largest.sendsPerBlock} bank sends (${round(largest.sendBlockMs, 1)} ms), ` +
        `${Math.round(largest.maxVsBlockTime * 100)} % of a ${SETTLE_BLOCK_TIME_MS / 1000} s block time`,
    );
    lines.push(
      `  in CPU time (less disturbed by other load): the longest settling block used ${round(largest.maxBlockCpuMs, 1)} ms, ` +
        `${round(largest.maxCpuVsSendBlockCpu, 2)}x a block of ${largest.sendsPerBlock} bank sends (${round(largest.sendBlockCpuMs, 1)} ms)`,
    );
  }
  lines.push("  (wall: FinalizeBlock + Commit of the settling blocks; CPU: the process's, GC included, less disturbed by other load)");
  return lines.join("\n");
}
