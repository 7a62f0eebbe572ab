/** A gridnet status of the default hierarchy, for the Network view's tests. */
import type { NetworkStatus } from "@gridledger/client";

export function statusFixture(heights: Partial<Record<string, number | undefined>> = {}): NetworkStatus {
  const h = (name: string, fallback: number) => (name in heights ? heights[name] : fallback);
  const chain = (name: string, chainId: string, level: string, parent: string | undefined, nodes: number, height: number | undefined) => ({
    name,
    chainId,
    level,
    ...(parent === undefined ? {} : { parent }),
    rpc: `http://127.0.0.1:2${chainId.length}000`,
    ...(height === undefined ? {} : { height }),
    nodes: Array.from({ length: nodes }, (_, index) => (height === undefined ? { index } : { index, pid: 100 + index, height })),
  });
  return {
    name: "default",
    home: "/home/me/.gridnet/default",
    chains: [
      chain("transmission", "gridledger-transmission-1", "transmission", undefined, 4, h("transmission", 812)),
      chain("regional-east", "gridledger-regional-east-1", "distribution", "transmission", 1, h("regional-east", 640)),
      chain("regional-west", "gridledger-regional-west-1", "distribution", "transmission", 1, h("regional-west", 655)),
      chain("local-valley", "gridledger-local-valley-1", "local", "regional-east", 1, h("local-valley", 600)),
    ],
    links: [
      { parent: "transmission", child: "regional-east", channels: [{ type: "transfer", parentChannel: "channel-0", childChannel: "channel-0", parentState: "STATE_OPEN", childState: "STATE_OPEN", pendingDown: 2, pendingUp: 0 }, { type: "energy", parentChannel: "channel-2", childChannel: "channel-1", parentState: "STATE_OPEN", childState: "STATE_OPEN", pendingDown: 0, pendingUp: 0, linkedOnParent: true, linkedOnChild: true }] },
      { parent: "transmission", child: "regional-west", channels: [{ type: "transfer", parentChannel: "channel-1", childChannel: "channel-0", parentState: "STATE_OPEN", childState: "STATE_OPEN", pendingDown: 0, pendingUp: 0 }, { type: "energy", parentChannel: "channel-3", childChannel: "channel-1", parentState: "STATE_OPEN", childState: "STATE_OPEN", pendingDown: 0, pendingUp: 0, linkedOnParent: true, linkedOnChild: false }] },
      { parent: "regional-east", child: "local-valley", channels: [{ type: "transfer", parentChannel: "channel-1", childChannel: "channel-0", parentState: "STATE_OPEN", childState: "STATE_UNREADABLE", pendingDown: 0 }] },
    ],
    hermes: {
      pid: 4242,
      version: "1.10.5",
      paused: false,
      rest: "http://127.0.0.1:27080",
      telemetry: "http://127.0.0.1:27081/metrics",
      health: { up: true, library: "ibc-relayer 0.29.5", chains: ["a", "b", "c", "d"], workers: { packet: 6, client: 6 } },
    },
    supervisor: { pid: 4240 },
  };
}
