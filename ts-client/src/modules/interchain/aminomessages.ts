import type { AminoMsg } from "@cosmjs/amino";
import type { AminoConverters } from "@cosmjs/stargate";

import { compact, omitInt64, omitList, omitNumber, omitString, omitUint64, parseInt64, parseUint64 } from "../../aminojson.js";
import type { Side } from "../../generated/gridledger/energy/v1/types.js";
import { Params } from "../../generated/gridledger/interchain/v1/params.js";
import { MsgBuyRemote, MsgCancelRemote, MsgLink, MsgSendHello, MsgSetBridgeCapacity, MsgSetLinkFee, MsgUpdateParams } from "../../generated/gridledger/interchain/v1/tx.js";
import type { BridgeDirection, Neighbour } from "../../generated/gridledger/interchain/v1/types.js";
import {
  msgBuyRemoteTypeUrl,
  msgCancelRemoteTypeUrl,
  msgLinkTypeUrl,
  msgSendHelloTypeUrl,
  msgSetBridgeCapacityTypeUrl,
  msgSetLinkFeeTypeUrl,
  msgUpdateInterchainParamsTypeUrl,
} from "./messages.js";

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

export interface AminoMsgSetLinkFee extends AminoMsg {
  readonly type: "gridledger/interchain/MsgSetLinkFee";
  /** fee_per_mwh is a cosmos.Int marked dont_omitempty: always written. */
  readonly value: { readonly operator?: string; readonly channel_id?: string; readonly base_denom?: string; readonly fee_per_mwh: string };
}

export interface AminoMsgUpdateInterchainParams extends AminoMsg {
  readonly type: "gridledger/interchain/MsgUpdateParams";
  /** params is dont_omitempty: always written, `{}` when every field is its default. */
  readonly value: {
    readonly authority?: string;
    readonly params: {
      readonly purchase_keep_periods?: string;
      readonly max_purchase_prune_per_block?: number;
      readonly trueup_delay_periods?: string;
      readonly max_trueups_per_block?: number;
    };
  };
}

export interface AminoMsgCancelRemote extends AminoMsg {
  readonly type: "gridledger/interchain/MsgCancelRemote";
  readonly value: { readonly operator?: string; readonly purchase_id?: string; readonly reason?: string; readonly timeout_seconds?: string };
}

