import type { AminoMsg } from "@cosmjs/amino";
import type { AminoConverters } from "@cosmjs/stargate";

import {
  compact,
  omitBool,
  omitBytes,
  omitList,
  omitNumber,
  omitString,
  omitUint64,
  parseBytes,
  parseUint64,
} from "../../aminojson.js";
import { Params, TxLimits } from "../../generated/gridledger/balancing/v1/params.js";
import {
  MsgAdmitParticipant,
  MsgExcludeParticipant,
  MsgRegisterMeter,
  MsgRegisterRelayer,
  MsgReinstateParticipant,
  MsgAppointCo2Authority,
  MsgRemoveRelayer,
  MsgRetireMeter,
  MsgRotateMeterKey,
  MsgSuspendParticipant,
  MsgUpdateParams,
  MsgUpdateParticipant,
} from "../../generated/gridledger/balancing/v1/tx.js";
import {
  type EnergyCategory,
  type KeyAlgorithm,
  Location,
  type MeteringPointKind,
  type MeterKind,
  type Role,
} from "../../generated/gridledger/balancing/v1/types.js";
import {
  msgAdmitParticipantTypeUrl,
  msgExcludeParticipantTypeUrl,
  msgRegisterMeterTypeUrl,
  msgRegisterRelayerTypeUrl,
  msgReinstateParticipantTypeUrl,
  msgAppointCo2AuthorityTypeUrl,
  msgRemoveRelayerTypeUrl,
  msgRetireMeterTypeUrl,
  msgRotateMeterKeyTypeUrl,
  msgSuspendParticipantTypeUrl,
  msgUpdateParamsTypeUrl,
  msgUpdateParticipantTypeUrl,
} from "./messages.js";

// Field types are optional because the SDK omits default values (see ../../aminojson.ts);
// only fields marked (amino.dont_omitempty) in the protos are required.

/** AminoLocation is balancing.v1.Location in amino JSON. */
export interface AminoLocation {
  readonly grid_node?: string;
  readonly area?: string;
  readonly has_coordinates?: boolean;
  readonly lat_centi?: number;
  readonly lon_centi?: number;
}

/** AminoParams is balancing.v1.Params in amino JSON; nested, hence without {type, value}. */
export interface AminoParams {
  readonly grid_operator?: string;
  /** Always present (amino.dont_omitempty); its zero fields are omitted. */
  readonly tx_limits: AminoTxLimits;
}

/** AminoTxLimits is balancing.v1.TxLimits in amino JSON: uint64 as strings, uint32 as numbers. */
export interface AminoTxLimits {
  readonly max_gas?: string;
  readonly max_msgs?: number;
  readonly sender_pending_gas?: string;
}

export interface AminoMsgRegisterRelayer extends AminoMsg {
  readonly type: "gridledger/MsgRegisterRelayer";
  readonly value: { readonly operator?: string; readonly address?: string };
}

export interface AminoMsgRemoveRelayer extends AminoMsg {
  readonly type: "gridledger/MsgRemoveRelayer";
  readonly value: { readonly operator?: string; readonly address?: string };
}

export function isAminoMsgRegisterRelayer(msg: AminoMsg): msg is AminoMsgRegisterRelayer {
  return msg.type === "gridledger/MsgRegisterRelayer";
}

export function isAminoMsgRemoveRelayer(msg: AminoMsg): msg is AminoMsgRemoveRelayer {
  return msg.type === "gridledger/MsgRemoveRelayer";
}

export interface AminoMsgAppointCo2Authority extends AminoMsg {
  readonly type: "gridledger/MsgAppointCo2Authority";
  readonly value: { readonly authority?: string; readonly co2_authority?: string };
}

export function isAminoMsgAppointCo2Authority(msg: AminoMsg): msg is AminoMsgAppointCo2Authority {
  return msg.type === "gridledger/MsgAppointCo2Authority";
}

