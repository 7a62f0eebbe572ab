/**
 * The volume-weighted average price of each period of one local day, for one category, as a line,
 * with the energy traded per period as bars (x/energy's average-price query). A table of the same
 * numbers follows for screen readers and for people who want the figures.
 */
import { type EnergyCategory, periodAt, periodStart } from "@gridledger/client";
import { useId } from "react";
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { Empty, ErrorNote, Loading } from "../components/Status.js";
import { formatClock, formatDay, formatPeriod } from "../format/periods.js";
import { type FiatUnit, formatEnergy, formatPrice, toDisplayNumber } from "../format/units.js";
import { CATEGORIES, CATEGORY_COLOURS, categoryName } from "./categories.js";
import { type PricePoint, useAveragePrices } from "./useMarket.js";

/** dayPeriods are the periods that start on the local day beginning at `midnight`. */
export function dayPeriods(midnight: Date, periodSeconds: bigint): { from: bigint; to: bigint } {
  const next = new Date(midnight.getFullYear(), midnight.getMonth(), midnight.getDate() + 1);
  return { from: periodAt(midnight, periodSeconds), to: periodAt(next, periodSeconds) - 1n };
}

/** niceCeiling rounds up to 1, 2 or 5 times a power of ten, for an axis that ends on a round number. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value * (1 - 1e-9)) ?? 10;
  return step * power;
}

/** dayAverage is the volume-weighted average over the periods that traded, or undefined. */
export function dayAverage(points: readonly PricePoint[]): { pricePerMwh: bigint; tradedWh: bigint; periods: number } | undefined {
  let wh = 0n;
  let value = 0n;
  let periods = 0;
  for (const p of points) {
    if (p.trades === 0n) continue;
    wh += p.tradedWh;
    value += p.pricePerMwh * p.tradedWh;
    periods++;
  }
  return wh === 0n ? undefined : { pricePerMwh: value / wh, tradedWh: wh, periods };
}

export interface PriceChartProps {
  readonly category: EnergyCategory | undefined;
  readonly onCategory: (category: EnergyCategory) => void;
  readonly day: Date;
  readonly onDay: (day: Date) => void;
  readonly unit: FiatUnit | undefined;
  readonly periodSeconds: bigint;
  readonly rpc: string;
}

export function PriceChart(props: PriceChartProps) {
  const id = useId();
  const { from, to } = dayPeriods(props.day, props.periodSeconds);
  const prices = useAveragePrices(props.category, props.unit?.denom, from, to);
  const shift = (days: number) => props.onDay(new Date(props.day.getFullYear(), props.day.getMonth(), props.day.getDate() + days));
  const unit = props.unit;
  const points = prices.data ?? [];
  const average = dayAverage(points);
  const data = points.map((p) => ({
    t: periodStart(p.period, props.periodSeconds).getTime(),
    period: p.period,
    price: p.trades === 0n || unit === undefined ? null : toDisplayNumber(p.pricePerMwh, unit.exponent),
    mwh: Number(p.tradedWh) / 1_000_000,
  }));
  const traded = points.filter((p) => p.trades > 0n);
  const mwhTop = niceCeiling(Math.max(0, ...data.map((d) => d.mwh)));
  // Ticks every three hours of the local day (a DST day has 23 or 25 hours: ticks follow the clock).
  const dayStart = props.day.getTime();
  const dayEnd = new Date(props.day.getFullYear(), props.day.getMonth(), props.day.getDate() + 1).getTime();
  const ticks = [0, 3, 6, 9, 12, 15, 18, 21].map((h) => new Date(props.day.getFullYear(), props.day.getMonth(), props.day.getDate(), h).getTime());
  const colour = props.category === undefined ? "#666" : (CATEGORY_COLOURS[props.category] ?? "#666");

  return (
    <section className="card chart" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h2 id={`${id}-title`}>Average price per {props.periodSeconds === 900n ? "15-minute period" : "period"}</h2>
        <div className="chart-controls">
          <label htmlFor={`${id}-category`} className="sr-only">
            Category
          </label>
          <select id={`${id}-category`} value={props.category ?? ""} onChange={(e) => props.onCategory(Number(e.target.value) as EnergyCategory)}>
            {props.category === undefined ? <option value="">Category…</option> : null}
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => shift(-1)} aria-label="Previous day">
            ◀
          </button>
          <span className="day" data-testid="chart-day">
            {formatDay(props.day)}
          </span>
          <button type="button" onClick={() => shift(1)} aria-label="Next day">
            ▶
          </button>
        </div>
      </div>
      <p className="summary" data-testid="price-summary" aria-live="polite">
        {unit === undefined || props.category === undefined
          ? "Choose a category."
          : average === undefined
            ? `No ${categoryName(props.category).toLowerCase()} trades in ${unit.currency} on ${formatDay(props.day)} yet.`
            : `${categoryName(props.category)} on ${formatDay(props.day)}: ${formatPrice(average.pricePerMwh, unit)} on average, ${formatEnergy(average.tradedWh)} traded in ${average.periods} period${average.periods === 1 ? "" : "s"}.`}
      </p>
      <p className="hint legend">
        <span className="swatch" style={{ background: colour }} aria-hidden="true" /> average price, {unit?.currency ?? ""}/MWh (left) ·{" "}
        <span className="swatch bar" aria-hidden="true" /> energy traded, MWh (right) · your local time
      </p>
      <div className="chart-box">
        {prices.isError ? (
          <ErrorNote error={prices.error} rpc={props.rpc} />
        ) : prices.isPending && props.category !== undefined ? (
          <Loading label="Reading the day's prices…" height="100%" />
        ) : traded.length === 0 ? (
          <Empty title="No trades on this day">The line appears as soon as a side is bought.</Empty>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
              <XAxis dataKey="t" type="number" scale="time" domain={[dayStart, dayEnd]} ticks={ticks} tickFormatter={(t: number) => formatClock(new Date(t))} />
              <YAxis yAxisId="price" width={56} tickFormatter={(v: number) => String(Number(v.toPrecision(4)))} />
              <YAxis yAxisId="mwh" orientation="right" width={56} domain={[0, mwhTop]} ticks={[0, mwhTop / 2, mwhTop]} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} />
              <Tooltip
                labelFormatter={(_, payload) => {
                  const p = payload[0]?.payload as { period?: bigint } | undefined;
                  return p?.period === undefined ? "" : formatPeriod(p.period, props.periodSeconds);
                }}
                formatter={(value, name) => (name === "price" ? [`${Number(value).toFixed(2)} ${unit?.currency ?? ""}/MWh`, "average price"] : [`${Number(value).toFixed(3)} MWh`, "traded"])}
              />
              <Bar yAxisId="mwh" dataKey="mwh" fill="#c8d6e5" isAnimationActive={false} />
              <Line yAxisId="price" dataKey="price" stroke={colour} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
      {traded.length === 0 || unit === undefined ? null : (
        <details>
          <summary>The figures</summary>
          <table className="figures" data-testid="price-figures">
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Average price
                </th>
                <th scope="col" className="num">
                  Traded
                </th>
                <th scope="col" className="num">
                  Trades
                </th>
              </tr>
            </thead>
            <tbody>
              {traded.map((p) => (
                <tr key={p.period.toString()}>
                  <td>{formatPeriod(p.period, props.periodSeconds)}</td>
                  <td className="num">{formatPrice(p.pricePerMwh, unit)}</td>
                  <td className="num">{formatEnergy(p.tradedWh)}</td>
                  <td className="num">{p.trades.toString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
