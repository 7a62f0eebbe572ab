import { FeeKind, GridledgerTxError } from "@gridledger/client";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { CHF_BANK } from "../market/fixtures.js";
import { type Holdings, type MoveKind, readAmount } from "./amounts.js";
import { MoveForm } from "./MoveForm.js";

const CHF = CHF_BANK.denom;
const fee = { kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: 5, fixedAmount: "0" };
// 400 CHF in the wallet, 600 in the settlement account of which 100 locked.
const holdings: Holdings = { wallet: 400_000_000n, settlement: 600_000_000n, locked: 100_000_000n };

function show(kind: MoveKind, submit = vi.fn(async (): Promise<bigint | undefined> => (kind === "redeem" ? 7n : undefined))) {
  render(<MoveForm kind={kind} unit={CHF_BANK} feeModel={fee} holdings={holdings} submit={submit} units={[CHF_BANK]} />);
  return submit;
}
const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const button = (name: RegExp) => screen.getByRole("button", { name }) as HTMLButtonElement;

describe("reading amounts in the bank's display unit", () => {
  it("reads whole, decimal, grouped and comma-decimal amounts into base units", () => {
    expect(readAmount("50", CHF_BANK)).toEqual({ amount: 50_000_000n });
    expect(readAmount(" 12.5 ", CHF_BANK)).toEqual({ amount: 12_500_000n });
    expect(readAmount("1'000.25", CHF_BANK)).toEqual({ amount: 1_000_250_000n });
    expect(readAmount("1,234.50", CHF_BANK)).toEqual({ amount: 1_234_500_000n });
    expect(readAmount("12,50", CHF_BANK)).toEqual({ amount: 12_500_000n });
    expect(readAmount("0.000001", CHF_BANK)).toEqual({ amount: 1n });
    expect(readAmount("", CHF_BANK)).toEqual({});
  });

  it("says what is wrong with an amount the chain would not take", () => {
    expect(readAmount("0.0000001", CHF_BANK).error).toBe("CHF has 6 decimals at most; 0.0000001 has 7.");
    expect(readAmount("abc", CHF_BANK).error).toBe("Enter an amount in CHF, such as 50 or 12.50.");
    expect(readAmount("1.2.3", CHF_BANK).error).toBe("Enter an amount in CHF, such as 50 or 12.50.");
    expect(readAmount("-5", CHF_BANK).error).toBe("Enter an amount above zero.");
    expect(readAmount("0", CHF_BANK).error).toBe("Enter an amount above zero.");
    expect(readAmount("0", CHF_BANK, true)).toEqual({ amount: 0n });
    expect(readAmount("1" + "0".repeat(40), CHF_BANK).error).toContain("larger than the chain accepts");
  });
});

