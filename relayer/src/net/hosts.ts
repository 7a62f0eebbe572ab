/**
 * `gridnet export-hosts`: for a topology whose validators have hosts of their own (`hosts` in a
 * chain), every validator's home written ready to copy to its host (keys, genesis, config.toml
 * with its peers on their hosts and its own listen addresses, app.toml, client.toml), Hermes'
 * config with every chain's RPC and gRPC on its hosts plus the relayer's key files, and for each
 * validator the commands to copy and start it there. Nothing is started. Operator's guide:
 * docs/operations/validator-host.md; design: docs/adr/028-validators-on-hosts.md.
 */
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { initChainHome } from "../chain/home.js";
import { nodeHome, nodeMoniker, validatorHost, validatorPorts, type Ports } from "../chain/spec.js";
import type { Gridnet } from "../chain/gridnet.js";
import { gridnetAccount } from "../chain/gridnet.js";
import { hermesConfig, hermesConfigPath, HERMES_KEY_NAME } from "../hermes/config.js";
import { stderrLog, type Log } from "../log.js";
import { hostedChains, RELAYER_ACCOUNT, type NetworkPlan } from "../topology/plan.js";
import { DEFAULT_TOPOLOGY, planFromFile } from "./up.js";

/** REMOTE_HOME is where a validator's home goes on its host: gridd's default home (~/.gridd), as for simd. */
export const REMOTE_HOME = "~/.gridd";

/** HostedValidator is one validator of a hosted chain and where it runs. */
export interface HostedValidator {
  chain: string;
  chainId: string;
  index: number;
  moniker: string;
  host: string;
  /** Its home on this machine, written by export-hosts: copy its content to REMOTE_HOME on the host. */
  home: string;
  ports: Ports;
  /** CometBFT node id (from node_key.json), known once the home is written. */
  nodeId?: string;
}

/** hostedValidators lists every validator of the plan's hosted chains, root chain first. Pure. */
export function hostedValidators(plan: Pick<NetworkPlan, "chains">): HostedValidator[] {
  return hostedChains(plan).flatMap((c) =>
    Array.from({ length: c.spec.validators }, (_, i): HostedValidator => ({
      chain: c.name,
      chainId: c.spec.chainId,
      index: i,
      moniker: nodeMoniker(c.spec, i),
      host: validatorHost(c.spec, i),
      home: nodeHome(c.spec, i),
      ports: validatorPorts(c.spec, i),
    })),
  );
}

/** HermesKeyFile is a relayer key Hermes must learn on the relayer's machine. */
export interface HermesKeyFile {
  chainId: string;
  /** File holding the relayer account's mnemonic (TEST ONLY dev mnemonic). */
  mnemonicFile: string;
}

/** shellQuote quotes `s` for a POSIX shell when it needs it. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,~-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** startCommand is what starts a validator on its host, as an operator of simd would type it. */
export function startCommand(): string {
  return `gridd start --home ${REMOTE_HOME}`;
}

/** copyCommand copies a validator's home to its host (rsync over ssh; the trailing slashes copy the content). */
export function copyCommand(v: Pick<HostedValidator, "home" | "host">): string {
  return `rsync -a ${shellQuote(`${v.home}/`)} ${v.host}:.gridd/`;
}

/**
 * hostInstructions is what export-hosts prints: per validator where it runs, its peer address,
 * how to copy its home and start it; the ports to open; Hermes' config, keys and start. Pure.
 */
