/**
 * The participant's net position per period of one local day (x/energy's Position query:
 * consumer minus producer Wh over its live sides) as bars, against its position limit (x/balancing's
 * participant record) as dashed lines at ±limit. Bars beyond the limit are red. The figures
 * follow as a table for screen readers and for people who want the numbers.
 */
import { periodStart } from "@gridledger/client";
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { useChainQuery } from "../chain/useChainQuery.js";
import { ErrorNote, Loading } from "../components/Status.js";
import { formatClock, formatDay, formatPeriod } from "../format/periods.js";
import { formatEnergy } from "../format/units.js";
import { dayPeriods, niceCeiling } from "../market/PriceChart.js";
import { chartScale, chartUnit, positionSeries, positionSummary, signedEnergy } from "./position.js";

export interface PositionChartProps {
  readonly owner: string;
  /** limitWh is the participant's position limit; undefined when not admitted. */
  readonly limitWh: bigint | undefined;
  readonly day: Date;
  readonly onDay: (day: Date) => void;
  readonly periodSeconds: bigint;
  readonly rpc: string;
}

export function PositionChart(props: PositionChartProps) {
  const id = useId();
  const { from, to } = dayPeriods(props.day, props.periodSeconds);
  const positions = useChainQuery(["portfolio", "position", props.owner, from, to], (client) => client.query.energy.position(props.owner, from, to), { enabled: props.owner !== "" });
  const series = positionSeries(positions.data ?? [], props.limitWh);
  const shift = (days: number) => props.onDay(new Date(props.day.getFullYear(), props.day.getMonth(), props.day.getDate() + days));
  const scale = chartScale(series.largest, props.limitWh);
  const unit = chartUnit(scale.topWh);
  const top = niceCeiling(Number(scale.topWh) * unit.perWh);
  const limit = props.limitWh === undefined || !scale.limitInView ? undefined : Number(props.limitWh) * unit.perWh;
  const data = series.points.map((p) => ({ t: periodStart(p.period, props.periodSeconds).getTime(), period: p.period, net: Number(p.netWh) * unit.perWh, beyond: p.beyond }));
  const dayStart = props.day.getTime();
  const dayEnd = new Date(props.day.getFullYear(), props.day.getMonth(), props.day.getDate() + 1).getTime();
  const ticks = [0, 3, 6, 9, 12, 15, 18, 21].map((h) => new Date(props.day.getFullYear(), props.day.getMonth(), props.day.getDate(), h).getTime());
  const open = series.points.filter((p) => p.netWh !== 0n);

  return (
    <section className="card chart" aria-labelledby={`${id}-title`} data-testid="position-chart">
      <div className="card-head">
        <h2 id={`${id}-title`}>Net position per {props.periodSeconds === 900n ? "15-minute period" : "period"}</h2>
        <div className="chart-controls">
          <button type="button" onClick={() => shift(-1)} aria-label="Previous day">
            ◀
          </button>
          <span className="day" data-testid="position-day">
            {formatDay(props.day)}
          </span>
          <button type="button" onClick={() => shift(1)} aria-label="Next day">
            ▶
          </button>
        </div>
      </div>
      <p className="summary" data-testid="position-summary" aria-live="polite">
        {positions.data === undefined ? "Reading your position…" : positionSummary(series, formatDay(props.day))}
      </p>
      <p className="hint legend">
        <span className="swatch bar position" aria-hidden="true" /> energy to take (+) or deliver (−), {unit.name} ·{" "}
        {limit !== undefined ? (
          <>
            <span className="swatch limit" aria-hidden="true" /> your position limit
          </>
        ) : props.limitWh === undefined ? (
          "no position limit"
        ) : (
          `your limit of ±${formatEnergy(props.limitWh)} lies far above this scale`
        )}{" "}
        · your local time
      </p>
      <div className="chart-box">
        {positions.isError ? (
          <ErrorNote error={positions.error} rpc={props.rpc} />
        ) : positions.data === undefined ? (
          <Loading label="Reading your position…" height="100%" />
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={0}>
              <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
              <XAxis dataKey="t" type="number" scale="time" domain={[dayStart, dayEnd]} ticks={ticks} tickFormatter={(t: number) => formatClock(new Date(t))} />
              <YAxis width={56} domain={[-top, top]} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} />
              <Tooltip
                labelFormatter={(_, payload) => {
                  const p = payload[0]?.payload as { period?: bigint } | undefined;
                  return p?.period === undefined ? "" : formatPeriod(p.period, props.periodSeconds);
                }}
                formatter={(value) => [`${Number(value).toFixed(3)} ${unit.name}`, "net position"]}
              />
              <ReferenceLine y={0} stroke="#888" />
              {limit === undefined ? null : <ReferenceLine y={limit} stroke="#b00020" strokeDasharray="6 4" label={{ value: `+${formatEnergy(props.limitWh ?? 0n)}`, position: "insideTopLeft", fontSize: 12 }} />}
              {limit === undefined ? null : <ReferenceLine y={-limit} stroke="#b00020" strokeDasharray="6 4" label={{ value: `−${formatEnergy(props.limitWh ?? 0n)}`, position: "insideBottomLeft", fontSize: 12 }} />}
              <Bar dataKey="net" isAnimationActive={false} minPointSize={0}>
                {data.map((d) => (
                  <Cell key={d.t} fill={d.beyond ? "#b00020" : d.net >= 0 ? "#0072B2" : "#E69F00"} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
      {open.length === 0 ? null : (
        <details>
          <summary>The figures</summary>
          <table className="figures" data-testid="position-figures">
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  To take
                </th>
                <th scope="col" className="num">
                  To deliver
                </th>
                <th scope="col" className="num">
                  Net
                </th>
              </tr>
            </thead>
            <tbody>
              {open.map((p) => (
                <tr key={p.period.toString()} className={p.beyond ? "beyond" : undefined}>
                  <td>{formatPeriod(p.period, props.periodSeconds)}</td>
                  <td className="num">{formatEnergy(p.consumerWh)}</td>
                  <td className="num">{formatEnergy(p.producerWh)}</td>
                  <td className="num">{signedEnergy(p.netWh)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
