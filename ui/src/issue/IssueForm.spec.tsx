import { type IssueTokenInput, MeterKind } from "@gridledger/client";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { CHF_BANK } from "../market/fixtures.js";
import { ctx, good, HOME, meter, NOW, params, PV, VIRTUAL } from "./fixtures.js";
import { IssueFormFields, useFieldErrors } from "./IssueForm.js";
import { IssueSummary } from "./IssueSummary.js";
import { type IssueForm, validateIssue } from "./validate.js";

/** Harness holds the form as IssueView does and reports what a preview would sign. */
function Harness({ initial, onPreview, meters = ctx.meters }: { readonly initial: IssueForm; readonly onPreview: (input: IssueTokenInput | undefined) => void; readonly meters?: typeof ctx.meters }) {
  const [form, setForm] = useState(initial);
  const errors = useFieldErrors();
  const check = validateIssue(form, { ...ctx, meters });
  return (
    <IssueFormFields
      form={form}
      check={check}
      shown={errors.shown}
      meters={meters}
      units={[CHF_BANK]}
      params={params}
      now={NOW}
      timeZone="Europe/Zurich"
      locale="en-GB"
      onChange={(next, field) => {
        setForm(next);
        errors.touch(field);
      }}
      onPreview={() => {
        errors.attempt();
        onPreview(check.input);
      }}
    />
  );
}

describe("the Issue form", () => {
  afterEach(cleanup);

  it("says nothing before anything is typed, then names every bad field when a preview is asked for", () => {
    const onPreview = vi.fn();
    render(<Harness initial={{ ...good, energy: "", faceValue: "" }} onPreview={onPreview} />);
    expect(screen.queryByTestId("error-energy")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    expect(onPreview).toHaveBeenLastCalledWith(undefined);
    expect(screen.getByTestId("error-energy").textContent).toBe("Enter the energy per period in kWh.");
    expect(screen.getByTestId("error-faceValue").textContent).toContain("Enter the face value per MWh");
    expect(screen.getByLabelText("Energy per period").getAttribute("aria-invalid")).toBe("true");
  });

  it("says why a value is refused as soon as it is typed, next to its field", () => {
    render(<Harness initial={good} onPreview={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("Face value per MWh"), { target: { value: "12000" } });
    expect(screen.getByTestId("error-faceValue").textContent).toContain("outside the price band of −9,999.00 to 9,999.00 CHF/MWh");
    // Other fields stay quiet until they are changed.
    expect(screen.queryByTestId("error-energy")).toBeNull();
  });

  it("shows the window in local time, the total energy, and the category the production meter implies", () => {
    render(<Harness initial={good} onPreview={vi.fn()} />);
    expect(screen.getByTestId("issue-window").textContent).toBe("Fri 4 Dec 07:15–08:15 · 4 × 15 min");
    expect(screen.getByTestId("issue-total").textContent).toBe("250 kWh per period, 1 MWh in all");
    expect(screen.getByTestId("issue-category").textContent).toBe("Solar");
    expect(screen.queryByLabelText("Category")).toBeNull();
    fireEvent.change(screen.getByLabelText("Energy unit"), { target: { value: "MWh" } });
    expect(screen.getByTestId("issue-total").textContent).toBe("250 MWh per period, 1,000 MWh in all");
    // The start list begins at the first period whose gate is open, in local time.
    const start = screen.getByLabelText("First period (your time)");
    expect(within(start).getAllByRole("option")[0]?.textContent).toMatch(/^Fri 4 Dec, 07:15–07:30 · period /);
  });

  it("asks for the category when the producer side sits at a consumption meter (a bid), and signs it", () => {
    const onPreview = vi.fn();
    render(<Harness initial={{ ...good, producerMeterId: HOME.id, consumerMeterId: HOME.id }} onPreview={onPreview} />);
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    expect(screen.getByTestId("error-category").textContent).toBe("Choose the energy category: a consumption meter implies none.");
    fireEvent.change(screen.getByLabelText("Category"), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    expect(onPreview).toHaveBeenLastCalledWith(expect.objectContaining({ category: 2, producerMeterId: HOME.id }));
  });

  it("offers the consumer side at once at a price read in base units", () => {
    const onPreview = vi.fn();
    render(<Harness initial={good} onPreview={onPreview} />);
    fireEvent.click(screen.getByRole("checkbox", { name: /Offer the consumer side/ }));
    fireEvent.change(screen.getByLabelText("Consumer side's price per MWh"), { target: { value: "85.5" } });
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    expect(onPreview).toHaveBeenLastCalledWith(expect.objectContaining({ consumerAsk: { pricePerMwh: 85_500_000n, denom: CHF_BANK.denom }, whPerPeriod: 250_000n }));
  });

  it("lists for each side only the meters that can hold it", () => {
    const wind = meter({ id: "bob-wind", kind: MeterKind.METER_KIND_PRODUCTION, category: 2 });
    render(<Harness initial={good} onPreview={vi.fn()} meters={[PV, VIRTUAL, HOME, wind]} />);
    const consumer = within(screen.getByLabelText("Consumer side at")).getAllByRole("option").map((o) => o.getAttribute("value"));
    expect(consumer).toEqual([VIRTUAL.id, HOME.id, PV.id]);
    const producer = within(screen.getByLabelText("Producer side at")).getAllByRole("option").map((o) => o.getAttribute("value"));
    expect(producer).toEqual([PV.id, "bob-wind", VIRTUAL.id, HOME.id]);
  });
});

describe("the preview's summary", () => {
  afterEach(cleanup);

  it("says in words what the message signs: window, energy, face value, meters and offers, cancellation", () => {
    const check = validateIssue({ ...good, offerConsumer: true, consumerAsk: "85", cancellationFee: "5" }, ctx);
    if (check.input === undefined) throw new Error("form should be valid");
    render(<IssueSummary input={check.input} category={check.category ?? 0} meters={ctx.meters} unit={CHF_BANK} periodSeconds={900n} timeZone="Europe/Zurich" locale="en-GB" />);
    const text = screen.getByTestId("issue-summary").textContent ?? "";
    expect(text).toContain("Fri 4 Dec 07:15–08:15 · 4 × 15 min");
    expect(text).toContain("250 kWh per period, 1 MWh in all");
    expect(text).toContain("CHF 80.00/MWh, CHF 80.00 for the token");
    expect(text).toContain("at bob-pv-1 (production, solar), not offered");
    expect(text).toContain("at virtual solar (trading), offered at CHF 85.00/MWh");
    expect(text).toContain("by either owner for a fee of CHF 5.00");
  });
});
