import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { QueryClientImpl, type QueryNeighbourhoodResponse } from "../../generated/gridledger/interchain/v1/query.js";
import type { Peer } from "../../generated/gridledger/interchain/v1/types.js";

export interface InterchainExtension {
  readonly interchain: {
    /** neighbourhood is this chain's period length and settlement denoms, its parent link (absent on the root) and child links, with channel states and Hello records. */
    readonly neighbourhood: () => Promise<QueryNeighbourhoodResponse>;
    /** peer is what the Hello exchange on an energy channel taught (an empty record for a channel never heard of). */
    readonly peer: (channelId: string) => Promise<Peer>;
  };
}

/** setupInterchainExtension adds `interchain` queries; use with QueryClient.withExtensions. */
export function setupInterchainExtension(base: QueryClient): InterchainExtension {
  const queryService = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    interchain: {
      neighbourhood: async () => queryService.Neighbourhood({}),
      peer: async (channelId) => {
        const peer = (await queryService.Peer({ channelId })).peer;
        if (peer === undefined) throw new Error("interchain peer query returned no peer");
        return peer;
      },
    },
  };
}
