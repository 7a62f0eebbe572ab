/**
 * Builders from friendly inputs to complete EncodeObjects. GridledgerClient's typed methods use
 * them; callers use them directly to put several messages into one transaction with
 * `client.submit` (one signer) or `client.submitJointly` (several signers).
 *
 * Units are the chain's: energy in Wh, time in periods (period n covers Unix seconds
 * [n*P, (n+1)*P), P = the `period_seconds` parameter, see periods.ts), prices per MWh in a fiat
 * denom's base units, any sign.
 */
import type { EnergyCategory } from "../../generated/gridledger/balancing/v1/types.js";
import type {
  Ask,
  BalancingCapabilities,
  Capability,
  ContractTerms,
  Money,
  Side,
} from "../../generated/gridledger/energy/v1/types.js";
import { type Amount, type CoinInput, toIntString } from "../fiat/compose.js";
import {
  msgBuySideTypeUrl,
  type MsgBuySideEncodeObject,
  msgCancelTokenJointlyTypeUrl,
  type MsgCancelTokenJointlyEncodeObject,
  msgCancelTokenTypeUrl,
  type MsgCancelTokenEncodeObject,
  msgHandOverSideTypeUrl,
  type MsgHandOverSideEncodeObject,
  msgIssueTokenTypeUrl,
  type MsgIssueTokenEncodeObject,
  msgMergeTokensTypeUrl,
  type MsgMergeTokensEncodeObject,
  msgSetAskTypeUrl,
  type MsgSetAskEncodeObject,
  msgSetPriceBandTypeUrl,
  type MsgSetPriceBandEncodeObject,
  msgSplitTokenTypeUrl,
  type MsgSplitTokenEncodeObject,
} from "./messages.js";

/** Integer is a whole number: a bigint, or a number that is a safe integer. */
export type Integer = bigint | number;

const maxUint64 = 2n ** 64n - 1n;
const minInt64 = -(2n ** 63n);
const maxInt64 = 2n ** 63n - 1n;

function toBigInt(value: Integer, field: string): bigint {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new Error(`${field} ${String(value)} is not a safe integer: pass a bigint`);
  }
  return BigInt(value);
}

/** toUint64 checks that value fits a uint64 (ids, periods, Wh, grams, seconds). */
export function toUint64(value: Integer, field: string): bigint {
  const v = toBigInt(value, field);
  if (v < 0n || v > maxUint64) throw new Error(`${field} ${v.toString()} is outside 0..2^64-1`);
  return v;
}

/** toInt64 checks that value fits an int64 (prices per MWh, which may be negative). */
export function toInt64(value: Integer, field: string): bigint {
  const v = toBigInt(value, field);
  if (v < minInt64 || v > maxInt64) throw new Error(`${field} ${v.toString()} is outside the int64 range`);
  return v;
}

/**
 * ContractTermsInput are a token's contract terms; fees are in the face value's denom, base units.
 * Unset fields are zero: no cancellation fee means a token can only be cancelled jointly.
 */
export interface ContractTermsInput {
  /** settlementDelayPeriods is how many periods after the last delivery period payment is due. */
  readonly settlementDelayPeriods?: Integer;
  /** cancellationFee is what one side's owner pays the other to withdraw alone. */
  readonly cancellationFee?: Amount;
  readonly producerDefaultDelayPeriods?: Integer;
  /** producerDefaultFee is per MWh. */
  readonly producerDefaultFee?: Amount;
  readonly consumerDefaultDelayPeriods?: Integer;
  /** consumerDefaultFee is per MWh. */
  readonly consumerDefaultFee?: Amount;
  /** legalFramework is a code such as "EFET-2007-CH", at most 64 characters. */
  readonly legalFramework?: string;
}

/** CapabilityInput is an offered balancing service: its mobilisation time and its price per MWh. */
export interface CapabilityInput {
  readonly mobilisationSeconds: Integer;
  readonly pricePerMwh: Integer;
}

/** CapabilitiesInput lists the services offered; the ones left out are not offered. */
export interface CapabilitiesInput {
  readonly redispatch?: CapabilityInput;
  readonly primary?: CapabilityInput;
  readonly secondary?: CapabilityInput;
  readonly tertiary?: CapabilityInput;
}

