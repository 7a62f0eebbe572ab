/**
 * waitForChains: `gridnet up` looks at links only once every chain answers on every endpoint the
 * link step and Hermes read. Right after a start, CometBFT's RPC answers (with the height stored
 * before the stop) seconds before consensus resumes and before the REST and gRPC servers listen;
 * a node still catching up answers queries from an old state, where a channel made later does
 * not exist yet. So a chain is ready when its RPC reports a block committed after the wait began
 * and not catching up, its REST API answers an IBC query, and its gRPC server answers a call.
 */
import { logTail, isRunning } from "../chain/node.js";
import type { Log } from "../log.js";
import { grpcProbe } from "./grpc-probe.js";
import { restLookup } from "./lookup.js";

/** ReadyTarget is one chain to wait for: its public endpoints and its nodes. */
export interface ReadyTarget {
  name: string;
  rpc: string;
  rest: string;
  /** host:port */
  grpc: string;
  /** Node homes with their logs, to fail fast (with the log's end) when a node exits. */
  nodes: ReadonlyArray<{ home: string; logFile: string }>;
}

/** ChainProbe is one round of answers from a chain's endpoints; a string says why one failed. */
export interface ChainProbe {
  rpc: { height: number; catchingUp: boolean } | string;
  rest: string | undefined;
  grpc: string | undefined;
}

export interface Readiness {
  ready: boolean;
  /** What the chain is at, or what it still waits for. */
  detail: string;
}

/**
 * readiness decides from one probe whether a chain is ready. `firstHeight` is the first height
 * its RPC reported in this wait: only a later block proves consensus runs now.
 */
export function readiness(probe: ChainProbe, firstHeight: number | undefined): Readiness {
  if (typeof probe.rpc === "string") return { ready: false, detail: `RPC not answering (${probe.rpc})` };
  const { height, catchingUp } = probe.rpc;
  const needed = Math.max(2, (firstHeight ?? height) + 1);
  if (catchingUp) return { ready: false, detail: `catching up, at height ${height}` };
  if (height < needed) return { ready: false, detail: `RPC at height ${height}, waiting for block ${needed}` };
  if (probe.rest !== undefined) return { ready: false, detail: `at height ${height}, REST not answering (${probe.rest})` };
  if (probe.grpc !== undefined) return { ready: false, detail: `at height ${height}, gRPC not answering (${probe.grpc})` };
  return { ready: true, detail: `ready at height ${height}` };
}

async function rpcStatus(rpc: string): Promise<ChainProbe["rpc"]> {
  try {
    const res = await fetch(`${rpc}/status`, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) return `HTTP ${res.status}`;
    const sync = ((await res.json()) as { result?: { sync_info?: { latest_block_height?: string; catching_up?: boolean } } }).result?.sync_info;
    const height = Number(sync?.latest_block_height);
    return Number.isFinite(height) ? { height, catchingUp: sync?.catching_up === true } : "no height in /status";
  } catch (err) {
    return (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
  }
}

/** probeChain asks each endpoint once. */
export async function probeChain(target: Pick<ReadyTarget, "rpc" | "rest" | "grpc">): Promise<ChainProbe> {
  const [rpc, rest, grpc] = await Promise.all([
    rpcStatus(target.rpc),
    restLookup(`${target.rest}/ibc/core/channel/v1/channels?pagination.limit=1`, /$^/, (json) => {
      if (!Array.isArray((json as { channels?: unknown }).channels)) throw new Error("no channels list");
      return true;
    }),
    grpcProbe(target.grpc),
  ]);
  return { rpc, rest: rest.kind === "found" ? undefined : rest.reason, grpc };
}

export interface WaitForChainsOptions {
  /** Default 180 s. */
  timeoutMs?: number;
  intervalMs?: number;
  log: Log;
  /** For tests: how a chain is probed. */
  probe?: (target: ReadyTarget) => Promise<ChainProbe>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** waitForChains returns once every chain is ready, printing progress; it fails with what to do. */
export async function waitForChains(targets: readonly ReadyTarget[], options: WaitForChainsOptions): Promise<void> {
  const { log } = options;
  const timeoutMs = options.timeoutMs ?? 180_000;
  const probe = options.probe ?? probeChain;
  const started = Date.now();
  let lastReport = started;
  const firstHeight = new Map<string, number>();
  const ready = new Set<string>();
  const detail = new Map<string, string>();
  log(`waiting until ${targets.length} chains answer on RPC (a new block), REST and gRPC`);
  for (;;) {
    await Promise.all(
      targets
        .filter((t) => !ready.has(t.name))
        .map(async (t) => {
          const p = await probe(t);
          if (typeof p.rpc !== "string" && !firstHeight.has(t.name)) firstHeight.set(t.name, p.rpc.height);
          const r = readiness(p, firstHeight.get(t.name));
          detail.set(t.name, r.detail);
          if (r.ready) {
            ready.add(t.name);
            log(`${t.name}: ${r.detail} (${Math.round((Date.now() - started) / 1000)} s)`);
          }
        }),
    );
    if (ready.size === targets.length) return;
    for (const t of targets.filter((x) => !ready.has(x.name))) {
      for (const node of t.nodes) {
        if (!(await isRunning(node.home))) {
          const tail = await logTail(node.logFile, 20);
          throw new Error(
            `${t.name}: the node in ${node.home} exited while gridnet waited for the chain to answer. ` +
              `Read its log (${node.logFile}${tail ? `, last lines below` : ""}), fix the cause, then run \`gridnet up\` again.${tail ? `\n${tail}` : ""}`,
          );
        }
      }
    }
    const waiting = targets.filter((t) => !ready.has(t.name));
    const elapsed = Date.now() - started;
    if (elapsed >= timeoutMs) {
      throw new Error(
        `${waiting.length} of ${targets.length} chains did not answer within ${timeoutMs / 1000} s, so gridnet did not touch their links:\n` +
          waiting.map((t) => `  ${t.name}: ${detail.get(t.name) ?? "no answer"} (RPC ${t.rpc}, REST ${t.rest}, gRPC ${t.grpc})`).join("\n") +
          `\n  Read each chain's log (\`gridnet logs <chain>\`; \`gridnet status\` shows which nodes run). A chain with several validators needs more than two thirds of them running. ` +
          `Once the cause is fixed, run \`gridnet up\` again (it reuses everything; nothing was created).`,
      );
    }
    if (Date.now() - lastReport >= 5_000) {
      lastReport = Date.now();
      log(`waiting for ${waiting.map((t) => `${t.name} (${detail.get(t.name) ?? "no answer"})`).join(", ")} (${Math.round(elapsed / 1000)} s)`);
    }
    await sleep(options.intervalMs ?? 500);
  }
}
