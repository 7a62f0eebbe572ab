/**
 * The summary `gridnet up` and `npm start` print: where every chain answers, how the grids are
 * linked, and which accounts to use.
 */
import { formatBox } from "../dev.js";
import { isDemoAccountName } from "../ui/network.js";
import { REGISTRY_DIR } from "./registry.js";
import type { NetworkState } from "./state.js";

/** describeNetwork is the summary box; `uiUrl` heads it when the web UI is being served. */
export function describeNetwork(state: NetworkState, extra: readonly string[] = [], uiUrl?: string): string {
  const lines: string[] = [];
  if (uiUrl !== undefined) lines.push(`web UI  ${uiUrl}  (open it in a browser: market and portfolio, demo accounts)`, "");
  const depth = (name: string): number => {
    const c = state.chains.find((x) => x.name === name);
    return c?.parent === undefined ? 0 : 1 + depth(c.parent);
  };
  // Depth first, so every chain stands right under its parent.
  const tree: NetworkState["chains"] = [];
  const visit = (parent: string | undefined) => {
    for (const c of state.chains.filter((x) => x.parent === parent)) {
      tree.push(c);
      visit(c.name);
    }
  };
  visit(undefined);
  for (const c of tree) {
    const indent = "  ".repeat(depth(c.name));
    lines.push(`${indent}${c.name} (${c.level}, ${c.chainId}, ${c.nodes.length} validator${c.nodes.length > 1 ? "s" : ""})`);
    lines.push(`${indent}  RPC ${c.endpoints.rpc}  REST ${c.endpoints.rest}  gRPC ${c.endpoints.grpc}`);
    const metrics = c.nodes[0]?.metrics;
    if (metrics !== undefined) lines.push(`${indent}  metrics ${metrics.comet}  ${metrics.app}`);
    const banks = c.banks.map((b) => `${b.denom} by ${b.account}`).join(", ");
    lines.push(`${indent}  operator ${c.gridOperator.name}${banks ? `, fiat ${banks}` : ""}`);
  }
  lines.push("", "links (ICS-20 transfer channels)");
  for (const l of state.links) {
    for (const ch of l.channels) lines.push(`  ${l.parent} ${ch.parent.channelId} <-> ${l.child} ${ch.child.channelId} (${ch.type})`);
  }
  lines.push("", `Hermes REST http://127.0.0.1:${state.hermes.restPort}, telemetry http://127.0.0.1:${state.hermes.telemetryPort}/metrics`);
  const people = new Map<string, string>();
  for (const c of state.chains) for (const [name, address] of Object.entries(c.accounts)) if (isDemoAccountName(name)) people.set(name, address);
  lines.push("", "accounts (same key on every chain; TEST ONLY keys, never use for value):");
  const w = Math.max(...[...people.keys()].map((n) => n.length));
  for (const [name, address] of people) lines.push(`  ${name.padEnd(w)}  ${address}`);
  const registry = [`wallet files: <chain home>/${REGISTRY_DIR}/{chain,assetlist,keplr}.json${uiUrl === undefined ? "" : `, served at ${uiUrl}chains/<chain>/`}`];
  lines.push("", `mnemonics: <chain home>/gridnet.json under ${state.home}`, ...registry, "status: npx gridnet status    logs: npx gridnet logs <chain|hermes> -f    stop: npx gridnet down", ...extra);
  return formatBox(`gridledger network "${state.name}": ${state.chains.length} chains, ${state.links.length} links`, lines);
}
