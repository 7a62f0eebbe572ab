import { describe, expect, it } from "vitest";
import type { PlannedLink } from "../topology/plan.js";
import { linkRounds } from "./links.js";

const chains = [
  { name: "t" },
  { name: "e", parent: "t" },
  { name: "w", parent: "t" },
  { name: "v", parent: "e" },
  { name: "v2", parent: "e" },
];
const link = (parent: string, child: string): PlannedLink => ({ parent, child, channels: [] });

describe("linkRounds", () => {
  it("never puts two links sharing a chain in one round, and opens every link once", () => {
    const links = [link("t", "e"), link("t", "w"), link("e", "v"), link("e", "v2")];
    const rounds = linkRounds({ chains: chains as never, links });
    for (const round of rounds) {
      const names = round.flatMap((l) => [l.parent, l.child]);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(rounds.flat().map((l) => `${l.parent}>${l.child}`).sort()).toEqual(["e>v", "e>v2", "t>e", "t>w"]);
  });

  it("opens the default tree in two rounds: the deepest link beside a disjoint one, then the rest", () => {
    const rounds = linkRounds({ chains: chains.slice(0, 4) as never, links: [link("t", "e"), link("t", "w"), link("e", "v")] });
    expect(rounds.map((r) => r.map((l) => `${l.parent}>${l.child}`))).toEqual([["e>v", "t>w"], ["t>e"]]);
  });
});
