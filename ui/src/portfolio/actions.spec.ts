import { Side } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { P0, token } from "../market/fixtures.js";
import { aggregatePlan, cancelPlan, combineShape, firstOpenPeriod, mergePlan, type Rules, splitPlan } from "./actions.js";

// An hour before P0 starts: its gate (15 min before) is open.
const rules: Rules = {
  params: { periodSeconds: 900n, gateClosureSeconds: 900n, maxSplitParts: 4n, maxMergeInputs: 3n, maxTokenPeriods: 8928n },
  now: Number(P0 * 900n) - 3600,
};
const bob = "grid1bob";
const alice = "grid1alice";
const mine = (over: Parameters<typeof token>[0]) =>
  token({ consumer: { owner: bob, meterId: "virtual", ask: { forSale: false, pricePerMwh: 0n, denom: "" } }, ...over });

describe("what the chain allows with a token", () => {
  it("knows the first period whose gate is still open", () => {
    expect(firstOpenPeriod(rules.params, Number(P0 * 900n) - 901)).toBe(P0);
    expect(firstOpenPeriod(rules.params, Number(P0 * 900n) - 900)).toBe(P0 + 1n);
  });

  it("splits by energy only into positive parts that add up to the token's", () => {
    const t = mine({ id: 5n });
    expect(splitPlan(t, bob, { by: "energy", parts: [100_000n, 150_000n] }, rules)).toMatchObject({ problems: [], joint: false, shapes: [{ whPerPeriod: 100_000n }, { whPerPeriod: 150_000n }] });
    expect(splitPlan(t, bob, { by: "energy", parts: [100_000n, 100_000n] }, rules).problems).toEqual(["The parts add up to 200 kWh per period; the token has 250 kWh: add 50 kWh."]);
    expect(splitPlan(t, bob, { by: "energy", parts: [250_000n, undefined] }, rules).problems[0]).toMatch(/^Part 2 needs a positive energy/);
    expect(splitPlan(t, bob, { by: "energy", parts: [50_000n, 50_000n, 50_000n, 50_000n, 50_000n] }, rules).problems[0]).toMatch(/At most 4 parts/);
  });

  it("splits by periods after one of them but the last", () => {
    const t = mine({ id: 5n });
    expect(splitPlan(t, bob, { by: "periods", after: P0 }, rules).shapes).toEqual([
      { firstPeriod: P0, lastPeriod: P0, whPerPeriod: 250_000n },
      { firstPeriod: P0 + 1n, lastPeriod: P0 + 3n, whPerPeriod: 250_000n },
    ]);
    expect(splitPlan(t, bob, { by: "periods", after: P0 + 3n }, rules).problems).toHaveLength(1);
    expect(splitPlan(mine({ id: 6n, lastPeriod: P0 }), bob, { by: "periods", after: P0 }, rules).problems[0]).toMatch(/one period cannot be split by periods/);
  });

  it("needs the other owner for a split of a token whose side was sold, and refuses frozen, backing and emitted tokens", () => {
    const sold = token({ id: 7n, consumer: { owner: alice, meterId: "v", ask: undefined } });
    expect(splitPlan(sold, bob, { by: "energy", parts: [125_000n, 125_000n] }, rules).joint).toBe(true);
    const late = { ...rules, now: Number(P0 * 900n) - 600 };
    expect(splitPlan(mine({ id: 5n }), bob, { by: "energy", parts: [125_000n, 125_000n] }, late).problems[0]).toMatch(/past its gate closure/);
    const backing = mine({ id: 5n, backs: { side: Side.SIDE_CONSUMER, tokenIds: [9n] } });
    expect(splitPlan(backing, bob, { by: "energy", parts: [125_000n, 125_000n] }, rules).problems[0]).toBe(
      "The consumer side of token #5 backs token #9 emitted against it: cancel that token first, which releases it.",
    );
    const emitted = mine({ id: 9n, backedBy: { side: Side.SIDE_CONSUMER, tokenIds: [3n, 4n] } });
    expect(splitPlan(emitted, bob, { by: "energy", parts: [125_000n, 125_000n] }, rules).problems[0]).toMatch(/emitted against tokens #3, #4, so it cannot be split/);
  });

  it("combines equal periods by adding energy and adjacent ones of equal energy by joining", () => {
    expect(combineShape([mine({ id: 1n, whPerPeriod: 100_000n }), mine({ id: 2n, whPerPeriod: 150_000n })], rules).shapes).toEqual([{ firstPeriod: P0, lastPeriod: P0 + 3n, whPerPeriod: 250_000n }]);
    expect(combineShape([mine({ id: 2n, firstPeriod: P0 + 4n, lastPeriod: P0 + 5n }), mine({ id: 1n })], rules).shapes).toEqual([{ firstPeriod: P0, lastPeriod: P0 + 5n, whPerPeriod: 250_000n }]);
    expect(combineShape([mine({ id: 1n }), mine({ id: 2n, firstPeriod: P0 + 5n, lastPeriod: P0 + 6n })], rules).problems[0]).toMatch(/same periods/);
  });

  it("merges like tokens of the same owners only", () => {
    expect(mergePlan([mine({ id: 1n, whPerPeriod: 100_000n }), mine({ id: 2n, whPerPeriod: 150_000n })], bob, rules)).toMatchObject({ problems: [], joint: false });
    expect(mergePlan([mine({ id: 1n }), mine({ id: 2n, faceValuePerMwh: { amount: "90000000", denom: "uchf.alpine" } })], bob, rules).problems).toEqual([
      "Tokens #1 and #2 differ in face value, so they cannot be merged.",
    ]);
    const sold = token({ id: 2n, consumer: { owner: alice, meterId: "virtual", ask: undefined } });
    expect(mergePlan([mine({ id: 1n }), sold], bob, rules).problems[0]).toMatch(/other side owners than token #1/);
    expect(mergePlan([mine({ id: 1n })], bob, rules).problems).toEqual(["Choose at least two tokens to merge."]);
  });

  it("aggregates unoffered sides of one category that the owner keeps", () => {
    const a = token({ id: 1n, consumer: { owner: alice, meterId: "v", ask: undefined } });
    const b = token({ id: 2n, whPerPeriod: 50_000n, consumer: { owner: alice, meterId: "v", ask: undefined } });
    expect(aggregatePlan([a, b], alice, Side.SIDE_CONSUMER, rules).shapes).toEqual([{ firstPeriod: P0, lastPeriod: P0 + 3n, whPerPeriod: 300_000n }]);
    const offered = token({ id: 3n, consumer: { owner: alice, meterId: "v", ask: { forSale: true, pricePerMwh: 1n, denom: "uchf.alpine" } } });
    expect(aggregatePlan([a, offered], alice, Side.SIDE_CONSUMER, rules).problems).toEqual(["The consumer side of token #3 is offered: withdraw the offer before it backs new tokens."]);
    expect(aggregatePlan([a, b], alice, Side.SIDE_PRODUCER, rules).problems[0]).toBe("You do not hold the producer side of token #1.");
  });

  it("cancels alone when both sides are the owner's, else with the fee or jointly", () => {
    expect(cancelPlan(mine({ id: 1n }), bob, rules)).toMatchObject({ problems: [], alone: true, other: bob });
    const sold = token({ id: 2n, consumer: { owner: alice, meterId: "v", ask: undefined }, terms: { cancellationFee: "5000000" } as never });
    expect(cancelPlan(sold, bob, rules)).toMatchObject({ problems: [], alone: false, other: alice, fee: 5_000_000n });
    expect(cancelPlan(sold, alice, rules)).toMatchObject({ alone: false, other: bob });
    expect(cancelPlan(sold, "grid1carol", rules).problems).toEqual(["You hold no side of token #2."]);
  });
});
