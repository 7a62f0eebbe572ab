import type { AminoMsg } from "@cosmjs/amino";
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
  type AminoMsgAdmitParticipant,
  type AminoMsgRegisterMeter,
  createBalancingAminoConverters,
  isAminoMsgAdmitParticipant,
  isAminoMsgRegisterMeter,
} from "./aminomessages.js";
import { balancingTypes } from "./messages.js";

const operator = "grid1operatorxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const address = "grid1participantxxxxxxxxxxxxxxxxxxxxxxxxx";

// Complete values (every field present, as fromAmino returns them) for every x/balancing Msg.
const full: Record<string, object> = {
  "/gridledger.balancing.v1.MsgUpdateParams": {
    authority: "grid1gov",
    params: { gridOperator: operator, txLimits: { maxGas: 50_000_000n, maxMsgs: 100, senderPendingGas: 50_000_000n } },
  },
  "/gridledger.balancing.v1.MsgAdmitParticipant": {
    operator,
    address,
    legalId: "11XDE-RETAIL--0",
    displayName: "Retail & Co",
    roles: [Role.ROLE_TRADER, Role.ROLE_RETAILER],
    positionLimitWh: 9_007_199_254_740_993n, // above Number.MAX_SAFE_INTEGER
    tradedCategories: [EnergyCategory.ENERGY_CATEGORY_SOLAR, EnergyCategory.ENERGY_CATEGORY_OTHER],
  },
  "/gridledger.balancing.v1.MsgUpdateParticipant": {
    operator,
    address,
    displayName: "Renamed",
    roles: [Role.ROLE_CO2_AUTHORITY],
    positionLimitWh: 1n,
    tradedCategories: [],
  },
  "/gridledger.balancing.v1.MsgSuspendParticipant": { operator, address, reasonCode: "collateral" },
  "/gridledger.balancing.v1.MsgReinstateParticipant": { operator, address },
  "/gridledger.balancing.v1.MsgExcludeParticipant": { operator, address, reasonCode: "default" },
  "/gridledger.balancing.v1.MsgRegisterRelayer": { operator, address },
  "/gridledger.balancing.v1.MsgRemoveRelayer": { operator, address },
  "/gridledger.balancing.v1.MsgAppointCo2Authority": { authority: operator, co2Authority: address },
  "/gridledger.balancing.v1.MsgRegisterMeter": {
    operator,
    id: "DE000562-M:1",
    owner: address,
    kind: MeterKind.METER_KIND_PRODUCTION,
    category: EnergyCategory.ENERGY_CATEGORY_WIND,
    location: { gridNode: "UW-Nord", area: "DE-TENNET", hasCoordinates: true, latCenti: 5355, lonCenti: -999 },
    keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_ED25519,
    publicKey: new Uint8Array(32).map((_, i) => i),
    co2GramsPerMwh: 12000,
    pointKind: MeteringPointKind.METERING_POINT_KIND_HOUSEHOLD_OPT_IN,
    consentHash: new Uint8Array(32).fill(9),
  },
  "/gridledger.balancing.v1.MsgRotateMeterKey": {
    operator,
    id: "DE000562-M:1",
    keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1,
    publicKey: new Uint8Array(33).fill(2),
  },
  "/gridledger.balancing.v1.MsgRetireMeter": { operator, id: "DE000562-M:1", reasonCode: "replaced" },
};