export interface AminoMsgUpdateParams extends AminoMsg {
  readonly type: "gridledger/balancing/MsgUpdateParams";
  readonly value: { readonly authority?: string; readonly params: AminoParams };
}

export interface AminoMsgAdmitParticipant extends AminoMsg {
  readonly type: "gridledger/MsgAdmitParticipant";
  readonly value: {
    readonly operator?: string;
    readonly address?: string;
    readonly legal_id?: string;
    readonly display_name?: string;
    readonly roles?: Role[];
    /** position_limit_wh is a uint64 as a decimal string. */
    readonly position_limit_wh?: string;
    readonly traded_categories?: EnergyCategory[];
  };
}

export interface AminoMsgUpdateParticipant extends AminoMsg {
  readonly type: "gridledger/MsgUpdateParticipant";
  readonly value: {
    readonly operator?: string;
    readonly address?: string;
    readonly display_name?: string;
    readonly roles?: Role[];
    readonly position_limit_wh?: string;
    readonly traded_categories?: EnergyCategory[];
  };
}

export interface AminoMsgSuspendParticipant extends AminoMsg {
  readonly type: "gridledger/MsgSuspendParticipant";
  readonly value: {
    readonly operator?: string;
    readonly address?: string;
    readonly reason_code?: string;
  };
}

export interface AminoMsgReinstateParticipant extends AminoMsg {
  readonly type: "gridledger/MsgReinstateParticipant";
  readonly value: { readonly operator?: string; readonly address?: string };
}

export interface AminoMsgExcludeParticipant extends AminoMsg {
  readonly type: "gridledger/MsgExcludeParticipant";
  readonly value: {
    readonly operator?: string;
    readonly address?: string;
    readonly reason_code?: string;
  };
}

export interface AminoMsgRegisterMeter extends AminoMsg {
  readonly type: "gridledger/MsgRegisterMeter";
  readonly value: {
    readonly operator?: string;
    readonly id?: string;
    readonly owner?: string;
    readonly kind?: MeterKind;
    readonly category?: EnergyCategory;
    /** location is always present (dont_omitempty), `{}` when empty. */
    readonly location: AminoLocation;
    readonly key_algorithm?: KeyAlgorithm;
    /** public_key is base64. */
    readonly public_key?: string;
    /** co2_grams_per_mwh is a uint32: a JSON number. */
    readonly co2_grams_per_mwh?: number;
    readonly point_kind?: MeteringPointKind;
    /** consent_hash is base64. */
    readonly consent_hash?: string;
  };
}

export interface AminoMsgRotateMeterKey extends AminoMsg {
  readonly type: "gridledger/MsgRotateMeterKey";
  readonly value: {
    readonly operator?: string;
    readonly id?: string;
    readonly key_algorithm?: KeyAlgorithm;
    /** public_key is base64. */
    readonly public_key?: string;
  };
}

export interface AminoMsgRetireMeter extends AminoMsg {
  readonly type: "gridledger/MsgRetireMeter";
  readonly value: {
    readonly operator?: string;
    readonly id?: string;
    readonly reason_code?: string;
  };
}

export function isAminoMsgRotateMeterKey(msg: AminoMsg): msg is AminoMsgRotateMeterKey {
  return msg.type === "gridledger/MsgRotateMeterKey";
}

export function isAminoMsgRetireMeter(msg: AminoMsg): msg is AminoMsgRetireMeter {
  return msg.type === "gridledger/MsgRetireMeter";
}

export function isAminoMsgUpdateParams(msg: AminoMsg): msg is AminoMsgUpdateParams {
  return msg.type === "gridledger/balancing/MsgUpdateParams";
}

export function isAminoMsgAdmitParticipant(msg: AminoMsg): msg is AminoMsgAdmitParticipant {
  return msg.type === "gridledger/MsgAdmitParticipant";
}

export function isAminoMsgUpdateParticipant(msg: AminoMsg): msg is AminoMsgUpdateParticipant {
  return msg.type === "gridledger/MsgUpdateParticipant";
}