/** AskInput is a selling price per MWh in a fiat denom's base units; negative: the seller pays. */
export interface AskInput {
  readonly pricePerMwh: Integer;
  readonly denom: string;
}

/**
 * IssueTokenInput describes a token to issue; the issuer owns both sides afterwards. Any player
 * issues at its own meters: a producer at its production meter, a pure consumer may name its
 * consumption meter for the producer side (stating the category), a pure producer its
 * production meter for the consumer side, a trader or retailer its virtual meters.
 */
export interface IssueTokenInput {
  /** firstPeriod is the first delivery period; it must lie in the future (see currentPeriod). */
  readonly firstPeriod: Integer;
  /** lastPeriod is the last delivery period, inclusive. */
  readonly lastPeriod: Integer;
  /** whPerPeriod is the constant energy in every period, in Wh. */
  readonly whPerPeriod: Integer;
  /**
   * producerMeterId is the issuer's meter for the producer side: a production or virtual meter
   * (whose category becomes the token's) or its consumption meter; default its virtual meter for
   * `category`.
   */
  readonly producerMeterId?: string;
  /** consumerMeterId is the issuer's consumption, production or virtual meter; default its virtual meter for the category. */
  readonly consumerMeterId?: string;
  /**
   * category is the token's energy category: required when the producer meter implies none (a
   * consumption meter, or the default virtual meter); otherwise it may be left out and must match.
   */
  readonly category?: EnergyCategory;
  /** co2Grams is the token's whole life-cycle CO2 in grams; default 0. */
  readonly co2Grams?: Integer;
  /** faceValuePerMwh is the energy price due at settlement, per MWh, in an approved bank's denom. */
  readonly faceValuePerMwh: CoinInput;
  readonly terms?: ContractTermsInput;
  readonly capabilities?: CapabilitiesInput;
  /** producerAsk offers the producer side from the start (a bid); default not offered. */
  readonly producerAsk?: AskInput;
  /** consumerAsk offers the consumer side from the start; default not offered. */
  readonly consumerAsk?: AskInput;
}

/**
 * BidInput is a consumer's bid (seed §3.2.1): a new token, both sides the consumer's, whose
 * producer side is offered at `ask` to whichever producer takes on the delivery. The consumer pays
 * the face value at settlement; the ask is what a producer pays to take the producer side
 * (negative: what the consumer pays it on top).
 */
export interface BidInput {
  readonly firstPeriod: Integer;
  readonly lastPeriod: Integer;
  readonly whPerPeriod: Integer;
  /** category is the energy wanted; a consumption meter implies none. */
  readonly category: EnergyCategory;
  /**
   * meterId is the consumer's meter for both sides until a producer buys the producer side
   * (naming its own meter); default the consumer's virtual meter for the category.
   */
  readonly meterId?: string;
  readonly faceValuePerMwh: CoinInput;
  readonly ask: AskInput;
  readonly co2Grams?: Integer;
  readonly terms?: ContractTermsInput;
}

/** BuySideInput buys an offered side at its ask, never above maxPricePerMwh. */
export interface BuySideInput {
  readonly tokenId: Integer;
  readonly side: Side;
  /** maxPricePerMwh is the highest ask per MWh accepted; it may be negative. */
  readonly maxPricePerMwh: Integer;
  /** denom must be the ask's. */
  readonly denom: string;
  /** meterId is the buyer's meter for the side; default its virtual meter for the token's category. */
  readonly meterId?: string;
}

/** HandOverSideInput moves a side outside the market; `from` and `to` both sign. */
export interface HandOverSideInput {
  readonly from: string;
  readonly to: string;
  readonly tokenId: Integer;
  readonly side: Side;
  /** meterId is the new owner's meter; default its virtual meter for the token's category. */
  readonly meterId?: string;
}

/** JointOwners are a token's two side owners, who both sign splits, merges and joint cancellations. */
export interface JointOwners {
  readonly producerOwner: string;
  readonly consumerOwner: string;
}

/**
 * SplitTokenInput splits a token by volume (whParts: Wh per period of each child, summing to the
 * token's) or by time (splitAfterPeriod: the first child ends with it, the second starts after it).
 */
