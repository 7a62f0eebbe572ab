/**
 * Needs a built gridd (bash scripts/build-chain.sh, or $GRIDD): starts a real single-node chain.
 * Without the binary the suite fails and says how to build it (npm test builds it first).
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initChainHome } from "./chain/home.js";
import { run } from "./chain/exec.js";
import { latestHeight, waitForBlocks } from "./chain/node.js";
import { nodeHome } from "./chain/spec.js";
import { defaultBinary } from "./paths.js";
import { startTestChain, type TestChain } from "./testing.js";

const binary = defaultBinary();
const haveBinary = existsSync(binary);
if (!haveBinary) throw new Error(`gridd not found at ${binary}: run bash scripts/build-chain.sh first`);

describe("dev chain (real gridd)", () => {
  let chain: TestChain;
  const query = async (...args: string[]) =>
    JSON.parse((await run(binary, ["query", ...args, "--node", chain.gridnet.endpoints.node, "--output", "json"])).stdout) as Record<string, unknown>;

  beforeAll(async () => {
    chain = await startTestChain({ name: "devnode" });
  });
  afterAll(async () => {
    await chain?.stop();
  });

  it("makes blocks", async () => {
    const h = (await latestHeight(chain.rpc)) ?? 0;
    expect(h).toBeGreaterThanOrEqual(2);
    expect(await waitForBlocks(chain.rpc, h + 2, 30_000)).toBeGreaterThanOrEqual(h + 2);
  });

  it("has the operator as grid operator (CLI)", async () => {
    const res = (await query("balancing", "params")) as { params?: { grid_operator?: string } };
    expect(res.params?.grid_operator).toBe(chain.accounts.operator.address);
  });

  it("has the operator as grid operator (REST)", async () => {
    const res = await fetch(`${chain.rest}/gridledger/balancing/v1/params`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { params?: { grid_operator?: string } };
    expect(body.params?.grid_operator).toBe(chain.accounts.operator.address);
  });

  it("funds the dev accounts in ugrid and describes ugrid", async () => {
    expect(chain.accounts.alice.address).toMatch(/^grid1/);
    const balances = await (await fetch(`${chain.rest}/cosmos/bank/v1beta1/balances/${chain.accounts.alice.address}`)).json();
    expect(balances).toMatchObject({ balances: [{ denom: "ugrid", amount: "1000000000000" }] });
    const meta = await (await fetch(`${chain.rest}/cosmos/bank/v1beta1/denoms_metadata/ugrid`)).json();
    expect(meta).toMatchObject({ metadata: { base: "ugrid", display: "grid" } });
  });

  it("uses short gov periods and ugrid deposits", async () => {
    const res = (await query("gov", "params")) as { params?: { voting_period?: string; min_deposit?: Array<{ denom: string }> } };
    expect(res.params?.voting_period).toBe("10s");
    expect(res.params?.min_deposit?.[0]?.denom).toBe("ugrid");
  });

  it("records the node id gridd reports", async () => {
    const { stdout } = await run(binary, ["comet", "show-node-id", "--home", nodeHome(chain.spec, 0)]);
    expect(chain.gridnet.nodes[0]?.nodeId).toBe(stdout.trim());
  });

  it("reuses a complete home", async () => {
    const again = await initChainHome(chain.spec, { log: () => {} });
    expect(again.accounts).toEqual(chain.gridnet.accounts);
    expect(again.createdAt).toBe(chain.gridnet.createdAt);
  });
});
