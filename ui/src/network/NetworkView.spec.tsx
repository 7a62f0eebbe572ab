import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { statusFixture } from "./fixtures.js";
import { NetworkProvider } from "./NetworkProvider.js";
import { NetworkView } from "./NetworkView.js";

const network = {
  version: 1,
  name: "default",
  chains: [
    { name: "transmission", chainId: "gridledger-transmission-1", level: "transmission", rpc: "http://127.0.0.1:26657", rest: "http://127.0.0.1:1317", demoAccounts: [] },
    { name: "regional-east", chainId: "gridledger-regional-east-1", level: "distribution", parent: "transmission", rpc: "http://127.0.0.1:26667", rest: "http://127.0.0.1:1327", demoAccounts: [] },
  ],
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function stubServer(status: () => Response) {
  const calls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      calls.push(url);
      if (url.endsWith("network.json")) return json(network);
      if (url.endsWith("status.json")) return status();
      throw new TypeError("Failed to fetch"); // the chains' RPC: nothing runs in this test
    }),
  );
  return calls;
}

function renderView() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <NetworkProvider>
        <NetworkView />
      </NetworkProvider>
    </QueryClientProvider>,
  );
}

describe("the Network view", () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("shows gridnet's status as a tree, naming the network", async () => {
    stubServer(() => json(statusFixture()));
    renderView();
    expect(await screen.findByRole("heading", { level: 1, name: "Network “default”" })).toBeTruthy();
    const east = await screen.findByRole("region", { name: "Chain regional-east" });
    expect(east.querySelector(".height")?.textContent).toBe("640");
    expect(screen.getByRole("region", { name: "Relayer" })).toBeTruthy();
    expect(screen.getAllByRole("region", { name: /^Chain / })).toHaveLength(4);
  });

  it("falls back to the chains' RPC when the page has no gridnet status, and shows a chain that does not answer as down", async () => {
    const calls = stubServer(() => new Response("no gridnet network", { status: 404 }));
    renderView();
    const root = await screen.findByRole("region", { name: "Chain transmission" });
    expect(await within(root).findByText(/Its RPC at http:\/\/127\.0\.0\.1:26657 does not answer/)).toBeTruthy();
    expect(root.getAttribute("data-health")).toBe("down");
    expect(screen.getByText(/not served by gridnet/)).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Relayer" })).toBeNull();
    expect(calls.some((u) => u.startsWith("http://127.0.0.1:26657"))).toBe(true);
  });

  it("says why when the status cannot be read", async () => {
    stubServer(() => new Response("gridledger UI server: boom", { status: 500, headers: { "content-type": "text/plain" } }));
    renderView();
    const alert = await screen.findByRole("alert", {}, { timeout: 5_000 }); // read twice (retry: 1) before the error shows
    expect(alert.textContent).toContain("The network's status could not be read.");
    expect(alert.textContent).toContain("HTTP 500");
  });

  it("keeps the place of the tree while the first status loads", async () => {
    stubServer(() => json(statusFixture()));
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL) => (String(input).endsWith("network.json") ? json(network) : new Promise<Response>(() => undefined))),
    );
    renderView();
    const loading = await screen.findByText("Reading the network's status…");
    expect((loading as HTMLElement).style.minHeight).toBe("20rem");
  });
});
