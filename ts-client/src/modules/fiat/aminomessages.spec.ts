import type { EncodeObject } from "@cosmjs/proto-signing";
import { describe, expect, it } from "vitest";

import { createGridledgerAminoTypes, createGridledgerRegistry } from "../../registry.js";
import { BankEntityStatus, FeeKind } from "../../generated/gridledger/fiat/v1/types.js";
import {
  type AminoMsgAttestReserve,
  type AminoMsgRedeem,
  createFiatAminoConverters,
  isAminoMsgAttestReserve,
  isAminoMsgRedeem,
} from "./aminomessages.js";
import { feeModel, mintMsg, toIntString } from "./compose.js";
import { fiatTypes } from "./messages.js";

const gov = "grid10d07y265gmmuvt4z0w9aw880jnsr700jhrgegj";
const bank = "grid1bankxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const owner = "grid1participantxxxxxxxxxxxxxxxxxxxxxxxxx";
const chf = (amount: string) => ({ denom: "uchf.alpine", amount });

// Complete values (every field present, as fromAmino returns them) for every x/fiat Msg.
const full: Record<string, object> = {
  "/gridledger.fiat.v1.MsgApproveBank": {
    authority: gov,
    address: bank,
    denom: "uchf.alpine",
    currency: "CHF",
    exponent: 6,
    feeModel: { kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: 5, fixedAmount: "0" },
    displayDenom: "chf.alpine",
  },
  "/gridledger.fiat.v1.MsgUpdateBank": {
    authority: gov,
    denom: "uchf.alpine",
    feeModel: { kind: FeeKind.FEE_KIND_FIXED, basisPoints: 0, fixedAmount: "340282366920938463463374607431768211456" },
    status: BankEntityStatus.BANK_ENTITY_STATUS_REVOKED,
  },
  "/gridledger.fiat.v1.MsgAttestReserve": {
    bank,
    denom: "uchf.alpine",
    reserve: "9007199254740993", // above Number.MAX_SAFE_INTEGER
    statementHash: new Uint8Array(32).map((_, i) => 255 - i),
  },
  "/gridledger.fiat.v1.MsgMint": {
    bank,
    denom: "uchf.alpine",
    recipient: owner,
    amount: "1000000",
    depositReference: "DEP-2026-0001",
  },
  "/gridledger.fiat.v1.MsgRedeem": { holder: owner, amount: chf("250000"), payoutReference: "PAYOUT-1" },
  "/gridledger.fiat.v1.MsgMarkRedemptionPaid": { bank, redemptionId: 9_007_199_254_740_993n },
  "/gridledger.fiat.v1.MsgDeposit": { owner, amount: chf("400000") },
  "/gridledger.fiat.v1.MsgWithdraw": { owner, amount: chf("100000") },
  "/gridledger.fiat.v1.MsgLockCollateral": { operator: gov, owner, amount: chf("300000") },
  "/gridledger.fiat.v1.MsgUnlockCollateral": { operator: gov, owner, amount: chf("1") },
};

