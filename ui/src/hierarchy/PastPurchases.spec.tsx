import { PurchaseState, type PurchaseHop, type QueryPurchasesByBuyerResponse } from "@gridledger/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { loadSetting, saveSetting } from "../storage.js";
import { CHAINS, EAST, TRANSMISSION, VALLEY } from "./fixtures.js";

// The buyer's chain (valley) answers PurchasesByBuyer from h.hops (oldest first, as the index
// keeps them) and records each request.
const h = vi.hoisted(() => ({
  hops: [] as PurchaseHop[],
  requests: [] as Array<{ buyer: string; options: { limit?: number; reverse?: boolean } }>,
}));
const BUYER = "grid1valleyschool";
const ROUTE = ["gridledger-local-valley-1", "gridledger-regional-east-1", "gridledger-transmission-1"];
const hop = (seq: number, state: PurchaseState): PurchaseHop =>
  ({ purchaseId: `gridledger-local-valley-1/${seq}`, state, packet: { route: ROUTE }, tokenIds: [], failure: "" }) as unknown as PurchaseHop;
const client = {
  query: {
    interchain: {
      purchasesByBuyer: async (buyer: string, options: { limit?: number; reverse?: boolean } = {}): Promise<QueryPurchasesByBuyerResponse> => {
        h.requests.push({ buyer, options });
        const mine = buyer === BUYER ? [...h.hops] : [];
        const ordered = options.reverse === true ? mine.reverse() : mine;
        const limit = options.limit ?? 100;
        return {
          purchases: ordered.slice(0, limit),
          pagination: { nextKey: ordered.length > limit ? new Uint8Array([1]) : new Uint8Array(), total: 0n },
        };
      },
    },
  },
};
vi.mock("../chain/ChainProvider.js", () => ({ useChain: () => ({ chain: VALLEY, client }), chainKey: () => ["chain", "valley"] }));
vi.mock("../network/NetworkProvider.js", () => ({ useNetwork: () => ({ chains: CHAINS }) }));
vi.mock("../wallet/WalletProvider.js", () => ({ useSigningAddress: () => BUYER }));

import { PastPurchases } from "./PurchaseTracker.js";
import { PAST_PURCHASES_PAGE, REMEMBER_MS, rememberPurchase } from "./useHierarchy.js";

const KEY = `purchases.${VALLEY.chainId}.${BUYER}`;

function show() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const queries = new Map([VALLEY, EAST, TRANSMISSION].map((c) => [c.chainId, { interchain: { purchase: async () => h.hops[0] } }]));
  return render(
    <QueryClientProvider client={queryClient}>
      <PastPurchases queries={queries as never} buyer={BUYER} />
    </QueryClientProvider>,
  );
}

const items = () => within(screen.getByRole("list", { name: "Your purchases from other grids" })).getAllByRole("listitem");

describe("PastPurchases", () => {
  beforeEach(() => {
    h.hops = [];
    h.requests = [];
    localStorage.clear();
  });
  afterEach(cleanup);

  it("lists the buyer's purchases from the chain, newest first, with their state, in one bounded page", async () => {
    h.hops = [hop(1, PurchaseState.PURCHASE_STATE_DONE), hop(2, PurchaseState.PURCHASE_STATE_REFUNDED), hop(3, PurchaseState.PURCHASE_STATE_PENDING)];
    show();
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(items().map((li) => [li.textContent, li.dataset.state])).toEqual([
      ["Purchase gridledger-local-valley-1/3 pending", "pending"],
      ["Purchase gridledger-local-valley-1/2 refunded", "refunded"],
      ["Purchase gridledger-local-valley-1/1 done", "done"],
    ]);
    expect(h.requests[0]).toEqual({ buyer: BUYER, options: { reverse: true, limit: PAST_PURCHASES_PAGE } });
    expect(screen.queryByRole("button", { name: "Show older purchases" })).toBeNull();
  });

  it("shows nothing for a buyer without purchases", async () => {
    const { container } = show();
    await waitFor(() => expect(h.requests).toHaveLength(1));
    expect(container.textContent).toBe("");
  });

  it("reads older purchases a page at a time when there are more", async () => {
    h.hops = Array.from({ length: PAST_PURCHASES_PAGE + 5 }, (_, i) => hop(i + 1, PurchaseState.PURCHASE_STATE_DONE));
    show();
    await waitFor(() => expect(items()).toHaveLength(PAST_PURCHASES_PAGE));
    expect(items()[0]?.textContent).toContain(`/${PAST_PURCHASES_PAGE + 5} `);
    fireEvent.click(screen.getByRole("button", { name: "Show older purchases" }));
    await waitFor(() => expect(items()).toHaveLength(PAST_PURCHASES_PAGE + 5));
    expect(h.requests.at(-1)?.options.limit).toBe(2 * PAST_PURCHASES_PAGE);
    expect(screen.queryByRole("button", { name: "Show older purchases" })).toBeNull();
  });

  it("shows a purchase just broadcast before the chain lists it, and forgets it once listed", async () => {
    rememberPurchase(VALLEY.chainId, BUYER, { purchaseId: "gridledger-local-valley-1/4", fullRoute: ROUTE });
    h.hops = [hop(1, PurchaseState.PURCHASE_STATE_DONE)];
    const first = show();
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(items()[0]?.textContent).toBe("Purchase gridledger-local-valley-1/4 just sent");
    expect(loadSetting<unknown[]>(KEY, [])).toHaveLength(1);
    first.unmount();

    h.hops = [hop(1, PurchaseState.PURCHASE_STATE_DONE), hop(4, PurchaseState.PURCHASE_STATE_DONE)];
    show();
    await waitFor(() => expect(items()[0]?.textContent).toBe("Purchase gridledger-local-valley-1/4 done"));
    expect(items()).toHaveLength(2);
    expect(loadSetting<unknown[] | null>(KEY, null)).toBeNull();
  });

  it("drops a remembered purchase the chain never lists (pruned, or from an older browser entry)", async () => {
    saveSetting(KEY, [
      { purchaseId: "gridledger-local-valley-1/9", fullRoute: ROUTE, at: Date.now() - REMEMBER_MS - 1 },
      { purchaseId: "gridledger-local-valley-1/8", fullRoute: ROUTE },
    ]);
    h.hops = [hop(1, PurchaseState.PURCHASE_STATE_REFUNDED)];
    show();
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(items()[0]?.textContent).toBe("Purchase gridledger-local-valley-1/1 refunded");
    expect(loadSetting<unknown[] | null>(KEY, null)).toBeNull();
  });

  it("follows a listed purchase hop by hop along the route the chain recorded", async () => {
    h.hops = [hop(1, PurchaseState.PURCHASE_STATE_DONE)];
    show();
    await waitFor(() => expect(items()).toHaveLength(1));
    fireEvent.click(screen.getByRole("button", { name: "Purchase gridledger-local-valley-1/1" }));
    const hops = await screen.findByRole("list", { name: "Purchase gridledger-local-valley-1/1 hop by hop" });
    expect(within(hops).getAllByRole("listitem").map((li) => li.dataset.chain)).toEqual(["local-valley", "regional-east", "transmission"]);
  });
});
