import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { Side } from "@gridledger/client";
import { afterEach, describe, expect, it, vi } from "vitest";

import { CHF_BANK, P0, token } from "../market/fixtures.js";
import type { Rules } from "./actions.js";
import { type SplitAction, SplitForm } from "./SplitForm.js";

const rules: Rules = { params: { periodSeconds: 900n, gateClosureSeconds: 900n, maxSplitParts: 3n, maxMergeInputs: 3n, maxTokenPeriods: 8928n }, now: Number(P0 * 900n) - 3600 };
const names: Record<string, string> = { grid1bob: "Bob Solar AG", grid1alice: "Alice Energy Retail" };
const name = (a: string) => names[a] ?? a;
const bobs = token({ id: 5n, consumer: { owner: "grid1bob", meterId: "virtual", ask: { forSale: false, pricePerMwh: 0n, denom: "" } } });

function show(t = bobs, owner = "grid1bob") {
  const onSubmit = vi.fn<(a: SplitAction) => void>();
  render(<SplitForm token={t} owner={owner} rules={rules} unit={CHF_BANK} name={name} busy={false} onSubmit={onSubmit} />);
  return onSubmit;
}
const part = (n: number) => screen.getByLabelText(`Part ${n}, kWh per period`);
const confirm = () => screen.getByTestId("confirm-split");

describe("the split form", () => {
  afterEach(cleanup);

  it("starts with two halves, shows the parts and splits by energy", () => {
    const onSubmit = show();
    expect((part(1) as HTMLInputElement).value).toBe("125");
    fireEvent.change(part(1), { target: { value: "100" } });
    fireEvent.change(part(2), { target: { value: "150" } });
    const parts = screen.getByTestId("split-parts").textContent ?? "";
    expect(parts).toContain("100 kWh per period");
    expect(parts).toContain("150 kWh per period");
    expect(parts).toContain("(400 kWh in all)");
    expect(confirm().textContent).toBe("Split");
    fireEvent.click(confirm());
    expect(onSubmit).toHaveBeenCalledWith({ kind: "split", input: { by: "energy", parts: [100_000n, 150_000n] } });
  });

  it("says what is wrong with parts that do not add up, and does not submit", () => {
    const onSubmit = show();
    fireEvent.change(part(2), { target: { value: "100.5" } });
    expect(screen.getByRole("alert").textContent).toBe("The parts add up to 225.5 kWh per period; the token has 250 kWh: add 24.5 kWh.");
    expect((confirm() as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(part(2), { target: { value: "abc" } });
    expect(screen.getByRole("alert").textContent).toMatch(/^Part 2 needs a positive energy/);
    fireEvent.click(screen.getByRole("button", { name: "Add a part" }));
    fireEvent.click(screen.getByRole("button", { name: "Add a part" }));
    // max_split_parts is 3 here: no fourth part.
    expect((screen.getByRole("button", { name: "Add a part" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByTestId("split-form"));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("splits by periods at a chosen time", () => {
    const onSubmit = show();
    fireEvent.click(screen.getByLabelText(/periods: same energy/));
    const at = screen.getByLabelText("Split at") as HTMLSelectElement;
    expect(at.options.length).toBe(3);
    fireEvent.change(at, { target: { value: P0.toString() } });
    expect(screen.getByTestId("split-parts").querySelectorAll("li").length).toBe(2);
    fireEvent.click(confirm());
    expect(onSubmit).toHaveBeenCalledWith({ kind: "split", input: { by: "periods", after: P0 } });
  });

  it("prepares a split for the other owner's signature when the consumer side was sold", () => {
    const sold = token({ id: 7n, consumer: { owner: "grid1alice", meterId: "virtual", ask: { forSale: false, pricePerMwh: 0n, denom: "" } } });
    show(sold);
    expect(screen.getByTestId("split-form").textContent).toContain("with Alice Energy Retail (who holds the other side and must co-sign)");
    expect(confirm().textContent).toBe("Sign and prepare for Alice Energy Retail");
  });

  it("disaggregates the kept side with a face value for the new tokens", () => {
    const sold = token({ id: 7n, consumer: { owner: "grid1alice", meterId: "virtual", ask: { forSale: false, pricePerMwh: 0n, denom: "" } } });
    const onSubmit = show(sold, "grid1alice");
    fireEvent.click(screen.getByLabelText(/issue new tokens against it/));
    expect((screen.getByLabelText("Face value of the new tokens, CHF per MWh") as HTMLInputElement).value).toBe("80.00");
    fireEvent.change(screen.getByLabelText("Face value of the new tokens, CHF per MWh"), { target: { value: "82.5" } });
    expect(screen.getByTestId("split-form").textContent).toContain("You keep the consumer side of token #7");
    fireEvent.click(confirm());
    expect(onSubmit).toHaveBeenCalledWith({ kind: "disaggregate", side: Side.SIDE_CONSUMER, input: { by: "energy", parts: [125_000n, 125_000n] }, faceValuePerMwh: 82_500_000n });
  });
});
