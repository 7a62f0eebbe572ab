/**
 * `gridnet join <chain>`: a non-validator node joins a running chain by CometBFT state sync.
 * It gets a home with the chain's genesis, free ports, the chain's validators as persistent
 * peers and [statesync] trusting a recent block read from a validator's RPC (and checked on a
 * second one); it then restores the newest snapshot the validators serve, catches up by block
 * sync, and is recorded in gridnet-state.json, so `status` lists it, `down` stops it and `up`
 * starts it again. docs/operations/state-sync.md is the same procedure by hand.
 */
import { copyFile, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join as joinPath } from "node:path";
import { appConfigEdits, clientConfigEdits, cometConfigEdits, SNAPSHOT_INTERVAL, stateSyncEdits } from "../chain/config.js";
import { run } from "../chain/exec.js";
import { isRunning, LOG_FILE, logTail, runningPid, startGridd } from "../chain/node.js";
import { nodeIdFromNodeKey } from "../chain/node-id.js";
import { isPortFree } from "../chain/ports.js";
import { endpointsOf, portList, portsFromBase, NODE_PORT_STRIDE, type Ports } from "../chain/spec.js";
import { applyTomlEdits, getTomlValue, type TomlEdit } from "../chain/toml.js";
import { stderrLog, type Log } from "../log.js";
import { defaultBinary } from "../paths.js";
import { exists } from "../proc.js";
import { readState, stateChain, writeState, type NetworkState, type StateChain, type StateFullNode } from "./state.js";

export interface JoinOptions {
  /** Network home (holds gridnet-state.json). */
  home: string;
  /** Chain name or chain-id. */
  chain: string;
  /** The node's name on its chain; default full-<n>, the first free. */
  name?: string;
  /** gridd to run; default $GRIDD or chain/build/gridd. */
  binary?: string;
  /** How long restoring and catching up may take. Default 180 s. */
  timeoutMs?: number;
  log?: Log;
}

export interface JoinResult {
  state: NetworkState;
  node: StateFullNode;
  /** Whether this call made the node (false: it existed and was started again or left running). */
  created: boolean;
  /** The chain's height the node caught up to. */
  height: number;
}

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** RpcStatus is what the join reads from a node's /status. */
export interface RpcStatus {
  nodeId: string;
  /** "tcp://127.0.0.1:27001" */
  listenAddr: string;
  height: number;
  earliestHeight: number;
  catchingUp: boolean;
}

/** rpcStatus reads a node's /status; undefined when it does not answer. */
export async function rpcStatus(rpc: string): Promise<RpcStatus | undefined> {
  try {
    const res = await fetch(`${rpc}/status`, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) return undefined;
    const r = ((await res.json()) as { result?: StatusBody }).result;
    const height = Number(r?.sync_info?.latest_block_height);
    if (!r || !Number.isFinite(height)) return undefined;
    return {
      nodeId: r.node_info?.id ?? "",
      listenAddr: r.node_info?.listen_addr ?? "",
      height,
      earliestHeight: Number(r.sync_info?.earliest_block_height ?? 0),
      catchingUp: r.sync_info?.catching_up === true,
    };
  } catch {
    return undefined;
  }
}

interface StatusBody {
  node_info?: { id?: string; listen_addr?: string };
  sync_info?: { latest_block_height?: string; earliest_block_height?: string; catching_up?: boolean };
}

