/**
 * initChainHome: one chain's node homes and genesis, built with the gridd CLI.
 * Called once per chain; a hierarchy calls it for every chain with its own ports and chain-id.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { assignMnemonics, type ResolvedAccount } from "../dev-accounts.js";
import { stderrLog, type Log } from "../log.js";
import { exists } from "../proc.js";
import { APP_DB_BACKEND, appConfigEdits, clientConfigEdits, cometConfigEdits } from "./config.js";
import { assertBinary, jsonObjects, run } from "./exec.js";
import { applyGenesisSettings } from "./genesis.js";
import { readGridnet, writeGridnet, type Gridnet, type GridnetNode } from "./gridnet.js";
import { nodeIdFromNodeKey } from "./node-id.js";
import {
  BECH32_PREFIX,
  DENOM,
  validatorEndpoints,
  validatorHost,
  nodeHome,
  nodeMoniker,
  resolveChainSpec,
  validatorKeyName,
  validatorPorts,
  type ChainSpec,
  type ChainSpecInput,
} from "./spec.js";
import { applyTomlEdits, getTomlValue, type TomlEdit } from "./toml.js";

/** INCOMPLETE_MARKER sits in a chain home while initChainHome builds it. */
const INCOMPLETE_MARKER = ".gridnet-init-incomplete";

export interface InitOptions {
  log?: Log;
}

/**
 * initChainHome creates (or reuses) the chain home of `input`: node homes val-0..val-n-1,
 * keys, funded genesis accounts, gridledger genesis settings, gentxs, config files, and
 * gridnet.json last. A complete home made from the same genesis-relevant spec is reused (its
 * config files are refreshed, so ports and block time may change); a home from a different
 * spec is refused.
 */
export async function initChainHome(input: ChainSpecInput, options: InitOptions = {}): Promise<Gridnet> {
  const log = options.log ?? stderrLog;
  const spec = resolveChainSpec(input);
  await assertBinary(spec.binary);
  const accounts = assignMnemonics(spec.accounts);
  const hash = specHash(spec, accounts);

  const existing = await readGridnet(spec.home);
  if (existing) {
    if (existing.specHash !== hash) {
      throw new Error(
        `${spec.home} holds chain ${existing.chainId} made from a different spec (accounts, validators or genesis settings changed): ` +
          `reset it (devnode --reset) or remove the directory`,
      );
    }
    log(`reusing chain home ${spec.home} (${spec.chainId})`);
    const nodes = await configureNodes(spec, log);
    const refreshed: Gridnet = { ...existing, endpoints: validatorEndpoints(spec, 0), nodes };
    await writeGridnet(spec.home, refreshed);
    return refreshed;
  }

  await prepareEmptyHome(spec.home, log);
  const homes = Array.from({ length: spec.validators }, (_, i) => nodeHome(spec, i));
  const home0 = homes[0] as string;

  for (const [i, home] of homes.entries()) {
    log(`gridd init ${nodeMoniker(spec, i)} --chain-id ${spec.chainId} (${home})`);
    await run(spec.binary, ["init", nodeMoniker(spec, i), "--chain-id", spec.chainId, "--home", home]);
  }

  log(`recovering ${accounts.length} accounts into the test keyring of val-0 (${accounts.map((a) => a.name).join(", ")})`);
  const addresses = new Map<string, string>();
  for (const account of accounts) {
    addresses.set(account.name, await recoverKey(spec.binary, home0, account.name, account.mnemonic));
  }
  for (let i = 1; i < spec.validators; i++) {
    const account = accounts.find((a) => a.name === validatorKeyName(i)) as ResolvedAccount;
    await recoverKey(spec.binary, homes[i] as string, account.name, account.mnemonic);
  }

  const operator = addresses.get(spec.gridOperator) as string;
  log(`writing genesis settings: denom ${DENOM}, grid operator "${spec.gridOperator}" (${operator}), period ${spec.periodSeconds} s, gov voting ${spec.gov.votingPeriod}`);
  const genesisPath = join(home0, "config", "genesis.json");
  const banks = spec.banks.map(({ account, ...bank }) => ({ ...bank, address: addresses.get(account) as string }));
  for (const b of banks) log(`genesis bank ${b.denom} (${b.currency}, display ${b.displayDenom}) issued by ${b.address}`);
  const { genesis, warnings } = applyGenesisSettings(JSON.parse(await readFile(genesisPath, "utf8")), {
    gridOperator: operator,
    periodSeconds: spec.periodSeconds,
    ...(spec.gateClosureSeconds === undefined ? {} : { gateClosureSeconds: spec.gateClosureSeconds }),
    ...(spec.deliveryParams === undefined ? {} : { deliveryParams: spec.deliveryParams }),
    gov: spec.gov,
    banks,
    relayers: spec.relayers.map((name) => addresses.get(name) as string),
  });
  for (const w of warnings) log(`warning: ${w}`);
  await writeFile(genesisPath, `${JSON.stringify(genesis, null, 2)}\n`);

  log(`funding ${accounts.length} genesis accounts`);
  for (const account of accounts) {
    await run(spec.binary, ["genesis", "add-genesis-account", addresses.get(account.name) as string, account.coins, "--home", home0]);
  }

  await createGentxs(spec, homes, log);
  log("collecting gentxs");
  await run(spec.binary, ["genesis", "collect-gentxs", "--home", home0]);
  log("validating genesis");
  await run(spec.binary, ["genesis", "validate", join(home0, "config", "genesis.json"), "--home", home0]);
  for (const home of homes.slice(1)) await copyFile(genesisPath, join(home, "config", "genesis.json"));

  const nodes = await configureNodes(spec, log);
  const gridnet: Gridnet = {
    version: 1,
    chainId: spec.chainId,
    specHash: hash,
    createdAt: new Date().toISOString(),
    denom: DENOM,
    bech32Prefix: BECH32_PREFIX,
    periodSeconds: spec.periodSeconds,
    endpoints: validatorEndpoints(spec, 0),
    gridOperator: { name: spec.gridOperator, address: operator },
    nodes,
    accounts: accounts.map((a) => ({ name: a.name, address: addresses.get(a.name) as string, mnemonic: a.mnemonic, coins: a.coins })),
  };
  await writeGridnet(spec.home, gridnet);
  await rm(join(spec.home, INCOMPLETE_MARKER), { force: true });
  log(`chain home ready: ${spec.home}`);
  return gridnet;
}

