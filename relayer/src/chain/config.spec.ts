import { describe, expect, it } from "vitest";
import { appConfigEdits, clientConfigEdits, cometConfigEdits, SNAPSHOT_INTERVAL, SNAPSHOT_KEEP_RECENT, stateSyncEdits } from "./config.js";
import { portsFromBase } from "./spec.js";
import { applyTomlEdits, getTomlValue } from "./toml.js";

const ports = portsFromBase(30000);

// Excerpts of the files gridd init writes (CometBFT 0.38 and SDK 0.53 templates).
const configToml = `proxy_app = "tcp://127.0.0.1:26658"
moniker = "node"
[rpc]
laddr = "tcp://127.0.0.1:26657"
cors_allowed_origins = []
pprof_laddr = "localhost:6060"
[p2p]
laddr = "tcp://0.0.0.0:26656"
persistent_peers = ""
addr_book_strict = true
allow_duplicate_ip = false
[consensus]
timeout_commit = "5s"
[tx_index]
indexer = "kv"
[instrumentation]
prometheus = false
prometheus_listen_addr = ":26660"
namespace = "cometbft"
`;
const appToml = `minimum-gas-prices = ""
pruning = "default"
[telemetry]
service-name = ""
enabled = false
prometheus-retention-time = 0
[api]
enable = false
address = "tcp://localhost:1317"
enabled-unsafe-cors = false
[grpc]
enable = true
address = "localhost:9090"
`;
const clientToml = `chain-id = ""
keyring-backend = "os"
output = "text"
node = "tcp://localhost:26657"
`;

describe("config.toml edits", () => {
  const out = applyTomlEdits(
    configToml,
    cometConfigEdits({ moniker: "tso", ports, blockTime: "1s", persistentPeers: ["abc@127.0.0.1:30011", "def@127.0.0.1:30021"] }),
  );

  it("listens on 127.0.0.1 on the spec's ports", () => {
    expect(getTomlValue(out, "rpc", "laddr")).toBe('"tcp://127.0.0.1:30000"');
    expect(getTomlValue(out, "p2p", "laddr")).toBe('"tcp://127.0.0.1:30001"');
    expect(getTomlValue(out, "rpc", "pprof_laddr")).toBe('"127.0.0.1:30004"');
  });

  it("serves CometBFT's Prometheus metrics on the node's own port, in the cometbft namespace", () => {
    expect(getTomlValue(out, "instrumentation", "prometheus")).toBe("true");
    expect(getTomlValue(out, "instrumentation", "prometheus_listen_addr")).toBe('"127.0.0.1:30005"');
    expect(getTomlValue(out, "instrumentation", "namespace")).toBe('"cometbft"');
  });

  it("sets block time, peers, indexer, CORS and local p2p rules", () => {
    expect(getTomlValue(out, "consensus", "timeout_commit")).toBe('"1s"');
    expect(getTomlValue(out, "p2p", "persistent_peers")).toBe('"abc@127.0.0.1:30011,def@127.0.0.1:30021"');
    expect(getTomlValue(out, "tx_index", "indexer")).toBe('"kv"');
    expect(getTomlValue(out, "rpc", "cors_allowed_origins")).toBe('["*"]');
    expect(getTomlValue(out, "p2p", "addr_book_strict")).toBe("false");
    expect(getTomlValue(out, "p2p", "allow_duplicate_ip")).toBe("true");
    expect(getTomlValue(out, "", "moniker")).toBe('"tso"');
  });
});

describe("app.toml edits", () => {
  const out = applyTomlEdits(appToml, appConfigEdits(ports));

  it("enables REST with CORS and gRPC on the spec's ports", () => {
    expect(getTomlValue(out, "api", "enable")).toBe("true");
    expect(getTomlValue(out, "api", "address")).toBe('"tcp://127.0.0.1:30003"');
    expect(getTomlValue(out, "api", "enabled-unsafe-cors")).toBe("true");
    expect(getTomlValue(out, "grpc", "address")).toBe('"127.0.0.1:30002"');
  });

  it("sets zero gas prices, default pruning, PebbleDB and prometheus telemetry", () => {
    expect(getTomlValue(out, "", "minimum-gas-prices")).toBe('"0ugrid"');
    expect(getTomlValue(out, "", "pruning")).toBe('"default"');
    expect(getTomlValue(out, "", "app-db-backend")).toBe('"pebbledb"');
    expect(getTomlValue(out, "telemetry", "enabled")).toBe("true");
    expect(getTomlValue(out, "telemetry", "service-name")).toBe('"gridd"');
    expect(getTomlValue(out, "telemetry", "prometheus-retention-time")).toBe("86400");
  });
});

