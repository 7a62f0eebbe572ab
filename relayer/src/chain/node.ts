/**
 * Node processes: start gridd detached with a pid file, wait for blocks, stop by pid.
 */
import { spawn } from "node:child_process";
import { open, readFile, rm, writeFile } from "node:fs/promises";
import { exists, isLiveProcess, liveGroupMembers, readPidFile, terminateGroup } from "../proc.js";
import { join } from "node:path";
import { stderrLog, type Log } from "../log.js";
import { cosmovisorEnv, prepareCosmovisorHome } from "./cosmovisor.js";
import { assertBinary } from "./exec.js";
import { nodeHome, resolveChainSpec, validatorEndpoints, type ChainSpecInput } from "./spec.js";

export const PID_FILE = "gridd.pid";
export const LOG_FILE = "gridd.log";

export interface StartOptions {
  /** Where the node's output goes (appended). Default <node home>/gridd.log. */
  logFile?: string;
  /** Which validator of the chain to start. Default 0. */
  index?: number;
  /**
   * Run the node under this Cosmovisor (chain/cosmovisor.ts): the spec's binary becomes the
   * genesis release of the node's Cosmovisor folder, and Cosmovisor switches to a staged release
   * at an upgrade's height. Default: run gridd itself.
   */
  cosmovisor?: string;
  /**
   * A command that runs the node's command line, e.g. ["ip", "netns", "exec", "ns-a"] to start
   * it inside a network namespace (the namespace suite's stand-in for a host of its own). It
   * must exec the command, so the pid stays the node's. Default: none.
   */
  prefix?: readonly string[];
  log?: Log;
}

/** NodeProcess is a running node. */
export interface NodeProcess {
  pid: number;
  home: string;
  logFile: string;
  rpc: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readPid(home: string): Promise<number | undefined> {
  return readPidFile(join(home, PID_FILE));
}

/**
 * pidAlive tells whether `pid` is a live (non-zombie) `gridd start --home <home>` process, or
 * `cosmovisor run start --home <home>`.
 */
function pidAlive(pid: number, home: string): Promise<boolean> {
  return isLiveProcess(pid, (args) => args.includes("start") && args.includes(home));
}

/** runningPid returns the pid of the node running in `home`, or undefined. */
export async function runningPid(home: string): Promise<number | undefined> {
  const pid = await readPid(home);
  return pid !== undefined && (await pidAlive(pid, home)) ? pid : undefined;
}

/** isRunning tells whether the node of `home` (a node home, e.g. <chain home>/val-0) is running. */
export async function isRunning(home: string): Promise<boolean> {
  return (await runningPid(home)) !== undefined;
}

/**
 * startNode starts validator `index` (default 0) of the chain detached from this process, so it
 * outlives it, and writes its pid to <node home>/gridd.pid. A node already running is reused.
 */
export async function startNode(input: ChainSpecInput, options: StartOptions = {}): Promise<NodeProcess> {
  const spec = resolveChainSpec(input);
  const log = options.log ?? stderrLog;
  const index = options.index ?? 0;
  const home = nodeHome(spec, index);
  const logFile = options.logFile ?? join(home, LOG_FILE);
  const rpc = validatorEndpoints(spec, index).rpc;
  await assertBinary(spec.binary);
  if (!(await exists(join(home, "config", "genesis.json")))) {
    throw new Error(`${home} is not initialised: run initChainHome (or devnode) first`);
  }
  return startGridd(spec.binary, home, { logFile, rpc, label: `${spec.chainId} val-${index}`, log, cosmovisor: options.cosmovisor, ...(options.prefix === undefined ? {} : { prefix: options.prefix }) });
}

/**
 * startGridd starts `gridd start --home <home>` detached from this process, so it outlives it,
 * and writes its pid to <home>/gridd.pid; a node already running in `home` is reused. For any
 * node home (a validator's, or a full node's that joined by state sync).
 */
export async function startGridd(
  binary: string,
  home: string,
  options: { logFile?: string; rpc: string; label: string; log?: Log; cosmovisor?: string; prefix?: readonly string[] },
): Promise<NodeProcess> {
  const log = options.log ?? stderrLog;
  const logFile = options.logFile ?? join(home, LOG_FILE);
  const rpc = options.rpc;
  await assertBinary(binary);
  const running = await runningPid(home);
  if (running !== undefined) {
    log(`node ${home} is already running (pid ${running})`);
    return { pid: running, home, logFile, rpc };
  }
  let command = binary;
  let args = ["start", "--home", home];
  let env: NodeJS.ProcessEnv = process.env;
  if (options.cosmovisor !== undefined) {
    await prepareCosmovisorHome(home, binary);
    command = options.cosmovisor;
    args = ["run", ...args];
    env = { ...process.env, ...cosmovisorEnv(home) };
  }
  if (options.prefix !== undefined && options.prefix.length > 0) {
    args = [...options.prefix.slice(1), command, ...args];
    command = options.prefix[0] as string;
  }
  log(`starting gridd (${options.label})${options.cosmovisor === undefined ? "" : " under Cosmovisor"}${options.prefix?.length ? ` via ${options.prefix.join(" ")}` : ""}, log: ${logFile}`);
  const out = await open(logFile, "a");
  try {
    const child = spawn(command, args, { detached: true, stdio: ["ignore", out.fd, out.fd], env });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once("error", (err) => reject(new Error(`could not start ${command}: ${err.message}`)));
      child.once("spawn", () => resolve(child.pid as number));
    });
    child.unref();
    await writeFile(join(home, PID_FILE), `${pid}\n`);
    return { pid, home, logFile, rpc };
  } finally {
    await out.close();
  }
}

