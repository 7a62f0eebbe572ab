/**
 * The conventional files about every chain of a network, for integrators and wallets: chain-registry's
 * chain.json and assetlist.json, and the Keplr chain info derived from them (@gridledger/client's
 * chainFiles). `gridnet up` writes them into <chain home>/registry/; the UI server serves them at
 * /chains/<name>/<file>.
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { chainFiles, type ChainFiles, type FiatCurrency } from "@gridledger/client";
import { writeJsonAtomic } from "../jsonfile.js";
import type { NetworkState, StateChain } from "./state.js";

/** REGISTRY_DIR is the folder of a chain home that holds the files. */
export const REGISTRY_DIR = "registry";

/** REGISTRY_FILES names the files, as written and as served. */
export const REGISTRY_FILES = { chain: "chain.json", assetlist: "assetlist.json", keplr: "keplr.json" } as const satisfies Record<keyof ChainFiles, string>;

/** RegistryFileName is one of the files' names ("chain.json"). */
export type RegistryFileName = (typeof REGISTRY_FILES)[keyof typeof REGISTRY_FILES];

/** isRegistryFileName tells the names of the registry files from anything else. */
export function isRegistryFileName(name: string): name is RegistryFileName {
  return (Object.values(REGISTRY_FILES) as string[]).includes(name);
}

/** registryDir is where a chain's files are. */
export function registryDir(chain: Pick<StateChain, "home">): string {
  return join(chain.home, REGISTRY_DIR);
}

/** chainFiat is a chain's fiat denoms with their display units, from the banks gridnet approved at genesis. */
export function chainFiat(chain: Pick<StateChain, "banks">): FiatCurrency[] {
  return chain.banks.map((b) => ({ denom: b.denom, currency: b.currency, exponent: b.exponent, displayDenom: b.displayDenom }));
}

/**
 * registryFilesOf builds a chain's files from the state: its public endpoints (validator 0's, on
 * this machine), free fees (gridnet's nodes take gas price 0), GRID and the genesis banks' denoms.
 */
export function registryFilesOf(chain: StateChain): ChainFiles {
  return chainFiles(
    { name: chain.name, chainId: chain.chainId, level: chain.level, rpc: chain.endpoints.rpc, rest: chain.endpoints.rest, grpc: chain.endpoints.grpc },
    chainFiat(chain),
    { gasPrice: 0, networkType: "devnet", provider: "gridnet (this machine)", nodeHome: chain.nodes[0]?.home ?? chain.home },
  );
}

/** writeRegistryFiles writes every chain's files and returns the folders, in the state's chain order. */
export async function writeRegistryFiles(state: Pick<NetworkState, "chains">): Promise<string[]> {
  return Promise.all(
    state.chains.map(async (chain) => {
      const dir = registryDir(chain);
      await mkdir(dir, { recursive: true });
      const files = registryFilesOf(chain);
      await Promise.all((Object.keys(REGISTRY_FILES) as Array<keyof ChainFiles>).map((k) => writeJsonAtomic(join(dir, REGISTRY_FILES[k]), files[k])));
      return dir;
    }),
  );
}

/**
 * readRegistryFile returns one file of a chain as written, or undefined when the network has no
 * such chain or the file was never written (a network brought up before gridnet wrote them).
 */
export async function readRegistryFile(state: Pick<NetworkState, "chains">, chainName: string, file: string): Promise<unknown> {
  const chain = state.chains.find((c) => c.name === chainName);
  if (chain === undefined || !isRegistryFileName(file)) return undefined;
  try {
    return JSON.parse(await readFile(join(registryDir(chain), file), "utf8")) as unknown;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}
