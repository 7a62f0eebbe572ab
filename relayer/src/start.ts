/**
 * npm start: the default hierarchy (or --topology FILE) up, the web UI served next to it, the
 * summary printed, then attached: a status line every 30 s, and Ctrl-C stops everything it
 * started (`gridnet down`). A second npm start reuses the chains, channels, Hermes build and UI
 * build (rebuilt only when its sources changed), so it takes seconds.
 */
import { parseArgs } from "node:util";
import { stderrLog } from "./log.js";
import { defaultBinary } from "./paths.js";
import { describeNetwork } from "./net/describe.js";
import { down } from "./net/down.js";
import { uiPort, type NetworkState } from "./net/state.js";
import { networkStatus } from "./net/status.js";
import { DEFAULT_TOPOLOGY, up } from "./net/up.js";
import { ensureUiBuild, UI_DIST } from "./ui/build.js";
import { gridnetUiSources } from "./ui/network.js";
import { serveUi, type UiServer } from "./ui/serve.js";

function die(message: string): never {
  process.stderr.write(`\x1b[31merror:\x1b[0m ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { topology: { type: "string" }, binary: { type: "string" }, detach: { type: "boolean", default: false } } });
  const log = stderrLog;
  // The UI builds while the chains start (a failed build leaves the network up, without the UI).
  const uiBuild = values.detach ? undefined : ensureUiBuild(log).then(() => undefined, (err: unknown) => err);
  const state = await up({ topologyFile: values.topology ?? DEFAULT_TOPOLOGY, binary: values.binary ?? defaultBinary(), log });
  if (values.detach) {
    process.stdout.write(`${describeNetwork(state, ["web UI: npx gridnet ui"])}\n`);
    return;
  }
  const ui = await startUi(state, await uiBuild, log);
  process.stdout.write(`${describeNetwork(state, ["", "attached: Ctrl-C stops the whole network (data is kept for the next npm start)"], ui?.url)}\n`);

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping the network`);
    await ui?.close();
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

/** startUi serves the built UI on the network's UI port; a failure is reported, and the network stays. */
async function startUi(state: NetworkState, buildError: unknown, log: (m: string) => void): Promise<UiServer | undefined> {
  try {
    if (buildError !== undefined) throw buildError;
    return await serveUi({ dist: UI_DIST, port: uiPort(state), ...gridnetUiSources(state) });
  } catch (err) {
    log(`the web UI is not served: ${err instanceof Error ? err.message : String(err)} (the network runs; try \`npx gridnet ui\`)`);
    return undefined;
  }
}

main().catch((err: unknown) => die(err instanceof Error ? err.message : String(err)));
