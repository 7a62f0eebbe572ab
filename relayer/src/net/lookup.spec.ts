import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPortFree, testPortBase } from "../chain/ports.js";
import { channelEnd, channelsOnPort, trackedChain } from "./ibc-lookup.js";
import { classifyRest, definite, retryUnreachable, type Lookup } from "./lookup.js";

const CHANNEL_NOT_FOUND = /channel not found/;
const parseOk = (json: unknown) => json;

// The gRPC gateway's bodies, as ibc-go v10 and grpc-gateway v1 write them.
const channelMissingBody = JSON.stringify({ code: 5, message: "port-id: transfer, channel-id channel-7: channel not found", details: [] });
const routeMissingBody = JSON.stringify({ code: 5, message: "Not Found", details: [] });
const channelBody = JSON.stringify({
  channel: { state: "STATE_OPEN", ordering: "ORDER_UNORDERED", counterparty: { port_id: "transfer", channel_id: "channel-3" }, connection_hops: ["connection-1"], version: "ics20-1" },
  proof: null,
  proof_height: { revision_number: "0", revision_height: "80" },
});

describe("classifyRest", () => {
  it("calls a thing missing only on 404 with gRPC NotFound and the query's own not-found error", () => {
    expect(classifyRest(404, channelMissingBody, CHANNEL_NOT_FOUND, parseOk)).toMatchObject({ kind: "missing" });
  });

  it("does not take an unknown route (404 'Not Found', e.g. a REST server still registering) for a missing object", () => {
    expect(classifyRest(404, routeMissingBody, CHANNEL_NOT_FOUND, parseOk)).toMatchObject({ kind: "unreachable", reason: "HTTP 404: Not Found" });
  });

  it("treats server errors, other gRPC codes and garbled bodies as 'could not tell'", () => {
    expect(classifyRest(500, JSON.stringify({ code: 2, message: "failed to load state at height 80" }), CHANNEL_NOT_FOUND, parseOk).kind).toBe("unreachable");
    expect(classifyRest(404, JSON.stringify({ code: 2, message: "channel not found" }), CHANNEL_NOT_FOUND, parseOk).kind).toBe("unreachable");
    expect(classifyRest(503, "<html>Service Unavailable</html>", CHANNEL_NOT_FOUND, parseOk).kind).toBe("unreachable");
    expect(classifyRest(200, "{truncated", CHANNEL_NOT_FOUND, parseOk).kind).toBe("unreachable");
  });

  it("returns a parsed value on 200, and 'could not tell' when the answer lacks what the parser needs", () => {
    expect(classifyRest(200, '{"a":1}', CHANNEL_NOT_FOUND, (j) => (j as { a: number }).a)).toEqual({ kind: "found", value: 1 });
    const bad = classifyRest(200, "{}", CHANNEL_NOT_FOUND, () => {
      throw new Error("channel is missing");
    });
    expect(bad).toMatchObject({ kind: "unreachable", reason: "unexpected answer: channel is missing" });
  });
});

