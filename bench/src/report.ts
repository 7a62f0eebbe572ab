/** Command-line options and the printed report of `npm run bench`. */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { type BenchOptions, type BenchResult, DEFAULT_OPTIONS, QUICK_OPTIONS, type ReadKind } from "./bench.js";
import { type Figure, GOALS, verdict } from "./judge.js";
import { CPU_PARTS } from "./profile-split.js";
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
  --no-at-fill       skip bank send and buy at the filled state (and the reads during writes)
  --reads-load N     buys committed while the reads-during-writes queries run (default ${DEFAULT_OPTIONS.readsLoadTxs}; 0 skips)
  --runs R           run the judged phases R times one after the other and print the spread (default ${DEFAULT_OPTIONS.runs})
  --profile S        CPU-profile gridd for S seconds from the start of each timed phase and round, and print where its CPU went
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
      "reads-load": { type: "string" },
      runs: { type: "string" },
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
    readsLoadTxs: int("reads-load", values["reads-load"], 0),
    runs: int("runs", values.runs, 1),
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
  lines.push(`${r.params.accounts} accounts in parallel, ${r.params.txs} transactions per phase, mempool window ${r.params.window}, ${r.runs.length} run(s)`);
  lines.push("");
  lines.push(`${pad("phase", 22, true)}${pad("txs", 7)}${pad("failed", 8)}${pad("blocks", 8)}${pad("tx/blk", 8)}${pad("tx/s", 9)}${pad("steady", 9)}${pad("gas/tx", 10)}${pad("mempool", 9)}${pad("cpu ms/tx", 11)}`);
  const row = (name: string, s: PhaseStats & { blockCount?: number }) =>
    lines.push(
      `${pad(name, 22, true)}${pad(s.committed, 7)}${pad(s.failed + s.rejected, 8)}${pad(s.blockCount ?? s.lastHeight - s.firstHeight + 1, 8)}${pad(s.avgTxsPerBlock, 8)}` +
        `${pad(s.txPerSecond, 9)}${pad(s.steadyTxPerSecond ?? "-", 9)}${pad(s.gasUsedAvg, 10)}${pad(s.mempoolAvg, 9)}${pad(s.cpu?.griddMsPerTx ?? "-", 11)}`,
    );
  for (const [name, s] of Object.entries(r.phases)) row(name, s);
  for (const run of r.runs) {
    row(run.fresh.send.name, run.fresh.send);
    row(run.fresh.buy.name, run.fresh.buy);
  }
  for (const run of r.runs) {
    if (!run.filled) continue;
    row(run.filled.send.name, run.filled.send);
    row(run.filled.buy.name, run.filled.buy);
  }
  const rounds = r.runs.flatMap((run) => [run.fresh, ...(run.filled ? [run.filled] : [])]).flatMap((st) => [...st.buy.rounds, ...st.send.rounds]);
  if (rounds.length > 0) {
    lines.push(`rounds, in the order they ran (tx/s, gridd ms/tx): ${orderByHeight(rounds).map((x) => `${x.name} ${x.txPerSecond}/${x.griddMsPerTx ?? "-"}`).join(", ")}`);
  }
  const tails = r.runs.flatMap((run) => [run.fresh, ...(run.filled ? [run.filled] : [])]).map((st) => `${st.buy.name} ${st.tailCpuSeconds} s`);
  if (tails.length > 0) lines.push(`gridd CPU after the last round until the node was quiet (billed to that round, a buy): ${tails.join(", ")}`);
  const held = r.runs.flatMap((run) => [run.fresh.buy, ...(run.filled ? [run.filled.buy] : [])]).filter((s) => s.buyerLiveSidesAtStart !== undefined);
  if (held.length > 0) {
    lines.push(`buyer's live sides at the start (the position-limit check reads those of the token's days): ${held.map((s) => `${s.name} ${s.buyerLiveSidesAtStart}`).join(", ")}`);
  }
  lines.push("(tx/s: committed / block-time span; steady: without the ramp-up and drain blocks; mempool: average waiting");
  lines.push(" transactions seen between blocks; cpu ms/tx: gridd process CPU time (utime + stime) per committed transaction,");
  lines.push(" every second from a phase's first round to the quiet node after its last billed to some round)");
  if (r.fill) {
    lines.push("");
    lines.push(
      `fill: ${r.fill.tokens} tokens in one market (${r.fill.market.side}, ${r.fill.market.category}, ${r.fill.market.denom}), issued at ${r.fill.issueMsgsPerSecond} msg/s ` +
        `and offered at ${r.fill.askMsgsPerSecond} msg/s (${r.params.fillBatch} messages per transaction, ${round1(r.fill.issue.wallSeconds + r.fill.ask.wallSeconds)} s); ` +
        `${r.fill.liveOfferedTokens} live offered tokens`,
    );
  }
  for (const run of r.runs) {
    const l = run.offers;
    if (!l) continue;
    lines.push("");
    lines.push(`run ${run.run}: Offers latency at ${l.marketOffers} live offers in the one market (page limit ${l.pageLimit}, ${l.offers.count} queries each, sequential, idle node):`);
    lines.push(`${pad("query", 24, true)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("max ms", 9)}${pad("results", 9)}`);
    lines.push(`${pad("Offers (all)", 24, true)}${pad(l.offers.p50Ms, 9)}${pad(l.offers.p95Ms, 9)}${pad(l.offers.maxMs, 9)}`);
    for (const [kind, s] of Object.entries(l.offers.byKind)) {
      lines.push(`${pad(`  ${kind} (${s.count})`, 24, true)}${pad(s.p50Ms, 9)}${pad(s.p95Ms, 9)}${pad(s.maxMs, 9)}${pad(s.avgResults, 9)}`);
    }
    lines.push(`${pad("baseline: bank balance", 24, true)}${pad(l.baseline.p50Ms, 9)}${pad(l.baseline.p95Ms, 9)}${pad(l.baseline.maxMs, 9)}`);
    lines.push(`Offers p95 / baseline p95: ${l.p95Ratio}`);
  }
  for (const run of r.runs) {
    const d = run.reads;
    if (!d) continue;
    lines.push("");
    lines.push(
      `run ${run.run}: reads during writes — p95 on the idle node and while it commits ${d.load.txs} buys at ${d.load.txPerSecond} tx/s ` +
        `(${d.load.vsJudgedBuy ?? "-"} x the judged filled buy):`,
    );
    lines.push(`${pad("query", 24, true)}${pad("idle n", 8)}${pad("idle p95", 10)}${pad("load n", 8)}${pad("load p95", 10)}${pad("load/idle", 11)}`);
    const names: Record<ReadKind, string> = { offers: "Offers (one market)", position: "Position (one day)", balance: "bank balance" };
    for (const k of ["offers", "position", "balance"] as const) {
      lines.push(`${pad(names[k], 24, true)}${pad(d.idle[k].count, 8)}${pad(d.idle[k].p95Ms, 10)}${pad(d.underLoad[k].count, 8)}${pad(d.underLoad[k].p95Ms, 10)}${pad(d.p95Ratio[k] ?? "-", 11)}`);
    }
    // Older result files have no REST reads.
    if (d.rest) {
      lines.push("the same over the REST gateway (the SDK's gRPC server: no wait for the block's ABCI lock):");
      for (const k of ["offers", "position", "balance"] as const) {
        const r = d.rest;
        lines.push(`${pad(`  ${names[k]}`, 24, true)}${pad(r.idle[k].count, 8)}${pad(r.idle[k].p95Ms, 10)}${pad(r.underLoad[k].count, 8)}${pad(r.underLoad[k].p95Ms, 10)}${pad(r.p95Ratio[k] ?? "-", 11)}`);
      }
    }
  }
  lines.push("");
  lines.push("goals, per run (each run judged on its own):");
  for (const run of r.runs) {
    const f = run.fresh.judged;
    lines.push(`run ${run.run} fresh:  buy tx/s / send tx/s ${fmt(f.txPerSecond)} (>= ${GOALS.txPerSecondRatio}) ${verdict(f.txPerSecond)}; gridd CPU per buy / per send ${fmt(f.cpuPerTx)} (<= ${GOALS.cpuPerTxRatio}) ${verdict(f.cpuPerTx)}`);
    if (run.filled) {
      const g = run.filled.judged;
      lines.push(`run ${run.run} filled: buy tx/s / send tx/s ${fmt(g.txPerSecond)} (>= ${GOALS.txPerSecondRatio}) ${verdict(g.txPerSecond)}; gridd CPU per buy / per send ${fmt(g.cpuPerTx)} (<= ${GOALS.cpuPerTxRatio}) ${verdict(g.cpuPerTx)}`);
    }
    if (run.offers) {
      lines.push(`run ${run.run} Offers p95 at ${run.offers.marketOffers} offers in one market: ${run.offers.offers.p95Ms} ms (< ${GOALS.offersP95Ms}) ${verdict(run.offers.judged)}`);
    }
    if (run.reads) {
      lines.push(`run ${run.run} Offers p95 under full trading load: ${run.reads.underLoad.offers.p95Ms} ms (< ${GOALS.offersP95Ms}) ${verdict(run.reads.offersJudged)}`);
    }
  }
  if (r.runs.length > 1) {
    lines.push("");
    lines.push(`spread over ${r.runs.length} runs (every run, min, max, runs that met the goal):`);
    const labels: Record<string, string> = {
      freshTxPerSecond: "fresh  buy/send tx/s",
      freshCpuPerTx: "fresh  buy/send CPU/tx",
      filledTxPerSecond: "filled buy/send tx/s",
      filledCpuPerTx: "filled buy/send CPU/tx",
      offersP95Ms: "Offers p95 ms, idle",
      offersP95MsUnderLoad: "Offers p95 ms, load",
    };
    for (const [key, sp] of Object.entries(r.spread)) {
      if (sp.judged === 0) continue;
      lines.push(`${pad(labels[key] ?? key, 24, true)}${pad(sp.values.map((v) => v ?? "-").join(" "), 26, true)} min ${sp.min ?? "-"}  max ${sp.max ?? "-"}  met ${sp.met}/${sp.judged}`);
    }
  }
  for (const p of r.profiles) lines.push(`CPU profile: ${p}`);
  lines.push(...profileSplitLines(r));
  lines.push(`result: ${file}`);
  return lines.join("\n");
}

