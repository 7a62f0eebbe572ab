import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { CHF_BANK } from "../market/fixtures.js";
import { hashError, hexToBytes } from "./amounts.js";
import { AttestForm, MintForm } from "./BankForms.js";

// Reserve 1,000 CHF; 900 minted, 100 redeemed: 800 outstanding, 200 room to mint.
const totals = { reserve: 1_000_000_000n, minted: 900_000_000n, burned: 100_000_000n, feesReceived: 42_500n };
const recipients = [
  { address: "grid1alice", name: "Alice Energy Retail" },
  { address: "grid1bob", name: "Bob Solar AG" },
];
const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const button = (name: RegExp) => screen.getByRole("button", { name }) as HTMLButtonElement;
const HASH = "ab".repeat(32);

describe("the bank's forms", () => {
  afterEach(cleanup);

  it("mints to a chosen participant within the reserve, after a review", async () => {
    const submit = vi.fn(async () => undefined);
    render(<MintForm unit={CHF_BANK} totals={totals} recipients={recipients} submit={submit} />);
    fireEvent.change(screen.getByLabelText("Participant"), { target: { value: "grid1bob" } });
    type(/^amount/i, "150");
    expect(screen.getByTestId("mint-amount").textContent).toContain("CHF 150.00 to Bob Solar AG");
    expect(screen.getByTestId("mint-outstanding").textContent).toBe("CHF 800.00 → CHF 950.00");
    expect(button(/review mint/i).disabled).toBe(true); // no deposit reference yet
    type(/deposit reference/i, "DEP-BOB-2");
    fireEvent.click(button(/review mint/i));
    fireEvent.click(button(/confirm mint/i));
    await waitFor(() => expect(screen.getByTestId("mint-done").textContent).toBe("Minted CHF 150.00 to Bob Solar AG against deposit DEP-BOB-2."));
    expect(submit).toHaveBeenCalledWith("grid1bob", 150_000_000n, "DEP-BOB-2");
  });

  it("says before signing that a mint would pass the reserve", () => {
    render(<MintForm unit={CHF_BANK} totals={totals} recipients={recipients} submit={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("Participant"), { target: { value: "grid1alice" } });
    type(/deposit reference/i, "DEP-1");
    type(/^amount/i, "200.01");
    expect(screen.getByRole("alert").textContent).toBe(
      "This would take the outstanding CHF to CHF 1,000.01, above the attested reserve of CHF 1,000.00: mint at most CHF 200.00, or attest a larger reserve first.",
    );
    expect(button(/review mint/i).disabled).toBe(true);
  });

  it("attests a reserve no lower than what is outstanding, with a 32-byte statement hash", async () => {
    const submit = vi.fn(async () => undefined);
    render(<AttestForm unit={CHF_BANK} totals={totals} submit={submit} />);
    type(/reserve held/i, "799.99");
    expect(screen.getByRole("alert").textContent).toBe("The reserve may not fall below the CHF 800.00 outstanding: attest at least that.");
    type(/reserve held/i, "2000");
    expect(screen.getByTestId("attest-reserve").textContent).toBe("CHF 1,000.00 → CHF 2,000.00");
    expect(screen.getByTestId("attest-headroom").textContent).toBe("CHF 1,200.00");
    type(/statement sha-256/i, "abc");
    expect(screen.getByText("A SHA-256 has 64 hexadecimal digits; this has 3.")).toBeTruthy();
    expect(button(/review attestation/i).disabled).toBe(true);
    type(/statement sha-256/i, HASH.toUpperCase());
    fireEvent.click(button(/review attestation/i));
    fireEvent.click(button(/confirm attestation/i));
    await waitFor(() => expect(screen.getByTestId("attest-done").textContent).toBe("Attested a reserve of CHF 2,000.00."));
    expect(submit).toHaveBeenCalledWith(2_000_000_000n, HASH);
    expect(hexToBytes(HASH)).toEqual(new Uint8Array(32).fill(0xab));
    expect(hashError("zz".repeat(32))).toBe("The SHA-256 is written in hexadecimal: 0-9 and a-f only.");
  });
});
