import type { EncodeObject, GeneratedType } from "@cosmjs/proto-signing";

import type { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import {
  MsgBuyCo2Token,
  MsgDivideCo2Token,
  MsgMergeCo2,
  MsgPublishCo2Intensity,
  MsgSetCo2Ask,
  MsgSetCo2Rate,
  MsgSplitCo2,
} from "../../generated/gridledger/energy/v1/tx.js";

// CO2 (seed §2.4): the CO2 authority's publications and rates, and CO2 tokens (grams, no energy)
// split from and merged into energy tokens and traded whole.

export const msgPublishCo2IntensityTypeUrl = "/gridledger.energy.v1.MsgPublishCo2Intensity";
export const msgSetCo2RateTypeUrl = "/gridledger.energy.v1.MsgSetCo2Rate";
export const msgSplitCo2TypeUrl = "/gridledger.energy.v1.MsgSplitCo2";
export const msgMergeCo2TypeUrl = "/gridledger.energy.v1.MsgMergeCo2";
export const msgSetCo2AskTypeUrl = "/gridledger.energy.v1.MsgSetCo2Ask";
export const msgBuyCo2TokenTypeUrl = "/gridledger.energy.v1.MsgBuyCo2Token";
export const msgDivideCo2TokenTypeUrl = "/gridledger.energy.v1.MsgDivideCo2Token";

/** msgSplitCo2ResponseTypeUrl names MsgSplitCo2Response in a transaction's msgResponses. */
export const msgSplitCo2ResponseTypeUrl = "/gridledger.energy.v1.MsgSplitCo2Response";
/** msgMergeCo2ResponseTypeUrl names MsgMergeCo2Response in a transaction's msgResponses. */
export const msgMergeCo2ResponseTypeUrl = "/gridledger.energy.v1.MsgMergeCo2Response";
/** msgBuyCo2TokenResponseTypeUrl names MsgBuyCo2TokenResponse in a transaction's msgResponses. */
export const msgBuyCo2TokenResponseTypeUrl = "/gridledger.energy.v1.MsgBuyCo2TokenResponse";
/** msgDivideCo2TokenResponseTypeUrl names MsgDivideCo2TokenResponse in a transaction's msgResponses. */
export const msgDivideCo2TokenResponseTypeUrl = "/gridledger.energy.v1.MsgDivideCo2TokenResponse";

/** co2Types are the registry entries of x/energy's CO2 messages. */
export const co2Types: ReadonlyArray<[string, GeneratedType]> = [
  [msgPublishCo2IntensityTypeUrl, MsgPublishCo2Intensity],
  [msgSetCo2RateTypeUrl, MsgSetCo2Rate],
  [msgSplitCo2TypeUrl, MsgSplitCo2],
  [msgMergeCo2TypeUrl, MsgMergeCo2],
  [msgSetCo2AskTypeUrl, MsgSetCo2Ask],
  [msgBuyCo2TokenTypeUrl, MsgBuyCo2Token],
  [msgDivideCo2TokenTypeUrl, MsgDivideCo2Token],
];

/** MsgPublishCo2IntensityEncodeObject publishes a standard intensity; the CO2 authority signs it. */
export interface MsgPublishCo2IntensityEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgPublishCo2IntensityTypeUrl;
  readonly value: Partial<MsgPublishCo2Intensity>;
}

/** MsgSetCo2RateEncodeObject sets the payment per gram in a denom; the CO2 authority signs it. */
export interface MsgSetCo2RateEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSetCo2RateTypeUrl;
  readonly value: Partial<MsgSetCo2Rate>;
}

/** MsgSplitCo2EncodeObject moves grams of CO2 from a token into a new CO2 token. */
export interface MsgSplitCo2EncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSplitCo2TypeUrl;
  readonly value: Partial<MsgSplitCo2>;
}

/** MsgMergeCo2EncodeObject adds CO2 tokens to a token. */
export interface MsgMergeCo2EncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgMergeCo2TypeUrl;
  readonly value: Partial<MsgMergeCo2>;
}

/** MsgSetCo2AskEncodeObject offers a CO2 token at a price per tonne, or voids its price. */
export interface MsgSetCo2AskEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSetCo2AskTypeUrl;
  readonly value: Partial<MsgSetCo2Ask>;
}

/** MsgBuyCo2TokenEncodeObject buys an offered CO2 token. */
export interface MsgBuyCo2TokenEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgBuyCo2TokenTypeUrl;
  readonly value: Partial<MsgBuyCo2Token>;
}

/** MsgDivideCo2TokenEncodeObject divides a CO2 token into parts whose grams add up to it. */
export interface MsgDivideCo2TokenEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgDivideCo2TokenTypeUrl;
  readonly value: Partial<MsgDivideCo2Token>;
}

export function isMsgSplitCo2EncodeObject(o: EncodeObject): o is MsgSplitCo2EncodeObject {
  return o.typeUrl === msgSplitCo2TypeUrl;
}

export function isMsgMergeCo2EncodeObject(o: EncodeObject): o is MsgMergeCo2EncodeObject {
  return o.typeUrl === msgMergeCo2TypeUrl;
}

