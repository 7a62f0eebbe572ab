import type { EncodeObject, GeneratedType } from "@cosmjs/proto-signing";

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

// Type URLs are "/" + the proto full name; the chain's interface registry resolves Anys by them.
export const msgIssueTokenTypeUrl = "/gridledger.energy.v1.MsgIssueToken";
export const msgSetAskTypeUrl = "/gridledger.energy.v1.MsgSetAsk";
export const msgBuySideTypeUrl = "/gridledger.energy.v1.MsgBuySide";
export const msgHandOverSideTypeUrl = "/gridledger.energy.v1.MsgHandOverSide";
export const msgSplitTokenTypeUrl = "/gridledger.energy.v1.MsgSplitToken";
export const msgMergeTokensTypeUrl = "/gridledger.energy.v1.MsgMergeTokens";
export const msgAggregateSidesTypeUrl = "/gridledger.energy.v1.MsgAggregateSides";
export const msgDisaggregateSideTypeUrl = "/gridledger.energy.v1.MsgDisaggregateSide";
export const msgProcureTypeUrl = "/gridledger.energy.v1.MsgProcure";
export const msgRedispatchTypeUrl = "/gridledger.energy.v1.MsgRedispatch";
export const msgCancelTokenTypeUrl = "/gridledger.energy.v1.MsgCancelToken";
export const msgCancelTokenJointlyTypeUrl = "/gridledger.energy.v1.MsgCancelTokenJointly";
export const msgSetPriceBandTypeUrl = "/gridledger.energy.v1.MsgSetPriceBand";

/** msgIssueTokenResponseTypeUrl names MsgIssueTokenResponse in a transaction's msgResponses. */
export const msgIssueTokenResponseTypeUrl = "/gridledger.energy.v1.MsgIssueTokenResponse";
/** msgBuySideResponseTypeUrl names MsgBuySideResponse in a transaction's msgResponses. */
export const msgBuySideResponseTypeUrl = "/gridledger.energy.v1.MsgBuySideResponse";
/** msgSplitTokenResponseTypeUrl names MsgSplitTokenResponse in a transaction's msgResponses. */
export const msgSplitTokenResponseTypeUrl = "/gridledger.energy.v1.MsgSplitTokenResponse";
/** msgMergeTokensResponseTypeUrl names MsgMergeTokensResponse in a transaction's msgResponses. */
export const msgMergeTokensResponseTypeUrl = "/gridledger.energy.v1.MsgMergeTokensResponse";
/** msgAggregateSidesResponseTypeUrl names MsgAggregateSidesResponse in a transaction's msgResponses. */
export const msgAggregateSidesResponseTypeUrl = "/gridledger.energy.v1.MsgAggregateSidesResponse";
/** msgDisaggregateSideResponseTypeUrl names MsgDisaggregateSideResponse in a transaction's msgResponses. */
export const msgDisaggregateSideResponseTypeUrl = "/gridledger.energy.v1.MsgDisaggregateSideResponse";
/** msgProcureResponseTypeUrl names MsgProcureResponse in a transaction's msgResponses. */
export const msgProcureResponseTypeUrl = "/gridledger.energy.v1.MsgProcureResponse";
/** msgRedispatchResponseTypeUrl names MsgRedispatchResponse in a transaction's msgResponses. */
export const msgRedispatchResponseTypeUrl = "/gridledger.energy.v1.MsgRedispatchResponse";

