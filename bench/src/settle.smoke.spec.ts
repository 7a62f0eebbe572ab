/**
 * Smoke test of the settlement bench: BenchmarkSettle at two small sizes, in process (memdb,
 * to be quick). It checks that every size settled all its due tokens with one payment per
 * participant and reported its figures; no speed is asserted.
 */
import { describe, expect, it } from "vitest";

import { runSettleBench } from "./settle.js";

describe("npm run bench -- --settle-only (small)", () => {
  it("settles a period at each size and reports its figures beside the empty-block baseline", async () => {
    const result = await runSettleBench({ tokens: [1000, 2000], participants: 1000, db: "memdb", log: () => {} });
    expect(result.sizes.map((s) => s.tokens)).toEqual([1000, 2000]);
    for (const s of result.sizes) {
      expect(s.blocks).toBeGreaterThan(0);
      // Every token is one face-value charge between two participants, and netting makes
      // every participant pay or receive once.
      expect(s.charges).toBe(s.tokens);
      expect(s.participants).toBe(1000);
      expect(s.payments).toBeGreaterThan(0);
      expect(s.payments).toBeLessThanOrEqual(s.participants);
      expect(s.emptyBlockMs).toBeGreaterThan(0);
      // The second baseline: a busy block of bank sends at the same state.
      expect(s.sendsPerBlock).toBe(500);
      expect(s.sendBlockMs).toBeGreaterThan(s.emptyBlockMs);
      expect(s.maxBlockMs).toBeGreaterThanOrEqual(s.p50BlockMs);
    }
    expect(result.linearity.toTokens).toBe(2000);
  }, 600_000);
});
