import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { PageRequest } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import type { Params } from "../../generated/gridledger/delivery/v1/params.js";
import { QueryClientImpl, type QueryPeriodReadingsResponse } from "../../generated/gridledger/delivery/v1/query.js";
import type { PeriodTotals, Reading } from "../../generated/gridledger/delivery/v1/types.js";
import type { PageOptions } from "../fiat/queries.js";

export interface DeliveryExtension {
  readonly delivery: {
    /** params returns the reading window, the batch limit and the signature gas. */
    readonly params: () => Promise<Params>;
    /** reading returns a meter's reading for a period; it throws when there is none (delivery 19). */
    readonly reading: (meterId: string, period: bigint | number) => Promise<Reading>;
    /** periodReadings returns one page of a period's readings, by meter id. */
    readonly periodReadings: (period: bigint | number, options?: PageOptions) => Promise<QueryPeriodReadingsResponse>;
    /** periodTotals returns a period's totals, zero when it has no readings. */
    readonly periodTotals: (period: bigint | number) => Promise<PeriodTotals>;
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`delivery query returned no ${what}`);
  return value;
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
        queryService.PeriodReadings({
          period: BigInt(period),
          pagination: options.paginationKey === undefined ? undefined : PageRequest.fromPartial({ key: options.paginationKey }),
        }),
      periodTotals: async (period: bigint | number) =>
        required((await queryService.PeriodTotals({ period: BigInt(period) })).totals, "totals"),
    },
  };
}
