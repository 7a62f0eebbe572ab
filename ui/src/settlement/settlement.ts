/**
 * The Settlement view's arithmetic, apart from React: charge kinds and run stages in words, the
 * default period range (the last day), the chart's rows (amounts per kind and per period) and the
 * debts' totals (what defaulters leave unpaid). Amounts stay bigint until printed.
 */
import { CHARGE_KINDS, ChargeKind, type Debt, RunStage, SecurityFeeMethod, type SettlementStatement } from "@gridledger/client";

import { type FiatUnit, toDisplayNumber } from "../format/units.js";

/** KIND_LABELS name the charge kinds as the statement shows them. */
export const KIND_LABELS: Readonly<Record<ChargeKind, string>> = {
  [ChargeKind.CHARGE_KIND_UNSPECIFIED]: "Other",
  [ChargeKind.CHARGE_KIND_ENERGY]: "Energy",
  [ChargeKind.CHARGE_KIND_IMBALANCE]: "Imbalance",
  [ChargeKind.CHARGE_KIND_TOKEN_GRID_FEE]: "Token grid fees",
  [ChargeKind.CHARGE_KIND_TRANSMISSION]: "Transmission",
  [ChargeKind.CHARGE_KIND_SECURITY_OF_SUPPLY]: "Security of supply",
  [ChargeKind.CHARGE_KIND_CO2]: "CO2",
  [ChargeKind.CHARGE_KIND_LATE_FEE]: "Late fee",
  [ChargeKind.CHARGE_KIND_DEFAULT_FEE]: "Default fee",
  [ChargeKind.UNRECOGNIZED]: "Other",
};

/** KIND_COLOURS colour the chart's series, one per kind (colour-blind-safe Okabe–Ito palette). */
export const KIND_COLOURS: Readonly<Record<number, string>> = {
  [ChargeKind.CHARGE_KIND_ENERGY]: "#0072B2",
  [ChargeKind.CHARGE_KIND_IMBALANCE]: "#E69F00",
  [ChargeKind.CHARGE_KIND_TOKEN_GRID_FEE]: "#009E73",
  [ChargeKind.CHARGE_KIND_TRANSMISSION]: "#56B4E9",
  [ChargeKind.CHARGE_KIND_SECURITY_OF_SUPPLY]: "#CC79A7",
  [ChargeKind.CHARGE_KIND_CO2]: "#555555",
  [ChargeKind.CHARGE_KIND_LATE_FEE]: "#D55E00",
  [ChargeKind.CHARGE_KIND_DEFAULT_FEE]: "#8B0000",
};

const STAGES: Readonly<Partial<Record<RunStage, string>>> = {
  [RunStage.RUN_STAGE_ALLOCATE]: "sharing out the transmission cost",
  [RunStage.RUN_STAGE_GATHER]: "gathering the due tokens and fees",
  [RunStage.RUN_STAGE_COLLECT]: "collecting from net payers",
  [RunStage.RUN_STAGE_DISBURSE]: "paying net receivers",
  [RunStage.RUN_STAGE_CLAIMS]: "sharing recovered debts among claims",
};

/** stageWords is a run's stage in words. */
export function stageWords(stage: RunStage): string {
  return STAGES[stage] ?? "not started";
}

/** METHOD_LABELS name the security-of-supply fee's methods. */
export const METHOD_LABELS: Readonly<Partial<Record<SecurityFeeMethod, string>>> = {
  [SecurityFeeMethod.SECURITY_FEE_METHOD_FIXED]: "the same amount for every consuming participant",
  [SecurityFeeMethod.SECURITY_FEE_METHOD_CONSUMPTION]: "shared pro rata of consumption",
  [SecurityFeeMethod.SECURITY_FEE_METHOD_PEAK]: "shared pro rata of each participant's peak period",
};

/** MAX_PERIODS is the longest statement the chain answers (x/settlement's MaxStatementPeriods: 31 days of 15-minute periods). */
export const MAX_PERIODS = 2_976n;

/** PeriodRange is a statement's range of settlement periods, both inclusive. */
export interface PeriodRange {
  readonly from: bigint;
  readonly to: bigint;
}

