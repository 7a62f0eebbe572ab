/**
 * Bridge capacities on a single gridd node, which has no link: the operator's MsgSetBridgeCapacity
 * is refused with x/interchain's sentence whether signed directly or with amino JSON (so the amino
 * name gridd registers is the one the client signs), a stranger is refused as not the operator,
 * and the queries answer over gRPC, REST and the CLI. Links with capacities are checked on the
 * default hierarchy by hierarchy.net.spec.ts.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { BECH32_PREFIX, BridgeDirection, GridledgerClient, GridledgerTxError } from "@gridledger/client";
import { startTestChain, type TestChain } from "@gridledger/relayer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("bridge capacities on a single gridd node", () => {
  let chain: TestChain;
  let operator: GridledgerClient;
  let operatorAddress: string;

  beforeAll(async () => {
    chain = await startTestChain({ name: "bridges" });
    operatorAddress = chain.accounts.operator.address;
    operator = await GridledgerClient.connectWithSigner(chain.rpc, await DirectSecp256k1HdWallet.fromMnemonic(chain.accounts.operator.mnemonic, { prefix: BECH32_PREFIX }));
  });

  afterAll(async () => {
    operator?.disconnect();
    await chain?.stop();
  });

  it("refuses a capacity on a channel that links no child, direct and amino-signed, and a stranger as not the operator", async () => {
    const direct = operator.setBridgeCapacity(operatorAddress, "channel-0", BridgeDirection.BRIDGE_DIRECTION_UP, 50_000_000n);
    await expect(direct).rejects.toBeInstanceOf(GridledgerTxError);
    await expect(direct).rejects.toMatchObject({ codespace: "interchain", code: 4 });
    await expect(direct).rejects.toThrow(/energy channel channel-0 links no child of this chain/);

    const amino = await GridledgerClient.connectWithSigner(chain.rpc, await Secp256k1HdWallet.fromMnemonic(chain.accounts.operator.mnemonic, { prefix: BECH32_PREFIX }));
    try {
      const signed = amino.setBridgeCapacity(operatorAddress, "channel-0", BridgeDirection.BRIDGE_DIRECTION_DOWN, 1n);
      // Past the signature check: refused by x/interchain, not by the ante handler.
      await expect(signed).rejects.toMatchObject({ codespace: "interchain", code: 4 });
    } finally {
      amino.disconnect();
    }

    const alice = await GridledgerClient.connectWithSigner(chain.rpc, await DirectSecp256k1HdWallet.fromMnemonic(chain.accounts.alice.mnemonic, { prefix: BECH32_PREFIX }));
    try {
      await expect(alice.setBridgeCapacity(chain.accounts.alice.address, "channel-0", BridgeDirection.BRIDGE_DIRECTION_UP, 1n)).rejects.toBeInstanceOf(GridledgerTxError);
    } finally {
      alice.disconnect();
    }
    expect((await operator.query.interchain.bridgeCapacities()).capacities).toEqual([]);
  });

  it("answers the bridge queries over gRPC, REST and the CLI", async () => {
    await expect(operator.query.interchain.bridgeUsage("channel-0", 1n)).rejects.toThrow(/links no child/);
    const get = async (path: string) => {
      const res = await fetch(`${chain.rest}${path}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await get("/gridledger/interchain/v1/bridge_capacities")).toMatchObject({ status: 200, body: { capacities: [] } });
    expect((await get("/gridledger/interchain/v1/bridges/channel-0/usage?first_period=1")).status).toBe(404);
    expect((await get("/gridledger/interchain/v1/bridges/channel-0/usage?first_period=10&last_period=9")).status).toBe(400);
    expect((await get("/gridledger/interchain/v1/bridges/channel-0/usage?first_period=1&last_period=97")).status).toBe(400);

    const { stdout } = await run(chain.spec.binary, ["query", "interchain", "bridge-capacities", "--output", "json", "--node", chain.rpc]);
    expect((JSON.parse(stdout) as { capacities?: unknown[] }).capacities ?? []).toEqual([]);
    const help = await run(chain.spec.binary, ["tx", "interchain", "set-bridge-capacity", "--help"]);
    expect(help.stdout).toContain("set-bridge-capacity [channel-id] [direction] [wh-per-period]");
  });
});
