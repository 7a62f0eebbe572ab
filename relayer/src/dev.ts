/**
 * The dev chain: its spec, ports and the summary devnode prints (pure parts, testable).
 */
import { join } from "node:path";
import type { Gridnet } from "./chain/gridnet.js";
import { metricsOf, portsFromBase, resolveChainSpec, STANDARD_PORTS, type ChainSpec, type Ports } from "./chain/spec.js";
import { devAccounts, devBanks } from "./dev-accounts.js";
import { REPO_ROOT } from "./paths.js";

export const DEV_CHAIN_ID = "gridledger-dev-1";
export const DEV_HOME = join(REPO_ROOT, ".gridnet", "dev");

/** devPorts: the standard ports, or a block from GRIDLEDGER_DEV_PORT_BASE. */
export function devPorts(env: NodeJS.ProcessEnv = process.env): Ports {
  const raw = env.GRIDLEDGER_DEV_PORT_BASE;
  if (raw === undefined || raw === "") return { ...STANDARD_PORTS };
  const base = Number(raw);
  if (!Number.isInteger(base)) throw new Error(`GRIDLEDGER_DEV_PORT_BASE="${raw}" is not a port number: use e.g. 36657`);
  return portsFromBase(base);
}

/**
 * devChainSpec is the dev chain: operator (grid operator), validator, alice, bob, carol, and bank,
 * which issues uchf.alpine from genesis (DEV_BANK).
 */
export function devChainSpec(binary: string, ports: Ports, home = DEV_HOME): ChainSpec {
  return resolveChainSpec({
    chainId: DEV_CHAIN_ID,
    moniker: "dev",
    home,
    binary,
    ports,
    blockTime: "1s",
    accounts: devAccounts(),
    gridOperator: "operator",
    banks: devBanks(),
  });
}

/** formatBox frames lines in a box for the terminal. */
export function formatBox(title: string, lines: readonly string[]): string {
  const width = Math.max(title.length + 2, ...lines.map((l) => l.length));
  const bar = "─".repeat(width + 2);
  return [
    `┌${bar}┐`,
    `│ ${title.padEnd(width)} │`,
    `├${bar}┤`,
    ...lines.map((l) => `│ ${l.padEnd(width)} │`),
    `└${bar}┘`,
  ].join("\n");
}

/** describeDevnode is the summary printed once the node makes blocks. */
export function describeDevnode(gridnet: Gridnet, info: { pid: number; height: number; logFile: string; chainHome: string }): string {
  const node0 = gridnet.nodes[0];
  const nameWidth = Math.max(...gridnet.accounts.map((a) => a.name.length));
  const lines = [
    `RPC   ${gridnet.endpoints.rpc}`,
    `REST  ${gridnet.endpoints.rest}`,
    `gRPC  ${gridnet.endpoints.grpc}`,
    ...(node0 === undefined ? [] : [`metrics ${metricsOf(node0.ports).comet}`, `        ${metricsOf(node0.ports).app}`]),
    "",
    `height ${info.height}, pid ${info.pid}`,
    `home  ${node0?.home ?? "?"}`,
    `log   ${info.logFile}`,
    "",
    "accounts (test keyring of the home; TEST ONLY, never use for value):",
    ...gridnet.accounts.map((a) => `  ${a.name.padEnd(nameWidth)}  ${a.address}${a.name === gridnet.gridOperator.name ? "  (grid operator)" : ""}`),
    "",
    `mnemonics and more: ${join(info.chainHome, "gridnet.json")}`,
    `CLI: gridd query bank balances <address> --home ${node0?.home ?? "?"}`,
  ];
  return formatBox(`gridledger dev node: ${gridnet.chainId}`, lines);
}
