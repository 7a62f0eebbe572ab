import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { PageRequest } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import type { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import type { Params } from "../../generated/gridledger/delivery/v1/params.js";
import {
  QueryClientImpl,
  type QueryPeriodReadingsResponse,
  type QueryPruningResponse,
  type QueryReconciliationProgressResponse,
  type QueryReconciliationResponse,
  type QueryReferencePricesResponse,
  type QueryStatementResponse,
} from "../../generated/gridledger/delivery/v1/query.js";
import type {
  PeriodReconciliation,
  PeriodTotals,
  PruneProgress,
  Reading,
  ReconciliationProgress,
} from "../../generated/gridledger/delivery/v1/types.js";
import type { PageOptions } from "../fiat/queries.js";

/**
 * PeriodReconciliationStatus is where a period stands in reconciliation: its phase (pending until
 * the period ends, reading window while its readings are still accepted, due, reconciling,
 * reconciled, or before start when the chain began reconciling after it), the Unix second its
 * reading window closes, and once reconciled its record (all zero before).
 */
export type PeriodReconciliationStatus = Omit<QueryReconciliationResponse, "record"> & {
  readonly record: PeriodReconciliation;
};

/** ReconciliationBacklog is the period being (or next to be) reconciled, its stage, and the periods due. */
export type ReconciliationBacklog = Omit<QueryReconciliationProgressResponse, "progress"> & {
  readonly progress: ReconciliationProgress;
};

/**
 * PruningStatus is how far readings are pruned to their totals (every period before
 * progress.nextPeriod), the first period not yet prunable, the periods due and the dispute window.
 */
export type PruningStatus = Omit<QueryPruningResponse, "progress"> & { readonly progress: PruneProgress };

/**
 * StatementOptions narrow a participant's statement to a range of periods (both inclusive) and page
 * through it, oldest first. The chain pages statements by key only: pass the previous page's
 * `pagination.nextKey` as paginationKey.
 */
export interface StatementOptions extends PageOptions {
  /** fromPeriod is the first period; default 0. */
  readonly fromPeriod?: bigint | number;
  /** toPeriod is the last period; default 0, no bound. */
  readonly toPeriod?: bigint | number;
  /** limit is the page size; default 100, at most 1,000. */
  readonly limit?: bigint | number;
}

/** ReferencePricesOptions narrow the reference prices to one category and page through them. */
export interface ReferencePricesOptions extends PageOptions {
  /**
   * category keeps that category's own prices; default every price, the all-categories ones
   * (category unspecified) included.
   */
  readonly category?: EnergyCategory;
  /** limit is the page size; default the node's (100). */
  readonly limit?: bigint | number;
}

export interface DeliveryExtension {
  readonly delivery: {
    /** params returns the reading window, the batch limit, the signature gas and the reconciliation parameters. */
    readonly params: () => Promise<Params>;
    /** reading returns a meter's reading for a period; it throws when there is none (delivery 19). */
    readonly reading: (meterId: string, period: bigint | number) => Promise<Reading>;
    /** periodReadings returns one page of a period's readings, by meter id. */
    readonly periodReadings: (period: bigint | number, options?: PageOptions) => Promise<QueryPeriodReadingsResponse>;
    /** periodTotals returns a period's totals, zero when it has no readings. */
    readonly periodTotals: (period: bigint | number) => Promise<PeriodTotals>;
    /**
     * reconciliation says where a period stands in reconciliation (seed §3.5.1) and, once
     * RECONCILIATION_PHASE_RECONCILED, what its imbalances came to per category: energy, prices
     * and their source, the meters, missing readings and imbalance tokens.
     */
    readonly reconciliation: (period: bigint | number) => Promise<PeriodReconciliationStatus>;
    /** reconciliationProgress returns the period the end of block reconciles, its stage and the backlog. */
    readonly reconciliationProgress: () => Promise<ReconciliationBacklog>;
    /**
     * statement returns one page of a participant's reconciliation statement, by period then token:
     * one entry per imbalance token, with its case, energy, price and what the participant receives
     * (positive) or pays (negative).
     */
    readonly statement: (owner: string, options?: StatementOptions) => Promise<QueryStatementResponse>;
    /** referencePrices returns one page of the grid operator's reference prices, by category then first period. */
    readonly referencePrices: (options?: ReferencePricesOptions) => Promise<QueryReferencePricesResponse>;
    /** pruning says how far readings past their dispute window are pruned to their totals. */
    readonly pruning: () => Promise<PruningStatus>;
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`delivery query returned no ${what}`);
  return value;
}

function pagination(key: Uint8Array | undefined, limit?: bigint | number): PageRequest | undefined {
  if (key === undefined && limit === undefined) return undefined;
  return PageRequest.fromPartial({ key, limit: limit === undefined ? undefined : BigInt(limit) });
}

/** setupDeliveryExtension adds `delivery` queries; use with QueryClient.withExtensions. */
export function setupDeliveryExtension(base: QueryClient): DeliveryExtension {
  const queryService = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    delivery: {
      params: async () => required((await queryService.Params({})).params, "params"),
      reading: async (meterId: string, period: bigint | number) =>
        required((await queryService.Reading({ meterId, period: BigInt(period) })).reading, "reading"),
      periodReadings: async (period: bigint | number, options: PageOptions = {}) =>
        queryService.PeriodReadings({ period: BigInt(period), pagination: pagination(options.paginationKey) }),
      periodTotals: async (period: bigint | number) =>
        required((await queryService.PeriodTotals({ period: BigInt(period) })).totals, "totals"),
      reconciliation: async (period: bigint | number) => {
        const { record, ...status } = await queryService.Reconciliation({ period: BigInt(period) });
        return { ...status, record: required(record, "reconciliation record") };
      },
      reconciliationProgress: async () => {
        const { progress, ...backlog } = await queryService.ReconciliationProgress({});
        return { ...backlog, progress: required(progress, "reconciliation progress") };
      },
      statement: async (owner: string, options: StatementOptions = {}) =>
        queryService.Statement({
          owner,
          fromPeriod: BigInt(options.fromPeriod ?? 0),
          toPeriod: BigInt(options.toPeriod ?? 0),
          pagination: pagination(options.paginationKey, options.limit),
        }),
      referencePrices: async (options: ReferencePricesOptions = {}) =>
        queryService.ReferencePrices({
          category: options.category ?? 0,
          pagination: pagination(options.paginationKey, options.limit),
        }),
      pruning: async () => {
        const { progress, ...status } = await queryService.Pruning({});
        return { ...status, progress: required(progress, "prune progress") };
      },
    },
  };
}
