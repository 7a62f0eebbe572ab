/** Command-line options and the printed report of `npm run bench`. */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { type BenchOptions, type BenchResult, DEFAULT_OPTIONS, QUICK_OPTIONS } from "./bench.js";
import type { PhaseStats } from "./load.js";

export const USAGE = `usage: npm run bench -- [options]
  --txs N            transactions per timed phase (default ${DEFAULT_OPTIONS.txs})
  --accounts M       accounts sending in parallel (default ${DEFAULT_OPTIONS.accounts})
  --tokens T         live offered tokens for the Offers latency (default ${DEFAULT_OPTIONS.tokens}; 0 skips)
  --queries Q        Offers queries timed, and as many baseline queries (default ${DEFAULT_OPTIONS.queries})
  --block-time D     CometBFT timeout_commit (default ${DEFAULT_OPTIONS.blockTime})
  --window W         most transactions in the mempool at once (default ${DEFAULT_OPTIONS.window}, below 5000)
  --fill-batch B     messages per transaction when filling (default ${DEFAULT_OPTIONS.fillBatch})
  --fill-window W    most fill transactions in the mempool at once (default ${DEFAULT_OPTIONS.fillWindow})
  --at-fill-buys N   transactions of the buy at the filled state (default ${DEFAULT_OPTIONS.atFillBuyTxs})
  --no-at-fill       skip bank send and buy at the filled state
  --profile S        CPU-profile gridd for S seconds from the start of each timed phase
  --seed N           seed of the random token shapes, prices and queries (default ${DEFAULT_OPTIONS.seed})
  --quick            a small smoke run (${JSON.stringify(QUICK_OPTIONS)})
  --out DIR          where the JSON goes (default bench/results)`;

