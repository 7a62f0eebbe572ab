/**
 * OriginReport shows where a participant's energy came from (seed §3.5.3): Wh per category as
 * bars, then every origin (category, origin shard, area) with its share and CO2, and the
 * aggregators and traders it passed. Figures come from the chain's Traceability query, whose
 * origins add up to the totals exactly.
 */
import { type Traceability, traceByCategory } from "@gridledger/client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { Empty } from "../components/Status.js";
import { formatEnergy } from "../format/units.js";
import { CATEGORY_COLOURS, categoryName } from "../market/categories.js";
import { areaWords, intensity, roleWords, sharePercent } from "./origin.js";

export interface OriginReportProps {
  readonly trace: Traceability;
  /** nameOf names an account: a participant's display name or a short address. */
  readonly nameOf: (address: string) => string;
}

export function OriginReport({ trace, nameOf }: OriginReportProps) {
  if (trace.consumedWh === 0n) {
    return (
      <Empty title="No energy consumed in these periods">
        None of your consumer sides delivers in this range; choose other periods, or buy energy on the Market.
      </Empty>
    );
  }
  const categories = traceByCategory(trace);
  const kwh = trace.consumedWh >= 10_000n;
  const data = categories.map((c) => ({ name: categoryName(c.category), category: c.category, value: kwh ? Number(c.wh) / 1_000 : Number(c.wh) }));
  return (
    <div className="origin-report" data-testid="origin-report">
      <p className="summary" data-testid="origin-summary">
        {formatEnergy(trace.consumedWh)} consumed from {trace.origins.length} {trace.origins.length === 1 ? "origin" : "origins"} · {trace.co2Grams.toLocaleString("en")} g CO₂ (
        {intensity(trace.co2Grams, trace.consumedWh)})
      </p>
      <div className="origin-chart" role="img" aria-label={`Energy by category: ${categories.map((c) => `${categoryName(c.category)} ${formatEnergy(c.wh)}`).join(", ")}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" />
            <YAxis unit={kwh ? " kWh" : " Wh"} width={80} />
            <Tooltip formatter={(v) => `${String(v)} ${kwh ? "kWh" : "Wh"}`} />
            <Bar dataKey="value" name="Energy" isAnimationActive={false} maxBarSize={96}>
              {data.map((d) => (
                <Cell key={d.category} fill={CATEGORY_COLOURS[d.category] ?? "#999999"} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="table-scroll" tabIndex={0} aria-label="Origins of your energy">
        <table className="figures" data-testid="origins">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Origin grid</th>
              <th scope="col">Area</th>
              <th scope="col" className="num">
                Energy
              </th>
              <th scope="col" className="num">
                Share
              </th>
              <th scope="col" className="num">
                CO₂
              </th>
              <th scope="col" className="num">
                Intensity
              </th>
            </tr>
          </thead>
          <tbody>
            {trace.origins.map((o, i) => (
              <tr key={`${o.category}-${o.originShard}-${o.area}-${String(o.balancing)}`} data-testid={`origin-${i}`}>
                <td>
                  <span className="swatch" style={{ background: CATEGORY_COLOURS[o.category] ?? "#999999" }} aria-hidden="true" /> {categoryName(o.category)}
                </td>
                <td>
                  <code>{o.originShard}</code>
                </td>
                <td>{areaWords(o)}</td>
                <td className="num" data-testid="wh">
                  {formatEnergy(o.wh)}
                </td>
                <td className="num">{sharePercent(o.wh, trace.consumedWh)}</td>
                <td className="num" data-testid="co2">
                  {o.co2Grams.toLocaleString("en")} g
                </td>
                <td className="num">{intensity(o.co2Grams, o.wh)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Total
              </th>
              <td className="num" data-testid="total-wh">
                {formatEnergy(trace.consumedWh)}
              </td>
              <td className="num">100.0 %</td>
              <td className="num" data-testid="total-co2">
                {trace.co2Grams.toLocaleString("en")} g
              </td>
              <td className="num">{intensity(trace.co2Grams, trace.consumedWh)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <h3>Intermediaries</h3>
      {trace.intermediaries.length === 0 ? (
        <p className="hint" data-testid="no-intermediaries">
          Bought from the producers directly: no aggregator or trader in between.
        </p>
      ) : (
        <ul className="intermediaries" data-testid="intermediaries">
          {trace.intermediaries.map((i) => (
            <li key={i.address} data-testid={`intermediary-${i.address}`}>
              <strong title={i.address}>{nameOf(i.address)}</strong> <span className="hint">{roleWords(i)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        Shares are pro rata of the tokens you hold, followed through every aggregation, split and trade; the chain rounds them so they add up to your
        total exactly. Areas are coarse grid areas: no meter or household is shown.
      </p>
    </div>
  );
}
