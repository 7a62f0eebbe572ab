import { type Meter, MeterStatus, type Participant, ParticipantStatus, Role } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { CHF_BANK } from "../market/fixtures.js";
import { previewText } from "./preview.js";
import { bob, ctx, good, HOME, NOW, open, params, PV, SOLAR, VIRTUAL, WIND } from "./fixtures.js";
import { firstOpenPeriod, type IssueContext, issueDefaults, type IssueForm, parseEnergy, validateIssue, withFittingConsumer } from "./validate.js";

const errorsOf = (over: Partial<IssueForm>, c: Partial<IssueContext> = {}) => validateIssue({ ...good, ...over }, { ...ctx, ...c }).errors;

describe("the Issue form's checks, as IssueToken checks", () => {
  it("gives the input to sign for a good form: Wh, periods and base units", () => {
    const check = validateIssue(good, ctx);
    expect(check.errors).toEqual({});
    expect(check.input).toMatchObject({
      firstPeriod: open,
      lastPeriod: open + 3n,
      whPerPeriod: 250_000n,
      producerMeterId: "bob-pv-1",
      consumerMeterId: "virtual:grid1bob:solar",
      faceValuePerMwh: { denom: CHF_BANK.denom, amount: 80_000_000n },
      co2Grams: 0n,
    });
    // The production meter implies solar: the category is not stated, so it cannot contradict.
    expect(check.input?.category).toBeUndefined();
    expect(check.category).toBe(SOLAR);
    expect(check.totalWh).toBe(1_000_000n);
  });

  it("reads energy in kWh or MWh to whole Wh", () => {
    expect(parseEnergy("0.25", "MWh")).toBe(250_000n);
    expect(parseEnergy("1.5", "kWh")).toBe(1_500n);
    expect(parseEnergy("0.0005", "kWh")).toBeUndefined();
    expect(validateIssue({ ...good, energy: "1.25", energyUnit: "MWh" }, ctx).input?.whPerPeriod).toBe(1_250_000n);
  });

  it("refuses a first period whose gate has closed, naming the first open one", () => {
    const e = errorsOf({ firstPeriod: (open - 1n).toString() });
    expect(e.firstPeriod).toMatch(/^The gate of this period closed at 06:45:00 \(gate closure is 900 s before a period starts\): start at Fri 4 Dec, 07:15–07:30 · period [\d,]+ or later\.$/);
    expect(firstOpenPeriod(NOW, params)).toBe(1_995_961n);
  });

  it("refuses more periods than max_token_periods, and none", () => {
    expect(errorsOf({ periods: "2977" }).periods).toContain("at most 2976 periods");
    expect(errorsOf({ periods: "0" }).periods).toContain("1 or more");
    expect(errorsOf({ periods: "two" }).periods).toContain("1 or more");
  });

  it("refuses no energy, too much energy, and more precision than a Wh", () => {
    expect(errorsOf({ energy: "0" }).energy).toBe("The energy per period must be more than 0: a token delivers something.");
    expect(errorsOf({ energy: "-5" }).energy).toBe("The energy per period must be more than 0: a token delivers something.");
    expect(errorsOf({ energy: "1000001", energyUnit: "MWh" }).energy).toContain("at most 1,000,000 MWh per period");
    expect(errorsOf({ energy: "1.0001" }).energy).toContain("at most 3 decimals");
  });

  it("holds meters to the chain's rules: the issuer's own, active, of the token's category", () => {
    expect(errorsOf({ producerMeterId: "alice-pv" }).producerMeterId).toContain("not one of yours");
    expect(errorsOf({ consumerMeterId: "bob-wind" }).consumerMeterId).toContain("is wind, the token is solar");
    const retired = { ...PV, status: MeterStatus.METER_STATUS_RETIRED };
    expect(errorsOf({}, { meters: [retired, VIRTUAL] }).producerMeterId).toContain("is retired");
    // A pure producer keeps the consumer side at its production meter of the same category.
    expect(errorsOf({ consumerMeterId: "bob-pv-1" })).toEqual({});
  });

  it("needs a category when the producer meter is a consumption meter (a bid)", () => {
    expect(errorsOf({ producerMeterId: "bob-home", consumerMeterId: "bob-home" }).category).toBe("Choose the energy category: a consumption meter implies none.");
    const bid = validateIssue({ ...good, producerMeterId: "bob-home", consumerMeterId: "bob-home", category: String(WIND), offerProducer: true, producerAsk: "-5" }, ctx);
    expect(bid.errors).toEqual({});
    expect(bid.input).toMatchObject({ category: WIND, producerAsk: { pricePerMwh: -5_000_000n, denom: CHF_BANK.denom } });
  });

  it("keeps the face value, asks and services inside the price band, fees not negative", () => {
    expect(errorsOf({ faceValue: "12000" }).faceValue).toBe(
      "The face value is outside the price band of −9,999.00 to 9,999.00 CHF/MWh: quote a price within it, or ask the grid operator to change the band.",
    );
    expect(errorsOf({ faceValue: "-1" }).faceValue).toContain("cannot be negative");
    expect(errorsOf({ faceValue: "" }).faceValue).toContain("Enter the face value per MWh");
    expect(errorsOf({ faceValue: "80.0000001" }).faceValue).toContain("at most 6 decimals");
    expect(errorsOf({ offerConsumer: true, consumerAsk: "10000" }).consumerAsk).toContain("outside the price band");
    expect(errorsOf({ cancellationFee: "-3" }).cancellationFee).toContain("cannot be negative");
    expect(errorsOf({ legalFramework: "x".repeat(65) }).legalFramework).toContain("at most 64 characters");
    const capabilities = { ...good.capabilities, redispatch: { offered: true, mobilisation: "300", price: "20000" } };
    expect(errorsOf({ capabilities })["redispatch.price"]).toContain("outside the price band");
  });

  it("refuses to offer a side whose other side the issuer keeps where it cannot be delivered", () => {
    expect(errorsOf({ consumerMeterId: "bob-pv-1", offerProducer: true, producerAsk: "1" }).producerAsk).toContain("sits at your production meter bob-pv-1");
    expect(errorsOf({ producerMeterId: "bob-home", consumerMeterId: "bob-home", category: String(SOLAR), offerConsumer: true, consumerAsk: "1" }).consumerAsk).toContain(
      "sits at your consumption meter bob-home",
    );
    expect(validateIssue({ ...good, offerConsumer: true, consumerAsk: "85" }, ctx).input?.consumerAsk).toEqual({ pricePerMwh: 85_000_000n, denom: CHF_BANK.denom });
  });

  it("takes the CO2 an audited production meter implies (rounded down), and a declared one otherwise", () => {
    const audited = { ...PV, co2GramsPerMwh: 45 };
    const check = validateIssue({ ...good, energy: "333", co2: "999" }, { ...ctx, meters: [audited, VIRTUAL] });
    expect(check.co2Inferred).toBe(true);
    expect(check.input?.co2Grams).toBe(59n); // 1.332 MWh × 45 g/MWh = 59.94 g
    expect(validateIssue({ ...good, co2: "12.5" }, ctx).input?.co2Grams).toBe(12_500n);
    expect(errorsOf({ co2: "-1" }).co2).toContain("0 or more");
  });

  it("says when the account cannot issue at all", () => {
    expect(errorsOf({}, { participant: null }).account).toContain("not an admitted participant");
    expect(errorsOf({}, { participant: { ...bob, status: ParticipantStatus.PARTICIPANT_STATUS_SUSPENDED } }).account).toContain("suspended or excluded");
    expect(errorsOf({}, { participant: { ...bob, roles: [Role.ROLE_UNSPECIFIED] } }).account).toContain("roles do not issue");
    expect(validateIssue(good, { ...ctx, participant: null }).input).toBeUndefined();
  });
});

