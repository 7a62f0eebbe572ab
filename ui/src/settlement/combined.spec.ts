import { ChargeKind, type ParticipantStatement, type PeriodMoney } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { billGroups, combinedChart, combinedRows } from "./combined.js";

const unit = { denom: "uchf", currency: "CHF", exponent: 6 };
const charge = (kind: ChargeKind, payable: bigint, receivable = 0n) => ({ kind, payable: payable.toString(), receivable: receivable.toString(), wh: 0n, co2Grams: 0n });
const money = (denom: string, charges: ReturnType<typeof charge>[], paid: bigint, postponed: bigint): PeriodMoney => {
  const pay = charges.reduce((s, c) => s + BigInt(c.payable), 0n);
  const rec = charges.reduce((s, c) => s + BigInt(c.receivable), 0n);
  return { denom, charges, gross: { denom, payable: pay.toString(), receivable: rec.toString() }, net: (rec - pay).toString(), paid: paid.toString(), bankFee: "0", received: "0", postponed: postponed.toString(), unpaid: "", offset: "", imbalanceValue: "" };
};
const energy = { scheduledConsumedWh: 1_000n, scheduledProducedWh: 0n, measuredConsumedWh: 1_250n, measuredProducedWh: 0n, suppliedWh: 250n, takenWh: 0n, co2Grams: 40n };
const bill = money(
  "uchf",
  [
    charge(ChargeKind.CHARGE_KIND_ENERGY, 80_000_000n),
    charge(ChargeKind.CHARGE_KIND_IMBALANCE, 0n, 1_000_000n),
    charge(ChargeKind.CHARGE_KIND_TOKEN_GRID_FEE, 2_000_000n),
    charge(ChargeKind.CHARGE_KIND_TRANSMISSION, 500_000n),
    charge(ChargeKind.CHARGE_KIND_CO2, 300_000n),
  ],
  60_000_000n,
  21_800_000n,
);
const statement: ParticipantStatement = {
  periods: [
    { period: 7n, settled: true, energy, money: [bill] },
    { period: 8n, settled: false, energy: { ...energy, suppliedWh: 0n, co2Grams: 0n }, money: [] },
  ],
  energy,
  totals: [bill],
};

describe("the combined statement", () => {
  it("groups charges as a bill: energy, imbalance (income negative), fees of every fee kind, CO2", () => {
    expect(billGroups(bill)).toEqual({ energy: 80_000_000n, imbalance: -1_000_000n, fees: 2_500_000n, co2: 300_000n });
  });

  it("has a row per period and denom, a denom-less row for energy alone, and a total per denom", () => {
    const { rows, totals } = combinedRows(statement);
    expect(rows.map((r) => [r.period, r.denom, r.settled])).toEqual([
      [7n, "uchf", true],
      [8n, "", false],
    ]);
    expect(rows[0]).toMatchObject({ scheduledWh: 1_000n, measuredWh: 1_250n, reconciledWh: 250n, co2Grams: 40n, paid: 60_000_000n, owed: 21_800_000n, net: -81_800_000n, owedToYou: 0n });
    expect(rows[1]?.grossPayable).toBe(0n);
    expect(totals).toHaveLength(1);
    expect(totals[0]?.period).toBeUndefined();
  });

  it("charts the periods of one currency in display units", () => {
    const rows = combinedChart(statement, unit, (p) => `p${p.toString()}`);
    expect(rows).toEqual([{ period: 7n, label: "p7", energy: 80, imbalance: -1, fees: 2.5, co2: 0.3, paid: 60, received: 0, owed: 21.8 }]);
    expect(combinedChart(statement, { ...unit, denom: "ueur" }, String)).toEqual([]);
  });
});
