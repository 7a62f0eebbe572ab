/**
 * Finding or building Hermes. We never download a binary: a pinned release is built from
 * crates.io with `cargo install --locked` into a cache outside the clone, so every later run and
 * every clone reuses it. The build directory is kept too, so an interrupted build resumes.
 */
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { stderrLog, type Log } from "../log.js";
import { run } from "../chain/exec.js";
import { exists } from "../proc.js";

/**
 * HERMES_VERSION: the newest release that builds offline from crates.io and relays ibc-go v10 on
 * Cosmos SDK 0.53 (ADR 004). 1.12 and later pull Penumbra, whose build script downloads proving
 * keys from GitHub's Git LFS at build time, and 1.11 adds Namada (protoc, and RocksDB since 1.12).
 */
export const HERMES_VERSION = "1.10.5";
const CRATE = "ibc-relayer-cli";

/** cacheDir is where gridledger caches tools: $GRIDLEDGER_CACHE or ~/.cache/gridledger. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GRIDLEDGER_CACHE ?? join(homedir(), ".cache", "gridledger");
}

/** hermesBinary is the cached Hermes: $GRIDLEDGER_HERMES, else <cache>/hermes-<version>/bin/hermes. */
export function hermesBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.GRIDLEDGER_HERMES ?? join(cacheDir(env), `hermes-${HERMES_VERSION}`, "bin", "hermes");
}

/** installedHermesVersion returns the version `hermes version` prints, or undefined when it does not run. */
export async function installedHermesVersion(binary: string): Promise<string | undefined> {
  if (!(await exists(binary))) return undefined;
  try {
    const { stdout } = await run(binary, ["version"]);
    return /(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/** Prerequisite is something the Hermes build needs, and how a user gets it. */
export interface Prerequisite {
  what: string;
  hint: string;
}

async function onPath(cmd: string): Promise<boolean> {
  try {
    await run("sh", ["-c", `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * missingBuildPrerequisites lists what the Hermes build needs and this machine lacks: cargo and a C
 * toolchain (ring and other crates compile C). The pinned release needs neither protoc nor libclang.
 */
export async function missingBuildPrerequisites(): Promise<Prerequisite[]> {
  const missing: Prerequisite[] = [];
  if (!(await onPath("cargo"))) missing.push({ what: "cargo (Rust)", hint: "install it with rustup (https://rustup.rs), then open a new shell" });
  if (!(await onPath("cc"))) missing.push({ what: "a C toolchain", hint: "e.g. `sudo apt-get install build-essential`" });
  return missing;
}

/**
 * ensureHermes returns the path of a Hermes of the pinned version, building it first when it is
 * absent. The build takes 10-20 minutes on 2 cores; progress is printed every 20 s.
 */
export async function ensureHermes(options: { log?: Log; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const log = options.log ?? stderrLog;
  const env = options.env ?? process.env;
  const binary = hermesBinary(env);
  const version = await installedHermesVersion(binary);
  if (version === HERMES_VERSION) return binary;
  if (env.GRIDLEDGER_HERMES !== undefined) {
    throw new Error(`GRIDLEDGER_HERMES=${binary} ${version ? `is Hermes ${version}` : "does not run"}; gridledger needs Hermes ${HERMES_VERSION}: unset GRIDLEDGER_HERMES to let gridnet build it`);
  }
  const missing = await missingBuildPrerequisites();
  if (missing.length > 0) {
    throw new Error(`Hermes ${HERMES_VERSION} must be built from crates.io, and this machine lacks:\n${missing.map((m) => `  - ${m.what}: ${m.hint}`).join("\n")}\nInstall them and run the command again.`);
  }
  const root = join(cacheDir(env), `hermes-${HERMES_VERSION}`);
  const targetDir = join(cacheDir(env), "hermes-build");
  log(`building Hermes ${HERMES_VERSION} from crates.io into ${root} (once; 10-20 minutes on 2 cores, resumable)`);
  await cargoInstall(["install", CRATE, "--version", HERMES_VERSION, "--locked", "--bin", "hermes", "--root", root, "--target-dir", targetDir], env, log);
  const built = await installedHermesVersion(binary);
  if (built !== HERMES_VERSION) throw new Error(`cargo install finished but ${binary} ${built ? `is ${built}` : "does not run"}: remove ${root} and try again`);
  log(`Hermes ${HERMES_VERSION} ready: ${binary}`);
  return binary;
}

/** cargoInstall runs cargo, reporting "compiled N of ~M crates" from its output every 20 s. */
async function cargoInstall(args: string[], env: NodeJS.ProcessEnv, log: Log): Promise<void> {
  const total = await expectedCrateCount(env);
  let compiled = 0;
  let last = "";
  const tail: string[] = [];
  const started = Date.now();
  const child = spawn("cargo", args, { env: { ...env, CARGO_TERM_COLOR: "never" }, stdio: ["ignore", "pipe", "pipe"] });
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
    const m = /^\s*Compiling (\S+)/.exec(line);
    if (m) {
      compiled++;
      last = m[1] as string;
    }
  };
  let buffer = "";
  const feed = (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    lines.forEach(onLine);
  };
  child.stdout.on("data", feed);
  child.stderr.on("data", feed);
  const timer = setInterval(() => {
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    log(`building Hermes: compiled ${compiled}${total ? ` of at most ${total}` : ""} crates${last ? ` (now ${last})` : ""}, ${minutes} min`);
  }, 20_000);
  try {
    const code = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`cargo install of Hermes ${HERMES_VERSION} failed (exit ${code}); its last lines:\n${tail.join("\n")}\nFix the cause and run again: the build resumes where it stopped.`);
  } finally {
    clearInterval(timer);
  }
}

/** expectedCrateCount reads the crate's Cargo.lock from cargo's registry, when already downloaded. */
async function expectedCrateCount(env: NodeJS.ProcessEnv): Promise<number | undefined> {
  const registry = join(env.CARGO_HOME ?? join(homedir(), ".cargo"), "registry", "src");
  try {
    for (const index of await readdir(registry)) {
      const lock = join(registry, index, `${CRATE}-${HERMES_VERSION}`, "Cargo.lock");
      if (await exists(lock)) return (await readFile(lock, "utf8")).split("[[package]]").length - 1;
    }
  } catch {
    // no registry yet: the first build downloads it
  }
  return undefined;
}
