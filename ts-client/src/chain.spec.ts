import { describe, expect, it } from "vitest";

import { FIAT_SETTLEMENT_ACCOUNT, GOV_AUTHORITY, moduleAddress } from "./chain.js";

describe("module addresses", () => {
  it("derive as x/auth does: sha256(name)[:20] in bech32", () => {
    // The gov module account is the same bytes on every SDK chain (cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn).
    expect(GOV_AUTHORITY).toBe("grid10d07y265gmmuvt4z0w9aw880jnsr700jhrgegj");
    expect(moduleAddress("gov", "cosmos")).toBe("cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn");
    expect(FIAT_SETTLEMENT_ACCOUNT).toBe(moduleAddress("fiat_settlement"));
    expect(FIAT_SETTLEMENT_ACCOUNT.startsWith("grid1")).toBe(true);
  });
});