describe("snapshots and state sync", () => {
  it("has every node take a snapshot for joiners, keeping a few", () => {
    const out = applyTomlEdits(`${appToml}[state-sync]\nsnapshot-interval = 0\nsnapshot-keep-recent = 2\n`, appConfigEdits(ports));
    expect(getTomlValue(out, "state-sync", "snapshot-interval")).toBe(String(SNAPSHOT_INTERVAL));
    expect(getTomlValue(out, "state-sync", "snapshot-keep-recent")).toBe(String(SNAPSHOT_KEEP_RECENT));
    // Often enough for a 1 s block net that a joiner finds a recent one, never every block.
    expect(SNAPSHOT_INTERVAL).toBeGreaterThanOrEqual(10);
    expect(SNAPSHOT_INTERVAL).toBeLessThanOrEqual(100);
  });

  it("takes none on a node whose spec says 0 (the bench's), and the spec's interval otherwise", () => {
    const start = `${appToml}[state-sync]\nsnapshot-interval = 20\nsnapshot-keep-recent = 2\n`;
    expect(getTomlValue(applyTomlEdits(start, appConfigEdits(ports, "pebbledb", undefined, 0)), "state-sync", "snapshot-interval")).toBe("0");
    expect(getTomlValue(applyTomlEdits(start, appConfigEdits(ports, "pebbledb", undefined, 1000)), "state-sync", "snapshot-interval")).toBe("1000");
  });

  const hash = "ab".repeat(32);
  const sync = { rpcServers: ["http://127.0.0.1:30000", "http://127.0.0.1:30010"], trustHeight: 40, trustHash: hash };

  it("enables state sync with two RPC servers and a trusted block", () => {
    const out = applyTomlEdits(`[statesync]\nenable = false\nrpc_servers = ""\ntrust_height = 0\ntrust_hash = ""\ntrust_period = "168h0m0s"\ndiscovery_time = "15s"\n`, stateSyncEdits(sync));
    expect(getTomlValue(out, "statesync", "enable")).toBe("true");
    expect(getTomlValue(out, "statesync", "rpc_servers")).toBe('"http://127.0.0.1:30000,http://127.0.0.1:30010"');
    expect(getTomlValue(out, "statesync", "trust_height")).toBe("40");
    expect(getTomlValue(out, "statesync", "trust_hash")).toBe(`"${hash.toUpperCase()}"`);
    expect(getTomlValue(out, "statesync", "trust_period")).toBe('"168h0m0s"');
    expect(getTomlValue(out, "statesync", "discovery_time")).toBe('"5s"');
  });

  it("refuses one RPC server, a height below 1 and a hash that is not one", () => {
    expect(() => stateSyncEdits({ ...sync, rpcServers: ["http://127.0.0.1:30000"] })).toThrow(/two RPC servers/);
    expect(() => stateSyncEdits({ ...sync, trustHeight: 0 })).toThrow(/not a block height/);
    expect(() => stateSyncEdits({ ...sync, trustHash: "abc" })).toThrow(/not a block hash/);
  });
});

describe("client.toml edits", () => {
  it("points the CLI at the node with the test keyring", () => {
    const out = applyTomlEdits(clientToml, clientConfigEdits("gridledger-dev-1", ports));
    expect(getTomlValue(out, "", "chain-id")).toBe('"gridledger-dev-1"');
    expect(getTomlValue(out, "", "keyring-backend")).toBe('"test"');
    expect(getTomlValue(out, "", "node")).toBe('"tcp://127.0.0.1:30000"');
    expect(getTomlValue(out, "", "output")).toBe('"text"');
  });
});