export function hostInstructions(input: {
  network: string;
  topologyFile: string;
  /** The network home, named in the printed `gridnet up --remote` when given. */
  home?: string;
  validators: readonly HostedValidator[];
  hermesConfig: string;
  hermesKeys: readonly HermesKeyFile[];
}): string {
  const lines = [
    `Validator homes of network "${input.network}", one per host. TEST keys: dev mnemonics anyone can derive, never for value.`,
    `Copy each home to its host, start every validator there (any order; a chain makes blocks once more than 2/3 of its voting power runs),`,
    `then link and relay from this machine. Guide: docs/operations/validator-host.md.`,
  ];
  let chain = "";
  for (const v of input.validators) {
    if (v.chain !== chain) {
      chain = v.chain;
      lines.push("", `${v.chain} (${v.chainId})`);
    }
    lines.push(
      `  val-${v.index} ${v.moniker} on ${v.host}${v.nodeId === undefined ? "" : `, peer ${v.nodeId}@${v.host}:${v.ports.p2p}`}`,
      `    copy:  ${copyCommand(v)}`,
      `    start: ssh ${v.host} ${startCommand()}   (or the systemd unit of the guide)`,
    );
  }
  const p = input.validators[0]?.ports;
  if (p !== undefined) {
    lines.push(
      "",
      "Ports on every validator host (TCP):",
      `  ${p.p2p} p2p: open to the other validators of its chain (and nodes joining it)`,
      `  ${p.rpc} CometBFT RPC and ${p.grpc} gRPC: open to the relayer (Hermes) and to clients`,
      `  ${p.api} REST (and the SDK's /metrics?format=prometheus): open to clients and monitoring`,
      `  ${p.prometheus} CometBFT metrics: open to monitoring only`,
    );
  }
  lines.push(
    "",
    "Hermes, on the relayer's machine (`gridnet up --remote` below does this itself; without gridnet, by hand):",
    `  config: ${input.hermesConfig}`,
    ...input.hermesKeys.map((k) => `  key:    hermes --config ${shellQuote(input.hermesConfig)} keys add --chain ${k.chainId} --key-name ${HERMES_KEY_NAME} --mnemonic-file ${shellQuote(k.mnemonicFile)}`),
    "",
    "Once every chain makes blocks, seed, open the links' channels, start Hermes and link the chains from here:",
    `  gridnet up --remote --topology ${shellQuote(input.topologyFile)}${input.home === undefined ? "" : ` --home ${shellQuote(input.home)}`}`,
  );
  return `${lines.join("\n")}\n`;
}

export interface ExportHostsOptions {
  topologyFile?: string;
  home?: string;
  /** Moves Hermes' REST and telemetry ports (the validators keep the standard ports on their hosts). */
  portBase?: number;
  binary?: string;
  log?: Log;
}

export interface ExportedHosts {
  plan: NetworkPlan;
  validators: HostedValidator[];
  hermesConfig: string;
  hermesKeys: HermesKeyFile[];
  gridnets: Map<string, Gridnet>;
  /** What export-hosts prints. */
  instructions: string;
}

/**
 * exportHosts writes the homes of every validator of a topology whose chains all name hosts,
 * and Hermes' config for them; a home already written from the same topology is reused (its
 * config refreshed), as `gridnet up` reuses homes. Starts nothing.
 */
export async function exportHosts(options: ExportHostsOptions = {}): Promise<ExportedHosts> {
  const log = options.log ?? stderrLog;
  const topologyFile = options.topologyFile ?? DEFAULT_TOPOLOGY;
  const plan = await planFromFile({ ...options, topologyFile });
  const local = plan.chains.filter((c) => c.spec.hosts === undefined);
  if (local.length > 0) {
    throw new Error(
      `${topologyFile}: ${local.map((c) => c.name).join(", ")} name${local.length === 1 ? "s" : ""} no hosts, so ${local.length === 1 ? "its" : "their"} validators would run on this machine: ` +
        `give every chain \`hosts\` (one address per validator) to export the network, or start it here with \`gridnet up\``,
    );
  }
  await mkdir(plan.home, { recursive: true });
  const gridnets = new Map<string, Gridnet>();
  for (const chain of plan.chains) gridnets.set(chain.name, await initChainHome(chain.spec, { log: (m) => log(`[${chain.name}] ${m}`) }));

  await mkdir(plan.hermes.home, { recursive: true });
  const config = hermesConfigPath(plan.hermes);
  await writeFile(config, hermesConfig(plan.hermes, plan.chains.map((c) => ({ chainId: c.spec.chainId, endpoints: (gridnets.get(c.name) as Gridnet).endpoints }))));
  const hermesKeys: HermesKeyFile[] = [];
  for (const chain of plan.chains) {
    const file = join(plan.hermes.home, `${RELAYER_ACCOUNT}-${chain.name}.mnemonic`);
    await writeFile(file, `${gridnetAccount(gridnets.get(chain.name) as Gridnet, RELAYER_ACCOUNT).mnemonic}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    hermesKeys.push({ chainId: chain.spec.chainId, mnemonicFile: file });
  }

  const validators = hostedValidators(plan).map((v) => ({ ...v, nodeId: (gridnets.get(v.chain) as Gridnet).nodes[v.index]?.nodeId ?? "" }));
  const instructions = hostInstructions({ network: plan.name, topologyFile, home: plan.home, validators, hermesConfig: config, hermesKeys });
  return { plan, validators, hermesConfig: config, hermesKeys, gridnets, instructions };
}