export type SplitTokenInput = JointOwners & { readonly tokenId: Integer } & (
    | { readonly whParts: readonly Integer[] }
    | { readonly splitAfterPeriod: Integer }
  );

/** MergeTokensInput merges like tokens with identical periods (volumes add) or adjacent periods. */
export interface MergeTokensInput extends JointOwners {
  readonly tokenIds: readonly Integer[];
}

function capability(input: CapabilityInput | undefined, field: string): Capability {
  if (input === undefined) return { offered: false, mobilisationSeconds: 0n, pricePerMwh: 0n };
  return {
    offered: true,
    mobilisationSeconds: toUint64(input.mobilisationSeconds, `${field}.mobilisationSeconds`),
    pricePerMwh: toInt64(input.pricePerMwh, `${field}.pricePerMwh`),
  };
}

/** contractTerms turns ContractTermsInput into the generated ContractTerms, every field set. */
export function contractTerms(input: ContractTermsInput = {}): ContractTerms {
  return {
    settlementDelayPeriods: toUint64(input.settlementDelayPeriods ?? 0, "settlementDelayPeriods"),
    cancellationFee: toIntString(input.cancellationFee ?? 0),
    producerDefaultDelayPeriods: toUint64(input.producerDefaultDelayPeriods ?? 0, "producerDefaultDelayPeriods"),
    producerDefaultFee: toIntString(input.producerDefaultFee ?? 0),
    consumerDefaultDelayPeriods: toUint64(input.consumerDefaultDelayPeriods ?? 0, "consumerDefaultDelayPeriods"),
    consumerDefaultFee: toIntString(input.consumerDefaultFee ?? 0),
    legalFramework: input.legalFramework ?? "",
  };
}

/** balancingCapabilities turns CapabilitiesInput into the generated message, all four services set. */
export function balancingCapabilities(input: CapabilitiesInput = {}): BalancingCapabilities {
  return {
    redispatch: capability(input.redispatch, "redispatch"),
    primary: capability(input.primary, "primary"),
    secondary: capability(input.secondary, "secondary"),
    tertiary: capability(input.tertiary, "tertiary"),
  };
}

/** askOf turns an AskInput into the generated Ask; null or undefined is the void ask. */
export function askOf(input: AskInput | null | undefined, field = "pricePerMwh"): Ask {
  if (input === null || input === undefined) return { forSale: false, pricePerMwh: 0n, denom: "" };
  return { forSale: true, pricePerMwh: toInt64(input.pricePerMwh, field), denom: input.denom };
}

/** toMoney turns a CoinInput into the generated Money (face values). */
export function toMoney(input: CoinInput): Money {
  return { amount: toIntString(input.amount), denom: input.denom };
}

export function issueTokenMsg(issuer: string, input: IssueTokenInput): MsgIssueTokenEncodeObject {
  return {
    typeUrl: msgIssueTokenTypeUrl,
    value: {
      issuer,
      firstPeriod: toUint64(input.firstPeriod, "firstPeriod"),
      lastPeriod: toUint64(input.lastPeriod, "lastPeriod"),
      whPerPeriod: toUint64(input.whPerPeriod, "whPerPeriod"),
      producerMeterId: input.producerMeterId ?? "",
      consumerMeterId: input.consumerMeterId ?? "",
      co2Grams: toUint64(input.co2Grams ?? 0, "co2Grams"),
      faceValuePerMwh: toMoney(input.faceValuePerMwh),
      terms: contractTerms(input.terms),
      capabilities: balancingCapabilities(input.capabilities),
      category: input.category ?? 0,
      producerAsk: askOf(input.producerAsk, "producerAsk.pricePerMwh"),
      consumerAsk: askOf(input.consumerAsk, "consumerAsk.pricePerMwh"),
    },
  };
}

/** placeBidMsg issues a consumer's bid: a token of its own whose producer side is offered. */
export function placeBidMsg(consumer: string, input: BidInput): MsgIssueTokenEncodeObject {
  return issueTokenMsg(consumer, {
    firstPeriod: input.firstPeriod,
    lastPeriod: input.lastPeriod,
    whPerPeriod: input.whPerPeriod,
    producerMeterId: input.meterId,
    consumerMeterId: input.meterId,
    category: input.category,
    co2Grams: input.co2Grams,
    faceValuePerMwh: input.faceValuePerMwh,
    terms: input.terms,
    producerAsk: input.ask,
  });
}

