/**
 * The settings a gridledger node needs in its three config files, as pure lists of TOML edits
 * (see toml.ts), so they can be tested without a node.
 */
import type { Ports } from "./spec.js";
import { DENOM } from "./spec.js";
import type { TomlEdit } from "./toml.js";

/** NodeConfig is what config.toml and app.toml of one node depend on. */
export interface NodeConfig {
  moniker: string;
  ports: Ports;
  /** CometBFT timeout_commit, e.g. "1s". */
  blockTime: string;
  /** Peers as "nodeid@host:port". */
  persistentPeers: readonly string[];
  /**
   * The node's own host when it runs on a machine of its own (an IPv4 address or a DNS name):
   * its services listen there and peers reach it there. Absent: everything on 127.0.0.1.
   */
  host?: string;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** isIPv4 tells whether `host` is a dotted IPv4 address (not a DNS name). */
export function isIPv4(host: string): boolean {
  return IPV4.test(host);
}

/**
 * bindAddress is where a node on `host` listens: the address itself when it is an IPv4 address
 * (so RPC, gRPC, REST and metrics answer on that interface only), 0.0.0.0 for a DNS name, which
 * a node cannot bind (the host's firewall then decides who reaches which port).
 */
export function bindAddress(host: string): string {
  return isIPv4(host) ? host : "0.0.0.0";
}

/**
 * isPrivateHost tells whether `host` is an address CometBFT's strict address book would refuse
 * as non-routable: loopback, RFC 1918 private ranges, link-local, carrier-grade NAT, or a DNS name
 * ending in .local/.internal/.lan (a name cannot be told otherwise).
 */
export function isPrivateHost(host: string): boolean {
  if (!isIPv4(host)) return /\.(local|internal|lan)$/.test(host) || host === "localhost";
  const [a, b] = host.split(".").map(Number) as [number, number];
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}

/**
 * cometConfigEdits: config.toml (CometBFT). A local node listens on 127.0.0.1 only. A node on a
 * host of its own takes peers on every interface (p2p 0.0.0.0, announcing host:p2p as its
 * external address), serves RPC and Prometheus on its host address, and keeps pprof local.
 */
export function cometConfigEdits(node: NodeConfig): TomlEdit[] {
  const host = node.host;
  const listen = host === undefined ? "127.0.0.1" : bindAddress(host);
  return [
    { section: "", key: "moniker", value: node.moniker },
    { section: "rpc", key: "laddr", value: `tcp://${listen}:${node.ports.rpc}` },
    // Local UIs (Vite on another port) call the RPC from the browser.
    { section: "rpc", key: "cors_allowed_origins", value: ["*"] },
    { section: "rpc", key: "pprof_laddr", value: `127.0.0.1:${node.ports.pprof}` },
    { section: "p2p", key: "laddr", value: `tcp://${host === undefined ? "127.0.0.1" : "0.0.0.0"}:${node.ports.p2p}` },
    { section: "p2p", key: "external_address", value: host === undefined ? "" : `${host}:${node.ports.p2p}` },
    { section: "p2p", key: "persistent_peers", value: node.persistentPeers.join(",") },
    // Local validators share one IP and use private addresses; validators on hosts of their own
    // have one IP each, and a strict address book only where their addresses are public.
    { section: "p2p", key: "addr_book_strict", value: host !== undefined && !isPrivateHost(host) },
    { section: "p2p", key: "allow_duplicate_ip", value: host === undefined },
    { section: "consensus", key: "timeout_commit", value: node.blockTime },
    { section: "tx_index", key: "indexer", value: "kv" },
    // Prometheus metrics on the node's own port (docs/operations/metrics.md).
    { section: "instrumentation", key: "prometheus", value: true },
    { section: "instrumentation", key: "prometheus_listen_addr", value: `${listen}:${node.ports.prometheus}` },
  ];
}

/** TELEMETRY_SERVICE prefixes the SDK's and the modules' metric names. */
export const TELEMETRY_SERVICE = "gridd";
/** TELEMETRY_RETENTION_SECONDS is how long a metric that stopped changing is still served. */
export const TELEMETRY_RETENTION_SECONDS = 86_400;
/**
 * Snapshots for state sync (docs/operations/state-sync.md). Every gridnet node takes one every
 * SNAPSHOT_INTERVAL blocks (20 s at the 1 s block of a local net, so a joining node never waits
 * long for one, and each snapshot of a small local state takes milliseconds) and keeps the
 * newest SNAPSHOT_KEEP_RECENT, about a minute of them: enough for a joiner to fetch one while
 * the next is taken, little disk. A snapshot is every store of the multistore (all modules'
 * collections, whatever the app-db-backend); pruning keeps the snapshot heights.
 */
export const SNAPSHOT_INTERVAL = 20;
export const SNAPSHOT_KEEP_RECENT = 3;

/** APP_DB_BACKEND holds the application state (ADR 006); CometBFT's stores stay on goleveldb. */
export const APP_DB_BACKEND = "pebbledb";

/**
 * appConfigEdits: app.toml (Cosmos SDK). `appDbBackend` is APP_DB_BACKEND for new homes; a home
 * whose state already lives in another backend keeps it (a switch would leave its state behind).
 * `snapshotInterval` is the chain spec's (0: no snapshots), SNAPSHOT_INTERVAL when unset.
 */
export function appConfigEdits(ports: Ports, appDbBackend: string = APP_DB_BACKEND, host?: string, snapshotInterval: number = SNAPSHOT_INTERVAL): TomlEdit[] {
  const listen = host === undefined ? "127.0.0.1" : bindAddress(host);
  return [
    { section: "", key: "minimum-gas-prices", value: `0${DENOM}` },
    { section: "", key: "pruning", value: "default" },
    { section: "", key: "app-db-backend", value: appDbBackend },
    { section: "api", key: "enable", value: true },
    { section: "api", key: "address", value: `tcp://${listen}:${ports.api}` },
    { section: "api", key: "enabled-unsafe-cors", value: true },
    { section: "grpc", key: "enable", value: true },
    { section: "grpc", key: "address", value: `${listen}:${ports.grpc}` },
    // The SDK's and the modules' metrics at the API's /metrics?format=prometheus. The service
    // name prefixes every metric (gridd_energy_trades): one name on every chain, so one set of
    // alert rules serves them all; the scrape target tells the chains apart. A day's retention
    // keeps a counter that rarely moves (settlement defaults) from vanishing between events.
    { section: "telemetry", key: "enabled", value: true },
    { section: "telemetry", key: "service-name", value: TELEMETRY_SERVICE },
    { section: "telemetry", key: "prometheus-retention-time", value: TELEMETRY_RETENTION_SECONDS },
    { section: "state-sync", key: "snapshot-interval", value: snapshotInterval },
    { section: "state-sync", key: "snapshot-keep-recent", value: SNAPSHOT_KEEP_RECENT },
  ];
}

/** StateSyncConfig is what a node joining by state sync trusts (CometBFT's [statesync]). */
export interface StateSyncConfig {
  /** Two (or more) RPC servers of the chain's nodes, "http://host:port": the light client's primary and witness. */
  rpcServers: readonly string[];
  /** A recent height, at or below the snapshot the node restores, and its block hash (hex). */
  trustHeight: number;
  trustHash: string;
  /** How long a trusted header stays trusted, below the unbonding time; default "168h0m0s". */
  trustPeriod?: string;
}

/**
 * stateSyncEdits: config.toml of a node that joins a running chain from a snapshot. CometBFT
 * wants at least two RPC servers (one server may be named twice on a one-validator chain); state
 * sync only runs while the node has no state, so the settings are inert after the first start.
 */
export function stateSyncEdits(sync: StateSyncConfig): TomlEdit[] {
  if (sync.rpcServers.length < 2) throw new Error(`state sync needs two RPC servers (the same one twice will do), got ${sync.rpcServers.length}`);
  if (!Number.isInteger(sync.trustHeight) || sync.trustHeight < 1) throw new Error(`trust height ${sync.trustHeight} is not a block height`);
  if (!/^[0-9A-F]{64}$/i.test(sync.trustHash)) throw new Error(`trust hash "${sync.trustHash}" is not a block hash (64 hex digits)`);
  return [
    { section: "statesync", key: "enable", value: true },
    { section: "statesync", key: "rpc_servers", value: sync.rpcServers.join(",") },
    { section: "statesync", key: "trust_height", value: sync.trustHeight },
    { section: "statesync", key: "trust_hash", value: sync.trustHash.toUpperCase() },
    { section: "statesync", key: "trust_period", value: sync.trustPeriod ?? "168h0m0s" },
    // CometBFT's minimum; a local net answers at once, so the default 15 s only waits.
    { section: "statesync", key: "discovery_time", value: "5s" },
  ];
}

/** clientConfigEdits: client.toml, so `gridd tx/query --home <node home>` needs no extra flags (on the node's host). */
export function clientConfigEdits(chainId: string, ports: Ports, host?: string): TomlEdit[] {
  return [
    { section: "", key: "chain-id", value: chainId },
    { section: "", key: "keyring-backend", value: "test" },
    { section: "", key: "node", value: `tcp://${host ?? "127.0.0.1"}:${ports.rpc}` },
  ];
}
