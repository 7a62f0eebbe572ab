/**
 * Driving the Hermes binary: keys, channel creation, the long-running `hermes start` (detached,
 * found again by its pid file) and its REST health.
 */
import { spawn } from "node:child_process";
import { mkdir, open, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { HermesHealth } from "@gridledger/client";
import { run } from "../chain/exec.js";
import { logTail } from "../chain/node.js";
import { stderrLog, type Log } from "../log.js";
import { isLiveProcess, readPidFile, terminate } from "../proc.js";
import { HERMES_KEY_NAME, hermesConfigPath } from "./config.js";
import type { HermesPlan } from "../topology/plan.js";

/** HermesHealth is what Hermes' REST API says about itself (its shape lives in @gridledger/client). */
export type { HermesHealth };

export const HERMES_PID_FILE = "hermes.pid";
export const HERMES_LOG_FILE = "hermes.log";

/** Hermes is a binary plus the network's Hermes home (config.toml, keys, pid, log). */
export interface Hermes {
  binary: string;
  plan: HermesPlan;
}

export function hermesLogFile(plan: Pick<HermesPlan, "home">): string {
  return join(plan.home, HERMES_LOG_FILE);
}

/**
 * hermesJson runs a one-shot Hermes command with --json and returns its result; a failure carries
 * Hermes' own explanation.
 */
export async function hermesJson(hermes: Hermes, args: readonly string[], timeoutMs = 180_000): Promise<unknown> {
  const full = ["--config", hermesConfigPath(hermes.plan), "--json", ...args];
  let stdout: string;
  try {
    ({ stdout } = await run(hermes.binary, full, { timeoutMs }));
  } catch (err) {
    throw new Error(`hermes ${args.join(" ")} failed: ${(err as Error).message}`);
  }
  // Hermes prints log lines and, last, {"result": ..., "status": "success" | "error"}.
  const results = stdout
    .split("\n")
    .filter((l) => l.startsWith("{") && l.includes('"status"'))
    .map((l) => JSON.parse(l) as { status?: string; result?: unknown });
  const last = results[results.length - 1];
  if (!last) throw new Error(`hermes ${args.join(" ")} printed no result; output:\n${stdout.slice(-2000)}`);
  if (last.status !== "success") throw new Error(`hermes ${args.join(" ")} failed: ${JSON.stringify(last.result)}`);
  return last.result;
}

/** addRelayerKey imports the relayer account's mnemonic into Hermes' keystore for one chain. */
export async function addRelayerKey(hermes: Hermes, chainId: string, mnemonic: string): Promise<void> {
  const file = join(hermes.plan.home, `.mnemonic-${chainId}`);
  await writeFile(file, mnemonic, { mode: 0o600 });
  try {
    await hermesJson(hermes, ["keys", "add", "--chain", chainId, "--mnemonic-file", file, "--key-name", HERMES_KEY_NAME, "--overwrite"]);
  } finally {
    await rm(file, { force: true });
  }
}

/** ChannelEnds are the two ends of a channel Hermes opened. */
export interface ChannelEnds {
  a: { clientId: string; connectionId: string; portId: string; channelId: string };
  b: { clientId: string; connectionId: string; portId: string; channelId: string };
  version: string;
}

interface HermesChannelSide {
  client_id: string;
  connection_id: string;
  port_id: string;
  channel_id: string | null;
  version: string | null;
}

/**
 * createChannel opens a channel between chain a and chain b: over a new client and connection, or
 * over `aConnection` when the link already has one (a second channel type on the same link).
 */
export async function createChannel(
  hermes: Hermes,
  input: { aChain: string; bChain: string; port: string; version: string; ordering: "unordered" | "ordered"; aConnection?: string },
): Promise<ChannelEnds> {
  const args = ["create", "channel", "--a-chain", input.aChain, "--a-port", input.port, "--b-port", input.port, "--order", input.ordering, "--channel-version", input.version, "--yes"];
  if (input.aConnection) args.push("--a-connection", input.aConnection);
  else args.push("--b-chain", input.bChain, "--new-client-connection");
  const result = (await hermesJson(hermes, args, 300_000)) as { a_side: HermesChannelSide; b_side: HermesChannelSide };
  const side = (s: HermesChannelSide, chain: string) => {
    if (!s.channel_id) throw new Error(`hermes opened no channel on ${chain}: ${JSON.stringify(result)}`);
    return { clientId: s.client_id, connectionId: s.connection_id, portId: s.port_id, channelId: s.channel_id };
  };
  return { a: side(result.a_side, input.aChain), b: side(result.b_side, input.bChain), version: result.a_side.version ?? input.version };
}

function hermesAlive(pid: number, plan: HermesPlan): Promise<boolean> {
  const config = hermesConfigPath(plan);
  return isLiveProcess(pid, (args) => args.includes("start") && args.includes(config));
}

/** runningHermes returns the pid of this network's `hermes start`, or undefined. */
export async function runningHermes(plan: HermesPlan): Promise<number | undefined> {
  const pid = await readPidFile(join(plan.home, HERMES_PID_FILE));
  return pid !== undefined && (await hermesAlive(pid, plan)) ? pid : undefined;
}

/** startHermes starts `hermes start` detached (it outlives this process); a running one is reused. */
export async function startHermes(hermes: Hermes, log: Log = stderrLog): Promise<number> {
  const running = await runningHermes(hermes.plan);
  if (running !== undefined) return running;
  await mkdir(hermes.plan.home, { recursive: true });
  const logFile = hermesLogFile(hermes.plan);
  log(`starting Hermes, log: ${logFile}`);
  const out = await open(logFile, "a");
  try {
    const child = spawn(hermes.binary, ["--config", hermesConfigPath(hermes.plan), "start"], { detached: true, stdio: ["ignore", out.fd, out.fd] });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once("error", (err) => reject(new Error(`could not start ${hermes.binary}: ${err.message}`)));
      child.once("spawn", () => resolve(child.pid as number));
    });
    child.unref();
    await writeFile(join(hermes.plan.home, HERMES_PID_FILE), `${pid}\n`);
    return pid;
  } finally {
    await out.close();
  }
}

