import type { GridFee } from "@gridledger/client";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { CHF_BANK } from "../market/fixtures.js";
import { GridFees, gridFeeText } from "./GridFees.js";

const CHF = CHF_BANK.denom;
const unitOf = (denom: string) => (denom === CHF ? CHF_BANK : undefined);
const fee = (amount: string, denom = CHF, kind = "transmission"): GridFee => ({ kind, recipient: "grid1operator", amount: { amount, denom } });

describe("GridFees", () => {
  afterEach(cleanup);

  it("says a token's transmission fee in its currency", () => {
    render(<GridFees tokenId={7n} fees={[fee("1230000")]} unitOf={unitOf} />);
    expect(screen.getByTestId("grid-fees-7").textContent).toBe("grid fees: CHF 1.23 transmission");
  });

  it("shows nothing for a token without fees", () => {
    const { container } = render(<GridFees tokenId={7n} fees={[]} unitOf={unitOf} />);
    expect(container.textContent).toBe("");
  });

  it("falls back to base units for a denom without a bank, and names other kinds as they are", () => {
    expect(gridFeeText(fee("42", "uxyz"), unitOf)).toBe("42 uxyz transmission");
    expect(gridFeeText(fee("1000000", CHF, "ownership"), unitOf)).toBe("CHF 1.00 ownership");
  });
});
