import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";
import { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import type { Params, Proposal, ProposalStatus, TallyResult, Vote } from "cosmjs-types/cosmos/gov/v1/gov";
import { QueryClientImpl, type QueryProposalsResponse } from "cosmjs-types/cosmos/gov/v1/query";

/** ProposalsFilter narrows a proposals listing; unset fields match all. */
export interface ProposalsFilter {
  readonly status?: ProposalStatus;
  readonly voter?: string;
  readonly depositor?: string;
  /** paginationKey is the previous page's `pagination.nextKey`. */
  readonly paginationKey?: Uint8Array;
}

/**
 * GovV1Extension is x/gov v1 (CosmJS's setupGovExtension speaks v1beta1, which cannot show
 * proposals made of arbitrary messages faithfully).
 */
export interface GovV1Extension {
  readonly gov: {
    readonly params: () => Promise<Params>;
    readonly proposal: (proposalId: bigint | number) => Promise<Proposal>;
    readonly proposals: (filter?: ProposalsFilter) => Promise<QueryProposalsResponse>;
    readonly vote: (proposalId: bigint | number, voter: string) => Promise<Vote>;
    /** tally is the running tally while voting, the final one after. */
    readonly tally: (proposalId: bigint | number) => Promise<TallyResult>;
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`gov query returned no ${what}`);
  return value;
}

/** setupGovV1Extension adds `gov` (v1) queries; use with QueryClient.withExtensions. */
export function setupGovV1Extension(base: QueryClient): GovV1Extension {
  const queryService = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    gov: {
      // params_type is deprecated since v0.47; the response's `params` holds everything.
      params: async () => required((await queryService.Params({ paramsType: "" })).params, "params"),
      proposal: async (proposalId: bigint | number) =>
        required((await queryService.Proposal({ proposalId: BigInt(proposalId) })).proposal, "proposal"),
      proposals: async (filter: ProposalsFilter = {}) =>
        queryService.Proposals({
          proposalStatus: filter.status ?? 0,
          voter: filter.voter ?? "",
          depositor: filter.depositor ?? "",
          pagination:
            filter.paginationKey === undefined
              ? undefined
              : PageRequest.fromPartial({ key: filter.paginationKey }),
        }),
      vote: async (proposalId: bigint | number, voter: string) =>
        required((await queryService.Vote({ proposalId: BigInt(proposalId), voter })).vote, "vote"),
      tally: async (proposalId: bigint | number) =>
        required((await queryService.TallyResult({ proposalId: BigInt(proposalId) })).tally, "tally"),
    },
  };
}
