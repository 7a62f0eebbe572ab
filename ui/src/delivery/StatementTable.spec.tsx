import { EnergyCategory, ImbalanceCase, type ImbalanceEntry, PriceSource } from "@gridledger/client";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { CHF_BANK, P0 } from "../market/fixtures.js";
import { caseWords, plainAmount, statementCsv, statementTotals } from "./statement.js";
import { StatementTable } from "./StatementTable.js";

const CHF = CHF_BANK.denom;
const unitOf = (denom: string) => (denom === CHF ? CHF_BANK : undefined);

function entry(over: Partial<ImbalanceEntry> & { tokenId: bigint }): ImbalanceEntry {
  return {
    owner: "grid1bob",
    period: P0,
    meterId: "bob-pv-1",
    category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
    imbalanceCase: ImbalanceCase.IMBALANCE_CASE_OVER_PRODUCTION,
    wh: 2_501n,
    pricePerMwh: 76_500_007n,
    denom: CHF,
    source: PriceSource.PRICE_SOURCE_MARKET,
    receivable: "191326",
    ...over,
  };
}

// The figures of test/src/reconciliation.chain.spec.ts: bob's surplus at the market's average
// minus 10 %, a shortfall at the reference price plus 10 %, and a line no price was ever set for.
const surplus = entry({ tokenId: 7n });
const shortfall = entry({
  tokenId: 8n,
  period: P0 + 1n,
  meterId: "bob-load",
  category: EnergyCategory.ENERGY_CATEGORY_OTHER,
  imbalanceCase: ImbalanceCase.IMBALANCE_CASE_OVER_CONSUMPTION,
  wh: 1_001n,
  pricePerMwh: 55_000_003n,
  source: PriceSource.PRICE_SOURCE_REFERENCE,
  receivable: "-55055",
});
const unpriced = entry({
  tokenId: 9n,
  period: P0 + 1n,
  category: EnergyCategory.ENERGY_CATEGORY_WIND,
  imbalanceCase: ImbalanceCase.IMBALANCE_CASE_UNDER_PRODUCTION,
  wh: 500n,
  pricePerMwh: 0n,
  denom: "",
  source: PriceSource.PRICE_SOURCE_UNPRICED,
  receivable: "0",
});

describe("the reconciliation statement", () => {
  afterEach(cleanup);

  it("names the four cases in words", () => {
    expect(
      [
        ImbalanceCase.IMBALANCE_CASE_OVER_PRODUCTION,
        ImbalanceCase.IMBALANCE_CASE_UNDER_PRODUCTION,
        ImbalanceCase.IMBALANCE_CASE_UNDER_CONSUMPTION,
        ImbalanceCase.IMBALANCE_CASE_OVER_CONSUMPTION,
      ].map(caseWords),
    ).toEqual(["over-production", "under-production", "under-consumption", "over-consumption"]);
  });

  it("shows one line per imbalance token: case, category, energy, price, its source, and who pays", () => {
    render(<StatementTable entries={[surplus, shortfall, unpriced]} periodSeconds={900n} unitOf={unitOf} fileName="s.csv" />);
    const line = (id: bigint) => within(screen.getByTestId(`statement-${id.toString()}`));
    expect(line(7n).getByTestId("case").textContent).toBe("over-production");
    expect(line(7n).getByText("Solar")).toBeTruthy();
    expect(line(7n).getByText("2.501 kWh")).toBeTruthy();
    expect(line(7n).getByText("CHF 76.500007/MWh")).toBeTruthy();
    expect(line(7n).getByTestId("source").textContent).toBe("market");
    expect(line(7n).getByTestId("receivable").textContent).toBe("receives CHF 0.191326");
    expect(line(8n).getByTestId("case").textContent).toBe("over-consumption");
    expect(line(8n).getByTestId("source").textContent).toBe("reference");
    expect(line(8n).getByTestId("receivable").textContent).toBe("pays CHF 0.055055");
    expect(line(8n).getByTestId("receivable").className).toContain("pays");
    expect(line(9n).getByTestId("case").textContent).toBe("under-production");
    expect(line(9n).getByTestId("source").textContent).toBe("unpriced");
    expect(line(9n).getByTestId("receivable").textContent).toBe("nothing (unpriced)");
  });

  it("adds up the energy by direction and the money per currency, the payments subtracted", () => {
    const totals = statementTotals([surplus, shortfall, unpriced]);
    expect(totals.takenWh).toBe(2_501n);
    expect(totals.suppliedWh).toBe(1_501n);
    expect(totals.currencies).toEqual([
      { denom: "", receives: 0n, pays: 0n, net: 0n, lines: 1 },
      { denom: CHF, receives: 191_326n, pays: 55_055n, net: 136_271n, lines: 2 },
    ]);
    render(<StatementTable entries={[surplus, shortfall, unpriced]} periodSeconds={900n} unitOf={unitOf} fileName="s.csv" />);
    expect(screen.getByTestId(`total-${CHF}`).textContent).toBe("you receive CHF 0.136271 (CHF 0.191326 in, CHF 0.055055 out)");
    expect(screen.getByTestId("total-energy").textContent).toBe("2.501 kWh taken, 1.501 kWh supplied");
    cleanup();
    render(<StatementTable entries={[shortfall]} periodSeconds={900n} unitOf={unitOf} fileName="s.csv" />);
    expect(screen.getByTestId(`total-${CHF}`).textContent).toBe("you pay CHF 0.055055");
    expect(screen.getByRole("button", { name: "Download CSV" })).toBeTruthy();
  });

  it("writes the statement as CSV: UTC times, kWh, display amounts with a point, payments negative", () => {
    const csv = statementCsv([surplus, shortfall, unpriced], 900n, unitOf);
    const start = new Date(Number(P0) * 900_000).toISOString();
    const end = new Date(Number(P0 + 1n) * 900_000).toISOString();
    const end2 = new Date(Number(P0 + 2n) * 900_000).toISOString();
    expect(csv.split("\r\n")).toEqual([
      "period,start_utc,end_utc,meter,category,case,kwh,currency,price_per_mwh,price_source,receives,imbalance_token",
      `${P0.toString()},${start},${end},bob-pv-1,Solar,over-production,2.501,CHF,76.500007,market,0.191326,7`,
      `${(P0 + 1n).toString()},${end},${end2},bob-load,Other,over-consumption,1.001,CHF,55.000003,reference,-0.055055,8`,
      `${(P0 + 1n).toString()},${end},${end2},bob-pv-1,Wind,under-production,0.500,,0,unpriced,0,9`,
      "",
    ]);
    // A meter id with a comma or a quote stays one field.
    expect(statementCsv([entry({ tokenId: 1n, meterId: 'a,"b"' })], 900n, unitOf)).toContain(',"a,""b""",');
    expect(plainAmount(-5n, 6)).toBe("-0.000005");
  });
});
