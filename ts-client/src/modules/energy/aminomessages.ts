import type { AminoMsg } from "@cosmjs/amino";
import type { AminoConverters } from "@cosmjs/stargate";

import {
  compact,
  omitBool,
  omitInt64,
  omitNumber,
  omitString,
  omitUint64,
  omitUint64List,
  parseInt64,
  parseUint64,
  parseUint64List,
} from "../../aminojson.js";
import type { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import {
  MsgAggregateSides,
  MsgBuySide,
  MsgCancelToken,
  MsgCancelTokenJointly,
  MsgDisaggregateSide,
  MsgHandOverSide,
  MsgIssueToken,
  MsgMergeTokens,
  MsgProcure,
  MsgRedispatch,
  MsgSetAsk,
  MsgSetPriceBand,
  MsgSplitToken,
} from "../../generated/gridledger/energy/v1/tx.js";
import {
  Ask,
  BalancingCapabilities,
  Capability,
  ContractTerms,
  Money,
  type Side,
  type TradeKind,
} from "../../generated/gridledger/energy/v1/types.js";
import { intToAmino } from "../fiat/aminomessages.js";
import {
  msgAggregateSidesTypeUrl,
  msgBuySideTypeUrl,
  msgCancelTokenJointlyTypeUrl,
  msgCancelTokenTypeUrl,
  msgDisaggregateSideTypeUrl,
  msgHandOverSideTypeUrl,
  msgIssueTokenTypeUrl,
  msgMergeTokensTypeUrl,
  msgProcureTypeUrl,
  msgRedispatchTypeUrl,
  msgSetAskTypeUrl,
  msgSetPriceBandTypeUrl,
  msgSplitTokenTypeUrl,
} from "./messages.js";

// Field types are optional because the SDK omits default values (see ../../aminojson.ts);
// fields marked (amino.dont_omitempty) in the protos are required: the nested face value, terms,
// capabilities and asks, and every cosmos.Int ("0" when empty). 64-bit integers, prices included
// (int64, any sign), are decimal strings; sides and categories are enum numbers.

/** AminoMoney is energy.v1.Money in amino JSON: amount always present, denom omitted when "". */
export interface AminoMoney {
  /** amount is a cosmos.Int as a decimal string. */
  readonly amount: string;
  readonly denom?: string;
}

/** AminoContractTerms is energy.v1.ContractTerms; the three fees are always present. */
export interface AminoContractTerms {
  readonly settlement_delay_periods?: string;
  readonly cancellation_fee: string;
  readonly producer_default_delay_periods?: string;
  readonly producer_default_fee: string;
  readonly consumer_default_delay_periods?: string;
  readonly consumer_default_fee: string;
  readonly legal_framework?: string;
}

/** AminoCapability is energy.v1.Capability; `{}` when not offered. */
export interface AminoCapability {
  readonly offered?: true;
  readonly mobilisation_seconds?: string;
  /** price_per_mwh is an int64 as a decimal string. */
  readonly price_per_mwh?: string;
}

/** AminoBalancingCapabilities is energy.v1.BalancingCapabilities; all four always present. */
export interface AminoBalancingCapabilities {
  readonly redispatch: AminoCapability;
  readonly primary: AminoCapability;
  readonly secondary: AminoCapability;
  readonly tertiary: AminoCapability;
}

/** AminoAsk is energy.v1.Ask; a void ask is `{}`. */
export interface AminoAsk {
  readonly for_sale?: true;
  /** price_per_mwh is an int64 as a decimal string; negative prices keep their "-". */
  readonly price_per_mwh?: string;
  readonly denom?: string;
}

export interface AminoMsgIssueToken extends AminoMsg {
  readonly type: "gridledger/MsgIssueToken";
  readonly value: {
    readonly issuer?: string;
    readonly first_period?: string;
    readonly last_period?: string;
    readonly wh_per_period?: string;
    readonly producer_meter_id?: string;
    readonly consumer_meter_id?: string;
    readonly co2_grams?: string;
    readonly face_value_per_mwh: AminoMoney;
    readonly terms: AminoContractTerms;
    readonly capabilities: AminoBalancingCapabilities;
    /** category is omitted when unspecified (the producer meter implies it). */
    readonly category?: EnergyCategory;
    readonly producer_ask: AminoAsk;
    readonly consumer_ask: AminoAsk;
  };
}

export interface AminoMsgSetAsk extends AminoMsg {
  readonly type: "gridledger/MsgSetAsk";
  readonly value: {
    readonly owner?: string;
    readonly token_id?: string;
    readonly side?: Side;
    readonly ask: AminoAsk;
  };
}

export interface AminoMsgBuySide extends AminoMsg {
  readonly type: "gridledger/MsgBuySide";
  readonly value: {
    readonly buyer?: string;
    readonly token_id?: string;
    readonly side?: Side;
    readonly max_price_per_mwh?: string;
    readonly denom?: string;
    readonly meter_id?: string;
  };
}

export interface AminoMsgHandOverSide extends AminoMsg {
  readonly type: "gridledger/MsgHandOverSide";
  readonly value: {
    readonly from?: string;
    readonly to?: string;
    readonly token_id?: string;
    readonly side?: Side;
    readonly meter_id?: string;
  };
}

export interface AminoMsgSplitToken extends AminoMsg {
  readonly type: "gridledger/MsgSplitToken";
  readonly value: {
    readonly producer_owner?: string;
    readonly consumer_owner?: string;
    readonly token_id?: string;
    readonly wh_parts?: string[];
    readonly split_after_period?: string;
  };
}

export interface AminoMsgMergeTokens extends AminoMsg {
  readonly type: "gridledger/MsgMergeTokens";
  readonly value: {
    readonly producer_owner?: string;
    readonly consumer_owner?: string;
    readonly token_ids?: string[];
  };
}

export interface AminoMsgAggregateSides extends AminoMsg {
  readonly type: "gridledger/MsgAggregateSides";
  readonly value: {
    readonly owner?: string;
    readonly side?: Side;
    readonly source_token_ids?: string[];
    readonly producer_meter_id?: string;
    readonly consumer_meter_id?: string;
    readonly face_value_per_mwh: AminoMoney;
    readonly terms: AminoContractTerms;
  };
}

export interface AminoMsgDisaggregateSide extends AminoMsg {
  readonly type: "gridledger/MsgDisaggregateSide";
  readonly value: {
    readonly owner?: string;
    readonly side?: Side;
    readonly source_token_id?: string;
    readonly wh_parts?: string[];
    readonly split_after_period?: string;
    readonly producer_meter_id?: string;
    readonly consumer_meter_id?: string;
    readonly face_value_per_mwh: AminoMoney;
    readonly terms: AminoContractTerms;
  };
}

export interface AminoMsgProcure extends AminoMsg {
  readonly type: "gridledger/MsgProcure";
  readonly value: {
    readonly operator?: string;
    readonly token_id?: string;
    readonly side?: Side;
    /** kind is the TradeKind enum number. */
    readonly kind?: TradeKind;
    readonly max_price_per_mwh?: string;
    readonly denom?: string;
    readonly meter_id?: string;
  };
}

export interface AminoMsgRedispatch extends AminoMsg {
  readonly type: "gridledger/MsgRedispatch";
  readonly value: {
    readonly operator?: string;
    readonly token_id?: string;
    readonly side?: Side;
    readonly to?: string;
    readonly meter_id?: string;
  };
}

export interface AminoMsgCancelToken extends AminoMsg {
  readonly type: "gridledger/MsgCancelToken";
  readonly value: { readonly owner?: string; readonly token_id?: string };
}

export interface AminoMsgCancelTokenJointly extends AminoMsg {
  readonly type: "gridledger/MsgCancelTokenJointly";
  readonly value: {
    readonly producer_owner?: string;
    readonly consumer_owner?: string;
    readonly token_id?: string;
  };
}

export interface AminoMsgSetPriceBand extends AminoMsg {
  readonly type: "gridledger/MsgSetPriceBand";
  readonly value: {
    readonly operator?: string;
    readonly denom?: string;
    readonly min_per_mwh?: string;
    readonly max_per_mwh?: string;
  };
}

export function isAminoMsgIssueToken(msg: AminoMsg): msg is AminoMsgIssueToken {
  return msg.type === "gridledger/MsgIssueToken";
}

export function isAminoMsgSetAsk(msg: AminoMsg): msg is AminoMsgSetAsk {
  return msg.type === "gridledger/MsgSetAsk";
}

export function isAminoMsgBuySide(msg: AminoMsg): msg is AminoMsgBuySide {
  return msg.type === "gridledger/MsgBuySide";
}

export function isAminoMsgHandOverSide(msg: AminoMsg): msg is AminoMsgHandOverSide {
  return msg.type === "gridledger/MsgHandOverSide";
}

export function isAminoMsgSplitToken(msg: AminoMsg): msg is AminoMsgSplitToken {
  return msg.type === "gridledger/MsgSplitToken";
}

export function isAminoMsgMergeTokens(msg: AminoMsg): msg is AminoMsgMergeTokens {
  return msg.type === "gridledger/MsgMergeTokens";
}

export function isAminoMsgAggregateSides(msg: AminoMsg): msg is AminoMsgAggregateSides {
  return msg.type === "gridledger/MsgAggregateSides";
}

export function isAminoMsgDisaggregateSide(msg: AminoMsg): msg is AminoMsgDisaggregateSide {
  return msg.type === "gridledger/MsgDisaggregateSide";
}

export function isAminoMsgProcure(msg: AminoMsg): msg is AminoMsgProcure {
  return msg.type === "gridledger/MsgProcure";
}

export function isAminoMsgRedispatch(msg: AminoMsg): msg is AminoMsgRedispatch {
  return msg.type === "gridledger/MsgRedispatch";
}

export function isAminoMsgCancelToken(msg: AminoMsg): msg is AminoMsgCancelToken {
  return msg.type === "gridledger/MsgCancelToken";
}

export function isAminoMsgCancelTokenJointly(msg: AminoMsg): msg is AminoMsgCancelTokenJointly {
  return msg.type === "gridledger/MsgCancelTokenJointly";
}

export function isAminoMsgSetPriceBand(msg: AminoMsg): msg is AminoMsgSetPriceBand {
  return msg.type === "gridledger/MsgSetPriceBand";
}

/** moneyToAmino writes a dont_omitempty Money; an unset one is written as {"amount":"0"}. */
export function moneyToAmino(money: Money | undefined): AminoMoney {
  const m = money ?? Money.fromPartial({});
  return compact({ amount: intToAmino(m.amount), denom: omitString(m.denom) });
}

export function moneyFromAmino(money: AminoMoney): Money {
  return { amount: money.amount, denom: money.denom ?? "" };
}

/** termsToAmino writes dont_omitempty ContractTerms; the fees are always present, "0" when empty. */
export function termsToAmino(terms: ContractTerms | undefined): AminoContractTerms {
  const t = terms ?? ContractTerms.fromPartial({});
  return compact({
    settlement_delay_periods: omitUint64(t.settlementDelayPeriods),
    cancellation_fee: intToAmino(t.cancellationFee),
    producer_default_delay_periods: omitUint64(t.producerDefaultDelayPeriods),
    producer_default_fee: intToAmino(t.producerDefaultFee),
    consumer_default_delay_periods: omitUint64(t.consumerDefaultDelayPeriods),
    consumer_default_fee: intToAmino(t.consumerDefaultFee),
    legal_framework: omitString(t.legalFramework),
  });
}

export function termsFromAmino(terms: AminoContractTerms): ContractTerms {
  return {
    settlementDelayPeriods: parseUint64(terms.settlement_delay_periods),
    cancellationFee: terms.cancellation_fee,
    producerDefaultDelayPeriods: parseUint64(terms.producer_default_delay_periods),
    producerDefaultFee: terms.producer_default_fee,
    consumerDefaultDelayPeriods: parseUint64(terms.consumer_default_delay_periods),
    consumerDefaultFee: terms.consumer_default_fee,
    legalFramework: terms.legal_framework ?? "",
  };
}

function capabilityToAmino(capability: Capability | undefined): AminoCapability {
  const c = capability ?? Capability.fromPartial({});
  return compact({
    offered: omitBool(c.offered),
    mobilisation_seconds: omitUint64(c.mobilisationSeconds),
    price_per_mwh: omitInt64(c.pricePerMwh),
  });
}

function capabilityFromAmino(capability: AminoCapability): Capability {
  return {
    offered: capability.offered ?? false,
    mobilisationSeconds: parseUint64(capability.mobilisation_seconds),
    pricePerMwh: parseInt64(capability.price_per_mwh),
  };
}

/** capabilitiesToAmino writes dont_omitempty BalancingCapabilities; each service `{}` when not offered. */
export function capabilitiesToAmino(
  capabilities: BalancingCapabilities | undefined,
): AminoBalancingCapabilities {
  const c = capabilities ?? BalancingCapabilities.fromPartial({});
  return {
    redispatch: capabilityToAmino(c.redispatch),
    primary: capabilityToAmino(c.primary),
    secondary: capabilityToAmino(c.secondary),
    tertiary: capabilityToAmino(c.tertiary),
  };
}

export function capabilitiesFromAmino(capabilities: AminoBalancingCapabilities): BalancingCapabilities {
  return {
    redispatch: capabilityFromAmino(capabilities.redispatch),
    primary: capabilityFromAmino(capabilities.primary),
    secondary: capabilityFromAmino(capabilities.secondary),
    tertiary: capabilityFromAmino(capabilities.tertiary),
  };
}

/** askToAmino writes a dont_omitempty Ask; a void ask is `{}`. */
export function askToAmino(ask: Ask | undefined): AminoAsk {
  const a = ask ?? Ask.fromPartial({});
  return compact({
    for_sale: omitBool(a.forSale),
    price_per_mwh: omitInt64(a.pricePerMwh),
    denom: omitString(a.denom),
  });
}

export function askFromAmino(ask: AminoAsk): Ask {
  return { forSale: ask.for_sale ?? false, pricePerMwh: parseInt64(ask.price_per_mwh), denom: ask.denom ?? "" };
}

// As in x/fiat: each toAmino first normalises its input with the generated fromPartial, the same
// step the protobuf registry takes, and fromAmino always sets nested messages, so the body CosmJS
// encodes for amino signing carries them and the chain's encoder reproduces the signed JSON.

/** createEnergyAminoConverters returns the amino converters of every x/energy Msg. */
export function createEnergyAminoConverters(): AminoConverters {
  return {
    [msgIssueTokenTypeUrl]: {
      aminoType: "gridledger/MsgIssueToken",
      toAmino: (value: Partial<MsgIssueToken>): AminoMsgIssueToken["value"] => {
        const m = MsgIssueToken.fromPartial(value);
        return compact({
          issuer: omitString(m.issuer),
          first_period: omitUint64(m.firstPeriod),
          last_period: omitUint64(m.lastPeriod),
          wh_per_period: omitUint64(m.whPerPeriod),
          producer_meter_id: omitString(m.producerMeterId),
          consumer_meter_id: omitString(m.consumerMeterId),
          co2_grams: omitUint64(m.co2Grams),
          face_value_per_mwh: moneyToAmino(m.faceValuePerMwh),
          terms: termsToAmino(m.terms),
          capabilities: capabilitiesToAmino(m.capabilities),
          category: omitNumber(m.category),
          producer_ask: askToAmino(m.producerAsk),
          consumer_ask: askToAmino(m.consumerAsk),
        });
      },
      fromAmino: (value: AminoMsgIssueToken["value"]): MsgIssueToken => ({
        issuer: value.issuer ?? "",
        firstPeriod: parseUint64(value.first_period),
        lastPeriod: parseUint64(value.last_period),
        whPerPeriod: parseUint64(value.wh_per_period),
        producerMeterId: value.producer_meter_id ?? "",
        consumerMeterId: value.consumer_meter_id ?? "",
        co2Grams: parseUint64(value.co2_grams),
        faceValuePerMwh: moneyFromAmino(value.face_value_per_mwh),
        terms: termsFromAmino(value.terms),
        capabilities: capabilitiesFromAmino(value.capabilities),
        category: value.category ?? 0,
        producerAsk: askFromAmino(value.producer_ask),
        consumerAsk: askFromAmino(value.consumer_ask),
      }),
    },
    [msgSetAskTypeUrl]: {
      aminoType: "gridledger/MsgSetAsk",
      toAmino: (value: Partial<MsgSetAsk>): AminoMsgSetAsk["value"] => {
        const m = MsgSetAsk.fromPartial(value);
        return compact({
          owner: omitString(m.owner),
          token_id: omitUint64(m.tokenId),
          side: omitNumber(m.side),
          ask: askToAmino(m.ask),
        });
      },
      fromAmino: (value: AminoMsgSetAsk["value"]): MsgSetAsk => ({
        owner: value.owner ?? "",
        tokenId: parseUint64(value.token_id),
        side: value.side ?? 0,
        ask: askFromAmino(value.ask),
      }),
    },
    [msgBuySideTypeUrl]: {
      aminoType: "gridledger/MsgBuySide",
      toAmino: (value: Partial<MsgBuySide>): AminoMsgBuySide["value"] => {
        const m = MsgBuySide.fromPartial(value);
        return compact({
          buyer: omitString(m.buyer),
          token_id: omitUint64(m.tokenId),
          side: omitNumber(m.side),
          max_price_per_mwh: omitInt64(m.maxPricePerMwh),
          denom: omitString(m.denom),
          meter_id: omitString(m.meterId),
        });
      },
      fromAmino: (value: AminoMsgBuySide["value"]): MsgBuySide => ({
        buyer: value.buyer ?? "",
        tokenId: parseUint64(value.token_id),
        side: value.side ?? 0,
        maxPricePerMwh: parseInt64(value.max_price_per_mwh),
        denom: value.denom ?? "",
        meterId: value.meter_id ?? "",
      }),
    },
    [msgHandOverSideTypeUrl]: {
      aminoType: "gridledger/MsgHandOverSide",
      toAmino: (value: Partial<MsgHandOverSide>): AminoMsgHandOverSide["value"] => {
        const m = MsgHandOverSide.fromPartial(value);
        return compact({
          from: omitString(m.from),
          to: omitString(m.to),
          token_id: omitUint64(m.tokenId),
          side: omitNumber(m.side),
          meter_id: omitString(m.meterId),
        });
      },
      fromAmino: (value: AminoMsgHandOverSide["value"]): MsgHandOverSide => ({
        from: value.from ?? "",
        to: value.to ?? "",
        tokenId: parseUint64(value.token_id),
        side: value.side ?? 0,
        meterId: value.meter_id ?? "",
      }),
    },
    [msgSplitTokenTypeUrl]: {
      aminoType: "gridledger/MsgSplitToken",
      toAmino: (value: Partial<MsgSplitToken>): AminoMsgSplitToken["value"] => {
        const m = MsgSplitToken.fromPartial(value);
        return compact({
          producer_owner: omitString(m.producerOwner),
          consumer_owner: omitString(m.consumerOwner),
          token_id: omitUint64(m.tokenId),
          wh_parts: omitUint64List(m.whParts),
          split_after_period: omitUint64(m.splitAfterPeriod),
        });
      },
      fromAmino: (value: AminoMsgSplitToken["value"]): MsgSplitToken => ({
        producerOwner: value.producer_owner ?? "",
        consumerOwner: value.consumer_owner ?? "",
        tokenId: parseUint64(value.token_id),
        whParts: parseUint64List(value.wh_parts),
        splitAfterPeriod: parseUint64(value.split_after_period),
      }),
    },
    [msgMergeTokensTypeUrl]: {
      aminoType: "gridledger/MsgMergeTokens",
      toAmino: (value: Partial<MsgMergeTokens>): AminoMsgMergeTokens["value"] => {
        const m = MsgMergeTokens.fromPartial(value);
        return compact({
          producer_owner: omitString(m.producerOwner),
          consumer_owner: omitString(m.consumerOwner),
          token_ids: omitUint64List(m.tokenIds),
        });
      },
      fromAmino: (value: AminoMsgMergeTokens["value"]): MsgMergeTokens => ({
        producerOwner: value.producer_owner ?? "",
        consumerOwner: value.consumer_owner ?? "",
        tokenIds: parseUint64List(value.token_ids),
      }),
    },
    [msgAggregateSidesTypeUrl]: {
      aminoType: "gridledger/MsgAggregateSides",
      toAmino: (value: Partial<MsgAggregateSides>): AminoMsgAggregateSides["value"] => {
        const m = MsgAggregateSides.fromPartial(value);
        return compact({
          owner: omitString(m.owner),
          side: omitNumber(m.side),
          source_token_ids: omitUint64List(m.sourceTokenIds),
          producer_meter_id: omitString(m.producerMeterId),
          consumer_meter_id: omitString(m.consumerMeterId),
          face_value_per_mwh: moneyToAmino(m.faceValuePerMwh),
          terms: termsToAmino(m.terms),
        });
      },
      fromAmino: (value: AminoMsgAggregateSides["value"]): MsgAggregateSides => ({
        owner: value.owner ?? "",
        side: value.side ?? 0,
        sourceTokenIds: parseUint64List(value.source_token_ids),
        producerMeterId: value.producer_meter_id ?? "",
        consumerMeterId: value.consumer_meter_id ?? "",
        faceValuePerMwh: moneyFromAmino(value.face_value_per_mwh),
        terms: termsFromAmino(value.terms),
      }),
    },
    [msgDisaggregateSideTypeUrl]: {
      aminoType: "gridledger/MsgDisaggregateSide",
      toAmino: (value: Partial<MsgDisaggregateSide>): AminoMsgDisaggregateSide["value"] => {
        const m = MsgDisaggregateSide.fromPartial(value);
        return compact({
          owner: omitString(m.owner),
          side: omitNumber(m.side),
          source_token_id: omitUint64(m.sourceTokenId),
          wh_parts: omitUint64List(m.whParts),
          split_after_period: omitUint64(m.splitAfterPeriod),
          producer_meter_id: omitString(m.producerMeterId),
          consumer_meter_id: omitString(m.consumerMeterId),
          face_value_per_mwh: moneyToAmino(m.faceValuePerMwh),
          terms: termsToAmino(m.terms),
        });
      },
      fromAmino: (value: AminoMsgDisaggregateSide["value"]): MsgDisaggregateSide => ({
        owner: value.owner ?? "",
        side: value.side ?? 0,
        sourceTokenId: parseUint64(value.source_token_id),
        whParts: parseUint64List(value.wh_parts),
        splitAfterPeriod: parseUint64(value.split_after_period),
        producerMeterId: value.producer_meter_id ?? "",
        consumerMeterId: value.consumer_meter_id ?? "",
        faceValuePerMwh: moneyFromAmino(value.face_value_per_mwh),
        terms: termsFromAmino(value.terms),
      }),
    },
    [msgProcureTypeUrl]: {
      aminoType: "gridledger/MsgProcure",
      toAmino: (value: Partial<MsgProcure>): AminoMsgProcure["value"] => {
        const m = MsgProcure.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          token_id: omitUint64(m.tokenId),
          side: omitNumber(m.side),
          kind: omitNumber(m.kind),
          max_price_per_mwh: omitInt64(m.maxPricePerMwh),
          denom: omitString(m.denom),
          meter_id: omitString(m.meterId),
        });
      },
      fromAmino: (value: AminoMsgProcure["value"]): MsgProcure => ({
        operator: value.operator ?? "",
        tokenId: parseUint64(value.token_id),
        side: value.side ?? 0,
        kind: value.kind ?? 0,
        maxPricePerMwh: parseInt64(value.max_price_per_mwh),
        denom: value.denom ?? "",
        meterId: value.meter_id ?? "",
      }),
    },
    [msgRedispatchTypeUrl]: {
      aminoType: "gridledger/MsgRedispatch",
      toAmino: (value: Partial<MsgRedispatch>): AminoMsgRedispatch["value"] => {
        const m = MsgRedispatch.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          token_id: omitUint64(m.tokenId),
          side: omitNumber(m.side),
          to: omitString(m.to),
          meter_id: omitString(m.meterId),
        });
      },
      fromAmino: (value: AminoMsgRedispatch["value"]): MsgRedispatch => ({
        operator: value.operator ?? "",
        tokenId: parseUint64(value.token_id),
        side: value.side ?? 0,
        to: value.to ?? "",
        meterId: value.meter_id ?? "",
      }),
    },
    [msgCancelTokenTypeUrl]: {
      aminoType: "gridledger/MsgCancelToken",
      toAmino: (value: Partial<MsgCancelToken>): AminoMsgCancelToken["value"] => {
        const m = MsgCancelToken.fromPartial(value);
        return compact({ owner: omitString(m.owner), token_id: omitUint64(m.tokenId) });
      },
      fromAmino: (value: AminoMsgCancelToken["value"]): MsgCancelToken => ({
        owner: value.owner ?? "",
        tokenId: parseUint64(value.token_id),
      }),
    },
    [msgCancelTokenJointlyTypeUrl]: {
      aminoType: "gridledger/MsgCancelTokenJointly",
      toAmino: (value: Partial<MsgCancelTokenJointly>): AminoMsgCancelTokenJointly["value"] => {
        const m = MsgCancelTokenJointly.fromPartial(value);
        return compact({
          producer_owner: omitString(m.producerOwner),
          consumer_owner: omitString(m.consumerOwner),
          token_id: omitUint64(m.tokenId),
        });
      },
      fromAmino: (value: AminoMsgCancelTokenJointly["value"]): MsgCancelTokenJointly => ({
        producerOwner: value.producer_owner ?? "",
        consumerOwner: value.consumer_owner ?? "",
        tokenId: parseUint64(value.token_id),
      }),
    },
    [msgSetPriceBandTypeUrl]: {
      aminoType: "gridledger/MsgSetPriceBand",
      toAmino: (value: Partial<MsgSetPriceBand>): AminoMsgSetPriceBand["value"] => {
        const m = MsgSetPriceBand.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          denom: omitString(m.denom),
          min_per_mwh: omitInt64(m.minPerMwh),
          max_per_mwh: omitInt64(m.maxPerMwh),
        });
      },
      fromAmino: (value: AminoMsgSetPriceBand["value"]): MsgSetPriceBand => ({
        operator: value.operator ?? "",
        denom: value.denom ?? "",
        minPerMwh: parseInt64(value.min_per_mwh),
        maxPerMwh: parseInt64(value.max_per_mwh),
      }),
    },
  };
}