export function isAminoMsgSuspendParticipant(msg: AminoMsg): msg is AminoMsgSuspendParticipant {
  return msg.type === "gridledger/MsgSuspendParticipant";
}

export function isAminoMsgReinstateParticipant(msg: AminoMsg): msg is AminoMsgReinstateParticipant {
  return msg.type === "gridledger/MsgReinstateParticipant";
}

export function isAminoMsgExcludeParticipant(msg: AminoMsg): msg is AminoMsgExcludeParticipant {
  return msg.type === "gridledger/MsgExcludeParticipant";
}

export function isAminoMsgRegisterMeter(msg: AminoMsg): msg is AminoMsgRegisterMeter {
  return msg.type === "gridledger/MsgRegisterMeter";
}

export function locationToAmino(l: Location): AminoLocation {
  return compact({
    grid_node: omitString(l.gridNode),
    area: omitString(l.area),
    has_coordinates: omitBool(l.hasCoordinates),
    lat_centi: omitNumber(l.latCenti),
    lon_centi: omitNumber(l.lonCenti),
  });
}

export function locationFromAmino(l: AminoLocation): Location {
  return {
    gridNode: l.grid_node ?? "",
    area: l.area ?? "",
    hasCoordinates: l.has_coordinates ?? false,
    latCenti: l.lat_centi ?? 0,
    lonCenti: l.lon_centi ?? 0,
  };
}

// Each toAmino first normalises its input with the generated fromPartial, the same step the
// protobuf registry takes, so a partial EncodeObject value signs exactly what gets encoded.

