/**
 * A participant's combined statement (x/settlement's ParticipantStatement query) as a
 * spreadsheet: the same columns as `gridd query settlement statement-csv`. Amounts stay in base
 * units of their denom (bigint): the client does not round.
 */
import type { PeriodEnergy, PeriodMoney, QueryParticipantStatementResponse } from "../../generated/gridledger/settlement/v1/query.js";
import { CHARGE_KINDS, chargeKindName } from "./statement.js";

/** ParticipantStatement is what the ParticipantStatement query answers. */
export type ParticipantStatement = Pick<QueryParticipantStatementResponse, "periods" | "energy" | "totals">;

/**
 * PARTICIPANT_STATEMENT_CSV_HEADER names the columns of participantStatementToCsv, each with its
 * unit: _wh (watt-hours), _grams (CO2), _base (base units of the row's denom).
 */
export const PARTICIPANT_STATEMENT_CSV_HEADER: readonly string[] = [
  "record",
  "period",
  "settled",
  "denom",
  "scheduled_consumed_wh",
  "scheduled_produced_wh",
  "measured_consumed_wh",
  "measured_produced_wh",
  "supplied_wh",
  "taken_wh",
  "co2_grams",
  ...CHARGE_KINDS.flatMap((k) => [`${chargeKindName(k)}_payable_base`, `${chargeKindName(k)}_receivable_base`]),
  "gross_payable_base",
  "gross_receivable_base",
  "net_base",
  "paid_base",
  "bank_fee_base",
  "received_base",
  "postponed_base",
  "unpaid_base",
  "offset_base",
  "imbalance_value_base",
];

const int = (value: string | undefined): bigint => (value === undefined || value === "" ? 0n : BigInt(value));

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function energyCells(e: PeriodEnergy | undefined): string[] {
  return [
    e?.scheduledConsumedWh ?? 0n,
    e?.scheduledProducedWh ?? 0n,
    e?.measuredConsumedWh ?? 0n,
    e?.measuredProducedWh ?? 0n,
    e?.suppliedWh ?? 0n,
    e?.takenWh ?? 0n,
    e?.co2Grams ?? 0n,
  ].map(String);
}

function moneyCells(m: PeriodMoney | undefined): string[] {
  const kinds = CHARGE_KINDS.flatMap((k) => {
    const c = m?.charges.find((x) => x.kind === k);
    return [int(c?.payable).toString(), int(c?.receivable).toString()];
  });
  return [
    ...kinds,
    ...[m?.gross?.payable, m?.gross?.receivable, m?.net, m?.paid, m?.bankFee, m?.received, m?.postponed, m?.unpaid, m?.offset, m?.imbalanceValue].map((v) =>
      int(v).toString(),
    ),
  ];
}

/**
 * participantStatementToCsv writes a combined statement as CSV (RFC 4180, CRLF line ends): the
 * header, one "period" row per period and denom (a period with energy but no money: one row with
 * an empty denom; the energy columns belong to the period and repeat on each of its rows), then one
 * "total" row per denom with the range's energy. Byte for byte what `gridd query settlement
 * statement-csv` prints.
 */
export function participantStatementToCsv(statement: ParticipantStatement): string {
  const rows: string[][] = [[...PARTICIPANT_STATEMENT_CSV_HEADER]];
  for (const p of statement.periods) {
    const head = ["period", p.period.toString(), String(p.settled)];
    const money: (PeriodMoney | undefined)[] = p.money.length === 0 ? [undefined] : p.money;
    for (const m of money) rows.push([...head, m?.denom ?? "", ...energyCells(p.energy), ...moneyCells(m)]);
  }
  const totals: (PeriodMoney | undefined)[] = statement.totals.length === 0 && statement.periods.length > 0 ? [undefined] : statement.totals;
  for (const m of totals) rows.push(["total", "", "", m?.denom ?? "", ...energyCells(statement.energy), ...moneyCells(m)]);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
