/**
 * What "Sign and issue" signs, for people: the MsgIssueToken as JSON, its integers as the chain
 * holds them (Wh, periods, base units), with what they mean after `//` (kWh, local time, CHF).
 * The comments are not part of the message.
 */
import { energyCategoryToJSON, issueTokenMsg, type IssueTokenInput } from "@gridledger/client";

import { formatPeriod, type TimeOptions } from "../format/periods.js";
import { formatEnergy, formatMoney, type FiatUnit } from "../format/units.js";

export interface PreviewContext extends TimeOptions {
  readonly periodSeconds: bigint;
  readonly unit: FiatUnit;
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** toJson writes bigints as strings (as the chain's JSON does) and enums by name. */
function toJson(value: unknown, key = ""): Json {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map((v) => toJson(v));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJson(v, k)]));
  }
  if (key === "category" && typeof value === "number") return energyCategoryToJSON(value);
  return value as Json;
}

/** issueMessage is the message issueToken signs, with its type URL. */
export function issueMessage(issuer: string, input: IssueTokenInput) {
  return issueTokenMsg(issuer, input);
}

/**
 * previewText is the message as indented JSON with a comment after the lines whose numbers need
 * a unit: energy, periods, money.
 */
export function previewText(issuer: string, input: IssueTokenInput, ctx: PreviewContext): string {
  const msg = issueMessage(issuer, input);
  const value = msg.value;
  const periods = (value.lastPeriod ?? 0n) - (value.firstPeriod ?? 0n) + 1n;
  const money = (base: bigint | string | undefined) => formatMoney(BigInt(base ?? 0), ctx.unit, ctx.locale);
  const perMwh = (base: bigint | string | undefined) => `${money(base)}/MWh`;
  const notes: Record<string, string> = {
    firstPeriod: formatPeriod(value.firstPeriod ?? 0n, ctx.periodSeconds, ctx),
    lastPeriod: formatPeriod(value.lastPeriod ?? 0n, ctx.periodSeconds, ctx),
    whPerPeriod: `${formatEnergy(value.whPerPeriod ?? 0n, ctx.locale)} per period, ${formatEnergy((value.whPerPeriod ?? 0n) * periods, ctx.locale)} in ${periods.toString()} period${periods === 1n ? "" : "s"}`,
    co2Grams: `${formatGrams(value.co2Grams ?? 0n)}`,
    "faceValuePerMwh.amount": perMwh(value.faceValuePerMwh?.amount),
    "terms.cancellationFee": money(value.terms?.cancellationFee),
    "terms.producerDefaultFee": perMwh(value.terms?.producerDefaultFee),
    "terms.consumerDefaultFee": perMwh(value.terms?.consumerDefaultFee),
    "producerAsk.pricePerMwh": value.producerAsk?.forSale === true ? perMwh(value.producerAsk.pricePerMwh) : "not offered",
    "consumerAsk.pricePerMwh": value.consumerAsk?.forSale === true ? perMwh(value.consumerAsk.pricePerMwh) : "not offered",
  };
  for (const name of ["redispatch", "primary", "secondary", "tertiary"] as const) {
    const c = value.capabilities?.[name];
    if (c?.offered === true) notes[`capabilities.${name}.pricePerMwh`] = perMwh(c.pricePerMwh);
  }
  return `${JSON.stringify({ typeUrl: msg.typeUrl, value: toJson(value) }, null, 2)
    .split("\n")
    .map((line, i, lines) => annotate(line, pathAt(lines, i), notes))
    .join("\n")}`;
}

function formatGrams(grams: bigint): string {
  return grams >= 1_000_000n ? `${formatTonnes(grams)} t CO2` : grams >= 1_000n ? `${(Number(grams) / 1000).toLocaleString("en-GB", { maximumFractionDigits: 3 })} kg CO2` : `${grams.toString()} g CO2`;
}

function formatTonnes(grams: bigint): string {
  return (Number(grams) / 1_000_000).toLocaleString("en-GB", { maximumFractionDigits: 3 });
}

/** pathAt is the dotted path of the key on line i of indented JSON (the message value's keys, no "value."). */
function pathAt(lines: readonly string[], i: number): string {
  const keyOf = (line: string) => /^\s*"([^"]+)":/.exec(line)?.[1];
  const indent = (line: string) => line.length - line.trimStart().length;
  const own = keyOf(lines[i] ?? "");
  if (own === undefined) return "";
  const parts = [own];
  let level = indent(lines[i] ?? "");
  for (let j = i - 1; j >= 0 && level > 2; j--) {
    const line = lines[j] ?? "";
    if (indent(line) < level && /\{\s*$/.test(line)) {
      const k = keyOf(line);
      if (k !== undefined) parts.unshift(k);
      level = indent(line);
    }
  }
  if (parts[0] === "value") parts.shift();
  return parts.join(".");
}

function annotate(line: string, path: string, notes: Readonly<Record<string, string>>): string {
  const note = notes[path];
  return note === undefined ? line : `${line}  // ${note}`;
}