const RESULTS_DIR = fileURLToPath(new URL("../results", import.meta.url));

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      txs: { type: "string" },
      accounts: { type: "string" },
      tokens: { type: "string" },
      queries: { type: "string" },
      "block-time": { type: "string" },
      window: { type: "string" },
      "fill-batch": { type: "string" },
      "fill-window": { type: "string" },
      "no-at-fill": { type: "boolean" },
      "at-fill-buys": { type: "string" },
      profile: { type: "string" },
      seed: { type: "string" },
      quick: { type: "boolean" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const int = (name: string, v: string | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer of at least ${min}, got "${v}"`);
    return n;
  };
  const explicit: Partial<BenchOptions> = {
    txs: int("txs", values.txs, 1),
    accounts: int("accounts", values.accounts, 2),
    tokens: int("tokens", values.tokens, 0),
    queries: int("queries", values.queries, 1),
    blockTime: values["block-time"],
    window: int("window", values.window, 1),
    fillBatch: int("fill-batch", values["fill-batch"], 1),
    fillWindow: int("fill-window", values["fill-window"], 1),
    atFill: values["no-at-fill"] ? false : undefined,
    atFillBuyTxs: int("at-fill-buys", values["at-fill-buys"], 1),
    profileSeconds: int("profile", values.profile, 1),
    seed: int("seed", values.seed, 0),
  };
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, v]) => v !== undefined)) as Partial<BenchOptions>;
  return {
    ...DEFAULT_OPTIONS,
    ...(values.quick ? QUICK_OPTIONS : {}),
    ...defined,
    outDir: values.out ?? RESULTS_DIR,
    log: (m) => process.stderr.write(`[bench] ${m}\n`),
  };
}

function pad(s: string | number, n: number, left = false): string {
  const str = String(s);
  return left ? str.padEnd(n) : str.padStart(n);
}

/** report renders the result as the table the bench prints. */
export function report(r: BenchResult, file: string): string {
  const lines: string[] = [];
  lines.push(`gridledger bench — gridd ${r.chain.griddVersion}, CometBFT ${r.chain.cometbftVersion}, block time ${r.chain.blockTime}`);
  lines.push(`machine: ${r.machine.cpus} CPUs (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, node ${r.machine.node}`);
  lines.push(`${r.params.accounts} accounts in parallel, ${r.params.txs} transactions per phase, mempool window ${r.params.window}`);
  lines.push("");
  lines.push(`${pad("phase", 16, true)}${pad("txs", 7)}${pad("failed", 8)}${pad("blocks", 8)}${pad("tx/blk", 8)}${pad("tx/s", 9)}${pad("steady", 9)}${pad("ratio", 8)}${pad("gas/tx", 10)}${pad("mempool", 9)}${pad("cpu ms/tx", 11)}`);
  const row = (name: string, s: PhaseStats & { blockCount?: number }, ratio: string) =>
    lines.push(
      `${pad(name, 16, true)}${pad(s.committed, 7)}${pad(s.failed + s.rejected, 8)}${pad(s.blockCount ?? s.lastHeight - s.firstHeight + 1, 8)}${pad(s.avgTxsPerBlock, 8)}` +
        `${pad(s.txPerSecond, 9)}${pad(s.steadyTxPerSecond ?? "-", 9)}${pad(ratio, 8)}${pad(s.gasUsedAvg, 10)}${pad(s.mempoolAvg, 9)}${pad(s.cpu?.griddMsPerTx ?? "-", 11)}`,
    );
  for (const [name, s] of Object.entries(r.phases)) {
    const ratio = r.ratios[name];
    row(name, s, ratio ? ratio.txPerSecond.toFixed(2) : "");
  }
  const rounds = Object.values(r.phases).flatMap((s) => s.rounds ?? []);
  if (rounds.length > 0) {
    lines.push(`rounds, in the order they ran (tx/s): ${orderByHeight(rounds).map((x) => `${x.name} ${x.txPerSecond}`).join(", ")}`);
  }
  const held = Object.entries(r.phases).filter(([, s]) => s.buyerLiveSidesAtStart !== undefined);
  if (held.length > 0) {
    lines.push(`buyer's live sides at the start (the position-limit check reads those of the token's days): ${held.map(([n, s]) => `${n} ${s.buyerLiveSidesAtStart}`).join(", ")}`);
  }
  lines.push("(tx/s: committed / block-time span; steady: without the ramp-up and drain blocks; ratio: tx/s over the bank");
  lines.push(" send of the same state, *AtFill against bankSendAtFill; mempool: average waiting transactions seen between blocks;");
  lines.push(" cpu ms/tx: gridd process CPU time over the phase per committed transaction)");
  if (r.fill) {
    lines.push("");
    lines.push(
      `fill: ${r.fill.tokens} tokens issued at ${r.fill.issueMsgsPerSecond} msg/s and offered at ${r.fill.askMsgsPerSecond} msg/s ` +
        `(${r.params.fillBatch} messages per transaction); ${r.fill.liveOfferedTokens} live offered tokens`,
    );
  }
  if (r.latency) {
    const l = r.latency;
    lines.push("");
    lines.push(`query latency at ${l.liveOfferedTokens} live offered tokens (page limit ${l.pageLimit}, ${l.offers.count} queries each, sequential):`);
    lines.push(`${pad("query", 24, true)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("max ms", 9)}${pad("results", 9)}`);
    lines.push(`${pad("Offers (all)", 24, true)}${pad(l.offers.p50Ms, 9)}${pad(l.offers.p95Ms, 9)}${pad(l.offers.maxMs, 9)}`);
    for (const [kind, s] of Object.entries(l.offers.byKind)) {
      lines.push(`${pad(`  ${kind} (${s.count})`, 24, true)}${pad(s.p50Ms, 9)}${pad(s.p95Ms, 9)}${pad(s.maxMs, 9)}${pad(s.avgResults, 9)}`);
    }
    lines.push(`${pad("baseline: bank balance", 24, true)}${pad(l.baseline.p50Ms, 9)}${pad(l.baseline.p95Ms, 9)}${pad(l.baseline.maxMs, 9)}`);
    lines.push(`Offers p95 / baseline p95: ${l.p95Ratio}`);
  }
  lines.push("");
  const g = r.goals;
  lines.push(`goal buy >= ${g.buyVsBankSend.target}x bank send: ${g.buyVsBankSend.measured.toFixed(2)}x — ${g.buyVsBankSend.met ? "met" : "NOT met"}`);
  if (g.offersP95Ms.measured !== null) {
    lines.push(
      `goal Offers p95 < ${g.offersP95Ms.target} ms at ${g.offersP95Ms.atTokens} live tokens: ${g.offersP95Ms.measured} ms — ${g.offersP95Ms.met ? "met" : "NOT met"}`,
    );
  }
  for (const p of r.profiles) lines.push(`CPU profile: ${p}`);
  lines.push(`result: ${file}`);
  return lines.join("\n");
}

function orderByHeight<T extends { firstHeight: number }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => a.firstHeight - b.firstHeight);
}