/** specHash covers everything that ends up in genesis; ports, block time and binary may change freely. */
function specHash(spec: ChainSpec, accounts: readonly ResolvedAccount[]): string {
  const relevant = {
    chainId: spec.chainId,
    moniker: spec.moniker,
    accounts: accounts.map((a) => [a.name, a.coins, a.mnemonic]),
    gridOperator: spec.gridOperator,
    validators: spec.validators,
    periodSeconds: spec.periodSeconds,
    selfDelegation: spec.selfDelegation,
    gov: spec.gov,
    // Only when set, so that homes made before banks existed keep their hash.
    ...(spec.banks.length > 0 ? { banks: spec.banks } : {}),
    ...(spec.gateClosureSeconds === undefined ? {} : { gateClosureSeconds: spec.gateClosureSeconds }),
    ...(spec.deliveryParams === undefined ? {} : { deliveryParams: spec.deliveryParams }),
    // The gentx memos name the hosts, so genesis differs with them.
    ...(spec.hosts === undefined ? {} : { hosts: spec.hosts }),
  };
  return createHash("sha256").update(JSON.stringify(relevant)).digest("hex");
}

/** prepareEmptyHome makes sure the chain home is empty (or only holds an interrupted init of ours). */
async function prepareEmptyHome(home: string, log: Log): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(home);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  if (entries.includes(INCOMPLETE_MARKER)) {
    log(`an earlier initialisation of ${home} was interrupted; starting over`);
    await rm(home, { recursive: true, force: true });
  } else if (entries.length > 0) {
    throw new Error(`${home} exists but is not a gridnet chain home (no gridnet.json): remove it or choose another directory`);
  }
  await mkdir(home, { recursive: true });
  await writeFile(join(home, INCOMPLETE_MARKER), "initChainHome is building this home; if it stopped, the next run starts over\n");
}

/** recoverKey adds `name` from `mnemonic` to the home's test keyring and returns its address. */
async function recoverKey(binary: string, home: string, name: string, mnemonic: string): Promise<string> {
  const keyring = ["--keyring-backend", "test", "--home", home];
  const added = await run(binary, ["keys", "add", name, "--recover", ...keyring, "--output", "json"], { input: `${mnemonic}\n` });
  // The SDK prints the JSON with cmd.Println, which goes to stderr unless the app redirects it.
  for (const obj of jsonObjects(`${added.stdout}\n${added.stderr}`)) {
    const address = (obj as { address?: unknown }).address;
    if (typeof address === "string" && address.startsWith(BECH32_PREFIX)) return address;
  }
  const shown = await run(binary, ["keys", "show", name, "-a", ...keyring]);
  return shown.stdout.trim();
}

