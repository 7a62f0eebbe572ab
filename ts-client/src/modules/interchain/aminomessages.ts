import type { AminoMsg } from "@cosmjs/amino";
import type { AminoConverters } from "@cosmjs/stargate";

import { compact, omitList, omitNumber, omitString, omitUint64, parseUint64 } from "../../aminojson.js";
import { MsgLink, MsgSendHello, MsgSetBridgeCapacity } from "../../generated/gridledger/interchain/v1/tx.js";
import type { BridgeDirection, Neighbour } from "../../generated/gridledger/interchain/v1/types.js";
import { msgLinkTypeUrl, msgSendHelloTypeUrl, msgSetBridgeCapacityTypeUrl } from "./messages.js";

// Field types are optional because the SDK omits default values (see ../../aminojson.ts),
// an empty denom_map included.

export interface AminoDenomPair {
  readonly local?: string;
  readonly remote?: string;
}

export interface AminoMsgLink extends AminoMsg {
  readonly type: "gridledger/interchain/MsgLink";
  readonly value: {
    readonly operator?: string;
    readonly neighbour?: Neighbour;
    readonly energy_channel_id?: string;
    readonly transfer_channel_id?: string;
    readonly denom_map?: AminoDenomPair[];
  };
}

export interface AminoMsgSendHello extends AminoMsg {
  readonly type: "gridledger/interchain/MsgSendHello";
  readonly value: { readonly operator?: string; readonly channel_id?: string; readonly timeout_seconds?: string };
}

export interface AminoMsgSetBridgeCapacity extends AminoMsg {
  readonly type: "gridledger/MsgSetBridgeCapacity";
  readonly value: { readonly operator?: string; readonly channel_id?: string; readonly direction?: BridgeDirection; readonly wh_per_period?: string };
}

/** createInterchainAminoConverters returns the amino converters of x/interchain's messages. */
export function createInterchainAminoConverters(): AminoConverters {
  return {
    [msgLinkTypeUrl]: {
      aminoType: "gridledger/interchain/MsgLink",
      toAmino: (m: MsgLink): AminoMsgLink["value"] =>
        compact({
          operator: omitString(m.operator),
          neighbour: omitNumber(m.neighbour),
          energy_channel_id: omitString(m.energyChannelId),
          transfer_channel_id: omitString(m.transferChannelId),
          denom_map: omitList(m.denomMap.map((p) => compact({ local: omitString(p.local), remote: omitString(p.remote) }))),
        }),
      fromAmino: (v: AminoMsgLink["value"]): MsgLink =>
        MsgLink.fromPartial({
          operator: v.operator ?? "",
          neighbour: v.neighbour ?? 0,
          energyChannelId: v.energy_channel_id ?? "",
          transferChannelId: v.transfer_channel_id ?? "",
          denomMap: (v.denom_map ?? []).map((p) => ({ local: p.local ?? "", remote: p.remote ?? "" })),
        }),
    },
    [msgSendHelloTypeUrl]: {
      aminoType: "gridledger/interchain/MsgSendHello",
      toAmino: (m: MsgSendHello): AminoMsgSendHello["value"] =>
        compact({ operator: omitString(m.operator), channel_id: omitString(m.channelId), timeout_seconds: omitUint64(m.timeoutSeconds) }),
      fromAmino: (v: AminoMsgSendHello["value"]): MsgSendHello =>
        MsgSendHello.fromPartial({ operator: v.operator ?? "", channelId: v.channel_id ?? "", timeoutSeconds: parseUint64(v.timeout_seconds) }),
    },
    [msgSetBridgeCapacityTypeUrl]: {
      // Named without the module: "gridledger/interchain/MsgSetBridgeCapacity" is longer than Ledger's 39 characters.
      aminoType: "gridledger/MsgSetBridgeCapacity",
      toAmino: (m: MsgSetBridgeCapacity): AminoMsgSetBridgeCapacity["value"] =>
        compact({
          operator: omitString(m.operator),
          channel_id: omitString(m.channelId),
          direction: omitNumber(m.direction),
          wh_per_period: omitUint64(m.whPerPeriod),
        }),
      fromAmino: (v: AminoMsgSetBridgeCapacity["value"]): MsgSetBridgeCapacity =>
        MsgSetBridgeCapacity.fromPartial({
          operator: v.operator ?? "",
          channelId: v.channel_id ?? "",
          direction: v.direction ?? 0,
          whPerPeriod: parseUint64(v.wh_per_period),
        }),
    },
  };
}
