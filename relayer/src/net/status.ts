/**
 * `gridnet status`: every chain's height per node, every link's channels with their state and
 * pending packets, Hermes' health and the supervisor, as JSON (for the UI and tests) or text.
 */
import { latestHeight, runningPid } from "../chain/node.js";
import { metricsOf } from "../chain/spec.js";
import { CHANNEL_UNREADABLE, invariantSentence, type ChainStatus, type ChannelStatus, type FullNodeStatus, type InvariantCheck, type LinkStatus, type NetworkStatus, type NodeStatus } from "@gridledger/client";
import { hermesHealth, runningHermes } from "../hermes/hermes.js";
import { installedHermesVersion } from "../hermes/install.js";
import { channelState, linkedOver, pendingPackets } from "./ibc.js";
import { rpcStatus } from "./join.js";
import type { NetworkState, StateChain } from "./state.js";
import { readInvariantChecks } from "./invariants.js";
import { isHermesPaused, runningSupervisor } from "./supervisor.js";

// The shapes live in @gridledger/client, which the web UI reads /status.json with.
export type { ChainStatus, ChannelStatus, FullNodeStatus, LinkStatus, NetworkStatus, NodeStatus };

async function chainStatus(chain: StateChain, invariants: InvariantCheck | undefined): Promise<ChainStatus> {
  const nodes = await Promise.all(
    chain.nodes.map(async (n): Promise<NodeStatus> => {
      const pid = await runningPid(n.home);
      // A validator on a host of its own runs there, not here: only its RPC tells.
      const elsewhere = new URL(n.endpoints.rpc).hostname !== "127.0.0.1";
      const height = pid === undefined && !elsewhere ? undefined : await latestHeight(n.endpoints.rpc);
      return {
        index: n.index,
        ...(pid === undefined ? {} : { pid }),
        ...(height === undefined ? {} : { height }),
        ...(n.metrics === undefined ? {} : { metrics: { comet: n.metrics.comet, app: n.metrics.app } }),
      };
    }),
  );
  const fullNodes = await Promise.all(
    (chain.fullNodes ?? []).map(async (n): Promise<FullNodeStatus> => {
      const pid = await runningPid(n.home);
      const rpc = pid === undefined ? undefined : await rpcStatus(n.endpoints.rpc);
      return {
        name: n.name,
        rpc: n.endpoints.rpc,
        ...(pid === undefined ? {} : { pid }),
        ...(rpc === undefined ? {} : { height: rpc.height, catchingUp: rpc.catchingUp }),
        ...(n.snapshotHeight === undefined ? {} : { snapshotHeight: n.snapshotHeight }),
        // Joined before nodes served metrics: no metrics port in its block.
        ...((n.ports.prometheus as number | undefined) === undefined ? {} : { metrics: metricsOf(n.ports) }),
      };
    }),
  );
  const heights = nodes.map((n) => n.height).filter((h): h is number => h !== undefined);
  return {
    name: chain.name,
    chainId: chain.chainId,
    level: chain.level,
    ...(chain.parent === undefined ? {} : { parent: chain.parent }),
    rpc: chain.endpoints.rpc,
    ...(heights.length === 0 ? {} : { height: Math.max(...heights) }),
    nodes,
    ...(fullNodes.length === 0 ? {} : { fullNodes }),
    ...(invariants === undefined ? {} : { invariants }),
  };
}

const optional = async <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

/** networkStatus asks every process and chain of the network how it is. */
export async function networkStatus(state: NetworkState): Promise<NetworkStatus> {
  const rest = (name: string) => state.chains.find((c) => c.name === name)?.endpoints.rest ?? "";
  const checks = await readInvariantChecks(state.home);
  const [chains, links, hermesPid, paused, health, supervisorPid, hermesVersion] = await Promise.all([
    Promise.all(state.chains.map((c) => chainStatus(c, checks[c.name]))),
    Promise.all(
      state.links.map(
        async (link): Promise<LinkStatus> => ({
          parent: link.parent,
          child: link.child,
          channels: await Promise.all(
            link.channels.map(async (c): Promise<ChannelStatus> => {
              const energy = c.type === "energy";
              const [parentState, childState, pendingDown, pendingUp, linkedOnParent, linkedOnChild] = await Promise.all([
                channelState(rest(link.parent), c.parent.portId, c.parent.channelId),
                channelState(rest(link.child), c.child.portId, c.child.channelId),
                optional(pendingPackets(rest(link.parent), c.parent.portId, c.parent.channelId)),
                optional(pendingPackets(rest(link.child), c.child.portId, c.child.channelId)),
                energy ? optional(linkedOver(rest(link.parent), "child", c.parent.channelId)) : undefined,
                energy ? optional(linkedOver(rest(link.child), "parent", c.child.channelId)) : undefined,
              ]);
              return {
                type: c.type,
                parentChannel: c.parent.channelId,
                childChannel: c.child.channelId,
                ...(parentState === undefined ? {} : { parentState }),
                ...(childState === undefined ? {} : { childState }),
                ...(pendingDown === undefined ? {} : { pendingDown }),
                ...(pendingUp === undefined ? {} : { pendingUp }),
                ...(linkedOnParent === undefined ? {} : { linkedOnParent }),
                ...(linkedOnChild === undefined ? {} : { linkedOnChild }),
              };
            }),
          ),
        }),
      ),
    ),
    runningHermes(state.hermes),
    isHermesPaused(state),
    hermesHealth(state.hermes),
    runningSupervisor(state.home),
    installedHermesVersion(state.hermes.binary),
  ]);
  return {
    name: state.name,
    home: state.home,
    chains,
    links,
    hermes: {
      ...(hermesPid === undefined ? {} : { pid: hermesPid }),
      ...(hermesVersion === undefined ? {} : { version: hermesVersion }),
      paused,
      rest: `http://127.0.0.1:${state.hermes.restPort}`,
      telemetry: `http://127.0.0.1:${state.hermes.telemetryPort}/metrics`,
      health,
    },
    supervisor: supervisorPid === undefined ? {} : { pid: supervisorPid },
  };
}

