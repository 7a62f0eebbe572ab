import { describe, expect, it } from "vitest";

import { type PageKey, readPages } from "./pages.js";

/** A chain query over `items`, `size` per page, its next key the index of the next page. */
function pagedQuery(items: readonly number[], size: number) {
  const asked: (number | undefined)[] = [];
  const read = async (page: PageKey) => {
    const from = page.paginationKey === undefined ? 0 : page.paginationKey[0] ?? 0;
    asked.push(page.paginationKey?.[0]);
    const next = from + size < items.length ? Uint8Array.of(from + size) : new Uint8Array();
    return { values: items.slice(from, from + size), pagination: { nextKey: next } };
  };
  return { read, asked };
}

describe("readPages", () => {
  it("follows the next key until the chain has no more", async () => {
    const q = pagedQuery([1, 2, 3, 4, 5], 2);
    expect(await readPages(q.read, (p) => p.values, 100)).toEqual([1, 2, 3, 4, 5]);
    expect(q.asked).toEqual([undefined, 2, 4]);
  });

  it("stops once the limit is reached, after a whole page", async () => {
    const q = pagedQuery([1, 2, 3, 4, 5], 2);
    expect(await readPages(q.read, (p) => p.values, 3)).toEqual([1, 2, 3, 4]);
    expect(q.asked).toEqual([undefined, 2]);
  });

  it("counts only the items kept towards the limit", async () => {
    const q = pagedQuery([1, 2, 3, 4, 5, 6], 2);
    expect(await readPages(q.read, (p) => p.values.filter((v) => v % 2 === 0), 2)).toEqual([2, 4]);
    expect(q.asked).toEqual([undefined, 2]);
  });

  it("reads one page when the answer has no pagination", async () => {
    expect(await readPages(async () => ({ values: [7], pagination: undefined }), (p) => p.values, 10)).toEqual([7]);
  });
});
