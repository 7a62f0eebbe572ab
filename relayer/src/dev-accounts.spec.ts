import { describe, expect, it } from "vitest";
import { assignMnemonics, DEV_ACCOUNT_NAMES, DEV_MNEMONICS, devAccounts, SPARE_DEV_MNEMONICS } from "./dev-accounts.js";

describe("dev accounts", () => {
  it("are the six well-known accounts with distinct 24-word mnemonics", () => {
    expect(devAccounts().map((a) => a.name)).toEqual(["operator", "validator", "alice", "bob", "carol", "bank"]);
    const all = [...DEV_ACCOUNT_NAMES.map((n) => DEV_MNEMONICS[n]), ...SPARE_DEV_MNEMONICS];
    expect(new Set(all).size).toBe(all.length);
    for (const m of all) expect(m.split(" ")).toHaveLength(24);
  });

  it("assigns own, then well-known, then spare mnemonics, deterministically", () => {
    const accounts = assignMnemonics([
      { name: "alice", coins: "1ugrid" },
      { name: "validator-1", coins: "1ugrid" },
      { name: "x", coins: "1ugrid", mnemonic: "own words" },
      { name: "validator-2", coins: "1ugrid" },
    ]);
    expect(accounts.map((a) => a.mnemonic)).toEqual([DEV_MNEMONICS.alice, SPARE_DEV_MNEMONICS[0], "own words", SPARE_DEV_MNEMONICS[1]]);
  });

  it("says what to do when the spares run out", () => {
    const many = Array.from({ length: SPARE_DEV_MNEMONICS.length + 1 }, (_, i) => ({ name: `p${i}`, coins: "1ugrid" }));
    expect(() => assignMnemonics(many)).toThrow(/give it a mnemonic/);
  });
});