const state = (s: string | undefined) => (s === undefined ? "missing" : s === CHANNEL_UNREADABLE ? "no answer" : s.replace(/^STATE_/, "").toLowerCase());

/** linkedText says, for an energy channel, on which chains the link is recorded. */
function linkedText(c: ChannelStatus): string {
  if (c.type !== "energy") return "";
  const word = (b: boolean | undefined) => (b === undefined ? "?" : b ? "yes" : "no");
  return `, linked parent ${word(c.linkedOnParent)}, child ${word(c.linkedOnChild)}`;
}

/** fullNodeText is a joined node's line under its chain. */
function fullNodeText(f: FullNodeStatus): string {
  const restored = f.snapshotHeight === undefined ? "" : `, restored snapshot ${f.snapshotHeight}`;
  const how = f.pid === undefined ? "down" : f.height === undefined ? `up (pid ${f.pid}), RPC not answering` : `up (pid ${f.pid}), height ${f.height}${f.catchingUp ? " catching up" : ""}`;
  return `+ ${f.name} (joined by state sync${restored}): ${how}  ${f.rpc}`;
}

/** invariantLines says how a chain's invariants stood at the supervisor's last pass. */
export function invariantLines(c: ChainStatus, w: number): string[] {
  const check = c.invariants;
  if (check === undefined) return [`  ${c.name.padEnd(w)}  not checked yet (the supervisor checks every chain each minute)`];
  const when = `checked ${check.checkedAt}`;
  if (check.error !== undefined) return [`  ${c.name.padEnd(w)}  UNKNOWN, ${when}: ${check.error}`];
  const broken = check.results.filter((r) => !r.ok);
  const head = broken.length === 0 ? `all ${check.results.length} ok` : `${broken.length} of ${check.results.length} BROKEN`;
  return [`  ${c.name.padEnd(w)}  ${head}, ${when}`, ...check.results.map((r) => `    ${r.ok ? "ok    " : "BROKEN"}  ${invariantSentence(r)}`)];
}

/** formatStatus renders a status as the text `gridnet status` prints. */
export function formatStatus(s: NetworkStatus): string {
  const lines = [`network ${s.name} (${s.home})`, "", "chains"];
  const w = Math.max(...s.chains.map((c) => c.name.length));
  for (const c of s.chains) {
    const up = c.nodes.filter((n) => n.pid !== undefined).length;
    const where = c.parent === undefined ? "root" : `under ${c.parent}`;
    lines.push(`  ${c.name.padEnd(w)}  ${c.chainId.padEnd(30)} height ${String(c.height ?? "-").padStart(6)}  nodes ${up}/${c.nodes.length} up  ${c.level}, ${where}  ${c.rpc}`);
    for (const f of c.fullNodes ?? []) lines.push(`  ${"".padEnd(w)}  ${fullNodeText(f)}`);
  }
  const scraped = s.chains.flatMap((c) => [
    ...c.nodes.map((n) => ({ node: `${c.name} val-${n.index}`, metrics: n.metrics })),
    ...(c.fullNodes ?? []).map((f) => ({ node: `${c.name} ${f.name}`, metrics: f.metrics })),
  ]);
  const nw = Math.max(0, ...scraped.map((m) => m.node.length));
  if (scraped.some((m) => m.metrics !== undefined)) {
    lines.push("", "metrics (Prometheus; docs/operations/metrics.md)");
    for (const { node, metrics } of scraped) {
      if (metrics !== undefined) lines.push(`  ${node.padEnd(nw)}  cometbft ${metrics.comet}  app ${metrics.app}`);
    }
  }
  lines.push("", "links (pending = packets sent, not yet acknowledged)");
  if (s.links.length === 0) lines.push("  none yet");
  for (const l of s.links) {
    for (const c of l.channels) {
      lines.push(
        `  ${`${l.parent} ${c.parentChannel}`.padEnd(w + 12)} <-> ${`${l.child} ${c.childChannel}`.padEnd(w + 12)} ${c.type.padEnd(9)} ${state(c.parentState)}/${state(c.childState)}  pending down ${c.pendingDown ?? "?"}, up ${c.pendingUp ?? "?"}${linkedText(c)}`,
      );
    }
  }
  lines.push("", "invariants (DESIGN.md §6, checked live by the supervisor)");
  for (const c of s.chains) lines.push(...invariantLines(c, w));
  const h = s.hermes;
  const hermesLine =
    h.pid === undefined
      ? `not running${h.paused ? " (stopped on purpose: `gridnet hermes start`)" : ""}`
      : `running (pid ${h.pid}), ${h.health.up ? `healthy, v${h.version ?? "?"}, ${h.health.chains.length} chains, workers ${Object.entries(h.health.workers).map(([k, n]) => `${k} ${n}`).join(", ") || "none"}` : "REST not answering"}`;
  lines.push("", `hermes      ${hermesLine}`, `            REST ${h.rest}  telemetry ${h.telemetry}`);
  lines.push(`supervisor  ${s.supervisor.pid === undefined ? "not running (Hermes is not restarted if it dies)" : `running (pid ${s.supervisor.pid})`}`);
  return lines.join("\n");
}
