import { CancelStage, PurchaseState, type PurchaseHop } from "@gridledger/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { CHAINS, EAST, TRANSMISSION, VALLEY } from "./fixtures.js";

// The chains answer from h.states (state per chain-id); the operator's signer cancels with h.cancelRemote.
const h = vi.hoisted(() => ({
  states: new Map<string, number>(),
  cancelHeight: 0n,
  cancelFailure: "",
  cancelRemote: vi.fn(),
}));
const ROUTE = ["gridledger-local-valley-1", "gridledger-regional-east-1", "gridledger-transmission-1"];
const hopOn = (chainId: string): PurchaseHop => {
  const state = h.states.get(chainId);
  if (state === undefined) throw new Error("purchase not found");
  return {
    purchaseId: "gridledger-local-valley-1/4",
    state,
    packet: { route: ROUTE },
    tokenIds: [9n],
    failure: "",
    cancel: chainId === TRANSMISSION.chainId && h.cancelFailure !== "" ? { failure: h.cancelFailure, height: h.cancelHeight } : undefined,
  } as unknown as PurchaseHop;
};
const queriesOf = (chainId: string) => ({ interchain: { purchase: async () => hopOn(chainId) } });
vi.mock("../chain/ChainProvider.js", () => ({ useChain: () => ({ chain: TRANSMISSION }), chainKey: () => ["chain", "transmission"] }));
vi.mock("../network/NetworkProvider.js", () => ({ useNetwork: () => ({ chains: CHAINS }) }));
vi.mock("../wallet/WalletProvider.js", () => ({
  useWallet: () => ({ account: { address: "grid1tso", name: "tso", testKey: true }, signer: { cancelRemote: h.cancelRemote, query: queriesOf(TRANSMISSION.chainId) } }),
}));
vi.mock("./useHierarchy.js", async (original) => ({
  ...(await original<typeof import("./useHierarchy.js")>()),
  useChainQueries: () => new Map([VALLEY, EAST, TRANSMISSION].map((c) => [c.chainId, queriesOf(c.chainId)])),
}));

import { checkRedispatch, Redispatch } from "./Redispatch.js";

function show(acting = true) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Redispatch acting={acting} />
    </QueryClientProvider>,
  );
}

const DONE = PurchaseState.PURCHASE_STATE_DONE;
const CANCELLED = PurchaseState.PURCHASE_STATE_CANCELLED;

beforeEach(() => {
  h.cancelRemote.mockReset();
  h.cancelFailure = "";
  h.states = new Map(ROUTE.map((id) => [id, DONE]));
});
afterEach(cleanup);

describe("redispatch across the grids", () => {
  it("checks the form as the chain does: a purchase id <chain-id>/<number>, a reason of at most 256 bytes", () => {
    expect(checkRedispatch({ purchaseId: " gridledger-local-valley-1/4 ", reason: " congestion " })).toEqual({ input: { purchaseId: "gridledger-local-valley-1/4", reason: "congestion" } });
    expect(checkRedispatch({ purchaseId: "4", reason: "" }).error).toMatch(/<buyer's chain-id>\/<number>/);
    expect(checkRedispatch({ purchaseId: "a/b", reason: "" }).error).toMatch(/<buyer's chain-id>\/<number>/);
    expect(checkRedispatch({ purchaseId: "c/1", reason: "é".repeat(129) }).error).toMatch(/at most 256 bytes/);
  });

  it("is the grid operator's only", () => {
    const { container } = show(false);
    expect(container.textContent).toBe("");
  });

  it("signs MsgCancelRemote with the id and reason and follows the cancel on every chain of the path until it is cancelled everywhere", async () => {
    h.cancelRemote.mockImplementation(async () => {
      h.states.set(TRANSMISSION.chainId, PurchaseState.PURCHASE_STATE_CANCELLING);
      return { stage: CancelStage.CANCEL_STAGE_REQUEST, compensation: 500_000n };
    });
    show();
    fireEvent.change(screen.getByLabelText("Purchase id"), { target: { value: "gridledger-local-valley-1/4" } });
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "congestion east" } });
    fireEvent.click(screen.getByRole("button", { name: "Cancel across the grids" }));
    await waitFor(() => expect(screen.getByTestId("cancel-outcome").textContent).toMatch(/^Cancelling purchase gridledger-local-valley-1\/4/));
    expect(h.cancelRemote).toHaveBeenCalledWith("grid1tso", "gridledger-local-valley-1/4", "congestion east");
    for (const id of ROUTE) h.states.set(id, CANCELLED);
    await waitFor(() => expect(screen.getByTestId("cancel-outcome").textContent).toMatch(/is cancelled on every chain/), { timeout: 5_000 });
    expect(screen.getAllByRole("listitem").map((li) => li.getAttribute("data-state"))).toEqual(["cancelled", "cancelled", "cancelled"]);
    // The operator is not the buyer: the list names the buyer's chain and says nothing of "your wallet".
    expect(screen.getAllByRole("listitem")[0]?.textContent).toMatch(/^Buyer's chain /);
    expect(screen.queryByText(/in your wallet/)).toBeNull();
  });

  it("says a refused cancel changed nothing, counting only a refusal recorded after it was sent", async () => {
    h.cancelFailure = "timeout";
    h.cancelHeight = 10n; // an earlier cancel's refusal: not this one's answer
    h.cancelRemote.mockImplementation(async () => ({ stage: CancelStage.CANCEL_STAGE_REQUEST, compensation: 0n }));
    show();
    fireEvent.change(screen.getByLabelText("Purchase id"), { target: { value: "gridledger-local-valley-1/4" } });
    fireEvent.click(screen.getByRole("button", { name: "Cancel across the grids" }));
    await waitFor(() => expect(screen.getByTestId("cancel-outcome").textContent).toMatch(/^Cancelling/));
    h.cancelHeight = 20n;
    await waitFor(() => expect(screen.getByTestId("cancel-outcome").textContent).toMatch(/refused the cancel or it timed out; nothing was cancelled/), { timeout: 5_000 });
  });

  it("shows the chain's refusal as a sentence and follows nothing", async () => {
    h.cancelRemote.mockRejectedValue(new Error("failed to execute message; message index: 0: the purchase is not done on this chain [gridledger/interchain/x/interchain/types/errors.go:38] With gas wanted: 1: interchain error 50"));
    show();
    fireEvent.change(screen.getByLabelText("Purchase id"), { target: { value: "gridledger-local-valley-1/4" } });
    fireEvent.click(screen.getByRole("button", { name: "Cancel across the grids" }));
    await waitFor(() => expect(screen.getByText("The purchase was not cancelled.")).toBeDefined());
    expect(screen.queryByTestId("cancel-outcome")).toBeNull();
  });
});
