import { createProtobufRpcClient, type QueryClient } from "@cosmjs/stargate";

import { type Invariant, type QueryCheckResponse, QueryClientImpl } from "../../generated/gridledger/invariants/v1/query.js";
import type { InvariantResult } from "../../netstatus.js";

export interface InvariantsExtension {
  readonly invariants: {
    /** list is the invariants of DESIGN.md §6 the node checks live, in the order a pass takes them. */
    readonly list: () => Promise<Invariant[]>;
    /**
     * check checks one page of one invariant: at most `limit` records (0: 100, at most 1000) from
     * `cursor` (empty: the first; otherwise the previous page's nextCursor).
     */
    readonly check: (name: string, cursor?: Uint8Array, limit?: number) => Promise<QueryCheckResponse>;
  };
}

/** setupInvariantsExtension adds `invariants` queries; use with QueryClient.withExtensions. */
export function setupInvariantsExtension(base: QueryClient): InvariantsExtension {
  const queryService = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    invariants: {
      list: async () => (await queryService.Invariants({})).invariants,
      check: async (name, cursor = new Uint8Array(), limit = 0) => queryService.Check({ name, cursor, limit }),
    },
  };
}

export interface InvariantPassOptions {
  /** pageLimit is the records one request checks (default 200). */
  readonly pageLimit?: number;
  /** pauseMs is the pause between two requests, so a pass does not hammer the node (default 100). */
  readonly pauseMs?: number;
  /** signal stops the pass between pages (the pass then throws the signal's reason). */
  readonly signal?: AbortSignal;
}

/**
 * checkInvariants runs one full pass: every invariant the node lists, paged through to its last
 * record or to the first broken one, one bounded request at a time with a pause between them.
 * A node that stops answering makes it throw; a broken invariant is a result, not an error.
 */
export async function checkInvariants(query: InvariantsExtension, options: InvariantPassOptions = {}): Promise<InvariantResult[]> {
  const { pageLimit = 200, pauseMs = 100, signal } = options;
  const pause = () => new Promise((resolve) => setTimeout(resolve, pauseMs));
  const results: InvariantResult[] = [];
  for (const inv of await query.invariants.list()) {
    let cursor: Uint8Array = new Uint8Array();
    let checked = 0;
    const result: InvariantResult = { name: inv.name, designItem: inv.designItem, description: inv.description, ok: true, checked: 0 };
    for (;;) {
      signal?.throwIfAborted();
      const page = await query.invariants.check(inv.name, cursor, pageLimit);
      checked += Number(page.checked);
      if (page.broken) {
        Object.assign(result, { ok: false, record: page.record, message: page.message });
        break;
      }
      if (page.nextCursor.length === 0) break;
      cursor = page.nextCursor;
      await pause();
    }
    result.checked = checked;
    results.push(result);
    await pause();
  }
  return results;
}

/** invariantSentence says in one sentence how an invariant stands. */
export function invariantSentence(r: InvariantResult): string {
  return r.ok
    ? `${r.name} (DESIGN.md §6 item ${r.designItem}) holds for all ${r.checked} records.`
    : `${r.name} (DESIGN.md §6 item ${r.designItem}) is broken at ${r.record ?? "a record"}: ${r.message ?? "no reason given"}.`;
}
