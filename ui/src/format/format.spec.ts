import { GridledgerTxError, NetworkError } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { errorSentence } from "./errors.js";
import { formatInstant, formatPeriod, formatPeriodTime, formatWindow, periodLength } from "./periods.js";
import { formatAmount, formatEnergy, formatMoney, formatMWh, formatPrice, parseAmount } from "./units.js";

const CHF = { denom: "uchf.alpine", currency: "CHF", exponent: 6 };
const en = "en-GB";

describe("energy", () => {
  it("reads in Wh, kWh or MWh, whichever fits", () => {
    expect(formatEnergy(0, en)).toBe("0 Wh");
    expect(formatEnergy(999, en)).toBe("999 Wh");
    expect(formatEnergy(125_000, en)).toBe("125 kWh");
    expect(formatEnergy(12_500n, en)).toBe("12.5 kWh");
    expect(formatEnergy(2_000_000n, en)).toBe("2 MWh");
    expect(formatEnergy(12_345_678n, en)).toBe("12.346 MWh");
    expect(formatEnergy(-3_125_000, en)).toBe("-3.125 MWh");
    expect(formatEnergy(12_500, "de-CH")).toBe("12.5 kWh");
    expect(formatMWh(40_000, en)).toBe("0.04 MWh");
  });
});

