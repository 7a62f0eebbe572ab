/**
 * The reconciliation bench's parsing of BenchmarkReconcile's output and its report (no Go
 * run here: reconcile.smoke.spec.ts runs the benchmark itself).
 */
import { describe, expect, it } from "vitest";

import { linearity, parseBenchOutput, reconcileReport } from "./reconcile.js";

const OUTPUT = `goos: linux
goarch: amd64
pkg: github.com/gridledger/gridledger/chain/x/delivery/keeper
cpu: AMD EPYC
BenchmarkReconcile/tokens=10000-2         	       1	1012213435 ns/op	        12.00 blocks	        88.90 cpu-ms/1k-tokens	         1.060 empty-block-cpu-ms	         0.9568 empty-block-ms	         3.731 fill-s	       937.0 imbalance-tokens	     22096 items	       211.4 max-block-ms	       220.9 max/empty	       101.1 ms/1k-tokens	        84.20 p50-block-ms	         5.000 prune-ms/1k-readings	        6.000 prune-max-block-ms
BenchmarkReconcile/tokens=100000-2        	       1	33418852581 ns/op	       111.0 blocks	       258.6 cpu-ms/1k-tokens	         1.076 empty-block-cpu-ms	         1.071 empty-block-ms	        38.61 fill-s	      9572 imbalance-tokens	    220930 items	      1793 max-block-ms	      1674 max/empty	       334.0 ms/1k-tokens	       201.0 p50-block-ms	         8.000 prune-ms/1k-readings	        20.00 prune-max-block-ms
PASS
ok  	github.com/gridledger/gridledger/chain/x/delivery/keeper	75.510s
`;

describe("reconciliation bench", () => {
  it("reads every size's figures from the benchmark lines", () => {
    const sizes = parseBenchOutput(OUTPUT);
    expect(sizes.map((s) => s.tokens)).toEqual([10_000, 100_000]);
    expect(sizes[1]).toMatchObject({ blocks: 111, items: 220_930, msPer1kTokens: 334, cpuMsPer1kTokens: 258.6, maxBlockMs: 1793, emptyBlockMs: 1.071, p50BlockMs: 201 });
  });

  it("compares the largest size with the smallest per 1,000 tokens and says whether the goal is met", () => {
    const sizes = parseBenchOutput(OUTPUT);
    expect(linearity(sizes)).toEqual({ wall: 3.3, cpu: 2.91, fromTokens: 10_000, toTokens: 100_000 });
    const text = reconcileReport({ db: "pebbledb", sizes, linearity: linearity(sizes), goals: { linearity: 1.2 }, command: "" });
    expect(text).toContain("3.3x wall time, 2.91x CPU time (goal <= 1.2x) — NOT met");
    expect(text).toContain("longest block at 100000 tokens: 1793 ms, 1674x an empty block");
    expect(text).toContain("8 ms per 1,000 readings (longest block 20 ms) at 100000");
  });

  it("refuses output that lacks a figure", () => {
    expect(() => parseBenchOutput("BenchmarkReconcile/tokens=1000-2  1  5 ns/op  2 blocks")).toThrow(/no items/);
  });
});