describe("createBalancingAminoConverters", () => {
  const converters = createBalancingAminoConverters();
  const aminoTypes = createGridledgerAminoTypes();

  it("covers every registered message type", () => {
    expect(Object.keys(converters).sort()).toEqual(balancingTypes.map(([url]) => url).sort());
    expect(Object.keys(full).sort()).toEqual(Object.keys(converters).sort());
  });

  it.each(Object.entries(full))("round-trips %s", (typeUrl, value) => {
    const msg: EncodeObject = { typeUrl, value };
    const amino = aminoTypes.toAmino(msg);
    expect(aminoTypes.fromAmino(amino)).toStrictEqual(msg);
  });

  it.each(Object.keys(full))("round-trips an all-default %s", (typeUrl) => {
    const converter = converters[typeUrl];
    if (converter === undefined) throw new Error(`no converter for ${typeUrl}`);
    const empty: unknown = converter.fromAmino(converter.toAmino({}));
    expect(converter.toAmino(empty)).toStrictEqual(converter.toAmino({}));
  });

  it("writes MsgAdmitParticipant in snake_case with uint64 strings and enum numbers", () => {
    const amino = aminoTypes.toAmino({
      typeUrl: "/gridledger.balancing.v1.MsgAdmitParticipant",
      value: full["/gridledger.balancing.v1.MsgAdmitParticipant"],
    });
    expect(isAminoMsgAdmitParticipant(amino)).toBe(true);
    expect(amino).toStrictEqual<AminoMsgAdmitParticipant>({
      type: "gridledger/MsgAdmitParticipant",
      value: {
        operator,
        address,
        legal_id: "11XDE-RETAIL--0",
        display_name: "Retail & Co",
        roles: [4, 5],
        position_limit_wh: "9007199254740993",
        traded_categories: [1, 8],
      },
    });
  });

  it("omits MsgAdmitParticipant defaults: empty strings, zero limit, empty lists", () => {
    const amino = aminoTypes.toAmino({
      typeUrl: "/gridledger.balancing.v1.MsgAdmitParticipant",
      value: { operator, address, roles: [Role.ROLE_PRODUCER], positionLimitWh: 0n, tradedCategories: [] },
    });
    expect(amino.value).toStrictEqual({ operator, address, roles: [1] });
    expect(Object.keys(amino.value as object)).not.toContain("position_limit_wh");
  });

  it("writes MsgRegisterMeter with location always present and bytes as base64", () => {
    const amino: AminoMsg = aminoTypes.toAmino({
      typeUrl: "/gridledger.balancing.v1.MsgRegisterMeter",
      value: full["/gridledger.balancing.v1.MsgRegisterMeter"],
    });
    expect(isAminoMsgRegisterMeter(amino)).toBe(true);
    expect(amino).toStrictEqual<AminoMsgRegisterMeter>({
      type: "gridledger/MsgRegisterMeter",
      value: {
        operator,
        id: "DE000562-M:1",
        owner: address,
        kind: 1,
        category: 2,
        location: { grid_node: "UW-Nord", area: "DE-TENNET", has_coordinates: true, lat_centi: 5355, lon_centi: -999 },
        key_algorithm: 2,
        public_key: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        co2_grams_per_mwh: 12000,
        point_kind: 3,
        consent_hash: "CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=",
      },
    });
  });

  it("writes an audited CO2 intensity of MsgRegisterMeter as a JSON number", () => {
    const value = { operator, id: "p1", owner: address, kind: MeterKind.METER_KIND_PRODUCTION, category: 1, co2GramsPerMwh: 41000 };
    const amino = aminoTypes.toAmino({ typeUrl: "/gridledger.balancing.v1.MsgRegisterMeter", value });
    expect(amino.value).toStrictEqual({ operator, id: "p1", owner: address, kind: 1, category: 1, location: {}, co2_grams_per_mwh: 41000 });
    expect(aminoTypes.fromAmino(amino).value.co2GramsPerMwh).toBe(41000);
  });

  it("keeps an empty MsgRegisterMeter location as {} and omits the unspecified category", () => {
    const amino = aminoTypes.toAmino({
      typeUrl: "/gridledger.balancing.v1.MsgRegisterMeter",
      value: { operator, id: "c1", owner: address, kind: MeterKind.METER_KIND_CONSUMPTION },
    });
    expect(amino.value).toStrictEqual({ operator, id: "c1", owner: address, kind: 2, location: {} });
  });

  it("writes MsgUpdateParams.params even when empty", () => {
    const amino = aminoTypes.toAmino({
      typeUrl: "/gridledger.balancing.v1.MsgUpdateParams",
      value: { authority: "grid1gov", params: { gridOperator: "" } },
    });
    expect(amino.value).toStrictEqual({ authority: "grid1gov", params: { tx_limits: {} } });
  });

  it("accepts numbers for uint64 fields in partial values", () => {
    const amino = aminoTypes.toAmino({
      typeUrl: "/gridledger.balancing.v1.MsgUpdateParticipant",
      value: { operator, address, positionLimitWh: 42 },
    });
    expect(amino.value).toStrictEqual({ operator, address, position_limit_wh: "42" });
  });
});