/**
 * startChain starts every validator of the chain; validator 0's log goes to options.logFile.
 * `prefixOf` gives validator i's command prefix (StartOptions.prefix), if any.
 */
export async function startChain(input: ChainSpecInput, options: Omit<StartOptions, "index" | "prefix"> & { prefixOf?: (index: number) => readonly string[] | undefined } = {}): Promise<NodeProcess[]> {
  const spec = resolveChainSpec(input);
  const nodes: NodeProcess[] = [];
  const { prefixOf, ...rest } = options;
  for (let i = 0; i < spec.validators; i++) {
    const prefix = prefixOf?.(i);
    nodes.push(await startNode(spec, { ...rest, index: i, logFile: i === 0 ? options.logFile : undefined, ...(prefix === undefined ? {} : { prefix }) }));
  }
  return nodes;
}

/**
 * stopNode stops the node of `home` by its pid file: SIGTERM, then SIGKILL after `timeoutMs`.
 * Returns whether a node was running.
 */
export async function stopNode(home: string, options: { timeoutMs?: number; log?: Log } = {}): Promise<boolean> {
  const log = options.log ?? stderrLog;
  const pid = await readPid(home);
  // The pid file names the group leader (gridd, or Cosmovisor and the gridd it runs): stop the
  // whole group, so a gridd whose Cosmovisor already died is not left writing to the home.
  const ours = (args: string[]) => args.includes("start") && args.includes(home);
  const alive = async () => pid !== undefined && ((await pidAlive(pid, home)) || (await liveGroupMembers(pid, ours)).length > 0);
  if (!(await alive()) || pid === undefined) {
    await rm(join(home, PID_FILE), { force: true });
    return false;
  }
  log(`stopping gridd (pid ${pid}, ${home})`);
  await terminateGroup(pid, alive, options.timeoutMs ?? 10_000, () => log(`gridd (pid ${pid}) ignored SIGTERM; sending SIGKILL`));
  await rm(join(home, PID_FILE), { force: true });
  return true;
}

/** stopChain stops every validator of the chain. */
export async function stopChain(input: ChainSpecInput, options: { timeoutMs?: number; log?: Log } = {}): Promise<void> {
  const spec = resolveChainSpec(input);
  await Promise.all(Array.from({ length: spec.validators }, (_, i) => stopNode(nodeHome(spec, i), options)));
}

/** latestHeight asks a node's RPC for its latest block height; undefined when it does not answer. */
export async function latestHeight(rpcUrl: string): Promise<number | undefined> {
  try {
    const res = await fetch(`${rpcUrl}/status`, { signal: AbortSignal.timeout(2_000) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { result?: { sync_info?: { latest_block_height?: string } } };
    const h = Number(body.result?.sync_info?.latest_block_height);
    return Number.isFinite(h) ? h : undefined;
  } catch {
    return undefined;
  }
}

export interface WaitOptions {
  log?: Log;
  /** The node's home: waiting fails fast when its process exits. */
  home?: string;
  /** Shown (with its last lines) when the node stops or never produces the block. */
  logFile?: string;
}

/** logTail returns the last `lines` lines of a log file, or "" when it cannot be read. */
export async function logTail(file: string, lines = 20): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/**
 * waitForBlocks polls `<rpcUrl>/status` until the latest height is at least `minHeight`,
 * printing progress every few seconds, and returns the height reached.
 */
export async function waitForBlocks(rpcUrl: string, minHeight: number, timeoutMs = 60_000, options: WaitOptions = {}): Promise<number> {
  const log = options.log ?? stderrLog;
  const started = Date.now();
  let lastReport = started;
  let height: number | undefined;
  const explain = async (what: string) => {
    const where = options.logFile ? `; node log ${options.logFile}` : "";
    const tail = options.logFile ? await logTail(options.logFile) : "";
    return new Error(`${what}${where}${tail ? `, last lines:\n${tail}` : ""}`);
  };
  for (;;) {
    height = await latestHeight(rpcUrl);
    if (height !== undefined && height >= minHeight) return height;
    const elapsed = Date.now() - started;
    if (options.home !== undefined && !(await isRunning(options.home))) {
      throw await explain(`gridd stopped before block ${minHeight} (home ${options.home}): read the log for the cause, fix it, and start again`);
    }
    if (elapsed > timeoutMs) {
      const state = height === undefined ? "its RPC never answered" : `it is at height ${height}`;
      throw await explain(`no block ${minHeight} at ${rpcUrl} within ${timeoutMs / 1000} s (${state})`);
    }
    if (Date.now() - lastReport >= 5_000) {
      lastReport = Date.now();
      const state = height === undefined ? "RPC not answering yet" : `height ${height}`;
      log(`waiting for block ${minHeight} at ${rpcUrl}: ${state} (${Math.round(elapsed / 1000)} s)`);
    }
    await sleep(250);
  }
}
