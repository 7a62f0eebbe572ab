/**
 * The UI's production build (ui/dist), made only when its sources changed: a fingerprint of the
 * sources that go into it (the app, @gridledger/client's sources, the lock file) is kept in
 * ui/dist, so a second `npm start` or `gridnet ui` skips the build.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Log } from "../log.js";
import { REPO_ROOT } from "../paths.js";

export const UI_DIR = join(REPO_ROOT, "ui");
export const UI_DIST = join(UI_DIR, "dist");
const STAMP = ".source-fingerprint";

/** The files and folders whose content the build depends on, relative to the repository. */
const INPUTS = ["ui/index.html", "ui/vite.config.ts", "ui/package.json", "ui/public", "ui/src", "ts-client/src", "package-lock.json"];

async function files(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOTDIR") return undefined;
    if (err.code === "ENOENT") return [];
    throw err;
  });
  if (entries === undefined) return [path];
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? files(join(path, e.name)) : Promise.resolve([join(path, e.name)]))));
  return nested.flat();
}

/** uiSourceFingerprint hashes the build's inputs (tests are left out: they are not built). */
export async function uiSourceFingerprint(root = REPO_ROOT): Promise<string> {
  const all = (await Promise.all(INPUTS.map((p) => files(join(root, p))))).flat().filter((f) => !/\.spec\.tsx?$/.test(f)).sort();
  const hash = createHash("sha256");
  for (const f of all) {
    hash.update(relative(root, f)).update("\0").update(await readFile(f)).update("\0");
  }
  return hash.digest("hex");
}

/** ensureUiBuild builds ui/dist when its sources changed since the last build; it says which it did. */
export async function ensureUiBuild(log: Log): Promise<"built" | "up to date"> {
  const fingerprint = await uiSourceFingerprint();
  const previous = await readFile(join(UI_DIST, STAMP), "utf8").catch(() => "");
  if (previous === fingerprint) return "up to date";
  log("building the web UI (vite build; only when its sources changed)");
  const started = Date.now();
  await run(join(REPO_ROOT, "node_modules", ".bin", "vite"), ["build", "--logLevel", "warn"], UI_DIR);
  await writeFile(join(UI_DIST, STAMP), fingerprint);
  log(`web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return "built";
}

function run(command: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // A production build whatever the caller's NODE_ENV (vitest sets "test", which would make
    // Vite bundle React's development build).
    const child = spawn(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
    child.once("error", (err) => reject(new Error(`could not run ${command}: ${err.message} (run \`npm install\` first)`)));
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed with exit code ${String(code)}: see the errors above`))));
  });
}
