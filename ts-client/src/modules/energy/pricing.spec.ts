import { describe, expect, it } from "vitest";

import { FeeKind } from "../../generated/gridledger/fiat/v1/types.js";
import { bankFee } from "../fiat/fees.js";
import { priceFor } from "./pricing.js";

describe("priceFor", () => {
  it("prices Wh at a price per MWh, rounded toward zero like the chain", () => {
    // README: 85 CHF/MWh x 0.04 MWh = 3.40 CHF.
    expect(priceFor(85_000_000n, 40_000)).toBe(3_400_000n);
    expect(priceFor(1, 999_999)).toBe(0n);
    expect(priceFor(-1, 999_999)).toBe(0n);
    expect(priceFor(-85_000_000, 1_500_001)).toBe(-127_500_085n);
  });
});

describe("bankFee", () => {
  it("charges basis points rounded down, a fixed amount, or nothing", () => {
    expect(bankFee({ kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: 5, fixedAmount: "0" }, 3_400_000n)).toBe(1_700n);
    expect(bankFee({ kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: 5, fixedAmount: "0" }, 1_999n)).toBe(0n);
    expect(bankFee({ kind: FeeKind.FEE_KIND_FIXED, basisPoints: 0, fixedAmount: "10000" }, 1n)).toBe(10_000n);
    expect(bankFee({ kind: FeeKind.FEE_KIND_NONE, basisPoints: 0, fixedAmount: "0" }, 5n)).toBe(0n);
  });
});
