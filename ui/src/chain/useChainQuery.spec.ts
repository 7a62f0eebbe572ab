import { describe, expect, it } from "vitest";

import { previousFor } from "./useChainQuery.js";

describe("previousFor: what a loading query shows", () => {
  const bobsTokens = [{ id: 1n }];

  it("keeps the previous data while the same account stays connected", () => {
    expect(previousFor("grid1bob", bobsTokens, "grid1bob")).toBe(bobsTokens);
    expect(previousFor(undefined, bobsTokens, undefined)).toBe(bobsTokens);
  });

  it("never shows one account's data as another's", () => {
    expect(previousFor("grid1alice", bobsTokens, "grid1bob")).toBeUndefined();
    expect(previousFor("grid1alice", bobsTokens, undefined)).toBeUndefined();
    expect(previousFor(undefined, bobsTokens, "grid1bob")).toBeUndefined();
  });
});
