/**
 * StatementTable is a participant's reconciliation statement: one line per imbalance token with
 * its case in words, category, energy, price and its source, and what the participant receives or
 * pays; the totals per currency; a CSV download made in the browser.
 */
import type { ImbalanceEntry } from "@gridledger/client";

import { formatPeriod } from "../format/periods.js";
import { type FiatUnit, formatEnergy, formatMoney, formatPrice } from "../format/units.js";
import { categoryName } from "../market/categories.js";
import { caseMeaning, caseWords, sourceWords, statementCsv, statementTotals } from "./statement.js";

export interface StatementTableProps {
  readonly entries: readonly ImbalanceEntry[];
  readonly periodSeconds: bigint;
  readonly unitOf: (denom: string) => FiatUnit | undefined;
  /** fileName names the CSV download. */
  readonly fileName: string;
}

const fallbackUnit = (denom: string): FiatUnit => ({ denom, currency: denom, exponent: 0 });

/** receivableText says who pays: "receives CHF 0.19", "pays CHF 0.06", "nothing (unpriced)". */
export function receivableText(receivable: bigint, unit: FiatUnit | undefined): string {
  if (unit === undefined) return "nothing (unpriced)";
  if (receivable > 0n) return `receives ${formatMoney(receivable, unit)}`;
  if (receivable < 0n) return `pays ${formatMoney(-receivable, unit)}`;
  return formatMoney(0n, unit);
}

/** downloadCsv hands a text to the browser as a file: no server involved. */
function downloadCsv(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function StatementTable({ entries, periodSeconds, unitOf, fileName }: StatementTableProps) {
  const totals = statementTotals(entries);
  const unitFor = (denom: string) => (denom === "" ? undefined : (unitOf(denom) ?? fallbackUnit(denom)));
  return (
    <div className="statement">
      <div className="table-scroll" tabIndex={0} aria-label="Reconciliation statement">
        <table className="offers" data-testid="statement">
          <thead>
            <tr>
              <th scope="col">Period (your time)</th>
              <th scope="col">Meter</th>
              <th scope="col">Case</th>
              <th scope="col">Category</th>
              <th scope="col" className="num">
                Energy
              </th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col">Price from</th>
              <th scope="col" className="num">
                You receive or pay
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const unit = unitFor(e.denom);
              const receivable = BigInt(e.receivable || "0");
              return (
                <tr key={e.tokenId.toString()} data-testid={`statement-${e.tokenId.toString()}`}>
                  <td>{formatPeriod(e.period, periodSeconds)}</td>
                  <td>
                    <code>{e.meterId}</code>
                  </td>
                  <td title={caseMeaning(e.imbalanceCase)} data-testid="case">
                    {caseWords(e.imbalanceCase)}
                  </td>
                  <td>
                    <span className={`category c${e.category}`}>{categoryName(e.category)}</span>
                  </td>
                  <td className="num">{formatEnergy(e.wh)}</td>
                  <td className="num">{unit === undefined ? "—" : formatPrice(e.pricePerMwh, unit)}</td>
                  <td data-testid="source">{sourceWords(e.source)}</td>
                  <td className={`num ${receivable < 0n ? "pays" : receivable > 0n ? "receives" : ""}`} data-testid="receivable">
                    {receivableText(receivable, unit)}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot data-testid="statement-totals">
            <tr>
              <th scope="row" colSpan={4}>
                {entries.length} imbalance token{entries.length === 1 ? "" : "s"}
              </th>
              <td className="num" colSpan={2} data-testid="total-energy">
                {formatEnergy(totals.takenWh)} taken, {formatEnergy(totals.suppliedWh)} supplied
              </td>
              <td colSpan={2} className="num">
                {totals.currencies.map((c) => {
                  const unit = unitFor(c.denom);
                  if (unit === undefined) return <div key="unpriced">{c.lines} unpriced</div>;
                  return (
                    <div key={c.denom} data-testid={`total-${c.denom}`}>
                      {c.net >= 0n ? `you receive ${formatMoney(c.net, unit)}` : `you pay ${formatMoney(-c.net, unit)}`}
                      {c.receives > 0n && c.pays > 0n ? ` (${formatMoney(c.receives, unit)} in, ${formatMoney(c.pays, unit)} out)` : ""}
                    </div>
                  );
                })}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <button type="button" onClick={() => downloadCsv(statementCsv(entries, periodSeconds, unitOf), fileName)}>
        Download CSV
      </button>
    </div>
  );
}
