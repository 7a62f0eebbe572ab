/**
 * The settlement bench's parsing of BenchmarkSettle's output and its report (no Go run here:
 * settle.smoke.spec.ts runs the benchmark itself).
 */
import { describe, expect, it } from "vitest";

import { parseSettleOutput, settleLinearity, settleReport } from "./settle.js";

const OUTPUT = `goos: linux
goarch: amd64
pkg: github.com/gridledger/gridledger/chain/x/settlement/keeper
cpu: AMD EPYC
BenchmarkSettle/tokens=10000-2         	       1	 1000000000 ns/op	         7.000 blocks	     10000 charges	        50.00 cpu-ms/1k-tokens	         0.5000 empty-block-cpu-ms	         0.5000 empty-block-ms	        20.00 fill-s	         1.000 quiet-wait-s	        30.00 gather-cpu-ms/1k-tokens	        40.00 gather-ms/1k-tokens	     12000 items	       200.0 max-block-ms	       400.0 max/empty	       100.0 ms/1k-tokens	       150.0 p50-block-ms	       500.0 sends-per-block	       100.0 send-block-ms	        90.00 send-block-cpu-ms	         2.000 max/send-block	         0.2000 max/block-time	       150.0 max-block-cpu-ms	         1.667 max-cpu/send-block-cpu	      1000 participants	      1000 payments	     10000 tokens
BenchmarkSettle/tokens=100000-2        	       1	 13000000000 ns/op	        52.00 blocks	    100000 charges	        60.00 cpu-ms/1k-tokens	         0.6000 empty-block-cpu-ms	         0.6000 empty-block-ms	       200.0 fill-s	        12.00 quiet-wait-s	        45.00 gather-cpu-ms/1k-tokens	        50.00 gather-ms/1k-tokens	    102000 items	       300.0 max-block-ms	       500.0 max/empty	       130.0 ms/1k-tokens	       250.0 p50-block-ms	       500.0 sends-per-block	       120.0 send-block-ms	       100.0 send-block-cpu-ms	         2.500 max/send-block	         0.3000 max/block-time	       200.0 max-block-cpu-ms	         2.000 max-cpu/send-block-cpu	      1000 participants	       999 payments	    100000 tokens
PASS
`;

describe("settlement bench", () => {
  it("reads every size's figures from the benchmark lines", () => {
    const sizes = parseSettleOutput(OUTPUT);
    expect(sizes.map((s) => s.tokens)).toEqual([10_000, 100_000]);
    expect(sizes[1]).toMatchObject({ blocks: 52, items: 102_000, payments: 999, participants: 1000, charges: 100_000, msPer1kTokens: 130, cpuMsPer1kTokens: 60, gatherMsPer1kTokens: 50, maxBlockMs: 300, emptyBlockMs: 0.6, maxVsEmpty: 500, sendsPerBlock: 500, sendBlockMs: 120, maxVsSendBlock: 2.5, maxVsBlockTime: 0.3, maxBlockCpuMs: 200, maxCpuVsSendBlockCpu: 2 });
  });

  it("compares the sizes per 1,000 tokens, counts the payments and says whether the goals are met", () => {
    const sizes = parseSettleOutput(OUTPUT);
    const l = settleLinearity(sizes);
    expect(l).toEqual({ wall: 1.3, cpu: 1.2, gatherWall: 1.25, gatherCpu: 1.5, fromTokens: 10_000, toTokens: 100_000 });
    const text = settleReport({ db: "pebbledb", participants: 1000, sizes, linearity: l, goals: { linearity: 1.2, paymentsPerParticipant: 1 }, command: "" });
    expect(text).toContain("1.3x wall time, 1.2x CPU time (goal <= 1.2x) — NOT met");
    expect(text).toContain("999 for 100000 tokens among 1000 participants");
    expect(text).toContain("(goal <= 1 per participant per run) — met");
    expect(text).toContain("longest settling block at 100000 tokens: 300 ms, 500x an empty block");
    expect(text).toContain("2.5x a block of 500 bank sends (120 ms), 30 % of a 1 s block time");
    expect(text).toContain("the longest settling block used 200 ms, 2x a block of 500 bank sends (100 ms)");
  });

  it("refuses output that lacks a figure, or settled another number of tokens", () => {
    expect(() => parseSettleOutput("BenchmarkSettle/tokens=1000-2  1  5 ns/op  2 blocks")).toThrow(/no items/);
    const wrong = OUTPUT.split("\n")[4]?.replace("10000 tokens", "9999 tokens") ?? "";
    expect(() => parseSettleOutput(wrong)).toThrow(/settled 9999 tokens/);
  });
});
