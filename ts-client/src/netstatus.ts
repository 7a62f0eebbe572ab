/**
 * What `gridnet status --json` says about a network, and what the UI server serves as
 * /status.json: every chain's height per node, every link's channels with their state and pending
 * packets, Hermes' health and the supervisor. gridnet computes it; the web UI reads it.
 */

/** CHANNEL_UNREADABLE is a channel end's state when its chain did not answer. */
export const CHANNEL_UNREADABLE = "STATE_UNREADABLE";

/** NodeStatus is one validator node: its process and the height its RPC reports. */
export interface NodeStatus {
  index: number;
  /** pid is absent when the node's process is not running. */
  pid?: number;
  /** height is absent when the node's RPC did not answer. */
  height?: number;
  /** Where the node's Prometheus metrics are scraped: CometBFT's, and the SDK's with the modules' own. */
  metrics?: { comet: string; app: string };
}

/**
 * FullNodeStatus is a non-validator node that joined the chain by state sync (`gridnet join`):
 * its process, the height its RPC reports, whether it is still catching up, and the snapshot it
 * restored.
 */
export interface FullNodeStatus {
  name: string;
  rpc: string;
  pid?: number;
  height?: number;
  catchingUp?: boolean;
  snapshotHeight?: number;
  /** Where the node's Prometheus metrics are scraped, as for a validator. */
  metrics?: { comet: string; app: string };
}

/** ChainStatus is one chain of the network and its nodes. */
export interface ChainStatus {
  name: string;
  chainId: string;
  level: string;
  parent?: string;
  rpc: string;
  /** height is the highest any node reports; absent when none answered. */
  height?: number;
  nodes: NodeStatus[];
  /** Nodes that joined by state sync; absent when none did. */
  fullNodes?: FullNodeStatus[];
  /** invariants is the supervisor's last live check of the chain's invariants; absent before the first. */
  invariants?: InvariantCheck;
}

/** InvariantResult is one invariant after a full pass over its records (x/invariants' Check, page by page). */
export interface InvariantResult {
  name: string;
  /** designItem is the item of DESIGN.md §6 it checks, e.g. "2, 7". */
  designItem: string;
  description: string;
  ok: boolean;
  /** checked is how many records the pass checked (up to the broken one). */
  checked: number;
  /** record and message name the broken record and what is wrong with it. */
  record?: string;
  message?: string;
}

/** InvariantCheck is the last full pass over one chain's invariants. */
export interface InvariantCheck {
  /** checkedAt is when the pass ended (ISO 8601). */
  checkedAt: string;
  /** results is one entry per invariant; empty when the pass failed (see error). */
  results: InvariantResult[];
  /** error says why the last pass could not finish (e.g. the node did not answer). */
  error?: string;
}

/** ChannelStatus is one channel of a link, seen from both ends. */
export interface ChannelStatus {
  type: string;
  parentChannel: string;
  childChannel: string;
  /** e.g. "STATE_OPEN"; absent when the chain says the channel does not exist; CHANNEL_UNREADABLE when it did not answer. */
  parentState?: string;
  childState?: string;
  /** Packets sent and not yet acknowledged or timed out, per direction. */
  pendingDown?: number;
  pendingUp?: number;
  /**
   * For an energy channel: whether each chain recorded the link over it (x/interchain
   * Neighbourhood); absent when the chain did not answer.
   */
  linkedOnParent?: boolean;
  linkedOnChild?: boolean;
}

/** LinkStatus is a parent-child link and its channels. */
export interface LinkStatus {
  parent: string;
  child: string;
  channels: ChannelStatus[];
}

/** HermesHealth is what Hermes' REST API says about itself. */
export interface HermesHealth {
  /** Whether the REST API answered. */
  up: boolean;
  /** The relayer library Hermes runs (e.g. "ibc-relayer 0.29.5"): REST does not report the release. */
  library?: string;
  /** Chains Hermes serves. */
  chains: string[];
  /** Workers Hermes runs (packet, client), by kind. */
  workers: Record<string, number>;
}

/** NetworkStatus is `gridnet status --json`. */
export interface NetworkStatus {
  name: string;
  home: string;
  chains: ChainStatus[];
  links: LinkStatus[];
  /** version: the release of the network's Hermes binary, as `hermes version` prints it. */
  hermes: {
    pid?: number;
    version?: string;
    paused: boolean;
    rest: string;
    telemetry: string;
    health: HermesHealth;
  };
  supervisor: { pid?: number };
}
