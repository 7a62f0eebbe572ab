import { ChargeKind, type Debt, GridledgerTxError, RunStage, type StatementLine } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { errorSentence, settlementRefusal } from "../format/errors.js";
import { CHF_BANK } from "../market/fixtures.js";
import { chartRows, debtTotals, kindKey, KIND_LABELS, lastDay, MAX_PERIODS, rangeError, stageWords } from "./settlement.js";

const CHF = CHF_BANK.denom;
const line = (period: bigint, kind: ChargeKind, denom: string, payable: bigint, receivable: bigint): StatementLine => ({
  owner: "grid1alice",
  period,
  kind,
  amounts: { denom, payable: payable.toString(), receivable: receivable.toString() },
  charges: 1n,
  wh: 0n,
  co2Grams: 0n,
});

describe("the settlement view's arithmetic", () => {
  it("defaults to the last day before the current period, never before period 1", () => {
    expect(lastDay(1_000n, 900n)).toEqual({ from: 904n, to: 999n });
    expect(lastDay(1_000n, 10n)).toEqual({ from: 1n, to: 999n });
    // A day of 10-second periods is longer than the chain's longest statement.
    expect(lastDay(20_000n, 10n)).toEqual({ from: 17_024n, to: 19_999n });
    expect(rangeError(17_024n, 19_999n)).toBeUndefined();
    expect(rangeError(17_023n, 19_999n)).toMatch(/at most 2976 periods/);
    expect(lastDay(1n, 900n)).toEqual({ from: 1n, to: 1n });
  });

  it("refuses a range the chain would not answer, before asking", () => {
    expect(rangeError(5n, 4n)).toBe("The last period comes before the first.");
    expect(rangeError(0n, 4n)).toBe("Periods start at 1.");
    expect(rangeError(undefined, 4n)).toMatch(/whole numbers/);
    expect(rangeError(1n, MAX_PERIODS)).toBeUndefined();
    expect(rangeError(1n, 1n + MAX_PERIODS)).toMatch(/at most 2976 periods/);
  });

  it("charts received amounts up and paid amounts down, per period and kind, in display units of one currency", () => {
    const statement = {
      lines: [
        line(11n, ChargeKind.CHARGE_KIND_ENERGY, CHF, 0n, 800_000n),
        line(10n, ChargeKind.CHARGE_KIND_ENERGY, CHF, 1_250_000n, 0n),
        line(10n, ChargeKind.CHARGE_KIND_CO2, CHF, 7_000n, 0n),
        line(10n, ChargeKind.CHARGE_KIND_ENERGY, "ueur", 5n, 0n),
      ],
      nets: [],
    };
    const { rows, kinds } = chartRows(statement, CHF_BANK, (p) => `P${p.toString()}`);
    expect(kinds).toEqual([ChargeKind.CHARGE_KIND_ENERGY, ChargeKind.CHARGE_KIND_CO2]);
    expect(rows).toEqual([
      { period: 10n, label: "P10", [kindKey(ChargeKind.CHARGE_KIND_ENERGY)]: -1.25, [kindKey(ChargeKind.CHARGE_KIND_CO2)]: -0.007 },
      { period: 11n, label: "P11", [kindKey(ChargeKind.CHARGE_KIND_ENERGY)]: 0.8 },
    ]);
  });

  it("adds up debts per currency, defaulters' debts making up the shortfall", () => {
    const debt = (owner: string, amount: bigint, lateFees: bigint, defaultedPeriod: bigint, denom = CHF): Debt => ({
      owner, denom, amount: amount.toString(), lateFees: lateFees.toString(), postponements: 1, retryPeriod: 20n, defaultedPeriod, sincePeriod: 10n,
    });
    expect(debtTotals([debt("a", 1_000n, 10n, 0n), debt("b", 2_000n, 20n, 15n), debt("c", 3_000n, 0n, 16n), debt("d", 7n, 0n, 0n, "ueur")])).toEqual([
      { denom: CHF, owed: 6_000n, lateFees: 30n, shortfall: 5_000n, defaulters: 2 },
      { denom: "ueur", owed: 7n, lateFees: 0n, shortfall: 0n, defaulters: 0 },
    ]);
    expect(debtTotals([])).toEqual([]);
  });

  it("names every kind and stage in words", () => {
    expect(KIND_LABELS[ChargeKind.CHARGE_KIND_TOKEN_GRID_FEE]).toBe("Token grid fees");
    expect(KIND_LABELS[ChargeKind.CHARGE_KIND_SECURITY_OF_SUPPLY]).toBe("Security of supply");
    expect(stageWords(RunStage.RUN_STAGE_COLLECT)).toBe("collecting from net payers");
    expect(stageWords(RunStage.RUN_STAGE_UNSPECIFIED)).toBe("not started");
  });
});

// The logs are what chain/x/settlement/keeper/msg_server.go wraps into its errors.
describe("x/settlement refusals as sentences", () => {
  it("names the period or the participant the chain named", () => {
    expect(settlementRefusal("settlement", 9, "period 812 is settled or settling: its cost can no longer change: the period's settlement run has started")).toBe(
      "Period 812 is settled or settling, so its transmission cost can no longer be declared or changed; declare a later period's cost, before its fee window has passed.",
    );
    expect(settlementRefusal("settlement", 10, "period 900 has not ended (the current period is 899): declare a delivered period's cost: the period has not been delivered yet")).toBe(
      "Period 900 has not been delivered yet (the current period is 899); declare the cost of a period before it.",
    );
    expect(settlementRefusal("settlement", 11, 'grid1bob owes nothing in "uchf.alpine": there is nothing to seize collateral for: the participant has no debt in that denom')).toBe(
      "grid1bob owes nothing in uchf.alpine: there is no debt to seize collateral for.",
    );
    expect(settlementRefusal("fiat", 9, "period 812 is settled or settling")).toBeUndefined();
  });

  it("falls back to the client's sentence for the code, and says only the operator acts", () => {
    const unauthorized = new GridledgerTxError({ phase: "deliverTx", code: 5, codespace: "settlement", rawLog: "grid1alice is not the grid operator: only the grid operator declares costs: only the grid operator may do this" });
    expect(errorSentence(unauthorized)).toMatch(/^Only the grid operator declares transmission costs/);
    const settled = new GridledgerTxError({ phase: "deliverTx", code: 9, codespace: "settlement", rawLog: "period 3 is settled or settling: its cost can no longer change: the period's settlement run has started" });
    expect(errorSentence(settled)).toMatch(/^Period 3 is settled or settling/);
  });
});
