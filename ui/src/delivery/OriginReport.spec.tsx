import { EnergyCategory, type Traceability } from "@gridledger/client";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { aroundNow, intensity, parsePeriod, rangeProblem, roleWords, sharePercent, shifted } from "./origin.js";
import { OriginReport } from "./OriginReport.js";

const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const WIND = EnergyCategory.ENERGY_CATEGORY_WIND;
const OTHER = EnergyCategory.ENERGY_CATEGORY_OTHER;
const shard = "gridledger-test-1";
const retailer = "grid1retailer0000000000000000000000000000";
const trader = "grid1trader00000000000000000000000000000";
const names: Record<string, string> = { [retailer]: "Carol Retail AG" };
const nameOf = (a: string) => names[a] ?? a.slice(0, 9);

// The figures of chain/x/energy/keeper/trace_test.go over periods now+5 and now+6.
const trace: Traceability = {
  consumedWh: 2_750n,
  co2Grams: 77n,
  consumedTokens: 3n,
  pages: 1,
  origins: [
    { category: SOLAR, originShard: shard, area: "CH-BE", balancing: false, wh: 923n, co2Grams: 31n },
    { category: SOLAR, originShard: shard, area: "CH-ZH", balancing: false, wh: 1_077n, co2Grams: 36n },
    { category: WIND, originShard: shard, area: "CH-ZH", balancing: false, wh: 500n, co2Grams: 10n },
    { category: OTHER, originShard: shard, area: "", balancing: true, wh: 250n, co2Grams: 0n },
  ],
  intermediaries: [
    { address: retailer, emitted: true, splitOrMerged: false, resold: true },
    { address: trader, emitted: false, splitOrMerged: true, resold: true },
  ],
};

afterEach(cleanup);

describe("OriginReport", () => {
  it("lists every origin with its energy, share and CO2, the totals, and the intermediaries by name", () => {
    render(<OriginReport trace={trace} nameOf={nameOf} />);
    expect(screen.getByTestId("origin-summary").textContent).toBe("2.75 kWh consumed from 4 origins · 77 g CO₂ (28.0 g/kWh)");
    const rows = within(screen.getByTestId("origins")).getAllByRole("row").slice(1, -1);
    expect(rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent?.trim()))).toEqual([
      ["Solar", shard, "CH-BE", "923 Wh", "33.6 %", "31 g", "33.6 g/kWh"],
      ["Solar", shard, "CH-ZH", "1.077 kWh", "39.2 %", "36 g", "33.4 g/kWh"],
      ["Wind", shard, "CH-ZH", "500 Wh", "18.2 %", "10 g", "20.0 g/kWh"],
      ["Other", shard, "balancing authority (reconciliation)", "250 Wh", "9.1 %", "0 g", "0.0 g/kWh"],
    ]);
    expect(screen.getByTestId("total-wh").textContent).toBe("2.75 kWh");
    expect(screen.getByTestId("total-co2").textContent).toBe("77 g");
    expect(screen.getByTestId(`intermediary-${retailer}`).textContent).toBe("Carol Retail AG aggregated or disaggregated, resold");
    expect(screen.getByTestId(`intermediary-${trader}`).textContent).toBe("grid1trad split or merged, resold");
    expect(screen.getByRole("img").getAttribute("aria-label")).toBe("Energy by category: Solar 2 kWh, Wind 500 Wh, Other 250 Wh");
  });

  it("says so when nothing was consumed, and when no one stood in between", () => {
    render(<OriginReport trace={{ ...trace, consumedWh: 0n, co2Grams: 0n, origins: [], intermediaries: [] }} nameOf={nameOf} />);
    expect(screen.getByRole("status").textContent).toContain("No energy consumed in these periods");
    cleanup();
    render(<OriginReport trace={{ ...trace, intermediaries: [] }} nameOf={nameOf} />);
    expect(screen.getByTestId("no-intermediaries").textContent).toContain("no aggregator or trader");
  });
});

describe("origin figures", () => {
  it("checks a range before asking the chain", () => {
    expect(rangeProblem(10n, 20n)).toBeUndefined();
    expect(rangeProblem(undefined, 20n)).toMatch(/whole numbers/);
    expect(rangeProblem(21n, 20n)).toMatch(/swap/);
    expect(rangeProblem(1n, 2_976n)).toBeUndefined();
    expect(rangeProblem(1n, 2_977n)).toMatch(/at most 2,976 periods/);
    expect(parsePeriod(" 42 ")).toBe(42n);
    expect(parsePeriod("4.2")).toBeUndefined();
    expect(parsePeriod("-1")).toBeUndefined();
    expect(aroundNow(1_000n, 900n)).toEqual({ from: 904n, to: 1_096n });
    expect(aroundNow(50n, 900n)).toEqual({ from: 1n, to: 146n });
    // 10-second periods: a day would be 8,640 periods each way; one query covers 2,976 in all.
    expect(aroundNow(100_000n, 10n)).toEqual({ from: 98_513n, to: 101_487n });
    expect(rangeProblem(98_513n, 101_487n)).toBeUndefined();
    expect(shifted({ from: 10n, to: 19n }, 1)).toEqual({ from: 20n, to: 29n });
    expect(shifted({ from: 10n, to: 19n }, -1)).toEqual({ from: 1n, to: 10n });
  });

  it("rounds shares and intensities to a tenth, half up", () => {
    expect(sharePercent(1n, 3n)).toBe("33.3 %");
    expect(sharePercent(2n, 3n)).toBe("66.7 %");
    expect(sharePercent(0n, 0n)).toBe("—");
    expect(intensity(77n, 2_750n)).toBe("28.0 g/kWh");
    expect(intensity(1n, 0n)).toBe("—");
    expect(roleWords({ address: "x", emitted: false, splitOrMerged: false, resold: true })).toBe("resold");
  });
});