describe("IBC reads against a REST server", () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, [number, string]>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const [status, body] = routes.get(req.url ?? "") ?? [404, routeMissingBody];
      res.writeHead(status, { "content-type": "application/json" }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    routes.set("/ibc/core/channel/v1/channels/channel-0/ports/transfer", [200, channelBody]);
    routes.set("/ibc/core/channel/v1/channels/channel-7/ports/transfer", [404, channelMissingBody]);
    routes.set("/ibc/core/channel/v1/channels/channel-9/ports/transfer", [500, JSON.stringify({ code: 13, message: "panic" })]);
    routes.set("/ibc/core/channel/v1/channels?pagination.limit=10000", [
      200,
      JSON.stringify({
        channels: [
          { state: "STATE_OPEN", port_id: "transfer", channel_id: "channel-0", connection_hops: ["connection-1"], counterparty: { port_id: "transfer", channel_id: "channel-3" }, version: "ics20-1" },
          { state: "STATE_INIT", port_id: "energy", channel_id: "channel-1", connection_hops: ["connection-1"], counterparty: { port_id: "energy", channel_id: "" }, version: "energy-1" },
        ],
      }),
    ]);
    routes.set("/ibc/core/connection/v1/connections/connection-1/client_state", [
      200,
      JSON.stringify({ identified_client_state: { client_id: "07-tendermint-1", client_state: { "@type": "/ibc.lightclients.tendermint.v1.ClientState", chain_id: "gridledger-regional-east-1" } } }),
    ]);
    routes.set("/ibc/core/connection/v1/connections/connection-4/client_state", [404, JSON.stringify({ code: 5, message: "connection-id: connection-4: connection not found" })]);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reads a channel end, a definite absence, and a failure as three different answers", async () => {
    expect(await channelEnd(base, "transfer", "channel-0")).toEqual({
      kind: "found",
      value: { portId: "transfer", channelId: "channel-0", state: "STATE_OPEN", version: "ics20-1", connectionId: "connection-1", counterparty: { portId: "transfer", channelId: "channel-3" } },
    });
    expect((await channelEnd(base, "transfer", "channel-7")).kind).toBe("missing");
    expect((await channelEnd(base, "transfer", "channel-9")).kind).toBe("unreachable");
    // A route the server does not serve: the same 404 status, but no statement about channels.
    expect((await channelEnd(base, "energy", "channel-0")).kind).toBe("unreachable");
  });

  it("lists a port's channels only, and reads the chain a connection's client tracks", async () => {
    const list = await channelsOnPort(base, "transfer");
    expect(list.kind === "found" && list.value.map((c) => c.channelId)).toEqual(["channel-0"]);
    expect(await trackedChain(base, "connection-1")).toEqual({ kind: "found", value: "gridledger-regional-east-1" });
    expect((await trackedChain(base, "connection-4")).kind).toBe("missing");
  });

  it("calls a node that is not listening unreachable, never missing", async () => {
    let port = testPortBase(1);
    while (!(await isPortFree(port))) port++;
    const result = await channelEnd(`http://127.0.0.1:${port}`, "transfer", "channel-0");
    expect(result).toMatchObject({ kind: "unreachable" });
    expect(result.kind === "unreachable" && result.reason).toContain("ECONNREFUSED");
  });
});

describe("retryUnreachable", () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, sleep: async (ms: number) => void (t += ms) };
  };

  it("retries while the chain does not answer and returns the first definite answer", async () => {
    const answers: Lookup<string>[] = [{ kind: "unreachable", reason: "ECONNREFUSED" }, { kind: "unreachable", reason: "HTTP 404: Not Found" }, { kind: "missing", reason: "channel not found" }];
    let calls = 0;
    const result = await retryUnreachable("channel", async () => answers[calls++] as Lookup<string>, { ...clock(), timeoutMs: 10_000 });
    expect(result.kind).toBe("missing");
    expect(calls).toBe(3);
  });

  it("gives up at its bound with the last failure, reporting progress on the way", async () => {
    const lines: string[] = [];
    let calls = 0;
    const result = await retryUnreachable(
      "channel-0 on t",
      async () => {
        calls++;
        return { kind: "unreachable", reason: "ECONNREFUSED" } as Lookup<string>;
      },
      { ...clock(), timeoutMs: 12_000, intervalMs: 1_000, log: (m) => lines.push(m) },
    );
    expect(result).toEqual({ kind: "unreachable", reason: "ECONNREFUSED" });
    expect(calls).toBe(13);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toContain("channel-0 on t: no answer yet (ECONNREFUSED)");
  });

  it("definite turns 'could not tell' into an error that says what to do", () => {
    expect(definite("x", { kind: "found", value: 3 }, "")).toBe(3);
    expect(definite("x", { kind: "missing", reason: "" }, "")).toBeUndefined();
    expect(() => definite("channel-0 on t", { kind: "unreachable", reason: "ECONNREFUSED" }, "Run `gridnet up` again.")).toThrow(/could not read channel-0 on t: ECONNREFUSED\.\n  Run `gridnet up` again\./);
  });
});