describe("money", () => {
  it("shows base units exactly in the display unit, two decimals at least", () => {
    expect(formatMoney(85_000_000n, CHF, en)).toBe("CHF 85.00");
    expect(formatMoney(3_400_000n, CHF, en)).toBe("CHF 3.40");
    expect(formatMoney(1_700n, CHF, en)).toBe("CHF 0.0017");
    expect(formatMoney(1_234_567_890_000n, CHF, en)).toBe("CHF 1,234,567.89");
    expect(formatMoney(-127_500_085n, CHF, en)).toBe("CHF −127.500085");
    expect(formatMoney(5n, { denom: "x", currency: "X", exponent: 0 }, en)).toBe("X 5");
    expect(formatAmount(1_234_500_000n, 6, "de-CH")).toMatch(/^1['’]234\.50$/); // ICU versions differ in the apostrophe
    expect(formatPrice(85_000_000n, CHF, en)).toBe("CHF 85.00/MWh");
  });

  it("reads what people type into base units, refusing what is not an amount", () => {
    expect(parseAmount("85", 6)).toBe(85_000_000n);
    expect(parseAmount(" 85.5 ", 6)).toBe(85_500_000n);
    expect(parseAmount("-3.40", 6)).toBe(-3_400_000n);
    expect(parseAmount("−3,40", 6)).toBe(-3_400_000n);
    expect(parseAmount("1'234.50", 6)).toBe(1_234_500_000n);
    expect(parseAmount("1,234.50", 6)).toBe(1_234_500_000n);
    expect(parseAmount("0.0000001", 6)).toBeUndefined();
    expect(parseAmount("abc", 6)).toBeUndefined();
    expect(parseAmount("", 6)).toBeUndefined();
  });
});

describe("periods", () => {
  const zurich = { locale: en, timeZone: "Europe/Zurich" };
  // 2026-12-04T05:00:00Z is 06:00 in Zurich (CET): period 1,995,956 of 15 minutes.
  const six = BigInt(Date.UTC(2026, 11, 4, 5) / 1000 / 900);

  it("shows a period in local time with its number", () => {
    expect(formatPeriod(six, 900, zurich)).toBe("Fri 4 Dec, 06:00–06:15 · period 1,995,956");
    expect(formatPeriod(six, 900, { locale: en, timeZone: "UTC" })).toBe("Fri 4 Dec, 05:00–05:15 · period 1,995,956");
    expect(formatPeriodTime(six, 900, zurich)).toBe("06:00–06:15");
    expect(formatInstant((six + 1n) * 900n + 5n, zurich)).toBe("06:15:05");
  });

  it("shows a delivery window with its periods' count and length", () => {
    expect(formatWindow(six, six + 15n, 900, zurich)).toBe("Fri 4 Dec 06:00–10:00 · 16 × 15 min");
    // A window that ends at midnight ends on the day it began.
    expect(formatWindow(six + 68n, six + 71n, 900, zurich)).toBe("Fri 4 Dec 23:00–00:00 · 4 × 15 min");
    expect(formatWindow(six + 68n, six + 75n, 900, zurich)).toBe("Fri 4 Dec 23:00–Sat 5 Dec 01:00 · 8 × 15 min");
    expect(periodLength(900)).toBe("15 min");
    expect(periodLength(3600)).toBe("1 h");
    expect(periodLength(20)).toBe("20 s");
  });
});

describe("error sentences", () => {
  it("uses the client's sentence for a refused transaction", () => {
    const refused = new GridledgerTxError({ phase: "checkTx", codespace: "balancing", code: 24, rawLog: "account grid1x is not admitted" });
    expect(errorSentence(refused)).toBe("This account is not admitted on this chain; ask the grid operator to admit it before sending transactions.");
  });

  it("adds the chain's own words to an operator's refused field, with readable enum names", () => {
    const legal = new GridledgerTxError({
      phase: "simulate",
      codespace: "balancing",
      code: 4,
      rawLog: "rpc error: code = Unknown desc = failed to execute message; message index: 0: legal_id \"acme\" must be 3-35 upper-case letters, digits or dashes (e.g. an EIC code): invalid legal identifier with gas used: '41234': unknown request",
    });
    expect(errorSentence(legal)).toBe(
      "The legal identifier is invalid; check its format (e.g. a 16-character EIC code). The chain says: legal_id \"acme\" must be 3-35 upper-case letters, digits or dashes (e.g. an EIC code).",
    );
    const status = new GridledgerTxError({
      phase: "deliverTx",
      codespace: "balancing",
      code: 11,
      rawLog: "failed to execute message; message index: 0: participant grid1abc is PARTICIPANT_STATUS_EXCLUDED and cannot become PARTICIPANT_STATUS_ACTIVE: invalid status transition",
    });
    expect(errorSentence(status)).toMatch(/check its status first\. The chain says: participant grid1abc is excluded and cannot become active\.$/);
    // A refusal at the door keeps its sentence alone: the log adds nothing for people.
    const suspended = new GridledgerTxError({ phase: "checkTx", codespace: "balancing", code: 25, rawLog: "grid1abc is PARTICIPANT_STATUS_SUSPENDED: participant is suspended or excluded" });
    expect(errorSentence(suspended)).toBe("This participant is suspended or excluded and may send no transactions; a suspended one can ask the grid operator to reinstate it.");
  });

  it("names the period and the Wh when a bridge capacity is refused below what is reserved", () => {
    const below = new GridledgerTxError({
      phase: "simulate",
      codespace: "interchain",
      code: 16,
      rawLog: "failed to execute message; message index: 0: 799 Wh per period up to gridledger-regional-east-1 is below the 800 Wh already reserved in period 1964002: wait until purchases release it or the period is pruned: invalid bridge capacity",
    });
    expect(errorSentence(below)).toMatch(/^A bridge capacity is 1 to 10\^15 Wh per period .* The chain says: 799 Wh per period up to gridledger-regional-east-1 is below the 800 Wh already reserved in period 1964002: wait until purchases release it or the period is pruned\.$/);
  });

  it("recognises a chain error from a query's text", () => {
    expect(errorSentence(new Error("Query failed with (18): rpc error: code = Unknown desc = participant not admitted"))).toMatch(/not an admitted participant/);
  });

  it("says what to do when the node does not answer or the wallet declined", () => {
    expect(errorSentence(new TypeError("Failed to fetch"), { rpc: "http://127.0.0.1:27000" })).toBe(
      "The chain's node at http://127.0.0.1:27000 does not answer. Is the network running? Start it with `npm start`, or check it with `npx gridnet status`.",
    );
    expect(errorSentence(new Error("Request rejected"))).toBe("You declined the request in your wallet; nothing was sent.");
    expect(errorSentence(new NetworkError("The RPC URL must start with http://"))).toBe("The RPC URL must start with http://");
    expect(errorSentence(new Error("boom"))).toBe("Something went wrong: boom");
  });
});