/** setAskMsg offers the owner's side at `ask`, or voids its price when ask is null. */
export function setAskMsg(
  owner: string,
  tokenId: Integer,
  side: Side,
  ask: AskInput | null,
): MsgSetAskEncodeObject {
  return {
    typeUrl: msgSetAskTypeUrl,
    value: { owner, tokenId: toUint64(tokenId, "tokenId"), side, ask: askOf(ask) },
  };
}

export function buySideMsg(buyer: string, input: BuySideInput): MsgBuySideEncodeObject {
  return {
    typeUrl: msgBuySideTypeUrl,
    value: {
      buyer,
      tokenId: toUint64(input.tokenId, "tokenId"),
      side: input.side,
      maxPricePerMwh: toInt64(input.maxPricePerMwh, "maxPricePerMwh"),
      denom: input.denom,
      meterId: input.meterId ?? "",
    },
  };
}

export function handOverSideMsg(input: HandOverSideInput): MsgHandOverSideEncodeObject {
  return {
    typeUrl: msgHandOverSideTypeUrl,
    value: {
      from: input.from,
      to: input.to,
      tokenId: toUint64(input.tokenId, "tokenId"),
      side: input.side,
      meterId: input.meterId ?? "",
    },
  };
}

export function splitTokenMsg(input: SplitTokenInput): MsgSplitTokenEncodeObject {
  const byVolume = "whParts" in input;
  return {
    typeUrl: msgSplitTokenTypeUrl,
    value: {
      producerOwner: input.producerOwner,
      consumerOwner: input.consumerOwner,
      tokenId: toUint64(input.tokenId, "tokenId"),
      whParts: byVolume ? input.whParts.map((w, i) => toUint64(w, `whParts[${String(i)}]`)) : [],
      splitAfterPeriod: byVolume ? 0n : toUint64(input.splitAfterPeriod, "splitAfterPeriod"),
    },
  };
}

export function mergeTokensMsg(input: MergeTokensInput): MsgMergeTokensEncodeObject {
  return {
    typeUrl: msgMergeTokensTypeUrl,
    value: {
      producerOwner: input.producerOwner,
      consumerOwner: input.consumerOwner,
      tokenIds: input.tokenIds.map((id, i) => toUint64(id, `tokenIds[${String(i)}]`)),
    },
  };
}

/** cancelTokenMsg withdraws the owner from a token, paying its cancellation fee to the other side. */
export function cancelTokenMsg(owner: string, tokenId: Integer): MsgCancelTokenEncodeObject {
  return { typeUrl: msgCancelTokenTypeUrl, value: { owner, tokenId: toUint64(tokenId, "tokenId") } };
}

/** cancelTokenJointlyMsg cancels a token without fee; both side owners sign. */
export function cancelTokenJointlyMsg(owners: JointOwners, tokenId: Integer): MsgCancelTokenJointlyEncodeObject {
  return {
    typeUrl: msgCancelTokenJointlyTypeUrl,
    value: {
      producerOwner: owners.producerOwner,
      consumerOwner: owners.consumerOwner,
      tokenId: toUint64(tokenId, "tokenId"),
    },
  };
}

/** PriceBandInput is a denom's price band in base units per MWh; min at or below max. */
export interface PriceBandInput {
  readonly denom: string;
  readonly minPerMwh: Integer;
  readonly maxPerMwh: Integer;
}

/**
 * setPriceBandMsg sets the band every price per MWh in a denom must lie in (asks, a buyer's
 * maximum, face values, capability prices); only the grid operator may sign it.
 */
export function setPriceBandMsg(operator: string, band: PriceBandInput): MsgSetPriceBandEncodeObject {
  return {
    typeUrl: msgSetPriceBandTypeUrl,
    value: {
      operator,
      denom: band.denom,
      minPerMwh: toInt64(band.minPerMwh, "minPerMwh"),
      maxPerMwh: toInt64(band.maxPerMwh, "maxPerMwh"),
    },
  };
}
