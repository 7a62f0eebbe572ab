import { EnergyCategory, type Traceability } from "@gridledger/client";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

// The panel's reads are replaced: each test says what the chain answered (or not yet).
const query = vi.hoisted(() => ({ result: {} as { data?: unknown; isError?: boolean; error?: unknown }, calls: [] as Array<{ key: readonly unknown[]; enabled: boolean | undefined }> }));
vi.mock("../chain/useChainQuery.js", () => ({
  useChainQuery: (key: readonly unknown[], _read: unknown, options: { enabled?: boolean } = {}) => {
    query.calls.push({ key, enabled: options.enabled });
    return { data: undefined, isError: false, error: undefined, ...query.result };
  },
}));
vi.mock("../components/useNames.js", () => ({ useNames: () => (a: string) => a }));

import { OriginPanel } from "./OriginPanel.js";

const trace: Traceability = {
  consumedWh: 4_000n,
  co2Grams: 133n,
  consumedTokens: 1n,
  pages: 1,
  origins: [{ category: EnergyCategory.ENERGY_CATEGORY_SOLAR, originShard: "gridledger-test-1", area: "CH-ZH", balancing: false, wh: 4_000n, co2Grams: 133n }],
  intermediaries: [],
};

function show(result: typeof query.result, owner = "grid1alice") {
  query.result = result;
  query.calls = [];
  render(<OriginPanel owner={owner} current={1_000n} periodSeconds={900n} rpc="http://127.0.0.1:26657" />);
}

afterEach(cleanup);

describe("OriginPanel", () => {
  it("asks for a day before to a day after now, and shows loading until the chain answers", () => {
    show({});
    expect(screen.getByRole("status").textContent).toContain("Tracing your energy back to its producers");
    expect(query.calls.at(-1)).toEqual({ key: ["delivery", "origin", "grid1alice", 904n, 1_096n], enabled: true });
    expect((screen.getByTestId("origin-from") as HTMLInputElement).value).toBe("904");
  });

  it("shows the report once read", () => {
    show({ data: trace });
    expect(screen.getByTestId("origin-summary").textContent).toContain("4 kWh consumed from 1 origin · 133 g CO₂");
  });

  it("says what went wrong: a chain error as a sentence", () => {
    show({ isError: true, error: new Error("query failed: period range is longer than a traceability query may cover") });
    expect(screen.getByRole("alert").textContent).toContain("The period range is too long for one origin query");
  });

  it("checks a typed range before asking, and moves by the range's length", () => {
    show({});
    fireEvent.change(screen.getByTestId("origin-to"), { target: { value: "900" } });
    expect(screen.getByTestId("origin-problem").textContent).toMatch(/swap/);
    expect(query.calls.at(-1)?.enabled).toBe(false);
    fireEvent.change(screen.getByTestId("origin-to"), { target: { value: "1000" } });
    fireEvent.click(screen.getByRole("button", { name: "Later periods" }));
    expect(query.calls.at(-1)).toEqual({ key: ["delivery", "origin", "grid1alice", 1_001n, 1_097n], enabled: true });
    fireEvent.click(screen.getByRole("button", { name: "around now" }));
    expect(query.calls.at(-1)?.key).toEqual(["delivery", "origin", "grid1alice", 904n, 1_096n]);
  });

  it("survives a period beyond the calendar typed into a field", () => {
    show({});
    fireEvent.change(screen.getByTestId("origin-from"), { target: { value: "179626767179626769" } });
    expect(screen.getByText("beyond any calendar")).toBeTruthy();
    expect(screen.getByTestId("origin-problem").textContent).toMatch(/swap/);
  });

  it("asks for an account first", () => {
    show({}, "");
    expect(screen.getByRole("status").textContent).toContain("No account chosen");
    expect(query.calls.at(-1)?.enabled).toBe(false);
  });
});
