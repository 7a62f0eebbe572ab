import type { EncodeObject, GeneratedType } from "@cosmjs/proto-signing";

import {
  MsgAdmitParticipant,
  MsgAppointCo2Authority,
  MsgExcludeParticipant,
  MsgRegisterMeter,
  MsgRegisterRelayer,
  MsgReinstateParticipant,
  MsgRemoveRelayer,
  MsgRetireMeter,
  MsgRotateMeterKey,
  MsgSuspendParticipant,
  MsgUpdateParams,
  MsgUpdateParticipant,
} from "../../generated/gridledger/balancing/v1/tx.js";

// Type URLs are "/" + the proto full name; the chain's interface registry resolves Anys by them.
export const msgUpdateParamsTypeUrl = "/gridledger.balancing.v1.MsgUpdateParams";
export const msgAdmitParticipantTypeUrl = "/gridledger.balancing.v1.MsgAdmitParticipant";
export const msgUpdateParticipantTypeUrl = "/gridledger.balancing.v1.MsgUpdateParticipant";
export const msgSuspendParticipantTypeUrl = "/gridledger.balancing.v1.MsgSuspendParticipant";
export const msgReinstateParticipantTypeUrl = "/gridledger.balancing.v1.MsgReinstateParticipant";
export const msgExcludeParticipantTypeUrl = "/gridledger.balancing.v1.MsgExcludeParticipant";
export const msgRegisterMeterTypeUrl = "/gridledger.balancing.v1.MsgRegisterMeter";
export const msgRotateMeterKeyTypeUrl = "/gridledger.balancing.v1.MsgRotateMeterKey";
export const msgRetireMeterTypeUrl = "/gridledger.balancing.v1.MsgRetireMeter";
export const msgRegisterRelayerTypeUrl = "/gridledger.balancing.v1.MsgRegisterRelayer";
export const msgRemoveRelayerTypeUrl = "/gridledger.balancing.v1.MsgRemoveRelayer";
export const msgAppointCo2AuthorityTypeUrl = "/gridledger.balancing.v1.MsgAppointCo2Authority";

/** balancingTypes are the registry entries of x/balancing's messages, as CosmJS's `bankTypes`. */
export const balancingTypes: ReadonlyArray<[string, GeneratedType]> = [
  [msgUpdateParamsTypeUrl, MsgUpdateParams],
  [msgAdmitParticipantTypeUrl, MsgAdmitParticipant],
  [msgUpdateParticipantTypeUrl, MsgUpdateParticipant],
  [msgSuspendParticipantTypeUrl, MsgSuspendParticipant],
  [msgReinstateParticipantTypeUrl, MsgReinstateParticipant],
  [msgExcludeParticipantTypeUrl, MsgExcludeParticipant],
  [msgRegisterMeterTypeUrl, MsgRegisterMeter],
  [msgRotateMeterKeyTypeUrl, MsgRotateMeterKey],
  [msgRetireMeterTypeUrl, MsgRetireMeter],
  [msgRegisterRelayerTypeUrl, MsgRegisterRelayer],
  [msgRemoveRelayerTypeUrl, MsgRemoveRelayer],
  [msgAppointCo2AuthorityTypeUrl, MsgAppointCo2Authority],
];

// Values are Partial because the registry fills unset fields through fromPartial and the amino
// converters treat them as defaults; callers need not spell out empty lists or zeros.

export interface MsgUpdateParamsEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgUpdateParamsTypeUrl;
  readonly value: Partial<MsgUpdateParams>;
}

export interface MsgAdmitParticipantEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgAdmitParticipantTypeUrl;
  readonly value: Partial<MsgAdmitParticipant>;
}

export interface MsgUpdateParticipantEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgUpdateParticipantTypeUrl;
  readonly value: Partial<MsgUpdateParticipant>;
}

export interface MsgSuspendParticipantEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgSuspendParticipantTypeUrl;
  readonly value: Partial<MsgSuspendParticipant>;
}

