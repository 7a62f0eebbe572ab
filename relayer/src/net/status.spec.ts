import { describe, expect, it } from "vitest";
import { CHANNEL_UNREADABLE } from "./ibc.js";
import { formatStatus, type NetworkStatus } from "./status.js";

const status = (over: Partial<NetworkStatus> = {}): NetworkStatus => ({
  name: "default",
  home: "/tmp/net",
  chains: [
    { name: "transmission", chainId: "gl-t-1", level: "transmission", rpc: "http://127.0.0.1:27000", height: 812, nodes: [0, 1, 2, 3].map((index) => ({ index, pid: 100 + index, height: 812 })) },
    { name: "regional-east", chainId: "gl-e-1", level: "distribution", parent: "transmission", rpc: "http://127.0.0.1:27040", nodes: [{ index: 0 }] },
  ],
  links: [
    {
      parent: "transmission",
      child: "regional-east",
      channels: [{ type: "transfer", parentChannel: "channel-0", childChannel: "channel-3", parentState: "STATE_OPEN", childState: "STATE_OPEN", pendingDown: 2, pendingUp: 0 }],
    },
  ],
  hermes: { pid: 4242, version: "1.10.5", paused: false, rest: "http://127.0.0.1:27080", telemetry: "http://127.0.0.1:27081/metrics", health: { up: true, library: "ibc-relayer 0.29.5", chains: ["gl-t-1", "gl-e-1"], workers: { packet: 2, client: 2 } } },
  supervisor: { pid: 4240 },
  ...over,
});

describe("formatStatus", () => {
  it("shows each chain's height and live nodes, each channel's states and pending packets, and Hermes' health", () => {
    const text = formatStatus(status());
    expect(text).toMatch(/transmission\s+gl-t-1\s+height\s+812\s+nodes 4\/4 up\s+transmission, root/);
    expect(text).toMatch(/regional-east\s+gl-e-1\s+height\s+-\s+nodes 0\/1 up\s+distribution, under transmission/);
    expect(text).toMatch(/transmission channel-0\s+<-> regional-east channel-3\s+transfer\s+open\/open\s+pending down 2, up 0/);
    expect(text).toMatch(/hermes\s+running \(pid 4242\), healthy, v1\.10\.5, 2 chains, workers packet 2, client 2/);
    expect(text).toMatch(/supervisor\s+running \(pid 4240\)/);
  });

  it("says when Hermes was stopped on purpose, a channel end is missing, and no supervisor runs", () => {
    const s = status({ hermes: { paused: true, rest: "r", telemetry: "t", health: { up: false, chains: [], workers: {} } }, supervisor: {} });
    const [link] = s.links;
    if (link?.channels[0]) delete link.channels[0].childState;
    const text = formatStatus(s);
    expect(text).toMatch(/hermes\s+not running \(stopped on purpose: `gridnet hermes start`\)/);
    expect(text).toMatch(/open\/missing/);
    expect(text).toMatch(/supervisor\s+not running \(Hermes is not restarted if it dies\)/);
  });

  it("points at every node's metrics, CometBFT's and the app's, and leaves them out for state files without them", () => {
    const s = status();
    const node = s.chains[0]?.nodes[1];
    if (!node) throw new Error("no node");
    node.metrics = { comet: "http://127.0.0.1:27015/metrics", app: "http://127.0.0.1:27013/metrics?format=prometheus" };
    const root = s.chains[0];
    if (!root) throw new Error("no chain");
    root.fullNodes = [{ name: "full-0", rpc: "http://127.0.0.1:27090", metrics: { comet: "http://127.0.0.1:27095/metrics", app: "http://127.0.0.1:27093/metrics?format=prometheus" } }];
    const text = formatStatus(s);
    expect(text).toMatch(
      /metrics \(Prometheus; docs\/operations\/metrics\.md\)\n\s+transmission val-1\s+cometbft http:\/\/127\.0\.0\.1:27015\/metrics\s+app http:\/\/127\.0\.0\.1:27013\/metrics\?format=prometheus\n\s+transmission full-0\s+cometbft http:\/\/127\.0\.0\.1:27095\/metrics\s+app http:\/\/127\.0\.0\.1:27093\/metrics\?format=prometheus\n\n/,
    );
    expect(formatStatus(status())).not.toMatch(/metrics \(Prometheus/);
  });

  it("lists the nodes that joined a chain by state sync under it", () => {
    const s = status();
    const root = s.chains[0];
    if (!root) throw new Error("no chain");
    root.fullNodes = [
      { name: "full-0", rpc: "http://127.0.0.1:27090", pid: 777, height: 811, catchingUp: false, snapshotHeight: 780 },
      { name: "full-1", rpc: "http://127.0.0.1:27100" },
    ];
    const text = formatStatus(s);
    expect(text).toMatch(/\+ full-0 \(joined by state sync, restored snapshot 780\): up \(pid 777\), height 811\s+http:\/\/127\.0\.0\.1:27090/);
    expect(text).toMatch(/\+ full-1 \(joined by state sync\): down/);
    // Validators are counted apart from joined nodes.
    expect(text).toMatch(/nodes 4\/4 up/);
  });

  it("tells a channel end the chain says is missing from one it could not read (a node down or starting)", () => {
    const s = status();
    const channel = s.links[0]?.channels[0];
    if (!channel) throw new Error("no channel");
    channel.childState = CHANNEL_UNREADABLE;
    expect(formatStatus(s)).toMatch(/transfer\s+open\/no answer/);
  });

  it("reports each chain's invariants from the supervisor's last pass: ok or broken with a sentence, and when", () => {
    const s = status();
    const [root, east] = s.chains;
    if (!root || !east) throw new Error("no chains");
    root.invariants = {
      checkedAt: "2026-12-03T15:00:00.000Z",
      results: [
        { name: "fiat-banks", designItem: "1", description: "", ok: true, checked: 2 },
        { name: "energy-tokens", designItem: "2, 7", description: "", ok: false, checked: 41, record: "token 41", message: "token 41: consumer side in the owner index missing or wrong (not found)" },
      ],
    };
    const text = formatStatus(s);
    expect(text).toMatch(/transmission\s+1 of 2 BROKEN, checked 2026-12-03T15:00:00.000Z/);
    expect(text).toContain("ok      fiat-banks (DESIGN.md §6 item 1) holds for all 2 records.");
    expect(text).toContain("BROKEN  energy-tokens (DESIGN.md §6 item 2, 7) is broken at token 41: token 41: consumer side in the owner index missing or wrong (not found).");
    expect(text).toMatch(/regional-east\s+not checked yet/);

    root.invariants = { checkedAt: "2026-12-03T15:01:00.000Z", results: [{ name: "fiat-banks", designItem: "1", description: "", ok: true, checked: 2 }] };
    east.invariants = { checkedAt: "2026-12-03T15:01:02.000Z", results: [], error: "the check could not finish: fetch failed" };
    const again = formatStatus(s);
    expect(again).toMatch(/transmission\s+all 1 ok, checked 2026-12-03T15:01:00.000Z/);
    expect(again).toMatch(/regional-east\s+UNKNOWN, checked 2026-12-03T15:01:02.000Z: the check could not finish: fetch failed/);
    expect(again).not.toContain("BROKEN");
  });
});
