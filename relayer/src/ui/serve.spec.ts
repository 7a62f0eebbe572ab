import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NetworkStatus } from "@gridledger/client";
import { cached, serveUi, STATUS_CACHE_MS, type UiServer } from "./serve.js";

describe("the UI server", () => {
  let dist = "";
  let server: UiServer | undefined;
  beforeEach(async () => {
    dist = await mkdtemp(join(tmpdir(), "gridnet-ui-dist-"));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dist, { recursive: true, force: true });
  });

  it("serves the app, its assets and network.json, and index.html for the app's routes", async () => {
    await mkdir(join(dist, "assets"));
    await writeFile(join(dist, "index.html"), "<!doctype html><title>gridledger</title>");
    await writeFile(join(dist, "assets", "app-1.js"), "console.log(1)");
    let reads = 0;
    server = await serveUi({ dist, port: 0, network: async () => ({ version: 1, name: `n${++reads}`, local: true, chains: [] }) });
    const get = (path: string) => fetch(new URL(path, server?.url));

    const index = await get("/");
    expect(index.headers.get("content-type")).toContain("text/html");
    expect(await index.text()).toContain("gridledger");
    const asset = await get("/assets/app-1.js");
    expect(asset.headers.get("content-type")).toContain("text/javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(await (await get("/portfolio")).text()).toContain("<title>gridledger");
    // Read on every request: a network that changed is seen on reload.
    expect(((await (await get("/network.json")).json()) as { name: string }).name).toBe("n1");
    expect(((await (await get("/network.json")).json()) as { name: string }).name).toBe("n2");
    expect((await get("/..%2F..%2F..%2Fetc%2Fpasswd")).status).toBe(403);
  });

  it("refuses to start without a build, saying how to make one", async () => {
    await expect(serveUi({ dist, port: 0, network: async () => ({ version: 1, name: "n", local: true, chains: [] }) })).rejects.toThrow(/the UI is not built/);
  });

  it("serves a gridnet network's status, read once for the browsers asking within the cache time, and its chains' registry files", async () => {
    await writeFile(join(dist, "index.html"), "<!doctype html><title>gridledger</title>");
    let reads = 0;
    const status = async (): Promise<NetworkStatus> => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { name: "default", home: "/h", chains: [], links: [], hermes: { paused: false, rest: "r", telemetry: "t", health: { up: true, chains: [], workers: {} } }, supervisor: {} };
    };
    const files: Record<string, unknown> = { "east/chain.json": { chain_id: "east-1" } };
    server = await serveUi({ dist, port: 0, network: async () => ({ version: 1, name: "n", local: true, chains: [] }), status, chainFile: async (chain, file) => files[`${chain}/${file}`] });
    const get = (path: string) => fetch(new URL(path, server?.url));
    const answers = await Promise.all([get("/status.json"), get("/status.json"), get("/status.json")]);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(((await a.json()) as NetworkStatus).name).toBe("default");
    }
    expect(reads).toBe(1);
    const chain = await get("/chains/east/chain.json");
    expect(chain.headers.get("content-type")).toContain("application/json");
    expect(await chain.json()).toEqual({ chain_id: "east-1" });
    // Any page may read a chain's registry files, no other page network.json (its demo mnemonics).
    expect(chain.headers.get("access-control-allow-origin")).toBe("*");
    expect((await get("/network.json")).headers.get("access-control-allow-origin")).toBeNull();
    expect((await get("/chains/west/chain.json")).status).toBe(404);
    expect((await get("/chains/east/assetlist.json")).status).toBe(404);
  });

  it("answers 404 for status and registry files when it serves no gridnet network (a test chain, a chain entered by hand)", async () => {
    await writeFile(join(dist, "index.html"), "<!doctype html><title>gridledger</title>");
    server = await serveUi({ dist, port: 0, network: async () => ({ version: 1, name: "n", local: true, chains: [] }) });
    const status = await fetch(new URL("/status.json", server.url));
    expect(status.status).toBe(404);
    expect(((await status.json()) as { error: string }).error).toMatch(/no gridnet network/);
    expect((await fetch(new URL("/chains/east/chain.json", server.url))).status).toBe(404);
  });
});

describe("cached", () => {
  it("shares one read in flight and its answer for the cache time, then reads again; a failure is not kept", async () => {
    let t = 0;
    let n = 0;
    let fail = false;
    const read = cached(
      async () => {
        n++;
        if (fail) throw new Error("node down");
        return n;
      },
      STATUS_CACHE_MS,
      () => t,
    );
    expect(await Promise.all([read(), read()])).toEqual([1, 1]);
    t += STATUS_CACHE_MS - 1;
    expect(await read()).toBe(1);
    t += 1;
    fail = true;
    await expect(read()).rejects.toThrow("node down");
    fail = false;
    expect(await read()).toBe(3);
  });
});
