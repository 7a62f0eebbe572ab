import { describe, expect, it } from "vitest";

import { chartScale, chartUnit, positionSeries, positionSummary, signedEnergy } from "./position.js";

const at = (period: bigint, consumerWh: bigint, producerWh: bigint) => ({ period, consumerWh, producerWh, netWh: consumerWh - producerWh });

describe("the net position series", () => {
  it("counts open periods, the largest position and the periods beyond the limit", () => {
    const s = positionSeries([at(1n, 0n, 0n), at(2n, 250_000n, 0n), at(3n, 0n, 1_200_000n), at(4n, 500_000n, 500_000n)], 1_000_000n);
    expect(s.open).toBe(2);
    expect(s.largest).toBe(-1_200_000n);
    expect(s.beyond).toBe(1);
    expect(s.points.map((p) => p.beyond)).toEqual([false, false, true, false]);
    expect(positionSummary(s, "Fri 4 Dec")).toBe(
      "Open position in 2 periods on Fri 4 Dec, at most −1.2 MWh net delivery (120 % of the limit); your limit of ±1 MWh, 1 period beyond it: you may only reduce those.",
    );
  });

  it("says so when every period is balanced, and when there is no limit", () => {
    expect(positionSummary(positionSeries([at(1n, 0n, 0n)], 1_000_000n), "Fri 4 Dec")).toBe("No open position on Fri 4 Dec: every period is balanced; your limit of ±1 MWh.");
    const s = positionSeries([at(1n, 250_000n, 0n)], undefined);
    expect(s.beyond).toBe(0);
    expect(positionSummary(s, "Fri 4 Dec")).toBe("Open position in 1 period on Fri 4 Dec, at most +250 kWh net consumption; no position limit (not admitted), none beyond it.");
  });

  it("signs energy and picks the axis unit", () => {
    expect([signedEnergy(250_000n), signedEnergy(-1_500_000n), signedEnergy(0n)]).toEqual(["+250 kWh", "−1.5 MWh", "0 Wh"]);
    expect(chartUnit(999_999n).name).toBe("kWh");
    expect(chartUnit(10_000_000n).name).toBe("MWh");
  });

  it("keeps the limit on the axis unless it would flatten the bars", () => {
    expect(chartScale(250_000n, 1_000_000n)).toEqual({ topWh: 1_000_000n, limitInView: true });
    expect(chartScale(-1_200_000n, 1_000_000n)).toEqual({ topWh: 1_440_000n, limitInView: true });
    expect(chartScale(0n, 10_000_000n)).toEqual({ topWh: 10_000_000n, limitInView: true });
    expect(chartScale(-250_000n, 10_000_000n)).toEqual({ topWh: 300_000n, limitInView: false });
    expect(chartScale(250_000n, undefined)).toEqual({ topWh: 300_000n, limitInView: false });
  });
});
