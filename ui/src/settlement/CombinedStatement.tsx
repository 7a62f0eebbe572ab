/**
 * The connected participant's combined statement over the chosen periods (x/settlement's
 * ParticipantStatement): per period what was scheduled, measured and reconciled, the bill in
 * groups (energy, imbalance, fees, CO2), gross and net, what was paid and what is still owed;
 * totals per currency; a chart of the bill per period against the payments; the CSV that
 * `gridd query settlement statement-csv` prints.
 */
import { type GridledgerClient, participantStatementToCsv } from "@gridledger/client";
import { useId, useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading } from "../components/Status.js";
import { formatPeriodTime } from "../format/periods.js";
import { type FiatUnit, formatEnergy, formatMoney } from "../format/units.js";
import { type CombinedRow, combinedChart, combinedRows } from "./combined.js";
import { downloadCsv } from "./download.js";
import type { PeriodRange } from "./settlement.js";
import "./combined.css";

export interface CombinedStatementProps {
  readonly owner: string;
  readonly range: PeriodRange;
  readonly periodSeconds: bigint;
  readonly unitOf: (denom: string) => FiatUnit;
  readonly chainName: string;
  readonly rpc: string;
}

const read = (client: GridledgerClient, owner: string, range: PeriodRange) => client.query.settlement.participantStatement(owner, { fromPeriod: range.from, toPeriod: range.to });

const GROUP_COLOURS = { energy: "#1f77b4", imbalance: "#9467bd", fees: "#ff7f0e", co2: "#2ca02c" } as const;

function Row({ r, unitOf }: { r: CombinedRow; unitOf: (denom: string) => FiatUnit }) {
  const u = r.denom === "" ? undefined : unitOf(r.denom);
  const money = (v: bigint) => (u === undefined ? "—" : formatMoney(v, u));
  const total = r.period === undefined;
  return (
    <tr data-testid={total ? `combined-total-${r.denom}` : `combined-row-${r.period?.toString() ?? ""}-${r.denom}`} className={total ? "total" : undefined}>
      <th scope="row">{total ? "Total" : r.period?.toString()}</th>
      <td data-testid="settled">{total ? "" : r.settled ? "settled" : "not yet"}</td>
      <td>{u?.currency ?? "—"}</td>
      <td className="num" data-testid="scheduled">{formatEnergy(r.scheduledWh)}</td>
      <td className="num" data-testid="measured">{formatEnergy(r.measuredWh)}</td>
      <td className="num" data-testid="reconciled">{formatEnergy(r.reconciledWh)}</td>
      <td className="num" data-testid="co2">{`${r.co2Grams.toString()} g`}</td>
      <td className="num" data-testid="energy-cost">{money(r.groups.energy)}</td>
      <td className="num" data-testid="imbalance-cost">{money(r.groups.imbalance)}</td>
      <td className="num" data-testid="fees">{money(r.groups.fees)}</td>
      <td className="num" data-testid="co2-cost">{money(r.groups.co2)}</td>
      <td className="num" data-testid="gross-payable">{money(r.grossPayable)}</td>
      <td className="num" data-testid="gross-receivable">{money(r.grossReceivable)}</td>
      <td className="num" data-testid="net">{money(r.net)}</td>
      <td className="num" data-testid="paid">{money(r.paid)}</td>
      <td className="num" data-testid="received">{money(r.received)}</td>
      <td className={r.owed > 0n ? "num warn" : "num"} data-testid="owed">{money(r.owed)}</td>
      <td className={r.owedToYou > 0n ? "num warn" : "num"} data-testid="owed-to-you">{money(r.owedToYou)}</td>
    </tr>
  );
}

