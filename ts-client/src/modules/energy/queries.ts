import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import type { Params } from "../../generated/gridledger/energy/v1/params.js";
import { QueryClientImpl } from "../../generated/gridledger/energy/v1/query.js";

export interface EnergyExtension {
  readonly energy: {
    /** params returns the energy market parameters, e.g. the delivery period length. */
    readonly params: () => Promise<Params>;
  };
}

/** setupEnergyExtension adds `energy` queries to a QueryClient (QueryClient.withExtensions). */
export function setupEnergyExtension(base: QueryClient): EnergyExtension {
  const queryService = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    energy: {
      params: async () => {
        const { params } = await queryService.Params({});
        // Non-nullable on the chain; absence means a proto mismatch.
        if (params === undefined) throw new Error("energy query returned no params");
        return params;
      },
    },
  };
}
