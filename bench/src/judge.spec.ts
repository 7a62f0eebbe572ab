import { describe, expect, it } from "vitest";

import { billRounds, figure, GOALS, judgeState, latencyStats, percentile, procStatCpuSeconds, ratioOf, spreadOf, verdict } from "./judge.js";

describe("percentile and latencyStats", () => {
  it("takes the nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBe(0);
  });

  it("sorts the samples itself and rounds to hundredths", () => {
    const s = latencyStats([30, 10, 20, 40.123, 1000]);
    expect(s).toEqual({ count: 5, p50Ms: 30, p95Ms: 1000, maxMs: 1000, meanMs: 220.02 });
    expect(latencyStats([])).toEqual({ count: 0, p50Ms: 0, p95Ms: 0, maxMs: 0, meanMs: 0 });
  });
});

describe("procStatCpuSeconds", () => {
  // A real line's layout: pid (comm) state ppid ... utime(14) stime(15) ...
  const line = (comm: string, utime: number, stime: number) =>
    `4242 (${comm}) S 1 4242 4242 0 -1 4194560 12345 0 0 0 ${utime} ${stime} 0 0 20 0 12 0 1000 2000000 3000 18446744073709551615\n`;

  it("adds utime and stime, in clock ticks", () => {
    expect(procStatCpuSeconds(line("gridd", 1234, 66))).toBe(13);
    expect(procStatCpuSeconds(line("gridd", 1234, 66), 1000)).toBe(1.3);
  });

  it("counts fields from the last parenthesis, so a command name with spaces and parentheses does not shift them", () => {
    expect(procStatCpuSeconds(line("gridd (x) y", 500, 250))).toBe(7.5);
  });

  it("refuses what is not a stat line", () => {
    expect(() => procStatCpuSeconds("garbage")).toThrow(/not a \/proc/);
    expect(() => procStatCpuSeconds("1 (a) S 1 2")).toThrow(/no utime/);
  });
});

describe("billRounds", () => {
  it("bills every CPU second between the first round's start and the quiet node to some round", () => {
    // Rounds start at 10, 14, 20, 21; the node is quiet at 30: the last round carries the tail.
    const billed = billRounds([10, 14, 20, 21, 30]);
    expect(billed).toEqual([4, 6, 1, 9]);
    expect(billed.reduce((a, b) => a + b, 0)).toBe(30 - 10);
  });

  it("refuses a reading that goes backwards (a restarted node) and too few readings", () => {
    expect(() => billRounds([10, 12, 11])).toThrow(/backwards/);
    expect(() => billRounds([10])).toThrow(/needs a reading/);
  });
});

describe("judgeState", () => {
  it("judges tx/s (at least 0.8 of the send's) and CPU per transaction (at most 1.25 times the send's)", () => {
    const j = judgeState({ txPerSecond: 500, cpu: { griddMsPerTx: 2 } }, { txPerSecond: 400, cpu: { griddMsPerTx: 2.5 } });
    expect(j.txPerSecond).toEqual({ measured: 0.8, target: GOALS.txPerSecondRatio, op: ">=", met: true });
    expect(j.cpuPerTx).toEqual({ measured: 1.25, target: GOALS.cpuPerTxRatio, op: "<=", met: true });
  });

  it("misses each goal on its own", () => {
    const slow = judgeState({ txPerSecond: 500, cpu: { griddMsPerTx: 2 } }, { txPerSecond: 399, cpu: { griddMsPerTx: 2.4 } });
    expect(slow.txPerSecond.met).toBe(false);
    expect(slow.cpuPerTx.met).toBe(true);
    const costly = judgeState({ txPerSecond: 500, cpu: { griddMsPerTx: 2 } }, { txPerSecond: 450, cpu: { griddMsPerTx: 2.6 } });
    expect(costly.txPerSecond.met).toBe(true);
    expect(costly.cpuPerTx).toMatchObject({ measured: 1.3, met: false });
  });

  it("does not judge what was not measured (no CPU reading, no send)", () => {
    const j = judgeState({ txPerSecond: 0, cpu: { griddMsPerTx: 0 } }, { txPerSecond: 400 });
    expect(j.txPerSecond).toMatchObject({ measured: null, met: null });
    expect(j.cpuPerTx).toMatchObject({ measured: null, met: null });
    expect(verdict(j.cpuPerTx)).toBe("not measured");
  });
});

describe("figure, verdict and ratioOf", () => {
  it("compares with the operator asked for", () => {
    expect(figure(49.99, "<", 50).met).toBe(true);
    expect(figure(50, "<", 50).met).toBe(false);
    expect(figure(50, "<=", 50).met).toBe(true);
    expect(figure(Number.NaN, "<", 50).met).toBeNull();
    expect(verdict(figure(10, "<", 50))).toBe("goal met");
    expect(verdict(figure(60, "<", 50))).toBe("goal MISSED");
    expect(ratioOf(30, 20)).toBe(1.5);
    expect(ratioOf(30, 0)).toBeNull();
  });
});

describe("spreadOf", () => {
  it("keeps every run's value, min and max, and counts the runs that met the goal (not the mean)", () => {
    // The three fresh runs: 0.86, 0.74, 0.74 — one of three meets 0.8, though the mean is 0.78.
    const s = spreadOf([0.86, 0.74, 0.74].map((v) => figure(v, ">=", 0.8)));
    expect(s).toEqual({ values: [0.86, 0.74, 0.74], min: 0.74, max: 0.86, met: 1, judged: 3 });
  });

  it("leaves out runs that did not measure the figure", () => {
    const s = spreadOf([figure(30, "<", 50), null, figure(null, "<", 50)]);
    expect(s).toEqual({ values: [30, null, null], min: 30, max: 30, met: 1, judged: 1 });
  });
});
