/**
 * Builders from friendly inputs to complete EncodeObjects. GridledgerClient's typed methods use
 * them; callers use them directly to put several messages into one transaction
 * (e.g. admit a participant and register its meters atomically with `client.submit`).
 */
import { Location } from "../../generated/gridledger/balancing/v1/types.js";
import type {
  EnergyCategory,
  KeyAlgorithm,
  MeteringPointKind,
  MeterKind,
  Role,
} from "../../generated/gridledger/balancing/v1/types.js";
import {
  msgAdmitParticipantTypeUrl,
  type MsgAdmitParticipantEncodeObject,
  msgAppointCo2AuthorityTypeUrl,
  type MsgAppointCo2AuthorityEncodeObject,
  msgExcludeParticipantTypeUrl,
  type MsgExcludeParticipantEncodeObject,
  msgRegisterMeterTypeUrl,
  type MsgRegisterMeterEncodeObject,
  msgRegisterRelayerTypeUrl,
  type MsgRegisterRelayerEncodeObject,
  msgRemoveRelayerTypeUrl,
  type MsgRemoveRelayerEncodeObject,
  msgRetireMeterTypeUrl,
  type MsgRetireMeterEncodeObject,
  msgRotateMeterKeyTypeUrl,
  type MsgRotateMeterKeyEncodeObject,
  msgReinstateParticipantTypeUrl,
  type MsgReinstateParticipantEncodeObject,
  msgSuspendParticipantTypeUrl,
  type MsgSuspendParticipantEncodeObject,
  msgUpdateParticipantTypeUrl,
  type MsgUpdateParticipantEncodeObject,
} from "./messages.js";

/** AdmitParticipantInput describes a participant to admit; the operator signs. */
export interface AdmitParticipantInput {
  readonly address: string;
  /** legalId identifies the legal entity, e.g. an ENTSO-E EIC code; unique on the chain. */
  readonly legalId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  /** positionLimitWh caps the open position in Wh per period; 0 means no position. */
  readonly positionLimitWh: bigint | number;
  /** tradedCategories get one virtual meter each; for traders and retailers. Default none. */
  readonly tradedCategories?: readonly EnergyCategory[];
}

/** UpdateParticipantInput replaces all mutable fields of a participant. */
export interface UpdateParticipantInput {
  readonly address: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly positionLimitWh: bigint | number;
  readonly tradedCategories?: readonly EnergyCategory[];
}

/** RegisterMeterInput describes a physical metering point of an admitted participant. */
export interface RegisterMeterInput {
  /** id is 1-128 characters of A-Z a-z 0-9 . _ : - */
  readonly id: string;
  readonly owner: string;
  readonly kind: MeterKind;
  /** category is required for production meters and unspecified (omitted) for consumption. */
  readonly category?: EnergyCategory;
  readonly location?: Partial<Location>;
  readonly keyAlgorithm: KeyAlgorithm;
  readonly publicKey: Uint8Array;
  /** co2GramsPerMwh is the audited CO2 intensity of a production meter; omit when not audited. */
  readonly co2GramsPerMwh?: number;
  /**
   * pointKind says whose energy the meter measures (required): a company meter, an aggregation
   * point (a retailer's sum over households) or a household that opted in (ADR 010).
   */
  readonly pointKind: MeteringPointKind;
  /** consentHash is the 32-byte hash of an opted-in household's consent record kept off-chain. */
  readonly consentHash?: Uint8Array;
}

/** RotateMeterKeyInput names a physical meter and its new key. */
export interface RotateMeterKeyInput {
  readonly id: string;
  readonly keyAlgorithm: KeyAlgorithm;
  readonly publicKey: Uint8Array;
}

export function admitParticipantMsg(
  operator: string,
  input: AdmitParticipantInput,
): MsgAdmitParticipantEncodeObject {
  return {
    typeUrl: msgAdmitParticipantTypeUrl,
    value: {
      operator,
      address: input.address,
      legalId: input.legalId,
      displayName: input.displayName,
      roles: [...input.roles],
      positionLimitWh: BigInt(input.positionLimitWh),
      tradedCategories: [...(input.tradedCategories ?? [])],
    },
  };
}

export function updateParticipantMsg(
  operator: string,
  input: UpdateParticipantInput,
): MsgUpdateParticipantEncodeObject {
  return {
    typeUrl: msgUpdateParticipantTypeUrl,
    value: {
      operator,
      address: input.address,
      displayName: input.displayName,
      roles: [...input.roles],
      positionLimitWh: BigInt(input.positionLimitWh),
      tradedCategories: [...(input.tradedCategories ?? [])],
    },
  };
}

export function suspendParticipantMsg(
  operator: string,
  address: string,
  reasonCode: string,
): MsgSuspendParticipantEncodeObject {
  return { typeUrl: msgSuspendParticipantTypeUrl, value: { operator, address, reasonCode } };
}

export function reinstateParticipantMsg(
  operator: string,
  address: string,
): MsgReinstateParticipantEncodeObject {
  return { typeUrl: msgReinstateParticipantTypeUrl, value: { operator, address } };
}

export function excludeParticipantMsg(
  operator: string,
  address: string,
  reasonCode: string,
): MsgExcludeParticipantEncodeObject {
  return { typeUrl: msgExcludeParticipantTypeUrl, value: { operator, address, reasonCode } };
}

export function registerMeterMsg(
  operator: string,
  input: RegisterMeterInput,
): MsgRegisterMeterEncodeObject {
  return {
    typeUrl: msgRegisterMeterTypeUrl,
    value: {
      operator,
      id: input.id,
      owner: input.owner,
      kind: input.kind,
      category: input.category ?? 0,
      // Always set, even empty: see MsgRegisterMeterEncodeObject.
      location: Location.fromPartial(input.location ?? {}),
      keyAlgorithm: input.keyAlgorithm,
      publicKey: input.publicKey,
      co2GramsPerMwh: input.co2GramsPerMwh ?? 0,
      pointKind: input.pointKind,
      consentHash: input.consentHash ?? new Uint8Array(),
    },
  };
}

export function rotateMeterKeyMsg(operator: string, input: RotateMeterKeyInput): MsgRotateMeterKeyEncodeObject {
  return {
    typeUrl: msgRotateMeterKeyTypeUrl,
    value: { operator, id: input.id, keyAlgorithm: input.keyAlgorithm, publicKey: input.publicKey },
  };
}

export function retireMeterMsg(operator: string, id: string, reasonCode = ""): MsgRetireMeterEncodeObject {
  return { typeUrl: msgRetireMeterTypeUrl, value: { operator, id, reasonCode } };
}

export function registerRelayerMsg(operator: string, address: string): MsgRegisterRelayerEncodeObject {
  return { typeUrl: msgRegisterRelayerTypeUrl, value: { operator, address } };
}

export function removeRelayerMsg(operator: string, address: string): MsgRemoveRelayerEncodeObject {
  return { typeUrl: msgRemoveRelayerTypeUrl, value: { operator, address } };
}

/**
 * appointCo2AuthorityMsg appoints an admitted participant as the chain's CO2 authority. `authority`
 * is the x/gov module account: put the message in a proposal (`submitProposal`), it does nothing
 * signed by anyone else.
 */
export function appointCo2AuthorityMsg(authority: string, co2Authority: string): MsgAppointCo2AuthorityEncodeObject {
  return { typeUrl: msgAppointCo2AuthorityTypeUrl, value: { authority, co2Authority } };
}
