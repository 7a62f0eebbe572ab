/**
 * The connected participant's settlement statement over a range of periods (default: the last
 * day): totals per currency (gross payable and receivable, net paid and received, postponed,
 * unpaid), the lines by kind, a chart of the amounts per kind and period, a CSV download, and the
 * participant's own debts and unpaid claims.
 */
import { type GridledgerClient, statementToCsv, statementTotals } from "@gridledger/client";
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading } from "../components/Status.js";
import { formatPeriod, formatPeriodTime } from "../format/periods.js";
import { type FiatUnit, formatEnergy, formatMoney } from "../format/units.js";
import { CombinedStatement } from "./CombinedStatement.js";
import { downloadCsv } from "./download.js";
import { chartRows, KIND_COLOURS, KIND_LABELS, kindKey, lastDay, type PeriodRange, rangeError } from "./settlement.js";

export interface StatementSectionProps {
  readonly owner: string;
  readonly current: bigint;
  readonly periodSeconds: bigint;
  readonly unitOf: (denom: string) => FiatUnit;
  readonly chainName: string;
  readonly rpc: string;
}

const readStatement = (client: GridledgerClient, owner: string, range: PeriodRange) => client.query.settlement.statement(owner, { fromPeriod: range.from, toPeriod: range.to });

const toBig = (text: string): bigint | undefined => (/^\d{1,19}$/.test(text.trim()) ? BigInt(text.trim()) : undefined);

