import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import { Side, TradeKind } from "../../generated/gridledger/energy/v1/types.js";
import { createGridledgerAminoTypes, createGridledgerRegistry } from "../../registry.js";
import { aggregateSidesMsg, disaggregateSideMsg } from "./aggregation.js";
import {
  type AminoMsgAggregateSides,
  type AminoMsgDisaggregateSide,
  type AminoMsgIssueToken,
  type AminoMsgProcure,
  type AminoMsgRedispatch,
  type AminoMsgSetAsk,
  createEnergyAminoConverters,
  isAminoMsgAggregateSides,
  isAminoMsgDisaggregateSide,
  isAminoMsgIssueToken,
  isAminoMsgProcure,
  isAminoMsgRedispatch,
  isAminoMsgSetAsk,
} from "./aminomessages.js";
import {
  balancingCapabilities,
  contractTerms,
  issueTokenMsg,
  placeBidMsg,
  setAskMsg,
  splitTokenMsg,
  toInt64,
  toUint64,
} from "./compose.js";
import {
  energySigners,
  energyTypes,
  isMsgProcureEncodeObject,
  isMsgRedispatchEncodeObject,
  msgProcureTypeUrl,
  msgRedispatchTypeUrl,
} from "./messages.js";
import { procureMsg, redispatchMsg } from "./operator.js";

const bob = "grid1producerxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const alice = "grid1traderxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const CHF = "uchf.alpine";
const capability = (offered: boolean, mobilisationSeconds = 0n, pricePerMwh = 0n) => ({
  offered,
  mobilisationSeconds,
  pricePerMwh,
});

// Complete values (every field present, as fromAmino returns them) for every x/energy Msg.
const full: Record<string, object> = {
  "/gridledger.energy.v1.MsgIssueToken": {
    issuer: bob,
    firstPeriod: 2_000_000n,
    lastPeriod: 2_000_095n,
    whPerPeriod: 18_446_744_073_709_551_615n,
    producerMeterId: "bob-pv-1",
    consumerMeterId: "bob-home",
    co2Grams: 9_007_199_254_740_993n, // above Number.MAX_SAFE_INTEGER
    faceValuePerMwh: { amount: "340282366920938463463374607431768211456", denom: CHF },
    terms: {
      settlementDelayPeriods: 96n,
      cancellationFee: "5000000",
      producerDefaultDelayPeriods: 4n,
      producerDefaultFee: "120000000",
      consumerDefaultDelayPeriods: 8n,
      consumerDefaultFee: "0",
      legalFramework: "EFET-2007-CH",
    },
    capabilities: {
      redispatch: capability(true, 900n, -15_000_000n),
      primary: capability(false),
      secondary: capability(true, 30n, 9_223_372_036_854_775_807n),
      tertiary: capability(true),
    },
    category: EnergyCategory.ENERGY_CATEGORY_BIOMASS,
    producerAsk: { forSale: true, pricePerMwh: -9_223_372_036_854_775_808n, denom: CHF },
    consumerAsk: { forSale: false, pricePerMwh: 0n, denom: "" },
  },
  "/gridledger.energy.v1.MsgSetAsk": {
    owner: bob,
    tokenId: 7n,
    side: Side.SIDE_CONSUMER,
    ask: { forSale: true, pricePerMwh: -9_223_372_036_854_775_808n, denom: CHF },
  },
  "/gridledger.energy.v1.MsgBuySide": {
    buyer: alice,
    tokenId: 18_446_744_073_709_551_615n,
    side: Side.SIDE_PRODUCER,
    maxPricePerMwh: -1n,
    denom: CHF,
    meterId: "alice-site",
  },
  "/gridledger.energy.v1.MsgHandOverSide": {
    from: bob,
    to: alice,
    tokenId: 3n,
    side: Side.SIDE_CONSUMER,
    meterId: "virtual:x:solar",
  },
  "/gridledger.energy.v1.MsgSplitToken": {
    producerOwner: bob,
    consumerOwner: alice,
    tokenId: 4n,
    whParts: [1n, 18_446_744_073_709_551_614n],
    splitAfterPeriod: 0n,
  },
  "/gridledger.energy.v1.MsgMergeTokens": { producerOwner: bob, consumerOwner: bob, tokenIds: [5n, 6n, 7n] },
  "/gridledger.energy.v1.MsgAggregateSides": {
    owner: alice,
    side: Side.SIDE_CONSUMER,
    sourceTokenIds: [18_446_744_073_709_551_615n, 0n, 7n],
    producerMeterId: "virtual:x:solar",
    consumerMeterId: "alice-site",
    faceValuePerMwh: { amount: "-340282366920938463463374607431768211456", denom: CHF },
    terms: {
      settlementDelayPeriods: 1n,
      cancellationFee: "1",
      producerDefaultDelayPeriods: 2n,
      producerDefaultFee: "3",
      consumerDefaultDelayPeriods: 4n,
      consumerDefaultFee: "5",
      legalFramework: "EFET",
    },
  },
  "/gridledger.energy.v1.MsgDisaggregateSide": {
    owner: alice,
    side: Side.SIDE_PRODUCER,
    sourceTokenId: 18_446_744_073_709_551_615n,
    whParts: [1n, 2n, 3n],
    splitAfterPeriod: 9n, // refused by the chain next to wh_parts, but it must survive the trip
    producerMeterId: "bob-pv-1",
    consumerMeterId: "",
    faceValuePerMwh: { amount: "0", denom: "" },
    terms: {
      settlementDelayPeriods: 0n,
      cancellationFee: "0",
      producerDefaultDelayPeriods: 0n,
      producerDefaultFee: "0",
      consumerDefaultDelayPeriods: 0n,
      consumerDefaultFee: "0",
      legalFramework: "",
    },
  },
  "/gridledger.energy.v1.MsgCancelToken": { owner: alice, tokenId: 12n },
  "/gridledger.energy.v1.MsgCancelTokenJointly": { producerOwner: bob, consumerOwner: alice, tokenId: 13n },
  "/gridledger.energy.v1.MsgProcure": {
    operator: bob,
    tokenId: 18_446_744_073_709_551_615n,
    side: Side.SIDE_CONSUMER,
    kind: TradeKind.TRADE_KIND_RESERVE_TERTIARY,
    maxPricePerMwh: -9_223_372_036_854_775_808n,
    denom: CHF,
    meterId: "op-grid-1",
  },
  "/gridledger.energy.v1.MsgRedispatch": {
    operator: bob,
    tokenId: 9_007_199_254_740_993n,
    side: Side.SIDE_PRODUCER,
    to: alice,
    meterId: "alice-pv-2",
  },
  "/gridledger.energy.v1.MsgSetPriceBand": {
    operator: bob,
    denom: CHF,
    minPerMwh: -9_223_372_036_854_775_808n,
    maxPerMwh: 9_223_372_036_854_775_807n,
  },
};