/**
 * lastDay is the range of the day before `current` (the current period is never settled yet), at
 * most the MAX_PERIODS the chain answers (a day of 10-second periods is longer).
 */
export function lastDay(current: bigint, periodSeconds: bigint): PeriodRange {
  const day = periodSeconds > 0n ? 86_400n / periodSeconds : 96n;
  const perDay = day > MAX_PERIODS ? MAX_PERIODS : day;
  const to = current > 1n ? current - 1n : 1n;
  const from = to > perDay ? to - perDay + 1n : 1n;
  return { from, to };
}

/** rangeError says what is wrong with a range typed by hand, or undefined when the chain answers it. */
export function rangeError(from: bigint | undefined, to: bigint | undefined): string | undefined {
  if (from === undefined || to === undefined) return "Enter the first and the last period as whole numbers.";
  if (from < 1n) return "Periods start at 1.";
  if (to < from) return "The last period comes before the first.";
  if (to - from + 1n > MAX_PERIODS) return `A statement covers at most ${MAX_PERIODS.toString()} periods (31 days of 15-minute periods); choose a shorter range.`;
  return undefined;
}

/** ChartRow is one period's amounts per kind in display units: received positive, paid negative. */
export type ChartRow = { readonly period: bigint; readonly label: string } & Readonly<Record<string, number | bigint | string>>;

/** kindKey is a kind's key in a ChartRow. */
export const kindKey = (kind: ChargeKind): string => `k${String(kind)}`;

/**
 * chartRows are a statement's amounts in `unit`'s denom per period and kind (receivable minus
 * payable), in period order, and the kinds that occur; `label` names a period.
 */
export function chartRows(statement: SettlementStatement, unit: FiatUnit, label: (period: bigint) => string): { rows: ChartRow[]; kinds: ChargeKind[] } {
  const byPeriod = new Map<bigint, Map<ChargeKind, bigint>>();
  for (const l of statement.lines) {
    if (l.amounts?.denom !== unit.denom) continue;
    const kinds = byPeriod.get(l.period) ?? new Map<ChargeKind, bigint>();
    kinds.set(l.kind, (kinds.get(l.kind) ?? 0n) + BigInt(l.amounts.receivable || "0") - BigInt(l.amounts.payable || "0"));
    byPeriod.set(l.period, kinds);
  }
  const seen = new Set<ChargeKind>();
  const rows = [...byPeriod.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([period, kinds]) => {
      const row: Record<string, number | bigint | string> = { period, label: label(period) };
      for (const [kind, amount] of kinds) {
        seen.add(kind);
        row[kindKey(kind)] = toDisplayNumber(amount, unit.exponent);
      }
      return row as ChartRow;
    });
  return { rows, kinds: CHARGE_KINDS.filter((k) => seen.has(k)) };
}

/** DebtTotals are the debts of one denom: all of them, and the part defaulters owe (the shortfall). */
export interface DebtTotals {
  readonly denom: string;
  readonly owed: bigint;
  readonly lateFees: bigint;
  readonly shortfall: bigint;
  readonly defaulters: number;
}

/** debtTotals sums debts per denom (in denom order); defaulted debts make up the shortfall. */
export function debtTotals(debts: readonly Debt[]): DebtTotals[] {
  const out = new Map<string, { owed: bigint; lateFees: bigint; shortfall: bigint; defaulters: number }>();
  for (const d of debts) {
    const t = out.get(d.denom) ?? { owed: 0n, lateFees: 0n, shortfall: 0n, defaulters: 0 };
    t.owed += BigInt(d.amount || "0");
    t.lateFees += BigInt(d.lateFees || "0");
    if (d.defaultedPeriod > 0n) {
      t.shortfall += BigInt(d.amount || "0");
      t.defaulters++;
    }
    out.set(d.denom, t);
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([denom, t]) => ({ denom, ...t }));
}

/** fallbackUnit shows a denom no bank describes in base units. */
export const fallbackUnit = (denom: string): FiatUnit => ({ denom, currency: denom, exponent: 0 });
