// Public API of @gridledger/client. Generated code is reachable as `generated.<module>.<file>`;
// the names below are the ones most apps need.

export { BECH32_PREFIX, BOND_DENOM, COIN_TYPE, DEFAULT_GAS_PRICE } from "./chain.js";
export { type Fee, GridledgerClient, type GridledgerClientOptions } from "./client.js";
export {
  explainError,
  GridledgerTxError,
  type GridledgerTxErrorInit,
  recogniseError,
  type TxPhase,
  txErrorFromThrown,
} from "./errors.js";
export { createGridledgerQueryClient, type GridledgerQueryClient } from "./queryclient.js";
export {
  createGridledgerAminoTypes,
  createGridledgerRegistry,
  gridledgerRegistry,
  gridledgerTypes,
} from "./registry.js";

export * from "./modules/balancing/aminomessages.js";
export * from "./modules/balancing/compose.js";
export * from "./modules/balancing/messages.js";
export * from "./modules/balancing/queries.js";
export * from "./modules/energy/queries.js";

// Enums with their JSON-name helpers (e.g. roleToJSON for display), and record types.
export {
  EnergyCategory,
  energyCategoryFromJSON,
  energyCategoryToJSON,
  KeyAlgorithm,
  keyAlgorithmFromJSON,
  keyAlgorithmToJSON,
  Location,
  Meter,
  MeterKind,
  meterKindFromJSON,
  meterKindToJSON,
  Participant,
  ParticipantStatus,
  participantStatusFromJSON,
  participantStatusToJSON,
  Role,
  roleFromJSON,
  roleToJSON,
} from "./generated/gridledger/balancing/v1/types.js";
export { Params as BalancingParams } from "./generated/gridledger/balancing/v1/params.js";
export { Params as EnergyParams } from "./generated/gridledger/energy/v1/params.js";
export {
  MsgAdmitParticipant,
  MsgAdmitParticipantResponse,
  MsgExcludeParticipant,
  MsgRegisterMeter,
  MsgReinstateParticipant,
  MsgSuspendParticipant,
  MsgUpdateParams,
  MsgUpdateParticipant,
  MsgUpdateParticipantResponse,
} from "./generated/gridledger/balancing/v1/tx.js";
export type {
  QueryMetersResponse,
  QueryParticipantsResponse,
} from "./generated/gridledger/balancing/v1/query.js";

export * as generated from "./proto/index.js";
