import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { PageRequest } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import type { Params } from "../../generated/gridledger/balancing/v1/params.js";
import {
  QueryClientImpl,
  type QueryAdmissionResponse,
  type QueryCo2AuthorityResponse,
  type QueryMetersResponse,
  type QueryParticipantsResponse,
  type QueryRelayersResponse,
} from "../../generated/gridledger/balancing/v1/query.js";
import type {
  EnergyCategory,
  Meter,
  Participant,
  ParticipantStatus,
  Role,
} from "../../generated/gridledger/balancing/v1/types.js";

/** ParticipantsFilter narrows a participants listing; unset fields match all. */
export interface ParticipantsFilter {
  readonly role?: Role;
  readonly status?: ParticipantStatus;
  /** paginationKey is the previous page's `pagination.nextKey`. */
  readonly paginationKey?: Uint8Array;
}

/** MetersFilter narrows a meters listing; unset fields match all. */
export interface MetersFilter {
  readonly owner?: string;
  readonly category?: EnergyCategory;
  readonly area?: string;
  readonly paginationKey?: Uint8Array;
}

export interface BalancingExtension {
  readonly balancing: {
    /** params returns the module parameters; `gridOperator` is who may admit participants. */
    readonly params: () => Promise<Params>;
    readonly participant: (address: string) => Promise<Participant>;
    /** participants returns one page; pass `pagination.nextKey` back for the next. */
    readonly participants: (filter?: ParticipantsFilter) => Promise<QueryParticipantsResponse>;
    readonly meter: (id: string) => Promise<Meter>;
    readonly meters: (filter?: MetersFilter) => Promise<QueryMetersResponse>;
    /** relayers lists the accounts registered to relay IBC messages; one page per call. */
    readonly relayers: (paginationKey?: Uint8Array) => Promise<QueryRelayersResponse>;
    /**
     * co2Authority names the CO2 authority governance appointed (seed §2.4) and its participant
     * record; `address` is "" while none is.
     */
    readonly co2Authority: () => Promise<QueryCo2AuthorityResponse>;
    /**
     * admission says how the registry knows an account (grid operator, participant and its status,
     * relayer): whether its transactions get past the chain's door. Banks and validators are let in too.
     */
    readonly admission: (address: string) => Promise<QueryAdmissionResponse>;
  };
}

// Single-record responses are non-nullable on the chain (gogoproto.nullable=false), so a
// missing record means a broken node or a proto mismatch, not "not found": fail loudly.
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`balancing query returned no ${what}`);
  return value;
}

// Like CosmJS's createPagination, but with our generated PageRequest type.
function pagination(key: Uint8Array | undefined): PageRequest | undefined {
  return key === undefined ? undefined : PageRequest.fromPartial({ key });
}

/** setupBalancingExtension adds `balancing` queries; use with QueryClient.withExtensions. */
export function setupBalancingExtension(base: QueryClient): BalancingExtension {
  const queryService = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    balancing: {
      params: async () => required((await queryService.Params({})).params, "params"),
      participant: async (address: string) =>
        required((await queryService.Participant({ address })).participant, "participant"),
      participants: async (filter: ParticipantsFilter = {}) =>
        queryService.Participants({
          role: filter.role ?? 0,
          status: filter.status ?? 0,
          pagination: pagination(filter.paginationKey),
        }),
      meter: async (id: string) => required((await queryService.Meter({ id })).meter, "meter"),
      meters: async (filter: MetersFilter = {}) =>
        queryService.Meters({
          owner: filter.owner ?? "",
          category: filter.category ?? 0,
          area: filter.area ?? "",
          pagination: pagination(filter.paginationKey),
        }),
      relayers: async (paginationKey?: Uint8Array) => queryService.Relayers({ pagination: pagination(paginationKey) }),
      admission: async (address: string) => queryService.Admission({ address }),
      co2Authority: async () => queryService.Co2Authority({}),
    },
  };
}
