import { render, screen, cleanup } from "@testing-library/react";
import { FeeKind, type Participant } from "@gridledger/client";
import { afterEach, describe, expect, it } from "vitest";

import { blocked, BuyConfirmation } from "./BuyConfirmation.js";
import { CHF_BANK, offer, P0 } from "./fixtures.js";
import { purchasePreview } from "./purchase.js";

const alice = { address: "grid1alice", displayName: "Alice Energy Retail", positionLimitWh: 1_000_000n } as Participant;
const fee = { kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: 5, fixedAmount: "0" };
const positions = (net: bigint) => [0n, 1n, 2n, 3n].map((i) => ({ period: P0 + i, producerWh: 0n, consumerWh: 0n, netWh: net }));

function show(available: bigint, net: bigint, participant: Participant | undefined) {
  const o = offer({ id: 12n });
  const preview = purchasePreview({ offer: o, buyer: "grid1alice", feeModel: fee, available, positions: positions(net), positionLimitWh: participant?.positionLimitWh });
  render(<BuyConfirmation offer={o} preview={preview} unit={CHF_BANK} periodSeconds={900n} feeText="5 basis points of the payment" sellerName="Bob Solar AG" buyerName="Alice Energy Retail" participant={participant} />);
  return preview;
}

describe("the buy confirmation", () => {
  afterEach(cleanup);

  it("shows the price, the bank's fee, what is paid and the position it leads to", () => {
    const preview = show(600_000_000n, 0n, alice);
    expect(screen.getByTestId("buy-confirmation").textContent).toContain("buys the consumer side of token #12 from Bob Solar AG: you take the energy");
    expect(screen.getByTestId("buy-price").textContent).toBe("CHF 85.00/MWh × 1 MWh = CHF 85.00");
    expect(screen.getByTestId("buy-fee").textContent).toContain("CHF 0.0425");
    expect(screen.getByTestId("buy-total").textContent).toBe("CHF 85.0425");
    expect(screen.getByTestId("buy-account").textContent).toBe("CHF 600.00 available → CHF 514.9575 after");
    expect(screen.getByTestId("buy-position").textContent).toContain("0 Wh → +250 kWh in each of the 4 periods");
    expect(screen.getByTestId("buy-position").textContent).toContain("limit ±1 MWh");
    expect(screen.queryAllByRole("alert")).toEqual([]);
    expect(blocked(preview, alice)).toBe(false);
  });

  it("says before signing why the chain would refuse", () => {
    const preview = show(50_000_000n, 900_000n, alice);
    const alerts = screen.getAllByRole("alert").map((a) => a.textContent);
    expect(alerts[0]).toContain("CHF 50.00 available, CHF 35.0425 less than this costs: deposit more into it first");
    expect(alerts[1]).toContain("beyond your limit of ±1 MWh in 4 periods");
    expect(blocked(preview, alice)).toBe(true);
  });

  it("warns that an account the operator has not admitted cannot buy", () => {
    const preview = show(600_000_000n, 0n, undefined);
    // Without admission there is no limit to spend either: both are said.
    expect(screen.getAllByRole("alert").map((a) => a.textContent).join(" ")).toContain("not admitted on this chain");
    expect(blocked(preview, undefined)).toBe(true);
  });
});
