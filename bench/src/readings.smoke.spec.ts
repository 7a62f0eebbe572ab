/**
 * Smoke test of the signed-readings bench: a small run end to end on a real node. It asserts
 * that every reading was ingested (runReadingsBench checks the stored totals) and that the
 * figures and baselines are all there; no speed is asserted.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { DEFAULT_READINGS, QUICK_READINGS, readingsReport, runReadingsBench } from "./readings.js";

describe("npm run bench -- --readings-only --quick", () => {
  it("ingests every signed reading and reports it beside both verification baselines", async () => {
    const outDir = await mkdtemp(join(tmpdir(), "gridledger-readings-bench-"));
    try {
      const result = await runReadingsBench({ ...DEFAULT_READINGS, ...QUICK_READINGS, outDir, log: () => {} });
      expect(result.readings).toBe(2000);
      expect(result.transactions).toBe(10);
      expect(result.readingsPerSecond).toBeGreaterThan(0);
      expect(result.baseline.griddVerifiesPerSecond).toBeGreaterThan(0);
      expect(result.baseline.nodeVerifiesPerSecond).toBeGreaterThan(0);
      expect(result.gasPerReading).toBeGreaterThan(590);
      expect(readingsReport(result, false)).toMatch(/single-core verify rate/);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 300_000);
});
