/**
 * devnode: one local gridledger chain for development, in <repo>/.gridnet/dev.
 *
 *   tsx relayer/src/devnode.ts [--binary PATH] [--reset] [--foreground] [--logs]
 *
 * Builds nothing (scripts/devnode.sh builds gridd first). Ports: the usual 26657/26656/9090/1317/6060/26660,
 * or rpc=base, p2p=base+1, grpc=base+2, api=base+3, pprof=base+4, prometheus=base+5 with GRIDLEDGER_DEV_PORT_BASE=base.
 */
import { open, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { initChainHome } from "./chain/home.js";
import { readGridnet, type Gridnet } from "./chain/gridnet.js";
import { latestHeight, LOG_FILE, logTail, runningPid, startNode, stopChain, waitForBlocks } from "./chain/node.js";
import { busyPorts } from "./chain/ports.js";
import { nodeHome, type ChainSpec } from "./chain/spec.js";
import { DEV_HOME, describeDevnode, devChainSpec, devPorts } from "./dev.js";
import { stderrLog } from "./log.js";
import { defaultBinary } from "./paths.js";

function die(message: string): never {
  process.stderr.write(`\x1b[31merror:\x1b[0m ${message}\n`);
  process.exit(1);
}

const USAGE = `usage: devnode [--binary PATH] [--reset] [--foreground] [--logs]
  --binary PATH  gridd to run (default $GRIDD or chain/build/gridd)
  --reset        stop the dev node and wipe ${DEV_HOME} first
  --foreground   stay attached; Ctrl-C stops the node
  --logs         with --foreground: stream the node log instead of a height line every 30 s
env GRIDLEDGER_DEV_PORT_BASE=N  use ports N (rpc), N+1 (p2p), N+2 (grpc), N+3 (api), N+4 (pprof), N+5 (prometheus)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      binary: { type: "string" },
      reset: { type: "boolean", default: false },
      foreground: { type: "boolean", default: false },
      logs: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = stderrLog;
  const spec = devChainSpec(values.binary ?? defaultBinary(), devPorts());
  const home0 = nodeHome(spec, 0);
  const logFile = join(home0, LOG_FILE);

  if (values.reset) {
    await stopChain(spec, { log });
    log(`wiping ${spec.home}`);
    await rm(spec.home, { recursive: true, force: true });
  }

  let pid = await runningPid(home0);
  if (pid !== undefined) {
    log(`dev node already running (pid ${pid})`);
  } else {
    const busy = await busyPorts(spec.ports);
    if (busy.length > 0) {
      const list = busy.map(([name, port]) => `${port} (${name})`).join(", ");
      die(
        `${busy.length === 1 ? "port" : "ports"} ${list} ${busy.length === 1 ? "is" : "are"} already in use by another program, not by this dev node.\n` +
          `  Find it with \`lsof -i :${busy[0]?.[1]}\` (or \`ss -ltnp\`) and stop it, or choose other ports,\n` +
          `  e.g. GRIDLEDGER_DEV_PORT_BASE=36657 bash scripts/devnode.sh`,
      );
    }
    await initChainHome(spec, { log });
    pid = (await startNode(spec, { log, logFile })).pid;
  }

  const gridnet = await readGridnet(spec.home);
  if (!gridnet) die(`${spec.home} has no gridnet.json although the node runs: stop it and run again with --reset`);
  const height = await waitForBlocks(gridnet.endpoints.rpc, 2, 90_000, { log, home: home0, logFile });
  process.stdout.write(`${describeDevnode(gridnet, { pid, height, logFile, chainHome: spec.home })}\n`);

  if (values.foreground) await attach(spec, gridnet, logFile, values.logs);
}

/** attach keeps the process in the foreground until Ctrl-C, which stops the node. */
async function attach(spec: ChainSpec, gridnet: Gridnet, logFile: string, streamLogs: boolean): Promise<void> {
  const log = stderrLog;
  const home0 = nodeHome(spec, 0);
  log(`attached: press Ctrl-C to stop the dev node${streamLogs ? "" : ` (node log: ${logFile})`}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the dev node`);
    await stopChain(spec, { log });
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("Ctrl-C"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  let offset = streamLogs ? (await stat(logFile)).size : 0;
  let lastHeightReport = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (stopping) continue;
    if ((await runningPid(home0)) === undefined) {
      const tail = await logTail(logFile, 20);
      die(`the dev node stopped on its own; last lines of ${logFile}:\n${tail}\nFix the cause and run again (--reset starts from a fresh genesis).`);
    }
    if (streamLogs) {
      const file = await open(logFile, "r");
      try {
        const { size } = await file.stat();
        if (size > offset) {
          const buf = Buffer.alloc(size - offset);
          await file.read(buf, 0, buf.length, offset);
          process.stdout.write(buf);
          offset = size;
        }
      } finally {
        await file.close();
      }
    } else if (Date.now() - lastHeightReport >= 30_000) {
      lastHeightReport = Date.now();
      log(`${gridnet.chainId} at height ${(await latestHeight(gridnet.endpoints.rpc)) ?? "?"}`);
    }
  }
}

main().catch((err: unknown) => die(err instanceof Error ? err.message : String(err)));
