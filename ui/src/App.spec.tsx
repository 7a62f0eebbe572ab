import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { App } from "./App.js";

describe("the app without a network", () => {
  beforeEach(() => {
    localStorage.clear();
    vi.stubGlobal("fetch", vi.fn(async () => new Response("not found", { status: 404 })));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("asks for a chain, and says what is wrong with one entered badly", async () => {
    render(<App />);
    const intro = await screen.findByText((_, el) => el?.tagName === "P" && (el.textContent ?? "").startsWith("No local network is served with this page"));
    expect(intro.textContent).toContain("npm start");
    fireEvent.change(screen.getByLabelText("Chain id"), { target: { value: "gridledger-dev-1" } });
    fireEvent.change(screen.getByLabelText("RPC URL"), { target: { value: "127.0.0.1:26657" } });
    fireEvent.click(screen.getByRole("button", { name: "Use this chain" }));
    expect(screen.getByRole("alert").textContent).toBe("The RPC URL must start with http:// or https:// (e.g. http://127.0.0.1:26657).");
  });
});
