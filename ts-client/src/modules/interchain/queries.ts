import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { PageRequest } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import {
  QueryClientImpl,
  type QueryBridgeCapacitiesResponse,
  type QueryBridgeUsageResponse,
  type QueryNeighbourhoodResponse,
} from "../../generated/gridledger/interchain/v1/query.js";
import type { LinkFee, PurchaseHop } from "../../generated/gridledger/interchain/v1/purchase.js";
import type { Peer } from "../../generated/gridledger/interchain/v1/types.js";

export interface InterchainExtension {
  readonly interchain: {
    /** neighbourhood is this chain's period length and settlement denoms, its parent link (absent on the root) and child links, with channel states and Hello records. */
    readonly neighbourhood: () => Promise<QueryNeighbourhoodResponse>;
    /** peer is what the Hello exchange on an energy channel taught (an empty record for a channel never heard of). */
    readonly peer: (channelId: string) => Promise<Peer>;
    /** purchase is this chain's record of a cross-grid purchase (interchain error 36 when it has not reached this chain). */
    readonly purchase: (purchaseId: string) => Promise<PurchaseHop>;
    /** linkFees are the grid-fee estimates this chain charges per child link and currency. */
    readonly linkFees: () => Promise<LinkFee[]>;
    /** bridgeCapacities lists the capacities set on this chain's child links, by channel and direction (at most 100 a page); pass `pagination.nextKey` back for the next page. */
    readonly bridgeCapacities: (paginationKey?: Uint8Array) => Promise<QueryBridgeCapacitiesResponse>;
    /**
     * bridgeUsage is a child link's interface account and, for each period from firstPeriod to
     * lastPeriod (at most 96; default firstPeriod), up then down: capacity, reserved and free Wh.
     */
    readonly bridgeUsage: (channelId: string, firstPeriod: bigint | number, lastPeriod?: bigint | number) => Promise<QueryBridgeUsageResponse>;
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
      purchase: async (purchaseId) => {
        const hop = (await queryService.Purchase({ purchaseId })).hop;
        if (hop === undefined) throw new Error("interchain purchase query returned no record");
        return hop;
      },
      linkFees: async () => (await queryService.LinkFees({})).fees,
      bridgeCapacities: async (paginationKey) =>
        queryService.BridgeCapacities({ pagination: paginationKey === undefined ? undefined : PageRequest.fromPartial({ key: paginationKey }) }),
      bridgeUsage: async (channelId, firstPeriod, lastPeriod = 0) =>
        queryService.BridgeUsage({ channelId, firstPeriod: BigInt(firstPeriod), lastPeriod: BigInt(lastPeriod) }),
    },
  };
}
