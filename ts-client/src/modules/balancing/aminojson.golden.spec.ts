import { serializeSignDoc } from "@cosmjs/amino";
import { fromUtf8 } from "@cosmjs/encoding";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { createGridledgerAminoTypes } from "../../registry.js";
import {
  EnergyCategory,
  KeyAlgorithm,
  MeteringPointKind,
  MeterKind,
  Role,
} from "../../generated/gridledger/balancing/v1/types.js";
import {
  admitParticipantMsg,
  excludeParticipantMsg,
  registerMeterMsg,
  registerRelayerMsg,
  reinstateParticipantMsg,
  removeRelayerMsg,
  retireMeterMsg,
  rotateMeterKeyMsg,
  suspendParticipantMsg,
  updateParticipantMsg,
} from "./compose.js";
import { msgRegisterMeterTypeUrl, msgUpdateParamsTypeUrl } from "./messages.js";

// Golden output of cosmossdk.io/x/tx v0.14.0 signing/aminojson (the SDK v0.53 LEGACY_AMINO_JSON
// encoder), produced by a Go harness that decoded the protobuf bytes CosmJS builds from
// fromAmino(toAmino(msg)) into dynamicpb messages and encoded them with aminojson.NewEncoder.
// The chain verifies amino signatures over exactly these bytes, so any drift breaks Ledger signing.
const op = "grid1operator";
const hub = "grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w";
const cases: ReadonlyArray<[string, EncodeObject, string]> = [
  [
    "MsgUpdateParams, all-default params keep only tx_limits, as {}",
    { typeUrl: msgUpdateParamsTypeUrl, value: { authority: "grid1gov", params: { gridOperator: "" } } },
    String.raw`{"type":"gridledger/balancing/MsgUpdateParams","value":{"authority":"grid1gov","params":{"tx_limits":{}}}}`,
  ],
  [
    "MsgUpdateParams with transaction limits: uint64 as strings, uint32 as a number",
    {
      typeUrl: msgUpdateParamsTypeUrl,
      value: { authority: "grid1gov", params: { gridOperator: "grid1op", txLimits: { maxGas: 5n, maxMsgs: 7, senderPendingGas: 9n } } },
    },
    String.raw`{"type":"gridledger/balancing/MsgUpdateParams","value":{"authority":"grid1gov","params":{"grid_operator":"grid1op","tx_limits":{"max_gas":"5","max_msgs":7,"sender_pending_gas":"9"}}}}`,
  ],
  [
    "MsgRegisterRelayer",
    registerRelayerMsg(op, "grid1a"),
    String.raw`{"type":"gridledger/MsgRegisterRelayer","value":{"address":"grid1a","operator":"grid1operator"}}`,
  ],
  [
    "MsgRemoveRelayer",
    removeRelayerMsg(op, "grid1a"),
    String.raw`{"type":"gridledger/MsgRemoveRelayer","value":{"address":"grid1a","operator":"grid1operator"}}`,
  ],
  [
    "MsgUpdateParams, HTML characters escaped as Go does",
    { typeUrl: msgUpdateParamsTypeUrl, value: { authority: "grid1gov", params: { gridOperator: "grid1op<&>" } } },
    String.raw`{"type":"gridledger/balancing/MsgUpdateParams","value":{"authority":"grid1gov","params":{"grid_operator":"grid1op\u003c\u0026\u003e","tx_limits":{}}}}`,
  ],
  [
    "MsgUpdateParams, unset params written as {}",
    { typeUrl: msgUpdateParamsTypeUrl, value: { authority: "grid1gov" } },
    String.raw`{"type":"gridledger/balancing/MsgUpdateParams","value":{"authority":"grid1gov","params":{"tx_limits":{}}}}`,
  ],
  [
    "MsgAdmitParticipant, max uint64, enums as numbers, non-ASCII text",
    admitParticipantMsg(op, {
      address: "grid1a",
      legalId: "10XDE-EON-NETZ-S",
      displayName: 'Stadtwerke Ünß "x"',
      roles: [Role.ROLE_TRADER, Role.ROLE_PRODUCER],
      positionLimitWh: 18446744073709551615n,
      tradedCategories: [EnergyCategory.ENERGY_CATEGORY_WIND],
    }),
    String.raw`{"type":"gridledger/MsgAdmitParticipant","value":{"address":"grid1a","display_name":"Stadtwerke Ünß \"x\"","legal_id":"10XDE-EON-NETZ-S","operator":"grid1operator","position_limit_wh":"18446744073709551615","roles":[4,1],"traded_categories":[2]}}`,
  ],
  [
    "MsgAdmitParticipant, defaults omitted",
    admitParticipantMsg(op, { address: "grid1a", legalId: "", displayName: "", roles: [], positionLimitWh: 0 }),
    String.raw`{"type":"gridledger/MsgAdmitParticipant","value":{"address":"grid1a","operator":"grid1operator"}}`,
  ],
  [
    "MsgUpdateParticipant",
    updateParticipantMsg(op, { address: "grid1a", displayName: "N", roles: [Role.ROLE_CONSUMER], positionLimitWh: 5 }),
    String.raw`{"type":"gridledger/MsgUpdateParticipant","value":{"address":"grid1a","display_name":"N","operator":"grid1operator","position_limit_wh":"5","roles":[2]}}`,
  ],
  [
    "MsgSuspendParticipant",
    suspendParticipantMsg(op, "grid1a", "collateral"),
    String.raw`{"type":"gridledger/MsgSuspendParticipant","value":{"address":"grid1a","operator":"grid1operator","reason_code":"collateral"}}`,
  ],
  [
    "MsgReinstateParticipant",
    reinstateParticipantMsg(op, "grid1a"),
    String.raw`{"type":"gridledger/MsgReinstateParticipant","value":{"address":"grid1a","operator":"grid1operator"}}`,
  ],
  [
    "MsgExcludeParticipant, empty reason omitted",
    excludeParticipantMsg(op, "grid1a", ""),
    String.raw`{"type":"gridledger/MsgExcludeParticipant","value":{"address":"grid1a","operator":"grid1operator"}}`,
  ],
  [
    "MsgRegisterMeter, consumption meter: no category, empty location {}",
    registerMeterMsg(op, {
      id: "m1",
      owner: "grid1a",
      kind: MeterKind.METER_KIND_CONSUMPTION,
      keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
      publicKey: new Uint8Array(32).fill(255),
      pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
    }),
    String.raw`{"type":"gridledger/MsgRegisterMeter","value":{"id":"m1","key_algorithm":2,"kind":2,"location":{},"operator":"grid1operator","owner":"grid1a","point_kind":1,"public_key":"//////////////////////////////////////////8="}}`,
  ],
  [
    "MsgRegisterMeter, full location with negative int32 and zero longitude omitted",
    registerMeterMsg(op, {
      id: "m2",
      owner: "grid1a",
      kind: MeterKind.METER_KIND_PRODUCTION,
      category: EnergyCategory.ENERGY_CATEGORY_HYDRO,
      location: { gridNode: "N1", area: "DE-50HZ", hasCoordinates: true, latCenti: -5234, lonCenti: 0 },
      keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1,
      publicKey: new Uint8Array([2, 250, 251]),
      pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
    }),
    String.raw`{"type":"gridledger/MsgRegisterMeter","value":{"category":3,"id":"m2","key_algorithm":1,"kind":1,"location":{"area":"DE-50HZ","grid_node":"N1","has_coordinates":true,"lat_centi":-5234},"operator":"grid1operator","owner":"grid1a","point_kind":1,"public_key":"Avr7"}}`,
  ],
  // The three cases below are pinned in Go too: chain/x/delivery/keeper/aminojson_test.go.
  [
    "MsgRegisterMeter, a household that opted in with its consent hash",
    registerMeterMsg(hub, {
      id: "CH-HH-1",
      owner: hub,
      kind: MeterKind.METER_KIND_CONSUMPTION,
      location: { area: "CH-ZH" },
      keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
      publicKey: new Uint8Array(32).fill(7),
      pointKind: MeteringPointKind.METERING_POINT_KIND_HOUSEHOLD_OPT_IN,
      consentHash: new Uint8Array(32).fill(9),
    }),
    String.raw`{"type":"gridledger/MsgRegisterMeter","value":{"consent_hash":"CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=","id":"CH-HH-1","key_algorithm":2,"kind":2,"location":{"area":"CH-ZH"},"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","owner":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","point_kind":3,"public_key":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc="}}`,
  ],
  [
    "MsgRotateMeterKey",
    rotateMeterKeyMsg(hub, { id: "CH-1", keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519, publicKey: new Uint8Array(32).fill(7) }),
    String.raw`{"type":"gridledger/MsgRotateMeterKey","value":{"id":"CH-1","key_algorithm":2,"operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","public_key":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc="}}`,
  ],
  [
    "MsgRetireMeter",
    retireMeterMsg(hub, "CH-1", "replaced"),
    String.raw`{"type":"gridledger/MsgRetireMeter","value":{"id":"CH-1","operator":"grid10d7jhaczncedxt0y8s2pz2ek7t7wtqtk87ey9w","reason_code":"replaced"}}`,
  ],
  [
    "MsgRegisterMeter, raw partial EncodeObject without location",
    { typeUrl: msgRegisterMeterTypeUrl, value: { operator: op, id: "m3" } },
    String.raw`{"type":"gridledger/MsgRegisterMeter","value":{"id":"m3","location":{},"operator":"grid1operator"}}`,
  ],
];

describe("amino JSON matches the SDK v0.53 encoder byte for byte", () => {
  const aminoTypes = createGridledgerAminoTypes();

  it.each(cases)("%s", (_name, msg, golden) => {
    const amino = aminoTypes.toAmino(msg);
    // serializeSignDoc is what CosmJS signs: sorted keys, HTML characters escaped.
    const signDoc = {
      chain_id: "c",
      account_number: "0",
      sequence: "0",
      fee: { amount: [], gas: "0" },
      msgs: [amino],
      memo: "",
    };
    const signed = fromUtf8(serializeSignDoc(signDoc));
    expect(signed).toContain(`"msgs":[${golden}],"sequence"`);
  });
});
