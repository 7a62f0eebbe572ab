import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { Side } from "@gridledger/client";
import { afterEach, describe, expect, it, vi } from "vitest";

import { CHF_BANK, P0, token } from "../market/fixtures.js";
import type { Rules } from "./actions.js";
import { type CombineAction, CombineForm, type Selected } from "./CombineForm.js";

const rules: Rules = { params: { periodSeconds: 900n, gateClosureSeconds: 900n, maxSplitParts: 3n, maxMergeInputs: 3n, maxTokenPeriods: 8928n }, now: Number(P0 * 900n) - 3600 };
const name = (a: string) => (a === "grid1alice" ? "Alice Energy Retail" : a);
const unoffered = { forSale: false, pricePerMwh: 0n, denom: "" };
const bobs = (id: bigint, wh: bigint) => token({ id, whPerPeriod: wh, consumer: { owner: "grid1bob", meterId: "virtual", ask: unoffered } });
const alices = (id: bigint, over: Parameters<typeof token>[0] | object = {}) => token({ id, consumer: { owner: "grid1alice", meterId: "virtual", ask: unoffered }, ...over });

function show(selected: Selected[], owner: string) {
  const onSubmit = vi.fn<(a: CombineAction) => void>();
  render(<CombineForm selected={selected} owner={owner} rules={rules} unit={CHF_BANK} name={name} busy={false} onSubmit={onSubmit} />);
  return onSubmit;
}

describe("the merge and aggregate form", () => {
  afterEach(cleanup);

  it("merges the two parts of a split back into one token", () => {
    const a = bobs(8n, 100_000n);
    const b = bobs(9n, 150_000n);
    const onSubmit = show([{ token: a, side: Side.SIDE_CONSUMER }, { token: b, side: Side.SIDE_CONSUMER }, { token: b, side: Side.SIDE_PRODUCER }], "grid1bob");
    expect((screen.getByLabelText(/Merge them into one token/) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId("combine-result").textContent).toContain("250 kWh per period");
    expect(screen.getByTestId("confirm-combine").textContent).toBe("Merge");
    fireEvent.click(screen.getByTestId("confirm-combine"));
    expect(onSubmit).toHaveBeenCalledWith({ kind: "merge" });
  });

  it("preselects aggregation for sides bought from different producers, and says why a merge is refused", () => {
    const a = alices(3n);
    const b = alices(4n, { whPerPeriod: 50_000n, producer: { owner: "grid1carol", meterId: "carol-pv", ask: unoffered } });
    const onSubmit = show([{ token: a, side: Side.SIDE_CONSUMER }, { token: b, side: Side.SIDE_CONSUMER }], "grid1alice");
    expect((screen.getByLabelText(/aggregate\)/) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId("combine-result").textContent).toContain("300 kWh per period");
    fireEvent.click(screen.getByLabelText(/Merge them into one token/));
    expect(screen.getByRole("alert").textContent).toContain("Token #4 has other side owners than token #3");
    expect((screen.getByTestId("confirm-combine") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(/aggregate\)/));
    fireEvent.click(screen.getByTestId("confirm-combine"));
    expect(onSubmit).toHaveBeenCalledWith({ kind: "aggregate", side: Side.SIDE_CONSUMER, faceValuePerMwh: 80_000_000n });
  });

  it("refuses tokens that neither add up nor follow one another", () => {
    const a = bobs(8n, 100_000n);
    const b = token({ id: 9n, firstPeriod: P0 + 6n, lastPeriod: P0 + 7n, consumer: { owner: "grid1bob", meterId: "virtual", ask: unoffered } });
    show([{ token: a, side: Side.SIDE_CONSUMER }, { token: b, side: Side.SIDE_CONSUMER }], "grid1bob");
    expect(screen.getByRole("alert").textContent).toContain("must cover the same periods");
    expect((screen.getByTestId("confirm-combine") as HTMLButtonElement).disabled).toBe(true);
  });
});