/** blockHash reads the hash of block `height` from a node's RPC (upper-case hex). */
export async function blockHash(rpc: string, height: number): Promise<string> {
  const res = await fetch(`${rpc}/block?height=${height}`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`${rpc}/block?height=${height}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  const hash = ((await res.json()) as { result?: { block_id?: { hash?: string } } }).result?.block_id?.hash;
  if (!hash) throw new Error(`${rpc}/block?height=${height} has no block_id.hash`);
  return hash.toUpperCase();
}

/**
 * trustHeightFor picks the block a joining node trusts: one snapshot interval below the tip, so
 * the newest snapshot (taken every SNAPSHOT_INTERVAL blocks) lies at or above it and the light
 * client verifies forward from it; recent, so well inside the trust period.
 */
export function trustHeightFor(latest: number, interval = SNAPSHOT_INTERVAL): number {
  return Math.max(1, latest - interval);
}

/** SyncProgress is how far a joining node is, read from its log. */
export interface SyncProgress {
  phase: "starting" | "discovering" | "restoring" | "restored" | "skipped";
  snapshotHeight?: number;
  chunk?: number;
  chunks?: number;
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** syncProgress reads CometBFT's state sync lines (v0.38 statesync/syncer.go) from a node's log. */
export function syncProgress(log: string): SyncProgress {
  const progress: SyncProgress = { phase: "starting" };
  const num = (line: string, key: string) => {
    const m = new RegExp(`\\b${key}=(\\d+)`).exec(line);
    return m ? Number(m[1]) : undefined;
  };
  for (const raw of log.split("\n")) {
    const line = raw.replace(ANSI, "");
    if (line.includes("Found local state with non-zero height, skipping state sync")) progress.phase = "skipped";
    else if (line.includes("Discovering snapshots") && progress.phase === "starting") progress.phase = "discovering";
    else if (line.includes("Snapshot accepted, restoring")) Object.assign(progress, { phase: "restoring", snapshotHeight: num(line, "height"), chunk: 0 });
    else if (line.includes("Applied snapshot chunk to ABCI app")) {
      const chunk = num(line, "chunk");
      Object.assign(progress, { phase: "restoring", snapshotHeight: num(line, "height"), chunks: num(line, "total"), ...(chunk === undefined ? {} : { chunk: chunk + 1 }) });
    } else if (line.includes("Snapshot restored")) Object.assign(progress, { phase: "restored", snapshotHeight: num(line, "height") });
  }
  return progress;
}

/** describeProgress renders a progress line for the operator. */
export function describeProgress(p: SyncProgress, node: RpcStatus | undefined, chainHeight: number | undefined): string {
  const tip = chainHeight === undefined ? "" : ` of ${chainHeight}`;
  switch (p.phase) {
    case "starting":
      return "starting, state sync not begun yet";
    case "discovering":
      return "discovering snapshots served by the validators";
    case "restoring":
      return `restoring the snapshot of height ${p.snapshotHeight ?? "?"}: chunk ${p.chunk ?? 0}${p.chunks === undefined ? "" : ` of ${p.chunks}`} applied`;
    case "restored":
    case "skipped": {
      const how = p.phase === "restored" ? `snapshot of height ${p.snapshotHeight ?? "?"} restored` : "has its own state (no state sync needed)";
      if (!node) return `${how}, RPC not answering yet`;
      if (node.height === 0) return `${how}, block sync starting`;
      return `${how}, ${node.catchingUp ? "catching up" : "following"}: height ${node.height}${tip}`;
    }
  }
}

/**
 * freePortBase picks the first block of NODE_PORT_STRIDE ports above every port the network
 * uses (its nodes, joined nodes, Hermes and the UI) whose ports are all free now, so a joined
 * node never takes a port a stopped node of the network will want back.
 */
export async function freePortBase(state: NetworkState, isFree: (port: number) => Promise<boolean> = isPortFree): Promise<number> {
  const used = reservedPorts(state);
  const anchor = state.chains[0]?.nodes[0] ? portOf(state.chains[0].nodes[0].endpoints.rpc) : 27000;
  const highest = Math.max(...used);
  let base = anchor + Math.ceil((highest + 1 - anchor) / NODE_PORT_STRIDE) * NODE_PORT_STRIDE;
  for (let attempt = 0; attempt < 200; attempt++, base += NODE_PORT_STRIDE) {
    const ports = portList(portsFromBase(base)).map(([, p]) => p);
    if (ports.some((p) => used.has(p))) continue;
    let free = true;
    for (const p of ports) if (!(await isFree(p))) free = false;
    if (free) return base;
  }
  throw new Error(`no free block of ${NODE_PORT_STRIDE} ports found above ${highest}: stop some local programs`);
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** reservedPorts is every port the network's state assigns. */
export function reservedPorts(state: NetworkState): Set<number> {
  const used = new Set<number>([state.hermes.restPort, state.hermes.telemetryPort]);
  if (state.uiPort !== undefined) used.add(state.uiPort);
  for (const c of state.chains) {
    for (const n of c.nodes) for (const [, p] of portList(portsFromBase(portOf(n.endpoints.rpc)))) used.add(p);
    for (const n of c.fullNodes ?? []) for (const [, p] of portList(n.ports)) used.add(p);
  }
  return used;
}

/** nextFullNodeName is full-<n> for the first n not taken on the chain. */
export function nextFullNodeName(chain: StateChain): string {
  const taken = new Set((chain.fullNodes ?? []).map((n) => n.name));
  for (let i = 0; ; i++) if (!taken.has(`full-${i}`)) return `full-${i}`;
}

/** restAnswers tells whether a node's REST API answers a query. */
async function restAnswers(rest: string): Promise<boolean> {
  try {
    return (await fetch(`${rest}/cosmos/base/tendermint/v1beta1/syncing`, { signal: AbortSignal.timeout(3_000) })).ok;
  } catch {
    return false;
  }
}

/** logSize is the length of a log file now (0 when there is none yet). */
async function logSize(file: string): Promise<number> {
  return (await stat(file).catch(() => undefined))?.size ?? 0;
}

/** editFile applies TOML edits to a file. */
async function editFile(path: string, edits: readonly TomlEdit[]): Promise<void> {
  await writeFile(path, applyTomlEdits(await readFile(path, "utf8"), edits));
}

/** liveValidators are the chain's validators whose RPC answers, with what it says. */
async function liveValidators(chain: StateChain): Promise<Array<{ rpc: string; home: string; status: RpcStatus }>> {
  const found = await Promise.all(chain.nodes.map(async (n) => ({ rpc: n.endpoints.rpc, home: n.home, status: await rpcStatus(n.endpoints.rpc) })));
  return found.filter((v): v is { rpc: string; home: string; status: RpcStatus } => v.status !== undefined && !v.status.catchingUp);
}

/**
 * joinChain adds a full node to a running chain of the network by state sync (see the file
 * comment), or starts a node that joined before and is down. Progress goes to `log`.
 */
export async function joinChain(options: JoinOptions): Promise<JoinResult> {
  const log = options.log ?? stderrLog;
  const binary = options.binary ?? defaultBinary();
  const timeoutMs = options.timeoutMs ?? 180_000;
  let state = await readState(options.home);
  if (!state) throw new Error(`no network in ${options.home}: start one with \`gridnet up\``);
  const chain = stateChain(state, options.chain);
  const name = options.name ?? nextFullNodeName(chain);
  if (!NAME.test(name)) throw new Error(`node name "${name}" must be 1-32 of a-z 0-9 - starting with a letter`);
  if (/^val-\d+$/.test(name)) throw new Error(`node name "${name}" is a validator's: choose another`);

  const validators = await liveValidators(chain);
  if (validators.length === 0) {
    throw new Error(`no validator of ${chain.name} answers on RPC (or all are catching up): start the network first (\`gridnet up\`)`);
  }

  const known = chain.fullNodes?.find((n) => n.name === name);
  if (known) {
    // A node that joined before restarts from its own data; state sync runs only on an empty node.
    log(`${chain.name}/${name} joined on ${known.joinedAt}; ${(await isRunning(known.home)) ? "it is running" : "starting it again from its own data"}`);
    const offset = await logSize(known.logFile);
    await startGridd(binary, known.home, { rpc: known.endpoints.rpc, logFile: known.logFile, label: `${chain.chainId} ${name}`, log });
    const height = await waitUntilSynced(known, validators[0]?.rpc as string, timeoutMs, log, offset);
    return { state, node: known, created: false, height };
  }

  const home = joinPath(chain.home, name);
  if (await exists(home)) throw new Error(`${home} exists but the network does not know it: remove it, or choose another --name`);

  // 1. Which block to trust, from one validator, checked on a second (the light client's witness).
  const primary = validators[0] as (typeof validators)[number];
  const witness = validators[1] ?? primary;
  let latest = primary.status.height;
  if (latest < SNAPSHOT_INTERVAL + 2) {
    log(`${chain.name} is at height ${latest}; its first snapshot is taken at ${SNAPSHOT_INTERVAL}: waiting for it`);
    const waitStarted = Date.now();
    while (latest < SNAPSHOT_INTERVAL + 2) {
      if (Date.now() - waitStarted > timeoutMs) throw new Error(`${chain.name} stayed at height ${latest} for ${timeoutMs / 1000} s: is it producing blocks? (\`gridnet status\`)`);
      await sleep(1_000);
      latest = (await rpcStatus(primary.rpc))?.height ?? latest;
    }
  }
  const trustHeight = trustHeightFor(latest);
  const trustHash = await blockHash(primary.rpc, trustHeight);
  const witnessHash = await blockHash(witness.rpc, trustHeight);
  if (witnessHash !== trustHash) {
    throw new Error(`${primary.rpc} and ${witness.rpc} disagree on block ${trustHeight} (${trustHash} vs ${witnessHash}): do not join before finding out why`);
  }
  log(`trusting ${chain.name} block ${trustHeight} (${trustHash}), read from ${primary.rpc} and checked on ${witness.rpc}`);

  // 2. The home: gridd init, the chain's genesis, ports, peers, [statesync] and snapshots.
  const ports: Ports = portsFromBase(await freePortBase(state));
  const val0 = chain.nodes[0];
  if (!val0) throw new Error(`chain ${chain.name} has no validator in the state file`);
  log(`gridd init ${chain.name}-${name} --chain-id ${chain.chainId} (${home}), ports ${ports.rpc}-${ports.prometheus}`);
  await run(binary, ["init", `${chain.name}-${name}`, "--chain-id", chain.chainId, "--home", home]);
  await copyFile(joinPath(val0.home, "config", "genesis.json"), joinPath(home, "config", "genesis.json"));
  const blockTime = JSON.parse(getTomlValue(await readFile(joinPath(val0.home, "config", "config.toml"), "utf8"), "consensus", "timeout_commit") ?? '"1s"') as string;
  const peers = validators.map((v) => `${v.status.nodeId}@${v.status.listenAddr.replace(/^tcp:\/\//, "")}`);
  const config = joinPath(home, "config");
  await editFile(joinPath(config, "config.toml"), [
    ...cometConfigEdits({ moniker: `${chain.name}-${name}`, ports, blockTime, persistentPeers: peers }),
    ...stateSyncEdits({ rpcServers: [primary.rpc, witness.rpc], trustHeight, trustHash }),
  ]);
  await editFile(joinPath(config, "app.toml"), appConfigEdits(ports));
  await editFile(joinPath(config, "client.toml"), clientConfigEdits(chain.chainId, ports));

  // 3. Recorded before it starts, so `down` stops it whatever happens next.
  const node: StateFullNode = {
    name,
    home,
    nodeId: nodeIdFromNodeKey(await readFile(joinPath(config, "node_key.json"), "utf8")),
    ports,
    endpoints: endpointsOf(ports),
    logFile: joinPath(home, LOG_FILE),
    joinedAt: new Date().toISOString(),
  };
  state = await recordFullNode(options.home, chain.chainId, node);
  await startGridd(binary, home, { rpc: node.endpoints.rpc, logFile: node.logFile, label: `${chain.chainId} ${name}, joining by state sync`, log });

  // 4. Restore, catch up, then record the snapshot it restored.
  const height = await waitUntilSynced(node, primary.rpc, timeoutMs, log);
  const restored = syncProgress(await readFile(node.logFile, "utf8")).snapshotHeight;
  const synced: StateFullNode = { ...node, ...(restored === undefined ? {} : { snapshotHeight: restored }) };
  state = await recordFullNode(options.home, chain.chainId, synced);
  log(`${chain.name}/${name} joined: restored the snapshot of height ${restored ?? "?"}, at height ${height}; rpc ${synced.endpoints.rpc}, rest ${synced.endpoints.rest}`);
  return { state, node: synced, created: true, height };
}