describe("the deposit, withdraw and redeem forms", () => {
  afterEach(cleanup);

  it("previews a deposit (amount, no bank fee, both balances after), freezes it for review and signs the reviewed amount", async () => {
    const submit = show("deposit");
    expect(screen.queryByTestId("deposit-preview")).toBeNull();
    expect(button(/review deposit/i).disabled).toBe(true);
    type(/amount to deposit/i, "50");
    expect(screen.getByTestId("deposit-amount").textContent).toContain("CHF 50.00");
    expect(screen.getByTestId("deposit-fee").textContent).toBe("CHF 0.00 (deposits are free: the bank charges 5 basis points on market and settlement payments only)");
    expect(screen.getByTestId("deposit-wallet").textContent).toBe("CHF 400.00 → CHF 350.00");
    expect(screen.getByTestId("deposit-settlement-account").textContent).toBe("CHF 600.00 → CHF 650.00");
    fireEvent.click(button(/review deposit/i));
    expect(screen.getByTestId("deposit-review").textContent).toContain("CHF 600.00 → CHF 650.00");
    expect((screen.getByLabelText(/amount to deposit/i) as HTMLInputElement).disabled).toBe(true);
    expect(submit).not.toHaveBeenCalled();
    fireEvent.click(button(/confirm deposit/i));
    await waitFor(() => expect(screen.getByTestId("deposit-done").textContent).toBe("Deposited CHF 50.00 into your settlement account."));
    expect(submit).toHaveBeenCalledWith(50_000_000n, "");
    expect((screen.getByLabelText(/amount to deposit/i) as HTMLInputElement).value).toBe("");
  });

  it("shows a typing mistake next to the field and lets nothing be reviewed", () => {
    show("deposit");
    type(/amount to deposit/i, "12.1234567");
    expect(screen.getByText("CHF has 6 decimals at most; 12.1234567 has 7.")).toBeTruthy();
    expect(screen.getByLabelText(/amount to deposit/i).getAttribute("aria-invalid")).toBe("true");
    expect(button(/review deposit/i).disabled).toBe(true);
  });

  it("refuses before signing a deposit above the wallet", () => {
    show("deposit");
    type(/amount to deposit/i, "400.000001");
    expect(screen.getByRole("alert").textContent).toBe("Your wallet holds CHF 400.00: deposit at most that.");
    expect(button(/review deposit/i).disabled).toBe(true);
  });

  it("says an account the operator has not admitted cannot deposit, but may still withdraw", () => {
    render(<MoveForm kind="deposit" unit={CHF_BANK} feeModel={fee} holdings={holdings} submit={vi.fn()} admitted={false} />);
    type(/amount to deposit/i, "1");
    expect(screen.getByRole("alert").textContent).toContain("not an admitted participant on this chain (or it was excluded): the chain refuses its deposits");
    expect(button(/review deposit/i).disabled).toBe(true);
    cleanup();
    render(<MoveForm kind="withdraw" unit={CHF_BANK} feeModel={fee} holdings={holdings} submit={vi.fn()} admitted={false} />);
    type(/amount to withdraw/i, "1");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(button(/review withdraw/i).disabled).toBe(false);
  });

  it("withdraws at most the unlocked part of the settlement account", () => {
    show("withdraw");
    type(/amount to withdraw/i, "500");
    expect(screen.getByTestId("withdraw-settlement-account").textContent).toBe("CHF 600.00 → CHF 100.00");
    expect(screen.getByTestId("withdraw-wallet").textContent).toBe("CHF 400.00 → CHF 900.00");
    expect(button(/review withdraw/i).disabled).toBe(false);
    type(/amount to withdraw/i, "500.000001");
    expect(screen.getByRole("alert").textContent).toBe(
      "CHF 100.00 of your settlement account is locked as collateral by the grid operator: withdraw at most CHF 500.00, or ask the operator to unlock it.",
    );
    expect(button(/review withdraw/i).disabled).toBe(true);
    type(/amount to withdraw/i, "650");
    expect(screen.getByRole("alert").textContent).toBe("Your settlement account holds CHF 600.00: withdraw at most that.");
  });

  it("asks a redemption for a payout reference the chain accepts and says its id", async () => {
    const submit = show("redeem");
    type(/amount to redeem/i, "25.5");
    expect(screen.getByTestId("redeem-wallet").textContent).toBe("CHF 400.00 → CHF 374.50");
    expect(button(/review redeem/i).disabled).toBe(true);
    type(/payout reference/i, "IBAN CH93 0076");
    expect(screen.getByText(/may hold only letters, digits and/)).toBeTruthy();
    expect(button(/review redeem/i).disabled).toBe(true);
    type(/payout reference/i, "PAYOUT-ALICE-1");
    fireEvent.click(button(/review redeem/i));
    fireEvent.click(button(/confirm redeem/i));
    await waitFor(() => expect(screen.getByTestId("redeem-done").textContent).toBe("Redeemed CHF 25.50: redemption #7 waits for the bank to pay it out to PAYOUT-ALICE-1."));
    expect(submit).toHaveBeenCalledWith(25_500_000n, "PAYOUT-ALICE-1");
  });

  it("shows the chain's refusal as a sentence with the amounts in francs, and lets the amount be changed", async () => {
    const refusal = new GridledgerTxError({
      phase: "simulate",
      code: 16,
      codespace: "fiat",
      rawLog: "failed to execute message; message index: 0: settlement account holds 514957500uchf.alpine, cannot withdraw 550000000uchf.alpine: insufficient funds",
    });
    show(
      "withdraw",
      vi.fn(async () => {
        throw refusal;
      }),
    );
    type(/amount to withdraw/i, "450");
    fireEvent.click(button(/review withdraw/i));
    fireEvent.click(button(/confirm withdraw/i));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("Not withdrawn. Your settlement account holds CHF 514.9575, less than the CHF 550.00 you asked to withdraw; withdraw at most CHF 514.9575."));
    expect((screen.getByLabelText(/amount to withdraw/i) as HTMLInputElement).disabled).toBe(false);
    expect(CHF).toBe("uchf.alpine");
  });
});
