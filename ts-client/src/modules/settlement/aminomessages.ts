import type { AminoMsg } from "@cosmjs/amino";
import type { AminoConverters } from "@cosmjs/stargate";

import { compact, omitNumber, omitString, omitUint64, parseUint64 } from "../../aminojson.js";
import { Params } from "../../generated/gridledger/settlement/v1/params.js";
import {
  MsgDeclareTransmissionCost,
  MsgSeizeCollateral,
  MsgSetCollateralRequirement,
  MsgSetSecurityFeeRule,
  MsgUpdateParams,
} from "../../generated/gridledger/settlement/v1/tx.js";
import { CollateralRequirement, SecurityFeeRule, type SecurityFeeMethod } from "../../generated/gridledger/settlement/v1/types.js";
import { intToAmino } from "../fiat/aminomessages.js";
import {
  msgDeclareTransmissionCostTypeUrl,
  msgSeizeCollateralTypeUrl,
  msgSetCollateralRequirementTypeUrl,
  msgSetSecurityFeeRuleTypeUrl,
  msgUpdateSettlementParamsTypeUrl,
} from "./messages.js";

// Field types are optional because the SDK omits default values (see ../../aminojson.ts); every
// cosmos.Int and nested message of x/settlement's Msgs is dont_omitempty, so those are always written.

export interface AminoSettlementParams {
  readonly fee_window_periods?: string;
  readonly max_settle_per_block?: string;
  readonly postponement_periods?: string;
  readonly late_fee_bps?: number;
  readonly max_postponements?: number;
  readonly exclusion_periods?: string;
  readonly keep_periods?: string;
  readonly max_prune_per_block?: number;
}

export interface AminoMsgUpdateSettlementParams extends AminoMsg {
  readonly type: "gridledger/settlement/MsgUpdateParams";
  readonly value: { readonly authority?: string; readonly params: AminoSettlementParams };
}

export interface AminoMsgDeclareTransmissionCost extends AminoMsg {
  readonly type: "gridledger/MsgDeclareTransmissionCost";
  readonly value: {
    readonly operator?: string;
    readonly period?: string;
    /** amount is a cosmos.Int, always present. */
    readonly amount: string;
    readonly denom?: string;
    readonly losses_wh?: string;
    readonly description?: string;
  };
}

export interface AminoSecurityFeeRule {
  readonly method?: SecurityFeeMethod;
  readonly interval_periods?: string;
  readonly amount: string;
  readonly denom?: string;
  readonly from_period?: string;
}

export interface AminoMsgSetSecurityFeeRule extends AminoMsg {
  readonly type: "gridledger/MsgSetSecurityFeeRule";
  readonly value: { readonly operator?: string; readonly rule: AminoSecurityFeeRule };
}

export interface AminoCollateralRequirement {
  readonly owner?: string;
  readonly denom?: string;
  readonly fixed: string;
  readonly open_position_bps?: number;
}

export interface AminoMsgSetCollateralRequirement extends AminoMsg {
  readonly type: "gridledger/MsgSetCollateralRequirement";
  readonly value: { readonly operator?: string; readonly requirement: AminoCollateralRequirement };
}

export interface AminoMsgSeizeCollateral extends AminoMsg {
  readonly type: "gridledger/MsgSeizeCollateral";
  readonly value: { readonly operator?: string; readonly owner?: string; readonly denom?: string };
}

export function isAminoMsgDeclareTransmissionCost(msg: AminoMsg): msg is AminoMsgDeclareTransmissionCost {
  return msg.type === "gridledger/MsgDeclareTransmissionCost";
}

export function isAminoMsgSeizeCollateral(msg: AminoMsg): msg is AminoMsgSeizeCollateral {
  return msg.type === "gridledger/MsgSeizeCollateral";
}