/** stopHermes stops this network's Hermes by its pid file; returns whether one was running. */
export async function stopHermes(plan: HermesPlan, log: Log = stderrLog): Promise<boolean> {
  const pid = await runningHermes(plan);
  await rm(join(plan.home, HERMES_PID_FILE), { force: true }).catch(() => {});
  if (pid === undefined) return false;
  log(`stopping Hermes (pid ${pid})`);
  await terminate(pid, () => hermesAlive(pid, plan));
  return true;
}

/** hermesHealth asks Hermes' REST API for its version, chains and workers. */
export async function hermesHealth(plan: Pick<HermesPlan, "restPort">): Promise<HermesHealth> {
  const base = `http://127.0.0.1:${plan.restPort}`;
  const get = async (path: string): Promise<unknown> => {
    const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return ((await res.json()) as { result?: unknown }).result;
  };
  try {
    const versions = (await get("/version")) as Array<{ name: string; version: string }>;
    const chains = (await get("/chains")) as string[];
    const state = (await get("/state")) as { workers?: Record<string, unknown[]> };
    const workers = Object.fromEntries(Object.entries(state.workers ?? {}).map(([kind, list]) => [kind, list.length]));
    // /version lists the relayer library and the REST API, not the release (`hermes version` has it).
    const lib = versions.find((v) => v.name === "ibc-relayer") ?? versions[0];
    return { up: true, ...(lib === undefined ? {} : { library: `${lib.name} ${lib.version}` }), chains, workers };
  } catch {
    return { up: false, chains: [], workers: {} };
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** waitForHermes waits until Hermes' REST API lists every chain, or fails with its log's tail. */
export async function waitForHermes(plan: HermesPlan, chainIds: readonly string[], timeoutMs = 120_000, log: Log = stderrLog): Promise<HermesHealth> {
  const started = Date.now();
  let lastReport = started;
  for (;;) {
    const health = await hermesHealth(plan);
    if (health.up && chainIds.every((id) => health.chains.includes(id))) return health;
    if ((await runningHermes(plan)) === undefined) {
      throw new Error(`Hermes exited during start-up; the end of ${hermesLogFile(plan)}:\n${await logTail(hermesLogFile(plan), 25)}`);
    }
    if (Date.now() - started > timeoutMs) {
      // The usual cause is the REST port taken by something else (Hermes logs the failed bind and runs on).
      throw new Error(
        `Hermes' REST API on port ${plan.restPort} did not list ${chainIds.join(", ")} within ${timeoutMs / 1000} s ` +
          `(${health.up ? `it lists ${health.chains.join(", ") || "none"}` : "it does not answer"}); the end of ${hermesLogFile(plan)}:\n${await logTail(hermesLogFile(plan), 25)}`,
      );
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      log(`waiting for Hermes to serve ${chainIds.length} chains (${health.up ? `${health.chains.length} so far` : "REST not up yet"})`);
    }
    await sleep(500);
  }
}