describe("the Issue form's defaults", () => {
  const defaults = (meters: Meter[], balances = [{ denom: CHF_BANK.denom, balance: 5n }], participant: Participant | null = bob) =>
    issueDefaults({ participant, meters, params, now: NOW, units: [CHF_BANK, { denom: "ueur.north", currency: "EUR", exponent: 6 }], balances });

  it("puts the producer side at the production meter and the consumer side at the trading meter of its category", () => {
    expect(defaults([HOME, VIRTUAL, PV])).toMatchObject({ producerMeterId: "bob-pv-1", consumerMeterId: "virtual:grid1bob:solar", category: String(SOLAR) });
  });

  it("keeps a pure producer's consumer side at its production meter, and a pure consumer's bid at its consumption meter", () => {
    expect(defaults([PV])).toMatchObject({ producerMeterId: "bob-pv-1", consumerMeterId: "bob-pv-1" });
    expect(defaults([HOME], undefined, { ...bob, tradedCategories: [] })).toMatchObject({ producerMeterId: "bob-home", consumerMeterId: "bob-home", category: String(SOLAR) });
  });

  it("moves the consumer side to a fitting meter when the producer meter changes the category, and keeps one that fits", () => {
    const wind = { ...HOME, id: "bob-wind", kind: PV.kind, category: WIND };
    const windVirtual = { ...VIRTUAL, id: "virtual:grid1bob:wind", category: WIND };
    const meters = [PV, VIRTUAL, HOME, wind, windVirtual];
    expect(withFittingConsumer({ ...good, producerMeterId: "bob-wind" }, meters).consumerMeterId).toBe("virtual:grid1bob:wind");
    expect(withFittingConsumer({ ...good, producerMeterId: "bob-wind", consumerMeterId: "bob-home" }, meters).consumerMeterId).toBe("bob-home");
    expect(withFittingConsumer({ ...good, producerMeterId: "bob-home", category: String(WIND) }, meters).consumerMeterId).toBe("virtual:grid1bob:wind");
  });

  it("starts at the first period whose gate stays open two more minutes, in the currency the account holds most of", () => {
    const d = defaults([PV], [
      { denom: CHF_BANK.denom, balance: 5n },
      { denom: "ueur.north", balance: 7n },
    ]);
    expect(d.denom).toBe("ueur.north");
    expect(d.firstPeriod).toBe(open.toString());
    // 05:59 UTC: the gate of 06:15 closes at 06:00, too soon to sign: 06:30 is proposed.
    const late = issueDefaults({ participant: bob, meters: [PV], params, now: NOW + 540, units: [CHF_BANK], balances: [] });
    expect(late.firstPeriod).toBe((firstOpenPeriod(NOW + 540, params) + 1n).toString());
    expect(late.denom).toBe(CHF_BANK.denom);
  });
});

