import { describe, expect, it } from "vitest";

import { balancePath, offersPath, positionPath } from "./rest-reads.js";

describe("REST reads", () => {
  it("asks the gateway for the same Offers page as the RPC request, by proto field names", () => {
    const path = offersPath({
      side: 1,
      denom: "uchf.alpine",
      category: 2,
      minPricePerMwh: 20_000_000n,
      hasMinPrice: true,
      maxPricePerMwh: 0n,
      hasMaxPrice: false,
      fromPeriod: 100n,
      toPeriod: 195n,
      pagination: { key: new Uint8Array([1, 2, 255]), offset: 0n, limit: 50n, countTotal: false, reverse: false },
    });
    const url = new URL(path, "http://x");
    expect(url.pathname).toBe("/gridledger/energy/v1/offers");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      side: "1",
      denom: "uchf.alpine",
      category: "2",
      has_min_price: "true",
      min_price_per_mwh: "20000000",
      from_period: "100",
      to_period: "195",
      "pagination.key": "AQL/",
      "pagination.limit": "50",
    });
  });

  it("names the owner in the Position path and the denom of a balance", () => {
    expect(positionPath({ owner: "grid1abc", fromPeriod: 5n, toPeriod: 9n })).toBe("/gridledger/energy/v1/owners/grid1abc/position?from_period=5&to_period=9");
    expect(balancePath("grid1abc", "uchf.alpine")).toBe("/cosmos/bank/v1beta1/balances/grid1abc/by_denom?denom=uchf.alpine");
  });
});
