import { EnergyCategory, Side } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { offer, token } from "./fixtures.js";
import { markets, mostOffered, offerOf, sortOffers } from "./offers.js";

const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
const WIND = EnergyCategory.ENERGY_CATEGORY_WIND;

describe("offers", () => {
  it("asks one market per side and category the filter covers", () => {
    expect(markets({ side: undefined, category: undefined })).toHaveLength(16);
    expect(markets({ side: Side.SIDE_CONSUMER, category: undefined })).toHaveLength(8);
    expect(markets({ side: Side.SIDE_PRODUCER, category: WIND })).toEqual([{ side: Side.SIDE_PRODUCER, category: WIND }]);
  });

  it("reads the offered side, its seller, price and energy", () => {
    const o = offerOf(token({ id: 7n }), Side.SIDE_CONSUMER);
    expect(o).toMatchObject({ seller: "grid1bob", pricePerMwh: 85_000_000n, periods: 4n, totalWh: 1_000_000n });
    expect(offerOf(token({ id: 7n }), Side.SIDE_PRODUCER)).toBeUndefined();
  });

  it("sorts by the chosen column, then by price, delivery and id", () => {
    const a = offer({ id: 1n, consumer: { owner: "s", meterId: "m", ask: { forSale: true, pricePerMwh: 90n, denom: "d" } } });
    const b = offer({ id: 2n, firstPeriod: 5n, lastPeriod: 5n, consumer: { owner: "s", meterId: "m", ask: { forSale: true, pricePerMwh: 70n, denom: "d" } } });
    const c = offer({ id: 3n, consumer: { owner: "s", meterId: "m", ask: { forSale: true, pricePerMwh: 70n, denom: "d" } } });
    const ids = (sort: Parameters<typeof sortOffers>[1]) => sortOffers([a, b, c], sort).map((o) => o.token.id);
    expect(ids({ key: "price", descending: false })).toEqual([2n, 3n, 1n]);
    expect(ids({ key: "price", descending: true })).toEqual([1n, 2n, 3n]);
    expect(ids({ key: "delivery", descending: false })).toEqual([2n, 3n, 1n]);
    expect(ids({ key: "energy", descending: false })).toEqual([2n, 3n, 1n]);
    expect(ids({ key: "token", descending: true })).toEqual([3n, 2n, 1n]);
  });

  it("charts the category with most offers, the chain's first among equals", () => {
    expect(mostOffered([])).toBeUndefined();
    expect(mostOffered([offer({ id: 1n, category: WIND }), offer({ id: 2n, category: SOLAR })])).toBe(SOLAR);
    expect(mostOffered([offer({ id: 1n, category: WIND }), offer({ id: 2n, category: WIND }), offer({ id: 3n })])).toBe(WIND);
  });
});
