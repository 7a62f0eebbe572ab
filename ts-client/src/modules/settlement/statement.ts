/**
 * A participant's settlement statement (x/settlement's Statement query) as a spreadsheet and as
 * totals. Amounts stay in base units of their denom (bigint): the client does not round, and a
 * view prints them in the bank's display unit.
 */
import type { QueryStatementResponse } from "../../generated/gridledger/settlement/v1/query.js";
import { ChargeKind, chargeKindToJSON } from "../../generated/gridledger/settlement/v1/types.js";

/** SettlementStatement is what the Statement query answers (lines, nets, debts, claims). */
export type SettlementStatement = Pick<QueryStatementResponse, "lines" | "nets">;

/** chargeKindName is a charge kind in lower case for files and people: "token_grid_fee". */
export function chargeKindName(kind: ChargeKind): string {
  return chargeKindToJSON(kind).replace(/^CHARGE_KIND_/, "").toLowerCase();
}

/** STATEMENT_CSV_HEADER names the columns of statementToCsv. */
export const STATEMENT_CSV_HEADER = [
  "record",
  "period",
  "kind",
  "denom",
  "payable",
  "receivable",
  "charges",
  "wh",
  "co2_grams",
  "paid",
  "bank_fee",
  "received",
  "postponed",
  "unpaid",
  "offset",
] as const;

const int = (value: string): bigint => (value === "" ? 0n : BigInt(value));

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * statementToCsv writes a statement as CSV (RFC 4180, CRLF line ends, amounts in base units):
 * one "line" row per statement line (period, kind, denom, gross payable and receivable, the
 * number of charges, Wh, CO2 grams), then one "net" row per net position (its gross payable and
 * receivable, then what settled them: paid, the bank's fee on the payment, received, postponed
 * into a debt, unpaid into a claim, offset against an own debt). Rows keep the chain's order:
 * by period, then kind or owner and denom.
 */
export function statementToCsv(statement: SettlementStatement): string {
  const rows: string[][] = [[...STATEMENT_CSV_HEADER]];
  for (const l of statement.lines) {
    rows.push([
      "line",
      l.period.toString(),
      chargeKindName(l.kind),
      l.amounts?.denom ?? "",
      int(l.amounts?.payable ?? "").toString(),
      int(l.amounts?.receivable ?? "").toString(),
      l.charges.toString(),
      l.wh.toString(),
      l.co2Grams.toString(),
      "",
      "",
      "",
      "",
      "",
      "",
    ]);
  }
  for (const n of statement.nets) {
    rows.push([
      "net",
      n.period.toString(),
      "",
      n.gross?.denom ?? "",
      int(n.gross?.payable ?? "").toString(),
      int(n.gross?.receivable ?? "").toString(),
      "",
      "",
      "",
      int(n.paid).toString(),
      int(n.bankFee).toString(),
      int(n.received).toString(),
      int(n.postponed).toString(),
      int(n.unpaid).toString(),
      int(n.offset).toString(),
    ]);
  }
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** KindTotal is a statement's gross sums of one charge kind in one denom. */
export interface KindTotal {
  readonly kind: ChargeKind;
  readonly payable: bigint;
  readonly receivable: bigint;
  readonly charges: bigint;
  readonly wh: bigint;
  readonly co2Grams: bigint;
}

/** StatementTotals are a statement's sums in one denom, in base units. */
export interface StatementTotals {
  readonly denom: string;
  /** grossPayable and grossReceivable add up the net positions' gross sums (= the lines'). */
  readonly grossPayable: bigint;
  readonly grossReceivable: bigint;
  /** netPayable and netReceivable add up each period's netted amount (one of them is 0 per period). */
  readonly netPayable: bigint;
  readonly netReceivable: bigint;
  /** paid + postponed = netPayable; received + offset + unpaid = netReceivable. */
  readonly paid: bigint;
  readonly bankFee: bigint;
  readonly received: bigint;
  readonly postponed: bigint;
  readonly unpaid: bigint;
  readonly offset: bigint;
  /** byKind are the lines' gross sums per charge kind, in ChargeKind order. */
  readonly byKind: readonly KindTotal[];
}

type MutableTotals = { -readonly [K in keyof Omit<StatementTotals, "denom" | "byKind">]: bigint };

/**
 * statementTotals sums a statement per denom (denoms in alphabetical order): gross and net
 * positions, what was paid, received, postponed and left unpaid, and the lines per kind.
 */
export function statementTotals(statement: SettlementStatement): StatementTotals[] {
  const sums = new Map<string, MutableTotals>();
  const kinds = new Map<string, Map<ChargeKind, { payable: bigint; receivable: bigint; charges: bigint; wh: bigint; co2Grams: bigint }>>();
  const of = (denom: string): MutableTotals => {
    let t = sums.get(denom);
    if (t === undefined) {
      t = { grossPayable: 0n, grossReceivable: 0n, netPayable: 0n, netReceivable: 0n, paid: 0n, bankFee: 0n, received: 0n, postponed: 0n, unpaid: 0n, offset: 0n };
      sums.set(denom, t);
      kinds.set(denom, new Map());
    }
    return t;
  };
  for (const n of statement.nets) {
    const t = of(n.gross?.denom ?? "");
    const [gp, gr] = [int(n.gross?.payable ?? ""), int(n.gross?.receivable ?? "")];
    t.grossPayable += gp;
    t.grossReceivable += gr;
    if (gp > gr) t.netPayable += gp - gr;
    else t.netReceivable += gr - gp;
    t.paid += int(n.paid);
    t.bankFee += int(n.bankFee);
    t.received += int(n.received);
    t.postponed += int(n.postponed);
    t.unpaid += int(n.unpaid);
    t.offset += int(n.offset);
  }
  for (const l of statement.lines) {
    const denom = l.amounts?.denom ?? "";
    of(denom);
    const byKind = kinds.get(denom) ?? new Map();
    const k = byKind.get(l.kind) ?? { payable: 0n, receivable: 0n, charges: 0n, wh: 0n, co2Grams: 0n };
    k.payable += int(l.amounts?.payable ?? "");
    k.receivable += int(l.amounts?.receivable ?? "");
    k.charges += l.charges;
    k.wh += l.wh;
    k.co2Grams += l.co2Grams;
    byKind.set(l.kind, k);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([denom, t]) => ({
      denom,
      ...t,
      byKind: [...(kinds.get(denom) ?? new Map<ChargeKind, KindTotal>()).entries()]
        .sort(([a], [b]) => a - b)
        .map(([kind, k]) => ({ kind, ...k })),
    }));
}

/** CHARGE_KINDS are the kinds a statement line can have, in the chain's order. */
export const CHARGE_KINDS: readonly ChargeKind[] = [
  ChargeKind.CHARGE_KIND_ENERGY,
  ChargeKind.CHARGE_KIND_IMBALANCE,
  ChargeKind.CHARGE_KIND_TOKEN_GRID_FEE,
  ChargeKind.CHARGE_KIND_TRANSMISSION,
  ChargeKind.CHARGE_KIND_SECURITY_OF_SUPPLY,
  ChargeKind.CHARGE_KIND_CO2,
  ChargeKind.CHARGE_KIND_LATE_FEE,
  ChargeKind.CHARGE_KIND_DEFAULT_FEE,
];