/**
 * profileSplitLines: where gridd's CPU went in each profiled round, in ms per transaction (the
 * part's share of the profile times the round's gridd ms per transaction; parts overlap).
 */
export function profileSplitLines(r: BenchResult): string[] {
  const splits = r.profileSplits ?? [];
  if (splits.length === 0) return [];
  const rounds = r.runs.flatMap((run) => [run.fresh, ...(run.filled ? [run.filled] : [])]).flatMap((st) => [...st.buy.rounds, ...st.send.rounds]);
  const msPerTx = new Map(rounds.map((x) => [x.name, x.griddMsPerTx]));
  const lines = ["", "where gridd's CPU went in the profiled rounds, ms per transaction (share of the profile x the round's gridd ms/tx; parts overlap):"];
  lines.push(`${pad("part", 28, true)}${splits.map((s) => pad(s.label, 24)).join("")}`);
  lines.push(`${pad("whole round (gridd ms/tx)", 28, true)}${splits.map((s) => pad(msPerTx.get(s.label) ?? "-", 24)).join("")}`);
  for (const part of CPU_PARTS) {
    const cells = splits.map((s) => {
      const share = s.shares[part.label] ?? 0;
      const ms = msPerTx.get(s.label);
      return pad(ms == null ? `${(share * 100).toFixed(1)} %` : `${(share * ms).toFixed(3)} (${(share * 100).toFixed(1)} %)`, 24);
    });
    lines.push(`${pad(part.label, 28, true)}${cells.join("")}`);
  }
  return lines;
}

/**
 * fmt prints a judged figure with two decimals, or three when two would round it onto the
 * other side of its goal (0.799 against 0.8 reads "0.799 ... goal MISSED", not "0.80 ... MISSED").
 */
export function fmt(f: Figure): string {
  if (f.measured === null) return "-";
  const two = f.measured.toFixed(2);
  return Math.abs(f.measured - f.target) < 0.01 && Number(two) !== f.measured ? f.measured.toFixed(3) : two;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function orderByHeight<T extends { firstHeight: number }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => a.firstHeight - b.firstHeight);
}
