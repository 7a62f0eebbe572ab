import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { isLiveProcess, liveGroupMembers, terminateGroup } from "./proc.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const started: number[] = [];

/** startGroup starts a detached shell (its own process group) that starts a child and waits, as Cosmovisor runs gridd. */
async function startGroup(marker: string): Promise<number> {
  const child = spawn("bash", ["-c", `sleep 300 ${marker} & wait`, "bash"], { detached: true, stdio: "ignore" });
  const pid = await new Promise<number>((resolve) => child.once("spawn", () => resolve(child.pid as number)));
  child.unref();
  started.push(pid);
  return pid;
}

const isSleep = (marker: string) => (args: string[]) => args[0] === "sleep" && args.includes(marker);

afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone
    }
  }
});

describe("process groups", () => {
  it("finds the child a killed leader left behind, and terminateGroup stops it", async () => {
    const marker = `${process.pid}${Date.now() % 100000}`;
    const leader = await startGroup(marker);
    let members: number[] = [];
    for (let i = 0; i < 50 && members.length === 0; i++) {
      await sleep(100);
      members = await liveGroupMembers(leader, isSleep(marker));
    }
    expect(members).toHaveLength(1);
    process.kill(leader, "SIGKILL");
    for (let i = 0; i < 50 && (await isLiveProcess(leader, () => true)); i++) await sleep(100);
    expect(await isLiveProcess(leader, () => true)).toBe(false);
    // The orphan lives on in the leader's group: stopping the leader alone would leave it.
    expect(await liveGroupMembers(leader, isSleep(marker))).toEqual(members);
    await terminateGroup(leader, async () => (await liveGroupMembers(leader, isSleep(marker))).length > 0, 5_000);
    expect(await liveGroupMembers(leader, isSleep(marker))).toEqual([]);
  });

  it("lists nobody for a group that does not exist", async () => {
    expect(await liveGroupMembers(2_000_000_000, () => true)).toEqual([]);
  });
});