/** createBalancingAminoConverters returns the amino converters of every x/balancing Msg. */
export function createBalancingAminoConverters(): AminoConverters {
  return {
    [msgUpdateParamsTypeUrl]: {
      aminoType: "gridledger/balancing/MsgUpdateParams",
      toAmino: (value: Partial<MsgUpdateParams>): AminoMsgUpdateParams["value"] => {
        const m = MsgUpdateParams.fromPartial(value);
        const params = m.params ?? Params.fromPartial({});
        const limits = params.txLimits ?? TxLimits.fromPartial({});
        return compact({
          authority: omitString(m.authority),
          params: compact({
            grid_operator: omitString(params.gridOperator),
            tx_limits: compact({
              max_gas: omitUint64(limits.maxGas),
              max_msgs: omitNumber(limits.maxMsgs),
              sender_pending_gas: omitUint64(limits.senderPendingGas),
            }),
          }),
        });
      },
      fromAmino: (value: AminoMsgUpdateParams["value"]): MsgUpdateParams => {
        const limits: TxLimits = {
          maxGas: parseUint64(value.params.tx_limits?.max_gas),
          maxMsgs: value.params.tx_limits?.max_msgs ?? 0,
          senderPendingGas: parseUint64(value.params.tx_limits?.sender_pending_gas),
        };
        // All-zero limits encode as an unset field, as the direct encoding of the same message.
        const unset = limits.maxGas === 0n && limits.maxMsgs === 0 && limits.senderPendingGas === 0n;
        return {
          authority: value.authority ?? "",
          params: { gridOperator: value.params.grid_operator ?? "", txLimits: unset ? undefined : limits },
        };
      },
    },
    [msgRegisterRelayerTypeUrl]: {
      aminoType: "gridledger/MsgRegisterRelayer",
      toAmino: (value: Partial<MsgRegisterRelayer>): AminoMsgRegisterRelayer["value"] => {
        const m = MsgRegisterRelayer.fromPartial(value);
        return compact({ operator: omitString(m.operator), address: omitString(m.address) });
      },
      fromAmino: (value: AminoMsgRegisterRelayer["value"]): MsgRegisterRelayer => ({
        operator: value.operator ?? "",
        address: value.address ?? "",
      }),
    },
    [msgAppointCo2AuthorityTypeUrl]: {
      aminoType: "gridledger/MsgAppointCo2Authority",
      toAmino: (value: Partial<MsgAppointCo2Authority>): AminoMsgAppointCo2Authority["value"] => {
        const m = MsgAppointCo2Authority.fromPartial(value);
        return compact({ authority: omitString(m.authority), co2_authority: omitString(m.co2Authority) });
      },
      fromAmino: (value: AminoMsgAppointCo2Authority["value"]): MsgAppointCo2Authority => ({
        authority: value.authority ?? "",
        co2Authority: value.co2_authority ?? "",
      }),
    },
    [msgRemoveRelayerTypeUrl]: {
      aminoType: "gridledger/MsgRemoveRelayer",
      toAmino: (value: Partial<MsgRemoveRelayer>): AminoMsgRemoveRelayer["value"] => {
        const m = MsgRemoveRelayer.fromPartial(value);
        return compact({ operator: omitString(m.operator), address: omitString(m.address) });
      },
      fromAmino: (value: AminoMsgRemoveRelayer["value"]): MsgRemoveRelayer => ({
        operator: value.operator ?? "",
        address: value.address ?? "",
      }),
    },
    [msgAdmitParticipantTypeUrl]: {
      aminoType: "gridledger/MsgAdmitParticipant",
      toAmino: (value: Partial<MsgAdmitParticipant>): AminoMsgAdmitParticipant["value"] => {
        const m = MsgAdmitParticipant.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          address: omitString(m.address),
          legal_id: omitString(m.legalId),
          display_name: omitString(m.displayName),
          roles: omitList(m.roles),
          position_limit_wh: omitUint64(m.positionLimitWh),
          traded_categories: omitList(m.tradedCategories),
        });
      },
      fromAmino: (value: AminoMsgAdmitParticipant["value"]): MsgAdmitParticipant => ({
        operator: value.operator ?? "",
        address: value.address ?? "",
        legalId: value.legal_id ?? "",
        displayName: value.display_name ?? "",
        roles: [...(value.roles ?? [])],
        positionLimitWh: parseUint64(value.position_limit_wh),
        tradedCategories: [...(value.traded_categories ?? [])],
      }),
    },
    [msgUpdateParticipantTypeUrl]: {
      aminoType: "gridledger/MsgUpdateParticipant",
      toAmino: (value: Partial<MsgUpdateParticipant>): AminoMsgUpdateParticipant["value"] => {
        const m = MsgUpdateParticipant.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          address: omitString(m.address),
          display_name: omitString(m.displayName),
          roles: omitList(m.roles),
          position_limit_wh: omitUint64(m.positionLimitWh),
          traded_categories: omitList(m.tradedCategories),
        });
      },
      fromAmino: (value: AminoMsgUpdateParticipant["value"]): MsgUpdateParticipant => ({
        operator: value.operator ?? "",
        address: value.address ?? "",
        displayName: value.display_name ?? "",
        roles: [...(value.roles ?? [])],
        positionLimitWh: parseUint64(value.position_limit_wh),
        tradedCategories: [...(value.traded_categories ?? [])],
      }),
    },
    [msgSuspendParticipantTypeUrl]: {
      aminoType: "gridledger/MsgSuspendParticipant",
      toAmino: (value: Partial<MsgSuspendParticipant>): AminoMsgSuspendParticipant["value"] => {
        const m = MsgSuspendParticipant.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          address: omitString(m.address),
          reason_code: omitString(m.reasonCode),
        });
      },
      fromAmino: (value: AminoMsgSuspendParticipant["value"]): MsgSuspendParticipant => ({
        operator: value.operator ?? "",
        address: value.address ?? "",
        reasonCode: value.reason_code ?? "",
      }),
    },
    [msgReinstateParticipantTypeUrl]: {
      aminoType: "gridledger/MsgReinstateParticipant",
      toAmino: (value: Partial<MsgReinstateParticipant>): AminoMsgReinstateParticipant["value"] => {
        const m = MsgReinstateParticipant.fromPartial(value);
        return compact({ operator: omitString(m.operator), address: omitString(m.address) });
      },
      fromAmino: (value: AminoMsgReinstateParticipant["value"]): MsgReinstateParticipant => ({
        operator: value.operator ?? "",
        address: value.address ?? "",
      }),
    },
    [msgExcludeParticipantTypeUrl]: {
      aminoType: "gridledger/MsgExcludeParticipant",
      toAmino: (value: Partial<MsgExcludeParticipant>): AminoMsgExcludeParticipant["value"] => {
        const m = MsgExcludeParticipant.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          address: omitString(m.address),
          reason_code: omitString(m.reasonCode),
        });
      },
      fromAmino: (value: AminoMsgExcludeParticipant["value"]): MsgExcludeParticipant => ({
        operator: value.operator ?? "",
        address: value.address ?? "",
        reasonCode: value.reason_code ?? "",
      }),
    },
    [msgRegisterMeterTypeUrl]: {
      aminoType: "gridledger/MsgRegisterMeter",
      toAmino: (value: Partial<MsgRegisterMeter>): AminoMsgRegisterMeter["value"] => {
        const m = MsgRegisterMeter.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          id: omitString(m.id),
          owner: omitString(m.owner),
          kind: omitNumber(m.kind),
          category: omitNumber(m.category),
          location: locationToAmino(m.location ?? Location.fromPartial({})),
          key_algorithm: omitNumber(m.keyAlgorithm),
          public_key: omitBytes(m.publicKey),
          co2_grams_per_mwh: omitNumber(m.co2GramsPerMwh),
          point_kind: omitNumber(m.pointKind),
          consent_hash: omitBytes(m.consentHash),
        });
      },
      fromAmino: (value: AminoMsgRegisterMeter["value"]): MsgRegisterMeter => ({
        operator: value.operator ?? "",
        id: value.id ?? "",
        owner: value.owner ?? "",
        kind: value.kind ?? 0,
        category: value.category ?? 0,
        location: locationFromAmino(value.location),
        keyAlgorithm: value.key_algorithm ?? 0,
        publicKey: parseBytes(value.public_key),
        co2GramsPerMwh: value.co2_grams_per_mwh ?? 0,
        pointKind: value.point_kind ?? 0,
        consentHash: parseBytes(value.consent_hash),
      }),
    },
    [msgRotateMeterKeyTypeUrl]: {
      aminoType: "gridledger/MsgRotateMeterKey",
      toAmino: (value: Partial<MsgRotateMeterKey>): AminoMsgRotateMeterKey["value"] => {
        const m = MsgRotateMeterKey.fromPartial(value);
        return compact({
          operator: omitString(m.operator),
          id: omitString(m.id),
          key_algorithm: omitNumber(m.keyAlgorithm),
          public_key: omitBytes(m.publicKey),
        });
      },
      fromAmino: (value: AminoMsgRotateMeterKey["value"]): MsgRotateMeterKey => ({
        operator: value.operator ?? "",
        id: value.id ?? "",
        keyAlgorithm: value.key_algorithm ?? 0,
        publicKey: parseBytes(value.public_key),
      }),
    },
    [msgRetireMeterTypeUrl]: {
      aminoType: "gridledger/MsgRetireMeter",
      toAmino: (value: Partial<MsgRetireMeter>): AminoMsgRetireMeter["value"] => {
        const m = MsgRetireMeter.fromPartial(value);
        return compact({ operator: omitString(m.operator), id: omitString(m.id), reason_code: omitString(m.reasonCode) });
      },
      fromAmino: (value: AminoMsgRetireMeter["value"]): MsgRetireMeter => ({
        operator: value.operator ?? "",
        id: value.id ?? "",
        reasonCode: value.reason_code ?? "",
      }),
    },
  };
}
