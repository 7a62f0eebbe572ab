/**
 * The Network view's data: gridnet's status (/status.json, the server's `gridnet status --json`)
 * when the page is served with a gridnet network, otherwise what each chain's RPC tells (height,
 * validators that signed the last block); and whether each chain is advancing, from the heights
 * seen over time.
 */
import { BlockIdFlag, Comet38Client, HttpClient } from "@cosmjs/tendermint-rpc";
import type { ChainStatus, InvariantCheck, LinkStatus, NetworkChain, NetworkStatus } from "@gridledger/client";

/** STATUS_REFRESH_MS: how often the view reads the status again. */
export const STATUS_REFRESH_MS = 3_000;
/** STALL_MS: a chain whose height has not risen for this long is shown as stalled. */
export const STALL_MS = 20_000;

/** fetchGridnetStatus reads /status.json; null when the page is served without a gridnet network. */
export async function fetchGridnetStatus(base: string = import.meta.env.BASE_URL): Promise<NetworkStatus | null> {
  const res = await fetch(`${base}status.json`, { cache: "no-store" });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`status.json: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  // A static server answers with the app's index.html.
  if (!(res.headers.get("content-type") ?? "").includes("json")) return null;
  const body = (await res.json()) as NetworkStatus;
  if (!Array.isArray(body.chains) || !Array.isArray(body.links)) throw new Error("status.json is not a gridnet status (no chains or links)");
  return body;
}

/** Validators says how many of a chain's validators are up, and how that was learnt. */
export interface Validators {
  readonly up: number;
  readonly total: number;
  /** how: "nodes" counts gridnet's running nodes that answer; "signed" the signatures on the last block. */
  readonly how: "nodes" | "signed";
}

/** ChainRow is one chain as the view shows it, whichever source it came from. */
export interface ChainRow {
  readonly name: string;
  readonly chainId: string;
  readonly level?: string;
  readonly parent?: string;
  readonly rpc: string;
  readonly height?: number;
  readonly validators?: Validators;
  /** nodes: gridnet's per-node view (absent from an RPC read). */
  readonly nodes?: ChainStatus["nodes"];
  /** error says why the chain could not be read (RPC fallback). */
  readonly error?: string;
  /** invariants: the gridnet supervisor's last live check (absent from an RPC read, or before the first). */
  readonly invariants?: InvariantCheck;
}

/** NetworkRead is the view's input: the chains, and with gridnet the links, Hermes and the supervisor. */
export interface NetworkRead {
  readonly source: "gridnet" | "rpc";
  readonly chains: readonly ChainRow[];
  readonly links?: readonly LinkStatus[];
  readonly hermes?: NetworkStatus["hermes"];
  readonly supervisor?: NetworkStatus["supervisor"];
}

/** fromGridnet turns gridnet's status into the view's rows; validators up are nodes running that answer. */
export function fromGridnet(status: NetworkStatus): NetworkRead {
  return {
    source: "gridnet",
    chains: status.chains.map((c) => ({
      name: c.name,
      chainId: c.chainId,
      level: c.level,
      ...(c.parent === undefined ? {} : { parent: c.parent }),
      rpc: c.rpc,
      ...(c.height === undefined ? {} : { height: c.height }),
      validators: { up: c.nodes.filter((n) => n.pid !== undefined && n.height !== undefined).length, total: c.nodes.length, how: "nodes" },
      nodes: c.nodes,
      ...(c.invariants === undefined ? {} : { invariants: c.invariants }),
    })),
    links: status.links,
    hermes: status.hermes,
    supervisor: status.supervisor,
  };
}

/**
 * readChainOverRpc asks a chain's RPC for its latest block and validator set: the height, and how
 * many validators signed the last commit out of the set.
 */
export async function readChainOverRpc(chain: NetworkChain): Promise<ChainRow> {
  const base = { name: chain.name, chainId: chain.chainId, rpc: chain.rpc, ...(chain.level === undefined ? {} : { level: chain.level }), ...(chain.parent === undefined ? {} : { parent: chain.parent }) };
  const client = Comet38Client.create(new HttpClient(chain.rpc));
  try {
    const { block } = await client.block();
    const height = block.header.height;
    const set = await client.validatorsAll(height);
    const signed = block.lastCommit?.signatures.filter((s) => s.blockIdFlag === BlockIdFlag.Commit).length ?? 0;
    return { ...base, height, validators: { up: height <= 1 ? set.total : signed, total: set.total, how: "signed" } };
  } catch (err) {
    return { ...base, error: err instanceof Error ? err.message : String(err) };
  } finally {
    client.disconnect();
  }
}

/** readOverRpc reads every chain of the network over RPC (the view's fallback without gridnet). */
export async function readOverRpc(chains: readonly NetworkChain[]): Promise<NetworkRead> {
  return { source: "rpc", chains: await Promise.all(chains.map(readChainOverRpc)) };
}

/** HeightSeen is a chain's height when last seen, and when it last rose. */
export interface HeightSeen {
  readonly height: number;
  readonly since: number;
  /** rose: the height was seen to rise at least once. */
  readonly rose: boolean;
}

/** trackHeights adds a read to what was seen: a height that rose resets `since`. */
export function trackHeights(seen: ReadonlyMap<string, HeightSeen>, chains: readonly ChainRow[], now: number): Map<string, HeightSeen> {
  const next = new Map<string, HeightSeen>();
  for (const c of chains) {
    const key = `${c.name}@${c.chainId}`;
    const before = seen.get(key);
    if (c.height === undefined) {
      if (before !== undefined) next.set(key, before);
      continue;
    }
    if (before === undefined || c.height < before.height) next.set(key, { height: c.height, since: now, rose: false });
    else if (c.height > before.height) next.set(key, { height: c.height, since: now, rose: true });
    else next.set(key, before);
  }
  return next;
}

/** Health is a chain's state on screen. */
export type Health = "advancing" | "stalled" | "down" | "checking";

/** chainHealth: down without a height, stalled when the height has not risen for STALL_MS, advancing when it rose. */
export function chainHealth(chain: ChainRow, seen: HeightSeen | undefined, now: number): Health {
  if (chain.height === undefined) return "down";
  if (seen === undefined) return "checking";
  if (now - seen.since >= STALL_MS) return "stalled";
  return seen.rose ? "advancing" : "checking";
}

export const heightKey = (c: Pick<ChainRow, "name" | "chainId">) => `${c.name}@${c.chainId}`;

/** TreeEntry is a chain with its depth, in tree order (each chain right under its parent). */
export interface TreeEntry {
  readonly chain: ChainRow;
  readonly depth: number;
  readonly children: readonly TreeEntry[];
}

/** chainTree nests the chains under their parents; a chain whose parent is unknown is a root. */
export function chainTree(chains: readonly ChainRow[]): TreeEntry[] {
  const names = new Set(chains.map((c) => c.name));
  const build = (parent: string | undefined, depth: number, seen: Set<string>): TreeEntry[] =>
    chains
      .filter((c) => (parent === undefined ? c.parent === undefined || !names.has(c.parent) : c.parent === parent) && !seen.has(c.name))
      .map((c) => {
        seen.add(c.name);
        return { chain: c, depth, children: build(c.name, depth + 1, seen) };
      });
  return build(undefined, 0, new Set());
}

/** channelWord is a channel end's state in words. */
export function channelWord(state: string | undefined): string {
  if (state === undefined) return "missing";
  if (state === "STATE_UNREADABLE") return "no answer";
  return state.replace(/^STATE_/, "").toLowerCase().replace(/_/g, " ");
}

/** hermesWords says how the relayer is, in a sentence. */
export function hermesWords(h: NetworkStatus["hermes"]): { ok: boolean; text: string } {
  if (h.pid === undefined) {
    return { ok: false, text: h.paused ? "Stopped on purpose (`npx gridnet hermes start` starts it again): packets wait." : "Not running: packets wait until it is started (`npx gridnet up`)." };
  }
  if (!h.health.up) return { ok: false, text: `Running (pid ${h.pid}), but its REST API does not answer.` };
  const workers = Object.entries(h.health.workers)
    .map(([kind, n]) => `${n} ${kind.toLowerCase()}`)
    .join(", ");
  return { ok: true, text: `Healthy${h.version === undefined ? "" : `, v${h.version}`}: relays ${h.health.chains.length} chains${workers === "" ? "" : ` with ${workers} workers`}.` };
}

/** formatTimeOfDay is a local time with seconds ("14:03:27"): when a status was read, since when a chain stalled. */
export function formatTimeOfDay(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone }).format(new Date(at));
}
