import type { EncodeObject, GeneratedType } from "@cosmjs/proto-signing";

import {
  MsgDeclareTransmissionCost,
  MsgSeizeCollateral,
  MsgSetCollateralRequirement,
  MsgSetSecurityFeeRule,
  MsgUpdateParams,
} from "../../generated/gridledger/settlement/v1/tx.js";

// Type URLs are "/" + the proto full name; the chain's interface registry resolves Anys by them.
export const msgUpdateSettlementParamsTypeUrl = "/gridledger.settlement.v1.MsgUpdateParams";
export const msgDeclareTransmissionCostTypeUrl = "/gridledger.settlement.v1.MsgDeclareTransmissionCost";
export const msgSetSecurityFeeRuleTypeUrl = "/gridledger.settlement.v1.MsgSetSecurityFeeRule";
export const msgSetCollateralRequirementTypeUrl = "/gridledger.settlement.v1.MsgSetCollateralRequirement";
export const msgSeizeCollateralTypeUrl = "/gridledger.settlement.v1.MsgSeizeCollateral";
export const msgSeizeCollateralResponseTypeUrl = "/gridledger.settlement.v1.MsgSeizeCollateralResponse";

/** settlementTypes are the registry entries of x/settlement's messages. */
export const settlementTypes: ReadonlyArray<[string, GeneratedType]> = [
  [msgUpdateSettlementParamsTypeUrl, MsgUpdateParams],
  [msgDeclareTransmissionCostTypeUrl, MsgDeclareTransmissionCost],
  [msgSetSecurityFeeRuleTypeUrl, MsgSetSecurityFeeRule],
  [msgSetCollateralRequirementTypeUrl, MsgSetCollateralRequirement],
  [msgSeizeCollateralTypeUrl, MsgSeizeCollateral],
];

export interface MsgUpdateSettlementParamsEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgUpdateSettlementParamsTypeUrl;
  readonly value: Partial<MsgUpdateParams>;
}

/** MsgDeclareTransmissionCostEncodeObject declares a delivered period's transmission cost (grid operator only). */
export interface MsgDeclareTransmissionCostEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgDeclareTransmissionCostTypeUrl;
  readonly value: Partial<MsgDeclareTransmissionCost>;
}

/** MsgSetSecurityFeeRuleEncodeObject replaces the security-of-supply fee rule (grid operator only). */
export interface MsgSetSecurityFeeRuleEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSetSecurityFeeRuleTypeUrl;
  readonly value: Partial<MsgSetSecurityFeeRule>;
}

/** MsgSetCollateralRequirementEncodeObject sets a participant's collateral requirement (grid operator only). */
export interface MsgSetCollateralRequirementEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSetCollateralRequirementTypeUrl;
  readonly value: Partial<MsgSetCollateralRequirement>;
}

/** MsgSeizeCollateralEncodeObject applies a debtor's locked collateral to its debt (grid operator only). */
export interface MsgSeizeCollateralEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSeizeCollateralTypeUrl;
  readonly value: Partial<MsgSeizeCollateral>;
}

export function isMsgDeclareTransmissionCostEncodeObject(o: EncodeObject): o is MsgDeclareTransmissionCostEncodeObject {
  return o.typeUrl === msgDeclareTransmissionCostTypeUrl;
}

export function isMsgSeizeCollateralEncodeObject(o: EncodeObject): o is MsgSeizeCollateralEncodeObject {
  return o.typeUrl === msgSeizeCollateralTypeUrl;
}
