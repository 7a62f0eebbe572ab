/**
 * What buying an offered side does, worked out before signing so the confirmation can show it:
 * the price and the bank's fee as the chain computes them, the settlement account before and
 * after, and the buyer's net position in every period of the token against its position limit
 * (chain/x/energy/keeper/position_limits.go).
 */
import { bankFee, type FeeModel, type PeriodPosition, priceFor, Side } from "@gridledger/client";

import type { Offer } from "./offers.js";

export interface PurchaseInput {
  readonly offer: Offer;
  readonly buyer: string;
  /** feeModel is the denom's bank's. */
  readonly feeModel: FeeModel;
  /** available is what the buyer's settlement account may spend (balance - locked). */
  readonly available: bigint;
  /** positions are the buyer's, one per period of the token, in order. */
  readonly positions: readonly PeriodPosition[];
  /** positionLimitWh is the buyer's limit; undefined when the buyer is not admitted. */
  readonly positionLimitWh: bigint | undefined;
}

/** PeriodChange is the buyer's net position (consumer − producer Wh) in one period. */
export interface PeriodChange {
  readonly period: bigint;
  readonly before: bigint;
  readonly after: bigint;
  /** beyondLimit: the purchase takes |net| above the limit and further from zero. */
  readonly beyondLimit: boolean;
}

export interface PurchasePreview {
  /** price is what the side costs: negative when the seller pays the buyer. */
  readonly price: bigint;
  /** fee is the bank's, paid by whoever pays the price. */
  readonly fee: bigint;
  /** buyerPays is price + fee when the buyer pays, 0 otherwise. */
  readonly buyerPays: bigint;
  /** buyerReceives is what a negative price pays the buyer (the seller pays the fee). */
  readonly buyerReceives: bigint;
  readonly availableAfter: bigint;
  readonly insufficientFunds: boolean;
  readonly periods: readonly PeriodChange[];
  readonly beyondLimit: readonly PeriodChange[];
  /** ownOffer: the buyer is the seller (the chain refuses it). */
  readonly ownOffer: boolean;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

export function purchasePreview(input: PurchaseInput): PurchasePreview {
  const { offer } = input;
  const price = priceFor(offer.pricePerMwh, offer.totalWh);
  const fee = bankFee(input.feeModel, abs(price));
  const buyerPays = price > 0n ? price + fee : 0n;
  const buyerReceives = price < 0n ? -price : 0n;
  // Buying a consumer side adds energy to take (net up); a producer side, energy to deliver (down).
  const delta = offer.side === Side.SIDE_CONSUMER ? offer.token.whPerPeriod : -offer.token.whPerPeriod;
  const byPeriod = new Map(input.positions.map((p) => [p.period, p.netWh]));
  const periods: PeriodChange[] = [];
  for (let period = offer.token.firstPeriod; period <= offer.token.lastPeriod; period++) {
    const before = byPeriod.get(period) ?? 0n;
    const after = before + delta;
    const limit = input.positionLimitWh ?? 0n;
    periods.push({ period, before, after, beyondLimit: abs(after) > limit && abs(after) > abs(before) });
  }
  const availableAfter = input.available - buyerPays + buyerReceives;
  return {
    price,
    fee,
    buyerPays,
    buyerReceives,
    availableAfter,
    insufficientFunds: buyerPays > input.available,
    periods,
    beyondLimit: periods.filter((p) => p.beyondLimit),
    ownOffer: input.buyer === offer.seller,
  };
}
