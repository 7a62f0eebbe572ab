/**
 * Process control against a fake gridd (a Node script serving /status), so it runs without the real binary.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLog } from "../log.js";
import { isRunning, startNode, stopNode, waitForBlocks } from "./node.js";
import { findFreePortBase, testPortBase } from "./ports.js";
import { nodeHome, portsFromBase, resolveChainSpec, type ChainSpec } from "./spec.js";

// `fake start --home H`: serves a height that grows every 100 ms on the port in H/config/fake.json;
// with "ignoreTerm" it survives SIGTERM, with "crash" it exits at once.
const FAKE = `#!/usr/bin/env node
const fs = require("node:fs"), http = require("node:http");
const home = process.argv[process.argv.indexOf("--home") + 1];
const cfg = JSON.parse(fs.readFileSync(home + "/config/fake.json", "utf8"));
if (cfg.crash) { console.error("fake crash: bad genesis"); process.exit(3); }
if (cfg.ignoreTerm) process.on("SIGTERM", () => console.error("ignoring SIGTERM"));
const started = Date.now();
http.createServer((req, res) => {
  const h = Math.floor((Date.now() - started) / 100);
  res.end(JSON.stringify({ result: { sync_info: { latest_block_height: String(h) } } }));
}).listen(cfg.port, "127.0.0.1");
`;

describe("node processes (fake gridd)", () => {
  let dir: string;
  let binary: string;
  const homes: string[] = [];

  async function chain(name: string, fake: Record<string, unknown>): Promise<ChainSpec> {
    const ports = portsFromBase(await findFreePortBase(testPortBase(1)));
    const spec = resolveChainSpec({
      chainId: "gridledger-fake-1",
      moniker: name,
      home: join(dir, name),
      binary,
      ports,
      accounts: [{ name: "operator", coins: "1ugrid" }],
      gridOperator: "operator",
    });
    homes.push(nodeHome(spec, 0));
    const config = join(nodeHome(spec, 0), "config");
    await mkdir(config, { recursive: true });
    await writeFile(join(config, "genesis.json"), "{}");
    await writeFile(join(config, "fake.json"), JSON.stringify({ port: ports.rpc, ...fake }));
    return spec;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gridledger-node-spec-"));
    binary = join(dir, "fake-gridd");
    await writeFile(binary, FAKE);
    await chmod(binary, 0o755);
  });
  afterAll(async () => {
    // A failed test must not leave its fake node running.
    for (const home of homes) await stopNode(home, { log: silentLog, timeoutMs: 1_000 });
    await rm(dir, { recursive: true, force: true });
  });

  it("starts detached, waits for blocks, stops by pid", async () => {
    const spec = await chain("ok", {});
    const home = nodeHome(spec, 0);
    const node = await startNode(spec, { log: silentLog });
    expect(await isRunning(home)).toBe(true);
    expect(await waitForBlocks(node.rpc, 3, 10_000, { log: silentLog, home })).toBeGreaterThanOrEqual(3);
    expect((await startNode(spec, { log: silentLog })).pid).toBe(node.pid); // reused, not started twice
    expect(await stopNode(home, { log: silentLog })).toBe(true);
    expect(await isRunning(home)).toBe(false);
    expect(await stopNode(home, { log: silentLog })).toBe(false);
  });

  it("kills a node that ignores SIGTERM", async () => {
    const spec = await chain("stubborn", { ignoreTerm: true });
    const home = nodeHome(spec, 0);
    const node = await startNode(spec, { log: silentLog });
    await waitForBlocks(node.rpc, 1, 10_000, { log: silentLog });
    const t0 = Date.now();
    await stopNode(home, { log: silentLog, timeoutMs: 500 });
    expect(await isRunning(home)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("fails fast with the log when the node dies", async () => {
    const spec = await chain("crash", { crash: true });
    const node = await startNode(spec, { log: silentLog });
    await expect(waitForBlocks(node.rpc, 2, 20_000, { log: silentLog, home: node.home, logFile: node.logFile })).rejects.toThrow(
      /gridd stopped before block 2[\s\S]*fake crash: bad genesis/,
    );
  });

  it("times out with the state it saw", async () => {
    await expect(waitForBlocks("http://127.0.0.1:9", 1, 300, { log: silentLog })).rejects.toThrow(/no block 1 .* within 0.3 s \(its RPC never answered\)/);
  });

  it("refuses to start an uninitialised home", async () => {
    const spec = resolveChainSpec({ ...(await chain("empty", {})), home: join(dir, "nothing") });
    await expect(startNode(spec, { log: silentLog })).rejects.toThrow(/not initialised/);
  });
});