export function StatementSection({ owner, current, periodSeconds, unitOf, chainName, rpc }: StatementSectionProps) {
  const id = useId();
  const [chosen, setChosen] = useState<PeriodRange | undefined>(undefined);
  const range = chosen ?? lastDay(current, periodSeconds);
  const [fromText, setFromText] = useState("");
  const [toText, setToText] = useState("");
  const typedError = fromText === "" && toText === "" ? undefined : rangeError(toBig(fromText || range.from.toString()), toBig(toText || range.to.toString()));
  const statement = useChainQuery(["settlement", "statement", owner, range.from, range.to], (client) => readStatement(client, owner, range), { enabled: owner !== "" });
  const totals = statement.data === undefined ? [] : statementTotals(statement.data);
  const [chartDenom, setChartDenom] = useState<string | undefined>(undefined);
  const denom = chartDenom ?? totals[0]?.denom;
  const unit = denom === undefined ? undefined : unitOf(denom);
  const chart = statement.data === undefined || unit === undefined ? { rows: [], kinds: [] } : chartRows(statement.data, unit, (p) => formatPeriodTime(p, periodSeconds));

  const apply = () => {
    const from = toBig(fromText || range.from.toString());
    const to = toBig(toText || range.to.toString());
    if (rangeError(from, to) === undefined && from !== undefined && to !== undefined) setChosen({ from, to });
  };

  return (
    <section className="card settlement-statement" aria-labelledby={`${id}-title`}>
      <div className="record-head">
        <h2 id={`${id}-title`}>Your settlement statement</h2>
        <span className="hint" data-testid="statement-range">
          periods {range.from.toString()}–{range.to.toString()} · {formatPeriod(range.from, periodSeconds)} to {formatPeriod(range.to, periodSeconds)}
        </span>
      </div>
      <form
        className="range-form"
        aria-label="Statement periods"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label>
          From period <input inputMode="numeric" value={fromText} placeholder={range.from.toString()} onChange={(e) => setFromText(e.target.value)} aria-invalid={typedError !== undefined} />
        </label>
        <label>
          to <input inputMode="numeric" value={toText} placeholder={range.to.toString()} onChange={(e) => setToText(e.target.value)} aria-invalid={typedError !== undefined} />
        </label>
        <button type="submit" disabled={typedError !== undefined}>
          Show
        </button>
        <button
          type="button"
          onClick={() => {
            setChosen(undefined);
            setFromText("");
            setToText("");
          }}
        >
          Last day
        </button>
        {typedError !== undefined ? <span className="field-error">{typedError}</span> : null}
      </form>

      <CombinedStatement owner={owner} range={range} periodSeconds={periodSeconds} unitOf={unitOf} chainName={chainName} rpc={rpc} />

      <h3>Charges and payments</h3>

      {statement.isError ? (
        <ErrorNote error={statement.error} rpc={rpc} />
      ) : statement.data === undefined ? (
        <Loading label="Reading your statement…" height="10rem" />
      ) : statement.data.lines.length === 0 && statement.data.nets.length === 0 ? (
        <Empty title="Nothing settled in these periods">Your delivered tokens and fees appear here once their settlement run has passed (a fee window after reconciliation).</Empty>
      ) : (
        <>
          <div className="table-scroll" tabIndex={0} aria-label="Totals per currency">
            <table className="figures" data-testid="settlement-totals">
              <thead>
                <tr>
                  <th scope="col">Currency</th>
                  <th scope="col" className="num">Gross payable</th>
                  <th scope="col" className="num">Gross receivable</th>
                  <th scope="col" className="num">Paid</th>
                  <th scope="col" className="num">Bank fee</th>
                  <th scope="col" className="num">Received</th>
                  <th scope="col" className="num">Offset against your debt</th>
                  <th scope="col" className="num">Postponed</th>
                  <th scope="col" className="num">Unpaid to you</th>
                </tr>
              </thead>
              <tbody>
                {totals.map((t) => {
                  const u = unitOf(t.denom);
                  return (
                    <tr key={t.denom} data-testid={`settlement-total-${t.denom}`}>
                      <th scope="row">{u.currency}</th>
                      <td className="num" data-testid="gross-payable">{formatMoney(t.grossPayable, u)}</td>
                      <td className="num" data-testid="gross-receivable">{formatMoney(t.grossReceivable, u)}</td>
                      <td className="num" data-testid="paid">{formatMoney(t.paid, u)}</td>
                      <td className="num" data-testid="bank-fee">{formatMoney(t.bankFee, u)}</td>
                      <td className="num" data-testid="received">{formatMoney(t.received, u)}</td>
                      <td className="num" data-testid="offset">{formatMoney(t.offset, u)}</td>
                      <td className={t.postponed > 0n ? "num warn" : "num"} data-testid="postponed">{formatMoney(t.postponed, u)}</td>
                      <td className={t.unpaid > 0n ? "num warn" : "num"} data-testid="unpaid">{formatMoney(t.unpaid, u)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <h3>By kind</h3>
          <div className="table-scroll" tabIndex={0} aria-label="Charges by kind">
            <table className="figures" data-testid="settlement-kinds">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Currency</th>
                  <th scope="col" className="num">You pay</th>
                  <th scope="col" className="num">You receive</th>
                  <th scope="col" className="num">Charges</th>
                  <th scope="col" className="num">Energy</th>
                  <th scope="col" className="num">CO2</th>
                </tr>
              </thead>
              <tbody>
                {totals.flatMap((t) =>
                  t.byKind.map((k) => {
                    const u = unitOf(t.denom);
                    return (
                      <tr key={`${t.denom}-${String(k.kind)}`} data-testid={`kind-${String(k.kind)}-${t.denom}`}>
                        <th scope="row">{KIND_LABELS[k.kind]}</th>
                        <td>{u.currency}</td>
                        <td className="num" data-testid="kind-payable">{k.payable === 0n ? "—" : formatMoney(k.payable, u)}</td>
                        <td className="num" data-testid="kind-receivable">{k.receivable === 0n ? "—" : formatMoney(k.receivable, u)}</td>
                        <td className="num">{k.charges.toString()}</td>
                        <td className="num">{k.wh === 0n ? "—" : formatEnergy(k.wh)}</td>
                        <td className="num">{k.co2Grams === 0n ? "—" : `${k.co2Grams.toString()} g`}</td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </div>

          <div className="record-head">
            <h3>Per period</h3>
            {totals.length > 1 ? (
              <label className="hint">
                Currency{" "}
                <select value={denom ?? ""} onChange={(e) => setChartDenom(e.target.value)}>
                  {totals.map((t) => (
                    <option key={t.denom} value={t.denom}>
                      {unitOf(t.denom).currency}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          <p className="hint">What you received (up) and paid (down) in {unit?.currency ?? "the currency"}, by kind.</p>
          <div className="chart-box settlement-chart" data-testid="settlement-chart" role="img" aria-label={`Amounts per kind and period in ${unit?.currency ?? ""}`}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={chart.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} stackOffset="sign">
                <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
                <XAxis dataKey="label" />
                <YAxis width={64} tickFormatter={(v: number) => String(Number(v.toPrecision(4)))} />
                <Tooltip formatter={(v) => (typeof v === "number" ? `${unit?.currency ?? ""} ${v.toFixed(unit?.exponent ?? 2)}` : String(v))} />
                <Legend />
                <ReferenceLine y={0} stroke="#333" />
                {chart.kinds.map((k) => (
                  <Bar key={k} dataKey={kindKey(k)} name={KIND_LABELS[k]} stackId="kinds" fill={KIND_COLOURS[k] ?? "#999"} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>

          <div className="dialog-actions">
            <button type="button" onClick={() => downloadCsv(statementToCsv(statement.data), `settlement-${chainName}-${range.from.toString()}-${range.to.toString()}.csv`)}>
              Download CSV
            </button>
            <span className="hint">amounts in base units ({totals.map((t) => `${unitOf(t.denom).currency}: 10^${String(unitOf(t.denom).exponent)} = 1`).join(", ")})</span>
          </div>
        </>
      )}

      <h3>Your debts and unpaid claims</h3>
      {statement.data === undefined ? null : statement.data.debts.length === 0 && statement.data.claims.length === 0 ? (
        <p className="hint" data-testid="own-debts-none">You owe the settlement nothing, and it owes you nothing.</p>
      ) : (
        <ul className="own-debts" data-testid="own-debts">
          {statement.data.debts.map((d) => (
            <li key={`debt-${d.denom}`} className="warn">
              You owe {formatMoney(BigInt(d.amount || "0"), unitOf(d.denom))} (late fees {formatMoney(BigInt(d.lateFees || "0"), unitOf(d.denom))}),{" "}
              {d.defaultedPeriod > 0n ? `in default since period ${d.defaultedPeriod.toString()}` : `postponed ${String(d.postponements)} time${d.postponements === 1 ? "" : "s"}, asked again in period ${d.retryPeriod.toString()}`}. Deposit into your settlement account (Fiat view) to pay it.
            </li>
          ))}
          {statement.data.claims.map((c) => (
            <li key={`claim-${c.denom}`}>The settlement still owes you {formatMoney(BigInt(c.amount || "0"), unitOf(c.denom))}: you are paid as debtors pay back.</li>
          ))}
        </ul>
      )}
    </section>
  );
}