/** energyTypes are the registry entries of x/energy's messages, as CosmJS's `bankTypes`. */
export const energyTypes: ReadonlyArray<[string, GeneratedType]> = [
  [msgIssueTokenTypeUrl, MsgIssueToken],
  [msgSetAskTypeUrl, MsgSetAsk],
  [msgBuySideTypeUrl, MsgBuySide],
  [msgHandOverSideTypeUrl, MsgHandOverSide],
  [msgSplitTokenTypeUrl, MsgSplitToken],
  [msgMergeTokensTypeUrl, MsgMergeTokens],
  [msgAggregateSidesTypeUrl, MsgAggregateSides],
  [msgDisaggregateSideTypeUrl, MsgDisaggregateSide],
  [msgProcureTypeUrl, MsgProcure],
  [msgRedispatchTypeUrl, MsgRedispatch],
  [msgCancelTokenTypeUrl, MsgCancelToken],
  [msgCancelTokenJointlyTypeUrl, MsgCancelTokenJointly],
  [msgSetPriceBandTypeUrl, MsgSetPriceBand],
];

// Values are Partial because the registry fills unset fields through fromPartial and the amino
// converters treat them as defaults. As in x/fiat, nested messages (face value, terms,
// capabilities, asks) must be set for amino (Ledger) signatures to verify; the builders in
// compose.ts always set them.

/** MsgIssueTokenEncodeObject issues a token whose two sides the issuer owns. */
export interface MsgIssueTokenEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgIssueTokenTypeUrl;
  readonly value: Partial<MsgIssueToken>;
}

/** MsgSetAskEncodeObject offers a side at a price, or voids its price (for_sale false). */
export interface MsgSetAskEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSetAskTypeUrl;
  readonly value: Partial<MsgSetAsk>;
}

export interface MsgBuySideEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgBuySideTypeUrl;
  readonly value: Partial<MsgBuySide>;
}

/** MsgHandOverSideEncodeObject needs two signatures: `from` and `to` (see GridledgerClient.submitJointly). */
export interface MsgHandOverSideEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgHandOverSideTypeUrl;
  readonly value: Partial<MsgHandOverSide>;
}

/** MsgSplitTokenEncodeObject needs both side owners' signatures (one when they are the same). */
export interface MsgSplitTokenEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSplitTokenTypeUrl;
  readonly value: Partial<MsgSplitToken>;
}

/** MsgMergeTokensEncodeObject needs both side owners' signatures (one when they are the same). */
export interface MsgMergeTokensEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgMergeTokensTypeUrl;
  readonly value: Partial<MsgMergeTokens>;
}

/**
 * MsgAggregateSidesEncodeObject keeps one side of several tokens and emits one token with their
 * summed energy and CO2, both of its sides the owner's; the kept sides then back it.
 */
export interface MsgAggregateSidesEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgAggregateSidesTypeUrl;
  readonly value: Partial<MsgAggregateSides>;
}

/**
 * MsgDisaggregateSideEncodeObject keeps one side of a token and emits tokens with its energy and
 * CO2 split by volume or at a period, both of their sides the owner's; the kept side backs them.
 */
export interface MsgDisaggregateSideEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgDisaggregateSideTypeUrl;
  readonly value: Partial<MsgDisaggregateSide>;
}

/**
 * MsgProcureEncodeObject buys an offered side as the balancing authority (a reserve or grid-loss
 * energy); only the grid operator may sign it.
 */
export interface MsgProcureEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgProcureTypeUrl;
  readonly value: Partial<MsgProcure>;
}

/**
 * MsgRedispatchEncodeObject moves a side to another participant's meter before delivery; only the
 * grid operator may sign it.
 */
export interface MsgRedispatchEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgRedispatchTypeUrl;
  readonly value: Partial<MsgRedispatch>;
}

export interface MsgCancelTokenEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgCancelTokenTypeUrl;
  readonly value: Partial<MsgCancelToken>;
}

/** MsgCancelTokenJointlyEncodeObject needs both side owners' signatures (one when they are the same). */
export interface MsgCancelTokenJointlyEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgCancelTokenJointlyTypeUrl;
  readonly value: Partial<MsgCancelTokenJointly>;
}

/** MsgSetPriceBandEncodeObject sets a denom's price band; only the grid operator may sign it. */
export interface MsgSetPriceBandEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSetPriceBandTypeUrl;
  readonly value: Partial<MsgSetPriceBand>;
}

