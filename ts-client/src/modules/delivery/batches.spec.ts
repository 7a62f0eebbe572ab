import { describe, expect, it } from "vitest";

import { splitReadings } from "./batches.js";

describe("splitReadings", () => {
  const readings = Array.from({ length: 7 }, (_, i) => ({
    meterId: `m${String(i)}`,
    period: BigInt(i),
    wh: 1n,
    commitment: new Uint8Array(),
    signature: new Uint8Array(64),
  }));
  it("keeps the order and records each batch's offset", () => {
    const batches = splitReadings(readings, 3);
    expect(batches.map((b) => [b.offset, b.readings.map((r) => r.meterId)])).toEqual([
      [0, ["m0", "m1", "m2"]],
      [3, ["m3", "m4", "m5"]],
      [6, ["m6"]],
    ]);
  });
  it("sends nothing for no readings and refuses a batch size below one", () => {
    expect(splitReadings([], 5)).toEqual([]);
    expect(() => splitReadings(readings, 0)).toThrow(/positive/);
  });
});
