/**
 * npm start: the default hierarchy (or --topology FILE) up, the summary printed, then attached:
 * a status line every 30 s, and Ctrl-C stops everything it started (`gridnet down`). A second
 * npm start reuses the chains, channels and Hermes build, so it takes seconds.
 */
import { parseArgs } from "node:util";
import { stderrLog } from "./log.js";
import { defaultBinary } from "./paths.js";
import { describeNetwork } from "./net/describe.js";
import { down } from "./net/down.js";
import { networkStatus } from "./net/status.js";
import { DEFAULT_TOPOLOGY, up } from "./net/up.js";

function die(message: string): never {
  process.stderr.write(`\x1b[31merror:\x1b[0m ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { topology: { type: "string" }, binary: { type: "string" }, detach: { type: "boolean", default: false } } });
  const log = stderrLog;
  const state = await up({ topologyFile: values.topology ?? DEFAULT_TOPOLOGY, binary: values.binary ?? defaultBinary(), log });
  process.stdout.write(`${describeNetwork(state, values.detach ? [] : ["", "attached: Ctrl-C stops the whole network (data is kept for the next npm start)"])}\n`);
  if (values.detach) return;

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping the network`);
    await down(state.home, log);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("Ctrl-C"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    if (stopping) continue;
    const s = await networkStatus(state);
    const heights = s.chains.map((c) => `${c.name} ${c.height ?? "down"}`).join(", ");
    const pending = s.links.flatMap((l) => l.channels).reduce((n, c) => n + (c.pendingDown ?? 0) + (c.pendingUp ?? 0), 0);
    log(`heights: ${heights}; Hermes ${s.hermes.health.up ? "healthy" : "NOT answering"}; ${pending} packets pending`);
  }
}

main().catch((err: unknown) => die(err instanceof Error ? err.message : String(err)));
