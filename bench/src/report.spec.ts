import { describe, expect, it } from "vitest";

import type { BenchResult, RoundPhase, RunResult, StateRun } from "./bench.js";
import { figure, judgeState, latencyStats, spreadOf } from "./judge.js";
import type { PhaseStats } from "./load.js";
import { fmt, report } from "./report.js";
import { combineRounds } from "./rounds.js";

function phase(name: string, committed: number, chainSeconds: number, firstHeight: number, griddSeconds: number): PhaseStats {
  return {
    name,
    txs: committed,
    msgsPerTx: 1,
    committed,
    failed: 0,
    rejected: 0,
    skipped: 0,
    firstHeight,
    lastHeight: firstHeight + 1,
    txPerSecond: committed / chainSeconds,
    steadyTxPerSecond: null,
    steadyTxs: null,
    steadySeconds: null,
    chainSeconds,
    headerTimes: [],
    submitSeconds: 1,
    wallSeconds: 2,
    avgTxsPerBlock: committed / 2,
    maxTxsPerBlock: committed,
    mempoolMin: 0,
    mempoolAvg: 0,
    gasUsedAvg: 100,
    gasUsedMax: 100,
    gasWanted: 200,
    cpu: { griddSeconds, clientSeconds: 0, griddMsPerTx: (griddSeconds * 1000) / committed },
    failures: [],
    blocks: [],
  };
}

/** state makes one state's rounds (buy, send, send, buy from height h) with the given rates and CPU seconds per round. */
function state(prefix: string, h: number, buyTps: number, sendTps: number, buyCpu: number, sendCpu: number): StateRun {
  const b1 = phase(`buySide${prefix} 1/2`, 100, 100 / buyTps, h, buyCpu);
  const s1 = phase(`bankSend${prefix} 1/2`, 100, 100 / sendTps, h + 2, sendCpu);
  const s2 = phase(`bankSend${prefix} 2/2`, 100, 100 / sendTps, h + 4, sendCpu);
  const b2 = phase(`buySide${prefix} 2/2`, 100, 100 / buyTps, h + 6, buyCpu);
  const send = combineRounds(`bankSend${prefix}`, [s1, s2]) as RoundPhase;
  const buy = combineRounds(`buySide${prefix}`, [b1, b2]) as RoundPhase;
  return { send, buy, tailCpuSeconds: 0.5, judged: judgeState(send, buy) };
}

describe("report", () => {
  it("prints met or MISSED for each figure of each run and state, and the spread over runs", () => {
    const lat = latencyStats([10, 20, 30]);
    const runs: RunResult[] = [
      [0.9, 1.1, 0.7, 1.3, 40],
      [0.85, 1.2, 0.82, 1.2, 60],
    ].map(([fresh, freshCpu, filled, filledCpu, p95], i) => ({
      run: i + 1,
      fresh: state(` #${i + 1}`, 10 + i * 100, 100 * (fresh as number), 100, 1 * (freshCpu as number), 1),
      filled: state(`AtFill #${i + 1}`, 50 + i * 100, 100 * (filled as number), 100, 1 * (filledCpu as number), 1),
      offers: {
        liveOfferedTokens: 100_000,
        marketOffers: 100_000,
        pageLimit: 50,
        offers: { ...lat, p95Ms: p95 as number, byKind: {} },
        baseline: { ...lat, query: "bank" },
        p95Ratio: 1,
        judged: figure(p95 as number, "<", 50),
      },
      reads: {
        idle: { offers: lat, position: lat, balance: lat },
        underLoad: { offers: lat, position: lat, balance: lat },
        p95Ratio: { offers: 1, position: 1, balance: 1 },
        rest: {
          idle: { offers: lat, position: lat, balance: lat },
          underLoad: { offers: { ...lat, p95Ms: 7.5 }, position: lat, balance: lat },
          p95Ratio: { offers: 2.5, position: 1, balance: 1 },
        },
        load: { txs: 600, txPerSecond: 90, vsJudgedBuy: 1.1 },
        offersJudged: figure(30, "<", 50),
      },
    }));
    const r = {
      chain: { griddVersion: "v", cometbftVersion: "c", blockTime: "1s" },
      machine: { cpus: 2, cpuModel: "x", memoryGiB: 4, node: "v22" },
      params: { accounts: 100, txs: 12000, window: 4000, fillBatch: 100 },
      phases: {},
      fill: null,
      runs,
      spread: {
        freshTxPerSecond: spreadOf(runs.map((x) => x.fresh.judged.txPerSecond)),
        filledCpuPerTx: spreadOf(runs.map((x) => x.filled?.judged.cpuPerTx)),
        offersP95Ms: spreadOf(runs.map((x) => x.offers?.judged)),
      },
      profiles: [],
      profileSplits: [
        { label: "buySide #1 1/2", file: "a.pprof", totalSeconds: 6, shares: { FinalizeBlock: 0.5, "Go GC mark": 0.125 } },
        { label: "not a round", file: "b.pprof", totalSeconds: 6, shares: { FinalizeBlock: 0.25 } },
      ],
    } as unknown as BenchResult;
    const text = report(r, "/tmp/x.json");
    if (process.env.SHOW_REPORT) console.log(text);
    expect(text).toContain("run 1 fresh:  buy tx/s / send tx/s 0.90 (>= 0.8) goal met; gridd CPU per buy / per send 1.10 (<= 1.25) goal met");
    expect(text).toContain("run 1 filled: buy tx/s / send tx/s 0.70 (>= 0.8) goal MISSED; gridd CPU per buy / per send 1.30 (<= 1.25) goal MISSED");
    expect(text).toContain("run 2 filled: buy tx/s / send tx/s 0.82 (>= 0.8) goal met; gridd CPU per buy / per send 1.20 (<= 1.25) goal met");
    expect(text).toContain("run 2 Offers p95 at 100000 offers in one market: 60 ms (< 50) goal MISSED");
    expect(text).toMatch(/fresh {2}buy\/send tx\/s +0\.9 0\.85 +min 0\.85 {2}max 0\.9 {2}met 2\/2/);
    expect(text).toMatch(/filled buy\/send CPU\/tx +1\.3 1\.2 +min 1\.2 {2}max 1\.3 {2}met 1\/2/);
    expect(text).toContain("the same over the REST gateway");
    expect(text).toMatch(/ {2}Offers \(one market\) +\d+ +[\d.]+ +\d+ +7\.5 +2\.5/);
    // The CPU split: share x the round's gridd ms/tx (1.1 s over 100 buys = 11 ms), or the share alone.
    expect(text).toMatch(/^FinalizeBlock +5\.500 \(50\.0 %\) +25\.0 %$/m);
    expect(text).toMatch(/^Go GC mark +1\.375 \(12\.5 %\) +0\.0 %$/m);
    expect(text).toMatch(/^whole round \(gridd ms\/tx\) +11 +-$/m);
    expect(text).toContain("rounds, in the order they ran (tx/s, gridd ms/tx): buySide #1 1/2 90/");
  });
});

describe("fmt", () => {
  it("prints two decimals, and three when two would round a figure onto its goal's other side", () => {
    expect(fmt(figure(0.799, ">=", 0.8))).toBe("0.799");
    expect(fmt(figure(1.2549, "<=", 1.25))).toBe("1.255");
    expect(fmt(figure(0.8, ">=", 0.8))).toBe("0.80");
    expect(fmt(figure(0.734, ">=", 0.8))).toBe("0.73");
    expect(fmt(figure(null, ">=", 0.8))).toBe("-");
  });
});
