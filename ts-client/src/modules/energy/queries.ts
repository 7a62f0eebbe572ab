import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { PageRequest } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import type { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import type { Params } from "../../generated/gridledger/energy/v1/params.js";
import {
  type PeriodPosition,
  QueryClientImpl,
  type QueryAveragePriceResponse,
  type QueryOffersResponse,
  type QueryOperatorStatementResponse,
  type QueryOpenPositionsResponse,
  type QueryPeriodPhaseResponse,
  type QueryPriceBandResponse,
  type QueryTokensByOwnerResponse,
  type QueryTradesResponse,
} from "../../generated/gridledger/energy/v1/query.js";
import type { QueryTraceabilityResponse } from "../../generated/gridledger/energy/v1/trace.js";
import type { Side, Token, TokenPhase, TradeKind } from "../../generated/gridledger/energy/v1/types.js";
import type { PageOptions } from "../fiat/queries.js";
import { addTracePages, type Traceability } from "./traceability.js";

/** TokensByOwnerOptions narrows an owner's tokens to one side and pages through them. */
export interface TokensByOwnerOptions extends PageOptions {
  /** side keeps the tokens whose `side` the owner holds; default both. */
  readonly side?: Side;
}

/**
 * OffersFilter selects one market (side, denom, category) and narrows it. Offers come cheapest
 * first; bounds are inclusive.
 */
export interface OffersFilter extends PageOptions {
  readonly side: Side;
  readonly denom: string;
  /**
   * category is part of the market: the chain indexes offers by side, category and denom, and
   * every token has a real category (from its producer meter), so there is no "any category".
   */
  readonly category: EnergyCategory;
  /** minPrice keeps asks at or above it, per MWh. */
  readonly minPrice?: bigint | number;
  /** maxPrice keeps asks at or below it, per MWh. */
  readonly maxPrice?: bigint | number;
  /** fromPeriod keeps tokens delivering in or after it. */
  readonly fromPeriod?: bigint | number;
  /** toPeriod keeps tokens delivering in or before it. */
  readonly toPeriod?: bigint | number;
  /** limit is the page size; default the node's (100). */
  readonly limit?: bigint | number;
}

/**
 * TokenAtPhase is a token with the phase the node computed for it at the latest block: open,
 * frozen from the gate closure of its first period on (only the grid operator acts on it then),
 * in delivery or delivered. The phase is not stored on the chain; read it again to follow it.
 */
export type TokenAtPhase = Token & { readonly phase: TokenPhase };

/** OperatorStatementOptions narrows the operator's statement to one purpose and pages its acts. */
export interface OperatorStatementOptions extends PageOptions {
  /** kind keeps one purpose (a reserve, grid losses or redispatch), totals and acts; default all. */
  readonly kind?: TradeKind;
  /** limit is the page size of the acts; default and most 100. */
  readonly limit?: bigint | number;
}

export interface EnergyExtension {
  readonly energy: {
    /** params returns the energy market parameters, e.g. the delivery period length. */
    readonly params: () => Promise<Params>;
    /** token returns a token in any status (active, cancelled, retired), with its phase now. */
    readonly token: (id: bigint | number) => Promise<TokenAtPhase>;
    /** tokensByOwner returns one page of the live tokens of which owner holds a side. */
    readonly tokensByOwner: (owner: string, options?: TokensByOwnerOptions) => Promise<QueryTokensByOwnerResponse>;
    /** offers returns one page of offered sides of a market, cheapest first (negative prices first of all). */
    readonly offers: (filter: OffersFilter) => Promise<QueryOffersResponse>;
    /** position returns owner's energy per period over [fromPeriod, toPeriod], at most 672 periods. */
    readonly position: (
      owner: string,
      fromPeriod: bigint | number,
      toPeriod: bigint | number,
    ) => Promise<PeriodPosition[]>;
    /** averagePrice is the volume-weighted average market price of a period, category and denom. */
    readonly averagePrice: (
      period: bigint | number,
      category: EnergyCategory,
      denom: string,
    ) => Promise<QueryAveragePriceResponse>;
    /**
     * trades returns one page of a token's trade history, oldest first: purchases and hand-overs
     * (kind TRADE_KIND_UNSPECIFIED) and the grid operator's procurements and redispatches.
     */
    readonly trades: (tokenId: bigint | number, options?: PageOptions) => Promise<QueryTradesResponse>;
    /**
     * priceBand returns the band every price per MWh in denom must lie in (base units), and
     * isDefault when the grid operator set none (±9,999 per MWh in the display unit).
     */
    readonly priceBand: (denom: string) => Promise<QueryPriceBandResponse>;
    /**
     * periodPhase tells where a delivery period stands at the latest block (default 0: the
     * current period): its phase, when its gate closes and it starts (Unix seconds), and how many
     * offers of frozen tokens the end of block has still to close.
     */
    readonly periodPhase: (period?: bigint | number) => Promise<QueryPeriodPhaseResponse>;
    /**
     * operatorStatement is the balancing authority's statement: procurement totals per purpose
     * and denom over all time, and one page of its procurements and redispatches, newest first.
     */
    readonly operatorStatement: (options?: OperatorStatementOptions) => Promise<QueryOperatorStatementResponse>;
    /**
     * openPositions lists the participants whose net position in a period is not zero (default
     * 0: the current period), with the period's phase and the seconds to its gate closure: the
     * positions the balancing authority watches as the gate nears (seed §3.3.1). Paged by participant.
     */
    readonly openPositions: (period?: bigint | number, options?: PageOptions & { readonly limit?: bigint | number }) => Promise<QueryOpenPositionsResponse>;
    /**
     * traceabilityPage is one page of the origin of consumer's energy over [fromPeriod, toPeriod]
     * (at most 2,976 periods): Wh and CO2 by category, origin shard and area, and the
     * intermediaries passed. Pages end at consumed tokens; `traceability` adds them up.
     */
    readonly traceabilityPage: (
      consumer: string,
      fromPeriod: bigint | number,
      toPeriod: bigint | number,
      startTokenId?: bigint | number,
    ) => Promise<QueryTraceabilityResponse>;
    /**
     * traceability is the whole origin of consumer's energy over [fromPeriod, toPeriod] (seed
     * §3.5.3): every page read and added up (see traceability.ts).
     */
    readonly traceability: (consumer: string, fromPeriod: bigint | number, toPeriod: bigint | number) => Promise<Traceability>;
  };
}

// Single-record responses are non-nullable on the chain (gogoproto.nullable=false), so a missing
// record means a broken node or a proto mismatch: fail loudly.
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`energy query returned no ${what}`);
  return value;
}

