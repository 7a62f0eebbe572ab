import { describe, expect, it } from "vitest";
import { endpointsOf, portsFromBase } from "../chain/spec.js";
import { describeProgress, freePortBase, nextFullNodeName, reservedPorts, syncProgress, trustHeightFor } from "./join.js";
import type { NetworkState, StateChain } from "./state.js";

// Lines as gridd writes them (CometBFT 0.38 statesync/syncer.go through the SDK's coloured logger).
const c = (text: string) => `\x1b[90m2:28PM\x1b[0m \x1b[32mINF\x1b[0m \x1b[1m${text}\x1b[0m \x1b[36mmodule=\x1b[0mstatesync`;
const LOG = [
  c("Starting state sync"),
  c("Discovering snapshots \x1b[36mdiscoverTime=\x1b[0m5000"),
  c("Discovered new snapshot \x1b[36mformat=\x1b[0m3 \x1b[36mhash=\x1b[0m\"...\" \x1b[36mheight=\x1b[0m40"),
  c("Offering snapshot to ABCI app \x1b[36mformat=\x1b[0m3 \x1b[36mheight=\x1b[0m40"),
  c("Snapshot accepted, restoring \x1b[36mchunks=\x1b[0m2 \x1b[36mformat=\x1b[0m3 \x1b[36mheight=\x1b[0m40"),
  c("Applied snapshot chunk to ABCI app \x1b[36mchunk=\x1b[0m0 \x1b[36mformat=\x1b[0m3 \x1b[36mheight=\x1b[0m40 \x1b[36mtotal=\x1b[0m2"),
];

const chain = (over: Partial<StateChain>): StateChain => ({
  name: "transmission",
  chainId: "gl-t-1",
  level: "transmission",
  home: "/net/transmission",
  periodSeconds: 900,
  endpoints: endpointsOf(portsFromBase(27000)),
  nodes: [0, 1].map((i) => ({ index: i, home: `/net/transmission/val-${i}`, endpoints: endpointsOf(portsFromBase(27000 + 10 * i)), logFile: "l" })),
  gridOperator: { name: "tso", address: "grid1" },
  banks: [],
  accounts: {},
  seeded: true,
  ...over,
});

const network = (chains: StateChain[]): NetworkState => ({
  version: 1,
  name: "t",
  topologyFile: "t.yaml",
  home: "/net",
  updatedAt: "",
  chains,
  links: [],
  hermes: { binary: "hermes", home: "/net/hermes", config: "c", logFile: "l", restPort: 27020, telemetryPort: 27021 },
  uiPort: 27022,
});

describe("state sync progress from a joining node's log", () => {
  it("follows discovery, restoring chunk by chunk, and the restored snapshot", () => {
    expect(syncProgress("")).toEqual({ phase: "starting" });
    expect(syncProgress(LOG.slice(0, 2).join("\n"))).toEqual({ phase: "discovering" });
    expect(syncProgress(LOG.join("\n"))).toEqual({ phase: "restoring", snapshotHeight: 40, chunk: 1, chunks: 2 });
    const done = [...LOG, c("Snapshot restored \x1b[36mformat=\x1b[0m3 \x1b[36mheight=\x1b[0m40")].join("\n");
    expect(syncProgress(done)).toMatchObject({ phase: "restored", snapshotHeight: 40 });
    expect(syncProgress(c("Found local state with non-zero height, skipping state sync"))).toEqual({ phase: "skipped" });
  });

  it("says what the node is doing in a line", () => {
    expect(describeProgress(syncProgress(LOG.join("\n")), undefined, 50)).toBe("restoring the snapshot of height 40: chunk 1 of 2 applied");
    const node = { nodeId: "x", listenAddr: "tcp://127.0.0.1:27031", height: 44, earliestHeight: 41, catchingUp: true };
    expect(describeProgress({ phase: "restored", snapshotHeight: 40 }, node, 52)).toBe("snapshot of height 40 restored, catching up: height 44 of 52");
    expect(describeProgress({ phase: "restored", snapshotHeight: 40 }, { ...node, height: 0 }, 52)).toBe("snapshot of height 40 restored, block sync starting");
    expect(describeProgress({ phase: "skipped" }, { ...node, catchingUp: false, height: 52 }, 52)).toBe("has its own state (no state sync needed), following: height 52 of 52");
  });
});

describe("joining", () => {
  it("trusts a block one snapshot interval below the tip, never below 1", () => {
    expect(trustHeightFor(100, 20)).toBe(80);
    expect(trustHeightFor(15, 20)).toBe(1);
  });

  it("names joined nodes full-0, full-1, ... taking the first free name", () => {
    expect(nextFullNodeName(chain({}))).toBe("full-0");
    const node = { home: "h", nodeId: "n", ports: portsFromBase(27030), endpoints: endpointsOf(portsFromBase(27030)), logFile: "l", joinedAt: "" };
    expect(nextFullNodeName(chain({ fullNodes: [{ ...node, name: "full-0" }, { ...node, name: "full-2" }] }))).toBe("full-1");
  });

  it("gives a joined node the first free block of ports above the network's, never a stopped node's", async () => {
    const joined = { name: "full-0", home: "h", nodeId: "n", ports: portsFromBase(27030), endpoints: endpointsOf(portsFromBase(27030)), logFile: "l", joinedAt: "" };
    const state = network([chain({ fullNodes: [joined] })]);
    const used = reservedPorts(state);
    for (const p of [27000, 27004, 27011, 27014, 27020, 27021, 27022, 27030, 27034]) expect(used.has(p)).toBe(true);
    expect(await freePortBase(state, async () => true)).toBe(27040);
    // A block with a port something else listens on is skipped.
    expect(await freePortBase(state, async (p) => p !== 27042)).toBe(27050);
  });
});
