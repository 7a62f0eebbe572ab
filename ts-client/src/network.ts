/**
 * A network of gridledger chains as an app sees it: every chain's endpoints and place in the grid
 * hierarchy, and on a local network the demo accounts' TEST ONLY keys. gridnet serves it to the
 * web UI as `network.json`; a chain entered by hand is a network of one.
 */
import { chainFiles, type FiatCurrency, type KeplrChainInfo } from "./chainregistry.js";

/** NetworkDescription is the content of network.json. */
export interface NetworkDescription {
  readonly version: 1;
  /** name is the network's, e.g. the gridnet topology's ("default"). */
  readonly name: string;
  /**
   * local says every endpoint is on this machine (loopback): a gridnet or test network. Only a
   * local network carries demo accounts.
   */
  readonly local: boolean;
  /** chains are in tree order: every chain after its parent. */
  readonly chains: readonly NetworkChain[];
}

/** NetworkChain is one chain of a network. */
export interface NetworkChain {
  /** name is the chain's short name in its network ("transmission"). */
  readonly name: string;
  readonly chainId: string;
  /** level is the grid level ("transmission", "distribution", "local"), when known. */
  readonly level?: string;
  /** parent is the name of the parent grid's chain; none for the root. */
  readonly parent?: string;
  /** rpc is the CometBFT RPC endpoint (http or https); its websocket is at /websocket. */
  readonly rpc: string;
  /** rest is the Cosmos SDK REST endpoint (wallets such as Keplr need it). */
  readonly rest: string;
  /**
   * demoAccounts are TEST ONLY keys of a local network's participants, operator and banks, so a
   * newcomer can act without a wallet. Anyone can read them: never give such an account value.
   */
  readonly demoAccounts: readonly DemoAccount[];
}

/** DemoAccount is a TEST ONLY account of a local network, mnemonic in clear. */
export interface DemoAccount {
  /** name is the account's name in the network ("alice", "tso", "alpine-bank"). */
  readonly name: string;
  readonly address: string;
  readonly mnemonic: string;
}

/** isLoopbackUrl tells whether a URL points at this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** NetworkError says what is wrong with a network description, naming the field. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
}

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new NetworkError(`${path} must be an object`);
  return value as Json;
}

function text(o: Json, key: string, path: string, optional = false): string | undefined {
  const value = o[key];
  if (value === undefined && optional) return undefined;
  if (typeof value !== "string" || value === "") throw new NetworkError(`${path}.${key} must be a non-empty string`);
  return value;
}

function url(o: Json, key: string, path: string): string {
  const value = text(o, key, path) as string;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new NetworkError(`${path}.${key} must be a URL, got "${value}"`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new NetworkError(`${path}.${key} must be an http(s) URL, got "${value}"`);
  return value.replace(/\/+$/, "");
}

/**
 * parseNetworkDescription checks a parsed network.json and returns it typed. Demo accounts of a
 * network that is not local are refused: test keys belong on this machine only.
 */
export function parseNetworkDescription(value: unknown, source = "network.json"): NetworkDescription {
  const root = object(value, source);
  if (root.version !== 1) throw new NetworkError(`${source}.version must be 1, got ${JSON.stringify(root.version)}`);
  const name = text(root, "name", source) as string;
  if (!Array.isArray(root.chains) || root.chains.length === 0) throw new NetworkError(`${source}.chains must list at least one chain`);
  const chains = root.chains.map((raw, i): NetworkChain => {
    const path = `${source}.chains[${i}]`;
    const c = object(raw, path);
    const accounts = c.demoAccounts ?? [];
    if (!Array.isArray(accounts)) throw new NetworkError(`${path}.demoAccounts must be a list`);
    const level = text(c, "level", path, true);
    const parent = text(c, "parent", path, true);
    return {
      name: text(c, "name", path) as string,
      chainId: text(c, "chainId", path) as string,
      ...(level === undefined ? {} : { level }),
      ...(parent === undefined ? {} : { parent }),
      rpc: url(c, "rpc", path),
      rest: url(c, "rest", path),
      demoAccounts: accounts.map((a, j) => {
        const account = object(a, `${path}.demoAccounts[${j}]`);
        const where = `${path}.demoAccounts[${j}]`;
        return { name: text(account, "name", where) as string, address: text(account, "address", where) as string, mnemonic: text(account, "mnemonic", where) as string };
      }),
    };
  });
  const local = chains.every((c) => isLoopbackUrl(c.rpc) && isLoopbackUrl(c.rest));
  if (root.local === true && !local) throw new NetworkError(`${source} says it is local, but not every endpoint is on this machine`);
  if (!local && chains.some((c) => c.demoAccounts.length > 0)) {
    throw new NetworkError(`${source} lists demo accounts for a network that is not on this machine: test keys are for local networks only`);
  }
  const names = new Set<string>();
  for (const c of chains) {
    if (names.has(c.name)) throw new NetworkError(`${source} has two chains named "${c.name}"`);
    names.add(c.name);
  }
  for (const c of chains) {
    if (c.parent !== undefined && !names.has(c.parent)) throw new NetworkError(`${source}: chain "${c.name}" names parent "${c.parent}", which is not in the network`);
  }
  return { version: 1, name, local, chains };
}

/** manualNetwork is a network of one chain entered by hand (no demo accounts), checked field by field. */
export function manualNetwork(input: { chainId: string; rpc: string; rest: string }): NetworkDescription {
  const chainId = input.chainId.trim();
  if (chainId === "") throw new NetworkError("Enter the chain id (e.g. gridledger-dev-1).");
  for (const [what, value, example] of [["RPC", input.rpc, "http://127.0.0.1:26657"], ["REST", input.rest, "http://127.0.0.1:1317"]] as const) {
    let protocol = "";
    try {
      protocol = new URL(value.trim()).protocol;
    } catch {
      // reported below
    }
    if (protocol !== "http:" && protocol !== "https:") throw new NetworkError(`The ${what} URL must start with http:// or https:// (e.g. ${example}).`);
  }
  return parseNetworkDescription({ version: 1, name: "manual", chains: [{ name: chainId, chainId, rpc: input.rpc.trim(), rest: input.rest.trim(), demoAccounts: [] }] });
}

/**
 * keplrChainInfo describes a chain to Keplr: grid1 addresses, coin type 118, the staking and fee
 * token ugrid (free on local chains: gas price 0) and the chain's fiat denoms with their display
 * units, so Keplr shows balances in CHF rather than base units. It is derived from the chain's
 * chain.json and assetlist.json (see chainregistry.ts), the files gridnet writes for integrators.
 */
export function keplrChainInfo(chain: Pick<NetworkChain, "chainId" | "name" | "rpc" | "rest" | "level">, fiat: readonly FiatCurrency[], gasPrice = 0): KeplrChainInfo {
  return chainFiles(chain, fiat, { gasPrice }).keplr;
}
