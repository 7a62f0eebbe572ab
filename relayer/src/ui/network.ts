/**
 * network.json: the network as the web UI needs it (@gridledger/client's NetworkDescription),
 * from gridnet's state and every chain home's gridnet.json, which holds the TEST ONLY mnemonics.
 */
import { isLoopbackUrl, parseNetworkDescription, type NetworkDescription } from "@gridledger/client";
import { readGridnet, type GridnetAccount } from "../chain/gridnet.js";
import { readRegistryFile } from "../net/registry.js";
import { readState, type NetworkState } from "../net/state.js";
import { networkStatus } from "../net/status.js";
import type { UiServerOptions } from "./serve.js";
import { RELAYER_ACCOUNT } from "../topology/plan.js";

/**
 * isDemoAccountName tells the accounts a person acts as (participants, operators, banks) from
 * the ones only processes sign with (validators, the relayer).
 */
export function isDemoAccountName(name: string): boolean {
  return !/^validator/.test(name) && name !== RELAYER_ACCOUNT;
}

/** UiChainInput is what network.json says about one chain. */
export interface UiChainInput {
  name: string;
  chainId: string;
  level?: string;
  parent?: string;
  endpoints: { rpc: string; rest: string };
  /** Accounts with their mnemonics; validators and the relayer are left out. */
  accounts: readonly GridnetAccount[];
}

/**
 * uiNetwork describes chains for the UI. Demo accounts go only into a network whose every endpoint
 * is on this machine: a test key must not reach a page about a public chain.
 */
export function uiNetwork(name: string, chains: readonly UiChainInput[]): NetworkDescription {
  const local = chains.every((c) => isLoopbackUrl(c.endpoints.rpc) && isLoopbackUrl(c.endpoints.rest));
  return parseNetworkDescription({
    version: 1,
    name,
    local,
    chains: chains.map((c) => ({
      name: c.name,
      chainId: c.chainId,
      ...(c.level === undefined ? {} : { level: c.level }),
      ...(c.parent === undefined ? {} : { parent: c.parent }),
      rpc: c.endpoints.rpc,
      rest: c.endpoints.rest,
      demoAccounts: local
        ? c.accounts.filter((a) => isDemoAccountName(a.name)).map((a) => ({ name: a.name, address: a.address, mnemonic: a.mnemonic }))
        : [],
    })),
  });
}

/** uiNetworkFromState reads a gridnet network's state and chain homes into network.json. */
export async function uiNetworkFromState(state: NetworkState): Promise<NetworkDescription> {
  const chains = await Promise.all(
    state.chains.map(async (c): Promise<UiChainInput> => {
      const gridnet = await readGridnet(c.home);
      return {
        name: c.name,
        chainId: c.chainId,
        level: c.level,
        ...(c.parent === undefined ? {} : { parent: c.parent }),
        endpoints: c.endpoints,
        accounts: gridnet?.accounts ?? [],
      };
    }),
  );
  return uiNetwork(state.name, chains);
}

/**
 * gridnetUiSources is what the UI server serves for a gridnet network: network.json, /status.json
 * and the chains' registry files, each read from the network's state as it is at the request (a
 * network brought up again is seen without restarting the server); `state` stands in while the
 * state file cannot be read.
 */
export function gridnetUiSources(state: NetworkState): Pick<UiServerOptions, "network" | "status" | "chainFile"> {
  const current = async () => (await readState(state.home)) ?? state;
  return {
    network: async () => uiNetworkFromState(await current()),
    status: async () => networkStatus(await current()),
    chainFile: async (chain, file) => readRegistryFile(await current(), chain, file),
  };
}