describe("createEnergyAminoConverters", () => {
  const converters = createEnergyAminoConverters();
  const aminoTypes = createGridledgerAminoTypes();
  const registry = createGridledgerRegistry();

  it("covers every registered message type", () => {
    expect(Object.keys(converters).sort()).toEqual(energyTypes.map(([url]) => url).sort());
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

  it("round-trips what the builders make, split by period and a bid included", () => {
    const face = { denom: CHF, amount: 4 };
    const msgs: EncodeObject[] = [
      issueTokenMsg(bob, { firstPeriod: 1, lastPeriod: 2, whPerPeriod: 3, producerMeterId: "m", faceValuePerMwh: face }),
      placeBidMsg(alice, {
        firstPeriod: 1,
        lastPeriod: 2,
        whPerPeriod: 3,
        category: EnergyCategory.ENERGY_CATEGORY_WIND,
        faceValuePerMwh: face,
        ask: { pricePerMwh: 0, denom: CHF },
      }),
      setAskMsg(bob, 1, Side.SIDE_PRODUCER, null),
      splitTokenMsg({ producerOwner: bob, consumerOwner: bob, tokenId: 1, splitAfterPeriod: 5 }),
      aggregateSidesMsg(bob, { side: Side.SIDE_CONSUMER, sourceTokenIds: [1, 2], faceValuePerMwh: face }),
      disaggregateSideMsg(bob, { side: Side.SIDE_PRODUCER, sourceTokenId: 1, splitAfterPeriod: 1, faceValuePerMwh: face }),
    ];
    for (const msg of msgs) {
      const back = aminoTypes.fromAmino(aminoTypes.toAmino(msg));
      expect(registry.encode(back)).toEqual(registry.encode(msg));
    }
  });

  it("writes prices as signed decimal strings and a void ask as {}", () => {
    const offered = aminoTypes.toAmino(setAskMsg(bob, 2, Side.SIDE_PRODUCER, { pricePerMwh: -5_000_000, denom: CHF }));
    expect(isAminoMsgSetAsk(offered)).toBe(true);
    expect(offered).toStrictEqual<AminoMsgSetAsk>({
      type: "gridledger/MsgSetAsk",
      value: { owner: bob, token_id: "2", side: Side.SIDE_PRODUCER, ask: { for_sale: true, price_per_mwh: "-5000000", denom: CHF } },
    });
    const voided = aminoTypes.toAmino(setAskMsg(bob, 2, Side.SIDE_PRODUCER, null));
    expect(voided.value).toStrictEqual({ owner: bob, token_id: "2", side: Side.SIDE_PRODUCER, ask: {} });
  });

  it("writes a category as its enum number and omits an unset one", () => {
    const bid = aminoTypes.toAmino(
      placeBidMsg(alice, {
        firstPeriod: 1,
        lastPeriod: 1,
        whPerPeriod: 1,
        category: EnergyCategory.ENERGY_CATEGORY_HYDRO,
        meterId: "alice-site",
        faceValuePerMwh: { denom: CHF, amount: 1 },
        ask: { pricePerMwh: 2, denom: CHF },
      }),
    );
    expect(isAminoMsgIssueToken(bid)).toBe(true);
    expect(bid.value).toMatchObject({
      category: 3,
      producer_meter_id: "alice-site",
      consumer_meter_id: "alice-site",
      producer_ask: { for_sale: true, price_per_mwh: "2", denom: CHF },
      consumer_ask: {},
    });
    const issued = aminoTypes.toAmino(
      issueTokenMsg(bob, { firstPeriod: 1, lastPeriod: 1, whPerPeriod: 1, producerMeterId: "m", faceValuePerMwh: { denom: CHF, amount: 1 } }),
    );
    expect(issued.value).not.toHaveProperty("category");
  });

  it("writes aggregations with source ids as strings and the nested face value and terms always", () => {
    const aggregated = aminoTypes.toAmino({ typeUrl: "/gridledger.energy.v1.MsgAggregateSides", value: { owner: alice, sourceTokenIds: [4n, 5n] } });
    expect(isAminoMsgAggregateSides(aggregated)).toBe(true);
    expect(aggregated).toStrictEqual<AminoMsgAggregateSides>({
      type: "gridledger/MsgAggregateSides",
      value: {
        owner: alice,
        source_token_ids: ["4", "5"],
        face_value_per_mwh: { amount: "0" },
        terms: { cancellation_fee: "0", producer_default_fee: "0", consumer_default_fee: "0" },
      },
    });
    const disaggregated = aminoTypes.toAmino(
      disaggregateSideMsg(alice, { side: Side.SIDE_CONSUMER, sourceTokenId: 6, whParts: [1, 2], faceValuePerMwh: { denom: CHF, amount: 7 } }),
    );
    expect(isAminoMsgDisaggregateSide(disaggregated)).toBe(true);
    expect(isAminoMsgAggregateSides(disaggregated)).toBe(false);
    expect(disaggregated).toStrictEqual<AminoMsgDisaggregateSide>({
      type: "gridledger/MsgDisaggregateSide",
      value: {
        owner: alice,
        side: Side.SIDE_CONSUMER,
        source_token_id: "6",
        wh_parts: ["1", "2"],
        face_value_per_mwh: { amount: "7", denom: CHF },
        terms: { cancellation_fee: "0", producer_default_fee: "0", consumer_default_fee: "0" },
      },
    });
  });

  it("always writes the nested face value, terms, capabilities and asks (dont_omitempty)", () => {
    const amino = aminoTypes.toAmino({ typeUrl: "/gridledger.energy.v1.MsgIssueToken", value: { issuer: bob } });
    expect(isAminoMsgIssueToken(amino)).toBe(true);
    expect(amino).toStrictEqual<AminoMsgIssueToken>({
      type: "gridledger/MsgIssueToken",
      value: {
        issuer: bob,
        face_value_per_mwh: { amount: "0" },
        terms: { cancellation_fee: "0", producer_default_fee: "0", consumer_default_fee: "0" },
        capabilities: { redispatch: {}, primary: {}, secondary: {}, tertiary: {} },
        producer_ask: {},
        consumer_ask: {},
      },
    });
  });

  it("fills nested messages in fromAmino so the signed body carries them", () => {
    const back = aminoTypes.fromAmino(
      aminoTypes.toAmino({ typeUrl: "/gridledger.energy.v1.MsgIssueToken", value: { issuer: bob } }),
    );
    expect(back.value).toMatchObject({
      faceValuePerMwh: { amount: "0", denom: "" },
      terms: contractTerms(),
      capabilities: balancingCapabilities(),
      producerAsk: { forSale: false, pricePerMwh: 0n, denom: "" },
      consumerAsk: { forSale: false, pricePerMwh: 0n, denom: "" },
    });
  });
});

describe("x/energy operator acts", () => {
  const aminoTypes = createGridledgerAminoTypes();

  it("procure: kind and side as enum numbers, the price as a signed string, the virtual meter omitted", () => {
    const msg = procureMsg(bob, {
      tokenId: 7,
      side: Side.SIDE_CONSUMER,
      kind: TradeKind.TRADE_KIND_GRID_LOSSES,
      maxPricePerMwh: -1_000_000,
      denom: CHF,
    });
    expect(isMsgProcureEncodeObject(msg)).toBe(true);
    expect(msg).toStrictEqual({
      typeUrl: msgProcureTypeUrl,
      value: {
        operator: bob,
        tokenId: 7n,
        side: Side.SIDE_CONSUMER,
        kind: TradeKind.TRADE_KIND_GRID_LOSSES,
        maxPricePerMwh: -1_000_000n,
        denom: CHF,
        meterId: "",
      },
    });
    const amino = aminoTypes.toAmino(msg);
    expect(isAminoMsgProcure(amino)).toBe(true);
    expect(amino).toStrictEqual<AminoMsgProcure>({
      type: "gridledger/MsgProcure",
      value: { operator: bob, token_id: "7", side: Side.SIDE_CONSUMER, kind: TradeKind.TRADE_KIND_GRID_LOSSES, max_price_per_mwh: "-1000000", denom: CHF },
    });
    expect(aminoTypes.fromAmino(amino)).toStrictEqual(msg);
  });

  it("redispatch: the new owner and its meter, omitted when virtual", () => {
    const msg = redispatchMsg(bob, { tokenId: 3, side: Side.SIDE_PRODUCER, to: alice, meterId: "alice-pv-2" });
    expect(isMsgRedispatchEncodeObject(msg)).toBe(true);
    expect(msg).toStrictEqual({
      typeUrl: msgRedispatchTypeUrl,
      value: { operator: bob, tokenId: 3n, side: Side.SIDE_PRODUCER, to: alice, meterId: "alice-pv-2" },
    });
    const amino = aminoTypes.toAmino(redispatchMsg(bob, { tokenId: 3, side: Side.SIDE_PRODUCER, to: alice }));
    expect(isAminoMsgRedispatch(amino)).toBe(true);
    expect(amino).toStrictEqual<AminoMsgRedispatch>({
      type: "gridledger/MsgRedispatch",
      value: { operator: bob, token_id: "3", side: Side.SIDE_PRODUCER, to: alice },
    });
  });

  it("check 64-bit ranges and are signed by the operator alone", () => {
    const input = { tokenId: 1, side: Side.SIDE_CONSUMER, kind: TradeKind.TRADE_KIND_RESERVE_PRIMARY, maxPricePerMwh: 0, denom: CHF };
    expect(() => procureMsg(bob, { ...input, maxPricePerMwh: 2n ** 63n })).toThrow(/maxPricePerMwh 9223372036854775808 is outside the int64 range/);
    expect(() => procureMsg(bob, { ...input, tokenId: -1 })).toThrow(/tokenId -1 is outside 0..2\^64-1/);
    expect(() => redispatchMsg(bob, { tokenId: 2 ** 53, side: Side.SIDE_PRODUCER, to: alice })).toThrow(/not a safe integer/);
    expect(energySigners(procureMsg(bob, input))).toEqual([bob]);
    expect(energySigners(redispatchMsg(bob, { tokenId: 1, side: Side.SIDE_PRODUCER, to: alice }))).toEqual([bob]);
  });
});

describe("x/energy compose helpers", () => {
  it("check 64-bit ranges", () => {
    expect(toUint64(2n ** 64n - 1n, "x")).toBe(18_446_744_073_709_551_615n);
    expect(() => toUint64(-1, "tokenId")).toThrow(/tokenId -1 is outside/);
    expect(() => toUint64(2n ** 64n, "x")).toThrow(/outside/);
    expect(() => toUint64(1.5, "whPerPeriod")).toThrow(/safe integer/);
    expect(toInt64(-(2n ** 63n), "p")).toBe(-9_223_372_036_854_775_808n);
    expect(() => toInt64(2n ** 63n, "pricePerMwh")).toThrow(/int64/);
  });

  it("offer a service only when it is given", () => {
    expect(balancingCapabilities({ primary: { mobilisationSeconds: 30, pricePerMwh: 7 } })).toEqual({
      redispatch: capability(false),
      primary: capability(true, 30n, 7n),
      secondary: capability(false),
      tertiary: capability(false),
    });
  });

  it("split by volume or at a period, never both", () => {
    const byVolume = splitTokenMsg({ producerOwner: bob, consumerOwner: alice, tokenId: 1, whParts: [1, 2] });
    expect(byVolume.value).toMatchObject({ whParts: [1n, 2n], splitAfterPeriod: 0n });
    const byTime = splitTokenMsg({ producerOwner: bob, consumerOwner: alice, tokenId: 1, splitAfterPeriod: 9 });
    expect(byTime.value).toMatchObject({ whParts: [], splitAfterPeriod: 9n });
  });

  it("place a bid at the consumer's meter with the producer side offered, the consumer side not", () => {
    const bid = placeBidMsg(alice, {
      firstPeriod: 10,
      lastPeriod: 11,
      whPerPeriod: 500,
      category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
      meterId: "alice-home",
      faceValuePerMwh: { denom: CHF, amount: 90_000_000 },
      ask: { pricePerMwh: -1, denom: CHF },
    });
    expect(bid.value).toMatchObject({
      issuer: alice,
      producerMeterId: "alice-home",
      consumerMeterId: "alice-home",
      category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
      producerAsk: { forSale: true, pricePerMwh: -1n, denom: CHF },
      consumerAsk: { forSale: false, pricePerMwh: 0n, denom: "" },
      capabilities: balancingCapabilities(),
    });
    // Without a meter both sides sit on the consumer's virtual meter for the category.
    const virtual = placeBidMsg(alice, {
      firstPeriod: 1,
      lastPeriod: 1,
      whPerPeriod: 1,
      category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
      faceValuePerMwh: { denom: CHF, amount: 0 },
      ask: { pricePerMwh: 0, denom: CHF },
    });
    expect(virtual.value).toMatchObject({ producerMeterId: "", consumerMeterId: "" });
    expect(() =>
      issueTokenMsg(bob, { firstPeriod: 1, lastPeriod: 1, whPerPeriod: 1, faceValuePerMwh: { denom: CHF, amount: 0 }, consumerAsk: { pricePerMwh: 2n ** 63n, denom: CHF } }),
    ).toThrow(/consumerAsk.pricePerMwh .* int64/);
  });

  it("aggregate several sources and disaggregate one by volume or at a period", () => {
    const face = { denom: CHF, amount: 95_000_000 };
    expect(aggregateSidesMsg(bob, { side: Side.SIDE_CONSUMER, sourceTokenIds: [3, 4n], faceValuePerMwh: face, terms: { cancellationFee: 7 } }).value).toEqual({
      owner: bob,
      side: Side.SIDE_CONSUMER,
      sourceTokenIds: [3n, 4n],
      producerMeterId: "",
      consumerMeterId: "",
      faceValuePerMwh: { amount: "95000000", denom: CHF },
      terms: contractTerms({ cancellationFee: 7 }),
    });
    expect(() => aggregateSidesMsg(bob, { side: Side.SIDE_CONSUMER, sourceTokenIds: [3, -4], faceValuePerMwh: face })).toThrow(/sourceTokenIds\[1\] -4/);
    const byVolume = disaggregateSideMsg(bob, { side: Side.SIDE_PRODUCER, sourceTokenId: 5, whParts: [1, 2], consumerMeterId: "bob-home", faceValuePerMwh: face });
    expect(byVolume.value).toMatchObject({ sourceTokenId: 5n, whParts: [1n, 2n], splitAfterPeriod: 0n, producerMeterId: "", consumerMeterId: "bob-home" });
    const byTime = disaggregateSideMsg(bob, { side: Side.SIDE_PRODUCER, sourceTokenId: 5, splitAfterPeriod: 9, faceValuePerMwh: face });
    expect(byTime.value).toMatchObject({ whParts: [], splitAfterPeriod: 9n });
  });

  it("list signers in the chain's order, once each", () => {
    expect(energySigners(splitTokenMsg({ producerOwner: bob, consumerOwner: alice, tokenId: 1, whParts: [1, 2] }))).toEqual([bob, alice]);
    expect(energySigners(splitTokenMsg({ producerOwner: bob, consumerOwner: bob, tokenId: 1, whParts: [1, 2] }))).toEqual([bob]);
    expect(energySigners(setAskMsg(alice, 1, Side.SIDE_PRODUCER, null))).toEqual([alice]);
    const face = { denom: CHF, amount: 1 };
    expect(energySigners(aggregateSidesMsg(alice, { side: Side.SIDE_CONSUMER, sourceTokenIds: [1, 2], faceValuePerMwh: face }))).toEqual([alice]);
    expect(energySigners(disaggregateSideMsg(bob, { side: Side.SIDE_CONSUMER, sourceTokenId: 1, whParts: [1, 2], faceValuePerMwh: face }))).toEqual([bob]);
    expect(energySigners({ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: {} })).toBeUndefined();
  });
});
