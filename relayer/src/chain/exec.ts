import { spawn } from "node:child_process";
import { access, constants } from "node:fs/promises";

/** RunResult is what a finished command printed. */
export interface RunResult {
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the command's stdin, which is then closed. */
  input?: string;
  /** Kill the command after this long. Default 120 s. */
  timeoutMs?: number;
}

/** assertBinary fails with a next step when the gridd binary is missing or not executable. */
export async function assertBinary(binary: string): Promise<void> {
  try {
    await access(binary, constants.X_OK);
  } catch {
    throw new Error(`gridd binary not found or not executable at ${binary}: build it with \`bash scripts/build-chain.sh\` (or pass its path)`);
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/**
 * run executes `binary args`, resolving with its output; a non-zero exit rejects with the
 * command line and the end of its stderr, so the failure can be understood from the message.
 */
export function run(binary: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const commandLine = [binary, ...args].join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`\`${commandLine}\` did not finish within ${timeoutMs / 1000} s and was killed`));
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`could not run \`${commandLine}\`: ${err.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve({ stdout, stderr });
      const status = signal ? `signal ${signal}` : `exit code ${code}`;
      const output = tail(stderr || stdout, 15);
      reject(new Error(`\`${commandLine}\` failed (${status}):\n${output}`));
    });
    child.stdin.on("error", () => {}); // the command may exit before reading its input
    child.stdin.end(options.input ?? "");
  });
}

/** jsonObjects returns the JSON objects printed one per line in `text` (cosmos CLIs mix them with prose). */
export function jsonObjects(text: string): unknown[] {
  const found: unknown[] = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t.startsWith("{")) continue;
    try {
      found.push(JSON.parse(t));
    } catch {
      // not JSON after all
    }
  }
  return found;
}
