import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import { ImbalancePricing } from "../../generated/gridledger/delivery/v1/types.js";
import { createGridledgerAminoTypes, createGridledgerRegistry } from "../../registry.js";
import {
  type AminoMsgPublishReferencePrice,
  createDeliveryAminoConverters,
  isAminoMsgPublishReferencePrice,
} from "./aminomessages.js";
import { publishReferencePriceMsg } from "./compose.js";
import { deliveryTypes, isMsgPublishReferencePriceEncodeObject } from "./messages.js";

const operator = "grid1operatorxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

// Complete values (every field present, as fromAmino returns them) for every x/delivery Msg, at
// the edges of their ranges.
const full: Record<string, object> = {
  "/gridledger.delivery.v1.MsgUpdateParams": {
    authority: operator,
    params: {
      readingWindowPeriods: 8928n,
      maxReadingsPerTx: 1800n,
      verifyGasEd25519: 590n,
      verifyGasSecp256k1: 18_446_744_073_709_551_615n,
      imbalanceMarginBps: 10_000,
      imbalancePricing: ImbalancePricing.IMBALANCE_PRICING_SINGLE,
      minMarketWh: 9_007_199_254_740_993n,
      maxReconcilePerBlock: 20_000n,
      disputeWindowPeriods: 35_040n,
    },
  },
  "/gridledger.delivery.v1.MsgSubmitReadings": {
    submitter: operator,
    readings: [{ meterId: "CH-1", period: 7n, wh: 9n, commitment: new Uint8Array(32).fill(1), signature: new Uint8Array(64).fill(2) }],
  },
  "/gridledger.delivery.v1.MsgPublishReferencePrice": {
    operator,
    category: EnergyCategory.ENERGY_CATEGORY_OTHER,
    fromPeriod: 18_446_744_073_709_551_615n,
    pricePerMwh: -9_223_372_036_854_775_808n,
    denom: "uchf.alpine",
  },
};

describe("createDeliveryAminoConverters", () => {
  const converters = createDeliveryAminoConverters();
  const aminoTypes = createGridledgerAminoTypes();
  const registry = createGridledgerRegistry();

  it("covers every registered message type", () => {
    expect(Object.keys(converters).sort()).toEqual(deliveryTypes.map(([url]) => url).sort());
    expect(Object.keys(full).sort()).toEqual(Object.keys(converters).sort());
  });

  it.each(Object.entries(full))("round-trips %s", (typeUrl, value) => {
    const msg: EncodeObject = { typeUrl, value };
    const amino = aminoTypes.toAmino(msg);
    expect(aminoTypes.fromAmino(amino)).toStrictEqual(msg);
    // What CosmJS broadcasts after amino signing encodes like the original message.
    expect(registry.encode(aminoTypes.fromAmino(amino))).toEqual(registry.encode(msg));
  });

  it.each(Object.keys(full))("round-trips an all-default %s", (typeUrl) => {
    const converter = converters[typeUrl];
    if (converter === undefined) throw new Error(`no converter for ${typeUrl}`);
    const empty: unknown = converter.fromAmino(converter.toAmino({}));
    expect(converter.toAmino(empty)).toStrictEqual(converter.toAmino({}));
  });

  it("writes a reference price with its sign, and omits the category for every category", () => {
    const all = publishReferencePriceMsg(operator, { fromPeriod: 5, pricePerMwh: -1n, denom: "uchf.alpine" });
    expect(isMsgPublishReferencePriceEncodeObject(all)).toBe(true);
    const amino = aminoTypes.toAmino(all);
    expect(isAminoMsgPublishReferencePrice(amino)).toBe(true);
    expect(amino).toStrictEqual<AminoMsgPublishReferencePrice>({
      type: "gridledger/MsgPublishReferencePrice",
      value: { denom: "uchf.alpine", from_period: "5", operator, price_per_mwh: "-1" },
    });
    // A zero price is omitted, as the SDK omits every zero: it still decodes to 0.
    const zero = aminoTypes.toAmino(publishReferencePriceMsg(operator, { category: EnergyCategory.ENERGY_CATEGORY_SOLAR, fromPeriod: 5, pricePerMwh: 0, denom: "uchf.alpine" }));
    expect(zero.value).toStrictEqual({ category: 1, denom: "uchf.alpine", from_period: "5", operator });
    expect(aminoTypes.fromAmino(zero).value).toMatchObject({ pricePerMwh: 0n, category: EnergyCategory.ENERGY_CATEGORY_SOLAR });
  });

  it("refuses a price or a period outside the chain's integer ranges before signing", () => {
    expect(() => publishReferencePriceMsg(operator, { fromPeriod: -1, pricePerMwh: 1, denom: "u" })).toThrow(/fromPeriod -1 is outside 0..2\^64-1/);
    expect(() => publishReferencePriceMsg(operator, { fromPeriod: 1, pricePerMwh: 2n ** 63n, denom: "u" })).toThrow(/pricePerMwh .* outside the int64 range/);
    expect(() => publishReferencePriceMsg(operator, { fromPeriod: 1, pricePerMwh: 2 ** 60, denom: "u" })).toThrow(/not a safe integer/);
  });
});
