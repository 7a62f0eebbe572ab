/**
 * The SDK must run in the web UI: bundling it for the browser must succeed without any
 * Node built-in (fs, child_process, ...), and the bundle must expose the client.
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe("browser bundle", () => {
  it("bundles for the browser without Node built-ins", async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL("./index.ts", import.meta.url))],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => path.startsWith("node:"))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).toContain("connectWithSigner");
    expect(code.length).toBeGreaterThan(10_000);
  }, 60_000);
});
