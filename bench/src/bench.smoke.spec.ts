/**
 * Smoke test of `npm run bench`: a --quick run of two runs end to end. It asserts that every
 * phase committed all of its transactions with code 0, that the rounds ran back to back, that
 * the fill is one market, and that the result file and the printed goals are complete. No speed threshold: speed is judged from ratios in full benchmark runs, never by a
 * timed test.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type BenchResult, runBench } from "./bench.js";
import { parseOptions, report } from "./report.js";

describe("npm run bench -- --quick --runs 2", () => {
  let outDir: string;
  let result: BenchResult;
  let file: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "gridledger-bench-smoke-"));
    const options = { ...parseOptions(["--quick", "--runs", "2", "--out", outDir]), log: () => {} };
    ({ result, file } = await runBench(options));
  });

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  const allPhases = () => [
    ...Object.values(result.phases),
    ...result.runs.flatMap((run) => [run.fresh.send, run.fresh.buy, ...(run.filled ? [run.filled.send, run.filled.buy] : [])]),
  ];

  it("runs the judged phases twice, fresh and filled, and commits every transaction with code 0", () => {
    expect(Object.keys(result.phases)).toEqual(["issueToken"]);
    expect(result.runs.map((r) => r.run)).toEqual([1, 2]);
    expect(result.runs.map((r) => [r.fresh.send.name, r.fresh.buy.name, r.filled?.send.name, r.filled?.buy.name])).toEqual([
      ["bankSend #1", "buySide #1", "bankSendAtFill #1", "buySideAtFill #1"],
      ["bankSend #2", "buySide #2", "bankSendAtFill #2", "buySideAtFill #2"],
    ]);
    for (const phase of allPhases()) {
      expect(phase.txs, phase.name).toBeGreaterThan(0);
      expect(phase.committed, phase.name).toBe(phase.txs);
      expect(phase.failed, phase.name).toBe(0);
      expect(phase.rejected, phase.name).toBe(0);
      expect(phase.failures, phase.name).toEqual([]);
      expect(phase.blocks.reduce((n, b) => n + b.txs, 0), phase.name).toBe(phase.txs);
      expect(phase.txPerSecond, phase.name).toBeGreaterThan(0);
      expect(phase.cpu?.griddMsPerTx, phase.name).toBeGreaterThan(0);
    }
    for (const step of [result.fill?.issue, result.fill?.ask]) {
      expect(step?.committed).toBe(step?.txs);
      expect(step?.failed).toBe(0);
    }
  });

  it("runs the rounds of a state back to back in the order buy, send, send, buy and bills gridd's CPU to them", () => {
    for (const run of result.runs) {
      for (const st of [run.fresh, run.filled]) {
        if (!st) throw new Error(`run ${run.run} has no filled state`);
        const rounds = [...st.buy.rounds, ...st.send.rounds].sort((a, b) => a.firstHeight - b.firstHeight);
        expect(rounds.map((r) => r.name.replace(/ #\d/, ""))).toEqual(
          st === run.fresh ? ["buySide 1/2", "bankSend 1/2", "bankSend 2/2", "buySide 2/2"] : ["buySideAtFill 1/2", "bankSendAtFill 1/2", "bankSendAtFill 2/2", "buySideAtFill 2/2"],
        );
        // No pause between rounds: a round's transactions begin at most a few blocks after the previous round's last block.
        for (let i = 1; i < rounds.length; i++) expect((rounds[i] as { firstHeight: number }).firstHeight - (rounds[i - 1] as { lastHeight: number }).lastHeight).toBeLessThanOrEqual(3);
        expect(st.tailCpuSeconds).toBeGreaterThanOrEqual(0);
        expect(st.judged.txPerSecond.measured).toBe(Math.round((st.buy.txPerSecond / st.send.txPerSecond) * 1000) / 1000);
        expect(st.judged.cpuPerTx.measured).toBeGreaterThan(0);
      }
    }
  });

  it("fills one market and measures Offers there, and reads on the idle node and under a buy load", () => {
    // 1000 tokens, plus one run's buys at the filled state (5 judged + 10 load per account), so that run 2 still sees 1000.
    expect(result.fill?.tokens).toBe(1150);
    expect(result.fill?.market).toEqual({ side: "SIDE_PRODUCER", category: "ENERGY_CATEGORY_SOLAR", denom: "uchf.alpine" });
    expect(result.runs[0]?.offers?.marketOffers).toBe(1150);
    expect(result.runs[1]?.offers?.marketOffers).toBe(1000);
    for (const run of result.runs) {
      expect(run.offers?.offers.count).toBe(result.params.queries);
      expect(run.offers?.baseline.count).toBe(result.params.queries);
      expect(run.offers?.offers.p95Ms).toBeGreaterThanOrEqual(run.offers?.offers.p50Ms ?? Infinity);
      const reads = run.reads;
      expect(reads?.load.txs).toBe(100);
      for (const k of ["offers", "position", "balance"] as const) {
        expect(reads?.idle[k].count, k).toBe(result.params.queries);
        expect(reads?.underLoad[k].count, k).toBeGreaterThan(0);
        // The same reads over REST, as many of each (getJson refuses an error answer).
        expect(reads?.rest.idle[k].count, k).toBe(result.params.queries);
        expect(reads?.rest.underLoad[k].count, k).toBe(reads?.underLoad[k].count);
      }
      expect(reads?.offersJudged.measured).toBe(reads?.underLoad.offers.p95Ms);
    }
  });

  it("writes a JSON result with machine, chain, parameters, runs and the spread, and prints the goals per run", async () => {
    const written = JSON.parse(await readFile(file, "utf8")) as BenchResult;
    expect(written).toEqual(result);
    expect(written.schema).toBe(1);
    expect(written.machine.cpus).toBeGreaterThan(0);
    expect(written.machine.node).toBe(process.version);
    expect(written.chain.griddVersion).not.toBe("");
    expect(written.params).toMatchObject({ quick: true, txs: 50, accounts: 10, tokens: 1000, runs: 2 });
    expect(written.spread.filledCpuPerTx?.values).toHaveLength(2);
    expect(written.spread.freshTxPerSecond?.judged).toBe(2);
    const text = report(written, file);
    for (const line of ["run 2 fresh:  buy tx/s / send tx/s", "run 2 filled: buy tx/s / send tx/s", "gridd CPU per buy / per send", "run 1 Offers p95 at 1150 offers in one market", "reads during writes", "the same over the REST gateway", "spread over 2 runs"]) {
      expect(text).toContain(line);
    }
  });
});