export interface AminoMsgBuyRemote extends AminoMsg {
  readonly type: "gridledger/interchain/MsgBuyRemote";
  /** The cosmos.Int fields are dont_omitempty: always written; link_fees are plain strings. */
  readonly value: {
    readonly buyer?: string;
    readonly route?: string[];
    readonly token_id?: string;
    readonly side?: Side;
    readonly meter_id?: string;
    readonly ask_denom?: string;
    readonly price_per_mwh?: string;
    readonly face_value_per_mwh: string;
    readonly first_period?: string;
    readonly last_period?: string;
    readonly wh_per_period?: string;
    readonly link_fees?: string[];
    readonly pay_denom?: string;
    readonly max_total: string;
    readonly timeout_seconds?: string;
    readonly bank_fees: string;
  };
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
    [msgSetLinkFeeTypeUrl]: {
      aminoType: "gridledger/interchain/MsgSetLinkFee",
      toAmino: (m: MsgSetLinkFee): AminoMsgSetLinkFee["value"] =>
        compact({ operator: omitString(m.operator), channel_id: omitString(m.channelId), base_denom: omitString(m.baseDenom), fee_per_mwh: m.feePerMwh }),
      fromAmino: (v: AminoMsgSetLinkFee["value"]): MsgSetLinkFee =>
        MsgSetLinkFee.fromPartial({ operator: v.operator ?? "", channelId: v.channel_id ?? "", baseDenom: v.base_denom ?? "", feePerMwh: v.fee_per_mwh }),
    },
    [msgBuyRemoteTypeUrl]: {
      aminoType: "gridledger/interchain/MsgBuyRemote",
      toAmino: (m: MsgBuyRemote): AminoMsgBuyRemote["value"] =>
        compact({
          buyer: omitString(m.buyer),
          route: omitList(m.route),
          token_id: omitUint64(m.tokenId),
          side: omitNumber(m.side),
          meter_id: omitString(m.meterId),
          ask_denom: omitString(m.askDenom),
          price_per_mwh: omitInt64(m.pricePerMwh),
          face_value_per_mwh: m.faceValuePerMwh,
          first_period: omitUint64(m.firstPeriod),
          last_period: omitUint64(m.lastPeriod),
          wh_per_period: omitUint64(m.whPerPeriod),
          link_fees: omitList(m.linkFees),
          pay_denom: omitString(m.payDenom),
          max_total: m.maxTotal,
          timeout_seconds: omitUint64(m.timeoutSeconds),
          bank_fees: m.bankFees,
        }),
      fromAmino: (v: AminoMsgBuyRemote["value"]): MsgBuyRemote =>
        MsgBuyRemote.fromPartial({
          buyer: v.buyer ?? "",
          route: v.route ?? [],
          tokenId: parseUint64(v.token_id),
          side: v.side ?? 0,
          meterId: v.meter_id ?? "",
          askDenom: v.ask_denom ?? "",
          pricePerMwh: parseInt64(v.price_per_mwh),
          faceValuePerMwh: v.face_value_per_mwh,
          firstPeriod: parseUint64(v.first_period),
          lastPeriod: parseUint64(v.last_period),
          whPerPeriod: parseUint64(v.wh_per_period),
          linkFees: v.link_fees ?? [],
          payDenom: v.pay_denom ?? "",
          maxTotal: v.max_total,
          timeoutSeconds: parseUint64(v.timeout_seconds),
          bankFees: v.bank_fees,
        }),
    },
    [msgUpdateInterchainParamsTypeUrl]: {
      aminoType: "gridledger/interchain/MsgUpdateParams",
      toAmino: (value: Partial<MsgUpdateParams>): AminoMsgUpdateInterchainParams["value"] => {
        const m = MsgUpdateParams.fromPartial(value);
        const p = m.params ?? Params.fromPartial({});
        return compact({
          authority: omitString(m.authority),
          params: compact({
            max_purchase_prune_per_block: omitNumber(p.maxPurchasePrunePerBlock),
            max_trueups_per_block: omitNumber(p.maxTrueupsPerBlock),
            purchase_keep_periods: omitUint64(p.purchaseKeepPeriods),
            trueup_delay_periods: omitUint64(p.trueupDelayPeriods),
          }),
        });
      },
      fromAmino: (v: AminoMsgUpdateInterchainParams["value"]): MsgUpdateParams =>
        MsgUpdateParams.fromPartial({
          authority: v.authority ?? "",
          params: {
            purchaseKeepPeriods: parseUint64(v.params.purchase_keep_periods),
            maxPurchasePrunePerBlock: v.params.max_purchase_prune_per_block ?? 0,
            trueupDelayPeriods: parseUint64(v.params.trueup_delay_periods),
            maxTrueupsPerBlock: v.params.max_trueups_per_block ?? 0,
          },
        }),
    },
    [msgCancelRemoteTypeUrl]: {
      aminoType: "gridledger/interchain/MsgCancelRemote",
      toAmino: (m: MsgCancelRemote): AminoMsgCancelRemote["value"] =>
        compact({
          operator: omitString(m.operator),
          purchase_id: omitString(m.purchaseId),
          reason: omitString(m.reason),
          timeout_seconds: omitUint64(m.timeoutSeconds),
        }),
      fromAmino: (v: AminoMsgCancelRemote["value"]): MsgCancelRemote =>
        MsgCancelRemote.fromPartial({
          operator: v.operator ?? "",
          purchaseId: v.purchase_id ?? "",
          reason: v.reason ?? "",
          timeoutSeconds: parseUint64(v.timeout_seconds),
        }),
    },
  };
}
