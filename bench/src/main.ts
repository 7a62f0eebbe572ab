/**
 * npm run bench [-- options]: see bench/README.md. Prints a table with the ratios against the
 * bank send measured in the same run and writes the full result to bench/results/<time>.json;
 * then the signed-readings bench (readings.ts) on a fresh node, with its own baselines.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { runBench } from "./bench.js";
import { DEFAULT_READINGS, MONTH_READINGS, QUICK_READINGS, type ReadingsOptions, readingsReport, runReadingsBench } from "./readings.js";
import { parseOptions, report, USAGE } from "./report.js";

export const READINGS_USAGE = `signed meter readings (run after the rest, on a fresh node):
  --month            only the readings: one month of 15-minute readings of 1,000 meters (2,976,000)
  --readings-only    only the readings, at the default size (${DEFAULT_READINGS.meters} meters x ${DEFAULT_READINGS.periods} periods)
  --no-readings      skip the readings
  --readings-meters M, --readings-periods P   readings per transaction and transactions`;

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
  let options;
  let readings;
  try {
    readings = splitReadingsArgs(process.argv.slice(2));
    if (readings.rest.includes("--help") || readings.rest.includes("-h")) {
      process.stdout.write(`${USAGE}\n${READINGS_USAGE}\n`);
      process.exit(0);
    }
    options = parseOptions(readings.rest);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n${READINGS_USAGE}\n`);
    process.exit(2);
  }
  if (!readings.month && !readings.only) {
    const { result, file } = await runBench(options);
    process.stdout.write(`${report(result, file)}\n`);
  }
  if (readings.skip && !readings.month && !readings.only) return;
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
  const dir = options.outDir ?? fileURLToPath(new URL("../results", import.meta.url));
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-readings.json`);
  await writeFile(file, `${JSON.stringify({ schema: 1, options: { ...r, log: undefined }, result }, null, 2)}\n`);
  process.stdout.write(`${readingsReport(result, r.month)}\nwritten to ${file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
