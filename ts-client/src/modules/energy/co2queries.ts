import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { PageRequest } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import type { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import type { Co2Token, StandardCo2Intensity } from "../../generated/gridledger/energy/v1/co2.js";
import {
  QueryClientImpl,
  type QueryCo2OffersResponse,
  type QueryCo2RateResponse,
  type QueryCo2RatesResponse,
  type QueryCo2TokensByOwnerResponse,
} from "../../generated/gridledger/energy/v1/query.js";
import type { PageOptions } from "../fiat/queries.js";

/** Co2Extension reads the CO2 authority's publications and rates and the CO2 tokens (seed §2.4). */
export interface Co2Extension {
  readonly co2: {
    /**
     * standardIntensity is the standard intensity (g/MWh) of a category in a period: the CO2
     * authority's publication in force (basis PUBLISHED), else the average of the latest
     * reconciled period before it (PREVIOUS_AVERAGE), else none (UNSPECIFIED, 0).
     */
    readonly standardIntensity: (category: EnergyCategory, period: bigint | number) => Promise<StandardCo2Intensity>;
    /** standards is standardIntensity for every category in a period, in category order. */
    readonly standards: (period: bigint | number) => Promise<StandardCo2Intensity[]>;
    /** rate is the payment per gram of consumed CO2 in denom; isSet false (and zero) when unset. */
    readonly rate: (denom: string) => Promise<QueryCo2RateResponse>;
    /** rates lists the rates set, by denom; one page per call. */
    readonly rates: (options?: PageOptions) => Promise<QueryCo2RatesResponse>;
    readonly token: (id: bigint | number) => Promise<Co2Token>;
    /** tokensByOwner lists the live CO2 tokens an account holds, by id; one page per call. */
    readonly tokensByOwner: (owner: string, options?: PageOptions) => Promise<QueryCo2TokensByOwnerResponse>;
    /** offers lists the CO2 tokens offered in denom, cheapest per tonne first; one page per call. */
    readonly offers: (denom: string, options?: PageOptions) => Promise<QueryCo2OffersResponse>;
  };
}

function pagination(key: Uint8Array | undefined): PageRequest | undefined {
  return key === undefined ? undefined : PageRequest.fromPartial({ key });
}

/** setupCo2Extension adds `co2` queries to a QueryClient (QueryClient.withExtensions). */
export function setupCo2Extension(base: QueryClient): Co2Extension {
  const queryService = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    co2: {
      standardIntensity: async (category: EnergyCategory, period: bigint | number) => {
        const { standard } = await queryService.StandardCo2Intensity({ category, period: BigInt(period) });
        if (standard === undefined) throw new Error("CO2 query returned no standard");
        return standard;
      },
      standards: async (period: bigint | number) => (await queryService.Co2Standards({ period: BigInt(period) })).standards,
      rate: async (denom: string) => queryService.Co2Rate({ denom }),
      rates: async (options: PageOptions = {}) => queryService.Co2Rates({ pagination: pagination(options.paginationKey) }),
      token: async (id: bigint | number) => {
        const { co2Token } = await queryService.Co2Token({ id: BigInt(id) });
        if (co2Token === undefined) throw new Error("CO2 query returned no token");
        return co2Token;
      },
      tokensByOwner: async (owner: string, options: PageOptions = {}) =>
        queryService.Co2TokensByOwner({ owner, pagination: pagination(options.paginationKey) }),
      offers: async (denom: string, options: PageOptions = {}) =>
        queryService.Co2Offers({ denom, pagination: pagination(options.paginationKey) }),
    },
  };
}