export function CombinedStatement({ owner, range, periodSeconds, unitOf, chainName, rpc }: CombinedStatementProps) {
  const id = useId();
  const statement = useChainQuery(["settlement", "participantStatement", owner, range.from, range.to], (client) => read(client, owner, range), { enabled: owner !== "" });
  const [chartDenom, setChartDenom] = useState<string | undefined>(undefined);
  const data = statement.data;
  const denom = chartDenom ?? data?.totals[0]?.denom;
  const unit = denom === undefined ? undefined : unitOf(denom);
  const table = data === undefined ? { rows: [], totals: [] } : combinedRows(data);
  const chart = data === undefined || unit === undefined ? [] : combinedChart(data, unit, (p) => formatPeriodTime(p, periodSeconds));

  return (
    <section className="combined-statement" aria-labelledby={`${id}-title`} data-testid="combined-statement">
      <h3 id={`${id}-title`}>Delivery and settlement, period by period</h3>
      {statement.isError ? (
        <ErrorNote error={statement.error} rpc={rpc} />
      ) : data === undefined ? (
        <Loading label="Reading your combined statement…" height="8rem" />
      ) : data.periods.length === 0 ? (
        <Empty title="Nothing delivered or settled in these periods">Rows appear once your meters' periods are reconciled; money once their settlement run has passed.</Empty>
      ) : (
        <>
          <p className="hint">
            Energy is net consumption (consumed minus produced); reconciled is what the balancing authority supplied (positive) or took. Costs are what you pay minus what you receive. Periods from{" "}
            {data.settledBefore.toString()} on are not settled yet.
          </p>
          <div className="table-scroll" tabIndex={0} aria-label="Combined statement per period">
            <table className="figures combined-table" data-testid="combined-table">
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Settlement</th>
                  <th scope="col">Currency</th>
                  <th scope="col" className="num">Scheduled</th>
                  <th scope="col" className="num">Measured</th>
                  <th scope="col" className="num">Reconciled</th>
                  <th scope="col" className="num">CO2</th>
                  <th scope="col" className="num">Energy</th>
                  <th scope="col" className="num">Imbalance</th>
                  <th scope="col" className="num">Fees</th>
                  <th scope="col" className="num">CO2 fee</th>
                  <th scope="col" className="num">Gross payable</th>
                  <th scope="col" className="num">Gross receivable</th>
                  <th scope="col" className="num">Net</th>
                  <th scope="col" className="num">Paid</th>
                  <th scope="col" className="num">Received</th>
                  <th scope="col" className="num">You owe</th>
                  <th scope="col" className="num">Owed to you</th>
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <Row key={r.key} r={r} unitOf={unitOf} />
                ))}
              </tbody>
              <tfoot>
                {table.totals.map((r) => (
                  <Row key={r.key} r={r} unitOf={unitOf} />
                ))}
              </tfoot>
            </table>
          </div>

          {chart.length > 0 ? (
            <>
              <div className="record-head">
                <h4>Your bill per period</h4>
                {data.totals.length > 1 ? (
                  <label className="hint">
                    Currency{" "}
                    <select value={denom ?? ""} onChange={(e) => setChartDenom(e.target.value)}>
                      {data.totals.map((t) => (
                        <option key={t.denom} value={t.denom}>
                          {unitOf(t.denom).currency}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : null}
              </div>
              <p className="hint">Energy, imbalance, fees and CO2 stacked (costs up, income down), with what you paid, received and still owe, in {unit?.currency ?? "the currency"}.</p>
              <div className="chart-box combined-chart" data-testid="combined-chart" role="img" aria-label={`Bill and payments per period in ${unit?.currency ?? ""}`}>
                <ResponsiveContainer width="100%" height="100%">
                  <ComposedChart data={chart} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} stackOffset="sign">
                    <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
                    <XAxis dataKey="label" />
                    <YAxis width={64} tickFormatter={(v: number) => String(Number(v.toPrecision(4)))} />
                    <Tooltip formatter={(v) => (typeof v === "number" ? `${unit?.currency ?? ""} ${v.toFixed(unit?.exponent ?? 2)}` : String(v))} />
                    <Legend />
                    <ReferenceLine y={0} stroke="#333" />
                    <Bar dataKey="energy" name="Energy" stackId="bill" fill={GROUP_COLOURS.energy} isAnimationActive={false} />
                    <Bar dataKey="imbalance" name="Imbalance" stackId="bill" fill={GROUP_COLOURS.imbalance} isAnimationActive={false} />
                    <Bar dataKey="fees" name="Fees" stackId="bill" fill={GROUP_COLOURS.fees} isAnimationActive={false} />
                    <Bar dataKey="co2" name="CO2" stackId="bill" fill={GROUP_COLOURS.co2} isAnimationActive={false} />
                    <Line dataKey="paid" name="Paid" stroke="#111" strokeWidth={2} isAnimationActive={false} />
                    <Line dataKey="received" name="Received" stroke="#0a7d32" strokeDasharray="4 2" isAnimationActive={false} />
                    <Line dataKey="owed" name="Still owed" stroke="#b3261e" strokeDasharray="2 2" isAnimationActive={false} />
                  </ComposedChart>
                </ResponsiveContainer>
              </div>
            </>
          ) : null}

          <div className="dialog-actions">
            <button type="button" data-testid="combined-csv" onClick={() => downloadCsv(participantStatementToCsv(data), `statement-${chainName}-${range.from.toString()}-${range.to.toString()}.csv`)}>
              Download combined CSV
            </button>
            <span className="hint">one row per period and currency, then totals; Wh, grams and base units</span>
          </div>
        </>
      )}
    </section>
  );
}
