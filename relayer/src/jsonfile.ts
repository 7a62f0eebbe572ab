/**
 * The JSON files gridnet writes for other tools (gridnet.json per chain home,
 * gridnet-state.json per network): versioned, and replaced atomically.
 */
import { readFile, rename, writeFile } from "node:fs/promises";

/**
 * readVersionedJson returns the file's content, or undefined when it does not exist; a file of
 * another version fails with `fix`, the step that re-creates it.
 */
export async function readVersionedJson<T extends { version: number }>(path: string, fix: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const parsed = JSON.parse(text) as T;
  if (parsed.version !== 1) throw new Error(`${path} has version ${String(parsed.version)}, expected 1: ${fix}`);
  return parsed;
}

const queues = new Map<string, Promise<void>>();

/**
 * writeJsonAtomic replaces the file (write a temporary file, then rename). Writes to one file are
 * queued, since callers running in parallel (links opened at once) write at the same moment: the
 * value passed last lands last, and no write renames away another's temporary file.
 */
export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const text = `${JSON.stringify(value, null, 2)}\n`; // the value as it is now, not when the turn comes
  const write = async () => {
    await writeFile(`${path}.tmp`, text);
    await rename(`${path}.tmp`, path);
  };
  const next = (queues.get(path) ?? Promise.resolve()).then(write, write);
  queues.set(path, next);
  return next;
}
