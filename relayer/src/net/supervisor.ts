/**
 * The supervisor: a small detached process per network that restarts Hermes when it dies, unless
 * Hermes was stopped on purpose (`gridnet hermes stop` leaves a "paused" file), and clears packets
 * Hermes left behind. `gridnet down` stops it first, by its pid.
 *
 * Why the second job: a Hermes restarted right after a packet was sent (killed with the packet in
 * flight) can miss it in its start-up scan, and then relays it only when the channel next sees
 * traffic. A packet still pending after two checks while Hermes runs is cleared by hand with
 * `hermes clear packets`, as an operator would.
 *
 * The third job checks every chain's invariants live every INVARIANTS_EVERY_MS (invariants.ts),
 * in the background so Hermes is still watched while a pass runs.
 */
import { spawn } from "node:child_process";
import { open, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { exists, isLiveProcess, readPidFile, terminate } from "../proc.js";
import { hermesJson, runningHermes, startHermes } from "../hermes/hermes.js";
import { packetCommitments } from "./ibc.js";
import { checkNetworkInvariants, INVARIANTS_EVERY_MS, INVARIANTS_RETRY_MS } from "./invariants.js";
import { REPO_ROOT } from "../paths.js";
import type { Log } from "../log.js";
import { readState, statePath, type NetworkState } from "./state.js";

export const SUPERVISOR_PID_FILE = "supervisor.pid";
export const SUPERVISOR_LOG_FILE = "supervisor.log";
const PAUSED_FILE = "paused";
const CHECK_EVERY_MS = 1_000;
const STUCK_CHECK_EVERY_MS = 15_000;

const pausedPath = (state: Pick<NetworkState, "hermes">) => join(state.hermes.home, PAUSED_FILE);

/** pauseHermes marks Hermes as stopped on purpose, so the supervisor leaves it down. */
export async function pauseHermes(state: NetworkState): Promise<void> {
  await writeFile(pausedPath(state), `${new Date().toISOString()}\n`);
}

/** resumeHermes lets the supervisor restart Hermes again. */
export async function resumeHermes(state: NetworkState): Promise<void> {
  await rm(pausedPath(state), { force: true });
}

export async function isHermesPaused(state: NetworkState): Promise<boolean> {
  return exists(pausedPath(state));
}

/** The CLI entry point (gridnet.ts, or gridnet.js once compiled) that runs `supervise`. */
function cliEntry(): { command: string; args: string[] } {
  const ts = fileURLToPath(new URL("../gridnet.ts", import.meta.url));
  const js = fileURLToPath(new URL("../gridnet.js", import.meta.url));
  // From sources (tsx, vitest) run the .ts through tsx's loader; from dist the compiled .js.
  return import.meta.url.endsWith(".ts") ? { command: process.execPath, args: ["--import", "tsx", ts] } : { command: process.execPath, args: [js] };
}

function supervisorAlive(pid: number, home: string): Promise<boolean> {
  return isLiveProcess(pid, (args) => args.includes("supervise") && args.includes(home));
}

export async function runningSupervisor(home: string): Promise<number | undefined> {
  const pid = await readPidFile(join(home, SUPERVISOR_PID_FILE));
  return pid !== undefined && (await supervisorAlive(pid, home)) ? pid : undefined;
}

/** startSupervisor starts the network's supervisor detached; a running one is kept. */
export async function startSupervisor(home: string, log: Log): Promise<number> {
  const running = await runningSupervisor(home);
  if (running !== undefined) return running;
  const entry = cliEntry();
  const out = await open(join(home, SUPERVISOR_LOG_FILE), "a");
  try {
    const child = spawn(entry.command, [...entry.args, "supervise", "--home", home], { cwd: REPO_ROOT, detached: true, stdio: ["ignore", out.fd, out.fd] });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once("error", (err) => reject(new Error(`could not start the supervisor: ${err.message}`)));
      child.once("spawn", () => resolve(child.pid as number));
    });
    child.unref();
    await writeFile(join(home, SUPERVISOR_PID_FILE), `${pid}\n`);
    log(`supervisor started (pid ${pid}): it restarts Hermes if Hermes dies`);
    return pid;
  } finally {
    await out.close();
  }
}

