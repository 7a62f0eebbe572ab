import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serveUi, type UiServer } from "./serve.js";

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
});
