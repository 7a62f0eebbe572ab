import { describe, expect, it } from "vitest";

import { ChargeKind, type NetPosition, type StatementLine } from "../../generated/gridledger/settlement/v1/types.js";
import { chargeKindName, type SettlementStatement, STATEMENT_CSV_HEADER, statementToCsv, statementTotals } from "./statement.js";

const owner = "grid1alice";
const line = (period: bigint, kind: ChargeKind, denom: string, payable: bigint, receivable: bigint, wh = 0n, co2Grams = 0n, charges = 1n): StatementLine => ({
  owner,
  period,
  kind,
  amounts: { denom, payable: payable.toString(), receivable: receivable.toString() },
  charges,
  wh,
  co2Grams,
});
const net = (period: bigint, denom: string, payable: bigint, receivable: bigint, settled: Partial<Record<"paid" | "bankFee" | "received" | "postponed" | "unpaid" | "offset", bigint>>): NetPosition => ({
  owner,
  period,
  gross: { denom, payable: payable.toString(), receivable: receivable.toString() },
  paid: (settled.paid ?? 0n).toString(),
  bankFee: (settled.bankFee ?? 0n).toString(),
  received: (settled.received ?? 0n).toString(),
  postponed: (settled.postponed ?? 0n).toString(),
  unpaid: (settled.unpaid ?? 0n).toString(),
  // The chain writes an unset cosmos.Int as "".
  offset: settled.offset === undefined ? "" : settled.offset.toString(),
});

// Period 10: alice consumes, pays energy, a grid fee, CO2 and transmission, net 1,070 paid.
// Period 11: she produces (5,000 received gross), owes an imbalance (300): net receivable 4,700 of
// which 500 paid back her old debt and 200 stayed unpaid (a claim); in ueur her 200 was postponed.
const statement: SettlementStatement = {
  lines: [
    line(10n, ChargeKind.CHARGE_KIND_ENERGY, "uchf", 1_000n, 0n, 2_000n, 0n, 2n),
    line(10n, ChargeKind.CHARGE_KIND_TOKEN_GRID_FEE, "uchf", 50n, 0n),
    line(10n, ChargeKind.CHARGE_KIND_TRANSMISSION, "uchf", 13n, 0n, 2_000n),
    line(10n, ChargeKind.CHARGE_KIND_CO2, "uchf", 7n, 0n, 2_000n, 100n),
    line(11n, ChargeKind.CHARGE_KIND_ENERGY, "uchf", 0n, 5_000n, 10_000n),
    line(11n, ChargeKind.CHARGE_KIND_IMBALANCE, "uchf", 300n, 0n, 600n),
    line(11n, ChargeKind.CHARGE_KIND_ENERGY, "ueur", 200n, 0n, 400n),
  ],
  nets: [
    net(10n, "uchf", 1_070n, 0n, { paid: 1_070n, bankFee: 2n }),
    net(11n, "uchf", 300n, 5_000n, { received: 4_000n, offset: 500n, unpaid: 200n }),
    net(11n, "ueur", 200n, 0n, { postponed: 200n }),
  ],
};

function parseCsv(csv: string): Record<string, string>[] {
  expect(csv.endsWith("\r\n")).toBe(true);
  const [header = "", ...rows] = csv.slice(0, -2).split("\r\n");
  const names = header.split(",");
  return rows.map((r) => Object.fromEntries(r.split(",").map((v, i) => [names[i] ?? "?", v])));
}