/** recordFullNode puts the node into the chain's fullNodes of the state file (replacing one of its name). */
async function recordFullNode(home: string, chainId: string, node: StateFullNode): Promise<NetworkState> {
  const state = await readState(home);
  if (!state) throw new Error(`the network's state file in ${home} is gone`);
  const chain = stateChain(state, chainId);
  chain.fullNodes = [...(chain.fullNodes ?? []).filter((n) => n.name !== node.name), node];
  state.updatedAt = new Date().toISOString();
  await writeState(state);
  return state;
}

/**
 * waitUntilSynced waits until the node has its state (restored or its own), is no longer
 * catching up and has reached the height `chainRpc` reported when the wait began; progress
 * every 5 s. Fails with the end of the node's log when it exits or runs out of time.
 */
export async function waitUntilSynced(
  node: Pick<StateFullNode, "name" | "home" | "endpoints" | "logFile">,
  chainRpc: string,
  timeoutMs: number,
  log: Log,
  /** Where in the log this start's lines begin (a restarted node appends to its log). */
  logOffset = 0,
): Promise<number> {
  const started = Date.now();
  const target = (await rpcStatus(chainRpc))?.height ?? 1;
  let lastReport = 0;
  const explain = async (what: string) => {
    const tail = await logTail(node.logFile, 25);
    return new Error(`${what}; node log ${node.logFile}${tail ? `, last lines:\n${tail}` : ""}`);
  };
  for (;;) {
    const status = await rpcStatus(node.endpoints.rpc);
    // Synced, and serving queries: the REST server starts after CometBFT.
    if (status && !status.catchingUp && status.height >= target && (await restAnswers(node.endpoints.rest))) return status.height;
    if ((await runningPid(node.home)) === undefined) throw await explain(`gridd of ${node.name} stopped before it caught up`);
    if (Date.now() - started > timeoutMs) throw await explain(`${node.name} did not catch up to height ${target} within ${timeoutMs / 1000} s`);
    if (Date.now() - lastReport >= 5_000) {
      lastReport = Date.now();
      const progress = syncProgress((await readFile(node.logFile).catch(() => Buffer.alloc(0))).subarray(logOffset).toString("utf8"));
      log(`${node.name}: ${describeProgress(progress, status, (await rpcStatus(chainRpc))?.height)} (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await sleep(500);
  }
}

/**
 * startFullNodes starts the chain's joined nodes that are down (`gridnet up` after `down`) and
 * waits until each follows the chain again. A node whose home is gone is dropped from the state.
 */
export async function startFullNodes(state: NetworkState, binary: string, log: Log, timeoutMs = 120_000): Promise<void> {
  const offsets = new Map<string, number>();
  for (const chain of state.chains) {
    const kept: StateFullNode[] = [];
    for (const node of chain.fullNodes ?? []) {
      if (!(await exists(joinPath(node.home, "config", "genesis.json")))) {
        log(`${chain.name}/${node.name}: its home ${node.home} is gone; forgetting it (join again with \`gridnet join ${chain.name}\`)`);
        continue;
      }
      kept.push(node);
      offsets.set(node.home, await logSize(node.logFile));
      await startGridd(binary, node.home, { rpc: node.endpoints.rpc, logFile: node.logFile, label: `${chain.chainId} ${node.name}`, log });
    }
    if (chain.fullNodes !== undefined) chain.fullNodes = kept;
  }
  await Promise.all(
    state.chains.flatMap((chain) => (chain.fullNodes ?? []).map((node) => waitUntilSynced(node, chain.endpoints.rpc, timeoutMs, (m) => log(`[${chain.name}] ${m}`), offsets.get(node.home)))),
  );
}

/** removeFullNode stops a joined node, deletes its home and forgets it. */
export async function removeFullNode(home: string, chainName: string, name: string, stop: (nodeHome: string) => Promise<unknown>): Promise<NetworkState> {
  const state = await readState(home);
  if (!state) throw new Error(`no network in ${home}`);
  const chain = stateChain(state, chainName);
  const node = chain.fullNodes?.find((n) => n.name === name);
  if (!node) throw new Error(`chain ${chain.name} has no joined node "${name}"${chain.fullNodes?.length ? ` (it has ${chain.fullNodes.map((n) => n.name).join(", ")})` : ""}`);
  await stop(node.home);
  await rm(node.home, { recursive: true, force: true });
  chain.fullNodes = (chain.fullNodes ?? []).filter((n) => n.name !== name);
  await writeState(state);
  return state;
}
