/**
 * Needs a built gridd: what the link step reads, against a real node. A node's REST API says
 * "missing" for a channel or connection that does not exist (the only answer that may lead to
 * creating one), a stopped node is "unreachable", and waitForChains passes a restarted node only
 * once it makes new blocks and its REST and gRPC servers answer.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestHeight, startChain, stopChain } from "../chain/node.js";
import { nodeHome } from "../chain/spec.js";
import { defaultBinary } from "../paths.js";
import { startTestChain, type TestChain } from "../testing.js";
import { grpcProbe } from "./grpc-probe.js";
import { channelEnd, channelsOnPort, connectionEnd, openConnectionIds, trackedChain } from "./ibc-lookup.js";
import { probeChain, waitForChains, type ReadyTarget } from "./ready.js";

if (!existsSync(defaultBinary())) throw new Error(`gridd not found at ${defaultBinary()}: run bash scripts/build-chain.sh first`);

describe("the link step's reads against a real gridd", () => {
  let chain: TestChain;
  let target: ReadyTarget;

  beforeAll(async () => {
    chain = await startTestChain({ name: "link-reads" });
    target = { name: "link-reads", rpc: chain.rpc, rest: chain.rest, grpc: chain.grpc, nodes: [{ home: nodeHome(chain.spec, 0), logFile: `${nodeHome(chain.spec, 0)}/gridd.log` }] };
    await waitForChains([target], { log: () => {}, timeoutMs: 60_000 });
  });
  afterAll(async () => {
    await chain?.stop();
  });

  it("hears a definite 'not found' for a channel and a connection that do not exist", async () => {
    expect(await channelEnd(chain.rest, "transfer", "channel-0")).toMatchObject({ kind: "missing", reason: expect.stringMatching(/channel not found/) });
    expect(await connectionEnd(chain.rest, "connection-0")).toMatchObject({ kind: "missing" });
    expect(await trackedChain(chain.rest, "connection-0")).toMatchObject({ kind: "missing" });
    expect(await channelsOnPort(chain.rest, "transfer")).toEqual({ kind: "found", value: [] });
    // ibc-go's loopback connection is there on every chain, with no stored client, and is no link's connection.
    expect(await trackedChain(chain.rest, "connection-localhost")).toMatchObject({ kind: "missing", reason: expect.stringMatching(/09-localhost: light client not found/) });
    expect(await openConnectionIds(chain.rest)).toEqual({ kind: "found", value: [] });
  });

  it("answers gRPC calls", async () => {
    expect(await grpcProbe(chain.grpc)).toBeUndefined();
  });

  it("calls a stopped node unreachable, never missing, and waits for a restarted one to make a new block and serve REST and gRPC", async () => {
    const before = (await latestHeight(chain.rpc)) as number;
    await stopChain(chain.spec, { log: () => {} });
    expect(await channelEnd(chain.rest, "transfer", "channel-0")).toMatchObject({ kind: "unreachable", reason: expect.stringMatching(/ECONNREFUSED/) });
    const down = await probeChain(target);
    expect(typeof down.rpc).toBe("string");
    expect(down.grpc).toBe("ECONNREFUSED");

    await startChain(chain.spec, { log: () => {} });
    const lines: string[] = [];
    await waitForChains([target], { log: (m) => lines.push(m), timeoutMs: 90_000 });
    const after = await probeChain(target);
    expect(after).toMatchObject({ rest: undefined, grpc: undefined, rpc: { catchingUp: false } });
    expect(typeof after.rpc !== "string" && after.rpc.height).toBeGreaterThan(before);
    expect(lines.at(-1)).toMatch(/^link-reads: ready at height \d+/);
    expect(await channelEnd(chain.rest, "transfer", "channel-0")).toMatchObject({ kind: "missing" });
  });
});