/** co2Signers lists the one signer of a CO2 message; undefined for other messages. */
export function co2Signers(o: EncodeObject): string[] | undefined {
  const v = o.value as Record<string, unknown>;
  const field = (name: string): string => (typeof v[name] === "string" ? v[name] : "");
  switch (o.typeUrl) {
    case msgPublishCo2IntensityTypeUrl:
    case msgSetCo2RateTypeUrl:
      return [field("authority")];
    case msgSplitCo2TypeUrl:
    case msgMergeCo2TypeUrl:
    case msgSetCo2AskTypeUrl:
    case msgDivideCo2TokenTypeUrl:
      return [field("owner")];
    case msgBuyCo2TokenTypeUrl:
      return [field("buyer")];
    default:
      return undefined;
  }
}

/** publishCo2IntensityMsg publishes a category's standard intensity (g/MWh) from a period on. */
export function publishCo2IntensityMsg(
  authority: string,
  category: EnergyCategory,
  fromPeriod: bigint | number,
  gramsPerMwh: bigint | number,
): MsgPublishCo2IntensityEncodeObject {
  return {
    typeUrl: msgPublishCo2IntensityTypeUrl,
    value: { authority, category, fromPeriod: BigInt(fromPeriod), gramsPerMwh: BigInt(gramsPerMwh) },
  };
}

/** setCo2RateMsg sets the payment per gram of consumed CO2 in a denom (base units; zero allowed). */
export function setCo2RateMsg(authority: string, denom: string, ratePerGram: bigint | number | string): MsgSetCo2RateEncodeObject {
  return { typeUrl: msgSetCo2RateTypeUrl, value: { authority, denom, ratePerGram: BigInt(ratePerGram).toString() } };
}

/** splitCo2Msg moves grams of CO2 from a token whose two sides owner holds into a new CO2 token. */
export function splitCo2Msg(owner: string, tokenId: bigint | number, grams: bigint | number): MsgSplitCo2EncodeObject {
  return { typeUrl: msgSplitCo2TypeUrl, value: { owner, tokenId: BigInt(tokenId), grams: BigInt(grams) } };
}

/** mergeCo2Msg adds the CO2 tokens owner holds to a token whose two sides it holds. */
export function mergeCo2Msg(
  owner: string,
  tokenId: bigint | number,
  co2TokenIds: ReadonlyArray<bigint | number>,
): MsgMergeCo2EncodeObject {
  return { typeUrl: msgMergeCo2TypeUrl, value: { owner, tokenId: BigInt(tokenId), co2TokenIds: co2TokenIds.map((id) => BigInt(id)) } };
}

/** Co2AskInput is a CO2 token's price per tonne in a denom's base units (any sign); null voids it. */
export interface Co2AskInput {
  readonly pricePerTonne: bigint | number;
  readonly denom: string;
}

/** setCo2AskMsg offers a CO2 token at a price per tonne, or voids its price (ask null). */
export function setCo2AskMsg(owner: string, co2TokenId: bigint | number, ask: Co2AskInput | null): MsgSetCo2AskEncodeObject {
  return {
    typeUrl: msgSetCo2AskTypeUrl,
    value: {
      owner,
      co2TokenId: BigInt(co2TokenId),
      ask:
        ask === null
          ? { forSale: false, pricePerTonne: 0n, denom: "" }
          : { forSale: true, pricePerTonne: BigInt(ask.pricePerTonne), denom: ask.denom },
    },
  };
}

/** buyCo2TokenMsg buys an offered CO2 token at most maxPricePerTonne in denom. */
export function buyCo2TokenMsg(
  buyer: string,
  co2TokenId: bigint | number,
  maxPricePerTonne: bigint | number,
  denom: string,
): MsgBuyCo2TokenEncodeObject {
  return {
    typeUrl: msgBuyCo2TokenTypeUrl,
    value: { buyer, co2TokenId: BigInt(co2TokenId), maxPricePerTonne: BigInt(maxPricePerTonne), denom },
  };
}

/**
 * divideCo2TokenMsg divides a CO2 token owner holds (not offered) into parts of gramsParts grams,
 * at least two, adding up to its grams exactly; the chain answers the parts' ids in this order.
 */
export function divideCo2TokenMsg(
  owner: string,
  co2TokenId: bigint | number,
  gramsParts: ReadonlyArray<bigint | number>,
): MsgDivideCo2TokenEncodeObject {
  return {
    typeUrl: msgDivideCo2TokenTypeUrl,
    value: { owner, co2TokenId: BigInt(co2TokenId), gramsParts: gramsParts.map((g) => BigInt(g)) },
  };
}

/**
 * intensityAfter is the intensity (g/MWh, rounded down) a token of totalWh Wh would have with
 * co2Grams of CO2; undefined for a token without energy. The UI's preview of a split or merge.
 */
export function intensityAfter(co2Grams: bigint, totalWh: bigint): bigint | undefined {
  if (totalWh <= 0n) return undefined;
  return (co2Grams * 1_000_000n) / totalWh;
}

/**
 * gramsToStandard is the CO2 to split off (positive) or merge in (negative) for a token of totalWh
 * Wh carrying co2Grams to reach gramsPerMwh exactly (rounded toward the standard).
 */
export function gramsToStandard(co2Grams: bigint, totalWh: bigint, gramsPerMwh: bigint): bigint {
  const target = (gramsPerMwh * totalWh) / 1_000_000n;
  return co2Grams - target;
}
