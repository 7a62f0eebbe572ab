/**
 * Delivery periods in local time. Period n covers Unix seconds [n*P, (n+1)*P) (DESIGN.md §3), P
 * being the chain's period_seconds (900: the 15-minute imbalance settlement period); the chain
 * counts in UTC, people read their own clock.
 */
import { periodStart } from "@gridledger/client";

export interface TimeOptions {
  readonly locale?: string;
  /** timeZone defaults to the browser's. */
  readonly timeZone?: string;
}

/** periodLength is a period length for people: "15 min", "1 h", "20 s". */
export function periodLength(periodSeconds: bigint | number): string {
  const s = Number(periodSeconds);
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

function dayFormat(o: TimeOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(o.locale, { weekday: "short", day: "numeric", month: "short", timeZone: o.timeZone });
}

function timeFormat(o: TimeOptions, seconds = false): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(o.locale, { hour: "2-digit", minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}), hourCycle: "h23", timeZone: o.timeZone });
}

/** dayKey is a date's calendar day in the time zone, for telling whether two instants share one. */
function dayKey(date: Date, o: TimeOptions): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: o.timeZone }).format(date);
}

/** formatPeriod shows one period: "Thu 4 Dec, 06:00–06:15 · period 1,975,000". */
export function formatPeriod(period: bigint, periodSeconds: bigint | number, o: TimeOptions = {}): string {
  const start = periodStart(period, periodSeconds);
  const end = periodStart(period + 1n, periodSeconds);
  const secs = Number(periodSeconds) % 60 !== 0;
  const number = new Intl.NumberFormat(o.locale).format(period);
  return `${dayFormat(o).format(start)}, ${timeFormat(o, secs).format(start)}–${timeFormat(o, secs).format(end)} · period ${number}`;
}

/**
 * formatWindow shows the delivery window of periods first..last: "Thu 4 Dec 06:00–10:00 ·
 * 16 × 15 min", naming the second day when it ends on another.
 */
export function formatWindow(first: bigint, last: bigint, periodSeconds: bigint | number, o: TimeOptions = {}): string {
  const start = periodStart(first, periodSeconds);
  const end = periodStart(last + 1n, periodSeconds);
  const secs = Number(periodSeconds) % 60 !== 0;
  const time = timeFormat(o, secs);
  const day = dayFormat(o);
  // A window ending at midnight ends on the day it started, at 24:00 in people's terms.
  const sameDay = dayKey(start, o) === dayKey(new Date(end.getTime() - 1), o);
  const endText = sameDay ? time.format(end) : `${day.format(end)} ${time.format(end)}`;
  return `${day.format(start)} ${time.format(start)}–${endText} · ${(last - first + 1n).toString()} × ${periodLength(periodSeconds)}`;
}

/** formatClock is a period's start as a time of day ("06:15"), for chart axes. */
export function formatClock(date: Date, o: TimeOptions = {}): string {
  return timeFormat(o).format(date);
}

/** formatDay is a day for headings: "Thu 4 Dec". */
export function formatDay(date: Date, o: TimeOptions = {}): string {
  return dayFormat(o).format(date);
}

/** formatPeriodTime is a period's time of day only, for column heads: "06:00–06:15". */
export function formatPeriodTime(period: bigint, periodSeconds: bigint | number, o: TimeOptions = {}): string {
  const secs = Number(periodSeconds) % 60 !== 0;
  const time = timeFormat(o, secs);
  return `${time.format(periodStart(period, periodSeconds))}–${time.format(periodStart(period + 1n, periodSeconds))}`;
}

/** formatInstant is a Unix second as a time of day with seconds ("06:30:00"), for deadlines. */
export function formatInstant(unixSeconds: bigint | number, o: TimeOptions = {}): string {
  return timeFormat(o, true).format(new Date(Number(unixSeconds) * 1000));
}
