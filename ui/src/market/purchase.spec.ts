import { FeeKind, Side } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { offer, P0 } from "./fixtures.js";
import { purchasePreview } from "./purchase.js";

const fee5bp = { kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: 5, fixedAmount: "0" };
const flat = (net: bigint) => [0n, 1n, 2n, 3n].map((i) => ({ period: P0 + i, producerWh: 0n, consumerWh: 0n, netWh: net }));

describe("purchasePreview", () => {
  it("prices the side as the chain does, adds the bank's fee and moves the position", () => {
    const p = purchasePreview({ offer: offer({ id: 1n }), buyer: "grid1alice", feeModel: fee5bp, available: 600_000_000n, positions: flat(0n), positionLimitWh: 1_000_000n });
    expect(p.price).toBe(85_000_000n); // CHF 85/MWh x 1 MWh
    expect(p.fee).toBe(42_500n);
    expect(p.buyerPays).toBe(85_042_500n);
    expect(p.availableAfter).toBe(514_957_500n);
    expect(p.periods.map((c) => [c.before, c.after])).toEqual(Array(4).fill([0n, 250_000n]));
    expect(p.beyondLimit).toEqual([]);
    expect(p.insufficientFunds || p.ownOffer).toBe(false);
  });

  it("says when the money is short, the offer is one's own, or the limit would be passed", () => {
    const o = offer({ id: 1n });
    expect(purchasePreview({ offer: o, buyer: "grid1alice", feeModel: fee5bp, available: 85_000_000n, positions: [], positionLimitWh: 1_000_000n }).insufficientFunds).toBe(true);
    expect(purchasePreview({ offer: o, buyer: "grid1bob", feeModel: fee5bp, available: 10n ** 12n, positions: [], positionLimitWh: 1_000_000n }).ownOffer).toBe(true);
    const beyond = purchasePreview({ offer: o, buyer: "grid1alice", feeModel: fee5bp, available: 10n ** 12n, positions: flat(800_000n), positionLimitWh: 1_000_000n });
    expect(beyond.beyondLimit.map((c) => c.period)).toEqual([P0, P0 + 1n, P0 + 2n, P0 + 3n]);
    // Beyond the limit already, a purchase that brings the position back toward zero is allowed.
    const back = purchasePreview({ offer: offer({ id: 2n, consumer: undefined, producer: { owner: "grid1bob", meterId: "m", ask: { forSale: true, pricePerMwh: 1n, denom: "uchf.alpine" } } }, Side.SIDE_PRODUCER), buyer: "grid1alice", feeModel: fee5bp, available: 10n ** 12n, positions: flat(1_500_000n), positionLimitWh: 1_000_000n });
    expect(back.periods[0]?.after).toBe(1_250_000n);
    expect(back.beyondLimit).toEqual([]);
  });

  it("lets a negative price pay the buyer, the seller bearing the fee", () => {
    const o = offer({ id: 3n, consumer: { owner: "grid1bob", meterId: "m", ask: { forSale: true, pricePerMwh: -10_000_000n, denom: "uchf.alpine" } } });
    const p = purchasePreview({ offer: o, buyer: "grid1alice", feeModel: fee5bp, available: 0n, positions: [], positionLimitWh: 1_000_000n });
    expect(p.price).toBe(-10_000_000n);
    expect(p.buyerPays).toBe(0n);
    expect(p.buyerReceives).toBe(10_000_000n);
    expect(p.fee).toBe(5_000n);
    expect(p.insufficientFunds).toBe(false);
    expect(p.availableAfter).toBe(10_000_000n);
  });
});