function pagination(key: Uint8Array | undefined, limit?: bigint | number): PageRequest | undefined {
  if (key === undefined && limit === undefined) return undefined;
  return PageRequest.fromPartial({ key, limit: limit === undefined ? undefined : BigInt(limit) });
}

/** setupEnergyExtension adds `energy` queries to a QueryClient (QueryClient.withExtensions). */
export function setupEnergyExtension(base: QueryClient): EnergyExtension {
  const queryService = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    energy: {
      params: async () => required((await queryService.Params({})).params, "params"),
      token: async (id: bigint | number) => {
        const { token, phase } = await queryService.Token({ id: BigInt(id) });
        return { ...required(token, "token"), phase };
      },
      tokensByOwner: async (owner: string, options: TokensByOwnerOptions = {}) =>
        queryService.TokensByOwner({
          owner,
          side: options.side ?? 0,
          pagination: pagination(options.paginationKey),
        }),
      offers: async (filter: OffersFilter) =>
        queryService.Offers({
          side: filter.side,
          denom: filter.denom,
          category: filter.category,
          minPricePerMwh: BigInt(filter.minPrice ?? 0),
          hasMinPrice: filter.minPrice !== undefined,
          maxPricePerMwh: BigInt(filter.maxPrice ?? 0),
          hasMaxPrice: filter.maxPrice !== undefined,
          fromPeriod: BigInt(filter.fromPeriod ?? 0),
          toPeriod: BigInt(filter.toPeriod ?? 0),
          pagination: pagination(filter.paginationKey, filter.limit),
        }),
      position: async (owner: string, fromPeriod: bigint | number, toPeriod: bigint | number) =>
        (await queryService.Position({ owner, fromPeriod: BigInt(fromPeriod), toPeriod: BigInt(toPeriod) })).periods,
      averagePrice: async (period: bigint | number, category: EnergyCategory, denom: string) =>
        queryService.AveragePrice({ period: BigInt(period), category, denom }),
      trades: async (tokenId: bigint | number, options: PageOptions = {}) =>
        queryService.Trades({ tokenId: BigInt(tokenId), pagination: pagination(options.paginationKey) }),
      priceBand: async (denom: string) => queryService.PriceBand({ denom }),
      periodPhase: async (period: bigint | number = 0) => queryService.PeriodPhase({ period: BigInt(period) }),
      operatorStatement: async (options: OperatorStatementOptions = {}) =>
        queryService.OperatorStatement({
          kind: options.kind ?? 0,
          pagination: pagination(options.paginationKey, options.limit),
        }),
      openPositions: async (period: bigint | number = 0, options: PageOptions & { readonly limit?: bigint | number } = {}) =>
        queryService.OpenPositions({ period: BigInt(period), pagination: pagination(options.paginationKey, options.limit) }),
      traceabilityPage: async (consumer, fromPeriod, toPeriod, startTokenId = 0) =>
        queryService.Traceability({
          consumer,
          fromPeriod: BigInt(fromPeriod),
          toPeriod: BigInt(toPeriod),
          startTokenId: BigInt(startTokenId),
        }),
      traceability: async (consumer, fromPeriod, toPeriod) => {
        const pages: QueryTraceabilityResponse[] = [];
        let start = 0n;
        for (;;) {
          const page = await queryService.Traceability({
            consumer,
            fromPeriod: BigInt(fromPeriod),
            toPeriod: BigInt(toPeriod),
            startTokenId: start,
          });
          pages.push(page);
          if (!page.more) break;
          if (page.nextTokenId <= start) throw new Error(`traceability page did not advance past token ${start}`);
          start = page.nextTokenId;
        }
        return addTracePages(pages);
      },
    },
  };
}
