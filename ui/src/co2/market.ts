/**
 * The CO2 market as people read it: what an offered CO2 token costs (or pays) whole, what became of
 * a CO2 token (held, offered, sold, divided, merged, consumed), the division of one, and the CO2
 * tokens an account held in this browser, so a merged, divided, sold or consumed one is shown as
 * such instead of vanishing from the list (the chain lists only the live CO2 tokens of an owner).
 */
import { type Co2Token, TokenStatus } from "@gridledger/client";

import { loadSetting, saveSetting } from "../storage.js";
import { formatGrams, readGrams } from "./co2.js";

/**
 * co2TokenPrice is what a CO2 token costs whole at pricePerTonne: price × grams / 10^6, rounded
 * toward zero, as the chain pays it (x/energy types.PriceFor). Negative: the seller pays the buyer.
 */
export function co2TokenPrice(pricePerTonne: bigint, grams: bigint): bigint {
  return (pricePerTonne * grams) / 1_000_000n; // BigInt division truncates toward zero
}

/** Co2State is what became of a CO2 token, from its holder's (me) point of view. */
export type Co2State =
  | { readonly kind: "held" }
  | { readonly kind: "offered"; readonly pricePerTonne: bigint; readonly denom: string }
  | { readonly kind: "sold"; readonly holder: string }
  | { readonly kind: "divided"; readonly parts: readonly bigint[] }
  | { readonly kind: "merged"; readonly into: bigint }
  | { readonly kind: "consumed"; readonly period: bigint };

/** co2State says what became of c: consumed, divided and merged before owner and ask are looked at. */
export function co2State(c: Co2Token, me: string): Co2State {
  if (c.consumed) return { kind: "consumed", period: c.consumedPeriod };
  if (c.status !== TokenStatus.TOKEN_STATUS_ACTIVE && c.dividedInto.length > 0) return { kind: "divided", parts: c.dividedInto };
  if (c.status !== TokenStatus.TOKEN_STATUS_ACTIVE) return { kind: "merged", into: c.mergedInto };
  if (c.owner !== me) return { kind: "sold", holder: c.owner };
  if (c.ask?.forSale === true) return { kind: "offered", pricePerTonne: c.ask.pricePerTonne, denom: c.ask.denom };
  return { kind: "held" };
}

/** isLive is true for a CO2 token me still holds (held or offered): the only ones it may offer, divide or merge. */
export function isLive(s: Co2State): boolean {
  return s.kind === "held" || s.kind === "offered";
}

/**
 * readDivision reads the grams of a division's first part of a CO2 token of `grams`; the second part
 * is the rest. The checks are the chain's (MsgDivideCo2Token): two parts of at least 1 g each that
 * add up to the token exactly.
 */
export function readDivision(text: string, grams: bigint): { parts?: readonly [bigint, bigint]; error?: string } {
  const first = readGrams(text);
  if (first.error !== undefined) return { error: first.error };
  if (first.grams === undefined) return {};
  if (first.grams >= grams) return { error: `The CO2 token carries ${formatGrams(grams)}; the first part must be less, so that both parts carry at least 1 g.` };
  return { parts: [first.grams, grams - first.grams] };
}

const seenKey = (chainId: string, owner: string) => `co2.seen.${chainId}.${owner}`;

/** rememberedCo2 lists the CO2 token ids owner was seen holding on chainId in this browser. */
export function rememberedCo2(chainId: string, owner: string): string[] {
  const ids = loadSetting<unknown>(seenKey(chainId, owner), []);
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string" && /^\d+$/.test(id)) : [];
}

/** rememberCo2 adds ids to what owner was seen holding on chainId; returns the whole list, by id. */
export function rememberCo2(chainId: string, owner: string, ids: readonly bigint[]): string[] {
  const before = rememberedCo2(chainId, owner);
  const all = [...new Set([...before, ...ids.map((id) => id.toString())])].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  if (all.length !== before.length) saveSetting(seenKey(chainId, owner), all);
  return all;
}
