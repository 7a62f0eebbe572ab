/**
 * npm run bench [-- options]: see bench/README.md. Prints a table with the ratios against the
 * bank send measured in the same run and writes the full result to bench/results/<time>.json;
 * then the signed-readings bench (readings.ts) on a fresh node, with its own baselines; then
 * the reconciliation bench (reconcile.ts) and the settlement bench (settle.ts), in process,
 * each against its own baseline.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { runBench } from "./bench.js";
import { DEFAULT_READINGS, MONTH_READINGS, QUICK_READINGS, type ReadingsOptions, readingsReport, runReadingsBench } from "./readings.js";
import { round } from "./load.js";
import { DEFAULT_RECONCILE, QUICK_RECONCILE, type ReconcileOptions, reconcileReport, runReconcileBench } from "./reconcile.js";
import { PURCHASE_USAGE, purchaseMain } from "./purchase.js";
import { parseOptions, report, USAGE } from "./report.js";
import { DEFAULT_SETTLE, QUICK_SETTLE, type SettleOptions, settleReport, runSettleBench } from "./settle.js";

export const READINGS_USAGE = `signed meter readings (run after the rest, on a fresh node):
  --month            only the readings: one month of 15-minute readings of 1,000 meters (2,976,000)
  --readings-only    only the readings, at the default size (${DEFAULT_READINGS.meters} meters x ${DEFAULT_READINGS.periods} periods)
  --no-readings      skip the readings
  --readings-meters M, --readings-periods P   readings per transaction and transactions
reconciliation (run last, in process: go test -bench BenchmarkReconcile in chain/):
  --reconcile-only   only the reconciliation of ${DEFAULT_RECONCILE.tokens.join(" and ")} tokens
  --no-reconcile     skip it
  --reconcile-tokens A,B   token counts (multiples of 1,000; default ${DEFAULT_RECONCILE.tokens.join(",")})
  --reconcile-db D   pebbledb (default, as gridd runs) or memdb
settlement (run last, in process: go test -bench BenchmarkSettle in chain/):
  --settle-only      only the settlement of ${DEFAULT_SETTLE.tokens.join(" and ")} due tokens among ${DEFAULT_SETTLE.participants} participants
  --no-settle        skip it
  --settle-tokens A,B   due token counts (multiples of the participants; default ${DEFAULT_SETTLE.tokens.join(",")})
  --settle-db D      pebbledb (default, as gridd runs) or memdb`;

interface SettleArgs {
  only: boolean;
  skip: boolean;
  tokens?: number[];
  db?: "pebbledb" | "memdb";
}

/** splitSettleArgs takes the settlement options out of argv. */
function splitSettleArgs(argv: string[]): { rest: string[]; settle: SettleArgs } {
  const rest: string[] = [];
  const settle: SettleArgs = { only: false, skip: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--settle-only") settle.only = true;
    else if (a === "--no-settle") settle.skip = true;
    else if (a === "--settle-tokens") {
      const v = argv[++i] ?? "";
      const p = DEFAULT_SETTLE.participants;
      const tokens = v.split(",").map(Number);
      if (tokens.length === 0 || tokens.some((n) => !Number.isInteger(n) || n < p || n % p !== 0)) {
        throw new Error(`--settle-tokens takes multiples of ${p} separated by commas, got "${v}"`);
      }
      settle.tokens = tokens.sort((a, b) => a - b);
    } else if (a === "--settle-db") {
      const v = argv[++i];
      if (v !== "pebbledb" && v !== "memdb") throw new Error(`--settle-db is pebbledb or memdb, got "${v}"`);
      settle.db = v;
    } else rest.push(a);
  }
  return { rest, settle };
}

interface ReconcileArgs {
  only: boolean;
  skip: boolean;
  tokens?: number[];
  db?: "pebbledb" | "memdb";
}

/** splitReconcileArgs takes the reconciliation options out of argv. */
function splitReconcileArgs(argv: string[]): { rest: string[]; reconcile: ReconcileArgs } {
  const rest: string[] = [];
  const reconcile: ReconcileArgs = { only: false, skip: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--reconcile-only") reconcile.only = true;
    else if (a === "--no-reconcile") reconcile.skip = true;
    else if (a === "--reconcile-tokens") {
      const v = argv[++i] ?? "";
      const tokens = v.split(",").map(Number);
      if (tokens.length === 0 || tokens.some((n) => !Number.isInteger(n) || n < 1000 || n % 1000 !== 0)) {
        throw new Error(`--reconcile-tokens takes multiples of 1,000 separated by commas, got "${v}"`);
      }
      reconcile.tokens = tokens.sort((a, b) => a - b);
    } else if (a === "--reconcile-db") {
      const v = argv[++i];
      if (v !== "pebbledb" && v !== "memdb") throw new Error(`--reconcile-db is pebbledb or memdb, got "${v}"`);
      reconcile.db = v;
    } else rest.push(a);
  }
  return { rest, reconcile };
}

