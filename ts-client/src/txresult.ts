/**
 * Reading results out of a committed transaction: message responses first (SDK >= 0.46 fills
 * them), events as the fallback for nodes or proxies that drop them.
 */
import type { DeliverTxResponse, Event } from "@cosmjs/stargate";
import { MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";

import {
  MsgAggregateSidesResponse,
  MsgBuySideResponse,
  MsgDisaggregateSideResponse,
  MsgIssueTokenResponse,
  MsgMergeTokensResponse,
  MsgProcureResponse,
  MsgRedispatchResponse,
  MsgSplitTokenResponse,
} from "./generated/gridledger/energy/v1/tx.js";
import { MsgDivideCo2TokenResponse, MsgMergeCo2Response, MsgSplitCo2Response } from "./generated/gridledger/energy/v1/tx.js";
import { MsgRedeemResponse } from "./generated/gridledger/fiat/v1/tx.js";
import { msgDivideCo2TokenResponseTypeUrl, msgMergeCo2ResponseTypeUrl, msgSplitCo2ResponseTypeUrl } from "./modules/energy/co2messages.js";
import {
  msgAggregateSidesResponseTypeUrl,
  msgBuySideResponseTypeUrl,
  msgDisaggregateSideResponseTypeUrl,
  msgIssueTokenResponseTypeUrl,
  msgMergeTokensResponseTypeUrl,
  msgProcureResponseTypeUrl,
  msgRedispatchResponseTypeUrl,
  msgSplitTokenResponseTypeUrl,
} from "./modules/energy/messages.js";
import { msgRedeemResponseTypeUrl } from "./modules/fiat/messages.js";
import { msgSubmitProposalV1ResponseTypeUrl } from "./modules/gov/messages.js";

type TxResult = Pick<DeliverTxResponse, "msgResponses" | "events" | "transactionHash">;

/** eventAttribute returns the value of the first `key` attribute of the first event of `type`. */
export function eventAttribute(events: readonly Event[], type: string, key: string): string | undefined {
  for (const event of events) {
    if (event.type !== type) continue;
    const attr = event.attributes.find((a) => a.key === key);
    if (attr !== undefined) return attr.value;
  }
  return undefined;
}

// Typed events (EmitTypedEvent) carry JSON values: a uint64 arrives as "\"7\"", and so does a
// signed amount ("\"-5\"").
function typedEventUint64(value: string): bigint {
  const parsed: unknown = JSON.parse(value);
  if (typeof parsed !== "string" && typeof parsed !== "number") {
    throw new Error(`event value ${value} is not a number`);
  }
  return BigInt(parsed);
}

// A repeated uint64 arrives as "[\"3\",\"4\"]".
function typedEventUint64List(value: string): bigint[] {
  const parsed: unknown = JSON.parse(value);
  if (!Array.isArray(parsed)) throw new Error(`event value ${value} is not a list`);
  return parsed.map((v) => {
    if (typeof v !== "string" && typeof v !== "number") throw new Error(`event value ${value} is not a list of numbers`);
    return BigInt(v);
  });
}

/** redemptionIdFromTx returns the id of the (first) redemption a transaction requested. */
export function redemptionIdFromTx(result: TxResult): bigint {
  const response = result.msgResponses.find((r) => r.typeUrl === msgRedeemResponseTypeUrl);
  if (response !== undefined) return MsgRedeemResponse.decode(response.value).redemptionId;
  const event = "gridledger.fiat.v1.EventRedemptionRequested";
  const value = eventAttribute(result.events, event, "redemption_id");
  if (value !== undefined) return typedEventUint64(value);
  throw new Error(`transaction ${result.transactionHash} requested no redemption`);
}

/** proposalIdFromTx returns the id of the (first) gov proposal a transaction submitted. */
export function proposalIdFromTx(result: TxResult): bigint {
  const response = result.msgResponses.find((r) => r.typeUrl === msgSubmitProposalV1ResponseTypeUrl);
  if (response !== undefined) return MsgSubmitProposalResponse.decode(response.value).proposalId;
  // x/gov emits plain (untyped) events: the id is a bare decimal.
  const value = eventAttribute(result.events, "submit_proposal", "proposal_id");
  if (value !== undefined) return BigInt(value);
  throw new Error(`transaction ${result.transactionHash} submitted no proposal`);
}

/** tokenIdFromTx returns the id of the (first) energy token a transaction issued. */
export function tokenIdFromTx(result: TxResult): bigint {
  const response = result.msgResponses.find((r) => r.typeUrl === msgIssueTokenResponseTypeUrl);
  if (response !== undefined) return MsgIssueTokenResponse.decode(response.value).tokenId;
  const value = eventAttribute(result.events, "gridledger.energy.v1.EventTokenIssued", "token_id");
  if (value !== undefined) return typedEventUint64(value);
  throw new Error(`transaction ${result.transactionHash} issued no token`);
}

/**
 * paidFromTx returns what the (first) side purchase of a transaction paid, in base units: buyer to
 * seller, or seller to buyer for a negative price (see the trade's price sign). Fees are extra.
 */
export function paidFromTx(result: TxResult): bigint {
  const response = result.msgResponses.find((r) => r.typeUrl === msgBuySideResponseTypeUrl);
  if (response !== undefined) return BigInt(MsgBuySideResponse.decode(response.value).paid || "0");
  const value = eventAttribute(result.events, "gridledger.energy.v1.EventSideTraded", "paid");
  if (value !== undefined) return typedEventUint64(value);
  throw new Error(`transaction ${result.transactionHash} bought no side`);
}

/** splitTokenIdsFromTx returns the children of the (first) token a transaction split, in order. */
export function splitTokenIdsFromTx(result: TxResult): bigint[] {
  const response = result.msgResponses.find((r) => r.typeUrl === msgSplitTokenResponseTypeUrl);
  if (response !== undefined) return MsgSplitTokenResponse.decode(response.value).tokenIds;
  const value = eventAttribute(result.events, "gridledger.energy.v1.EventTokenSplit", "children");
  if (value !== undefined) return typedEventUint64List(value);
  throw new Error(`transaction ${result.transactionHash} split no token`);
}

/** mergedTokenIdFromTx returns the id of the token the (first) merge of a transaction made. */
export function mergedTokenIdFromTx(result: TxResult): bigint {
  const response = result.msgResponses.find((r) => r.typeUrl === msgMergeTokensResponseTypeUrl);
  if (response !== undefined) return MsgMergeTokensResponse.decode(response.value).tokenId;
  const value = eventAttribute(result.events, "gridledger.energy.v1.EventTokensMerged", "token_id");
  if (value !== undefined) return typedEventUint64(value);
  throw new Error(`transaction ${result.transactionHash} merged no tokens`);
}

/** aggregatedTokenIdFromTx returns the token the (first) aggregation of a transaction emitted. */
export function aggregatedTokenIdFromTx(result: TxResult): bigint {
  const response = result.msgResponses.find((r) => r.typeUrl === msgAggregateSidesResponseTypeUrl);
  if (response !== undefined) return MsgAggregateSidesResponse.decode(response.value).tokenId;
  const value = eventAttribute(result.events, "gridledger.energy.v1.EventSidesAggregated", "token_id");
  if (value !== undefined) return typedEventUint64(value);
  throw new Error(`transaction ${result.transactionHash} aggregated no sides`);
}

/** disaggregatedTokenIdsFromTx returns the tokens the (first) disaggregation of a transaction emitted, in order. */
export function disaggregatedTokenIdsFromTx(result: TxResult): bigint[] {
  const response = result.msgResponses.find((r) => r.typeUrl === msgDisaggregateSideResponseTypeUrl);
  if (response !== undefined) return MsgDisaggregateSideResponse.decode(response.value).tokenIds;
  const value = eventAttribute(result.events, "gridledger.energy.v1.EventSideDisaggregated", "token_ids");
  if (value !== undefined) return typedEventUint64List(value);
  throw new Error(`transaction ${result.transactionHash} disaggregated no side`);
}

/** Procured is what a procurement paid, in base units; fees are extra. */
export interface Procured {
  /**
   * paid is the price of the side, absolute: the operator paid the seller, or the seller paid
   * the operator for a negative ask (see the trade's price sign).
   */
  readonly paid: bigint;
  /**
   * compensation is the availability price the operator paid the reserve's provider (the owner
   * of the other side), in the face value's denom; negative when the provider paid it; 0 for grid
   * losses.
   */
  readonly compensation: bigint;
}

/** procuredFromTx returns what the (first) procurement of a transaction paid. */
export function procuredFromTx(result: TxResult): Procured {
  const response = result.msgResponses.find((r) => r.typeUrl === msgProcureResponseTypeUrl);
  if (response !== undefined) {
    const { paid, compensation } = MsgProcureResponse.decode(response.value);
    return { paid: BigInt(paid || "0"), compensation: BigInt(compensation || "0") };
  }
  const event = "gridledger.energy.v1.EventProcured";
  const paid = eventAttribute(result.events, event, "paid");
  const compensation = eventAttribute(result.events, event, "compensation");
  if (paid !== undefined && compensation !== undefined) {
    return { paid: typedEventUint64(paid), compensation: typedEventUint64(compensation) };
  }
  throw new Error(`transaction ${result.transactionHash} procured no side`);
}

/**
 * redispatchCompensationFromTx returns the redispatch price the operator paid the side's previous
 * owner in the (first) redispatch of a transaction, in base units; negative when that owner paid.
 */
export function redispatchCompensationFromTx(result: TxResult): bigint {
  const response = result.msgResponses.find((r) => r.typeUrl === msgRedispatchResponseTypeUrl);
  if (response !== undefined) return BigInt(MsgRedispatchResponse.decode(response.value).compensation || "0");
  const value = eventAttribute(result.events, "gridledger.energy.v1.EventRedispatched", "compensation");
  if (value !== undefined) return typedEventUint64(value);
  throw new Error(`transaction ${result.transactionHash} redispatched no side`);
}

/** splitCo2FromTx returns the energy token and the CO2 token the (first) CO2 split of a transaction made. */
export function splitCo2FromTx(result: TxResult): { tokenId: bigint; co2TokenId: bigint } {
  const response = result.msgResponses.find((r) => r.typeUrl === msgSplitCo2ResponseTypeUrl);
  if (response === undefined) throw new Error(`transaction ${result.transactionHash} split no CO2`);
  const { tokenId, co2TokenId } = MsgSplitCo2Response.decode(response.value);
  return { tokenId, co2TokenId };
}

/** dividedCo2FromTx returns the CO2 tokens the (first) CO2 token division of a transaction made, in the order of its parts. */
export function dividedCo2FromTx(result: TxResult): bigint[] {
  const response = result.msgResponses.find((r) => r.typeUrl === msgDivideCo2TokenResponseTypeUrl);
  if (response === undefined) throw new Error(`transaction ${result.transactionHash} divided no CO2 token`);
  return MsgDivideCo2TokenResponse.decode(response.value).co2TokenIds;
}

/** mergedCo2FromTx returns the energy token the (first) CO2 merge of a transaction made. */
export function mergedCo2FromTx(result: TxResult): bigint {
  const response = result.msgResponses.find((r) => r.typeUrl === msgMergeCo2ResponseTypeUrl);
  if (response === undefined) throw new Error(`transaction ${result.transactionHash} merged no CO2`);
  return MsgMergeCo2Response.decode(response.value).tokenId;
}
