import { MeterKind, ParticipantStatus, PurchaseState, Role, type Meter, type Participant } from "@gridledger/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { token } from "../market/fixtures.js";
import { CHAINS, CHF, EAST, QUOTE, TRANSMISSION, VALLEY } from "./fixtures.js";

// The dialog's hooks are replaced: each test says what the chains answered and what the signer does.
const h = vi.hoisted(() => ({
  buyer: { data: undefined as unknown, isError: false, error: undefined as unknown },
  progress: { data: undefined as unknown, isError: false, error: undefined as unknown },
  remembered: [] as unknown[],
  buyRemote: vi.fn(),
}));
vi.mock("../chain/ChainProvider.js", () => ({ useChain: () => ({ chain: VALLEY }), chainKey: () => ["chain", "valley"] }));
vi.mock("../network/NetworkProvider.js", () => ({ useNetwork: () => ({ chains: CHAINS }) }));
vi.mock("../wallet/WalletProvider.js", () => ({ useWallet: () => ({ account: { address: "grid1school", name: "valley-school", testKey: true }, signer: { buyRemote: h.buyRemote } }) }));
vi.mock("./useHierarchy.js", () => ({
  useBuyerState: () => h.buyer,
  usePurchaseProgress: () => h.progress,
  rememberPurchase: (...args: unknown[]) => h.remembered.push(args),
}));

import { BuyRemoteDialog, plainAmount } from "./BuyRemoteDialog.js";
import type { RemoteOffer } from "./remote.js";

const offer: RemoteOffer = { chain: TRANSMISSION, token: token({ id: 7n }), pricePerMwh: 90_000_000n, unit: CHF, seller: "grid1alpenkraft", quote: QUOTE };
const school = { address: "grid1school", roles: [Role.ROLE_CONSUMER], status: ParticipantStatus.PARTICIPANT_STATUS_ACTIVE } as unknown as Participant;
const meters = [{ id: "valley-school-1", kind: MeterKind.METER_KIND_CONSUMPTION } as Meter, { id: "school-pv", kind: MeterKind.METER_KIND_PRODUCTION } as Meter];

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <BuyRemoteDialog offer={offer} queries={new Map()} onClose={vi.fn()} />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  h.buyRemote.mockReset();
  h.remembered = [];
  h.progress = { data: undefined, isError: false, error: undefined };
});
afterEach(cleanup);

describe("buying from another grid", () => {
  it("breaks the quote down, signs MsgBuyRemote with the meter and the maximum typed, and follows the purchase on every chain", async () => {
    h.buyer = { data: { participant: school, meters, balance: 100_000_000n }, isError: false, error: undefined };
    h.buyRemote.mockResolvedValue({ purchaseId: "gridledger-local-valley-1/1", paid: QUOTE.total });
    show();
    expect(screen.getByText("local-valley → regional-east → transmission")).toBeDefined();
    expect(screen.getByText("Grid fee local-valley → regional-east").nextSibling?.textContent).toBe("CHF 0.40");
    expect(screen.getByText("Grid fee regional-east → transmission").nextSibling?.textContent).toBe("CHF 0.80");
    expect(screen.getByTestId("remote-quote-total").textContent).toContain("CHF 73.236");
    // Only consumption meters deliver a purchase.
    expect(Array.from((screen.getByLabelText("Deliver to meter") as HTMLSelectElement).options).map((o) => o.value)).toEqual(["valley-school-1"]);
    fireEvent.change(screen.getByLabelText("Most you pay, fees included (CHF)"), { target: { value: "80" } });
    // The chains have answered by the time the tracker reads them.
    h.progress = {
      data: [VALLEY, EAST, TRANSMISSION].map((c, i) => ({ chainId: c.chainId, hop: { state: PurchaseState.PURCHASE_STATE_DONE, tokenIds: [[31n, 12n, 7n], [12n, 7n], [7n]][i], failure: "" } })),
      isError: false,
      error: undefined,
    };
    fireEvent.click(screen.getByTestId("confirm-remote-buy"));
    await waitFor(() => expect(h.buyRemote).toHaveBeenCalledWith("grid1school", "valley-school-1", QUOTE, 80_000_000n));
    expect(h.remembered).toEqual([[VALLEY.chainId, "grid1school", { purchaseId: "gridledger-local-valley-1/1", fullRoute: [VALLEY.chainId, EAST.chainId, TRANSMISSION.chainId] }]]);
    expect((await screen.findByTestId("remote-bought")).textContent).toContain("purchase gridledger-local-valley-1/1");
    expect(screen.getByTestId("purchase-outcome").textContent).toMatch(/is done on every chain/);
  });

  it("says before signing that the buyer lacks the ask's currency here, and signs nothing", () => {
    h.buyer = { data: { participant: school, meters, balance: 1_000_000n }, isError: false, error: undefined };
    show();
    expect(screen.getByTestId("remote-refusal").textContent).toMatch(/^You hold CHF 1.00 of the side's currency uchf.alpine \(as the voucher ibc\/27394F…5EB2 on local-valley\)/);
    expect((screen.getByTestId("confirm-remote-buy") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("confirm-remote-buy"));
    expect(h.buyRemote).not.toHaveBeenCalled();
  });

  it("refuses a maximum below the total and a buyer who is not a consumer", () => {
    h.buyer = { data: { participant: { ...school, roles: [Role.ROLE_TRADER] }, meters, balance: 100_000_000n }, isError: false, error: undefined };
    show();
    expect(screen.getByTestId("remote-refusal").textContent).toMatch(/^Only consumers and prosumers buy from another grid/);
    cleanup();
    h.buyer = { data: { participant: school, meters, balance: 100_000_000n }, isError: false, error: undefined };
    show();
    fireEvent.change(screen.getByLabelText("Most you pay, fees included (CHF)"), { target: { value: "73.2" } });
    expect(screen.getByTestId("remote-refusal").textContent).toBe("The purchase costs CHF 73.236 with every fee, more than the CHF 73.20 you allow; raise your maximum or choose another offer.");
    expect((screen.getByTestId("confirm-remote-buy") as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the chain's refusal as a sentence when the chain refuses", async () => {
    h.buyer = { data: { participant: school, meters, balance: 100_000_000n }, isError: false, error: undefined };
    const { GridledgerTxError } = await import("@gridledger/client");
    h.buyRemote.mockRejectedValue(new GridledgerTxError({ phase: "deliver", codespace: "interchain", code: 32, rawLog: "the fee for the link to x is 9 now, quoted 4: the purchase's quote no longer holds" } as never));
    show();
    fireEvent.click(screen.getByTestId("confirm-remote-buy"));
    expect((await screen.findByText(/Not bought\./)).parentElement?.textContent).toContain("quote the purchase again and sign the new quote");
  });

  it("writes an amount for the maximum without grouping", () => {
    expect(plainAmount(73_236_000n, 6)).toBe("73.236");
    expect(plainAmount(5_000_000n, 6)).toBe("5");
    expect(plainAmount(5n, 6)).toBe("0.000005");
    expect(plainAmount(12n, 0)).toBe("12");
  });
});
