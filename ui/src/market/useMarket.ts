/** The market's reads, all through @gridledger/client and the chain's query cache. */
import type { EnergyCategory } from "@gridledger/client";

import { useChainQuery } from "../chain/useChainQuery.js";
import { markets, type Offer, offerOf, type OfferFilter } from "./offers.js";

/** OFFERS_PER_MARKET is the page size asked of every market; more is said to exist. */
export const OFFERS_PER_MARKET = 100;

export interface OffersResult {
  readonly offers: Offer[];
  /** truncated: some market had more offers than one page. */
  readonly truncated: boolean;
}

/** useOffers reads every market the filter covers (one query each, batched into few requests). */
export function useOffers(filter: OfferFilter) {
  return useChainQuery(
    ["energy", "offers", filter],
    async (client): Promise<OffersResult> => {
      if (filter.denom === undefined) return { offers: [], truncated: false };
      const denom = filter.denom;
      const pages = await Promise.all(
        markets(filter).map(async ({ side, category }) => {
          const page = await client.query.energy.offers({
            side,
            category,
            denom,
            limit: OFFERS_PER_MARKET,
            ...(filter.minPrice === undefined ? {} : { minPrice: filter.minPrice }),
            ...(filter.maxPrice === undefined ? {} : { maxPrice: filter.maxPrice }),
            ...(filter.fromPeriod === undefined ? {} : { fromPeriod: filter.fromPeriod }),
            ...(filter.toPeriod === undefined ? {} : { toPeriod: filter.toPeriod }),
          });
          const more = (page.pagination?.nextKey?.length ?? 0) > 0;
          return { offers: page.tokens.flatMap((t) => offerOf(t, side) ?? []), more };
        }),
      );
      return { offers: pages.flatMap((p) => p.offers), truncated: pages.some((p) => p.more) };
    },
    { enabled: filter.denom !== undefined },
  );
}

/** PricePoint is a period's volume-weighted average price, in base units per MWh. */
export interface PricePoint {
  readonly period: bigint;
  readonly pricePerMwh: bigint;
  readonly tradedWh: bigint;
  readonly trades: bigint;
}

/**
 * useAveragePrices reads the average price of every period of [from, to] for one category and
 * denom: one small query per period, sent as JSON-RPC batches, read again every few blocks.
 */
export function useAveragePrices(category: EnergyCategory | undefined, denom: string | undefined, from: bigint, to: bigint) {
  return useChainQuery(
    ["energy", "averagePrice", category, denom, from, to],
    async (client): Promise<PricePoint[]> => {
      if (category === undefined || denom === undefined) return [];
      const periods: bigint[] = [];
      for (let p = from; p <= to; p++) periods.push(p);
      return Promise.all(
        periods.map(async (period) => {
          const r = await client.query.energy.averagePrice(period, category, denom);
          return { period, pricePerMwh: r.pricePerMwh, tradedWh: r.tradedWh, trades: r.trades };
        }),
      );
    },
    { enabled: category !== undefined && denom !== undefined, refresh: "slow" },
  );
}
