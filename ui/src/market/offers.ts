/**
 * The market's offers as the UI lists them. The chain indexes offers by (side, category, denom)
 * and returns each market cheapest first; the UI asks every market the filter covers and merges,
 * filters and sorts the result here.
 */
import type { EnergyCategory, Side, Token } from "@gridledger/client";

import { CATEGORIES, SIDES } from "./categories.js";

/** Offer is one offered side of a token. */
export interface Offer {
  readonly token: Token;
  readonly side: Side;
  readonly seller: string;
  readonly pricePerMwh: bigint;
  readonly denom: string;
  readonly periods: bigint;
  readonly totalWh: bigint;
}

/** OfferFilter is what the market view's filters hold; undefined is "any". */
export interface OfferFilter {
  readonly denom: string | undefined;
  readonly side: Side | undefined;
  readonly category: EnergyCategory | undefined;
  /** minPrice and maxPrice per MWh in base units. */
  readonly minPrice: bigint | undefined;
  readonly maxPrice: bigint | undefined;
  /** fromPeriod and toPeriod bound the delivery window. */
  readonly fromPeriod: bigint | undefined;
  readonly toPeriod: bigint | undefined;
}

export const ANY_FILTER: OfferFilter = {
  denom: undefined,
  side: undefined,
  category: undefined,
  minPrice: undefined,
  maxPrice: undefined,
  fromPeriod: undefined,
  toPeriod: undefined,
};

/** markets lists the (side, category) markets a filter covers. */
export function markets(filter: Pick<OfferFilter, "side" | "category">): Array<{ side: Side; category: EnergyCategory }> {
  const sides = filter.side === undefined ? SIDES : [filter.side];
  const categories = filter.category === undefined ? CATEGORIES : [filter.category];
  return sides.flatMap((side) => categories.map((category) => ({ side, category })));
}

/** offerOf reads the offered side of a token the offers query returned for `side`. */
export function offerOf(token: Token, side: Side): Offer | undefined {
  const s = side === 1 ? token.producer : token.consumer;
  if (s === undefined || !s.ask?.forSale) return undefined;
  const periods = token.lastPeriod - token.firstPeriod + 1n;
  return {
    token,
    side,
    seller: s.owner,
    pricePerMwh: s.ask.pricePerMwh,
    denom: s.ask.denom,
    periods,
    totalWh: token.whPerPeriod * periods,
  };
}

export type SortKey = "price" | "delivery" | "energy" | "token";

export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** sortOffers orders offers by the key, ties by price, then delivery, then token id. */
export function sortOffers(offers: readonly Offer[], sort: Sort): Offer[] {
  const primary = (a: Offer, b: Offer): number => {
    switch (sort.key) {
      case "price":
        return cmp(a.pricePerMwh, b.pricePerMwh);
      case "delivery":
        return cmp(a.token.firstPeriod, b.token.firstPeriod) || cmp(a.token.lastPeriod, b.token.lastPeriod);
      case "energy":
        return cmp(a.totalWh, b.totalWh);
      case "token":
        return cmp(a.token.id, b.token.id);
    }
  };
  return [...offers].sort((a, b) => {
    const p = primary(a, b);
    if (p !== 0) return sort.descending ? -p : p;
    return cmp(a.pricePerMwh, b.pricePerMwh) || cmp(a.token.firstPeriod, b.token.firstPeriod) || cmp(a.token.id, b.token.id) || a.side - b.side;
  });
}

/**
 * mostOffered is the category with the most offers (the price chart's default), the first of the
 * chain's order among equals; undefined without offers.
 */
export function mostOffered(offers: readonly Offer[]): EnergyCategory | undefined {
  const counts = new Map<EnergyCategory, number>();
  for (const o of offers) counts.set(o.token.category, (counts.get(o.token.category) ?? 0) + 1);
  let best: EnergyCategory | undefined;
  for (const c of CATEGORIES) if ((counts.get(c) ?? 0) > (best === undefined ? 0 : (counts.get(best) ?? 0))) best = c;
  return best;
}