describe("statementToCsv", () => {
  const csv = statementToCsv(statement);
  const rows = parseCsv(csv);

  it("has the header, one row per line, then one per net position", () => {
    expect(csv.split("\r\n")[0]).toBe(STATEMENT_CSV_HEADER.join(","));
    expect(rows).toHaveLength(statement.lines.length + statement.nets.length);
    expect(rows.slice(0, 7).every((r) => r.record === "line")).toBe(true);
    expect(rows.slice(7).every((r) => r.record === "net")).toBe(true);
    expect(rows[3]).toEqual({
      record: "line", period: "10", kind: "co2", denom: "uchf", payable: "7", receivable: "0", charges: "1", wh: "2000", co2_grams: "100",
      paid: "", bank_fee: "", received: "", postponed: "", unpaid: "", offset: "",
    });
    expect(rows[8]).toEqual({
      record: "net", period: "11", kind: "", denom: "uchf", payable: "300", receivable: "5000", charges: "", wh: "", co2_grams: "",
      paid: "0", bank_fee: "0", received: "4000", postponed: "0", unpaid: "200", offset: "500",
    });
  });

  it("adds up: each period's lines sum to its net position's gross, and the net is settled exactly", () => {
    for (const n of rows.filter((r) => r.record === "net")) {
      const lines = rows.filter((r) => r.record === "line" && r.period === n.period && r.denom === n.denom);
      expect(lines.reduce((s, r) => s + BigInt(r.payable ?? ""), 0n), `payable ${n.period ?? ""} ${n.denom ?? ""}`).toBe(BigInt(n.payable ?? ""));
      expect(lines.reduce((s, r) => s + BigInt(r.receivable ?? ""), 0n)).toBe(BigInt(n.receivable ?? ""));
      const netAmount = BigInt(n.payable ?? "") - BigInt(n.receivable ?? "");
      if (netAmount > 0n) expect(BigInt(n.paid ?? "") + BigInt(n.postponed ?? "")).toBe(netAmount);
      else expect(BigInt(n.received ?? "") + BigInt(n.offset ?? "") + BigInt(n.unpaid ?? "")).toBe(-netAmount);
    }
  });

  it("writes an empty statement as its header only, and names every kind in lower case", () => {
    expect(statementToCsv({ lines: [], nets: [] })).toBe(`${STATEMENT_CSV_HEADER.join(",")}\r\n`);
    expect(chargeKindName(ChargeKind.CHARGE_KIND_SECURITY_OF_SUPPLY)).toBe("security_of_supply");
    expect(chargeKindName(ChargeKind.CHARGE_KIND_TOKEN_GRID_FEE)).toBe("token_grid_fee");
  });

  it("keeps amounts beyond 2^53 exact", () => {
    const big = 2n ** 100n + 1n;
    const out = parseCsv(statementToCsv({ lines: [line(1n, ChargeKind.CHARGE_KIND_ENERGY, "uchf", big, 0n)], nets: [] }));
    expect(out[0]?.payable).toBe(big.toString());
  });
});

describe("statementTotals", () => {
  const totals = statementTotals(statement);

  it("sums gross and net per denom, in denom order", () => {
    expect(totals.map((t) => t.denom)).toEqual(["uchf", "ueur"]);
    const { byKind, ...chf } = totals[0] ?? { byKind: [] };
    expect(chf).toEqual({
      denom: "uchf",
      grossPayable: 1_370n,
      grossReceivable: 5_000n,
      netPayable: 1_070n,
      netReceivable: 4_700n,
      paid: 1_070n,
      bankFee: 2n,
      received: 4_000n,
      postponed: 0n,
      unpaid: 200n,
      offset: 500n,
    });
    expect(totals[1]).toMatchObject({ denom: "ueur", grossPayable: 200n, netPayable: 200n, paid: 0n, postponed: 200n });
  });

  it("adds up: gross by kind = gross of the nets, paid + postponed = net payable, received + offset + unpaid = net receivable", () => {
    for (const t of totals) {
      expect(t.byKind.reduce((s, k) => s + k.payable, 0n)).toBe(t.grossPayable);
      expect(t.byKind.reduce((s, k) => s + k.receivable, 0n)).toBe(t.grossReceivable);
      expect(t.paid + t.postponed).toBe(t.netPayable);
      expect(t.received + t.offset + t.unpaid).toBe(t.netReceivable);
      expect(t.netPayable - t.netReceivable).toBe(t.grossPayable - t.grossReceivable);
    }
  });

  it("sums the lines per kind in the chain's kind order", () => {
    expect(totals[0]?.byKind).toEqual([
      { kind: ChargeKind.CHARGE_KIND_ENERGY, payable: 1_000n, receivable: 5_000n, charges: 3n, wh: 12_000n, co2Grams: 0n },
      { kind: ChargeKind.CHARGE_KIND_IMBALANCE, payable: 300n, receivable: 0n, charges: 1n, wh: 600n, co2Grams: 0n },
      { kind: ChargeKind.CHARGE_KIND_TOKEN_GRID_FEE, payable: 50n, receivable: 0n, charges: 1n, wh: 0n, co2Grams: 0n },
      { kind: ChargeKind.CHARGE_KIND_TRANSMISSION, payable: 13n, receivable: 0n, charges: 1n, wh: 2_000n, co2Grams: 0n },
      { kind: ChargeKind.CHARGE_KIND_CO2, payable: 7n, receivable: 0n, charges: 1n, wh: 2_000n, co2Grams: 100n },
    ]);
  });

  it("is empty for an empty statement", () => {
    expect(statementTotals({ lines: [], nets: [] })).toEqual([]);
  });
});
