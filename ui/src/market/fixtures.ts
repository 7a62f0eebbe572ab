/** Tokens and banks for the UI's unit tests, shaped as @gridledger/client returns them. */
import { type BankEntity, EnergyCategory, FeeKind, Side, type Token } from "@gridledger/client";

import type { Bank } from "../chain/reads.js";
import { type Offer, offerOf } from "./offers.js";

export const P0 = 1_995_956n; // Fri 4 Dec 2026, 06:00 in Zurich

export function token(over: Partial<Token> & { id: bigint }): Token {
  return {
    issuer: "grid1bob",
    firstPeriod: P0,
    lastPeriod: P0 + 3n,
    whPerPeriod: 250_000n,
    category: EnergyCategory.ENERGY_CATEGORY_SOLAR,
    co2Grams: 0n,
    faceValuePerMwh: { amount: "80000000", denom: "uchf.alpine" },
    terms: undefined,
    capabilities: undefined,
    producer: { owner: "grid1bob", meterId: "bob-pv-1", ask: { forSale: false, pricePerMwh: 0n, denom: "" } },
    consumer: { owner: "grid1bob", meterId: "virtual", ask: { forSale: true, pricePerMwh: 85_000_000n, denom: "uchf.alpine" } },
    status: 1,
    gridFees: [],
    parents: [],
    children: [],
    originShard: "",
    issuedHeight: 1n,
    backedBy: undefined,
    backs: undefined,
    ...over,
  } as Token;
}

export function offer(over: Partial<Token> & { id: bigint }, side: Side = Side.SIDE_CONSUMER): Offer {
  const o = offerOf(token(over), side);
  if (o === undefined) throw new Error("fixture token is not offered on that side");
  return o;
}

export const CHF_BANK: Bank = {
  denom: "uchf.alpine",
  currency: "CHF",
  exponent: 6,
  entity: { denom: "uchf.alpine", currency: "CHF", exponent: 6, feeModel: { kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: 5, fixedAmount: "0" } } as BankEntity,
};
