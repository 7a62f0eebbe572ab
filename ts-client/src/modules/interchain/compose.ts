import { MsgLink, MsgSendHello, MsgSetBridgeCapacity } from "../../generated/gridledger/interchain/v1/tx.js";
import type { BridgeDirection, DenomPair, Neighbour } from "../../generated/gridledger/interchain/v1/types.js";
import {
  msgLinkTypeUrl,
  msgSendHelloTypeUrl,
  msgSetBridgeCapacityTypeUrl,
  type MsgLinkEncodeObject,
  type MsgSendHelloEncodeObject,
  type MsgSetBridgeCapacityEncodeObject,
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
