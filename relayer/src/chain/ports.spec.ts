import { describe, expect, it } from "vitest";
import { EPHEMERAL_PORTS_FROM, testPortBase } from "./ports.js";
import { portList, portsFromBase } from "./spec.js";

describe("testPortBase", () => {
  it("keeps every port of a test network below the ephemeral range and the default network's 27000", () => {
    for (let i = 0; i < 2000; i++) {
      const blocks = 1 + (i % 8);
      const base = testPortBase(blocks);
      expect(base % 10).toBe(0);
      expect(base).toBeGreaterThanOrEqual(10000);
      const highest = Math.max(...portList(portsFromBase(base + (blocks - 1) * 10)).map(([, p]) => p));
      expect(highest).toBeLessThan(27000);
      expect(highest).toBeLessThan(EPHEMERAL_PORTS_FROM);
    }
  });
});
