import { mkdtemp, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../paths.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cosmovisorBinary, cosmovisorDir, cosmovisorEnv, COSMOVISOR_VERSION, currentRelease, prepareCosmovisorHome, stageUpgrade, upgradeBinaryPath } from "./cosmovisor.js";

describe("Cosmovisor layout", () => {
  let dir: string;
  let home: string;
  let oldBinary: string;
  let newBinary: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cosmovisor-spec-"));
    home = join(dir, "val-0");
    oldBinary = join(dir, "gridd-old");
    newBinary = join(dir, "gridd-new");
    await writeFile(oldBinary, "#!/bin/sh\n");
    await writeFile(newBinary, "#!/bin/sh\n");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("links the genesis release and a staged upgrade under DAEMON_HOME/cosmovisor, replacing a stale link", async () => {
    await prepareCosmovisorHome(home, oldBinary);
    expect(await readlink(join(cosmovisorDir(home), "genesis", "bin", "gridd"))).toBe(oldBinary);
    await prepareCosmovisorHome(home, newBinary);
    expect(await readlink(join(cosmovisorDir(home), "genesis", "bin", "gridd"))).toBe(newBinary);
    await stageUpgrade(home, "v0.2.0", newBinary);
    expect(upgradeBinaryPath(home, "v0.2.0")).toBe(join(home, "cosmovisor", "upgrades", "v0.2.0", "bin", "gridd"));
    expect(await readlink(upgradeBinaryPath(home, "v0.2.0"))).toBe(newBinary);
  });

  it("refuses a missing binary and an upgrade name that is not a folder name", async () => {
    await expect(stageUpgrade(home, "v0.2.0", join(dir, "nothing"))).rejects.toThrow(/no gridd at/);
    await expect(stageUpgrade(home, "../x", newBinary)).rejects.toThrow(/not a folder name/);
  });

  it("names the release Cosmovisor's current link points at", async () => {
    expect(await currentRelease(home)).toBeUndefined();
    await prepareCosmovisorHome(home, oldBinary);
    await symlink(join(cosmovisorDir(home), "genesis"), join(cosmovisorDir(home), "current"));
    expect(await currentRelease(home)).toBe("genesis");
    await rm(join(cosmovisorDir(home), "current"));
    await symlink(join(cosmovisorDir(home), "upgrades", "v0.2.0"), join(cosmovisorDir(home), "current"));
    expect(await currentRelease(home)).toBe("v0.2.0");
  });

  it("runs gridd from the node home, restarting after an upgrade, never downloading", () => {
    expect(cosmovisorEnv("/n/val-0")).toMatchObject({ DAEMON_HOME: "/n/val-0", DAEMON_NAME: "gridd", DAEMON_RESTART_AFTER_UPGRADE: "true", DAEMON_ALLOW_DOWNLOAD_BINARIES: "false" });
    expect(cosmovisorBinary({ GRIDLEDGER_CACHE: "/c" })).toBe(`/c/cosmovisor-${COSMOVISOR_VERSION}/bin/cosmovisor`);
    expect(cosmovisorBinary({ GRIDLEDGER_COSMOVISOR: "/x/cv" })).toBe("/x/cv");
  });

  it("pins the version scripts/cosmovisor.sh builds", async () => {
    const script = await readFile(join(REPO_ROOT, "scripts", "cosmovisor.sh"), "utf8");
    expect(/^COSMOVISOR_VERSION=(\S+)$/m.exec(script)?.[1]).toBe(COSMOVISOR_VERSION);
  });
});
