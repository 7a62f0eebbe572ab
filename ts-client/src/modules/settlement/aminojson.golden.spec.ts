import { readFileSync } from "node:fs";
import { serializeSignDoc } from "@cosmjs/amino";
import { fromUtf8 } from "@cosmjs/encoding";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { SecurityFeeMethod } from "../../generated/gridledger/settlement/v1/types.js";
import { createGridledgerAminoTypes } from "../../registry.js";
import { createSettlementAminoConverters } from "./aminomessages.js";
import { declareTransmissionCostMsg, seizeCollateralMsg, setCollateralRequirementMsg, setSecurityFeeRuleMsg } from "./compose.js";
import { msgUpdateSettlementParamsTypeUrl } from "./messages.js";

// Golden output of the SDK v0.53 LEGACY_AMINO_JSON encoder, pinned in Go by
// chain/x/settlement/keeper/aminojson_test.go (the same strings): the chain verifies amino
// signatures over exactly these bytes, so any drift breaks Ledger signing.
const hub = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w";
const cases: ReadonlyArray<[string, EncodeObject, string]> = [
  [
    "MsgDeclareTransmissionCost: uint64 as strings, the cost as a string",
    declareTransmissionCostMsg(hub, { period: 1966080, amount: "1230000", denom: "uchf.alpine", lossesWh: 250, description: "Joule losses" }),
    String.raw`{"type":"gridledger/MsgDeclareTransmissionCost","value":{"amount":"1230000","denom":"uchf.alpine","description":"Joule losses","losses_wh":"250","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","period":"1966080"}}`,
  ],
  [
    "MsgDeclareTransmissionCost of zero: the dont_omitempty amount written as 0, empty fields omitted",
    declareTransmissionCostMsg(hub, { period: 7, amount: 0, denom: "uchf" }),
    String.raw`{"type":"gridledger/MsgDeclareTransmissionCost","value":{"amount":"0","denom":"uchf","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","period":"7"}}`,
  ],
  [
    "MsgSetSecurityFeeRule: the method as a number, from_period 0 omitted",
    setSecurityFeeRuleMsg(hub, { method: SecurityFeeMethod.SECURITY_FEE_METHOD_PEAK, intervalPeriods: 2880, amount: "1000000", denom: "uchf.alpine", fromPeriod: 0 }),
    String.raw`{"type":"gridledger/MsgSetSecurityFeeRule","value":{"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","rule":{"amount":"1000000","denom":"uchf.alpine","interval_periods":"2880","method":3}}}`,
  ],
  [
    "MsgSetCollateralRequirement: a zero fixed amount written, the basis points as a number",
    setCollateralRequirementMsg(hub, { owner: hub, denom: "uchf.alpine", fixed: 0, openPositionBps: 1000 }),
    String.raw`{"type":"gridledger/MsgSetCollateralRequirement","value":{"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","requirement":{"denom":"uchf.alpine","fixed":"0","open_position_bps":1000,"owner":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}}`,
  ],
  [
    "MsgSeizeCollateral",
    seizeCollateralMsg(hub, hub, "uchf.alpine"),
    String.raw`{"type":"gridledger/MsgSeizeCollateral","value":{"denom":"uchf.alpine","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","owner":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w"}}`,
  ],
  [
    "settlement MsgUpdateParams: uint32 as numbers, uint64 as strings",
    {
      typeUrl: msgUpdateSettlementParamsTypeUrl,
      value: { authority: hub, params: { feeWindowPeriods: 4n, maxSettlePerBlock: 2000n, postponementPeriods: 4n, lateFeeBps: 100, maxPostponements: 3, exclusionPeriods: 96n, keepPeriods: 3360n, maxPrunePerBlock: 300 } },
    },
    String.raw`{"type":"gridledger/settlement/MsgUpdateParams","value":{"authority":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","params":{"exclusion_periods":"96","fee_window_periods":"4","keep_periods":"3360","late_fee_bps":100,"max_postponements":3,"max_prune_per_block":300,"max_settle_per_block":"2000","postponement_periods":"4"}}}`,
  ],
];

describe("x/settlement amino JSON matches the Go encoder byte for byte", () => {
  const aminoTypes = createGridledgerAminoTypes();
  for (const [name, msg, golden] of cases) {
    it(name, () => {
      const amino = aminoTypes.toAmino(msg);
      const doc = { chain_id: "c", account_number: "0", sequence: "0", fee: { amount: [], gas: "0" }, msgs: [amino], memo: "" };
      expect(fromUtf8(serializeSignDoc(doc))).toContain(golden);
      expect(aminoTypes.toAmino(aminoTypes.fromAmino(amino))).toEqual(amino);
    });
  }
});

describe("the x/settlement goldens are the Go encoder's", () => {
  const source = readFileSync(new URL("../../../../chain/x/settlement/keeper/aminojson_test.go", import.meta.url), "utf8");
  const settlementTypes = new Set(Object.values(createSettlementAminoConverters()).map((c) => c.aminoType));
  const pinned = [...source.matchAll(/`(\{"type":"([^"]+)"[^`]*)`/g)].map(([, golden = "", type = ""]) => ({ golden, type }));
  const goldens = new Set(cases.map(([, , golden]) => golden));

  it("pins every x/settlement message in Go", () => {
    expect(new Set(pinned.map(({ type }) => type))).toEqual(settlementTypes);
  });
  it.each(pinned.map(({ golden }) => [golden]))("holds %s", (golden) => {
    expect(goldens).toContain(golden);
  });
});