export async function stopSupervisor(home: string, log: Log): Promise<void> {
  const pid = await runningSupervisor(home);
  await rm(join(home, SUPERVISOR_PID_FILE), { force: true });
  if (pid === undefined) return;
  log(`stopping the supervisor (pid ${pid})`);
  await terminate(pid, () => supervisorAlive(pid, home), 5_000);
}

/** supervise runs until the state file disappears or a signal stops it. */
export async function supervise(home: string, log: Log): Promise<void> {
  let stopping = false;
  process.on("SIGTERM", () => (stopping = true));
  process.on("SIGINT", () => (stopping = true));
  log(`supervising ${home}`);
  const pending = new Map<string, Set<string>>();
  let nextStuckCheck = Date.now() + STUCK_CHECK_EVERY_MS;
  let nextInvariantPass = Date.now();
  let invariantPass: Promise<void> | undefined;
  const stopPass = new AbortController();
  while (!stopping) {
    const state = await readState(home).catch(() => undefined);
    if (!state) {
      log(`${statePath(home)} is gone: the network was reset; exiting`);
      stopPass.abort(new Error("the supervisor is stopping"));
      return;
    }
    if (invariantPass === undefined && Date.now() >= nextInvariantPass) {
      invariantPass = checkNetworkInvariants(state, log, { signal: stopPass.signal })
        .catch((err: unknown) => {
          log(`invariant check stopped: ${(err as Error).message}`);
          return false;
        })
        .then((answered) => {
          invariantPass = undefined;
          nextInvariantPass = Date.now() + (answered ? INVARIANTS_EVERY_MS : INVARIANTS_RETRY_MS);
        });
    }
    if (!(await isHermesPaused(state)) && (await runningHermes(state.hermes)) === undefined) {
      log("Hermes is not running: restarting it");
      try {
        const pid = await startHermes({ binary: state.hermes.binary, plan: state.hermes }, log);
        log(`Hermes restarted (pid ${pid})`);
      } catch (err) {
        log(`could not restart Hermes: ${(err as Error).message}`);
      }
    } else if (Date.now() >= nextStuckCheck) {
      nextStuckCheck = Date.now() + STUCK_CHECK_EVERY_MS;
      if (await isHermesPaused(state)) pending.clear();
      else await clearStuckPackets(state, pending, log);
    }
    await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
  }
  stopPass.abort(new Error("the supervisor is stopping"));
  log("supervisor stopped");
}

/**
 * clearStuckPackets runs `hermes clear packets` on every channel end whose packet commitments
 * include a sequence that was already pending at the previous check. `seen` carries the
 * sequences from one check to the next.
 */
export async function clearStuckPackets(state: NetworkState, seen: Map<string, Set<string>>, log: Log): Promise<void> {
  for (const link of state.links) {
    for (const channel of link.channels) {
      for (const [name, end] of [[link.parent, channel.parent], [link.child, channel.child]] as const) {
        const chain = state.chains.find((c) => c.name === name);
        if (!chain) continue;
        const key = `${end.chainId}/${end.portId}/${end.channelId}`;
        let sequences: string[];
        try {
          sequences = await packetCommitments(chain.endpoints.rest, end.portId, end.channelId);
        } catch {
          continue; // the node is down: nothing to clear until it is back
        }
        const stuck = sequences.filter((s) => seen.get(key)?.has(s));
        seen.set(key, new Set(sequences));
        if (stuck.length === 0) continue;
        log(`packets ${stuck.join(", ")} on ${name} ${end.portId}/${end.channelId} are still pending: hermes clear packets`);
        try {
          await hermesJson({ binary: state.hermes.binary, plan: state.hermes }, ["clear", "packets", "--chain", end.chainId, "--port", end.portId, "--channel", end.channelId], 120_000);
          log(`cleared ${name} ${end.portId}/${end.channelId}`);
        } catch (err) {
          log(`clearing ${name} ${end.portId}/${end.channelId} failed: ${(err as Error).message}`);
        }
      }
    }
  }
}
