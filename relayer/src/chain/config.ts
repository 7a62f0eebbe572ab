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
  /** Peers as "nodeid@127.0.0.1:port". */
  persistentPeers: readonly string[];
}

/** cometConfigEdits: config.toml (CometBFT). Everything listens on 127.0.0.1 only. */
export function cometConfigEdits(node: NodeConfig): TomlEdit[] {
  return [
    { section: "", key: "moniker", value: node.moniker },
    { section: "rpc", key: "laddr", value: `tcp://127.0.0.1:${node.ports.rpc}` },
    // Local UIs (Vite on another port) call the RPC from the browser.
    { section: "rpc", key: "cors_allowed_origins", value: ["*"] },
    { section: "rpc", key: "pprof_laddr", value: `127.0.0.1:${node.ports.pprof}` },
    { section: "p2p", key: "laddr", value: `tcp://127.0.0.1:${node.ports.p2p}` },
    { section: "p2p", key: "persistent_peers", value: node.persistentPeers.join(",") },
    // Local validators share one IP and use private addresses.
    { section: "p2p", key: "addr_book_strict", value: false },
    { section: "p2p", key: "allow_duplicate_ip", value: true },
    { section: "consensus", key: "timeout_commit", value: node.blockTime },
    { section: "tx_index", key: "indexer", value: "kv" },
    // Prometheus metrics on the node's own port (docs/operations/metrics.md).
    { section: "instrumentation", key: "prometheus", value: true },
    { section: "instrumentation", key: "prometheus_listen_addr", value: `127.0.0.1:${node.ports.prometheus}` },
  ];
}

/** TELEMETRY_SERVICE prefixes the SDK's and the modules' metric names. */
export const TELEMETRY_SERVICE = "gridd";
/** TELEMETRY_RETENTION_SECONDS is how long a metric that stopped changing is still served. */
export const TELEMETRY_RETENTION_SECONDS = 86_400;

/** APP_DB_BACKEND holds the application state (ADR 006); CometBFT's stores stay on goleveldb. */
export const APP_DB_BACKEND = "pebbledb";

/**
 * appConfigEdits: app.toml (Cosmos SDK). `appDbBackend` is APP_DB_BACKEND for new homes; a home
 * whose state already lives in another backend keeps it (a switch would leave its state behind).
 */
export function appConfigEdits(ports: Ports, appDbBackend: string = APP_DB_BACKEND): TomlEdit[] {
  return [
    { section: "", key: "minimum-gas-prices", value: `0${DENOM}` },
    { section: "", key: "pruning", value: "default" },
    { section: "", key: "app-db-backend", value: appDbBackend },
    { section: "api", key: "enable", value: true },
    { section: "api", key: "address", value: `tcp://127.0.0.1:${ports.api}` },
    { section: "api", key: "enabled-unsafe-cors", value: true },
    { section: "grpc", key: "enable", value: true },
    { section: "grpc", key: "address", value: `127.0.0.1:${ports.grpc}` },
    // The SDK's and the modules' metrics at the API's /metrics?format=prometheus. The service
    // name prefixes every metric (gridd_energy_trades): one name on every chain, so one set of
    // alert rules serves them all; the scrape target tells the chains apart. A day's retention
    // keeps a counter that rarely moves (settlement defaults) from vanishing between events.
    { section: "telemetry", key: "enabled", value: true },
    { section: "telemetry", key: "service-name", value: TELEMETRY_SERVICE },
    { section: "telemetry", key: "prometheus-retention-time", value: TELEMETRY_RETENTION_SECONDS },
  ];
}

/** clientConfigEdits: client.toml, so `gridd tx/query --home <node home>` needs no extra flags. */
export function clientConfigEdits(chainId: string, ports: Ports): TomlEdit[] {
  return [
    { section: "", key: "chain-id", value: chainId },
    { section: "", key: "keyring-backend", value: "test" },
    { section: "", key: "node", value: `tcp://127.0.0.1:${ports.rpc}` },
  ];
}
