/**
 * gridnet.json: what other tools and tests need to know about an initialised chain home,
 * written last by initChainHome (its presence means the home is complete).
 */
import { join } from "node:path";
import { readVersionedJson, writeJsonAtomic } from "../jsonfile.js";
import type { Endpoints, Ports } from "./spec.js";

export const GRIDNET_FILE = "gridnet.json";

/** GridnetAccount is a funded genesis account. TEST ONLY: the mnemonic is stored in clear. */
export interface GridnetAccount {
  name: string;
  address: string;
  mnemonic: string;
  coins: string;
}

/** GridnetNode is one validator node of the chain. */
export interface GridnetNode {
  index: number;
  moniker: string;
  home: string;
  nodeId: string;
  ports: Ports;
  endpoints: Endpoints;
  /** The validator's own host, when it runs on a machine of its own (docs/operations/validator-host.md). */
  host?: string;
}

/** Gridnet is the content of gridnet.json. */
export interface Gridnet {
  version: 1;
  chainId: string;
  /** Hash of the genesis-relevant part of the spec; a different spec cannot reuse the home. */
  specHash: string;
  createdAt: string;
  denom: string;
  bech32Prefix: string;
  periodSeconds: number;
  /** Validator 0's endpoints, the chain's public ones. */
  endpoints: Endpoints;
  gridOperator: { name: string; address: string };
  nodes: GridnetNode[];
  accounts: GridnetAccount[];
}

export function gridnetPath(chainHome: string): string {
  return join(chainHome, GRIDNET_FILE);
}

/** readGridnet returns the chain home's gridnet.json, or undefined when the home is not complete. */
export function readGridnet(chainHome: string): Promise<Gridnet | undefined> {
  return readVersionedJson<Gridnet>(gridnetPath(chainHome), "re-create the home (--reset)");
}

/** writeGridnet writes gridnet.json atomically (write, then rename). */
export function writeGridnet(chainHome: string, gridnet: Gridnet): Promise<void> {
  return writeJsonAtomic(gridnetPath(chainHome), gridnet);
}

/** account finds an account by name in a gridnet file, with a clear error when absent. */
export function gridnetAccount(gridnet: Gridnet, name: string): GridnetAccount {
  const account = gridnet.accounts.find((a) => a.name === name);
  if (!account) throw new Error(`chain ${gridnet.chainId} has no account "${name}" (it has ${gridnet.accounts.map((a) => a.name).join(", ")})`);
  return account;
}
