import { describe, expect, it } from "vitest";

import { type PhaseStats } from "./load.js";
import { combineRounds } from "./rounds.js";

function round(name: string, committed: number, chainSeconds: number, steady: [number, number] | null, firstHeight: number, blocks: number, gridd: number): PhaseStats {
  return {
    name,
    txs: committed,
    msgsPerTx: 1,
    committed,
    failed: 0,
    rejected: 0,
    skipped: 0,
    firstHeight,
    lastHeight: firstHeight + blocks - 1,
    txPerSecond: committed / chainSeconds,
    steadyTxPerSecond: steady ? steady[0] / steady[1] : null,
    steadyTxs: steady ? steady[0] : null,
    steadySeconds: steady ? steady[1] : null,
    chainSeconds,
    headerTimes: [],
    submitSeconds: 1,
    wallSeconds: 2,
    avgTxsPerBlock: committed / blocks,
    maxTxsPerBlock: committed,
    mempoolMin: 3,
    mempoolAvg: 10,
    gasUsedAvg: 100,
    gasUsedMax: 120,
    gasWanted: 200,
    cpu: { griddSeconds: gridd, clientSeconds: 1, griddMsPerTx: (gridd * 1000) / committed },
    failures: [],
    blocks: Array.from({ length: blocks }, (_, i) => ({ height: firstHeight + i, time: "", txs: committed / blocks, allTxs: committed / blocks, gasUsed: 0, mempool: 0 })),
  };
}

describe("combineRounds", () => {
  it("divides all transactions by all block time, not the mean of the rounds' rates", () => {
    // 1000 txs in 1 s and 1000 in 4 s: 400 tx/s over both, where the mean of rates is 625.
    const c = combineRounds("bankSend", [round("bankSend 1/2", 1000, 1, [600, 0.5], 10, 4, 2), round("bankSend 2/2", 1000, 4, [800, 3], 40, 5, 6)]);
    expect(c.name).toBe("bankSend");
    expect(c.committed).toBe(2000);
    expect(c.txPerSecond).toBe(400);
    expect(c.steadyTxPerSecond).toBe(400); // 1400 txs over 3.5 s
    expect(c.blockCount).toBe(9);
    expect(c.firstHeight).toBe(10);
    expect(c.lastHeight).toBe(44);
    expect(c.cpu?.griddSeconds).toBe(8);
    expect(c.cpu?.griddMsPerTx).toBe(4);
    expect(c.blocks).toHaveLength(9);
    expect(c.rounds.map((r) => r.name)).toEqual(["bankSend 1/2", "bankSend 2/2"]);
    expect(c.rounds.map((r) => r.txPerSecond)).toEqual([1000, 250]);
  });

  it("has no steady rate when a round has none", () => {
    const c = combineRounds("buySide", [round("a", 10, 1, null, 1, 2, 1), round("b", 10, 1, [5, 1], 5, 4, 1)]);
    expect(c.steadyTxPerSecond).toBeNull();
    expect(c.txPerSecond).toBe(10);
  });

  it("refuses to combine nothing", () => {
    expect(() => combineRounds("x", [])).toThrow(/no rounds/);
  });
});