describe("the preview of what is signed", () => {
  it("is the MsgIssueToken as JSON with units after //", () => {
    const check = validateIssue({ ...good, offerConsumer: true, consumerAsk: "85" }, ctx);
    if (check.input === undefined) throw new Error("form should be valid");
    const text = previewText("grid1bob", check.input, { periodSeconds: 900n, unit: CHF_BANK, timeZone: "Europe/Zurich", locale: "en-GB" });
    expect(text).toContain('"typeUrl": "/gridledger.energy.v1.MsgIssueToken"');
    expect(text).toContain('"whPerPeriod": "250000",  // 250 kWh per period, 1 MWh in 4 periods');
    expect(text).toContain(`"firstPeriod": "${open.toString()}",  // Fri 4 Dec, 07:15–07:30 · period`);
    expect(text).toContain('"amount": "80000000",  // CHF 80.00/MWh');
    expect(text).toContain('"pricePerMwh": "85000000",  // CHF 85.00/MWh');
    expect(text).toContain('"category": "ENERGY_CATEGORY_UNSPECIFIED"');
    // Stripped of its notes it is the JSON of the message.
    const json = JSON.parse(text.replace(/ {2}\/\/ .*$/gm, "")) as { value: { issuer: string; consumerAsk: { forSale: boolean } } };
    expect(json.value.issuer).toBe("grid1bob");
    expect(json.value.consumerAsk.forSale).toBe(true);
  });
});
