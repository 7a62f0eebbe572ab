/**
 * Reading results out of a committed transaction: message responses first (SDK >= 0.46 fills
 * them), events as the fallback for nodes or proxies that drop them.
 */
import type { DeliverTxResponse, Event } from "@cosmjs/stargate";
import { MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";

import { MsgRedeemResponse } from "./generated/gridledger/fiat/v1/tx.js";
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

// Typed events (EmitTypedEvent) carry JSON values: a uint64 arrives as "\"7\"".
function typedEventUint64(value: string): bigint {
  const parsed: unknown = JSON.parse(value);
  if (typeof parsed !== "string" && typeof parsed !== "number") {
    throw new Error(`event value ${value} is not a number`);
  }
  return BigInt(parsed);
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
