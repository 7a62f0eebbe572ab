/**
 * The participant's net position per period (x/energy's Position query: consumer minus producer
 * Wh over its live sides) against its position limit (x/balancing's participant record): the
 * series the position chart draws and the sentence that sums it up.
 */
import type { PeriodPosition } from "@gridledger/client";

import { formatEnergy } from "../format/units.js";

export interface PositionPoint {
  readonly period: bigint;
  readonly netWh: bigint;
  readonly consumerWh: bigint;
  readonly producerWh: bigint;
  /** beyond: |net| exceeds the limit (the chain lets it shrink, never grow, then). */
  readonly beyond: boolean;
}

export interface PositionSeries {
  readonly points: readonly PositionPoint[];
  /** open are the periods whose net position is not zero. */
  readonly open: number;
  /** largest is the net position furthest from zero (0 when all are balanced). */
  readonly largest: bigint;
  readonly beyond: number;
  /** limitWh is undefined when there is no limit to show (not admitted). */
  readonly limitWh: bigint | undefined;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

export function positionSeries(positions: readonly PeriodPosition[], limitWh: bigint | undefined): PositionSeries {
  let largest = 0n;
  let open = 0;
  let beyond = 0;
  const points = positions.map((p) => {
    const over = limitWh !== undefined && abs(p.netWh) > limitWh;
    if (p.netWh !== 0n) open++;
    if (over) beyond++;
    if (abs(p.netWh) > abs(largest)) largest = p.netWh;
    return { period: p.period, netWh: p.netWh, consumerWh: p.consumerWh, producerWh: p.producerWh, beyond: over };
  });
  return { points, open, largest, beyond, limitWh };
}

/** signedEnergy shows a net position with its sign: "+250 kWh", "−1.5 MWh", "0 Wh". */
export function signedEnergy(wh: bigint): string {
  if (wh > 0n) return `+${formatEnergy(wh)}`;
  if (wh < 0n) return `−${formatEnergy(-wh)}`;
  return formatEnergy(0);
}

/** positionSummary says what the day's series shows, in one sentence. */
export function positionSummary(series: PositionSeries, day: string): string {
  const limit = series.limitWh === undefined ? "no position limit (not admitted)" : `your limit of ±${formatEnergy(series.limitWh)}`;
  if (series.open === 0) return `No open position on ${day}: every period is balanced; ${limit}.`;
  const way = series.largest > 0n ? "net consumption" : "net delivery";
  const periods = `${series.open} period${series.open === 1 ? "" : "s"}`;
  const share = series.limitWh === undefined || series.limitWh === 0n ? "" : ` (${Math.round((Number(abs(series.largest)) / Number(series.limitWh)) * 100)} % of the limit)`;
  const beyond = series.beyond === 0 ? "none beyond it" : `${series.beyond} period${series.beyond === 1 ? "" : "s"} beyond it: you may only reduce those`;
  return `Open position in ${periods} on ${day}, at most ${signedEnergy(series.largest)} ${way}${share}; ${limit}, ${beyond}.`;
}

/** chartUnit picks kWh or MWh for the axis from the largest value it must show. */
export function chartUnit(maxWh: bigint): { readonly name: "kWh" | "MWh"; readonly perWh: number } {
  return maxWh >= 1_000_000n ? { name: "MWh", perWh: 1 / 1_000_000 } : { name: "kWh", perWh: 1 / 1_000 };
}

/**
 * chartScale is the largest value the axis shows (Wh) and whether the limit lines fit on it. The
 * limit is shown when the position reaches a quarter of it; a limit far above the day's position
 * would flatten the bars to nothing, so the axis then follows the position and the legend names
 * the limit instead.
 */
export function chartScale(largestWh: bigint, limitWh: bigint | undefined): { readonly topWh: bigint; readonly limitInView: boolean } {
  const largest = largestWh < 0n ? -largestWh : largestWh;
  if (limitWh === undefined) return { topWh: largest === 0n ? 1_000n : (largest * 6n) / 5n, limitInView: false };
  if (largest === 0n || limitWh <= largest * 4n) {
    const top = largest > limitWh ? (largest * 6n) / 5n : limitWh;
    return { topWh: top === 0n ? 1_000n : top, limitInView: true };
  }
  return { topWh: (largest * 6n) / 5n, limitInView: false };
}
