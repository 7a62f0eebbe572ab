/**
 * Cosmovisor: the Cosmos SDK's process manager, which runs gridd and, when gridd halts at the
 * height of a governance software upgrade, starts the release staged for it. gridnet runs a
 * node under it when asked (`gridnet up --cosmovisor`). Each node home is its DAEMON_HOME:
 *
 *   <node home>/cosmovisor/genesis/bin/gridd          the binary the chain started with
 *   <node home>/cosmovisor/upgrades/<name>/bin/gridd  the release of the upgrade named <name>
 *   <node home>/cosmovisor/current                    Cosmovisor's link to the one it runs
 *
 * gridnet links the binaries rather than copying them (nodes on one machine share one build);
 * an operator's host holds copies (docs/operations/upgrades.md). Cosmovisor is built from the Go
 * module proxy at a pinned version by scripts/cosmovisor.sh into the tool cache, once.
 */
import { chmod, lstat, mkdir, readlink, rm, symlink } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { cacheDir } from "../hermes/install.js";
import { stderrLog, type Log } from "../log.js";
import { REPO_ROOT } from "../paths.js";
import { exists } from "../proc.js";
import { run } from "./exec.js";

/** COSMOVISOR_VERSION is the pinned release scripts/cosmovisor.sh builds (keep the two equal). */
export const COSMOVISOR_VERSION = "v1.5.0";
/** DAEMON_NAME: the binary's name under every bin/ folder. */
export const DAEMON_NAME = "gridd";

/** cosmovisorBinary is $GRIDLEDGER_COSMOVISOR, else the cached <cache>/cosmovisor-<version>/bin/cosmovisor. */
export function cosmovisorBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.GRIDLEDGER_COSMOVISOR ?? join(cacheDir(env), `cosmovisor-${COSMOVISOR_VERSION}`, "bin", "cosmovisor");
}

/** ensureCosmovisor returns the cached Cosmovisor, building it first (a few minutes, once) when it is missing. */
export async function ensureCosmovisor(options: { log?: Log } = {}): Promise<string> {
  const binary = cosmovisorBinary();
  if (await exists(binary)) return binary;
  if (process.env.GRIDLEDGER_COSMOVISOR !== undefined) throw new Error(`GRIDLEDGER_COSMOVISOR names ${binary}, which does not exist`);
  (options.log ?? stderrLog)(`building Cosmovisor ${COSMOVISOR_VERSION} from the Go module proxy into ${dirname(binary)} (once)`);
  const { stdout } = await run("bash", [join(REPO_ROOT, "scripts", "cosmovisor.sh")]);
  const built = stdout.trim().split("\n").at(-1) ?? "";
  if (built !== binary || !(await exists(binary))) throw new Error(`scripts/cosmovisor.sh printed ${built}, expected ${binary}`);
  return binary;
}

/** cosmovisorDir is a node's Cosmovisor folder. */
export const cosmovisorDir = (nodeHome: string): string => join(nodeHome, "cosmovisor");

/** upgradeBinaryPath is where the release of upgrade `name` lives in a node home. */
export const upgradeBinaryPath = (nodeHome: string, name: string): string => join(cosmovisorDir(nodeHome), "upgrades", name, "bin", DAEMON_NAME);

/**
 * cosmovisorEnv is the environment Cosmovisor runs a node with: restart after the switch, never
 * download a binary (the release must be staged), and no data backup (a test network's data is
 * disposable; an operator keeps the backup, see the guide).
 */
export function cosmovisorEnv(nodeHome: string): Record<string, string> {
  return {
    DAEMON_HOME: nodeHome,
    DAEMON_NAME,
    DAEMON_ALLOW_DOWNLOAD_BINARIES: "false",
    DAEMON_RESTART_AFTER_UPGRADE: "true",
    DAEMON_POLL_INTERVAL: "300ms",
    UNSAFE_SKIP_BACKUP: "true",
  };
}

/** linkBinary points `at` at `binary` (absolute), replacing a link or file there. */
async function linkBinary(at: string, binary: string): Promise<void> {
  const target = isAbsolute(binary) ? binary : resolve(binary);
  if (!(await exists(target))) throw new Error(`no gridd at ${target}`);
  await mkdir(dirname(at), { recursive: true });
  try {
    if ((await lstat(at)).isSymbolicLink() && (await readlink(at)) === target) return;
    await rm(at, { force: true });
  } catch {
    // nothing there yet
  }
  await symlink(target, at);
  await chmod(target, 0o755);
}

/** prepareCosmovisorHome lays out the node's Cosmovisor folder with `binary` as the genesis release. */
export async function prepareCosmovisorHome(nodeHome: string, binary: string): Promise<void> {
  await linkBinary(join(cosmovisorDir(nodeHome), "genesis", "bin", DAEMON_NAME), binary);
}

/**
 * stageUpgrade puts `binary` in the node's Cosmovisor folder as the release of upgrade `name`:
 * at the upgrade's height Cosmovisor switches to it. Stage it before the height on every node.
 */
export async function stageUpgrade(nodeHome: string, name: string, binary: string): Promise<void> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`upgrade name "${name}" is not a folder name`);
  await linkBinary(upgradeBinaryPath(nodeHome, name), binary);
}

/**
 * currentRelease names the release Cosmovisor runs in a node home: "genesis", the name of the
 * last upgrade it switched to, or undefined when Cosmovisor has not started there.
 */
export async function currentRelease(nodeHome: string): Promise<string | undefined> {
  try {
    const target = await readlink(join(cosmovisorDir(nodeHome), "current"));
    const parts = target.split("/").filter((p) => p !== "");
    if (parts.at(-1) === "genesis") return "genesis";
    return parts.at(-2) === "upgrades" ? parts.at(-1) : target;
  } catch {
    return undefined;
  }
}
