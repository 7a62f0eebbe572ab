/**
 * Needs a built gridd: a chain with three validators in one chain home (val-0..val-2), as the
 * hierarchy will run them.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultBinary } from "../paths.js";
import { startTestChain, type TestChain } from "../testing.js";
import { initChainHome } from "./home.js";
import { getTomlValue, setTomlValue } from "./toml.js";
import { waitForBlocks } from "./node.js";

if (!existsSync(defaultBinary())) throw new Error(`gridd not found at ${defaultBinary()}: run bash scripts/build-chain.sh first`);

describe("chain with three validators (real gridd)", () => {
  let chain: TestChain;

  beforeAll(async () => {
    chain = await startTestChain({ name: "three-validators", validators: 3 });
  });
  afterAll(async () => {
    await chain?.stop();
  });

  it("connects every node to the two others and advances on each", async () => {
    for (const node of chain.gridnet.nodes) {
      expect(await waitForBlocks(node.endpoints.rpc, 4, 30_000, { log: () => {} })).toBeGreaterThanOrEqual(4);
      const netInfo = (await (await fetch(`${node.endpoints.rpc}/net_info`)).json()) as { result: { n_peers: string } };
      expect(Number(netInfo.result.n_peers)).toBe(2);
    }
  });

  it("bonds all three validators from genesis", async () => {
    const res = (await (await fetch(`${chain.rest}/cosmos/staking/v1beta1/validators?status=BOND_STATUS_BONDED`)).json()) as {
      validators: Array<{ description: { moniker: string } }>;
    };
    expect(res.validators.map((v) => v.description.moniker).sort()).toEqual(["three-validators", "three-validators-1", "three-validators-2"]);
  });

  it("keeps the application state in PebbleDB (ADR 006)", async () => {
    for (const node of chain.gridnet.nodes) {
      const appToml = await readFile(join(node.home, "config", "app.toml"), "utf8");
      expect(getTomlValue(appToml, "", "app-db-backend")).toBe('"pebbledb"');
      // PebbleDB writes OPTIONS-* files; goleveldb does not.
      expect((await readdir(join(node.home, "data", "application.db"))).some((f) => f.startsWith("OPTIONS-"))).toBe(true);
    }
  });

  it("leaves a reused home's state in the backend it was made with", async () => {
    const appTomlPath = join(chain.gridnet.nodes[0]!.home, "config", "app.toml");
    const original = await readFile(appTomlPath, "utf8");
    try {
      await writeFile(appTomlPath, setTomlValue(original, "", "app-db-backend", "goleveldb"));
      const logged: string[] = [];
      await initChainHome(chain.spec, { log: (m) => logged.push(m) });
      expect(getTomlValue(await readFile(appTomlPath, "utf8"), "", "app-db-backend")).toBe('"goleveldb"');
      expect(logged.join("\n")).toMatch(/keeping its state in goleveldb; reset the home/);
    } finally {
      await writeFile(appTomlPath, original);
    }
  });

  it("refuses to reuse the home for a different spec", async () => {
    await expect(
      initChainHome({ ...chain.spec, accounts: [...chain.spec.accounts, { name: "dave", coins: "1ugrid" }] }, { log: () => {} }),
    ).rejects.toThrow(/different spec/);
  });
});
