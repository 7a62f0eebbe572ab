/**
 * gridnet-state.json: what `gridnet up` built and started, for every other tool to read (tests,
 * the UI, `gridnet status`): chains and their endpoints, links and their channels, Hermes.
 */
import { join } from "node:path";
import type { Endpoints, MetricsEndpoints, Ports } from "../chain/spec.js";
import { readVersionedJson, writeJsonAtomic } from "../jsonfile.js";
import type { GridLevel } from "../topology/types.js";

export const STATE_FILE = "gridnet-state.json";

export interface StateNode {
  index: number;
  home: string;
  endpoints: Endpoints;
  /** Where the node's Prometheus metrics are; absent in state files written before nodes served them. */
  metrics?: MetricsEndpoints;
  logFile: string;
}

/**
 * StateFullNode is a non-validator node that joined the running chain by state sync (`gridnet
 * join`): it restored a snapshot, follows the chain and serves queries. `down` stops it, `up`
 * starts it again (from its own data: state sync runs only on an empty node).
 */
export interface StateFullNode {
  /** Unique on its chain, e.g. "full-0"; also its directory in the chain home. */
  name: string;
  home: string;
  nodeId: string;
  ports: Ports;
  endpoints: Endpoints;
  logFile: string;
  joinedAt: string;
  /** The height of the snapshot it restored (its block store starts just after it). */
  snapshotHeight?: number;
}

export interface StateBank {
  account: string;
  address: string;
  /** Base denom ("uchf.alpine"). */
  denom: string;
  /** ISO 4217 code ("CHF"). */
  currency: string;
  /** Display unit of the bank metadata ("chf.alpine"). */
  displayDenom: string;
  /** Decimals between denom and displayDenom (6), as x/fiat's Bank record has it. */
  exponent: number;
}

export interface StateChain {
  name: string;
  chainId: string;
  level: GridLevel;
  parent?: string;
  /** Chain home (gridnet.json, val-N node homes). */
  home: string;
  periodSeconds: number;
  /** Validator 0's endpoints, the chain's public ones. */
  endpoints: Endpoints;
  nodes: StateNode[];
  gridOperator: { name: string; address: string };
  banks: StateBank[];
  /** Accounts by name (addresses only; mnemonics stay in the chain home's gridnet.json). */
  accounts: Record<string, string>;
  /** Whether the topology's demo participants, fiat and offers were seeded. */
  seeded: boolean;
  /** Non-validator nodes that joined by state sync (`gridnet join`); absent when none did. */
  fullNodes?: StateFullNode[];
}

export interface ChannelEnd {
  chainId: string;
  clientId: string;
  connectionId: string;
  portId: string;
  channelId: string;
}

export interface StateChannel {
  /** Channel type from the topology, e.g. "transfer". */
  type: string;
  version: string;
  ordering: "unordered" | "ordered";
  parent: ChannelEnd;
  child: ChannelEnd;
}

export interface StateLink {
  parent: string;
  child: string;
  channels: StateChannel[];
}

export interface StateHermes {
  binary: string;
  home: string;
  config: string;
  logFile: string;
  restPort: number;
  telemetryPort: number;
}

export interface NetworkState {
  version: 1;
  name: string;
  topologyFile: string;
  home: string;
  updatedAt: string;
  chains: StateChain[];
  links: StateLink[];
  hermes: StateHermes;
  /** The web UI's port (`gridnet ui`); absent in state files written before the UI existed. */
  uiPort?: number;
  /** The Cosmovisor every node runs under (`up --cosmovisor`); absent: nodes run gridd itself. */
  cosmovisor?: string;
  /** The topology's demo vouchers carried so far (net/vouchers.ts voucherKey), so none is carried twice. */
  vouchers?: string[];
}

export function statePath(networkHome: string): string {
  return join(networkHome, STATE_FILE);
}

/** readState returns the network's state, or undefined when `gridnet up` never completed there. */
export function readState(networkHome: string): Promise<NetworkState | undefined> {
  return readVersionedJson<NetworkState>(statePath(networkHome), "run `gridnet reset`");
}

/** writeState replaces the state file atomically; parallel writes land in the order they were made. */
export function writeState(state: NetworkState): Promise<void> {
  return writeJsonAtomic(statePath(state.home), state);
}

/** uiPort is the port the network's web UI is served on. */
export function uiPort(state: NetworkState): number {
  // Before uiPort was recorded, the UI's slot already followed Hermes' two (see planNetwork).
  return state.uiPort ?? state.hermes.restPort + 2;
}

/** stateChain finds a chain by name or chain-id, with the list of names when absent. */
export function stateChain(state: NetworkState, nameOrId: string): StateChain {
  const chain = state.chains.find((c) => c.name === nameOrId || c.chainId === nameOrId);
  if (!chain) throw new Error(`network ${state.name} has no chain "${nameOrId}" (it has ${state.chains.map((c) => c.name).join(", ")})`);
  return chain;
}

/** linkChannel finds the channel of `type` on the link between parent and child. */
export function linkChannel(state: NetworkState, parent: string, child: string, type = "transfer"): StateChannel {
  const link = state.links.find((l) => l.parent === parent && l.child === child);
  const channel = link?.channels.find((c) => c.type === type);
  if (!channel) throw new Error(`network ${state.name} has no ${type} channel between ${parent} and ${child}`);
  return channel;
}
