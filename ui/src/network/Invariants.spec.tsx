import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { statusFixture } from "./fixtures.js";
import { NetworkTree } from "./NetworkTree.js";
import { fromGridnet, trackHeights } from "./status.js";

const T0 = Date.UTC(2026, 11, 3, 15, 0, 0);
const chainSection = (name: string) => screen.getByRole("region", { name: `Chain ${name}` });

function renderWithChecks(edit: (s: ReturnType<typeof statusFixture>) => void) {
  const s = statusFixture();
  edit(s);
  const read = fromGridnet(s);
  render(<NetworkTree read={read} seen={trackHeights(new Map(), read.chains, T0)} now={T0} />);
}

describe("the Network view's invariants", () => {
  afterEach(cleanup);

  it("shows each chain's invariants from the supervisor's last pass: ok or broken with a sentence, and when", () => {
    renderWithChecks((s) => {
      const [root, east, west] = s.chains;
      if (!root || !east || !west) throw new Error("fixture changed");
      root.invariants = {
        checkedAt: new Date(T0 - 30_000).toISOString(),
        results: [
          { name: "fiat-banks", designItem: "1", description: "", ok: true, checked: 2 },
          { name: "energy-tokens", designItem: "2, 7", description: "", ok: true, checked: 120 },
        ],
      };
      east.invariants = {
        checkedAt: new Date(T0 - 20_000).toISOString(),
        results: [
          { name: "fiat-banks", designItem: "1", description: "", ok: true, checked: 1 },
          { name: "energy-tokens", designItem: "2, 7", description: "", ok: false, checked: 41, record: "token 41", message: "split of token 7: Wh x periods 1000 -> 1001, CO2 0 -> 0" },
        ],
      };
      west.invariants = { checkedAt: new Date(T0 - 10_000).toISOString(), results: [], error: "the check could not finish: fetch failed" };
    });

    const root = chainSection("transmission");
    expect(within(root).getByText(/^All 2 invariants hold, checked at \d\d:\d\d:\d\d$/)).toBeTruthy();
    const rootList = within(root).getByRole("list", { name: "Invariants of transmission" });
    expect([...rootList.children].map((li) => li.textContent)).toEqual([
      "ok fiat-banks (DESIGN.md §6 item 1) holds for all 2 records.",
      "ok energy-tokens (DESIGN.md §6 item 2, 7) holds for all 120 records.",
    ]);
    expect(root.querySelector("details.invariants")?.hasAttribute("open")).toBe(false);

    const east = chainSection("regional-east");
    expect(within(east).getByText(/^1 of 2 invariants broken, checked at/)).toBeTruthy();
    expect(east.querySelector("details.invariants")?.hasAttribute("open")).toBe(true);
    const broken = east.querySelector('[data-invariant="energy-tokens"]');
    expect(broken?.className).toBe("invariant-broken");
    expect(broken?.textContent).toBe("broken energy-tokens (DESIGN.md §6 item 2, 7) is broken at token 41: split of token 7: Wh x periods 1000 -> 1001, CO2 0 -> 0.");

    expect(within(chainSection("regional-west")).getByText(/Invariants unknown since the check at \d\d:\d\d:\d\d: the check could not finish: fetch failed/)).toBeTruthy();
    expect(within(chainSection("local-valley")).getByText("Invariants not checked yet: the supervisor checks every chain each minute.")).toBeTruthy();
  });

  it("says nothing about invariants when the chains were read over RPC (no supervisor to ask)", () => {
    const s = statusFixture();
    const read = { ...fromGridnet(s), source: "rpc" as const };
    render(<NetworkTree read={read} seen={new Map()} now={T0} />);
    expect(chainSection("transmission").querySelector(".invariants")).toBeNull();
  });
});
