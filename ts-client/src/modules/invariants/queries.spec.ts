import { describe, expect, it } from "vitest";

import { checkInvariants, invariantSentence, type InvariantsExtension } from "./queries.js";

/** fakeNode serves invariants over records 0..n-1, one of them broken, and records every request. */
function fakeNode(records: Record<string, number>, broken?: { name: string; at: number }) {
  const requests: { name: string; cursor: number; limit: number }[] = [];
  const ext: InvariantsExtension = {
    invariants: {
      list: async () => Object.keys(records).map((name) => ({ name, designItem: "2", description: `${name} holds` })),
      check: async (name, cursor = new Uint8Array(), limit = 0) => {
        const from = cursor.length === 0 ? 0 : (cursor[0] as number);
        requests.push({ name, cursor: from, limit });
        const n = records[name] as number;
        const to = Math.min(n, from + limit);
        if (broken?.name === name && broken.at >= from && broken.at < to) {
          return { checked: BigInt(broken.at - from + 1), nextCursor: new Uint8Array(), broken: true, record: `token ${broken.at}`, message: "owner index missing" };
        }
        return { checked: BigInt(to - from), nextCursor: to < n ? Uint8Array.of(to) : new Uint8Array(), broken: false, record: "", message: "" };
      },
    },
  };
  return { ext, requests };
}

describe("checkInvariants", () => {
  it("pages every invariant through to its last record, at most pageLimit records a request", async () => {
    const { ext, requests } = fakeNode({ "energy-tokens": 7, "fiat-banks": 0 });
    const results = await checkInvariants(ext, { pageLimit: 3, pauseMs: 0 });
    expect(results.map((r) => [r.name, r.ok, r.checked])).toEqual([
      ["energy-tokens", true, 7],
      ["fiat-banks", true, 0],
    ]);
    expect(requests.filter((r) => r.name === "energy-tokens").map((r) => r.cursor)).toEqual([0, 3, 6]);
    expect(requests.every((r) => r.limit === 3)).toBe(true);
  });

  it("stops an invariant at its broken record and says which and why", async () => {
    const { ext } = fakeNode({ "energy-tokens": 10, "settlement-runs": 2 }, { name: "energy-tokens", at: 4 });
    const [tokens, runs] = await checkInvariants(ext, { pageLimit: 3, pauseMs: 0 });
    expect(tokens).toMatchObject({ ok: false, record: "token 4", message: "owner index missing", checked: 5 });
    expect(runs).toMatchObject({ ok: true, checked: 2 });
    expect(invariantSentence(tokens!)).toBe("energy-tokens (DESIGN.md §6 item 2) is broken at token 4: owner index missing.");
    expect(invariantSentence(runs!)).toBe("settlement-runs (DESIGN.md §6 item 2) holds for all 2 records.");
  });

  it("stops between pages when aborted", async () => {
    const { ext } = fakeNode({ "energy-tokens": 10 });
    const abort = new AbortController();
    abort.abort(new Error("network going down"));
    await expect(checkInvariants(ext, { pageLimit: 3, pauseMs: 0, signal: abort.signal })).rejects.toThrow("network going down");
  });
});