/** splitReadingsArgs takes the readings options out of argv (parseOptions is strict). */
function splitReadingsArgs(argv: string[]): { rest: string[]; month: boolean; only: boolean; skip: boolean; meters?: number; periods?: number } {
  const rest: string[] = [];
  const out: ReturnType<typeof splitReadingsArgs> = { rest, month: false, only: false, skip: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--month") out.month = true;
    else if (a === "--readings-only") out.only = true;
    else if (a === "--no-readings") out.skip = true;
    else if (a === "--readings-meters" || a === "--readings-periods") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} must be a positive integer`);
      if (a === "--readings-meters") out.meters = n;
      else out.periods = n;
    } else rest.push(a);
  }
  return out;
}

async function main(): Promise<void> {
  // The cross-grid purchase bench runs on its own network (purchase.ts): only when asked for.
  if (process.argv.includes("--purchase-only")) {
    const argv = process.argv.slice(2);
    const out = argv.indexOf("--out");
    return purchaseMain(argv.filter((_, i) => out < 0 || (i !== out && i !== out + 1)), out >= 0 ? (argv[out + 1] as string) : fileURLToPath(new URL("../results", import.meta.url)));
  }
  let options;
  let readings;
  let reconcile: ReconcileArgs;
  let settle: SettleArgs;
  try {
    const settleSplit = splitSettleArgs(process.argv.slice(2));
    settle = settleSplit.settle;
    const split = splitReconcileArgs(settleSplit.rest);
    reconcile = split.reconcile;
    readings = splitReadingsArgs(split.rest);
    if (readings.rest.includes("--help") || readings.rest.includes("-h")) {
      process.stdout.write(`${USAGE}\n${READINGS_USAGE}\n${PURCHASE_USAGE}\n`);
      process.exit(0);
    }
    options = parseOptions(readings.rest);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n${READINGS_USAGE}\n`);
    process.exit(2);
  }
  const dir = options.outDir ?? fileURLToPath(new URL("../results", import.meta.url));
  const stamp = () => new Date().toISOString().replace(/[:.]/g, "-");
  const readingsOnly = readings.month || readings.only;
  const onlySettle = settle.only && !reconcile.only;
  if (!readingsOnly && !reconcile.only && !onlySettle) {
    const { result, file } = await runBench(options);
    process.stdout.write(`${report(result, file)}\n`);
  }
  if (!reconcile.only && !onlySettle && (readingsOnly || !readings.skip)) {
    const r: ReadingsOptions = {
      ...DEFAULT_READINGS,
      ...(options.quick ? QUICK_READINGS : {}),
      ...(readings.month ? MONTH_READINGS : {}),
      ...(readings.meters === undefined ? {} : { meters: readings.meters }),
      ...(readings.periods === undefined ? {} : { periods: readings.periods }),
      profileSeconds: options.profileSeconds,
      outDir: options.outDir,
      log: options.log,
    };
    const result = await runReadingsBench(r);
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${stamp()}-readings.json`);
    await writeFile(file, `${JSON.stringify({ schema: 1, options: { ...r, log: undefined }, result }, null, 2)}\n`);
    process.stdout.write(`${readingsReport(result, r.month)}\nwritten to ${file}\n`);
  }
  if (readingsOnly) return;
  await mkdir(dir, { recursive: true });
  if (!reconcile.skip && !onlySettle) {
    const at = stamp();
    const o: ReconcileOptions = {
      ...DEFAULT_RECONCILE,
      ...(options.quick ? QUICK_RECONCILE : {}),
      ...(reconcile.tokens ? { tokens: reconcile.tokens } : {}),
      ...(reconcile.db ? { db: reconcile.db } : {}),
      ...(options.profileSeconds > 0 ? { cpuProfile: join(dir, `${at}-reconcile.pprof`) } : {}),
      log: options.log,
    };
    const loadBefore = loadavg()[0] ?? 0;
    const result = await runReconcileBench(o);
    const file = join(dir, `${at}-reconcile.json`);
    await writeFile(file, `${JSON.stringify({ schema: 1, options: { ...o, log: undefined }, machine: machineOf(loadBefore), result }, null, 2)}\n`);
    process.stdout.write(`${reconcileReport(result)}\nwritten to ${file}\n`);
  }
  if (settle.skip || (reconcile.only && !settle.only)) return;
  const at = stamp();
  const o: SettleOptions = {
    ...DEFAULT_SETTLE,
    ...(options.quick ? QUICK_SETTLE : {}),
    ...(settle.tokens ? { tokens: settle.tokens } : {}),
    ...(settle.db ? { db: settle.db } : {}),
    ...(options.profileSeconds > 0 ? { cpuProfile: join(dir, `${at}-settle.pprof`) } : {}),
    log: options.log,
  };
  const loadBefore = loadavg()[0] ?? 0;
  const result = await runSettleBench(o);
  const file = join(dir, `${at}-settle.json`);
  await writeFile(file, `${JSON.stringify({ schema: 1, options: { ...o, log: undefined }, machine: machineOf(loadBefore), result }, null, 2)}\n`);
  process.stdout.write(`${settleReport(result)}\nwritten to ${file}\n`);
}

/** machineOf describes the CPUs; other processes on them weigh on wall times: the load averages say how much there was. */
function machineOf(loadBefore: number) {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "", loadAverage1m: { before: round(loadBefore, 2), after: round(loadavg()[0] ?? 0, 2) } };
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