/** createSettlementAminoConverters returns the amino converters of every x/settlement Msg. */
export function createSettlementAminoConverters(): AminoConverters {
  return {
    [msgUpdateSettlementParamsTypeUrl]: {
      aminoType: "gridledger/settlement/MsgUpdateParams",
      toAmino: (value: Partial<MsgUpdateParams>): AminoMsgUpdateSettlementParams["value"] => {
        const m = MsgUpdateParams.fromPartial(value);
        const p = m.params ?? Params.fromPartial({});
        return compact({
          authority: omitString(m.authority),
          params: compact({
            exclusion_periods: omitUint64(p.exclusionPeriods),
            fee_window_periods: omitUint64(p.feeWindowPeriods),
            keep_periods: omitUint64(p.keepPeriods),
            late_fee_bps: omitNumber(p.lateFeeBps),
            max_postponements: omitNumber(p.maxPostponements),
            max_prune_per_block: omitNumber(p.maxPrunePerBlock),
            max_settle_per_block: omitUint64(p.maxSettlePerBlock),
            postponement_periods: omitUint64(p.postponementPeriods),
          }),
        });
      },
      fromAmino: (value: AminoMsgUpdateSettlementParams["value"]): MsgUpdateParams => ({
        authority: value.authority ?? "",
        params: {
          feeWindowPeriods: parseUint64(value.params.fee_window_periods),
          maxSettlePerBlock: parseUint64(value.params.max_settle_per_block),
          postponementPeriods: parseUint64(value.params.postponement_periods),
          lateFeeBps: value.params.late_fee_bps ?? 0,
          maxPostponements: value.params.max_postponements ?? 0,
          exclusionPeriods: parseUint64(value.params.exclusion_periods),
          keepPeriods: parseUint64(value.params.keep_periods),
          maxPrunePerBlock: value.params.max_prune_per_block ?? 0,
        },
      }),
    },
    [msgDeclareTransmissionCostTypeUrl]: {
      aminoType: "gridledger/MsgDeclareTransmissionCost",
      toAmino: (value: Partial<MsgDeclareTransmissionCost>): AminoMsgDeclareTransmissionCost["value"] => {
        const m = MsgDeclareTransmissionCost.fromPartial(value);
        return compact({
          amount: intToAmino(m.amount),
          denom: omitString(m.denom),
          description: omitString(m.description),
          losses_wh: omitUint64(m.lossesWh),
          operator: omitString(m.operator),
          period: omitUint64(m.period),
        });
      },
      fromAmino: (value: AminoMsgDeclareTransmissionCost["value"]): MsgDeclareTransmissionCost => ({
        operator: value.operator ?? "",
        period: parseUint64(value.period),
        amount: value.amount,
        denom: value.denom ?? "",
        lossesWh: parseUint64(value.losses_wh),
        description: value.description ?? "",
      }),
    },
    [msgSetSecurityFeeRuleTypeUrl]: {
      aminoType: "gridledger/MsgSetSecurityFeeRule",
      toAmino: (value: Partial<MsgSetSecurityFeeRule>): AminoMsgSetSecurityFeeRule["value"] => {
        const m = MsgSetSecurityFeeRule.fromPartial(value);
        const r = m.rule ?? SecurityFeeRule.fromPartial({});
        return compact({
          operator: omitString(m.operator),
          rule: compact({
            amount: intToAmino(r.amount),
            denom: omitString(r.denom),
            from_period: omitUint64(r.fromPeriod),
            interval_periods: omitUint64(r.intervalPeriods),
            method: omitNumber(r.method),
          }),
        });
      },
      fromAmino: (value: AminoMsgSetSecurityFeeRule["value"]): MsgSetSecurityFeeRule => ({
        operator: value.operator ?? "",
        rule: {
          method: value.rule.method ?? 0,
          intervalPeriods: parseUint64(value.rule.interval_periods),
          amount: value.rule.amount,
          denom: value.rule.denom ?? "",
          fromPeriod: parseUint64(value.rule.from_period),
        },
      }),
    },
    [msgSetCollateralRequirementTypeUrl]: {
      aminoType: "gridledger/MsgSetCollateralRequirement",
      toAmino: (value: Partial<MsgSetCollateralRequirement>): AminoMsgSetCollateralRequirement["value"] => {
        const m = MsgSetCollateralRequirement.fromPartial(value);
        const r = m.requirement ?? CollateralRequirement.fromPartial({});
        return compact({
          operator: omitString(m.operator),
          requirement: compact({
            denom: omitString(r.denom),
            fixed: intToAmino(r.fixed),
            open_position_bps: omitNumber(r.openPositionBps),
            owner: omitString(r.owner),
          }),
        });
      },
      fromAmino: (value: AminoMsgSetCollateralRequirement["value"]): MsgSetCollateralRequirement => ({
        operator: value.operator ?? "",
        requirement: {
          owner: value.requirement.owner ?? "",
          denom: value.requirement.denom ?? "",
          fixed: value.requirement.fixed,
          openPositionBps: value.requirement.open_position_bps ?? 0,
        },
      }),
    },
    [msgSeizeCollateralTypeUrl]: {
      aminoType: "gridledger/MsgSeizeCollateral",
      toAmino: (value: Partial<MsgSeizeCollateral>): AminoMsgSeizeCollateral["value"] => {
        const m = MsgSeizeCollateral.fromPartial(value);
        return compact({ denom: omitString(m.denom), operator: omitString(m.operator), owner: omitString(m.owner) });
      },
      fromAmino: (value: AminoMsgSeizeCollateral["value"]): MsgSeizeCollateral => ({
        operator: value.operator ?? "",
        owner: value.owner ?? "",
        denom: value.denom ?? "",
      }),
    },
  };
}
