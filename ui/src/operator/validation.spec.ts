import { KeyAlgorithm, meterPublicKey, Role, EnergyCategory } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { checkAddress, checkDisplayName, checkLegalId, checkMeterId, checkReasonCode, checkTradedCategories, parseMeterKey, parsePositionLimit, toHex } from "./validation.js";

const ED = KeyAlgorithm.KEY_ALGORITHM_ED25519;
const SECP = KeyAlgorithm.KEY_ALGORITHM_SECP256K1;
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describe("meter keys, checked as RegisterMeter checks them", () => {
  it("take a 32-byte ed25519 key in hex (0x optional, spaces ignored) or base64", async () => {
    const key = await meterPublicKey({ algorithm: ED, privkey: new Uint8Array(32).fill(7) });
    expect(parseMeterKey(toHex(key), ED).bytes).toEqual(key);
    expect(parseMeterKey(`0x${toHex(key).toUpperCase()}`, ED).bytes).toEqual(key);
    expect(parseMeterKey(toHex(key).replace(/(.{8})/g, "$1 "), ED).bytes).toEqual(key);
    expect(parseMeterKey(base64(key), ED).bytes).toEqual(key);
  });

  it("take a 33-byte compressed secp256k1 key that is a point of the curve", async () => {
    for (const fill of [1, 2, 3, 99, 200]) {
      const key = await meterPublicKey({ algorithm: SECP, privkey: new Uint8Array(32).fill(fill) });
      expect(key.length).toBe(33);
      expect(parseMeterKey(toHex(key), SECP)).toEqual({ bytes: key });
    }
    // The generator point G.
    expect(parseMeterKey("0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", SECP).error).toBeUndefined();
  });

  it("refuse keys of the wrong length, form or curve with what to do", async () => {
    const ed = await meterPublicKey({ algorithm: ED, privkey: new Uint8Array(32).fill(7) });
    expect(parseMeterKey(toHex(ed), SECP).error).toBe("A secp256k1 key is 33 bytes compressed (66 hex digits starting with 02 or 03); this one is 32 bytes.");
    expect(parseMeterKey(`02${toHex(ed)}`, ED).error).toBe("An ed25519 key is 32 bytes (64 hex digits); this one is 33 bytes.");
    expect(parseMeterKey(`04${"11".repeat(64)}`, SECP).error).toMatch(/uncompressed \(65 bytes\)/);
    // x = 0 is on no point of secp256k1 (7 has no square root modulo p), and x must be below p.
    expect(parseMeterKey(`02${"00".repeat(32)}`, SECP).error).toBe("These 33 bytes are not a point of the secp256k1 curve; check the key.");
    expect(parseMeterKey(`03${"ff".repeat(32)}`, SECP).error).toMatch(/not a point/);
    expect(parseMeterKey(`05${toHex(ed)}`, SECP).error).toMatch(/not a point/);
    expect(parseMeterKey("not a key!", ED).error).toMatch(/neither hex nor base64/);
    expect(parseMeterKey("", ED).error).toMatch(/Paste the meter's public key/);
    expect(parseMeterKey(toHex(ed), KeyAlgorithm.KEY_ALGORITHM_UNSPECIFIED).error).toMatch(/Choose the key's algorithm/);
  });
});

describe("participant fields, checked as the chain checks them", () => {
  it("legal identifiers: 3-35 upper-case letters, digits or dashes", () => {
    expect(checkLegalId("12X-BOB-SOLAR-01")).toBeUndefined();
    expect(checkLegalId("529900T8BM49AURSDO55")).toBeUndefined();
    expect(checkLegalId("ab")).toMatch(/3-35 upper-case/);
    expect(checkLegalId("-ABC")).toMatch(/starting with a letter or digit/);
    expect(checkLegalId("A".repeat(36))).toBeDefined();
  });

  it("display names: 1-64 bytes of printable characters", () => {
    expect(checkDisplayName("Zürich Wärme AG")).toBeUndefined();
    expect(checkDisplayName("   ")).toMatch(/trading name/);
    expect(checkDisplayName("ü".repeat(33))).toMatch(/64 bytes/);
    expect(checkDisplayName("A\u0000B")).toMatch(/printable/);
    expect(checkDisplayName("A\u00a0B")).toMatch(/printable/);
  });

  it("addresses, reason codes, meter ids, categories and limits", () => {
    expect(checkAddress("grid1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq")).toBeUndefined();
    expect(checkAddress("cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq")).toMatch(/grid1/);
    expect(checkReasonCode("")).toBeUndefined();
    expect(checkReasonCode("collateral")).toBeUndefined();
    expect(checkReasonCode("Did not pay")).toMatch(/no free text/);
    expect(checkMeterId("CH1234500000000000000000000000001")).toBeUndefined();
    expect(checkMeterId("virtual:x")).toMatch(/virtual meters/);
    expect(checkMeterId("a b")).toMatch(/1-128 characters/);
    expect(checkTradedCategories([Role.ROLE_PRODUCER], [EnergyCategory.ENERGY_CATEGORY_SOLAR])).toMatch(/traders and retailers/);
    expect(checkTradedCategories([Role.ROLE_RETAILER], [EnergyCategory.ENERGY_CATEGORY_SOLAR])).toBeUndefined();
    expect(parsePositionLimit("1000")).toEqual({ wh: 1_000_000n });
    expect(parsePositionLimit("1'000.5")).toEqual({ wh: 1_000_500n });
    expect(parsePositionLimit("")).toEqual({ wh: 0n });
    expect(parsePositionLimit("-1").error).toMatch(/kWh per period/);
  });
});
