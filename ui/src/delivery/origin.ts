/**
 * Figures of the "Origin of your energy" panel (x/energy's Traceability query, seed §3.5.3):
 * the range a participant asks for, shares and intensities, and the words for an intermediary's
 * part in the chain.
 */
import type { OriginBucket, TraceIntermediary } from "@gridledger/client";

import { formatPeriod } from "../format/periods.js";

/** MAX_TRACE_PERIODS is the chain's bound on one query's range (x/energy types.MaxTracePeriods). */
export const MAX_TRACE_PERIODS = 2_976n;

/** TraceRange is a range of periods, inclusive. */
export interface TraceRange {
  readonly from: bigint;
  readonly to: bigint;
}

/**
 * aroundNow is the default range: a day of periods before now to a day after, or as much of it
 * as one query covers when periods are short.
 */
export function aroundNow(current: bigint, periodSeconds: bigint): TraceRange {
  const day = periodSeconds > 0n ? 86_400n / periodSeconds : 96n;
  const half = day < (MAX_TRACE_PERIODS - 1n) / 2n ? day : (MAX_TRACE_PERIODS - 1n) / 2n;
  return { from: current > half ? current - half : 1n, to: current + half };
}

/** shifted is range moved by its own length, earlier (-1) or later (+1), never before period 1. */
export function shifted(range: TraceRange, direction: -1 | 1): TraceRange {
  const width = range.to - range.from + 1n;
  const from = direction < 0 ? (range.from > width ? range.from - width : 1n) : range.from + width;
  return { from, to: from + width - 1n };
}

/** parsePeriod reads a period typed in a field; undefined when it is no whole number. */
export function parsePeriod(text: string): bigint | undefined {
  return /^\d{1,19}$/.test(text.trim()) ? BigInt(text.trim()) : undefined;
}

/** LAST_DATE_SECOND is where JavaScript's calendar ends: 8.64e12 seconds after 1970. */
const LAST_DATE_SECOND = 8_640_000_000_000n;

/**
 * periodLabel shows a typed period in local time, or says it lies beyond the calendar: a field
 * may hold any number, and a date out of range must not take the view down.
 */
export function periodLabel(period: bigint, periodSeconds: bigint): string {
  if ((period + 1n) * periodSeconds >= LAST_DATE_SECOND) return "beyond any calendar";
  return formatPeriod(period, periodSeconds);
}

/** rangeProblem says what is wrong with a range before it is asked for, or undefined. */
export function rangeProblem(from: bigint | undefined, to: bigint | undefined): string | undefined {
  if (from === undefined || to === undefined) return "Type the first and last period as whole numbers.";
  if (from > to) return "The first period comes after the last: swap them.";
  if (to - from + 1n > MAX_TRACE_PERIODS) return `A query covers at most ${MAX_TRACE_PERIODS.toLocaleString("en")} periods (31 days of 15 minutes): ask for a shorter range.`;
  return undefined;
}

/** sharePercent is part of whole as a percentage with one decimal ("33.3 %"); "—" for nothing. */
export function sharePercent(part: bigint, whole: bigint): string {
  if (whole === 0n) return "—";
  const tenths = (part * 1_000n + whole / 2n) / whole;
  return `${(tenths / 10n).toString()}.${(tenths % 10n).toString()} %`;
}

/** intensity is grams of CO2 per kWh, with one decimal ("66.5 g/kWh"); "—" without energy. */
export function intensity(co2Grams: bigint, wh: bigint): string {
  if (wh === 0n) return "—";
  const tenths = (co2Grams * 10_000n + wh / 2n) / wh;
  return `${(tenths / 10n).toString()}.${(tenths % 10n).toString()} g/kWh`;
}

/** areaWords names an origin's place: its area, the balancing authority, or why none is known. */
export function areaWords(o: Pick<OriginBucket, "area" | "balancing">): string {
  if (o.balancing) return "balancing authority (reconciliation)";
  return o.area === "" ? "not located (a trader's book or another grid)" : o.area;
}

/** roleWords says what an intermediary did to the tokens on the way. */
export function roleWords(i: TraceIntermediary): string {
  const words = [i.emitted ? "aggregated or disaggregated" : "", i.splitOrMerged ? "split or merged" : "", i.resold ? "resold" : ""].filter((w) => w !== "");
  return words.join(", ");
}
