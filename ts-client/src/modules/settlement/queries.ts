import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { PageRequest } from "../../generated/cosmos/base/query/v1beta1/pagination.js";
import type { Params } from "../../generated/gridledger/settlement/v1/params.js";
import {
  QueryClientImpl,
  type QueryClaimsResponse,
  type QueryCollateralRequirementResponse,
  type QueryDebtsResponse,
  type QueryDefaultsResponse,
  type QueryParticipantStatementResponse,
  type QueryProgressResponse,
  type QueryRunsResponse,
  type QuerySecurityIntervalResponse,
  type QueryStatementResponse,
} from "../../generated/gridledger/settlement/v1/query.js";
import type { CollateralRequirement, Handover, SecurityFeeRule, SettlementRun, TransmissionCost } from "../../generated/gridledger/settlement/v1/types.js";
import type { PageOptions } from "../fiat/queries.js";

/** SettlementPageOptions page through runs, debts or claims. */
export interface SettlementPageOptions extends PageOptions {
  /** limit is the page size; the chain's default is 100. */
  readonly limit?: bigint | number;
  /** reverse lists the most recent runs (or the last keys) first. */
  readonly reverse?: boolean;
}

/** CollateralStatus is a participant's collateral requirement, what it comes to now and what is locked. */
export type CollateralStatus = Omit<QueryCollateralRequirementResponse, "requirement"> & {
  readonly requirement: CollateralRequirement;
};

/** SettlementStatementRange is a range of settlement periods, both inclusive, at most 2,976 periods (settlement error 13 otherwise). */
export interface SettlementStatementRange {
  readonly fromPeriod: bigint | number;
  readonly toPeriod: bigint | number;
}

export interface SettlementExtension {
  readonly settlement: {
    readonly params: () => Promise<Params>;
    /** progress is the next period to settle, the run in progress, the periods waiting and the first period not reconciled. */
    readonly progress: () => Promise<QueryProgressResponse>;
    /** run is a period's run; it fails (settlement error 12) when the period had nothing to settle or is not settled yet. */
    readonly run: (period: bigint | number) => Promise<SettlementRun>;
    readonly runs: (options?: SettlementPageOptions) => Promise<QueryRunsResponse>;
    /** statement is owner's lines, net positions, debts and claims over a range of settlement periods. */
    readonly statement: (owner: string, range: SettlementStatementRange) => Promise<QueryStatementResponse>;
    /**
     * participantStatement is participant's combined statement over a range of periods (at most 2,976):
     * per period its scheduled, measured and reconciled energy, CO2, charges by kind, gross, net, paid and
     * received; totals per denom; its debts and claims now. Write it as CSV with participantStatementToCsv.
     */
    readonly participantStatement: (participant: string, range: SettlementStatementRange) => Promise<QueryParticipantStatementResponse>;
    /** debts lists the postponed and defaulted debts, with their totals per denom (payable = owed). */
    readonly debts: (options?: SettlementPageOptions) => Promise<QueryDebtsResponse>;
    /** claims lists the unpaid claims, with their totals per denom (receivable = owed to creditors). */
    readonly claims: (options?: SettlementPageOptions) => Promise<QueryClaimsResponse>;
    /** transmissionCost is a period's declared cost, undefined when none was declared. */
    readonly transmissionCost: (period: bigint | number) => Promise<TransmissionCost | undefined>;
    /** securityFeeRule is the rule in force, undefined when none is set. */
    readonly securityFeeRule: () => Promise<SecurityFeeRule | undefined>;
    readonly collateralRequirement: (owner: string) => Promise<CollateralStatus>;
    /** securityInterval is a security-of-supply interval (by its first period): totals, charging record, a page of usages. */
    readonly securityInterval: (interval: bigint | number, options?: SettlementPageOptions) => Promise<QuerySecurityIntervalResponse>;
    /** defaults lists defaults: debt at default, collateral seized, shortfall, default fees, what is still owed. */
    readonly defaults: (options?: SettlementPageOptions) => Promise<QueryDefaultsResponse>;
    /** handover is the progress of handing a defaulter's open sides to the balancing authority. */
    readonly handover: (owner: string) => Promise<Handover>;
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`settlement query returned no ${what}`);
  return value;
}

function pagination(options: SettlementPageOptions): PageRequest | undefined {
  if (options.paginationKey === undefined && options.limit === undefined && options.reverse !== true) return undefined;
  return PageRequest.fromPartial({ key: options.paginationKey, limit: BigInt(options.limit ?? 0), reverse: options.reverse ?? false });
}

/** setupSettlementExtension adds `settlement` queries; use with QueryClient.withExtensions. */
export function setupSettlementExtension(base: QueryClient): SettlementExtension {
  const queryService = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    settlement: {
      params: async () => required((await queryService.Params({})).params, "params"),
      progress: async () => queryService.Progress({}),
      run: async (period) => required((await queryService.Run({ period: BigInt(period) })).run, "run"),
      runs: async (options = {}) => queryService.Runs({ pagination: pagination(options) }),
      statement: async (owner, range) =>
        queryService.Statement({ owner, fromPeriod: BigInt(range.fromPeriod), toPeriod: BigInt(range.toPeriod) }),
      participantStatement: async (participant, range) =>
        queryService.ParticipantStatement({ participant, fromPeriod: BigInt(range.fromPeriod), toPeriod: BigInt(range.toPeriod) }),
      debts: async (options = {}) => queryService.Debts({ pagination: pagination(options) }),
      claims: async (options = {}) => queryService.Claims({ pagination: pagination(options) }),
      transmissionCost: async (period) => {
        try {
          return (await queryService.TransmissionCost({ period: BigInt(period) })).cost;
        } catch (error) {
          if (error instanceof Error && /no transmission cost declared/.test(error.message)) return undefined;
          throw error;
        }
      },
      securityFeeRule: async () => (await queryService.SecurityFeeRule({})).rule,
      collateralRequirement: async (owner) => {
        const r = await queryService.CollateralRequirement({ owner });
        return { ...r, requirement: required(r.requirement, "requirement") };
      },
      securityInterval: async (interval, options = {}) =>
        queryService.SecurityInterval({ interval: BigInt(interval), pagination: pagination(options) }),
      defaults: async (options = {}) => queryService.Defaults({ pagination: pagination(options) }),
      handover: async (owner) => required((await queryService.Handover({ owner })).handover, "handover"),
    },
  };
}
