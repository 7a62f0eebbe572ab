/**
 * Smoke test of the reconciliation bench: BenchmarkReconcile at two small sizes, in process
 * (memdb, to be quick). It checks that every size reconciled and reported its figures; no
 * speed is asserted.
 */
import { describe, expect, it } from "vitest";

import { runReconcileBench } from "./reconcile.js";

describe("npm run bench -- --reconcile-only (small)", () => {
  it("reconciles a period at each size and reports its figures beside the empty-block baseline", async () => {
    const result = await runReconcileBench({ tokens: [1000, 2000], db: "memdb", log: () => {} });
    expect(result.sizes.map((s) => s.tokens)).toEqual([1000, 2000]);
    for (const s of result.sizes) {
      expect(s.blocks).toBeGreaterThan(0);
      // Each token is one item (read once, from the delivery queue), then come the readings
      // and the meters settled.
      expect(s.items).toBeGreaterThan(s.tokens);
      expect(s.imbalanceTokens).toBeGreaterThan(0);
      expect(s.emptyBlockMs).toBeGreaterThan(0);
      expect(s.maxBlockMs).toBeGreaterThanOrEqual(s.p50BlockMs);
    }
    expect(result.linearity.toTokens).toBe(2000);
  }, 600_000);
});
