import type { EncodeObject, GeneratedType } from "@cosmjs/proto-signing";

import { MsgBuyRemote, MsgCancelRemote, MsgLink, MsgSendHello, MsgSetBridgeCapacity, MsgSetLinkFee, MsgUpdateParams } from "../../generated/gridledger/interchain/v1/tx.js";

// Type URLs are "/" + the proto full name; the chain's interface registry resolves Anys by them.
export const msgLinkTypeUrl = "/gridledger.interchain.v1.MsgLink";
export const msgSendHelloTypeUrl = "/gridledger.interchain.v1.MsgSendHello";
export const msgSendHelloResponseTypeUrl = "/gridledger.interchain.v1.MsgSendHelloResponse";
export const msgSetBridgeCapacityTypeUrl = "/gridledger.interchain.v1.MsgSetBridgeCapacity";
export const msgSetBridgeCapacityResponseTypeUrl = "/gridledger.interchain.v1.MsgSetBridgeCapacityResponse";
export const msgSetLinkFeeTypeUrl = "/gridledger.interchain.v1.MsgSetLinkFee";
export const msgBuyRemoteTypeUrl = "/gridledger.interchain.v1.MsgBuyRemote";
export const msgBuyRemoteResponseTypeUrl = "/gridledger.interchain.v1.MsgBuyRemoteResponse";
export const msgCancelRemoteTypeUrl = "/gridledger.interchain.v1.MsgCancelRemote";
export const msgCancelRemoteResponseTypeUrl = "/gridledger.interchain.v1.MsgCancelRemoteResponse";
export const msgUpdateInterchainParamsTypeUrl = "/gridledger.interchain.v1.MsgUpdateParams";

/** interchainTypes are the registry entries of x/interchain's messages. */
export const interchainTypes: ReadonlyArray<[string, GeneratedType]> = [
  [msgLinkTypeUrl, MsgLink],
  [msgSendHelloTypeUrl, MsgSendHello],
  [msgSetBridgeCapacityTypeUrl, MsgSetBridgeCapacity],
  [msgSetLinkFeeTypeUrl, MsgSetLinkFee],
  [msgBuyRemoteTypeUrl, MsgBuyRemote],
  [msgCancelRemoteTypeUrl, MsgCancelRemote],
  [msgUpdateInterchainParamsTypeUrl, MsgUpdateParams],
];

/** MsgLinkEncodeObject records the link to the parent or a child (grid operator only). */
export interface MsgLinkEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgLinkTypeUrl;
  readonly value: Partial<MsgLink>;
}

/** MsgSendHelloEncodeObject sends this chain's facts on an energy channel (grid operator only). */
export interface MsgSendHelloEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSendHelloTypeUrl;
  readonly value: Partial<MsgSendHello>;
}

export function isMsgLinkEncodeObject(o: EncodeObject): o is MsgLinkEncodeObject {
  return o.typeUrl === msgLinkTypeUrl;
}

export function isMsgSendHelloEncodeObject(o: EncodeObject): o is MsgSendHelloEncodeObject {
  return o.typeUrl === msgSendHelloTypeUrl;
}

/** MsgSetBridgeCapacityEncodeObject sets a child link's capacity in one direction (parent's grid operator only). */
export interface MsgSetBridgeCapacityEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSetBridgeCapacityTypeUrl;
  readonly value: Partial<MsgSetBridgeCapacity>;
}

export function isMsgSetBridgeCapacityEncodeObject(o: EncodeObject): o is MsgSetBridgeCapacityEncodeObject {
  return o.typeUrl === msgSetBridgeCapacityTypeUrl;
}

/** MsgSetLinkFeeEncodeObject sets a child link's grid-fee estimate in one currency (grid operator of the parent only). */
export interface MsgSetLinkFeeEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSetLinkFeeTypeUrl;
  readonly value: Partial<MsgSetLinkFee>;
}

/** MsgBuyRemoteEncodeObject buys a remote token's consumer side at a quote (consumers only). */
export interface MsgBuyRemoteEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgBuyRemoteTypeUrl;
  readonly value: Partial<MsgBuyRemote>;
}

/** MsgCancelRemoteEncodeObject cancels a done cross-grid purchase's chain of tokens for redispatch (grid operator of a chain on the route only). */
export interface MsgCancelRemoteEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgCancelRemoteTypeUrl;
  readonly value: Partial<MsgCancelRemote>;
}

/** MsgUpdateInterchainParamsEncodeObject replaces the interchain parameters (x/gov only: wrap it in a proposal). */
export interface MsgUpdateInterchainParamsEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgUpdateInterchainParamsTypeUrl;
  readonly value: Partial<MsgUpdateParams>;
}
