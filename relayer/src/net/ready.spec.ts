import { createServer, type Http2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPortFree } from "../chain/ports.js";
import { grpcProbe, NODE_INFO } from "./grpc-probe.js";
import { readiness, waitForChains, type ChainProbe, type ReadyTarget } from "./ready.js";

const ok = (height: number, catchingUp = false): ChainProbe => ({ rpc: { height, catchingUp }, rest: undefined, grpc: undefined });

describe("readiness", () => {
  it("waits for a block committed after the wait began: a restarted node's RPC first reports the height it stopped at", () => {
    expect(readiness(ok(812), 812)).toEqual({ ready: false, detail: "RPC at height 812, waiting for block 813" });
    expect(readiness(ok(813), 812)).toEqual({ ready: true, detail: "ready at height 813" });
  });

  it("needs block 2 on a fresh chain", () => {
    expect(readiness(ok(1), undefined).ready).toBe(false);
    expect(readiness(ok(2), 0).ready).toBe(true);
  });

  it("does not trust a node that is catching up: its state may predate the link's channels", () => {
    expect(readiness(ok(900, true), 10)).toEqual({ ready: false, detail: "catching up, at height 900" });
  });

  it("needs REST and gRPC to answer as well as RPC", () => {
    expect(readiness({ ...ok(20), rest: "ECONNREFUSED" }, 10)).toEqual({ ready: false, detail: "at height 20, REST not answering (ECONNREFUSED)" });
    expect(readiness({ ...ok(20), grpc: "ECONNREFUSED" }, 10)).toEqual({ ready: false, detail: "at height 20, gRPC not answering (ECONNREFUSED)" });
    expect(readiness({ rpc: "ECONNREFUSED", rest: "ECONNREFUSED", grpc: "ECONNREFUSED" }, undefined)).toEqual({ ready: false, detail: "RPC not answering (ECONNREFUSED)" });
  });
});

describe("waitForChains", () => {
  const target = (name: string): ReadyTarget => ({ name, rpc: `http://${name}:1`, rest: `http://${name}:2`, grpc: `${name}:3`, nodes: [] });

  it("returns once every chain has answered on all endpoints after a new block, printing progress", async () => {
    // The sequence a restart shows: nothing, RPC at the old height, a new block before REST
    // listens, then everything.
    const script: ChainProbe[] = [{ rpc: "ECONNREFUSED", rest: "ECONNREFUSED", grpc: "ECONNREFUSED" }, ok(500), { ...ok(501), rest: "ECONNREFUSED" }, ok(502)];
    let calls = 0;
    const lines: string[] = [];
    await waitForChains([target("t")], { log: (m) => lines.push(m), intervalMs: 1, probe: async () => script[Math.min(calls++, script.length - 1)] as ChainProbe });
    expect(calls).toBe(4);
    expect(lines.at(-1)).toMatch(/^t: ready at height 502/);
  });

  it("fails at its bound naming each chain that did not answer, what it waits for, and what to do", async () => {
    // t makes blocks but its gRPC server never answers; e's consensus is stalled at 100.
    let height = 40;
    const probe = async (t: ReadyTarget): Promise<ChainProbe> => (t.name === "e" ? ok(100) : { ...ok(height++), grpc: "ECONNREFUSED" });
    const error = await waitForChains([target("t"), target("e")], { log: () => {}, intervalMs: 5, timeoutMs: 50, probe }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^2 of 2 chains did not answer within 0.05 s, so gridnet did not touch their links:/);
    expect(message).toMatch(/ {2}t: at height \d+, gRPC not answering \(ECONNREFUSED\) \(RPC http:\/\/t:1, REST http:\/\/t:2, gRPC t:3\)/);
    expect(message).toMatch(/ {2}e: RPC at height 100, waiting for block 101/);
    expect(message).toMatch(/gridnet logs <chain>.*run `gridnet up` again/s);
  });
});

describe("grpcProbe", () => {
  let server: Http2Server;
  let address: string;
  const paths: string[] = [];

  beforeAll(async () => {
    // Answers like a gRPC server: status 0 for GetNodeInfo, 12 (unimplemented) otherwise.
    server = createServer();
    server.on("stream", (stream, headers) => {
      paths.push(String(headers[":path"]));
      const known = headers[":path"] === NODE_INFO && headers["content-type"] === "application/grpc";
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers(known ? { "grpc-status": "0" } : { "grpc-status": "12", "grpc-message": "unknown%20service" }));
      stream.end(Buffer.alloc(5));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reports success only on grpc-status 0, and the server's status and message otherwise", async () => {
    expect(await grpcProbe(address)).toBeUndefined();
    expect(await grpcProbe(address, "/no.such.Service/Method")).toBe("grpc-status 12: unknown service");
    expect(paths).toEqual([NODE_INFO, "/no.such.Service/Method"]);
  });

  it("reports a port nobody listens on", async () => {
    let port = 39_000 + Math.floor(Math.random() * 900);
    while (!(await isPortFree(port))) port++;
    expect(await grpcProbe(`127.0.0.1:${port}`)).toBe("ECONNREFUSED");
  });
});
