/**
 * Smoke test of `npm run bench`: a --quick run end to end. It asserts that every phase
 * committed all of its transactions with code 0 and that the result file has the expected
 * fields. No speed threshold: speed is judged from ratios in full benchmark runs, never by a
 * timed test.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type BenchResult, runBench } from "./bench.js";
import { parseOptions, report } from "./report.js";

describe("npm run bench -- --quick", () => {
  let outDir: string;
  let result: BenchResult;
  let file: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "gridledger-bench-smoke-"));
    const options = { ...parseOptions(["--quick", "--out", outDir]), log: () => {} };
    ({ result, file } = await runBench(options));
  });

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it("commits every transaction of every phase with code 0", () => {
    const names = Object.keys(result.phases).sort();
    expect(names).toEqual(["bankSend", "bankSendAtFill", "buySide", "buySideAtFill", "issueToken"]);
    for (const phase of Object.values(result.phases)) {
      expect(phase.txs, phase.name).toBeGreaterThan(0);
      expect(phase.committed, phase.name).toBe(phase.txs);
      expect(phase.failed, phase.name).toBe(0);
      expect(phase.rejected, phase.name).toBe(0);
      expect(phase.failures, phase.name).toEqual([]);
      expect(phase.blocks.reduce((n, b) => n + b.txs, 0), phase.name).toBe(phase.txs);
      expect(phase.txPerSecond, phase.name).toBeGreaterThan(0);
      expect(phase.cpu?.griddMsPerTx, phase.name).toBeGreaterThanOrEqual(0);
    }
    expect(result.phases.buySide?.buyerLiveSidesAtStart).toBeGreaterThan(0);
    for (const step of [result.fill?.issue, result.fill?.ask]) {
      expect(step?.committed).toBe(step?.txs);
      expect(step?.failed).toBe(0);
    }
  });

  it("fills the chain with the requested live offered tokens and measures the Offers query", () => {
    expect(result.fill?.tokens).toBe(1000);
    expect(result.fill?.liveOfferedTokens).toBe(1000);
    expect(result.latency?.liveOfferedTokens).toBe(1000);
    expect(result.latency?.offers.count).toBe(result.params.queries);
    expect(result.latency?.baseline.count).toBe(result.params.queries);
    expect(result.latency?.offers.p95Ms).toBeGreaterThanOrEqual(result.latency?.offers.p50Ms ?? Infinity);
  });

  it("writes a JSON result with machine, chain, parameters, ratios and goals", async () => {
    const written = JSON.parse(await readFile(file, "utf8")) as BenchResult;
    expect(written).toEqual(result);
    expect(written.schema).toBe(1);
    expect(written.machine.cpus).toBeGreaterThan(0);
    expect(written.machine.node).toBe(process.version);
    expect(written.chain.griddVersion).not.toBe("");
    expect(written.params).toMatchObject({ quick: true, txs: 50, accounts: 10, tokens: 1000 });
    expect(Object.keys(written.ratios).sort()).toEqual(["bankSend", "bankSendAtFill", "buySide", "buySideAtFill", "issueToken"]);
    expect(written.ratios.bankSend?.txPerSecond).toBe(1);
    expect(typeof written.goals.buyVsBankSend.measured).toBe("number");
    expect(written.goals.offersP95Ms.atTokens).toBe(1000);
    expect(report(written, file)).toContain("goal buy >= 0.8x bank send");
  });
});
