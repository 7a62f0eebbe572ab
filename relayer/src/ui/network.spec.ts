import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { NetworkState } from "../net/state.js";
import { isDemoAccountName, uiNetwork, uiNetworkFromState } from "./network.js";

const account = (name: string) => ({ name, address: `grid1${name}`, mnemonic: `${name} words`, coins: "1ugrid" });
const endpoints = { rpc: "http://127.0.0.1:27000", rest: "http://127.0.0.1:27003", grpc: "127.0.0.1:27002", node: "tcp://127.0.0.1:27000" };

describe("network.json for the UI", () => {
  let home = "";
  afterEach(async () => {
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("offers people's accounts as demo accounts, never validators' or the relayer's", () => {
    expect(["alice", "tso", "alpine-bank", "validator", "validator-1", "relayer"].filter(isDemoAccountName)).toEqual(["alice", "tso", "alpine-bank"]);
    const n = uiNetwork("t", [{ name: "root", chainId: "r-1", endpoints, accounts: ["alice", "validator", "relayer", "tso"].map(account) }]);
    expect(n.local).toBe(true);
    expect(n.chains[0]?.demoAccounts.map((a) => a.name)).toEqual(["alice", "tso"]);
  });

  it("gives no test key for chains that are not on this machine", () => {
    const n = uiNetwork("t", [{ name: "root", chainId: "r-1", endpoints: { rpc: "https://rpc.example.org", rest: "https://api.example.org" }, accounts: [account("alice")] }]);
    expect(n.local).toBe(false);
    expect(n.chains[0]?.demoAccounts).toEqual([]);
  });

  it("reads the chains, their place in the tree and the mnemonics from gridnet's files", async () => {
    home = await mkdtemp(join(tmpdir(), "gridnet-ui-"));
    const chainHome = join(home, "east");
    await import("node:fs/promises").then((fs) => fs.mkdir(chainHome));
    await writeFile(join(chainHome, "gridnet.json"), JSON.stringify({ version: 1, accounts: [account("alice"), account("relayer")] }));
    const chain = (name: string, parent?: string) => ({
      name,
      chainId: `${name}-1`,
      level: parent === undefined ? "transmission" : "distribution",
      ...(parent === undefined ? {} : { parent }),
      home: join(home, name),
      periodSeconds: 900,
      endpoints,
      nodes: [],
      gridOperator: { name: "tso", address: "grid1tso" },
      banks: [],
      accounts: {},
      seeded: true,
    });
    const state = { version: 1, name: "default", chains: [chain("root"), chain("east", "root")] } as unknown as NetworkState;
    const n = await uiNetworkFromState(state);
    expect(n.name).toBe("default");
    expect(n.chains.map((c) => [c.name, c.parent, c.level])).toEqual([["root", undefined, "transmission"], ["east", "root", "distribution"]]);
    // root's home has no gridnet.json (not initialised): no accounts, no failure.
    expect(n.chains[0]?.demoAccounts).toEqual([]);
    expect(n.chains[1]?.demoAccounts).toEqual([{ name: "alice", address: "grid1alice", mnemonic: "alice words" }]);
  });
});
