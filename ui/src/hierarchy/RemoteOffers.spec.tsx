import { EnergyCategory } from "@gridledger/client";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { token } from "../market/fixtures.js";
import { CHAINS, CHF, QUOTE, TRANSMISSION, VALLEY, WEST } from "./fixtures.js";
import { PurchaseHops } from "./PurchaseTracker.js";
import { RemoteOffersTable } from "./RemoteOffers.js";
import type { RemoteChain, RemoteOffer } from "./remote.js";

const hydro: RemoteOffer = {
  chain: TRANSMISSION,
  token: token({ id: 7n, firstPeriod: 100n, lastPeriod: 103n, whPerPeriod: 100_000n, category: EnergyCategory.ENERGY_CATEGORY_HYDRO }),
  pricePerMwh: 90_000_000n,
  unit: CHF,
  seller: "grid1alpenkraft",
  sellerName: "Alpenkraft Hydro AG",
  quote: QUOTE,
};
const westSolar: RemoteOffer = { ...hydro, sellerName: undefined, seller: "grid1bob", chain: WEST, token: token({ id: 3n }), unit: { denom: "ueur.leman", currency: "EUR", exponent: 6 }, quote: undefined, problem: "regional-east charges no grid fee in ueur.leman for its link to local-valley yet, so the purchase cannot cross it: its grid operator sets one in the Network view." };
const remote: RemoteChain[] = [
  { chain: TRANSMISSION, offers: [hydro] },
  { chain: WEST, offers: [westSolar] },
  { chain: CHAINS[1]!, offers: [], error: "fetch failed" },
];

afterEach(cleanup);

describe("offers from other grids in the Market", () => {
  it("shows each offer with its route, the grid fee of every link and the total including fees, and buys it", () => {
    const onBuy = vi.fn();
    render(<RemoteOffersTable remote={remote} here={VALLEY} chains={CHAINS} periodSeconds={900n} name={(a) => a} buyer="grid1school" onBuy={onBuy} />);
    const row = screen.getByTestId("remote-offer-transmission-7");
    expect(row.textContent).toContain("#7");
    expect(row.textContent).toContain("from Alpenkraft Hydro AG");
    expect(row.textContent).toContain("400 kWh");
    expect(row.textContent).toContain("CHF 90.00/MWh");
    expect(within(row).getByText("local-valley → regional-east → transmission")).toBeDefined();
    expect(within(row).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["local-valley → regional-east: CHF 0.40", "regional-east → transmission: CHF 0.80"]);
    expect(within(row).getByTestId("remote-total").textContent).toBe("CHF 73.236");
    fireEvent.click(within(row).getByRole("button", { name: "Buy from transmission" }));
    expect(onBuy).toHaveBeenCalledWith(hydro);
  });

  it("lists an offer that cannot be quoted with the reason, without a Buy, and says when a chain could not be read", () => {
    render(<RemoteOffersTable remote={remote} here={VALLEY} chains={CHAINS} periodSeconds={900n} name={(a) => a} buyer="grid1school" onBuy={vi.fn()} />);
    const row = screen.getByTestId("remote-offer-regional-west-3");
    expect(row.textContent).toContain("from grid1bob");
    expect(within(row).getByTestId("quote-problem").textContent).toMatch(/^regional-east charges no grid fee in ueur.leman/);
    expect((within(row).getByRole("button", { name: "Buy from regional-west" }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(row).getByTestId("remote-total").textContent).toBe("–");
    expect(screen.getByRole("alert").textContent).toBe("regional-east could not be read: fetch failed");
  });

  it("offers no Buy without an account", () => {
    render(<RemoteOffersTable remote={remote} here={VALLEY} chains={CHAINS} periodSeconds={900n} name={(a) => a} buyer={undefined} onBuy={vi.fn()} />);
    expect((within(screen.getByTestId("remote-offer-transmission-7")).getByRole("button") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("a purchase followed hop by hop", () => {
  it("lists the path's chains with their state and tokens, and sums it up", () => {
    const { rerender } = render(
      <PurchaseHops
        purchaseId="gridledger-local-valley-1/1"
        hops={[
          { chainId: VALLEY.chainId, name: "local-valley", state: "pending", tokenId: undefined, failure: undefined },
          { chainId: "e", name: "regional-east", state: "pending", tokenId: undefined, failure: undefined },
          { chainId: TRANSMISSION.chainId, name: "transmission", state: "not reached", tokenId: undefined, failure: undefined },
        ]}
      />,
    );
    const list = screen.getByRole("list", { name: "Purchase gridledger-local-valley-1/1 hop by hop" });
    expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Your chain local-valleypending", "regional-eastpending", "Token's chain transmissionnot reached yet"]);
    expect(screen.getByTestId("purchase-outcome").textContent).toMatch(/is under way/);
    rerender(
      <PurchaseHops
        purchaseId="gridledger-local-valley-1/1"
        hops={[
          { chainId: VALLEY.chainId, name: "local-valley", state: "done", tokenId: 31n, failure: undefined },
          { chainId: "e", name: "regional-east", state: "done", tokenId: 12n, failure: undefined },
          { chainId: TRANSMISSION.chainId, name: "transmission", state: "done", tokenId: 7n, failure: undefined },
        ]}
      />,
    );
    expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Your chain local-valleydonetoken #31 created",
      "regional-eastdonetoken #12 created",
      "Token's chain transmissiondonebought token #7",
    ]);
    expect(screen.getByTestId("purchase-outcome").textContent).toBe("Purchase gridledger-local-valley-1/1 is done on every chain: the side is yours, delivered over 2 links.");
  });

  it("says a refunded purchase left every chain as before, and why", () => {
    render(
      <PurchaseHops
        purchaseId="p/2"
        hops={[
          { chainId: VALLEY.chainId, name: "local-valley", state: "refunded", tokenId: undefined, failure: "timeout" },
          { chainId: TRANSMISSION.chainId, name: "transmission", state: "not reached", tokenId: undefined, failure: undefined },
        ]}
      />,
    );
    expect(screen.getByTestId("purchase-outcome").textContent).toBe("Purchase p/2 was refunded: every chain is as before and your payment is back in your wallet.");
    expect(screen.getAllByRole("listitem")[0]?.textContent).toContain("why: timeout");
  });

  it("says a purchase a grid operator redispatched was cancelled on every chain (ADR 027)", () => {
    render(
      <PurchaseHops
        purchaseId="p/3"
        hops={[
          { chainId: VALLEY.chainId, name: "local-valley", state: "cancelled", tokenId: undefined, failure: undefined },
          { chainId: TRANSMISSION.chainId, name: "transmission", state: "cancelling", tokenId: undefined, failure: undefined },
        ]}
      />,
    );
    expect(screen.getByTestId("purchase-outcome").textContent).toMatch(/^Purchase p\/3 was cancelled by a grid operator's redispatch/);
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Your chain local-valleycancelled by redispatch", "Token's chain transmissionbeing cancelled"]);
  });
});
