import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { PageRequest } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import type { Params } from "../../generated/gridledger/interchain/v1/params.js";
import {
  QueryClientImpl,
  type QueryBridgeCapacitiesResponse,
  type QueryBridgeUsageResponse,
  type QueryNeighbourhoodResponse,
  type QueryPurchasesByBuyerResponse,
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
    /**
     * purchasesByBuyer is one page of the cross-grid purchases a buyer started on this chain
     * (its origin), oldest first, or newest first with `reverse`; at most
     * MAX_PURCHASES_PAGE a page (the chain caps `limit`). Pass `pagination.nextKey` back as
     * `paginationKey` for the next page. Purchases pruned after their retention (docs/adr/029)
     * are no longer listed.
     */
    readonly purchasesByBuyer: (buyer: string, options?: PurchasesPageOptions) => Promise<QueryPurchasesByBuyerResponse>;
    /** params are the interchain parameters as set (a zero field means its default). */
    readonly params: () => Promise<Params>;
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

/** MAX_PURCHASES_PAGE is the most purchases one PurchasesByBuyer page holds. */
export const MAX_PURCHASES_PAGE = 100;

/** PurchasesPageOptions choose a page of a buyer's purchases. */
export interface PurchasesPageOptions {
  /** paginationKey is the previous page's `pagination.nextKey`. */
  readonly paginationKey?: Uint8Array;
  /** limit is the page size, at most MAX_PURCHASES_PAGE (the default). */
  readonly limit?: number;
  /** reverse lists newest first. */
  readonly reverse?: boolean;
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
      purchasesByBuyer: async (buyer, options = {}) =>
        queryService.PurchasesByBuyer({
          buyer,
          pagination: PageRequest.fromPartial({
            key: options.paginationKey,
            limit: BigInt(Math.min(options.limit ?? MAX_PURCHASES_PAGE, MAX_PURCHASES_PAGE)),
            reverse: options.reverse ?? false,
          }),
        }),
      params: async () => {
        const params = (await queryService.Params({})).params;
        if (params === undefined) throw new Error("interchain params query returned no params");
        return params;
      },
      linkFees: async () => (await queryService.LinkFees({})).fees,
      bridgeCapacities: async (paginationKey) =>
        queryService.BridgeCapacities({ pagination: paginationKey === undefined ? undefined : PageRequest.fromPartial({ key: paginationKey }) }),
      bridgeUsage: async (channelId, firstPeriod, lastPeriod = 0) =>
        queryService.BridgeUsage({ channelId, firstPeriod: BigInt(firstPeriod), lastPeriod: BigInt(lastPeriod) }),
    },
  };
}
