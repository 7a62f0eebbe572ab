import { Side } from "../../generated/gridledger/energy/v1/types.js";
import type { Params } from "../../generated/gridledger/interchain/v1/params.js";
import { MsgBuyRemote, MsgCancelRemote, MsgLink, MsgSendHello, MsgSetBridgeCapacity, MsgSetLinkFee, MsgUpdateParams } from "../../generated/gridledger/interchain/v1/tx.js";
import type { BridgeDirection, DenomPair, Neighbour } from "../../generated/gridledger/interchain/v1/types.js";
import {
  msgBuyRemoteTypeUrl,
  msgCancelRemoteTypeUrl,
  msgLinkTypeUrl,
  msgSendHelloTypeUrl,
  msgSetBridgeCapacityTypeUrl,
  msgSetLinkFeeTypeUrl,
  msgUpdateInterchainParamsTypeUrl,
  type MsgBuyRemoteEncodeObject,
  type MsgCancelRemoteEncodeObject,
  type MsgLinkEncodeObject,
  type MsgSendHelloEncodeObject,
  type MsgSetBridgeCapacityEncodeObject,
  type MsgSetLinkFeeEncodeObject,
  type MsgUpdateInterchainParamsEncodeObject,
} from "./messages.js";

/** LinkInput names a link's channels on this chain and, where currencies differ, the denom map. */
export interface LinkInput {
  readonly neighbour: Neighbour;
  readonly energyChannelId: string;
  readonly transferChannelId: string;
  readonly denomMap?: readonly DenomPair[];
}

/** linkMsg records the link to the parent or a child (grid operator only). */
export function linkMsg(operator: string, input: LinkInput): MsgLinkEncodeObject {
  return {
    typeUrl: msgLinkTypeUrl,
    value: MsgLink.fromPartial({
      operator,
      neighbour: input.neighbour,
      energyChannelId: input.energyChannelId,
      transferChannelId: input.transferChannelId,
      denomMap: [...(input.denomMap ?? [])],
    }),
  };
}

/** sendHelloMsg sends this chain's period length and settlement denoms on an energy channel (grid operator only). */
export function sendHelloMsg(operator: string, channelId: string, timeoutSeconds: bigint | number = 0): MsgSendHelloEncodeObject {
  return { typeUrl: msgSendHelloTypeUrl, value: MsgSendHello.fromPartial({ operator, channelId, timeoutSeconds: BigInt(timeoutSeconds) }) };
}

/** setBridgeCapacityMsg sets the capacity of the child link over channelId in one direction, in Wh per period (parent's grid operator only). */
export function setBridgeCapacityMsg(operator: string, channelId: string, direction: BridgeDirection, whPerPeriod: bigint | number): MsgSetBridgeCapacityEncodeObject {
  return {
    typeUrl: msgSetBridgeCapacityTypeUrl,
    value: MsgSetBridgeCapacity.fromPartial({ operator, channelId, direction, whPerPeriod: BigInt(whPerPeriod) }),
  };
}

/** setLinkFeeMsg sets the estimate per MWh a cross-grid purchase pays for crossing a child link in one currency; 0 removes it. */
export function setLinkFeeMsg(operator: string, channelId: string, baseDenom: string, feePerMwh: bigint | string): MsgSetLinkFeeEncodeObject {
  return { typeUrl: msgSetLinkFeeTypeUrl, value: MsgSetLinkFee.fromPartial({ operator, channelId, baseDenom, feePerMwh: feePerMwh.toString() }) };
}

/** RemotePurchaseQuote is everything a cross-grid purchase is signed at (see quoteRemotePurchase). */
export interface RemotePurchaseQuote {
  /** route lists the chain-ids after the buyer's, ending with the token's chain. */
  readonly route: readonly string[];
  readonly tokenId: bigint;
  readonly askDenom: string;
  readonly pricePerMwh: bigint;
  readonly faceValuePerMwh: bigint;
  readonly firstPeriod: bigint;
  readonly lastPeriod: bigint;
  readonly whPerPeriod: bigint;
  /** linkFees are the grid-fee estimates, one per link of the path, in order. */
  readonly linkFees: readonly bigint[];
  /** bankFees are the ask currency's bank fees on the token's chain (ask and face value). */
  readonly bankFees: bigint;
  /** payDenom is the ask's currency as the buyer's chain knows it (a voucher or the denom itself). */
  readonly payDenom: string;
  /** total is what the buyer pays: ask and face value for the energy, bank fees and every link fee. */
  readonly total: bigint;
}

/** buyRemoteMsg buys the consumer side of a remote token at a quote; maxTotal defaults to the quote's total. */
export function buyRemoteMsg(
  buyer: string,
  meterId: string,
  quote: RemotePurchaseQuote,
  maxTotal: bigint = quote.total,
  timeoutSeconds: bigint | number = 0,
): MsgBuyRemoteEncodeObject {
  return {
    typeUrl: msgBuyRemoteTypeUrl,
    value: MsgBuyRemote.fromPartial({
      buyer,
      route: [...quote.route],
      tokenId: quote.tokenId,
      side: Side.SIDE_CONSUMER,
      meterId,
      askDenom: quote.askDenom,
      pricePerMwh: quote.pricePerMwh,
      faceValuePerMwh: quote.faceValuePerMwh.toString(),
      firstPeriod: quote.firstPeriod,
      lastPeriod: quote.lastPeriod,
      whPerPeriod: quote.whPerPeriod,
      linkFees: quote.linkFees.map((f) => f.toString()),
      payDenom: quote.payDenom,
      maxTotal: maxTotal.toString(),
      timeoutSeconds: BigInt(timeoutSeconds),
      bankFees: quote.bankFees.toString(),
    }),
  };
}

/**
 * cancelRemoteMsg cancels a done cross-grid purchase's whole chain of tokens on every chain of
 * its route, for redispatch (docs/adr/027): the signer is the grid operator of a chain on the
 * route, who pays the tokens' redispatch price for the energy to the buyer.
 */
export function cancelRemoteMsg(operator: string, purchaseId: string, reason = "", timeoutSeconds: bigint | number = 0): MsgCancelRemoteEncodeObject {
  return {
    typeUrl: msgCancelRemoteTypeUrl,
    value: MsgCancelRemote.fromPartial({ operator, purchaseId, reason, timeoutSeconds: BigInt(timeoutSeconds) }),
  };
}

/**
 * updateInterchainParamsMsg replaces every interchain parameter (purchase retention and the
 * fee true-up, docs/adr/029; a zero or missing field means its default). Only x/gov may send
 * it: authority is the gov module account, and the message goes into a proposal.
 */
export function updateInterchainParamsMsg(authority: string, params: Partial<Params>): MsgUpdateInterchainParamsEncodeObject {
  return { typeUrl: msgUpdateInterchainParamsTypeUrl, value: MsgUpdateParams.fromPartial({ authority, params }) };
}
