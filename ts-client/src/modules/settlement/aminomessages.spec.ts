import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { SecurityFeeMethod } from "../../generated/gridledger/settlement/v1/types.js";
import { createGridledgerAminoTypes, createGridledgerRegistry } from "../../registry.js";
import { createSettlementAminoConverters, isAminoMsgDeclareTransmissionCost } from "./aminomessages.js";
import { declareTransmissionCostMsg, seizeCollateralMsg, setCollateralRequirementMsg, setSecurityFeeRuleMsg } from "./compose.js";
import { settlementTypes } from "./messages.js";

const operator = "grid1operatorxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const owner = "grid1ownerxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

// Complete values (every field present, as fromAmino returns them) for every x/settlement Msg, at
// the edges of their ranges.
const full: Record<string, object> = {
  "/gridledger.settlement.v1.MsgUpdateParams": {
    authority: operator,
    params: { feeWindowPeriods: 18_446_744_073_709_551_615n, maxSettlePerBlock: 2000n, postponementPeriods: 4n, lateFeeBps: 10_000, maxPostponements: 3, exclusionPeriods: 96n, keepPeriods: 18_446_744_073_709_551_615n, maxPrunePerBlock: 4_294_967_295 },
  },
  "/gridledger.settlement.v1.MsgDeclareTransmissionCost": {
    operator, period: 9_007_199_254_740_993n, amount: (2n ** 128n - 1n).toString(), denom: "uchf.alpine", lossesWh: 12_345n, description: "Joule losses, line 7",
  },
  "/gridledger.settlement.v1.MsgSetSecurityFeeRule": {
    operator, rule: { method: SecurityFeeMethod.SECURITY_FEE_METHOD_PEAK, intervalPeriods: 2880n, amount: "1000000", denom: "uchf", fromPeriod: 7n },
  },
  "/gridledger.settlement.v1.MsgSetCollateralRequirement": {
    operator, requirement: { owner, denom: "uchf", fixed: "5000000", openPositionBps: 100_000 },
  },
  "/gridledger.settlement.v1.MsgSeizeCollateral": { operator, owner, denom: "uchf" },
};

describe("createSettlementAminoConverters", () => {
  const converters = createSettlementAminoConverters();
  const aminoTypes = createGridledgerAminoTypes();
  const registry = createGridledgerRegistry();

  it("covers every registered message type, under the chain's amino names", () => {
    expect(Object.keys(converters).sort()).toEqual(settlementTypes.map(([url]) => url).sort());
    expect(Object.keys(full).sort()).toEqual(Object.keys(converters).sort());
    expect(Object.values(converters).map((c) => c.aminoType).sort()).toEqual([
      "gridledger/MsgDeclareTransmissionCost",
      "gridledger/MsgSeizeCollateral",
      "gridledger/MsgSetCollateralRequirement",
      "gridledger/MsgSetSecurityFeeRule",
      "gridledger/settlement/MsgUpdateParams",
    ]);
  });

  it.each(Object.entries(full))("round-trips %s", (typeUrl, value) => {
    const msg: EncodeObject = { typeUrl, value };
    const amino = aminoTypes.toAmino(msg);
    expect(aminoTypes.fromAmino(amino)).toStrictEqual(msg);
    expect(registry.encode(aminoTypes.fromAmino(amino))).toEqual(registry.encode(msg));
  });

  it.each(Object.keys(full))("round-trips an all-default %s", (typeUrl) => {
    const converter = converters[typeUrl];
    if (converter === undefined) throw new Error(`no converter for ${typeUrl}`);
    const empty: unknown = converter.fromAmino(converter.toAmino({}));
    expect(converter.toAmino(empty)).toStrictEqual(converter.toAmino({}));
  });

  it("writes the dont_omitempty amounts always and omits zero fields, as the SDK's encoder does", () => {
    const amino = aminoTypes.toAmino(declareTransmissionCostMsg(operator, { period: 5, amount: 0, denom: "uchf" }));
    expect(isAminoMsgDeclareTransmissionCost(amino)).toBe(true);
    expect(amino.value).toStrictEqual({ amount: "0", denom: "uchf", operator, period: "5" });
    expect(aminoTypes.toAmino(setCollateralRequirementMsg(operator, { owner, denom: "uchf", fixed: "0" })).value).toStrictEqual({
      operator,
      requirement: { denom: "uchf", fixed: "0", owner },
    });
    expect(aminoTypes.toAmino(seizeCollateralMsg(operator, owner, "uchf"))).toStrictEqual({
      type: "gridledger/MsgSeizeCollateral",
      value: { denom: "uchf", operator, owner },
    });
  });

  it("composes the operator's messages with whole base units, refusing what the chain cannot hold", () => {
    const rule = setSecurityFeeRuleMsg(operator, { method: SecurityFeeMethod.SECURITY_FEE_METHOD_FIXED, intervalPeriods: 96, amount: "0010", denom: "uchf", fromPeriod: 1 });
    expect(rule.value.rule).toStrictEqual({ method: SecurityFeeMethod.SECURITY_FEE_METHOD_FIXED, intervalPeriods: 96n, amount: "10", denom: "uchf", fromPeriod: 1n });
    expect(() => declareTransmissionCostMsg(operator, { period: -1, amount: 1, denom: "uchf" })).toThrow(/period -1 is outside/);
    expect(() => declareTransmissionCostMsg(operator, { period: 1, amount: "1.5", denom: "uchf" })).toThrow(/not a whole number/);
    expect(() => setCollateralRequirementMsg(operator, { owner, denom: "uchf", fixed: 1, openPositionBps: -1 })).toThrow(/openPositionBps/);
  });
});
