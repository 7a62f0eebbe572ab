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