export function isMsgIssueTokenEncodeObject(o: EncodeObject): o is MsgIssueTokenEncodeObject {
  return o.typeUrl === msgIssueTokenTypeUrl;
}

export function isMsgSetAskEncodeObject(o: EncodeObject): o is MsgSetAskEncodeObject {
  return o.typeUrl === msgSetAskTypeUrl;
}

export function isMsgBuySideEncodeObject(o: EncodeObject): o is MsgBuySideEncodeObject {
  return o.typeUrl === msgBuySideTypeUrl;
}

export function isMsgHandOverSideEncodeObject(o: EncodeObject): o is MsgHandOverSideEncodeObject {
  return o.typeUrl === msgHandOverSideTypeUrl;
}

export function isMsgSplitTokenEncodeObject(o: EncodeObject): o is MsgSplitTokenEncodeObject {
  return o.typeUrl === msgSplitTokenTypeUrl;
}

export function isMsgMergeTokensEncodeObject(o: EncodeObject): o is MsgMergeTokensEncodeObject {
  return o.typeUrl === msgMergeTokensTypeUrl;
}

export function isMsgAggregateSidesEncodeObject(o: EncodeObject): o is MsgAggregateSidesEncodeObject {
  return o.typeUrl === msgAggregateSidesTypeUrl;
}

export function isMsgDisaggregateSideEncodeObject(o: EncodeObject): o is MsgDisaggregateSideEncodeObject {
  return o.typeUrl === msgDisaggregateSideTypeUrl;
}

export function isMsgProcureEncodeObject(o: EncodeObject): o is MsgProcureEncodeObject {
  return o.typeUrl === msgProcureTypeUrl;
}

export function isMsgRedispatchEncodeObject(o: EncodeObject): o is MsgRedispatchEncodeObject {
  return o.typeUrl === msgRedispatchTypeUrl;
}

export function isMsgCancelTokenEncodeObject(o: EncodeObject): o is MsgCancelTokenEncodeObject {
  return o.typeUrl === msgCancelTokenTypeUrl;
}

export function isMsgCancelTokenJointlyEncodeObject(
  o: EncodeObject,
): o is MsgCancelTokenJointlyEncodeObject {
  return o.typeUrl === msgCancelTokenJointlyTypeUrl;
}

export function isMsgSetPriceBandEncodeObject(o: EncodeObject): o is MsgSetPriceBandEncodeObject {
  return o.typeUrl === msgSetPriceBandTypeUrl;
}

/**
 * energySigners lists the addresses that must sign an x/energy message, in the order of its
 * `cosmos.msg.v1.signer` options and without repeats, as the chain's GetSigners does. Undefined
 * for other messages.
 */
export function energySigners(o: EncodeObject): string[] | undefined {
  const v = o.value as Record<string, unknown>;
  const field = (name: string): string => (typeof v[name] === "string" ? v[name] : "");
  let signers: string[];
  switch (o.typeUrl) {
    case msgIssueTokenTypeUrl:
      signers = [field("issuer")];
      break;
    case msgSetAskTypeUrl:
    case msgCancelTokenTypeUrl:
    case msgAggregateSidesTypeUrl:
    case msgDisaggregateSideTypeUrl:
      signers = [field("owner")];
      break;
    case msgBuySideTypeUrl:
      signers = [field("buyer")];
      break;
    case msgSetPriceBandTypeUrl:
    case msgProcureTypeUrl:
    case msgRedispatchTypeUrl:
      signers = [field("operator")];
      break;
    case msgHandOverSideTypeUrl:
      signers = [field("from"), field("to")];
      break;
    case msgSplitTokenTypeUrl:
    case msgMergeTokensTypeUrl:
    case msgCancelTokenJointlyTypeUrl:
      signers = [field("producerOwner"), field("consumerOwner")];
      break;
    default:
      return undefined;
  }
  return [...new Set(signers)];
}
