/**
 * npm run bench [-- options]: see bench/README.md. Prints a table with the ratios against the
 * bank send measured in the same run and writes the full result to bench/results/<time>.json.
 */
import { runBench } from "./bench.js";
import { parseOptions, report, USAGE } from "./report.js";

async function main(): Promise<void> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const { result, file } = await runBench(options);
  process.stdout.write(`${report(result, file)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
