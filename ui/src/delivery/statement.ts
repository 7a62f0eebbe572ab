/**
 * A participant's reconciliation statement in people's words: the four cases of seed §3.5.1,
 * where a price came from, what each line and the whole statement come to per currency, and the
 * statement as CSV for a spreadsheet. Amounts stay bigint until printed.
 */
import { ImbalanceCase, type ImbalanceEntry, PriceSource, periodStart } from "@gridledger/client";

import type { FiatUnit } from "../format/units.js";
import { categoryName } from "../market/categories.js";

/** caseWords names an imbalance case: "over-production", "under-consumption". */
export function caseWords(c: ImbalanceCase): string {
  switch (c) {
    case ImbalanceCase.IMBALANCE_CASE_OVER_PRODUCTION:
      return "over-production";
    case ImbalanceCase.IMBALANCE_CASE_UNDER_PRODUCTION:
      return "under-production";
    case ImbalanceCase.IMBALANCE_CASE_UNDER_CONSUMPTION:
      return "under-consumption";
    case ImbalanceCase.IMBALANCE_CASE_OVER_CONSUMPTION:
      return "over-consumption";
    default:
      return "unknown case";
  }
}

/** caseMeaning says what happened to the energy in that case. */
export function caseMeaning(c: ImbalanceCase): string {
  switch (c) {
    case ImbalanceCase.IMBALANCE_CASE_OVER_PRODUCTION:
      return "produced more than sold: the balancing authority took the surplus";
    case ImbalanceCase.IMBALANCE_CASE_UNDER_PRODUCTION:
      return "produced less than sold: the balancing authority supplied the rest";
    case ImbalanceCase.IMBALANCE_CASE_UNDER_CONSUMPTION:
      return "consumed less than bought: the balancing authority took the rest";
    case ImbalanceCase.IMBALANCE_CASE_OVER_CONSUMPTION:
      return "consumed more than bought: the balancing authority supplied the rest";
    default:
      return "";
  }
}

/** sourceWords names where a price came from. */
export function sourceWords(s: PriceSource): string {
  switch (s) {
    case PriceSource.PRICE_SOURCE_MARKET:
      return "market";
    case PriceSource.PRICE_SOURCE_REFERENCE:
      return "reference";
    case PriceSource.PRICE_SOURCE_UNPRICED:
      return "unpriced";
    default:
      return "unknown";
  }
}

/** CurrencyTotal is what a statement comes to in one currency ("" for unpriced lines). */
export interface CurrencyTotal {
  readonly denom: string;
  readonly receives: bigint;
  /** pays is positive: the amount paid. */
  readonly pays: bigint;
  /** net is receives minus pays. */
  readonly net: bigint;
  readonly lines: number;
}

/** StatementTotals add up a statement: energy by direction, money per currency. */
export interface StatementTotals {
  /** takenWh is the energy the balancing authority took (surpluses). */
  readonly takenWh: bigint;
  /** suppliedWh is the energy it supplied (shortfalls). */
  readonly suppliedWh: bigint;
  readonly currencies: readonly CurrencyTotal[];
}

const supplied = (c: ImbalanceCase) => c === ImbalanceCase.IMBALANCE_CASE_UNDER_PRODUCTION || c === ImbalanceCase.IMBALANCE_CASE_OVER_CONSUMPTION;

/** statementTotals adds up the lines (receivables are exact base units, summed as bigints). */
export function statementTotals(entries: readonly ImbalanceEntry[]): StatementTotals {
  let takenWh = 0n;
  let suppliedWh = 0n;
  const byDenom = new Map<string, { receives: bigint; pays: bigint; lines: number }>();
  for (const e of entries) {
    if (supplied(e.imbalanceCase)) suppliedWh += e.wh;
    else takenWh += e.wh;
    const r = BigInt(e.receivable || "0");
    const t = byDenom.get(e.denom) ?? { receives: 0n, pays: 0n, lines: 0 };
    byDenom.set(e.denom, { receives: t.receives + (r > 0n ? r : 0n), pays: t.pays + (r < 0n ? -r : 0n), lines: t.lines + 1 });
  }
  const currencies = [...byDenom.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([denom, t]) => ({ denom, ...t, net: t.receives - t.pays }));
  return { takenWh, suppliedWh, currencies };
}

/** plainAmount is a base-unit amount in display units for files: "-0.055055", no grouping. */
export function plainAmount(base: bigint, exponent: number): string {
  const negative = base < 0n;
  const abs = negative ? -base : base;
  if (exponent === 0) return `${negative ? "-" : ""}${abs.toString()}`;
  const scale = 10n ** BigInt(exponent);
  const fraction = (abs % scale).toString().padStart(exponent, "0");
  return `${negative ? "-" : ""}${(abs / scale).toString()}.${fraction}`;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const CSV_HEADER = ["period", "start_utc", "end_utc", "meter", "category", "case", "kwh", "currency", "price_per_mwh", "price_source", "receives", "imbalance_token"];

/**
 * statementCsv is the statement as CSV (RFC 4180, comma separated, a header line): times in UTC
 * ISO 8601 so a spreadsheet anywhere reads them alike, energy in kWh, money in display units with
 * a point, what the participant pays as a negative amount.
 */
export function statementCsv(entries: readonly ImbalanceEntry[], periodSeconds: bigint | number, unitOf: (denom: string) => FiatUnit | undefined): string {
  const lines = entries.map((e) => {
    const unit = unitOf(e.denom);
    const exponent = unit?.exponent ?? 0;
    return [
      e.period.toString(),
      periodStart(e.period, periodSeconds).toISOString(),
      periodStart(e.period + 1n, periodSeconds).toISOString(),
      e.meterId,
      categoryName(e.category),
      caseWords(e.imbalanceCase),
      plainAmount(e.wh, 3),
      e.denom === "" ? "" : (unit?.currency ?? e.denom),
      plainAmount(e.pricePerMwh, exponent),
      sourceWords(e.source),
      plainAmount(BigInt(e.receivable || "0"), exponent),
      e.tokenId.toString(),
    ]
      .map(csvField)
      .join(",");
  });
  return [CSV_HEADER.join(","), ...lines].join("\r\n") + "\r\n";
}
