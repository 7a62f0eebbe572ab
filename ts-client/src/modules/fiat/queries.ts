import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { PageRequest } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import {
  QueryClientImpl,
  type QueryAuditTrailResponse,
  type QueryBanksResponse,
  type QueryRedemptionsResponse,
  type QuerySettlementAccountsResponse,
} from "../../generated/gridledger/fiat/v1/query.js";
import type {
  BankEntity,
  Redemption,
  RedemptionStatus,
  SettlementAccount,
} from "../../generated/gridledger/fiat/v1/types.js";

/** PageOptions pages through a listing. */
export interface PageOptions {
  /** paginationKey is the previous page's `pagination.nextKey`. */
  readonly paginationKey?: Uint8Array;
}

/** RedemptionsFilter narrows a bank's redemptions; unset fields match all. */
export interface RedemptionsFilter extends PageOptions {
  readonly status?: RedemptionStatus;
}

export interface FiatExtension {
  readonly fiat: {
    /** bank returns the bank entity issuing denom: reserve, minted, burned, fees received. */
    readonly bank: (denom: string) => Promise<BankEntity>;
    /** banks returns one page of bank entities; pass `pagination.nextKey` back for the next. */
    readonly banks: (options?: PageOptions) => Promise<QueryBanksResponse>;
    /** auditTrail returns one page of a bank's attestations, mints, redemptions and payouts, oldest first. */
    readonly auditTrail: (denom: string, options?: PageOptions) => Promise<QueryAuditTrailResponse>;
    readonly redemption: (id: bigint | number) => Promise<Redemption>;
    readonly redemptions: (denom: string, filter?: RedemptionsFilter) => Promise<QueryRedemptionsResponse>;
    /** settlementAccount returns owner's account in denom; a never-used account is all zero. */
    readonly settlementAccount: (owner: string, denom: string) => Promise<SettlementAccount>;
    readonly settlementAccounts: (
      owner: string,
      options?: PageOptions,
    ) => Promise<QuerySettlementAccountsResponse>;
  };
}

// Single-record responses are non-nullable on the chain (gogoproto.nullable=false), so a
// missing record means a broken node or a proto mismatch, not "not found": fail loudly.
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`fiat query returned no ${what}`);
  return value;
}

function pagination(key: Uint8Array | undefined): PageRequest | undefined {
  return key === undefined ? undefined : PageRequest.fromPartial({ key });
}

/** setupFiatExtension adds `fiat` queries; use with QueryClient.withExtensions. */
export function setupFiatExtension(base: QueryClient): FiatExtension {
  const queryService = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    fiat: {
      bank: async (denom: string) => required((await queryService.Bank({ denom })).bank, "bank"),
      banks: async (options: PageOptions = {}) =>
        queryService.Banks({ pagination: pagination(options.paginationKey) }),
      auditTrail: async (denom: string, options: PageOptions = {}) =>
        queryService.AuditTrail({ denom, pagination: pagination(options.paginationKey) }),
      redemption: async (id: bigint | number) =>
        required((await queryService.Redemption({ id: BigInt(id) })).redemption, "redemption"),
      redemptions: async (denom: string, filter: RedemptionsFilter = {}) =>
        queryService.Redemptions({
          denom,
          status: filter.status ?? 0,
          pagination: pagination(filter.paginationKey),
        }),
      settlementAccount: async (owner: string, denom: string) =>
        required((await queryService.SettlementAccount({ owner, denom })).account, "settlement account"),
      settlementAccounts: async (owner: string, options: PageOptions = {}) =>
        queryService.SettlementAccounts({ owner, pagination: pagination(options.paginationKey) }),
    },
  };
}