describe("createFiatAminoConverters", () => {
  const converters = createFiatAminoConverters();
  const aminoTypes = createGridledgerAminoTypes();
  const registry = createGridledgerRegistry();

  it("covers every registered message type", () => {
    expect(Object.keys(converters).sort()).toEqual(fiatTypes.map(([url]) => url).sort());
    expect(Object.keys(full).sort()).toEqual(Object.keys(converters).sort());
  });

  it.each(Object.entries(full))("round-trips %s", (typeUrl, value) => {
    const msg: EncodeObject = { typeUrl, value };
    const amino = aminoTypes.toAmino(msg);
    expect(aminoTypes.fromAmino(amino)).toStrictEqual(msg);
    // What CosmJS broadcasts after amino signing encodes like the original message.
    expect(registry.encode(aminoTypes.fromAmino(amino))).toEqual(registry.encode(msg));
  });

  it.each(Object.keys(full))("round-trips an all-default %s", (typeUrl) => {
    const converter = converters[typeUrl];
    if (converter === undefined) throw new Error(`no converter for ${typeUrl}`);
    const empty: unknown = converter.fromAmino(converter.toAmino({}));
    expect(converter.toAmino(empty)).toStrictEqual(converter.toAmino({}));
  });

  it("writes MsgAttestReserve with the reserve as a string and the hash as base64", () => {
    const amino = aminoTypes.toAmino({
      typeUrl: "/gridledger.fiat.v1.MsgAttestReserve",
      value: full["/gridledger.fiat.v1.MsgAttestReserve"],
    });
    expect(isAminoMsgAttestReserve(amino)).toBe(true);
    expect(amino).toStrictEqual<AminoMsgAttestReserve>({
      type: "gridledger/MsgAttestReserve",
      value: {
        bank,
        denom: "uchf.alpine",
        reserve: "9007199254740993",
        statement_hash: "//79/Pv6+fj39vX08/Lx8O/u7ezr6uno5+bl5OPi4eA=",
      },
    });
  });

  it("always writes cosmos.Int amounts and coins (dont_omitempty), zero as \"0\"", () => {
    const redeem = aminoTypes.toAmino({ typeUrl: "/gridledger.fiat.v1.MsgRedeem", value: { holder: owner } });
    expect(isAminoMsgRedeem(redeem)).toBe(true);
    expect(redeem).toStrictEqual<AminoMsgRedeem>({
      type: "gridledger/MsgRedeem",
      value: { holder: owner, amount: { amount: "0" } },
    });
    const attest = aminoTypes.toAmino({ typeUrl: "/gridledger.fiat.v1.MsgAttestReserve", value: { bank } });
    expect(attest.value).toStrictEqual({ bank, reserve: "0" });
  });

  it("always writes the fee model with its fixed_amount, omitting zero kind and basis points", () => {
    const amino = aminoTypes.toAmino({
      typeUrl: "/gridledger.fiat.v1.MsgUpdateBank",
      value: { authority: gov, denom: "uchf.alpine" },
    });
    expect(amino.value).toStrictEqual({ authority: gov, denom: "uchf.alpine", fee_model: { fixed_amount: "0" } });
  });

  it("fills nested messages in fromAmino so the signed body carries them", () => {
    const back = aminoTypes.fromAmino(
      aminoTypes.toAmino({ typeUrl: "/gridledger.fiat.v1.MsgDeposit", value: { owner } }),
    );
    expect(back.value).toStrictEqual({ owner, amount: { denom: "", amount: "0" } });
  });
});

describe("compose helpers", () => {
  it("normalise amounts to canonical decimal strings", () => {
    expect(toIntString(5)).toBe("5");
    expect(toIntString(2n ** 70n)).toBe("1180591620717411303424");
    expect(toIntString("000120")).toBe("120");
    expect(() => toIntString(1.5)).toThrow(/safe integer/);
    expect(() => toIntString(2 ** 60)).toThrow(/safe integer/);
    expect(() => toIntString("1e6")).toThrow(/whole number/);
  });

  it("build fee models with fixed_amount \"0\" unless fixed", () => {
    expect(feeModel({ kind: "none" })).toEqual({ kind: FeeKind.FEE_KIND_NONE, basisPoints: 0, fixedAmount: "0" });
    expect(feeModel({ kind: "basisPoints", basisPoints: 5 })).toEqual({
      kind: FeeKind.FEE_KIND_BASIS_POINTS,
      basisPoints: 5,
      fixedAmount: "0",
    });
    expect(feeModel({ kind: "fixed", fixedAmount: 10n })).toEqual({
      kind: FeeKind.FEE_KIND_FIXED,
      basisPoints: 0,
      fixedAmount: "10",
    });
  });

  it("build a mint the registry encodes", () => {
    const msg = mintMsg(bank, { denom: "uchf.alpine", recipient: owner, amount: 7, depositReference: "D1" });
    expect(msg.value.amount).toBe("7");
    expect(createGridledgerRegistry().encode(msg).length).toBeGreaterThan(0);
  });
});
