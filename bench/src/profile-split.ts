/**
 * Where gridd's CPU goes in a profiled round (`npm run bench -- --profile S`): each part's share
 * of the profile (cumulative time of the function that stands for it, from
 * `go tool pprof -top -cum`), times the round's gridd ms per transaction, gives ms per
 * transaction for each part. Parts overlap by design (FinalizeBlock holds the handler, the IAVL
 * write-back and the ante work done in blocks), so they do not add up to the whole.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

/** A part of gridd's work and the function whose cumulative time measures it. */
export interface CpuPart {
  label: string;
  fn: RegExp;
}

export const CPU_PARTS: readonly CpuPart[] = [
  { label: "CheckTx (ante only)", fn: /baseapp\.\(\*BaseApp\)\.CheckTx$/ },
  { label: "ante, CheckTx and blocks", fn: /app\.NewAnteHandler\.ChainAnteDecorators\.func\d+$/ },
  { label: "FinalizeBlock", fn: /baseapp\.\(\*BaseApp\)\.FinalizeBlock$/ },
  { label: "  message handlers", fn: /baseapp\.\(\*BaseApp\)\.runMsgs$/ },
  { label: "  IAVL write-back", fn: /baseapp\.\(\*BaseApp\)\.workingHash$/ },
  { label: "Commit", fn: /baseapp\.\(\*BaseApp\)\.Commit$/ },
  { label: "Go GC mark", fn: /^runtime\.gcBgMarkWorker$/ },
  { label: "CometBFT tx indexer", fn: /txindex\/kv\.\(\*TxIndex\)\.AddBatch$/ },
  { label: "state-sync snapshot", fn: /iavl\.\(\*Exporter\)\.export$/ },
];

/** ProfileSplit is one profile's parts as shares of its samples. */
export interface ProfileSplit {
  /** The round's label, e.g. "buySideAtFill #1 1/2". */
  label: string;
  file: string;
  totalSeconds: number;
  /** Share of the profile's samples per part label, 0..1 (0 when the function is not in it). */
  shares: Record<string, number>;
}

/**
 * splitProfile reads `go tool pprof -top -cum` output: the "Total samples = Xs" header and one
 * line per function, "flat flat% sum% cum cum% name", with times in s or ms.
 */
export function splitProfile(topCum: string, parts: readonly CpuPart[] = CPU_PARTS): { totalSeconds: number; shares: Record<string, number> } {
  const total = /Total samples = ([\d.]+)(m?s)/.exec(topCum);
  if (!total) throw new Error("not pprof -top output: no \"Total samples\" line");
  const seconds = (v: string, unit: string) => Number(v) / (unit === "ms" ? 1000 : 1);
  const totalSeconds = seconds(total[1] as string, total[2] as string);
  const cum = new Map<string, number>();
  for (const line of topCum.split("\n")) {
    const m = /^\s*[\d.]+(?:m?s)?\s+[\d.]+%\s+[\d.]+%\s+([\d.]+)(m?s)\s+[\d.]+%\s+(.+)$/.exec(line);
    if (m && !cum.has((m[3] as string).trim())) cum.set((m[3] as string).trim(), seconds(m[1] as string, m[2] as string));
  }
  const shares: Record<string, number> = {};
  for (const part of parts) {
    let best = 0;
    for (const [name, s] of cum) if (part.fn.test(name) && s > best) best = s;
    shares[part.label] = totalSeconds > 0 ? best / totalSeconds : 0;
  }
  return { totalSeconds, shares };
}

/** readProfileSplit runs `go tool pprof` on a saved profile of `binary`. */
export async function readProfileSplit(binary: string, file: string, label: string): Promise<ProfileSplit> {
  const { stdout } = await promisify(execFile)("go", ["tool", "pprof", "-top", "-cum", "-nodecount=5000", binary, file], { maxBuffer: 64 * 1024 * 1024 });
  return { label, file, ...splitProfile(stdout) };
}