export interface MsgReinstateParticipantEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgReinstateParticipantTypeUrl;
  readonly value: Partial<MsgReinstateParticipant>;
}

export interface MsgExcludeParticipantEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgExcludeParticipantTypeUrl;
  readonly value: Partial<MsgExcludeParticipant>;
}

/**
 * MsgRegisterMeterEncodeObject carries a meter registration. Set `location` even when it is
 * empty: the chain's amino JSON encoder refuses a missing non-nullable location, so amino
 * (Ledger) signatures of such a message cannot verify. GridledgerClient.registerMeter does it.
 */
export interface MsgRegisterMeterEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgRegisterMeterTypeUrl;
  readonly value: Partial<MsgRegisterMeter>;
}

export function isMsgUpdateParamsEncodeObject(o: EncodeObject): o is MsgUpdateParamsEncodeObject {
  return o.typeUrl === msgUpdateParamsTypeUrl;
}

export function isMsgAdmitParticipantEncodeObject(
  o: EncodeObject,
): o is MsgAdmitParticipantEncodeObject {
  return o.typeUrl === msgAdmitParticipantTypeUrl;
}

export function isMsgUpdateParticipantEncodeObject(
  o: EncodeObject,
): o is MsgUpdateParticipantEncodeObject {
  return o.typeUrl === msgUpdateParticipantTypeUrl;
}

export function isMsgSuspendParticipantEncodeObject(
  o: EncodeObject,
): o is MsgSuspendParticipantEncodeObject {
  return o.typeUrl === msgSuspendParticipantTypeUrl;
}

export function isMsgReinstateParticipantEncodeObject(
  o: EncodeObject,
): o is MsgReinstateParticipantEncodeObject {
  return o.typeUrl === msgReinstateParticipantTypeUrl;
}

export function isMsgExcludeParticipantEncodeObject(
  o: EncodeObject,
): o is MsgExcludeParticipantEncodeObject {
  return o.typeUrl === msgExcludeParticipantTypeUrl;
}

export function isMsgRegisterMeterEncodeObject(o: EncodeObject): o is MsgRegisterMeterEncodeObject {
  return o.typeUrl === msgRegisterMeterTypeUrl;
}

export interface MsgRegisterRelayerEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgRegisterRelayerTypeUrl;
  readonly value: Partial<MsgRegisterRelayer>;
}

export function isMsgRegisterRelayerEncodeObject(o: EncodeObject): o is MsgRegisterRelayerEncodeObject {
  return o.typeUrl === msgRegisterRelayerTypeUrl;
}

export interface MsgRemoveRelayerEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgRemoveRelayerTypeUrl;
  readonly value: Partial<MsgRemoveRelayer>;
}

export function isMsgRemoveRelayerEncodeObject(o: EncodeObject): o is MsgRemoveRelayerEncodeObject {
  return o.typeUrl === msgRemoveRelayerTypeUrl;
}

export interface MsgRotateMeterKeyEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgRotateMeterKeyTypeUrl;
  readonly value: Partial<MsgRotateMeterKey>;
}

export interface MsgRetireMeterEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgRetireMeterTypeUrl;
  readonly value: Partial<MsgRetireMeter>;
}

/**
 * MsgAppointCo2AuthorityEncodeObject appoints the CO2 authority; x/gov signs it, so it travels
 * inside a governance proposal (see `appointCo2AuthorityMsg` and `submitProposal`).
 */
export interface MsgAppointCo2AuthorityEncodeObject extends EncodeObject {
  readonly typeUrl: typeof msgAppointCo2AuthorityTypeUrl;
  readonly value: Partial<MsgAppointCo2Authority>;
}

export function isMsgAppointCo2AuthorityEncodeObject(o: EncodeObject): o is MsgAppointCo2AuthorityEncodeObject {
  return o.typeUrl === msgAppointCo2AuthorityTypeUrl;
}
