/**
 * The combined statement's arithmetic for the Settlement view: each period's money grouped the
 * way people read a bill (energy, fees, CO2, imbalance), what was paid and what is owed, and the
 * chart rows. Amounts stay bigint (base units) until a chart needs a float.
 */
import { ChargeKind, type ParticipantStatement, type PeriodMoney } from "@gridledger/client";

import { type FiatUnit, toDisplayNumber } from "../format/units.js";

/** FEE_KINDS are the kinds a bill shows as fees: grid fees, transmission, security of supply, late and default fees. */
export const FEE_KINDS: readonly ChargeKind[] = [
  ChargeKind.CHARGE_KIND_TOKEN_GRID_FEE,
  ChargeKind.CHARGE_KIND_TRANSMISSION,
  ChargeKind.CHARGE_KIND_SECURITY_OF_SUPPLY,
  ChargeKind.CHARGE_KIND_LATE_FEE,
  ChargeKind.CHARGE_KIND_DEFAULT_FEE,
];

const int = (v: string | undefined): bigint => (v === undefined || v === "" ? 0n : BigInt(v));

/** BillGroups are a money record's charges as costs (payable minus receivable: negative is income). */
export interface BillGroups {
  readonly energy: bigint;
  readonly imbalance: bigint;
  readonly fees: bigint;
  readonly co2: bigint;
}

/** billGroups groups a money record's charges: energy, imbalance, fees (FEE_KINDS) and CO2, each as a net cost. */
export function billGroups(m: PeriodMoney): BillGroups {
  let energy = 0n;
  let imbalance = 0n;
  let fees = 0n;
  let co2 = 0n;
  for (const c of m.charges) {
    const cost = int(c.payable) - int(c.receivable);
    if (c.kind === ChargeKind.CHARGE_KIND_ENERGY) energy += cost;
    else if (c.kind === ChargeKind.CHARGE_KIND_IMBALANCE) imbalance += cost;
    else if (c.kind === ChargeKind.CHARGE_KIND_CO2) co2 += cost;
    else if (FEE_KINDS.includes(c.kind)) fees += cost;
  }
  return { energy, imbalance, fees, co2 };
}

/** CombinedRow is one line of the combined table: a period in one denom (or the total). */
export interface CombinedRow {
  readonly key: string;
  /** period is undefined on the total row. */
  readonly period: bigint | undefined;
  readonly settled: boolean;
  readonly denom: string;
  readonly scheduledWh: bigint;
  readonly measuredWh: bigint;
  /** reconciledWh is supplied minus taken: positive, the balancing authority supplied it. */
  readonly reconciledWh: bigint;
  readonly co2Grams: bigint;
  readonly groups: BillGroups;
  readonly grossPayable: bigint;
  readonly grossReceivable: bigint;
  readonly net: bigint;
  readonly paid: bigint;
  readonly received: bigint;
  /** owed is what the participant still owes for the row (postponed); owedToYou what it is still owed (unpaid). */
  readonly owed: bigint;
  readonly owedToYou: bigint;
}

type Energy = ParticipantStatement["energy"];

function row(key: string, period: bigint | undefined, settled: boolean, e: Energy, m: PeriodMoney | undefined): CombinedRow {
  const scheduled = (e?.scheduledConsumedWh ?? 0n) - (e?.scheduledProducedWh ?? 0n);
  const measured = (e?.measuredConsumedWh ?? 0n) - (e?.measuredProducedWh ?? 0n);
  return {
    key,
    period,
    settled,
    denom: m?.denom ?? "",
    scheduledWh: scheduled,
    measuredWh: measured,
    reconciledWh: (e?.suppliedWh ?? 0n) - (e?.takenWh ?? 0n),
    co2Grams: e?.co2Grams ?? 0n,
    groups: m === undefined ? { energy: 0n, imbalance: 0n, fees: 0n, co2: 0n } : billGroups(m),
    grossPayable: int(m?.gross?.payable),
    grossReceivable: int(m?.gross?.receivable),
    net: int(m?.net),
    paid: int(m?.paid),
    received: int(m?.received),
    owed: int(m?.postponed),
    owedToYou: int(m?.unpaid),
  };
}

/**
 * combinedRows are the table's rows: one per period and denom (a period with energy but no money:
 * one row without denom), then one total row per denom. Energy is net consumption (consumed minus
 * produced) so one column reads for consumers and producers alike.
 */
export function combinedRows(s: ParticipantStatement): { rows: CombinedRow[]; totals: CombinedRow[] } {
  const rows = s.periods.flatMap((p) =>
    p.money.length === 0 ? [row(`${p.period.toString()}-`, p.period, p.settled, p.energy, undefined)] : p.money.map((m) => row(`${p.period.toString()}-${m.denom}`, p.period, p.settled, p.energy, m)),
  );
  const totals = s.totals.map((m) => row(`total-${m.denom}`, undefined, false, s.energy, m));
  return { rows, totals };
}

/** CombinedChartRow is one period in display units: costs by group (stacked) and payments (lines). */
export interface CombinedChartRow {
  readonly period: bigint;
  readonly label: string;
  readonly energy: number;
  readonly imbalance: number;
  readonly fees: number;
  readonly co2: number;
  readonly paid: number;
  readonly received: number;
  readonly owed: number;
}

/** combinedChart is the chart's rows in `unit`'s denom, in period order. */
export function combinedChart(s: ParticipantStatement, unit: FiatUnit, label: (period: bigint) => string): CombinedChartRow[] {
  const n = (v: bigint) => toDisplayNumber(v, unit.exponent);
  return s.periods.flatMap((p) =>
    p.money
      .filter((m) => m.denom === unit.denom)
      .map((m) => {
        const g = billGroups(m);
        return {
          period: p.period,
          label: label(p.period),
          energy: n(g.energy),
          imbalance: n(g.imbalance),
          fees: n(g.fees),
          co2: n(g.co2),
          paid: n(int(m.paid)),
          received: n(int(m.received)),
          owed: n(int(m.postponed)),
        };
      }),
  );
}
