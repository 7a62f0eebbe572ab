import type { SecurityFeeMethod } from "../../generated/gridledger/settlement/v1/types.js";
import { type Integer, toUint64 } from "../energy/compose.js";
import { type Amount, toIntString } from "../fiat/compose.js";
import {
  msgDeclareTransmissionCostTypeUrl,
  type MsgDeclareTransmissionCostEncodeObject,
  msgSeizeCollateralTypeUrl,
  type MsgSeizeCollateralEncodeObject,
  msgSetCollateralRequirementTypeUrl,
  type MsgSetCollateralRequirementEncodeObject,
  msgSetSecurityFeeRuleTypeUrl,
  type MsgSetSecurityFeeRuleEncodeObject,
} from "./messages.js";

/** TransmissionCostInput is a delivered period's transmission cost (seed §3.5.2). */
export interface TransmissionCostInput {
  /** period is a delivered period whose settlement run has not started (settlement errors 9, 10). */
  readonly period: Integer;
  /** amount is the cost in base units of an approved bank's denom. */
  readonly amount: Amount;
  readonly denom: string;
  /** lossesWh is the energy lost to the Joule effect (informative). */
  readonly lossesWh?: Integer;
  /** description says what the cost is for: at most 140 characters, no personal data. */
  readonly description?: string;
}

/** declareTransmissionCostMsg declares (or corrects, until its run starts) a period's cost; grid operator only. */
export function declareTransmissionCostMsg(operator: string, input: TransmissionCostInput): MsgDeclareTransmissionCostEncodeObject {
  return {
    typeUrl: msgDeclareTransmissionCostTypeUrl,
    value: {
      operator,
      period: toUint64(input.period, "period"),
      amount: toIntString(input.amount),
      denom: input.denom,
      lossesWh: toUint64(input.lossesWh ?? 0, "lossesWh"),
      description: input.description ?? "",
    },
  };
}

/** SecurityFeeRuleInput is how the security-of-supply fee is charged, once per interval. */
export interface SecurityFeeRuleInput {
  readonly method: SecurityFeeMethod;
  /** intervalPeriods is a charging interval's length, 1 to 35,136 periods (a year). */
  readonly intervalPeriods: Integer;
  /** amount is the fee per participant (fixed) or the interval's total to share. */
  readonly amount: Amount;
  readonly denom: string;
  /** fromPeriod is the first period of the first interval. */
  readonly fromPeriod: Integer;
}

/** setSecurityFeeRuleMsg replaces the security-of-supply fee rule; grid operator only. */
export function setSecurityFeeRuleMsg(operator: string, rule: SecurityFeeRuleInput): MsgSetSecurityFeeRuleEncodeObject {
  return {
    typeUrl: msgSetSecurityFeeRuleTypeUrl,
    value: {
      operator,
      rule: {
        method: rule.method,
        intervalPeriods: toUint64(rule.intervalPeriods, "intervalPeriods"),
        amount: toIntString(rule.amount),
        denom: rule.denom,
        fromPeriod: toUint64(rule.fromPeriod, "fromPeriod"),
      },
    },
  };
}

/** CollateralRequirementInput is what a participant must hold locked before it trades (seed §3.6.2). */
export interface CollateralRequirementInput {
  readonly owner: string;
  readonly denom: string;
  /** fixed is always required; zero with openPositionBps zero removes the requirement. */
  readonly fixed: Amount;
  /** openPositionBps is required on top, in basis points of its open consumer sides' face value (at most 100,000). */
  readonly openPositionBps?: number;
}

/** setCollateralRequirementMsg sets (or, all zero, removes) a participant's requirement; grid operator only. */
export function setCollateralRequirementMsg(operator: string, input: CollateralRequirementInput): MsgSetCollateralRequirementEncodeObject {
  const bps = input.openPositionBps ?? 0;
  if (!Number.isInteger(bps) || bps < 0 || bps > 0xffff_ffff) throw new RangeError(`openPositionBps ${String(bps)} is outside 0..2^32-1`);
  return {
    typeUrl: msgSetCollateralRequirementTypeUrl,
    value: { operator, requirement: { owner: input.owner, denom: input.denom, fixed: toIntString(input.fixed), openPositionBps: bps } },
  };
}

/** seizeCollateralMsg applies a postponed debtor's locked collateral to its debt in denom; grid operator only. */
export function seizeCollateralMsg(operator: string, owner: string, denom: string): MsgSeizeCollateralEncodeObject {
  return { typeUrl: msgSeizeCollateralTypeUrl, value: { operator, owner, denom } };
}
