/**
 * Detached processes we start and later find again by pid: gridd nodes, Hermes, the supervisor.
 */
import { access, readdir, readFile } from "node:fs/promises";

/** exists tells whether `path` exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * isLiveProcess tells whether `pid` is alive, not a zombie, and (on Linux, where /proc tells) runs
 * a command line `matches` accepts, so a pid reused by another program is not mistaken for ours.
 */
export async function isLiveProcess(pid: number, matches: (args: string[]) => boolean): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "Z" || state === "X") return false;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
    // An empty cmdline is read while the process is in the middle of exec: count it as alive.
    if (cmdline === "") return true;
    return matches(cmdline.split("\0"));
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ENOENT" || !(await exists("/proc/self"));
  }
}

/** readPidFile returns the pid in `file`, or undefined when absent or garbled. */
export async function readPidFile(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(file, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * terminate sends SIGTERM, waits up to `timeoutMs` for the process to go, then SIGKILL.
 * `alive` re-checks the process (so a reused pid is never signalled twice).
 */
export async function terminate(pid: number, alive: () => Promise<boolean>, timeoutMs = 10_000, onKill?: () => void): Promise<void> {
  return stopWithSignals(pid, alive, timeoutMs, onKill);
}

/**
 * liveGroupMembers lists the live (non-zombie) processes of process group `pgid` whose command
 * line `matches` accepts. Every process we start detached leads its own group, and what it
 * starts stays in it: Cosmovisor's gridd outlives a Cosmovisor that was killed, in that group.
 */
export async function liveGroupMembers(pgid: number, matches: (args: string[]) => boolean): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir("/proc");
  } catch {
    return [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      // After the command's ")": state, ppid, pgrp, ...
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) !== pgid || state === "Z" || state === "X") continue;
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, "utf8")).split("\0");
      if (matches(cmdline)) members.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

/**
 * terminateGroup stops process group `pgid` as terminate stops one process: SIGTERM to the group,
 * SIGKILL to it after `timeoutMs`; it waits until `alive` says no process of ours is left in it.
 */
export async function terminateGroup(pgid: number, alive: () => Promise<boolean>, timeoutMs = 10_000, onKill?: () => void): Promise<void> {
  return stopWithSignals(-pgid, alive, timeoutMs, onKill);
}

/** stopWithSignals signals `target` (a pid, or minus a group id) SIGTERM, then SIGKILL after `timeoutMs`, until `alive` says it is gone. */
async function stopWithSignals(target: number, alive: () => Promise<boolean>, timeoutMs: number, onKill?: () => void): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(target, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && (await alive())) await sleep(100);
  if (await alive()) {
    onKill?.();
    signal("SIGKILL");
    const killDeadline = Date.now() + 5_000;
    while (Date.now() < killDeadline && (await alive())) await sleep(100);
  }
}