/** createGentxs makes every validator's gentx in its own home and gathers them in val-0. */
async function createGentxs(spec: ChainSpec, homes: readonly string[], log: Log): Promise<void> {
  const home0 = homes[0] as string;
  const genesis0 = join(home0, "config", "genesis.json");
  for (const [i, home] of homes.entries()) {
    if (i > 0) await copyFile(genesis0, join(home, "config", "genesis.json"));
    log(`gentx of ${validatorKeyName(i)} (self-delegation ${spec.selfDelegation})`);
    await run(spec.binary, [
      "genesis", "gentx", validatorKeyName(i), spec.selfDelegation,
      "--chain-id", spec.chainId,
      "--home", home,
      "--keyring-backend", "test",
      // The gentx memo names where peers find the validator (collect-gentxs lists them as peers).
      "--ip", validatorHost(spec, i),
      "--p2p-port", String(validatorPorts(spec, i).p2p),
    ]);
    if (i > 0) {
      const dir = join(home, "config", "gentx");
      for (const file of await readdir(dir)) await copyFile(join(dir, file), join(home0, "config", "gentx", file));
    }
  }
}

/** editFile applies TOML edits to a file, writing only when something changed. */
async function editFile(path: string, edits: readonly TomlEdit[]): Promise<void> {
  const before = await readFile(path, "utf8");
  const after = applyTomlEdits(before, edits);
  if (after !== before) await writeFile(path, after);
}

/**
 * appDbBackendOf is the app-db-backend a node home must keep: APP_DB_BACKEND unless the home
 * already holds application state in another backend (made before ADR 006), which a switch
 * would leave behind.
 */
async function appDbBackendOf(home: string, log: Log): Promise<string> {
  if (!(await exists(join(home, "data", "application.db")))) return APP_DB_BACKEND;
  let current = "";
  try {
    current = JSON.parse(getTomlValue(await readFile(join(home, "config", "app.toml"), "utf8"), "", "app-db-backend") ?? '""') as string;
  } catch {
    return APP_DB_BACKEND;
  }
  if (current !== APP_DB_BACKEND) {
    log(`${home}: keeping its state in ${current || "goleveldb"}; reset the home to move it to ${APP_DB_BACKEND} (ADR 006)`);
  }
  return current;
}

/** configureNodes writes config.toml, app.toml and client.toml of every node and describes the nodes. */
async function configureNodes(spec: ChainSpec, log: Log): Promise<GridnetNode[]> {
  const nodes: GridnetNode[] = [];
  for (let i = 0; i < spec.validators; i++) {
    const home = nodeHome(spec, i);
    let nodeKey: string;
    try {
      nodeKey = await readFile(join(home, "config", "node_key.json"), "utf8");
    } catch {
      throw new Error(`${home} has no config/node_key.json: the chain home is damaged; reset it (devnode --reset) or remove ${spec.home}`);
    }
    const ports = validatorPorts(spec, i);
    nodes.push({
      index: i,
      moniker: nodeMoniker(spec, i),
      home,
      nodeId: nodeIdFromNodeKey(nodeKey),
      ports,
      endpoints: validatorEndpoints(spec, i),
      ...(spec.hosts === undefined ? {} : { host: validatorHost(spec, i) }),
    });
  }
  log(`configuring ${nodes.length} node(s): block time ${spec.blockTime}, rpc ${nodes.map((n) => n.ports.rpc).join("/")}`);
  for (const node of nodes) {
    const peers = nodes.filter((n) => n.index !== node.index).map((n) => `${n.nodeId}@${validatorHost(spec, n.index)}:${n.ports.p2p}`);
    const config = join(node.home, "config");
    await editFile(join(config, "config.toml"), cometConfigEdits({ moniker: node.moniker, ports: node.ports, blockTime: spec.blockTime, persistentPeers: peers, ...(node.host === undefined ? {} : { host: node.host }) }));
    await editFile(join(config, "app.toml"), appConfigEdits(node.ports, await appDbBackendOf(node.home, log), node.host, spec.snapshotInterval));
    await editFile(join(config, "client.toml"), clientConfigEdits(spec.chainId, node.ports, node.host));
  }
  return nodes;
}
